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
	/* answered today: it comes back with that answer shown (issue 14) */
	assert_true(w->app->quiz.submitted);
	assert_true(w->app->quiz.earlier);
	assert_int_equal(w->app->quiz.chosen.bits, 1);
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

enum { DAY0 = 1767261600 }; /* 2026-01-01 10:00 UTC */

static void at_day(int day, int seconds)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%d", DAY0 + day * 86400 + seconds);
	setenv("MLCERT_NOW", buf, 1);
}

/* Puts the tree's cursor on topic-one (alpha, area-one, topic-one). */
static void to_topic_one(struct world *w)
{
	act(w, ACTION_OPEN);
	act(w, ACTION_MOVE_DOWN);
	act(w, ACTION_MOVE_DOWN);
	assert_string_equal(w->pack->topics[cursor_row(w)->index]->id, "topic-one");
}

static void answer(struct world *w, int choice_bits)
{
	for (int i = 0; i < 8; i++)
		if (choice_bits & (1 << i))
			choose(w, (unsigned)i);
	act(w, ACTION_OPEN);
	assert_true(w->app->quiz.submitted);
}

/* The quiz keeps its question per topic and domain while the tree moves. */
static void test_position_kept_per_scope(void **state)
{
	struct world *w = *state;
	to_topic_one(w);
	assert_int_equal(w->app->quiz.count, 2);
	assert_int_equal(w->app->quiz.pos, 0);
	act(w, ACTION_FOCUS_PREV); /* the quiz */
	act(w, ACTION_NEXT_QUESTION);
	assert_int_equal(w->app->quiz.pos, 1);
	act(w, ACTION_FOCUS_NEXT); /* the tree */
	act(w, ACTION_MOVE_UP);    /* area-one: its own questions, its own place */
	assert_int_equal(w->app->quiz.scope.kind, APP_NODE_TOPIC);
	assert_int_equal(w->app->quiz.pos, 0);
	act(w, ACTION_MOVE_DOWN); /* back on topic-one: where it was, not question 1 */
	assert_int_equal(w->app->quiz.pos, 1);
	assert_string_equal(app_current_question(w->app)->id, "q-multi");
	char title[256], right[64];
	app_quiz_header(w->app, title, sizeof title, right, sizeof right);
	assert_string_equal(title, "Quiz: Topic one");
	assert_string_equal(right, "2/2");
}

/* A question answered today shows that answer; answering again is an
 * explicit retry, recorded as practice: no figure moves. */
static void test_answered_today_and_retry(void **state)
{
	struct world *w = *state;
	at_day(0, 0);
	to_topic_one(w);
	act(w, ACTION_FOCUS_PREV);
	const struct content_question *q = app_current_question(w->app);
	assert_string_equal(q->id, "q-single");
	answer(w, 2); /* b: wrong */
	assert_false(w->app->quiz.right);
	act(w, ACTION_NEXT_QUESTION);
	act(w, ACTION_PREV_QUESTION); /* revisited: the answer and its feedback */
	assert_true(w->app->quiz.submitted);
	assert_true(w->app->quiz.earlier);
	assert_int_equal(w->app->quiz.chosen.bits, 2);
	const struct manfmt_page *page = app_quiz_page(w->app);
	assert_non_null(strstr(page->lines[1].text, "Not quite: the answer is a."));
	assert_non_null(strstr(page->lines[2].text, "Your answer today"));
	app_dispatch(w->app, ACTION_CHOOSE, 0); /* not a silent second answer */
	assert_int_equal(w->app->quiz.chosen.bits, 2);
	assert_non_null(strstr(w->app->status, "practice, not counted"));
	act(w, ACTION_RETRY);
	assert_false(w->app->quiz.submitted);
	assert_true(w->app->quiz.retrying);
	answer(w, 1); /* a: right, as practice */
	assert_true(w->app->quiz.right);
	assert_true(w->app->quiz.practice);
	assert_non_null(strstr(w->app->status, "Practice, not counted"));
	const struct study_question *p = &w->study->questions[q->index];
	assert_int_equal(p->attempts, 1);
	assert_int_equal(p->right, 0);
	assert_int_equal(p->last_correct, 0);
	struct study_stats st;
	study_domain_stats(w->study, -1, &st);
	assert_int_equal(st.answers, 1);
	assert_int_equal(st.right, 0);
	act(w, ACTION_MARK_EASY); /* marks are for counted answers */
	assert_int_equal(p->last_rating, 1);
	/* the retry is kept: it is what comes back, and it is in the journal */
	act(w, ACTION_NEXT_QUESTION);
	act(w, ACTION_PREV_QUESTION);
	assert_true(w->app->quiz.practice);
	assert_int_equal(w->app->quiz.chosen.bits, 1);
	struct study *again = study_new(w->pack);
	struct diag_list diags;
	diag_list_init(&diags);
	assert_true(journal_replay(w->journal, study_apply, again, &diags));
	assert_int_equal(again->questions[q->index].practices, 1);
	assert_int_equal(again->questions[q->index].attempts, 1);
	study_free(again);
	diag_list_free(&diags);
	/* the next day it is a question like any other: answering counts */
	at_day(1, 0);
	act(w, ACTION_NEXT_QUESTION);
	act(w, ACTION_PREV_QUESTION);
	assert_false(w->app->quiz.submitted);
	answer(w, 1);
	assert_int_equal(p->attempts, 2);
	unsetenv("MLCERT_NOW");
}

/* A review round: "Review k of n", the question's topic in the reader, a
 * lapse coming back at the end as a relearning step, and the end. */
static void test_review_round_with_relearning(void **state)
{
	struct world *w = *state;
	at_day(0, 0);
	to_topic_one(w);
	act(w, ACTION_FOCUS_PREV);
	answer(w, 1);     /* q-single right: due in 2 days */
	act(w, ACTION_OPEN);
	answer(w, 5);     /* q-multi right (a, c) */
	at_day(30, 0);    /* both due */
	act(w, ACTION_FOCUS_NEXT);
	act(w, ACTION_REVIEW);
	assert_int_equal(w->app->quiz.scope.kind, APP_NODE_REVIEW);
	assert_int_equal(w->app->focus, APP_FOCUS_QUIZ);
	char title[256], right[64];
	app_quiz_header(w->app, title, sizeof title, right, sizeof right);
	assert_string_equal(title, "Review 1 of 2");
	assert_string_equal(right, "0 done, 2 left");
	const struct content_question *first = app_current_question(w->app);
	assert_false(w->app->quiz.submitted); /* due: asked afresh */
	/* the reader shows the question's own topic */
	assert_int_equal(w->app->reader.shown.kind, APP_NODE_TOPIC);
	assert_int_equal(w->app->reader.shown.index, first->topic_index[0]);
	assert_non_null(strstr(app_quiz_page(w->app)->lines[1].text, "Topic: "));
	/* wrong: a lapse, back later in this round */
	answer(w, first->type == QUESTION_MULTIPLE ? 3 : 2);
	assert_int_equal(w->app->quiz.count, 3);
	assert_non_null(strstr(w->app->status, "comes back later in this review"));
	app_quiz_header(w->app, title, sizeof title, right, sizeof right);
	assert_string_equal(title, "Review 1 of 3");
	assert_string_equal(right, "1 done, 2 left");
	act(w, ACTION_OPEN);
	const struct content_question *second = app_current_question(w->app);
	assert_true(second != first);
	answer(w, second->correct.bits);
	act(w, ACTION_OPEN);
	/* the relearning step: the same question, asked afresh though answered today */
	assert_true(app_current_question(w->app) == first);
	assert_false(w->app->quiz.submitted);
	app_quiz_header(w->app, title, sizeof title, right, sizeof right);
	assert_string_equal(title, "Review 3 of 3");
	answer(w, first->correct.bits);
	assert_int_equal(w->study->questions[first->index].state, FSRS_REVIEW);
	assert_int_equal(w->study->questions[first->index].attempts, 3); /* it counted */
	act(w, ACTION_OPEN); /* past the end */
	assert_true(w->app->quiz.finished);
	assert_null(app_current_question(w->app));
	app_quiz_header(w->app, title, sizeof title, right, sizeof right);
	assert_string_equal(title, "Review done");
	char summary[1024];
	app_review_summary(w->app, summary, sizeof summary);
	assert_non_null(strstr(summary, "Review done: 3 answered, 2 right; 1 lapse came back the same day (relearning).\n"));
	assert_non_null(strstr(summary, "Next reviews: 1 due tomorrow (Sun 2026-02-01)."));
	/* Esc leaves the review: the quiz is the tree's node's again */
	act(w, ACTION_CLOSE);
	assert_int_equal(w->app->quiz.scope.kind, APP_NODE_TOPIC);
	act(w, ACTION_REVIEW); /* nothing left today */
	assert_int_equal(w->app->quiz.scope.kind, APP_NODE_TOPIC);
	assert_non_null(strstr(w->app->status, "Nothing to review today"));
	unsetenv("MLCERT_NOW");
}

/* Esc leaves a round, R comes back to it; t reads the question's topic
 * full width and Back returns to the question. */
static void test_review_leave_return_and_topic(void **state)
{
	struct world *w = *state;
	at_day(0, 0);
	act(w, ACTION_REVIEW); /* two new questions */
	assert_int_equal(w->app->quiz.count, 2);
	answer(w, app_current_question(w->app)->correct.bits);
	act(w, ACTION_OPEN);
	assert_int_equal(w->app->quiz.pos, 1);
	app_reader_page(w->app); /* drawn, as on screen: the reader shows the topic already */
	act(w, ACTION_OPEN_TOPIC);
	assert_true(w->app->reader.full_width);
	assert_int_equal(w->app->focus, APP_FOCUS_READER);
	int topic = app_current_question(w->app)->topic_index[0];
	assert_int_equal(w->app->reader.shown.index, topic);
	act(w, ACTION_BACK);
	assert_false(w->app->reader.full_width);
	assert_int_equal(w->app->focus, APP_FOCUS_QUIZ);
	assert_int_equal(w->app->quiz.scope.kind, APP_NODE_REVIEW);
	/* Enter in the reader, which shows the question's topic, opens it too */
	act(w, ACTION_FOCUS_PREV);
	assert_int_equal(w->app->focus, APP_FOCUS_READER);
	act(w, ACTION_OPEN);
	assert_true(w->app->reader.full_width);
	act(w, ACTION_CLOSE); /* Esc there: back to the question as well */
	assert_false(w->app->reader.full_width);
	assert_int_equal(w->app->focus, APP_FOCUS_QUIZ);
	assert_int_equal(w->app->quiz.scope.kind, APP_NODE_REVIEW);
	act(w, ACTION_CLOSE);
	assert_int_equal(w->app->quiz.scope.kind, APP_NODE_DOMAIN);
	assert_non_null(strstr(w->app->status, "Left the review with 1 of 2 done"));
	act(w, ACTION_REVIEW);
	assert_int_equal(w->app->quiz.scope.kind, APP_NODE_REVIEW);
	assert_int_equal(w->app->quiz.pos, 1);
	assert_int_equal(w->app->review.answered, 1);
	char title[256], right[64];
	app_quiz_header(w->app, title, sizeof title, right, sizeof right);
	assert_string_equal(title, "Review 2 of 2");
	/* a move in the tree leaves the round too, and says so */
	act(w, ACTION_FOCUS_NEXT);
	act(w, ACTION_MOVE_DOWN);
	assert_int_equal(w->app->quiz.scope.kind, APP_NODE_DOMAIN);
	assert_non_null(strstr(w->app->status, "Left the review with 1 of 2 done"));
	act(w, ACTION_REVIEW);
	assert_int_equal(w->app->quiz.pos, 1);
	/* the first entry, done in this round, shows its answer; a retry of it
	 * is practice, in a review too */
	act(w, ACTION_PREV_QUESTION);
	assert_true(w->app->quiz.submitted);
	const struct content_question *q = app_current_question(w->app);
	act(w, ACTION_RETRY);
	answer(w, q->correct.bits);
	assert_true(w->app->quiz.practice);
	assert_int_equal(w->study->questions[q->index].attempts, 1);
	assert_int_equal(w->study->questions[q->index].practices, 1);
	assert_int_equal(w->app->review.answered, 1);
	unsetenv("MLCERT_NOW");
}

/* What the dashboard's first line says. */
static void test_next_step(void **state)
{
	struct world *w = *state;
	at_day(0, 0);
	char buf[256];
	app_next_step(w->app, buf, sizeof buf);
	assert_string_equal(buf, "Now: nothing due; ? for 2 new questions; no exam date (? sets it)");
	act(w, ACTION_REVIEW);
	answer(w, 2); /* q-single wrong: due tomorrow */
	act(w, ACTION_OPEN);
	answer(w, 5);
	at_day(1, 0);
	char why[256];
	assert_true(answer_set_exam_date(&w->app->log, (int64_t)(DAY0 / 86400 + 24) * 86400, why, sizeof why));
	app_next_step(w->app, buf, sizeof buf);
	assert_string_equal(buf, "Now: ? for 1 review due; exam in 23 days");
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

/* u in a review round takes back a lapse: the round goes back to that
 * entry, the relearning step it added is gone, and the counts drop it. */
static void test_undo_in_a_review_round(void **state)
{
	struct world *w = *state;
	at_day(0, 0);
	to_topic_one(w);
	act(w, ACTION_FOCUS_PREV);
	answer(w, 1);  /* q-single right */
	act(w, ACTION_OPEN);
	answer(w, 5);  /* q-multi right */
	at_day(30, 0); /* both due */
	act(w, ACTION_FOCUS_NEXT);
	act(w, ACTION_REVIEW);
	const struct content_question *first = app_current_question(w->app);
	answer(w, first->type == QUESTION_MULTIPLE ? 3 : 2); /* wrong: a relearning step is added */
	assert_int_equal(w->app->quiz.count, 3);
	act(w, ACTION_OPEN); /* on to the second entry */
	assert_int_equal(w->app->quiz.pos, 1);
	act(w, ACTION_UNDO);
	assert_int_equal(w->app->prompt.kind, APP_PROMPT_CONFIRM);
	app_dispatch(w->app, ACTION_PROMPT_CHAR, 'y');
	assert_int_equal(w->app->quiz.count, 2);
	assert_int_equal(w->app->quiz.pos, 0);
	assert_true(app_current_question(w->app) == first);
	assert_false(w->app->quiz.submitted);
	assert_int_equal(w->app->review.answered, 0);
	assert_int_equal(w->app->review.relearned, 0);
	assert_non_null(strstr(w->app->status, "back to that question of the review"));
	char title[256], right[64];
	app_quiz_header(w->app, title, sizeof title, right, sizeof right);
	assert_string_equal(title, "Review 1 of 2");
	assert_string_equal(right, "0 done, 2 left");
	answer(w, first->correct.bits);
	act(w, ACTION_OPEN);
	answer(w, app_current_question(w->app)->correct.bits);
	act(w, ACTION_OPEN);
	assert_true(w->app->quiz.finished);
	char summary[1024];
	app_review_summary(w->app, summary, sizeof summary);
	assert_non_null(strstr(summary, "Review done: 2 answered, 2 right.\n"));
	assert_int_equal(w->study->questions[first->index].attempts, 2);
	unsetenv("MLCERT_NOW");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		APP_TEST(test_quiz_single_answer_right_and_guessed),
		APP_TEST(test_quiz_multiple_select_wrong),
		APP_TEST(test_answers_reach_the_journal),
		APP_TEST(test_review_session_and_exam_date_prompt),
		APP_TEST(test_position_kept_per_scope),
		APP_TEST(test_answered_today_and_retry),
		APP_TEST(test_review_round_with_relearning),
		APP_TEST(test_review_leave_return_and_topic),
		APP_TEST(test_next_step),
		APP_TEST(test_undo_in_a_review_round),
		APP_TEST(test_choices_are_shuffled_per_presentation),
		APP_TEST(test_undo_the_last_answer),
		APP_TEST(test_exam_date_prompt_refuses_and_stays),
	};
	return cmocka_run_group_tests_name("app_quiz", tests, NULL, NULL);
}
