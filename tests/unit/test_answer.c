/* answer: selections checked and graded, events journaled before they are
 * applied, an exam's finish saved whole or not at all. */
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixtures.h"
#include "mlcert/answer.h"
#include "mlcert/exam.h"
#include "testing.h"

struct world {
	struct fixture_pack fx;
	struct study *study;
	struct journal *journal;
	struct answer_log log;
	const struct content_question *single, *multi;
	char dir[64], path[256];
};

static int setup(void **state)
{
	struct world *w = calloc(1, sizeof *w);
	fixture_load(&w->fx, NULL, true);
	snprintf(w->dir, sizeof w->dir, "/tmp/mlcert-answer-XXXXXX");
	assert_non_null(mkdtemp(w->dir));
	w->journal = journal_open(w->dir, "fixture", &w->fx.diags);
	assert_non_null(w->journal);
	snprintf(w->path, sizeof w->path, "%s", journal_path(w->journal));
	w->study = study_new(w->fx.pack);
	w->log = (struct answer_log){w->journal, w->study};
	w->single = content_find_question(w->fx.pack, "q-single");
	w->multi = content_find_question(w->fx.pack, "q-multi");
	setenv("MLCERT_NOW", "1767261600", 1);
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	struct world *w = *state;
	remove_tree(w->dir);
	study_free(w->study);
	journal_close(w->journal);
	fixture_free(&w->fx);
	unsetenv("MLCERT_NOW");
	free(w);
	return 0;
}

static size_t journal_lines(const struct world *w)
{
	FILE *f = fopen(w->path, "r");
	assert_non_null(f);
	size_t n = 0;
	for (int c; (c = fgetc(f)) != EOF;)
		n += c == '\n';
	fclose(f);
	return n;
}

static void test_question_types_and_choosing(void **state)
{
	struct world *w = *state;
	assert_int_equal(w->single->type, QUESTION_SINGLE);
	assert_int_equal(w->multi->type, QUESTION_MULTIPLE);
	struct choice_set s = {0};
	assert_true(answer_choose(w->single, &s, 1));
	assert_true(answer_choose(w->single, &s, 0)); /* single select: replaces */
	assert_int_equal(s.bits, 1);
	assert_false(answer_choose(w->single, &s, 2)); /* it has two choices */
	assert_int_equal(s.bits, 1);
	struct choice_set m = {0};
	assert_true(answer_choose(w->multi, &m, 0));
	assert_true(answer_choose(w->multi, &m, 1));
	assert_true(answer_choose(w->multi, &m, 1)); /* multiple select: toggles */
	assert_true(answer_choose(w->multi, &m, 2));
	assert_int_equal(m.bits, 5);
}

static void test_check_and_grade(void **state)
{
	struct world *w = *state;
	assert_int_equal(answer_check(w->single, (struct choice_set){0}), ANSWER_NOTHING_CHOSEN);
	assert_int_equal(answer_check(w->single, (struct choice_set){3}), ANSWER_TOO_MANY);
	assert_int_equal(answer_check(w->single, (struct choice_set){2}), ANSWER_COMPLETE);
	assert_int_equal(answer_check(w->multi, (struct choice_set){1}), ANSWER_WRONG_COUNT);
	assert_int_equal(answer_check(w->multi, (struct choice_set){7}), ANSWER_WRONG_COUNT);
	assert_int_equal(answer_check(w->multi, (struct choice_set){3}), ANSWER_COMPLETE);
	assert_true(answer_is_right(w->single, (struct choice_set){1}));
	assert_false(answer_is_right(w->single, (struct choice_set){2}));
	assert_true(answer_is_right(w->multi, (struct choice_set){5}));
	assert_false(answer_is_right(w->multi, (struct choice_set){3}));
	assert_false(answer_is_right(w->multi, (struct choice_set){1})); /* a subset is not right */
}

static void test_submit_and_rate_are_journaled_then_applied(void **state)
{
	struct world *w = *state;
	char why[256];
	bool right;
	assert_true(answer_submit(&w->log, w->multi, (struct choice_set){3}, &right, why, sizeof why));
	assert_false(right);
	assert_true(answer_submit(&w->log, w->single, (struct choice_set){1}, &right, why, sizeof why));
	assert_true(right);
	assert_true(answer_rate(&w->log, w->single, FSRS_HARD, why, sizeof why));
	const struct study_question *p = &w->study->questions[w->single->index];
	assert_int_equal(p->attempts, 1);
	assert_int_equal(p->last_rating, FSRS_HARD);
	assert_int_equal(w->study->questions[w->multi->index].last_rating, FSRS_AGAIN);
	/* the file says the same: a second study replayed from it agrees */
	assert_int_equal(journal_lines(w), 3);
	struct study *again = study_new(w->fx.pack);
	assert_true(journal_replay(w->journal, study_apply, again, &w->fx.diags));
	assert_int_equal(again->questions[w->single->index].last_rating, FSRS_HARD);
	assert_int_equal(again->questions[w->multi->index].last_correct, 0);
	assert_int_equal(again->questions[w->single->index].last_time, 1767261600);
	study_free(again);
}

static void test_exam_date_recorded_once(void **state)
{
	struct world *w = *state;
	char why[256];
	assert_true(answer_set_exam_date(&w->log, 1797292800, why, sizeof why));
	assert_int_equal(w->study->exam_date, 1797292800);
	assert_true(answer_set_exam_date(&w->log, 1797292800, why, sizeof why)); /* unchanged */
	assert_int_equal(journal_lines(w), 1);
}

/* The exam date as typed: a real day, today or later. */
static void test_exam_date_parsed_and_checked(void **state)
{
	(void)state;
	char why[256];
	int64_t date = -1, today = 1780315200; /* 2026-06-01 12:00 UTC */
	assert_true(answer_parse_exam_date("2026-06-01", today, &date, why, sizeof why));
	assert_int_equal(date, 1780272000); /* that day's midnight: today counts */
	assert_true(answer_parse_exam_date("2028-02-29", today, &date, why, sizeof why));
	date = -1;
	assert_false(answer_parse_exam_date("2026-05-31", today, &date, why, sizeof why));
	assert_string_equal(why, "2026-05-31 is in the past: the exam date is today or later");
	assert_int_equal(date, -1);
	const char *bad[] = {"2025-13-45", "2027-02-29", "2026-6-1", "tomorrow", "", "2026-06-01x"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_false(answer_parse_exam_date(bad[i], today, &date, why, sizeof why));
		assert_non_null(strstr(why, "is not a date: type it as YYYY-MM-DD"));
	}
	assert_false(answer_parse_exam_date("2025-13-45 and a great deal more", today, &date, why, sizeof why));
	assert_string_equal(why, "'2025-13-45 and a...' is not a date: type it as YYYY-MM-DD");
}

static void test_without_a_journal_nothing_is_written(void **state)
{
	struct world *w = *state;
	struct answer_log unsaved = {NULL, w->study};
	struct journal_event e = answer_event(JOURNAL_READ, "topic-one");
	char why[256];
	assert_true(answer_record(&unsaved, &e, why, sizeof why));
	assert_true(w->study->topic_read[content_find_topic(w->fx.pack, "topic-one")->index]);
	assert_int_equal(journal_lines(w), 0);
}

/* Lets the journal grow by at most `bytes` more: later writes fail (EFBIG). */
static void limit_growth(const struct world *w, off_t bytes)
{
	struct stat st;
	assert_int_equal(stat(w->path, &st), 0);
	struct rlimit r = {(rlim_t)(st.st_size + bytes), RLIM_INFINITY};
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &r), 0);
}

static void unlimit(void)
{
	struct rlimit r = {RLIM_INFINITY, RLIM_INFINITY};
	setrlimit(RLIMIT_FSIZE, &r);
}

static void test_unsaved_events_are_not_applied(void **state)
{
	struct world *w = *state;
	signal(SIGXFSZ, SIG_IGN);
	limit_growth(w, 0);
	char why[256] = "";
	bool right;
	assert_false(answer_submit(&w->log, w->single, (struct choice_set){1}, &right, why, sizeof why));
	unlimit();
	assert_non_null(strstr(why, "cannot save progress"));
	assert_int_equal(w->study->questions[w->single->index].attempts, 0);
}

static void test_exam_finish_is_one_write(void **state)
{
	struct world *w = *state;
	signal(SIGXFSZ, SIG_IGN);
	char why[256];
	struct exam *x = exam_new(w->fx.pack, 7, 1767261600);
	assert_int_equal(x->count, 2);
	struct journal_event start = answer_event(JOURNAL_EXAM_START, "fixture");
	start.value = 7;
	assert_true(answer_record(&w->log, &start, why, sizeof why));
	for (size_t i = 0; i < x->count; i++)
		if (w->fx.pack->questions[x->questions[i]] == w->single)
			x->picks[i] = (struct choice_set){1}; /* right; the other is unanswered */
	/* Room for the finish line but not for the answers: nothing is kept. */
	limit_growth(w, 60);
	assert_false(answer_finish_exam(&w->log, x, false, why, sizeof why));
	unlimit();
	assert_false(x->finished); /* open, as the journal has it: no score to show */
	assert_int_equal(w->study->exam_count, 0);
	assert_int_equal(w->study->questions[w->single->index].attempts, 0);
	/* Then with room: the pause, the finish, an item per question and the one answer. */
	assert_true(answer_finish_exam(&w->log, x, false, why, sizeof why));
	assert_int_equal(x->right, 1);
	assert_int_equal(w->study->exam_count, 1);
	assert_int_equal(w->study->exams[0].right, 1);
	assert_int_equal(w->study->exams[0].total, 2);
	assert_int_equal(w->study->questions[w->single->index].last_correct, 1);
	/* the unanswered question is not an answer: still new */
	assert_int_equal(w->study->questions[w->multi->index].last_correct, -1);
	assert_int_equal(w->study->questions[w->multi->index].attempts, 0);
	assert_int_equal(journal_lines(w), 1 + 5); /* the failed attempt left nothing behind */
	assert_false(w->study->exam.active);
	exam_free(x);
}

/* Lines of the journal holding word (" answer ", " exam-item "). */
static size_t lines_with(const struct world *w, const char *word)
{
	FILE *f = fopen(w->path, "r");
	assert_non_null(f);
	char line[512];
	size_t n = 0;
	while (fgets(line, sizeof line, f))
		n += strstr(line, word) != NULL;
	fclose(f);
	return n;
}

static void test_exam_logs_only_what_was_answered(void **state)
{
	struct world *w = *state;
	char why[256];
	struct exam *x = exam_new(w->fx.pack, 3, 1767261600);
	struct journal_event start = answer_event(JOURNAL_EXAM_START, "fixture");
	start.value = 3;
	assert_true(answer_record(&w->log, &start, why, sizeof why));
	for (size_t i = 0; i < x->count; i++)
		if (w->fx.pack->questions[x->questions[i]] == w->multi)
			x->picks[i] = (struct choice_set){1}; /* one of two: incomplete, so unanswered */
	setenv("MLCERT_NOW", "1767262200", 1); /* ten minutes later */
	assert_true(answer_finish_exam(&w->log, x, true, why, sizeof why));
	assert_int_equal(lines_with(w, " answer "), 0);
	assert_int_equal(lines_with(w, " exam-item "), 2);
	assert_int_equal(lines_with(w, " exam-pause fixture 0 0 0 600 "), 1);
	assert_int_equal(lines_with(w, " exam-finish fixture 0 1 0 2 "), 1); /* right 0, timed out, 2 lines */
	assert_int_equal(w->study->exams[0].seconds_used, 600);
	assert_int_equal(w->study->answer_count, 0);
	assert_int_equal(w->study->questions[w->multi->index].attempts, 0);
	exam_free(x);
}

static void test_discard_and_undo_are_appended(void **state)
{
	struct world *w = *state;
	char why[256] = "";
	assert_false(answer_discard_exam(&w->log, why, sizeof why));
	assert_string_equal(why, "no exam is open");
	struct journal_event start = answer_event(JOURNAL_EXAM_START, "fixture");
	start.value = 3;
	assert_true(answer_record(&w->log, &start, why, sizeof why));
	struct journal_event pick = answer_event(JOURNAL_EXAM_PICK, "q-single");
	pick.choices = 1;
	assert_true(answer_record(&w->log, &pick, why, sizeof why));
	assert_true(answer_discard_exam(&w->log, why, sizeof why));
	assert_false(w->study->exam.active);
	assert_int_equal(lines_with(w, " exam-discard fixture "), 1);
	assert_int_equal(lines_with(w, " answer "), 0);

	/* undo: refused with nothing to take back, then an appended event */
	assert_false(answer_undo(&w->log, why, sizeof why));
	assert_string_equal(why, "there is no answer to undo");
	bool right;
	assert_true(answer_submit(&w->log, w->single, (struct choice_set){2}, &right, why, sizeof why));
	assert_int_equal(w->study->questions[w->single->index].attempts, 1);
	size_t before = journal_lines(w);
	assert_true(answer_undo(&w->log, why, sizeof why));
	assert_int_equal(journal_lines(w), before + 1); /* appended: the answer stays in the file */
	assert_int_equal(lines_with(w, " undo q-single 0 0 0 1767261600 "), 1);
	assert_int_equal(w->study->questions[w->single->index].attempts, 0);
	assert_false(answer_undo(&w->log, why, sizeof why));
	/* the file says the same */
	struct study *again = study_new(w->fx.pack);
	assert_true(journal_replay(w->journal, study_apply, again, &w->fx.diags));
	assert_int_equal(again->questions[w->single->index].attempts, 0);
	assert_int_equal(again->exams_discarded, 1);
	assert_int_equal(again->answer_count, 0);
	study_free(again);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_question_types_and_choosing),
		T(test_check_and_grade),
		T(test_submit_and_rate_are_journaled_then_applied),
		T(test_exam_date_recorded_once),
		T(test_exam_date_parsed_and_checked),
		T(test_without_a_journal_nothing_is_written),
		T(test_unsaved_events_are_not_applied),
		T(test_exam_finish_is_one_write),
		T(test_exam_logs_only_what_was_answered),
		T(test_discard_and_undo_are_appended),
	};
#undef T
	return cmocka_run_group_tests_name("answer", tests, NULL, NULL);
}
