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
	setenv("MLCERT_NOW", "1780315200", 1); /* 2026-06-01 12:00 UTC */
	act(w, ACTION_DASHBOARD);
	act(w, ACTION_SET_EXAM_DATE);
	assert_int_equal(w->app->prompt.kind, APP_PROMPT_EXAM_DATE);
	type(w, "2026-12-15");
	act(w, ACTION_OPEN);
	assert_int_equal(w->app->prompt.kind, APP_PROMPT_NONE);
	assert_int_equal(w->study->exam_date, 1797292800); /* 2026-12-15 00:00 UTC */
	act(w, ACTION_SET_EXAM_DATE);
	app_dispatch(w->app, ACTION_PROMPT_CHAR, 'x');
	act(w, ACTION_OPEN);
	assert_non_null(strstr(w->app->status, "is not a date"));
	act(w, ACTION_CLOSE);
	assert_int_equal(w->app->prompt.kind, APP_PROMPT_NONE);
	unsetenv("MLCERT_NOW");
}

/* A refused date says why and keeps the prompt with what was typed, so the
 * next keys mend it instead of vanishing; a day before today is refused. */
static void test_exam_date_prompt_refuses_and_stays(void **state)
{
	struct world *w = *state;
	setenv("MLCERT_NOW", "1780315200", 1); /* 2026-06-01 12:00 UTC */
	act(w, ACTION_DASHBOARD);
	act(w, ACTION_SET_EXAM_DATE);
	type(w, "2025-13-45");
	act(w, ACTION_OPEN);
	assert_int_equal(w->app->prompt.kind, APP_PROMPT_EXAM_DATE);
	assert_string_equal(w->app->prompt.text, "2025-13-45");
	assert_true(w->app->status_is_error);
	assert_string_equal(w->app->status, "'2025-13-45' is not a date: type it as YYYY-MM-DD");
	assert_int_equal(w->study->exam_date, 0);
	act(w, ACTION_PROMPT_CLEAR);
	type(w, "2026-05-31");
	act(w, ACTION_OPEN);
	assert_int_equal(w->app->prompt.kind, APP_PROMPT_EXAM_DATE);
	assert_string_equal(w->app->status, "2026-05-31 is in the past: the exam date is today or later");
	act(w, ACTION_PROMPT_ERASE);
	act(w, ACTION_PROMPT_ERASE); /* "2026-05-" */
	type(w, "06-01");
	assert_string_equal(w->app->prompt.text, "2026-05-06-01");
	act(w, ACTION_PROMPT_CLEAR);
	type(w, "2026-06-01"); /* today */
	act(w, ACTION_OPEN);
	assert_int_equal(w->app->prompt.kind, APP_PROMPT_NONE);
	assert_int_equal(w->study->exam_date, 1780272000);
	assert_string_equal(w->app->status, "Exam date set to 2026-06-01");
	assert_int_equal(w->app->view, APP_VIEW_DASHBOARD); /* the keys are the dashboard's again */
	unsetenv("MLCERT_NOW");
}


/* Each presentation of a question shows its choices in a new order, and a
 * letter chooses the choice shown at it. */
static void test_choices_are_shuffled_per_presentation(void **state)
{
	struct world *w = *state;
	setenv("MLCERT_NOW", "1767261600", 1); /* seeded from the clock: the same run, the same orders */
	act(w, ACTION_MOVE_DOWN); /* beta: q-multi, three choices */
	act(w, ACTION_FOCUS_PREV);
	struct choice_order orders[8];
	size_t distinct = 0;
	for (int k = 0; k < 8; k++) {
		struct choice_order o = w->app->quiz.order;
		assert_int_equal(o.count, 3);
		bool known = false;
		for (size_t d = 0; d < distinct; d++)
			known |= memcmp(orders[d].at, o.at, 3) == 0;
		if (!known)
			orders[distinct++] = o;
		/* the letter at position 0 chooses the choice shown there */
		app_dispatch(w->app, ACTION_CHOOSE, 0);
		assert_int_equal(w->app->quiz.chosen.bits, 1u << o.at[0]);
		app_dispatch(w->app, ACTION_CHOOSE, 0); /* toggled off again */
		act(w, ACTION_NEXT_QUESTION); /* one question in beta: shown again */
	}
	assert_true(distinct >= 3);
	/* the page letters them by position */
	const struct manfmt_page *page = app_quiz_page(w->app);
	const struct content_question *q = app_current_question(w->app);
	char want[64];
	snprintf(want, sizeof want, "[ ] a. %s", q->choices[w->app->quiz.order.at[0]].text);
	bool found = false;
	for (size_t i = 0; i < page->count; i++)
		found |= strcmp(page->lines[i].text, want) == 0;
	assert_true(found);
	unsetenv("MLCERT_NOW");
}

/* u asks first; any key but y keeps the answer; y takes it back with an
 * appended event, and the question shows unanswered again. Nothing to undo
 * is a message. */
static void test_undo_the_last_answer(void **state)
{
	struct world *w = *state;
	act(w, ACTION_FOCUS_PREV);
	act(w, ACTION_UNDO);
	assert_int_equal(w->app->prompt.kind, APP_PROMPT_NONE);
	assert_string_equal(w->app->status, "Nothing to undo: no answer since the last undo or mock exam");
	const struct content_question *q = app_current_question(w->app);
	choose(w, 1); /* wrong */
	act(w, ACTION_OPEN);
	assert_true(w->app->quiz.submitted);
	assert_int_equal(w->study->questions[q->index].attempts, 1);
	act(w, ACTION_UNDO);
	assert_int_equal(w->app->prompt.kind, APP_PROMPT_CONFIRM);
	assert_string_equal(w->app->confirm.question,
			    "Undo your wrong answer to \"Which one?\"? y: yes, other keys: no");
	app_dispatch(w->app, ACTION_CLOSE, 0); /* Esc: kept */
	assert_int_equal(w->app->prompt.kind, APP_PROMPT_NONE);
	assert_string_equal(w->app->status, "Nothing changed");
	assert_int_equal(w->study->questions[q->index].attempts, 1);
	act(w, ACTION_UNDO);
	app_dispatch(w->app, ACTION_PROMPT_CHAR, 'y');
	assert_string_equal(w->app->status, "Answer undone: that question is as it was before you answered it");
	assert_int_equal(w->study->questions[q->index].attempts, 0);
	assert_false(w->study->questions[q->index].has_memory);
	assert_false(w->app->quiz.submitted);
	assert_int_equal(w->app->quiz.chosen.bits, 0);
	struct study_stats st;
	study_domain_stats(w->study, -1, &st);
	assert_int_equal(st.answers, 0);
	/* the journal keeps both lines; a replay agrees */
	struct study *again = study_new(w->pack);
	struct diag_list d;
	diag_list_init(&d);
	assert_true(journal_replay(w->journal, study_apply, again, &d));
	assert_int_equal(again->questions[q->index].attempts, 0);
	assert_int_equal(again->answer_count, 0);
	study_free(again);
	diag_list_free(&d);
	act(w, ACTION_UNDO);
	assert_string_equal(w->app->status, "Nothing to undo: no answer since the last undo or mock exam");
	/* answered again, right this time: counted once */
	choose(w, 0);
	act(w, ACTION_OPEN);
	assert_true(w->app->quiz.right);
	assert_int_equal(w->study->questions[q->index].attempts, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		APP_TEST(test_quiz_single_answer_right_and_guessed),
		APP_TEST(test_quiz_multiple_select_wrong),
		APP_TEST(test_answers_reach_the_journal),
		APP_TEST(test_review_session_and_exam_date_prompt),
		APP_TEST(test_choices_are_shuffled_per_presentation),
		APP_TEST(test_undo_the_last_answer),
		APP_TEST(test_exam_date_prompt_refuses_and_stays),
	};
	return cmocka_run_group_tests_name("app_quiz", tests, NULL, NULL);
}
