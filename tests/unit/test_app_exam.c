/* app_exam: the mock exam through every stage, its clock, its page and its report. */
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "app_fixture.h"

static void test_mock_exam_flow_and_expiry(void **state)
{
	struct world *w = *state;
	setenv("MLCERT_NOW", "1767261600", 1);
	assert_int_equal(act(w, ACTION_EXAM), APP_REDRAW);
	assert_int_equal(w->app->view, APP_VIEW_EXAM);
	assert_int_equal(w->app->exam.stage, APP_EXAM_INTRO);
	act(w, ACTION_OPEN);
	assert_int_equal(w->app->exam.stage, APP_EXAM_RUNNING);
	struct exam *x = w->app->exam.exam;
	assert_int_equal(x->count, 2); /* the pack's exam asks 4, it has 2 */
	assert_true(app_wants_tick(w->app));
	app_dispatch(w->app, ACTION_CHOOSE, 0);
	act(w, ACTION_FLAG);
	assert_true(x->flags[0]);
	assert_non_null(app_exam_page(w->app));
	act(w, ACTION_NAVIGATOR);
	assert_int_equal(w->app->exam.stage, APP_EXAM_NAVIGATOR);
	act(w, ACTION_MOVE_DOWN);
	act(w, ACTION_OPEN); /* jump to question 2 */
	assert_int_equal(x->pos, 1);
	assert_int_equal(w->app->exam.stage, APP_EXAM_RUNNING);

	/* Leaving pauses: a fresh app over the same journal offers to resume it. */
	act(w, ACTION_QUIT);
	assert_int_equal(w->app->view, APP_VIEW_MAIN);
	struct study *again = study_new(w->pack);
	struct diag_list d;
	diag_list_init(&d);
	assert_true(journal_replay(w->journal, study_apply, again, &d));
	assert_true(again->exam.active);
	struct app *resumed = app_new(w->pack, again, w->journal, NULL);
	assert_int_equal(resumed->view, APP_VIEW_EXAM);
	assert_int_equal(resumed->exam.stage, APP_EXAM_RESUME);
	app_set_geometry(resumed, &geometry);
	app_dispatch(resumed, ACTION_CONFIRM, 0);
	assert_int_equal(resumed->exam.stage, APP_EXAM_RUNNING);
	assert_int_equal(exam_answered(resumed->exam.exam), 1);
	assert_true(resumed->exam.exam->flags[0]);

	/* Time runs out: the next tick submits and shows the report. */
	setenv("MLCERT_NOW", "1767262300", 1); /* 700 s later; the limit is 600 */
	assert_int_equal(app_dispatch(resumed, ACTION_TICK, 0), APP_REDRAW);
	assert_int_equal(resumed->exam.stage, APP_EXAM_REPORT);
	assert_true(resumed->exam.exam->timed_out);
	assert_false(again->exam.active);
	assert_int_equal(again->exam_count, 1);
	/* every exam question became an answer, reviewed just now: none new, none due today */
	size_t due, fresh;
	app_review_counts(resumed, &due, &fresh);
	assert_int_equal(fresh, 0);
	assert_int_equal(due, 0);
	assert_int_equal(again->questions[0].attempts + again->questions[1].attempts, 2);
	app_dispatch(resumed, ACTION_OPEN, 0); /* review each question */
	assert_int_equal(resumed->exam.stage, APP_EXAM_REVIEW);
	const struct manfmt_page *page = app_exam_page(resumed);
	assert_true(page->count > 3);
	app_dispatch(resumed, ACTION_QUIT, 0);
	assert_int_equal(resumed->exam.stage, APP_EXAM_REPORT);
	app_dispatch(resumed, ACTION_QUIT, 0);
	assert_int_equal(resumed->view, APP_VIEW_MAIN);
	app_free(resumed);
	study_free(again);
	diag_list_free(&d);
	unsetenv("MLCERT_NOW");
}

static void test_submit_warns_then_scores(void **state)
{
	struct world *w = *state;
	act(w, ACTION_EXAM);
	act(w, ACTION_OPEN);
	act(w, ACTION_SUBMIT_EXAM);
	assert_int_equal(w->app->exam.stage, APP_EXAM_CONFIRM);
	act(w, ACTION_NEXT_QUESTION); /* n: keep going */
	assert_int_equal(w->app->exam.stage, APP_EXAM_RUNNING);
	act(w, ACTION_SUBMIT_EXAM);
	act(w, ACTION_CONFIRM);
	assert_int_equal(w->app->exam.stage, APP_EXAM_REPORT);
	assert_int_equal(w->app->exam.exam->right, 0);
	struct study_stats st;
	study_domain_stats(w->study, -1, &st);
	assert_int_equal(st.answers, 2); /* both, unanswered, count as wrong answers */
	assert_int_equal(st.right, 0);
}

static void test_exam_page_scrolls_to_its_last_line(void **state)
{
	struct world *w = *state;
	struct app_geometry small = geometry;
	small.page_width = 30;
	small.page_rows = 3;
	app_set_geometry(w->app, &small);
	act(w, ACTION_EXAM);
	act(w, ACTION_OPEN);
	const struct manfmt_page *page = app_exam_page(w->app);
	assert_int_equal(w->app->exam.page_width, 30); /* laid out where it is drawn */
	assert_true(page->count > 3);
	act(w, ACTION_BOTTOM);
	assert_int_equal(w->app->exam.top, page->count - 3); /* the last line on the last row */
	act(w, ACTION_PAGE_DOWN);
	assert_int_equal(w->app->exam.top, page->count - 3);
	act(w, ACTION_TOP);
	act(w, ACTION_MOVE_DOWN);
	assert_int_equal(w->app->exam.top, 1);
}

static void test_report_scroll_is_bounded(void **state)
{
	struct world *w = *state;
	act(w, ACTION_EXAM);
	act(w, ACTION_OPEN);
	act(w, ACTION_SUBMIT_EXAM);
	act(w, ACTION_CONFIRM);
	assert_int_equal(w->app->exam.stage, APP_EXAM_REPORT);
	struct app_geometry small = geometry;
	small.list_rows = 5;
	app_set_geometry(w->app, &small);
	w->app->overlay_lines = 12; /* as the UI counts the report */
	for (int i = 0; i < 20; i++)
		act(w, ACTION_MOVE_DOWN);
	assert_int_equal(w->app->overlay_top, 7);
	act(w, ACTION_PAGE_UP);
	assert_int_equal(w->app->overlay_top, 2);
	w->app->overlay_lines = 4; /* all of it fits: nothing to scroll */
	act(w, ACTION_TOP);
	act(w, ACTION_MOVE_DOWN);
	assert_int_equal(w->app->overlay_top, 0);
}

/* Lets the journal grow by at most bytes more (a full disk); -1 lifts it. */
static void limit_journal(struct world *w, long bytes)
{
	char path[128];
	snprintf(path, sizeof path, "%s/fixture.journal", w->dir);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	signal(SIGXFSZ, SIG_IGN);
	struct rlimit r = {bytes < 0 ? RLIM_INFINITY : (rlim_t)(st.st_size + bytes), RLIM_INFINITY};
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &r), 0);
}

/* A submit that was not saved shows no score: the confirmation stays, with
 * NOT SAVED, the exam open as the journal has it, to be submitted again. */
static void test_submit_not_saved_shows_no_score(void **state)
{
	struct world *w = *state;
	setenv("MLCERT_NOW", "1767261600", 1);
	act(w, ACTION_EXAM);
	act(w, ACTION_OPEN);
	app_dispatch(w->app, ACTION_CHOOSE, 0);
	act(w, ACTION_SUBMIT_EXAM);
	assert_false(w->app->not_saved);
	limit_journal(w, 60);
	act(w, ACTION_CONFIRM);
	limit_journal(w, -1);
	assert_int_equal(w->app->exam.stage, APP_EXAM_CONFIRM);
	assert_false(w->app->exam.exam->finished);
	assert_true(app_wants_tick(w->app)); /* its clock still runs */
	assert_true(w->app->status_is_error);
	assert_non_null(strstr(w->app->status, "NOT SAVED, not submitted (? tries again): cannot save progress"));
	assert_true(w->app->not_saved);
	assert_true(w->study->exam.active);
	assert_int_equal(w->study->exam_count, 0);
	/* the clock's tick is no action of the learner's: the message stays on screen */
	app_dispatch(w->app, ACTION_TICK, 0);
	assert_non_null(strstr(w->app->status, "NOT SAVED, not submitted"));
	/* the same when the clock runs out and the tick submits */
	setenv("MLCERT_NOW", "1767262300", 1);
	limit_journal(w, 60);
	assert_int_equal(app_dispatch(w->app, ACTION_TICK, 0), APP_REDRAW);
	limit_journal(w, -1);
	assert_int_equal(w->app->exam.stage, APP_EXAM_CONFIRM);
	assert_int_equal(w->study->exam_count, 0);
	/* with room again, the next tick submits it, time being up */
	app_dispatch(w->app, ACTION_TICK, 0);
	assert_int_equal(w->app->exam.stage, APP_EXAM_REPORT);
	assert_true(w->app->exam.exam->finished);
	assert_string_equal(w->app->status, "Time is up: the exam was submitted as it stood");
	assert_int_equal(w->study->exam_count, 1);
	unsetenv("MLCERT_NOW");
}

/* Anything not saved is remembered for the exit status; a saved event does not clear it. */
static void test_not_saved_is_remembered(void **state)
{
	struct world *w = *state;
	open_topic_one(w);
	act(w, ACTION_FOCUS_NEXT); /* the quiz */
	app_dispatch(w->app, ACTION_CHOOSE, 0);
	limit_journal(w, 0);
	act(w, ACTION_OPEN);
	limit_journal(w, -1);
	assert_true(w->app->not_saved);
	assert_non_null(strstr(w->app->status, "NOT SAVED"));
	act(w, ACTION_OPEN);
	assert_null(strstr(w->app->status, "NOT SAVED"));
	assert_true(w->app->not_saved);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		APP_TEST(test_mock_exam_flow_and_expiry),
		APP_TEST(test_submit_warns_then_scores),
		APP_TEST(test_exam_page_scrolls_to_its_last_line),
		APP_TEST(test_report_scroll_is_bounded),
		APP_TEST(test_submit_not_saved_shows_no_score),
		APP_TEST(test_not_saved_is_remembered),
	};
	return cmocka_run_group_tests_name("app_exam", tests, NULL, NULL);
}
