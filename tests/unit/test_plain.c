/* plain: sessions line by line, answers saved before they are confirmed,
 * prose wrapped with its paragraphs and bullets. */
#include <locale.h>
#include <string.h>

#include "fixtures.h"
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

int main(void)
{
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "en_US.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_answer_refused_then_saved),
		cmocka_unit_test(test_unknown_ids_and_end_of_input),
		cmocka_unit_test(test_prose_keeps_paragraphs_and_bullets),
		cmocka_unit_test(test_exam_pauses_and_scores),
	};
	return cmocka_run_group_tests_name("plain", tests, NULL, NULL);
}
