/* plain: sessions line by line, answers saved before they are confirmed,
 * prose wrapped with its paragraphs and bullets. */
#define _GNU_SOURCE /* fopencookie: an output that sends a signal mid-line */
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

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
		/* a day apart: a second answer the same day would be practice */
		snprintf(now, sizeof now, "%d", 1767261600 + k * 86400);
		setenv("MLCERT_NOW", now, 1);
		/* the session's first presentation: seed of (now, 1) */
		struct choice_order o =
			choice_order_shuffled(3, choice_seed(1767261600 + k * 86400, (uint64_t)1 << 24 ^ (uint64_t)q->index));
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
	/* q-single asked twice, as the review's question 1 both times */
	const char *first = strstr(r.out, "Review 1 of 2"), *second = first ? strstr(first + 1, "Review 1 of 2") : NULL;
	assert_non_null(second);
	free(r.out);
	unsetenv("MLCERT_SHUFFLE");
	study_free(st);
	fixture_free(&fx);
}

/* ---- signals: taken while waiting for a reply, never mid-answer ------------------ */

/* An output that raises a signal when a text is written to it: the signal
 * comes in the middle of the line that confirms an answer. */
struct tripwire {
	char text[8192];
	size_t len;
	const char *trigger;
	int sig;
	bool fired;
};

static ssize_t tripwire_write(void *cookie, const char *buf, size_t size)
{
	struct tripwire *t = cookie;
	size_t n = size < sizeof t->text - 1 - t->len ? size : sizeof t->text - 1 - t->len;
	memcpy(t->text + t->len, buf, n);
	t->len += n;
	t->text[t->len] = '\0';
	if (!t->fired && strstr(t->text, t->trigger)) {
		t->fired = true;
		raise(t->sig);
	}
	return (ssize_t)size;
}

/* Runs plain mode with the input in a pipe (a real file descriptor, as
 * stdin is) or, when piped is false, a memory stream; the output raises sig
 * once trigger has been written. */
static int run_tripwire(const struct content_pack *pack, struct study *study, enum plain_mode mode, const char *id,
			const char *input, bool piped, struct tripwire *t)
{
	FILE *in;
	char typed[256];
	snprintf(typed, sizeof typed, "%s", input);
	if (piped) {
		int fds[2];
		assert_int_equal(pipe(fds), 0);
		assert_int_equal(write(fds[1], input, strlen(input)), (ssize_t)strlen(input));
		close(fds[1]); /* the end of input follows: without the signal, the session goes on to it */
		in = fdopen(fds[0], "r");
	} else {
		in = fmemopen(typed, strlen(typed), "r");
	}
	cookie_io_functions_t io = {.write = tripwire_write};
	FILE *out = fopencookie(t, "w", io);
	assert_non_null(in);
	assert_non_null(out);
	setvbuf(out, NULL, _IONBF, 0); /* every write reaches the tripwire as it happens */
	struct plain_session s = {.pack = pack, .log = {NULL, study}, .new_per_day = 10, .in = in, .out = out};
	int status = plain_run(&s, mode, id);
	fclose(in);
	fclose(out);
	return status;
}

static void test_signal_during_a_confirmation_stops_after_it(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, true);
	struct study *st = study_new(fx.pack);
	const struct content_question *single = content_find_question(fx.pack, "q-single");
	setenv("MLCERT_SHUFFLE", "off", 1); /* the feedback below names the pack's letters */
	/* SIGTERM while "Saved." is being written: the whole confirmation and its
	 * feedback follow, then the session stops at the next wait for input
	 * (both questions of the domain were typed for). */
	char day[32];
	for (int piped = 0; piped < 2; piped++) {
		/* a day apart: a second answer the same day would be practice */
		snprintf(day, sizeof day, "%d", 1767261600 + piped * 86400);
		setenv("MLCERT_NOW", day, 1);
		struct tripwire t = {.trigger = "Saved. ", .sig = SIGTERM};
		int status = run_tripwire(fx.pack, st, PLAIN_TOPIC, "topic-one", "b\na c\n\n", piped, &t);
		assert_true(t.fired);
		assert_int_equal(status, 128 + SIGTERM);
		assert_non_null(strstr(t.text, "Saved. Wrong: the answer is a.\na) right, missed: because\n"
					      "b) wrong, your choice: because not\nWhy:\n  The rule.\n"));
		assert_null(strstr(t.text, "Which two?")); /* the next question was not asked */
		assert_non_null(strstr(t.text, "Stopped by a signal (terminate): everything confirmed above is saved.\n"));
		assert_int_equal(st->questions[single->index].attempts, piped + 1);
	}
	/* SIGHUP and SIGINT alike; the handlers are gone again afterwards */
	setenv("MLCERT_NOW", "1767434400", 1); /* day 2 */
	struct tripwire hup = {.trigger = "Saved. ", .sig = SIGHUP};
	assert_int_equal(run_tripwire(fx.pack, st, PLAIN_QUESTION, "q-single", "a\n\n", true, &hup), 128 + SIGHUP);
	assert_non_null(strstr(hup.text, "Stopped by a signal (hangup)"));
	setenv("MLCERT_NOW", "1767520800", 1); /* day 3 */
	struct tripwire intr = {.trigger = "Enter to go on", .sig = SIGINT};
	assert_int_equal(run_tripwire(fx.pack, st, PLAIN_QUESTION, "q-single", "a\n\n", true, &intr), 128 + SIGINT);
	struct sigaction now;
	sigaction(SIGTERM, NULL, &now);
	assert_true(now.sa_handler == SIG_DFL);
	sigset_t mask;
	sigprocmask(SIG_BLOCK, NULL, &mask);
	assert_false(sigismember(&mask, SIGTERM));
	unsetenv("MLCERT_SHUFFLE");
	unsetenv("MLCERT_NOW");
	study_free(st);
	fixture_free(&fx);
}

static void test_signal_pauses_an_exam(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, true);
	struct study *st = study_new(fx.pack);
	setenv("MLCERT_NOW", "1767261600", 1);
	struct tripwire t = {.trigger = "Recorded.", .sig = SIGTERM};
	int status = run_tripwire(fx.pack, st, PLAIN_EXAM, NULL, "a\na c\n", true, &t);
	assert_int_equal(status, 128 + SIGTERM);
	assert_non_null(strstr(t.text, "Recorded.\n\nExam paused with 1 answered"));
	assert_null(strstr(t.text, "Score:"));
	assert_true(st->exam.active);
	unsetenv("MLCERT_NOW");
	study_free(st);
	fixture_free(&fx);
}

/* ---- a submit that is not saved shows no score --------------------------------------- */

static void test_exam_submit_not_saved_has_no_score(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, true);
	char dir[] = "/tmp/mlcert-plain-XXXXXX", path[256];
	assert_non_null(mkdtemp(dir));
	struct journal *j = journal_open(dir, "fixture", &fx.diags);
	assert_non_null(j);
	snprintf(path, sizeof path, "%s", journal_path(j)); /* this device's journal */
	struct study *st = study_new(fx.pack);
	setenv("MLCERT_NOW", "1767261600", 1);
	setenv("MLCERT_SHUFFLE", "off", 1); /* the answers are typed by the pack's letters */
	struct run r = run_plain(fx.pack, st, j, PLAIN_EXAM, NULL, "a c\nq\n"); /* q-multi comes first */
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "Exam paused with 1 answered"));
	free(r.out);
	/* room for a line or two, not for the submit's three */
	signal(SIGXFSZ, SIG_IGN);
	struct stat before;
	assert_int_equal(stat(path, &before), 0);
	struct rlimit limit = {(rlim_t)before.st_size + 100, RLIM_INFINITY};
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &limit), 0);
	r = run_plain(fx.pack, st, j, PLAIN_EXAM, NULL, "a\n");
	struct rlimit none = {RLIM_INFINITY, RLIM_INFINITY};
	setrlimit(RLIMIT_FSIZE, &none);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.out, "Recorded.\nNot saved: cannot save progress"));
	assert_non_null(strstr(r.out, "The exam was not submitted and has no score: it stays open with 2 answered"));
	assert_null(strstr(r.out, "Score"));
	assert_null(strstr(r.out, "right"));
	assert_true(st->exam.active);
	assert_int_equal(st->exam_count, 0);
	free(r.out);
	/* with room again, the next --exam submits it, both answers kept */
	r = run_plain(fx.pack, st, j, PLAIN_EXAM, NULL, "");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "Resuming your unfinished mock exam: 2 answered"));
	assert_non_null(strstr(r.out, "Score: 2 of 2 right (100%); 2 answered."));
	free(r.out);
	unsetenv("MLCERT_NOW");
	unsetenv("MLCERT_SHUFFLE");
	journal_close(j);
	remove_tree(dir);
	study_free(st);
	fixture_free(&fx);
}

static void test_exam_answer_not_saved_stops_unsubmitted(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, true);
	char dir[] = "/tmp/mlcert-plain-XXXXXX", path[256];
	assert_non_null(mkdtemp(dir));
	struct journal *j = journal_open(dir, "fixture", &fx.diags);
	assert_non_null(j);
	snprintf(path, sizeof path, "%s", journal_path(j)); /* this device's journal */
	struct study *st = study_new(fx.pack);
	setenv("MLCERT_NOW", "1767261600", 1);
	signal(SIGXFSZ, SIG_IGN);
	/* the start fits, the first answer does not: no submit after it */
	struct rlimit limit = {60, RLIM_INFINITY};
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &limit), 0);
	struct run r = run_plain(fx.pack, st, j, PLAIN_EXAM, NULL, "a\na c\n");
	struct rlimit none = {RLIM_INFINITY, RLIM_INFINITY};
	setrlimit(RLIMIT_FSIZE, &none);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.out, "Not saved: cannot save progress"));
	assert_non_null(strstr(r.out, "Exam stopped with 0 answered as saved before; run --exam again to resume."));
	assert_null(strstr(r.out, "Recorded."));
	assert_null(strstr(r.out, "Score"));
	assert_true(st->exam.active);
	assert_int_equal(st->exam_count, 0);
	free(r.out);
	/* nothing saved at all: not even the start, and the session says so */
	limit.rlim_cur = 0;
	journal_close(j);
	unlink(path);
	j = journal_open(dir, "fixture", &fx.diags);
	struct study *fresh = study_new(fx.pack);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &limit), 0);
	r = run_plain(fx.pack, fresh, j, PLAIN_EXAM, NULL, "a\na c\n");
	setrlimit(RLIMIT_FSIZE, &none);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.out, "Not saved: cannot save progress"));
	assert_non_null(strstr(r.out, "The mock exam did not start."));
	assert_null(strstr(r.out, "Question"));
	assert_false(fresh->exam.active);
	free(r.out);
	study_free(fresh);
	unsetenv("MLCERT_NOW");
	journal_close(j);
	remove_tree(dir);
	study_free(st);
	fixture_free(&fx);
}

/* ---- a hostile pack puts nothing on the terminal ------------------------------------- */

static void test_pack_strings_are_cleaned(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, true);
	struct study *st = study_new(fx.pack);
	static char evil[] = "Evil\x1b]52;c;SEFDS0VE\x07 \x1b[2J\xc2\x9b""31m \xe2\x80\xae""bidi\xe2\x80\x8b\nSaved. Right: b.";
	struct content_question *q = (struct content_question *)content_find_question(fx.pack, "q-single");
	struct content_domain *alpha = &fx.pack->meta->domains[0];
	char *was[6] = {alpha->title, q->stem, q->choices[0].text, q->choices[1].why, q->explanation,
			fx.pack->meta->domains[1].title};
	alpha->title = fx.pack->meta->domains[1].title = q->stem = q->choices[0].text = q->choices[1].why =
		q->explanation = evil;
	setenv("MLCERT_NOW", "1767261600", 1);
	setenv("MLCERT_SHUFFLE", "off", 1); /* letters as in the pack: the test names them */
	struct run practice = run_plain(fx.pack, st, NULL, PLAIN_QUESTION, "q-single", "a\n\n");
	struct run exam = run_plain(fx.pack, st, NULL, PLAIN_EXAM, NULL, "a c\na\n"); /* q-multi comes first */
	unsetenv("MLCERT_NOW");
	unsetenv("MLCERT_SHUFFLE");
	alpha->title = was[0], q->stem = was[1], q->choices[0].text = was[2], q->choices[1].why = was[3];
	q->explanation = was[4], fx.pack->meta->domains[1].title = was[5];
	static const char *const payloads[] = {"\x1b", "\x07", "\xc2\x9b", "\xe2\x80\xae", "\xe2\x80\x8b"};
	for (size_t i = 0; i < sizeof payloads / sizeof payloads[0]; i++) {
		assert_null(strstr(practice.out, payloads[i]));
		assert_null(strstr(exam.out, payloads[i]));
	}
	/* what is left is shown, and a title cannot forge a line of its own */
	assert_non_null(strstr(practice.out, "Question 1 of 1 (Evil]52;c;SEFDS0VE [2J31m bidi Saved. Right: b.)."));
	assert_non_null(strstr(practice.out, "a) Evil]52;c;SEFDS0VE [2J31m bidi Saved. Right: b.\n"));
	assert_non_null(strstr(practice.out, "b) wrong: Evil]52;c;SEFDS0VE [2J31m bidi Saved. Right: b.\n"));
	assert_null(strstr(practice.out, "\nSaved. Right: b."));
	char line[128];
	snprintf(line, sizeof line, "  %-50s weight  60%%  1/1 right\n", "Evil]52;c;SEFDS0VE [2J31m bidi Saved. Right: b.");
	assert_non_null(strstr(exam.out, line));
	free(practice.out);
	free(exam.out);
	study_free(st);
	fixture_free(&fx);
}

/* As in the full-screen quiz: a question answered today shows that answer,
 * and r answers it again as practice; a review is headed "Review k of n",
 * a lapse comes back in it, and it ends saying what was done. */
static void test_practice_and_review_round(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, true);
	struct study *st = study_new(fx.pack);
	const struct content_question *q = content_find_question(fx.pack, "q-single");
	setenv("MLCERT_NOW", "1767261600", 1); /* 2026-01-01 10:00 UTC */
	setenv("MLCERT_SHUFFLE", "off", 1);    /* the letters typed are the pack's */
	struct run r = run_plain(fx.pack, st, NULL, PLAIN_QUESTION, "q-single", "a\n\n");
	assert_non_null(strstr(r.out, "Saved. Right: a."));
	free(r.out);
	r = run_plain(fx.pack, st, NULL, PLAIN_QUESTION, "q-single", "r\nb\n");
	assert_non_null(strstr(r.out, "You answered this today: right. The answer is a.\na) right, your choice: because\n"));
	assert_non_null(strstr(r.out, "Saved as practice, not counted. Wrong: a."));
	assert_int_equal(st->questions[q->index].attempts, 1);
	assert_int_equal(st->questions[q->index].right, 1);
	assert_int_equal(st->questions[q->index].practices, 1);
	free(r.out);
	/* a month on: q-single is due, q-multi new; q-single lapses and comes back */
	setenv("MLCERT_NOW", "1769853600", 1); /* 2026-01-31 10:00 UTC */
	r = run_plain(fx.pack, st, NULL, PLAIN_REVIEW, NULL, "b\na c\n\na\n\n");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "2 questions (review: 1 due, 1 new)"));
	assert_non_null(strstr(r.out, "\nReview 1 of 2 (Alpha domain).\nWhich one?"));
	assert_non_null(strstr(r.out, "It comes back later in this review (relearning)."));
	assert_non_null(strstr(r.out, "\nReview 2 of 3 (Beta domain)."));
	assert_non_null(strstr(r.out, "\nReview 3 of 3 (Alpha domain).\nWhich one?"));
	assert_non_null(strstr(r.out, "Review done: 3 answered, 2 right; 1 lapse came back the same day (relearning).\n"
				      "Next reviews: "));
	assert_int_equal(st->questions[q->index].attempts, 3);
	assert_int_equal(st->questions[q->index].state, FSRS_REVIEW);
	free(r.out);
	unsetenv("MLCERT_NOW");
	unsetenv("MLCERT_SHUFFLE");
	study_free(st);
	fixture_free(&fx);
}

/* Custom study: wrong answers, flagged; objectives where a pack has them. */
static void test_custom_study(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, true);
	struct study *st = study_new(fx.pack);
	setenv("MLCERT_NOW", "1767261600", 1);
	setenv("MLCERT_SHUFFLE", "off", 1); /* "a b" is wrong in the pack's letters */
	struct run r = run_plain(fx.pack, st, NULL, PLAIN_WRONG, NULL, "");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "0 questions (wrong answers)"));
	free(r.out);
	r = run_plain(fx.pack, st, NULL, PLAIN_QUESTION, "q-multi", "a b\n");
	free(r.out);
	r = run_plain(fx.pack, st, NULL, PLAIN_WRONG, NULL, "");
	assert_non_null(strstr(r.out, "1 question (wrong answers)"));
	free(r.out);
	struct journal_event flag = answer_event(JOURNAL_FLAG, "q-single");
	flag.value = 1;
	study_apply(st, &flag);
	r = run_plain(fx.pack, st, NULL, PLAIN_FLAGGED, NULL, "");
	assert_non_null(strstr(r.out, "1 question (flagged)"));
	assert_non_null(strstr(r.out, "Which one?"));
	free(r.out);
	/* the fixture has no objectives: said, not an empty session */
	r = run_plain(fx.pack, st, NULL, PLAIN_OBJECTIVE, "1.1", "");
	assert_int_equal(r.status, 2);
	free(r.out);
	r = run_plain(fx.pack, st, NULL, PLAIN_WEAKEST, NULL, "");
	assert_int_equal(r.status, 2);
	free(r.out);
	study_free(st);
	fixture_free(&fx);
	/* the bundled pack has them */
	struct diag_list diags;
	struct content_pack *pack = fixture_built_in(&diags);
	st = study_new(pack);
	r = run_plain(pack, st, NULL, PLAIN_OBJECTIVE, pack->objectives[0]->id, "");
	assert_int_equal(r.status, 0);
	char want[256];
	snprintf(want, sizeof want, "(objective %s %s)", pack->objectives[0]->id, pack->objectives[0]->title);
	assert_non_null(strstr(r.out, want));
	free(r.out);
	r = run_plain(pack, st, NULL, PLAIN_WEAKEST, NULL, "");
	assert_non_null(strstr(r.out, "(the weakest objectives: "));
	free(r.out);
	unsetenv("MLCERT_NOW");
	unsetenv("MLCERT_SHUFFLE");
	study_free(st);
	content_pack_free(pack);
	diag_list_free(&diags);
}

/* u in a review round takes back a lapse: the round goes back to that
 * question, its relearning step is gone, and the summary counts the answer
 * given instead. */
static void test_undo_in_a_review_round(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, true);
	struct study *st = study_new(fx.pack);
	const struct content_question *q = content_find_question(fx.pack, "q-single");
	setenv("MLCERT_SHUFFLE", "off", 1);
	setenv("MLCERT_NOW", "1767261600", 1);
	struct run r = run_plain(fx.pack, st, NULL, PLAIN_QUESTION, "q-single", "a\n\n");
	free(r.out);
	setenv("MLCERT_NOW", "1769853600", 1); /* a month on: q-single due, q-multi new */
	r = run_plain(fx.pack, st, NULL, PLAIN_REVIEW, NULL, "b\nu\ny\na\n\na c\n\n");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "It comes back later in this review (relearning)."));
	assert_non_null(strstr(r.out, "\nReview 2 of 3 (Beta domain)."));
	assert_non_null(strstr(r.out, "Undone: that answer no longer counts.\n\nReview 1 of 2 (Alpha domain)."));
	assert_non_null(strstr(r.out, "\nReview 2 of 2 (Beta domain)."));
	assert_null(strstr(r.out, "Review 3 of"));
	assert_non_null(strstr(r.out, "Review done: 2 answered, 2 right.\n"));
	assert_int_equal(st->questions[q->index].attempts, 2);
	assert_int_equal(st->questions[q->index].state, FSRS_REVIEW);
	free(r.out);
	unsetenv("MLCERT_NOW");
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
		cmocka_unit_test(test_signal_during_a_confirmation_stops_after_it),
		cmocka_unit_test(test_signal_pauses_an_exam),
		cmocka_unit_test(test_exam_submit_not_saved_has_no_score),
		cmocka_unit_test(test_exam_answer_not_saved_stops_unsubmitted),
		cmocka_unit_test(test_pack_strings_are_cleaned),
		cmocka_unit_test(test_practice_and_review_round),
		cmocka_unit_test(test_custom_study),
		cmocka_unit_test(test_undo_in_a_review_round),
	};
	return cmocka_run_group_tests_name("plain", tests, NULL, NULL);
}
