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
	/* the first question answered right: every correct choice, wherever it is shown */
	const struct content_question *first = w->pack->questions[x->questions[0]];
	for (unsigned c = 0; c < first->choices_count; c++)
		if (choice_set_has(first->correct, c))
			exam_pick(w, c);
	assert_int_equal(exam_answered(x), 1);
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
	/* only the answered question became an answer (right: not due today); the
	 * unanswered one is still new (issue 14: unanswered ones used to count as wrong) */
	size_t due, fresh;
	app_review_counts(resumed, &due, &fresh);
	assert_int_equal(fresh, 1);
	assert_int_equal(due, 0);
	assert_int_equal(again->questions[first->index].attempts, 1);
	assert_int_equal(again->questions[first->index].last_correct, 1);
	assert_int_equal(again->questions[0].attempts + again->questions[1].attempts, 1);
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
	/* both unanswered: wrong in the score, but no answers (issue 14; they used to count as two) */
	assert_int_equal(st.answers, 0);
	assert_int_equal(st.right, 0);
	assert_int_equal(st.questions_seen, 0);
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

/* Lets the journal grow by at most bytes more (a full disk); -1 lifts it. */
static void limit_journal(struct world *w, long bytes)
{
	const char *path = journal_path(w->app->log.journal); /* this device's journal */
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

/* Lines of the journal holding word. */
static size_t journal_count(struct world *w, const char *word)
{
	char line[512];
	FILE *f = fopen(journal_path(w->app->log.journal), "r");
	if (!f)
		return 0;
	size_t n = 0;
	while (fgets(line, sizeof line, f))
		n += strstr(line, word) != NULL;
	fclose(f);
	return n;
}

static bool page_has(const struct manfmt_page *page, const char *text)
{
	for (size_t i = 0; i < page->count; i++)
		if (strstr(page->lines[i].text, text))
			return true;
	return false;
}

/* As the real exam: no domain on the question (a setting shows it); a
 * strike (x, then a letter) dims a choice and is journaled, not an answer;
 * a multiple-select question with one of two picks stays unanswered. */
static void test_exam_page_strikes_and_incomplete(void **state)
{
	struct world *w = *state;
	setenv("MLCERT_NOW", "1767261600", 1);
	act(w, ACTION_EXAM);
	act(w, ACTION_OPEN);
	struct exam *x = w->app->exam.exam;
	const struct content_question *q = w->pack->questions[x->questions[x->pos]];
	assert_false(page_has(app_exam_page(w->app), q->domain_index == 0 ? "Alpha domain" : "Beta domain"));
	assert_true(page_has(app_exam_page(w->app), "Question 1 of 2"));
	/* strike the first wrong choice */
	unsigned wrong = 0;
	while (choice_set_has(q->correct, wrong))
		wrong++;
	act(w, ACTION_STRIKE);
	assert_true(w->app->exam.striking);
	assert_non_null(strstr(w->app->status, "Strike out which choice?"));
	app_dispatch(w->app, ACTION_CHOOSE, (int)choice_order_position(&x->orders[x->pos], wrong));
	assert_false(w->app->exam.striking);
	assert_true(choice_set_has(x->struck[x->pos], wrong));
	assert_int_equal(x->picks[x->pos].bits, 0); /* not an answer */
	assert_int_equal(journal_count(w, " exam-strike "), 1);
	char mark[16];
	snprintf(mark, sizeof mark, "%s %c. ", q->type == QUESTION_MULTIPLE ? "[-]" : "(-)",
		 letter_of(&x->orders[x->pos], wrong));
	const struct manfmt_page *page = app_exam_page(w->app);
	bool struck_line = false;
	for (size_t i = 0; i < page->count; i++)
		struck_line |= strstr(page->lines[i].text, mark) && page->lines[i].style == MANFMT_STRUCK;
	assert_true(struck_line);
	/* the strike key lasts one key: the next letter chooses */
	act(w, ACTION_STRIKE);
	act(w, ACTION_NEXT_QUESTION); /* never mind */
	assert_false(w->app->exam.striking);
	/* to the multiple-select question: one pick of two is incomplete */
	x->pos = 0;
	while (w->pack->questions[x->questions[x->pos]]->type != QUESTION_MULTIPLE)
		x->pos++;
	exam_pick(w, 0);
	assert_int_equal(exam_answered(x), 0);
	assert_int_equal(exam_incomplete(x), 1);
	/* with the setting, the domain is named */
	act(w, ACTION_QUIT);
	w->app->options.exam_domains = true;
	act(w, ACTION_EXAM);
	assert_int_equal(w->app->exam.stage, APP_EXAM_RESUME); /* paused: offered, not jumped into */
	act(w, ACTION_OPEN);
	q = w->pack->questions[x->questions[x->pos]];
	assert_true(page_has(app_exam_page(w->app), "Beta domain"));
	/* a resume keeps the strikes (from the journal, for a new app too) */
	act(w, ACTION_QUIT);
	struct study *again = study_new(w->pack);
	struct diag_list d;
	diag_list_init(&d);
	assert_true(journal_replay(w->journal, study_apply, again, &d));
	struct exam *r = exam_resume(w->pack, &again->exam, 1767261600);
	for (size_t i = 0; i < x->count; i++) {
		assert_int_equal(r->struck[i].bits, x->struck[i].bits);
		assert_int_equal(r->picks[i].bits, x->picks[i].bits);
		assert_memory_equal(r->orders[i].at, x->orders[i].at, x->orders[i].count);
	}
	exam_free(r);
	study_free(again);
	diag_list_free(&d);
	unsetenv("MLCERT_NOW");
}

/* Warnings at 15 and 5 minutes left: a tick that crosses one sets an error
 * status that ticks do not clear; none for a threshold the exam is shorter than. */
static void test_time_warnings(void **state)
{
	struct world *w = *state;
	setenv("MLCERT_NOW", "1767261600", 1);
	act(w, ACTION_EXAM);
	act(w, ACTION_OPEN); /* the fixture's exam lasts 10 minutes: no 15-minute warning */
	assert_int_equal(w->app->exam.warned, 1);
	assert_string_equal(w->app->status, "");
	setenv("MLCERT_NOW", "1767261840", 1); /* 6 minutes left */
	app_dispatch(w->app, ACTION_TICK, 0);
	assert_string_equal(w->app->status, "");
	setenv("MLCERT_NOW", "1767261900", 1); /* 5 minutes left */
	assert_int_equal(app_dispatch(w->app, ACTION_TICK, 0), APP_REDRAW);
	assert_string_equal(w->app->status, "Warning: 5 minutes left on the exam clock");
	assert_true(w->app->status_is_error);
	setenv("MLCERT_NOW", "1767261901", 1);
	app_dispatch(w->app, ACTION_TICK, 0); /* a tick is not a key: the warning stays */
	assert_string_equal(w->app->status, "Warning: 5 minutes left on the exam clock");
	act(w, ACTION_MOVE_DOWN); /* a key: it goes */
	assert_string_equal(w->app->status, "");
	app_dispatch(w->app, ACTION_TICK, 0);
	assert_string_equal(w->app->status, ""); /* once only */
	unsetenv("MLCERT_NOW");
}

/* A paused exam can be thrown away: the resume screen asks first; no
 * leaves it; y records a discard and nothing of the exam counts. */
static void test_paused_exam_discarded(void **state)
{
	struct world *w = *state;
	setenv("MLCERT_NOW", "1767261600", 1);
	act(w, ACTION_EXAM);
	act(w, ACTION_OPEN);
	struct exam *x = w->app->exam.exam;
	const struct content_question *q = w->pack->questions[x->questions[0]];
	for (unsigned c = 0; c < q->choices_count; c++)
		if (choice_set_has(q->correct, c))
			exam_pick(w, c);
	act(w, ACTION_QUIT); /* paused */
	act(w, ACTION_EXAM);
	assert_int_equal(w->app->exam.stage, APP_EXAM_RESUME);
	act(w, ACTION_DISCARD_EXAM);
	assert_int_equal(w->app->prompt.kind, APP_PROMPT_CONFIRM);
	assert_non_null(strstr(w->app->confirm.question, "Discard this exam and its 1 answer?"));
	app_dispatch(w->app, ACTION_PROMPT_CHAR, 'n'); /* anything but y keeps it */
	assert_int_equal(w->app->prompt.kind, APP_PROMPT_NONE);
	assert_true(w->study->exam.active);
	assert_int_equal(journal_count(w, " exam-discard "), 0);
	act(w, ACTION_DISCARD_EXAM);
	app_dispatch(w->app, ACTION_PROMPT_CHAR, 'y');
	assert_false(w->study->exam.active);
	assert_null(w->app->exam.exam);
	assert_int_equal(w->app->view, APP_VIEW_MAIN);
	assert_string_equal(w->app->status, "Exam discarded: none of its answers count");
	assert_int_equal(journal_count(w, " exam-discard "), 1);
	assert_int_equal(journal_count(w, " answer "), 0);
	struct study_stats st;
	study_domain_stats(w->study, -1, &st);
	assert_int_equal(st.answers, 0);
	assert_int_equal(w->study->exam_count, 0);
	/* the next X offers a new exam, not a resume */
	act(w, ACTION_EXAM);
	assert_int_equal(w->app->exam.stage, APP_EXAM_INTRO);
	act(w, ACTION_DISCARD_EXAM);
	assert_string_equal(w->app->status, "No exam to discard");
	unsetenv("MLCERT_NOW");
}

/* Finish exams and come back to them: the history lists them newest first,
 * each report opens again and goes back to the list. The review filters. */
static void test_history_and_review_filters(void **state)
{
	struct world *w = *state;
	setenv("MLCERT_NOW", "1767261600", 1);
	/* exam 1: nothing answered */
	act(w, ACTION_EXAM);
	act(w, ACTION_OPEN);
	act(w, ACTION_SUBMIT_EXAM);
	act(w, ACTION_CONFIRM);
	act(w, ACTION_QUIT);
	/* exam 2: the first question wrong and flagged */
	setenv("MLCERT_NOW", "1767348000", 1);
	act(w, ACTION_EXAM);
	act(w, ACTION_OPEN);
	struct exam *x = w->app->exam.exam;
	const struct content_question *q = w->pack->questions[x->questions[0]];
	struct choice_set wrong = {0};
	for (unsigned c = 0; c < q->choices_count && choice_set_count(wrong) < choice_set_count(q->correct); c++)
		if (!choice_set_has(q->correct, c) || choice_set_count(wrong) + 1 < choice_set_count(q->correct))
			wrong = choice_set_with(wrong, c);
	for (unsigned c = 0; c < q->choices_count; c++)
		if (choice_set_has(wrong, c))
			exam_pick(w, c);
	act(w, ACTION_FLAG);
	assert_int_equal(exam_answered(x), 1);
	act(w, ACTION_SUBMIT_EXAM);
	act(w, ACTION_CONFIRM);
	assert_int_equal(w->app->exam.stage, APP_EXAM_REPORT);
	assert_ptr_equal(app_exam_shown(w->app), x);
	/* the review: wrong only, then flagged only, then unanswered only */
	act(w, ACTION_REVIEW_FILTER);
	assert_int_equal(w->app->exam.stage, APP_EXAM_REVIEW);
	assert_int_equal(w->app->exam.filter, APP_EXAM_WRONG);
	assert_int_equal(x->pos, 0);
	act(w, ACTION_NEXT_QUESTION); /* no other wrong one */
	assert_int_equal(x->pos, 0);
	assert_non_null(strstr(w->app->status, "That was the last of the wrong answers"));
	act(w, ACTION_REVIEW_FILTER);
	assert_int_equal(w->app->exam.filter, APP_EXAM_FLAGGED);
	assert_int_equal(x->pos, 0);
	act(w, ACTION_REVIEW_FILTER);
	assert_int_equal(w->app->exam.filter, APP_EXAM_UNANSWERED);
	assert_int_equal(x->pos, 1);
	assert_true(app_exam_filter_matches(x, APP_EXAM_UNANSWERED, 1));
	assert_false(app_exam_filter_matches(x, APP_EXAM_UNANSWERED, 0));
	act(w, ACTION_PREV_QUESTION); /* nothing unanswered before it */
	assert_int_equal(x->pos, 1);
	act(w, ACTION_QUIT);
	assert_int_equal(w->app->exam.stage, APP_EXAM_REPORT);
	/* the history: newest first */
	act(w, ACTION_EXAM_HISTORY);
	assert_int_equal(w->app->exam.stage, APP_EXAM_HISTORY);
	assert_int_equal(w->study->exam_count, 2);
	act(w, ACTION_MOVE_DOWN); /* the older one */
	act(w, ACTION_OPEN);
	assert_int_equal(w->app->exam.stage, APP_EXAM_REPORT);
	const struct exam *past = app_exam_shown(w->app);
	assert_ptr_not_equal(past, x);
	assert_int_equal(past->right, 0);
	assert_int_equal(exam_answered(past), 0);
	assert_int_equal(past->submitted, 1767261600);
	act(w, ACTION_OPEN); /* its review */
	assert_int_equal(w->app->exam.stage, APP_EXAM_REVIEW);
	assert_non_null(app_exam_page(w->app));
	act(w, ACTION_QUIT);
	act(w, ACTION_QUIT); /* back to the list, not out */
	assert_int_equal(w->app->exam.stage, APP_EXAM_HISTORY);
	assert_null(w->app->exam.past);
	act(w, ACTION_OPEN); /* the newest, when the cursor is on it */
	act(w, ACTION_QUIT);
	act(w, ACTION_MOVE_UP);
	act(w, ACTION_OPEN);
	assert_int_equal(app_exam_shown(w->app)->submitted, 1767348000);
	assert_int_equal(app_exam_shown(w->app)->right, 0);
	assert_true(app_exam_shown(w->app)->flags[0]);
	act(w, ACTION_QUIT);
	act(w, ACTION_QUIT); /* out of the history: nothing is open, so the intro */
	assert_int_equal(w->app->exam.stage, APP_EXAM_INTRO);
	act(w, ACTION_OPEN); /* a new exam, not the finished one */
	assert_false(w->app->exam.exam->finished);
	unsetenv("MLCERT_NOW");
}

/* A finished exam with no questions left (a finish without items, or a
 * pack that lost them all) opens, says so, and is not reviewed. */
static void test_empty_exam_from_history(void **state)
{
	struct world *w = *state;
	struct journal_event fin = answer_event(JOURNAL_EXAM_FINISH, "fixture");
	fin.time = 1767261600;
	study_apply(w->study, &fin);
	assert_int_equal(w->study->exam_count, 1);
	act(w, ACTION_EXAM);
	act(w, ACTION_EXAM_HISTORY);
	act(w, ACTION_OPEN);
	assert_int_equal(w->app->exam.stage, APP_EXAM_REPORT);
	assert_int_equal(app_exam_shown(w->app)->count, 0);
	act(w, ACTION_OPEN);
	assert_int_equal(w->app->exam.stage, APP_EXAM_REPORT);
	assert_string_equal(w->app->status, "This exam has no questions to review");
	assert_null(app_exam_page(w->app));
	act(w, ACTION_REVIEW_FILTER);
	assert_int_equal(w->app->exam.stage, APP_EXAM_REPORT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		APP_TEST(test_mock_exam_flow_and_expiry),
		APP_TEST(test_submit_warns_then_scores),
		APP_TEST(test_exam_page_scrolls_to_its_last_line),
		APP_TEST(test_report_scroll_is_bounded),
		APP_TEST(test_exam_page_strikes_and_incomplete),
		APP_TEST(test_time_warnings),
		APP_TEST(test_paused_exam_discarded),
		APP_TEST(test_history_and_review_filters),
		APP_TEST(test_empty_exam_from_history),
		APP_TEST(test_submit_not_saved_shows_no_score),
		APP_TEST(test_not_saved_is_remembered),
	};
	return cmocka_run_group_tests_name("app_exam", tests, NULL, NULL);
}
