/* plain: sessions line by line, answers saved before they are confirmed,
 * prose wrapped with its paragraphs and bullets. */
#include <locale.h>
#include <string.h>

#include "fixtures.h"
#include "mlcert/exam.h"
#include "mlcert/plain.h"
#include "testing.h"

struct run {
	char *out;
	size_t len;
	int status;
};

/* Runs plain mode over pack with input typed in; journal may be NULL. */
static struct run run_plain(const struct content_pack *pack, struct study *study, struct journal *journal,
			    enum plain_mode mode, const char *id, const char *input)
{
	struct run r = {0};
	char typed[256];
	snprintf(typed, sizeof typed, "%s", input);
	FILE *in = fmemopen(typed, strlen(typed), "r");
	FILE *out = open_memstream(&r.out, &r.len);
	assert_non_null(in);
	assert_non_null(out);
	struct plain_session s = {.pack = pack, .log = {journal, study}, .new_per_day = 10, .in = in, .out = out};
	r.status = plain_run(&s, mode, id);
	fclose(in);
	fclose(out);
	return r;
}

static void test_answer_refused_then_saved(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, true);
	struct study *st = study_new(fx.pack);
	setenv("MLCERT_SHUFFLE", "off", 1); /* a script that answers by letter: the pack's order */
	struct run r = run_plain(fx.pack, st, NULL, PLAIN_QUESTION, "q-multi", "z\na\na,c\n");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "Question 1 of 1 (Beta domain). Choose two.\nWhich two? (Choose two.)\n"));
	assert_non_null(strstr(r.out, "a) first\nb) second\nc) third\n"));
	assert_non_null(strstr(r.out, "Not an answer: type the letter of a choice."));
	assert_non_null(strstr(r.out, "This question wants 2 choices; you gave 1."));
	assert_non_null(strstr(r.out, "Saved. Right: a, c."));
	assert_non_null(strstr(r.out, "b) wrong: no\n"));
	assert_non_null(strstr(r.out, "Why:\n  Two rules.\n"));
	const struct content_question *q = content_find_question(fx.pack, "q-multi");
	assert_int_equal(st->questions[q->index].attempts, 1);
	assert_int_equal(st->questions[q->index].last_correct, 1);
	free(r.out);
	/* a single-select question takes one letter */
	r = run_plain(fx.pack, st, NULL, PLAIN_QUESTION, "q-single", "a b\nb\n\n");
	assert_non_null(strstr(r.out, "Choose one letter."));
	assert_non_null(strstr(r.out, "Saved. Wrong: the answer is a."));
	free(r.out);
	unsetenv("MLCERT_SHUFFLE");
	study_free(st);
	fixture_free(&fx);
}

static void test_unknown_ids_and_end_of_input(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, true);
	struct study *st = study_new(fx.pack);
	struct run r = run_plain(fx.pack, st, NULL, PLAIN_TOPIC, "nope", "");
	assert_int_equal(r.status, 2);
	free(r.out);
	r = run_plain(fx.pack, st, NULL, PLAIN_QUESTION, "nope", "");
	assert_int_equal(r.status, 2);
	free(r.out);
	/* end of input stops cleanly: nothing answered */
	r = run_plain(fx.pack, st, NULL, PLAIN_TOPIC, "alpha", "");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "1 question (domain alpha)"));
	assert_non_null(strstr(r.out, "Session over: 0 of 1 questions."));
	free(r.out);
	study_free(st);
	fixture_free(&fx);
}

static void test_prose_keeps_paragraphs_and_bullets(void **state)
{
	(void)state;
	static const char pack_yaml[] =
		"id: p\ntitle: P\nguide_version: '1'\nas_of: 2026-01-01\n"
		"exam: {questions: 1, minutes: 1}\ndomains: [{id: d, title: D, weight: 100}]\n";
	static const char units[] =
		"topics:\n  - id: t\n    title: T\n    domain: d\n    name: t - a topic\n"
		"    description: x\n    as_of: 2026-01-01\n"
		"questions:\n  - id: q\n    domain: d\n    topics: [t]\n    stem: Pick one.\n"
		"    choices:\n      - {text: yes, correct: true, why: right}\n      - {text: no, why: wrong}\n"
		"    explanation: |\n      Two things matter:\n      - the first thing, said at enough length that it has"
		" to wrap onto a second line in plain mode\n      - the second\n\n      Then a paragraph.\n";
	const struct content_buffer files[] = {{"pack.yaml", pack_yaml, sizeof pack_yaml - 1},
					       {"u.yaml", units, sizeof units - 1}};
	struct diag_list d;
	diag_list_init(&d);
	struct content_pack *pack = content_load_buffers("mem", files, 2, &d);
	assert_true(check_pack(pack, &d));
	struct study *st = study_new(pack);
	struct run r = run_plain(pack, st, NULL, PLAIN_QUESTION, "q", "a\n\n");
	assert_non_null(strstr(r.out, "Why:\n  Two things matter:\n"
				      "  - the first thing, said at enough length that it has to wrap onto a second\n"
				      "    line in plain mode\n"
				      "  - the second\n"
				      "\n  Then a paragraph.\n"));
	free(r.out);
	study_free(st);
	content_pack_free(pack);
	diag_list_free(&d);
}

static void test_exam_pauses_and_scores(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, true);
	struct study *st = study_new(fx.pack);
	setenv("MLCERT_NOW", "1767261600", 1);
	struct run r = run_plain(fx.pack, st, NULL, PLAIN_EXAM, NULL, "s\nq\n");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "Mock exam: 2 questions, 10 minutes."));
	assert_non_null(strstr(r.out, "Exam paused with 0 answered"));
	assert_true(st->exam.active);
	free(r.out);
	/* resumed: both skipped, scored as they stand */
	r = run_plain(fx.pack, st, NULL, PLAIN_EXAM, NULL, "s\ns\n");
	assert_non_null(strstr(r.out, "Resuming your unfinished mock exam: 0 answered"));
	assert_non_null(strstr(r.out, "Score: 0 of 2 right (0%); 0 answered."));
	/* the report's promise is true to the letter: unanswered ones are not reviews */
	assert_non_null(strstr(r.out, "The 2 unanswered are not in your review queue"));
	assert_false(st->exam.active);
	assert_int_equal(st->exam_count, 1);
	assert_int_equal(st->answer_count, 0);
	free(r.out);
	unsetenv("MLCERT_NOW");
	study_free(st);
	fixture_free(&fx);
}

/* The letters a session prints for q's choices, in order ("first" at a...). */
static void printed_order(const char *out, const struct content_question *q, unsigned at[8])
{
	for (unsigned i = 0; i < q->choices_count; i++) {
		char line[128];
		for (unsigned p = 0; p < q->choices_count; p++) {
			snprintf(line, sizeof line, "\n%c) %s\n", 'a' + p, q->choices[i].text);
			if (strstr(out, line))
				at[p] = i;
		}
	}
}

/* Letters follow the shuffle: a run at a given clock prints the choices in
 * the order its seed gives, answers by those letters, and the feedback
 * names them; another clock, another order. */
static void test_choices_shuffled_and_letters_follow(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, true);
	struct study *st = study_new(fx.pack);
	const struct content_question *q = content_find_question(fx.pack, "q-multi");
	unsigned orders[6][8];
	size_t distinct = 0;
	for (int k = 0; k < 6; k++) {
		char now[32];
		snprintf(now, sizeof now, "%d", 1767261600 + k);
		setenv("MLCERT_NOW", now, 1);
		/* the session's first presentation: seed of (now, 1) */
		struct choice_order o = choice_order_shuffled(3, choice_seed(1767261600 + k, (uint64_t)1 << 24 ^ (uint64_t)q->index));
		char input[16];
		snprintf(input, sizeof input, "%c%c\n", 'a' + choice_order_position(&o, 0), 'a' + choice_order_position(&o, 2));
		struct run r = run_plain(fx.pack, st, NULL, PLAIN_QUESTION, "q-multi", input);
		unsigned at[8] = {9, 9, 9};
		printed_order(r.out, q, at);
		for (unsigned p = 0; p < 3; p++)
			assert_int_equal(at[p], o.at[p]);
		assert_non_null(strstr(r.out, "Saved. Right: "));
		char feedback[64];
		snprintf(feedback, sizeof feedback, "%c) right, your choice: yes\n", 'a' + choice_order_position(&o, 0));
		assert_non_null(strstr(r.out, feedback));
		bool known = false;
		for (size_t d = 0; d < distinct; d++)
			known |= memcmp(orders[d], at, 3 * sizeof at[0]) == 0;
		if (!known)
			memcpy(orders[distinct++], at, 3 * sizeof at[0]);
		free(r.out);
	}
	assert_true(distinct >= 3);
	assert_int_equal(st->questions[q->index].attempts, 6);
	unsetenv("MLCERT_NOW");
	study_free(st);
	fixture_free(&fx);
}

/* d at an exam question asks; n keeps the exam; d then y throws it away
 * with nothing of it kept. */
static void test_exam_discarded(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, true);
	struct study *st = study_new(fx.pack);
	setenv("MLCERT_NOW", "1767261600", 1);
	setenv("MLCERT_SHUFFLE", "off", 1);
	/* the exam the clock's seed draws: its first question answered, then paused */
	struct exam *x = exam_new(fx.pack, 1767261600, 1767261600);
	bool multi_first = fx.pack->questions[x->questions[0]]->type == QUESTION_MULTIPLE;
	exam_free(x);
	struct run r = run_plain(fx.pack, st, NULL, PLAIN_EXAM, NULL, multi_first ? "a c\nq\n" : "a\nq\n");
	assert_non_null(strstr(r.out, "Exam paused with 1 answered"));
	free(r.out);
	assert_true(st->exam.active);
	r = run_plain(fx.pack, st, NULL, PLAIN_EXAM, NULL, "d\nn\nd\ny\n");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "q to pause, d to discard the exam: "));
	assert_non_null(strstr(r.out, "Discard this exam and all its answers? (y/n): Kept: the exam goes on."));
	assert_non_null(strstr(r.out, "Exam discarded with its 1 answer: none of them count."));
	assert_false(st->exam.active);
	assert_int_equal(st->exams_discarded, 1);
	assert_int_equal(st->exam_count, 0);
	assert_int_equal(st->answer_count, 0);
	free(r.out);
	unsetenv("MLCERT_SHUFFLE");
	unsetenv("MLCERT_NOW");
	study_free(st);
	fixture_free(&fx);
}

/* Time warnings as lines, like the full-screen clock's. */
static void test_exam_time_warning(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, true);
	struct study *st = study_new(fx.pack);
	setenv("MLCERT_NOW", "1767261600", 1);
	struct run r = run_plain(fx.pack, st, NULL, PLAIN_EXAM, NULL, "q\n");
	assert_null(strstr(r.out, "Warning")); /* ten minutes: under 15 from the start, no warning */
	free(r.out);
	setenv("MLCERT_NOW", "1767265200", 1); /* an hour later: paused, so the clock did not run */
	struct journal_event pause = answer_event(JOURNAL_EXAM_PAUSE, "fixture");
	pause.time = 1767265200;
	pause.value = 330; /* 4:30 left */
	study_apply(st, &pause);
	r = run_plain(fx.pack, st, NULL, PLAIN_EXAM, NULL, "q\n");
	assert_non_null(strstr(r.out, "Warning: 5 minutes left on the exam clock."));
	free(r.out);
	unsetenv("MLCERT_NOW");
	study_free(st);
	fixture_free(&fx);
}

/* u at the next question takes back the answer before it (asking first)
 * and asks that question again. */
static void test_undo_at_the_prompt(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, true);
	struct study *st = study_new(fx.pack);
	setenv("MLCERT_SHUFFLE", "off", 1);
	/* the review queue: both new; q-single wrong, then undone, then right */
	struct run r = run_plain(fx.pack, st, NULL, PLAIN_REVIEW, NULL, "u\nb\nu\nn\nu\ny\na\n\n");
	assert_non_null(strstr(r.out, "Nothing to undo: no answer since the last undo or mock exam."));
	assert_non_null(strstr(r.out, "Saved. Wrong: the answer is a."));
	assert_non_null(strstr(r.out, ", u to undo your last answer: "));
	assert_non_null(strstr(r.out, "Undo your wrong answer to \"Which one?\"? (y/n): Kept."));
	assert_non_null(strstr(r.out, "Undone: that answer no longer counts."));
	assert_non_null(strstr(r.out, "Saved. Right: a."));
	const struct content_question *q = content_find_question(fx.pack, "q-single");
	assert_int_equal(st->questions[q->index].attempts, 1);
	assert_int_equal(st->questions[q->index].last_correct, 1);
	/* q-single asked twice, as question 1 both times */
	const char *first = strstr(r.out, "Question 1 of 2"), *second = first ? strstr(first + 1, "Question 1 of 2") : NULL;
	assert_non_null(second);
	free(r.out);
	unsetenv("MLCERT_SHUFFLE");
	study_free(st);
	fixture_free(&fx);
}

int main(void)
{
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "en_US.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_answer_refused_then_saved),
		cmocka_unit_test(test_unknown_ids_and_end_of_input),
		cmocka_unit_test(test_prose_keeps_paragraphs_and_bullets),
		cmocka_unit_test(test_exam_pauses_and_scores),
		cmocka_unit_test(test_choices_shuffled_and_letters_follow),
		cmocka_unit_test(test_exam_discarded),
		cmocka_unit_test(test_exam_time_warning),
		cmocka_unit_test(test_undo_at_the_prompt),
	};
	return cmocka_run_group_tests_name("plain", tests, NULL, NULL);
}
