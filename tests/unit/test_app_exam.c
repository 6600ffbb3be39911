/* app_exam: the mock exam through every stage, its clock, its page and its report. */
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
	/* the third row says what is below (issue 16): two rows of the page */
	act(w, ACTION_BOTTOM);
	assert_int_equal(w->app->exam.top, page->count - 2); /* the last line on the last row of the page */
	act(w, ACTION_PAGE_DOWN);
	assert_int_equal(w->app->exam.top, page->count - 2);
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
	/* four rows of report, the fifth says what is above or below (issue 16) */
	for (int i = 0; i < 20; i++)
		act(w, ACTION_MOVE_DOWN);
	assert_int_equal(w->app->overlay_top, 8);
	act(w, ACTION_PAGE_UP);
	assert_int_equal(w->app->overlay_top, 4);
	w->app->overlay_lines = 4; /* all of it fits: nothing to scroll */
	act(w, ACTION_TOP);
	act(w, ACTION_MOVE_DOWN);
	assert_int_equal(w->app->overlay_top, 0);
}


int main(void)
{
	const struct CMUnitTest tests[] = {
		APP_TEST(test_mock_exam_flow_and_expiry),
		APP_TEST(test_submit_warns_then_scores),
		APP_TEST(test_exam_page_scrolls_to_its_last_line),
		APP_TEST(test_report_scroll_is_bounded),
	};
	return cmocka_run_group_tests_name("app_exam", tests, NULL, NULL);
}
