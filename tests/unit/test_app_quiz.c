/* app_quiz: choosing, submitting, marking, the journal, and review sessions. */
#include "app_fixture.h"

static void test_quiz_single_answer_right_and_guessed(void **state)
{
	struct world *w = *state;
	act(w, ACTION_FOCUS_PREV); /* tree -> quiz */
	assert_int_equal(w->app->focus, APP_FOCUS_QUIZ);
	const struct content_question *q = app_current_question(w->app);
	assert_string_equal(q->id, "q-single");
	assert_int_equal(act(w, ACTION_OPEN), APP_REDRAW); /* nothing chosen: refused */
	assert_false(w->app->quiz.submitted);
	choose(w, 1);
	choose(w, 0); /* single select: replaces */
	assert_int_equal(w->app->quiz.chosen.bits, 1);
	act(w, ACTION_OPEN);
	assert_true(w->app->quiz.submitted);
	assert_true(w->app->quiz.right);
	assert_int_equal(w->study->questions[q->index].attempts, 1);
	assert_int_equal(w->study->questions[q->index].last_rating, 3);
	act(w, ACTION_MARK_GUESSED);
	assert_int_equal(w->study->questions[q->index].last_rating, 2);
	choose(w, 1); /* locked after submitting */
	assert_int_equal(w->app->quiz.chosen.bits, 1);
	act(w, ACTION_OPEN); /* next question (wraps: one question in alpha) */
	assert_false(w->app->quiz.submitted);
	assert_int_equal(w->app->quiz.chosen.bits, 0);
}

static void test_quiz_multiple_select_wrong(void **state)
{
	struct world *w = *state;
	act(w, ACTION_MOVE_DOWN); /* beta */
	act(w, ACTION_FOCUS_PREV);
	const struct content_question *q = app_current_question(w->app);
	assert_string_equal(q->id, "q-multi");
	choose(w, 0);
	act(w, ACTION_OPEN); /* one of two chosen: refused */
	assert_false(w->app->quiz.submitted);
	assert_non_null(strstr(w->app->status, "wants 2 choices"));
	choose(w, 1);
	app_dispatch(w->app, ACTION_CHOOSE, 9); /* no such choice */
	assert_int_equal(w->app->quiz.chosen.bits, 3);
	act(w, ACTION_OPEN);
	assert_true(w->app->quiz.submitted);
	assert_false(w->app->quiz.right);
	assert_int_equal(w->study->questions[q->index].last_correct, 0);
	assert_int_equal(w->study->questions[q->index].last_rating, 1);
	act(w, ACTION_MARK_EASY); /* only after a right answer */
	assert_int_equal(w->study->questions[q->index].last_rating, 1);
	/* the answer named by the letters this presentation showed */
	const struct manfmt_page *page = app_quiz_page(w->app);
	char a = letter_of(&w->app->quiz.order, 0), c = letter_of(&w->app->quiz.order, 2), want[64];
	snprintf(want, sizeof want, "Not quite: the answer is %c, %c.", a < c ? a : c, a < c ? c : a);
	assert_non_null(strstr(page->lines[1].text, want));
	struct study_stats st;
	study_domain_stats(w->study, 1, &st);
	assert_int_equal(st.answers, 1);
	assert_int_equal(st.right, 0);
	assert_int_equal(st.questions_seen, 1);
}

static void test_answers_reach_the_journal(void **state)
{
	struct world *w = *state;
	act(w, ACTION_FOCUS_PREV);
	choose(w, 0);
	act(w, ACTION_OPEN);
	/* A second study replayed from the file agrees with the live one. */
	struct study *again = study_new(w->pack);
	struct diag_list diags;
	diag_list_init(&diags);
	assert_true(journal_replay(w->journal, study_apply, again, &diags));
	assert_int_equal(diags.count, 0);
	const struct content_question *q = content_find_question(w->pack, "q-single");
	assert_int_equal(again->questions[q->index].attempts, 1);
	assert_int_equal(again->questions[q->index].last_correct, 1);
	study_free(again);
	diag_list_free(&diags);
}

static void test_review_session_and_exam_date_prompt(void **state)
{
	struct world *w = *state;
	act(w, ACTION_REVIEW);
	assert_int_equal(w->app->focus, APP_FOCUS_QUIZ);
	assert_int_equal(w->app->quiz.scope.kind, APP_NODE_REVIEW);
	assert_int_equal(w->app->quiz.count, 2); /* two new ones, under the cap of 10 */
	act(w, ACTION_DASHBOARD);
	act(w, ACTION_SET_EXAM_DATE);
	assert_int_equal(w->app->prompt.kind, APP_PROMPT_EXAM_DATE);
	for (const char *p = "2026-12-15"; *p; p++)
		app_dispatch(w->app, ACTION_PROMPT_CHAR, *p);
	act(w, ACTION_OPEN);
	assert_int_equal(w->app->prompt.kind, APP_PROMPT_NONE);
	assert_int_equal(w->study->exam_date, 1797292800); /* 2026-12-15 00:00 UTC */
	act(w, ACTION_SET_EXAM_DATE);
	app_dispatch(w->app, ACTION_PROMPT_CHAR, 'x');
	act(w, ACTION_OPEN);
	assert_non_null(strstr(w->app->status, "is not a date"));
	act(w, ACTION_CLOSE);
	assert_int_equal(w->app->prompt.kind, APP_PROMPT_NONE);
}


int main(void)
{
	const struct CMUnitTest tests[] = {
		APP_TEST(test_quiz_single_answer_right_and_guessed),
		APP_TEST(test_quiz_multiple_select_wrong),
		APP_TEST(test_answers_reach_the_journal),
		APP_TEST(test_review_session_and_exam_date_prompt),
	};
	return cmocka_run_group_tests_name("app_quiz", tests, NULL, NULL);
}
