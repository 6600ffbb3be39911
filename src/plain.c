/* plain — line-by-line sessions. */
#include "mlcert/plain.h"

#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/select.h>
#include <unistd.h>

#include "mlcert/answer.h"
#include "mlcert/clock.h"
#include "mlcert/doc.h"
#include "mlcert/exam.h"
#include "mlcert/scope.h"
#include "mlcert/text.h"
#include "mlcert/xalloc.h"

enum { WRAP = 78 };

struct wrap_out {
	FILE *out;
	const char *indent;
	const char *first; /* replaces the indent's last two columns on the first line (a bullet) */
};

static void emit_line(void *ctx, const char *line, size_t len)
{
	struct wrap_out *w = ctx;
	if (w->first) {
		fprintf(w->out, "%.*s%s%.*s\n", (int)strlen(w->indent) - 2, w->indent, w->first, (int)len, line);
		w->first = NULL;
	} else {
		fprintf(w->out, "%s%.*s\n", w->indent, (int)len, line);
	}
}

/* Prints prose sanitised and wrapped to WRAP columns: paragraphs with a
 * blank line between them, bullets marked "- " with their lines hanging. */
static void print_prose(FILE *out, const char *indent, const char *raw)
{
	struct doc d;
	doc_init(&d, TEXT_ANY_LOCALE);
	doc_add_prose(&d, raw);
	char hang[64];
	for (size_t i = 0; i < d.count; i++) {
		char *text = d.blocks[i].text;
		for (char *p = text; *p; p++)
			if (*p == '\n')
				*p = ' ';
		size_t len = strlen(text);
		while (len && text[len - 1] == ' ')
			len--;
		bool bullet = d.blocks[i].kind == DOC_BULLET;
		if (i && !bullet)
			fputc('\n', out);
		snprintf(hang, sizeof hang, "%s  ", indent);
		struct wrap_out w = {out, bullet ? hang : indent, bullet ? "- " : NULL};
		text_wrap(text, len, WRAP - (int)strlen(w.indent), emit_line, &w);
	}
	doc_free(&d);
}

/* The signal that asked the session to stop, 0 none: set by the handler,
 * read at the one point where stopping is safe, the wait for a reply. */
static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig)
{
	stop_signal = sig;
}

static const int stop_signals[] = {SIGHUP, SIGTERM, SIGINT};
enum { STOP_SIGNAL_COUNT = sizeof stop_signals / sizeof stop_signals[0] };

/* The signal mask of the session with the stop signals let through. */
static sigset_t waiting_mask(void)
{
	sigset_t mask;
	sigprocmask(SIG_BLOCK, NULL, &mask);
	for (size_t i = 0; i < STOP_SIGNAL_COUNT; i++)
		sigdelset(&mask, stop_signals[i]);
	return mask;
}

/* True when a stop signal came: the ones pending are taken now. */
static bool stop_requested(void)
{
	sigset_t waiting = waiting_mask(), held;
	sigprocmask(SIG_SETMASK, &waiting, &held);
	sigprocmask(SIG_SETMASK, &held, NULL);
	return stop_signal != 0;
}

/* Reads one line; false at end of input or when a stop signal came. The
 * stop signals are held for the whole session and let in only while this
 * waits for input (pselect) and before each question (stop_requested), so
 * a session never stops between an answer's save and its confirmation; the
 * input is read a byte at a time after pselect says one is there, so no
 * wait happens with them held. A stream without a file descriptor (a
 * test's) only takes the signals pending. */
static bool read_line(struct plain_session *s, char *buf, size_t size)
{
	fflush(s->out);
	int fd = fileno(s->in);
	if (fd < 0) {
		if (stop_requested() || !fgets(buf, (int)size, s->in))
			return false;
		buf[strcspn(buf, "\r\n")] = '\0';
		return true;
	}
	sigset_t waiting = waiting_mask();
	size_t n = 0;
	for (;;) {
		/* pselect takes a pending signal only when it has to wait */
		if (stop_requested())
			return false;
		fd_set readable;
		FD_ZERO(&readable);
		FD_SET(fd, &readable);
		if (pselect(fd + 1, &readable, NULL, NULL, NULL, &waiting) < 0) {
			if (errno == EINTR)
				continue; /* a stop signal, or another one (SIGWINCH): look again */
			return false;
		}
		char c;
		ssize_t got = read(fd, &c, 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			if (!n)
				return false;
			break; /* a last line without its newline is still a line */
		}
		if (c == '\n')
			break;
		if (n + 1 < size) /* the rest of an overlong line is dropped */
			buf[n++] = c;
	}
	buf[n] = '\0';
	buf[strcspn(buf, "\r")] = '\0';
	/* a signal that came with the input (pselect reports the input first) wins */
	return !stop_requested();
}

/* Holds the stop signals for a session and catches them; *before keeps
 * what was there, for release_stop_signals. */
struct signal_state {
	sigset_t mask;
	struct sigaction actions[STOP_SIGNAL_COUNT];
};

static void catch_stop_signals(struct signal_state *before)
{
	sigset_t stops;
	sigemptyset(&stops);
	for (size_t i = 0; i < STOP_SIGNAL_COUNT; i++)
		sigaddset(&stops, stop_signals[i]);
	sigprocmask(SIG_BLOCK, &stops, &before->mask);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: the wait for input must return when one comes. */
	for (size_t i = 0; i < STOP_SIGNAL_COUNT; i++)
		sigaction(stop_signals[i], &sa, &before->actions[i]);
	stop_signal = 0;
}

static void release_stop_signals(const struct signal_state *before)
{
	/* a signal still pending is taken by our handler, then the old ones return */
	sigprocmask(SIG_SETMASK, &before->mask, NULL);
	for (size_t i = 0; i < STOP_SIGNAL_COUNT; i++)
		sigaction(stop_signals[i], &before->actions[i], NULL);
}

/* The status of a session that ended: 128 + the signal that stopped it,
 * said on the output, or status. */
static int ending_status(struct plain_session *s, int status)
{
	if (!stop_requested())
		return status;
	int sig = stop_signal;
	fprintf(s->out, "\nStopped by a signal (%s): everything confirmed above is saved.\n",
		sig == SIGHUP ? "hangup" : sig == SIGTERM ? "terminate" : "interrupt");
	return 128 + sig;
}

/* Says so when an event could not be saved; returns saved. */
static bool saved(struct plain_session *s, bool saved, const char *why)
{
	if (!saved)
		text_printf(s->out, "Not saved: %s\n", why);
	return saved;
}

static bool save(struct plain_session *s, struct journal_event *e)
{
	char why[512];
	return saved(s, answer_record(&s->log, e, why, sizeof why), why);
}

static const char *const number_words[] = {"zero", "one", "two", "three", "four",
					   "five", "six", "seven", "eight"};

/* A pack's string for one line of output, through the one cleaner of
 * command-line output (text.h): no escape sequence, no line of its own. */
static char *one_line(const char *text)
{
	return text_clean(text ? text : "", TEXT_ONE_LINE | TEXT_ANY_LOCALE);
}

/* A question as printed: its choices in order, lettered by position. */
static void print_question(struct plain_session *s, const struct content_question *q, size_t pos,
			   size_t total, const struct choice_order *order, bool show_domain)
{
	fprintf(s->out, "\nQuestion %zu of %zu", pos, total);
	if (show_domain) {
		char *domain = one_line(q->domain_index >= 0 ? s->pack->meta->domains[q->domain_index].title : q->domain);
		fprintf(s->out, " (%s)", domain);
		free(domain);
	}
	unsigned wanted = choice_set_count(q->correct);
	if (q->type == QUESTION_MULTIPLE)
		fprintf(s->out, ". Choose %s", wanted < 9 ? number_words[wanted] : "several");
	fputs(".\n", s->out);
	print_prose(s->out, "", q->stem);
	for (unsigned p = 0; p < order->count; p++) {
		char *text = one_line(q->choices[order->at[p]].text);
		fprintf(s->out, "%c) %s\n", 'a' + p, text);
		free(text);
	}
}

/* The next presentation's order: new each time. */
static struct choice_order new_order(struct plain_session *s, const struct content_question *q)
{
	s->presented++;
	return choice_order_shuffled(q->choices_count, choice_seed(clock_now(), s->presented << 24 ^ (uint64_t)q->index));
}

enum reply { REPLY_ANSWER, REPLY_SKIP, REPLY_STOP, REPLY_UNDONE, REPLY_DISCARDED };

/* Asks y/n; true only for y. */
static bool ask_yes(struct plain_session *s, const char *question)
{
	char line[64];
	fprintf(s->out, "%s (y/n): ", question);
	fflush(s->out);
	if (!read_line(s, line, sizeof line)) {
		fputc('\n', s->out);
		return false;
	}
	return strcmp(line, "y") == 0 || strcmp(line, "Y") == 0;
}

/* u at the prompt: takes back the last answer, when there is one and the
 * learner confirms; returns the question it was to, or -1. */
static int undo_last(struct plain_session *s)
{
	int question;
	int64_t time;
	if (!study_undoable(s->log.study, &question, &time)) {
		fputs("Nothing to undo: no answer since the last undo or mock exam.\n", s->out);
		return -1;
	}
	const struct content_question *q = s->pack->questions[question];
	char ask_text[160];
	int used;
	size_t n = text_fit(q->stem, strcspn(q->stem, "\n"), 40, &used);
	snprintf(ask_text, sizeof ask_text, "Undo your %s answer to \"%.*s%s\"?",
		 s->log.study->questions[question].last_correct == 1 ? "right" : "wrong", (int)n, q->stem,
		 q->stem[n] ? "..." : "");
	if (!ask_yes(s, ask_text)) {
		fputs("Kept.\n", s->out);
		return -1;
	}
	char why[512];
	if (!saved(s, answer_undo(&s->log, why, sizeof why), why))
		return -1;
	fputs("Undone: that answer no longer counts.\n", s->out);
	return question;
}

/* Asks until the reply is a valid answer, a skip, a stop, an undo (*undone:
 * the question whose answer was taken back) or, in an exam, a discard; EOF
 * stops. Letters name the choices as printed. */
static enum reply ask(struct plain_session *s, const struct content_question *q, const struct choice_order *order,
		      bool in_exam, struct choice_set *chosen, int *undone)
{
	char line[256];
	for (;;) {
		bool undoable = !in_exam && study_undoable(s->log.study, &(int){0}, &(int64_t){0});
		fprintf(s->out, "Answer with %s (a-%c), s to skip, %s%s: ",
			q->type == QUESTION_MULTIPLE ? "letters" : "a letter", 'a' + q->choices_count - 1,
			in_exam ? "q to pause, d to discard the exam" : "q to stop",
			undoable ? ", u to undo your last answer" : "");
		fflush(s->out);
		if (!read_line(s, line, sizeof line)) {
			fputc('\n', s->out);
			return REPLY_STOP;
		}
		if (strcmp(line, "q") == 0)
			return REPLY_STOP;
		if (strcmp(line, "s") == 0)
			return REPLY_SKIP;
		if (strcmp(line, "u") == 0 && !in_exam) {
			*undone = undo_last(s);
			if (*undone >= 0)
				return REPLY_UNDONE;
			continue;
		}
		if (strcmp(line, "d") == 0 && in_exam) {
			if (ask_yes(s, "Discard this exam and all its answers?"))
				return REPLY_DISCARDED;
			fputs("Kept: the exam goes on.\n", s->out);
			continue;
		}
		struct choice_set set = {0};
		bool bad = false;
		for (const char *p = line; *p; p++) {
			int c = tolower((unsigned char)*p);
			int k = c >= 'a' && c <= 'h' ? c - 'a' : c >= '1' && c <= '8' ? c - '1' : -1;
			unsigned choice;
			if (k >= 0 && choice_order_choice(order, (unsigned)k, &choice))
				set = choice_set_with(set, choice);
			else if (c != ' ' && c != ',')
				bad = true;
		}
		switch (bad ? ANSWER_NOTHING_CHOSEN : answer_check(q, set)) {
		case ANSWER_NOTHING_CHOSEN:
			fprintf(s->out, "Not an answer: type the letter of a choice.\n");
			break;
		case ANSWER_WRONG_COUNT:
			fprintf(s->out, "This question wants %u choices; you gave %u.\n", choice_set_count(q->correct),
				choice_set_count(set));
			break;
		case ANSWER_TOO_MANY:
			fprintf(s->out, "Choose one letter.\n");
			break;
		case ANSWER_COMPLETE:
			*chosen = set;
			return REPLY_ANSWER;
		}
	}
}

/* Each choice in the order shown, with its verdict and rationale. */
static void print_feedback(struct plain_session *s, const struct content_question *q, const struct choice_order *order,
			   struct choice_set chosen)
{
	for (unsigned p = 0; p < order->count; p++) {
		unsigned i = order->at[p];
		bool picked = choice_set_has(chosen, i);
		const char *verdict = choice_set_has(q->correct, i) ? (picked ? "right, your choice" : "right, missed")
							    : (picked ? "wrong, your choice" : "wrong");
		char *why = one_line(q->choices[i].why);
		fprintf(s->out, "%c) %s: %s\n", 'a' + p, verdict, why);
		free(why);
	}
	fputs("Why:\n", s->out);
	print_prose(s->out, "  ", q->explanation);
}

/* The letters of the correct choices as shown. */
static void answer_text(const struct content_question *q, const struct choice_order *order, char *buf, size_t size)
{
	size_t n = 0;
	buf[0] = '\0';
	for (unsigned p = 0; p < order->count && n + 4 < size; p++)
		if (choice_set_has(q->correct, order->at[p]))
			n += (size_t)snprintf(buf + n, size - n, "%s%c", n ? ", " : "", 'a' + p);
}

enum step { STEP_NEXT, STEP_STOP, STEP_BACK };

/* One practice question with feedback: on to the next, stop, or back (the
 * learner undid the answer to *undone: it may be asked again). */
static enum step practise(struct plain_session *s, const struct content_question *q, size_t pos, size_t total,
			  bool *saved_ok, int *undone)
{
	struct choice_order order = new_order(s, q);
	print_question(s, q, pos, total, &order, true);
	struct choice_set chosen = {0};
	switch (ask(s, q, &order, false, &chosen, undone)) {
	case REPLY_ANSWER:
		break;
	case REPLY_SKIP:
		return STEP_NEXT;
	case REPLY_UNDONE:
		return STEP_BACK;
	case REPLY_STOP:
	case REPLY_DISCARDED:
		return STEP_STOP;
	}
	bool right;
	char why[512];
	if (!saved(s, answer_submit(&s->log, q, chosen, &right, why, sizeof why), why)) {
		*saved_ok = false;
		return STEP_STOP;
	}
	char answer[64];
	answer_text(q, &order, answer, sizeof answer);
	if (right)
		fprintf(s->out, "Saved. Right: %s.\n", answer);
	else
		fprintf(s->out, "Saved. Wrong: the answer is %s.\n", answer);
	print_feedback(s, q, &order, chosen);
	if (!right)
		return STEP_NEXT;
	fputs("Enter to go on, g if you guessed, e if it was too easy: ", s->out);
	fflush(s->out);
	char line[64];
	if (!read_line(s, line, sizeof line)) {
		fputc('\n', s->out);
		return STEP_STOP;
	}
	if (strcmp(line, "g") == 0 || strcmp(line, "e") == 0) {
		if (!saved(s, answer_rate(&s->log, q, line[0] == 'g' ? FSRS_HARD : FSRS_EASY, why, sizeof why), why)) {
			*saved_ok = false;
			return STEP_STOP;
		}
		fprintf(s->out, "Saved as %s.\n", line[0] == 'g' ? "guessed" : "easy");
	}
	return STEP_NEXT;
}

static int run_list(struct plain_session *s, const int *list, size_t n, const char *what)
{
	text_printf(s->out, "mlcert: %zu question%s (%s). End of input stops at any time; progress is saved as you go.\n",
		    n, n == 1 ? "" : "s", what);
	bool saved_ok = true;
	size_t i = 0;
	while (i < n && !stop_requested()) {
		int undone = -1;
		enum step step = practise(s, s->pack->questions[list[i]], i + 1, n, &saved_ok, &undone);
		if (step == STEP_STOP)
			break;
		if (step == STEP_NEXT) {
			i++;
			continue;
		}
		/* an answer undone in this session: back to its question, to answer it again */
		for (size_t j = i; j-- > 0;)
			if (list[j] == undone) {
				i = j;
				break;
			}
	}
	fprintf(s->out, "\nSession over: %zu of %zu questions.\n", i, n);
	return saved_ok ? 0 : 2;
}

static bool exam_event(struct plain_session *s, enum journal_kind kind, const char *id, struct choice_set choices,
		       int64_t value)
{
	struct journal_event e = answer_event(kind, id);
	e.choices = choices.bits;
	e.value = value;
	return save(s, &e);
}

/* The time warnings of the full-screen exam, as lines: at 15 and at 5
 * minutes left, and on resuming past one; none for a threshold the whole
 * exam is shorter than. */
static const int64_t warn_at[] = {15 * 60, 5 * 60};
enum { WARNINGS = sizeof warn_at / sizeof warn_at[0] };

static void warn_time(struct plain_session *s, const struct exam *x, int *warned)
{
	int64_t left = exam_seconds_left(x, clock_now());
	int level = 0;
	while (level < WARNINGS && left <= warn_at[level])
		level++;
	if (level <= *warned || left == 0)
		return;
	*warned = level;
	fprintf(s->out, "\nWarning: %lld minutes left on the exam clock.\n", (long long)((left + 59) / 60));
}

/* What the exam did to the review queue, true to the letter (exam_queue_effect). */
static void print_queue_effect(struct plain_session *s, const struct exam *x)
{
	struct exam_queue_effect q;
	exam_queue_effect(x, s->log.study, &q);
	if (q.queued) {
		int64_t days = study_day(q.first_due) - study_day(clock_now());
		char when[64];
		time_t due = (time_t)q.first_due;
		struct tm tm;
		gmtime_r(&due, &tm);
		strftime(when, sizeof when, "%Y-%m-%d", &tm);
		fprintf(s->out, "%s %zu you answered wrong %s in your review queue, due %s%s (--review).\n",
			q.queued < q.wrong ? "Of the wrong answers," : "The", q.queued, q.queued == 1 ? "is" : "are",
			days <= 0 ? "now" : "from ", days <= 0 ? "" : when);
	} else if (!q.wrong) {
		fputs("None of your answers was wrong.\n", s->out);
	}
	if (q.unanswered)
		fprintf(s->out, "The %zu unanswered %s not in your review queue: %s new.\n", q.unanswered,
			q.unanswered == 1 ? "is" : "are", q.unanswered == 1 ? "it stays" : "they stay");
}

static void print_score(struct plain_session *s, const struct exam *x)
{
	const struct content_meta *meta = s->pack->meta;
	fprintf(s->out, "\n%sScore: %u of %zu right (%zu%%); %zu answered.\n", x->timed_out ? "Time is up. " : "",
		x->right, x->count, x->count ? (size_t)x->right * 100 / x->count : 0, exam_answered(x));
	for (unsigned d = 0; d < meta->domains_count; d++) {
		const struct exam_domain_score *sc = &x->by_domain[d];
		if (!sc->total)
			continue;
		char *title = one_line(meta->domains[d].title);
		fprintf(s->out, "  %-50s weight %3d%%  %u/%u right\n", title, meta->domains[d].weight, sc->right,
			sc->total);
		free(title);
	}
	fputs("Google publishes no passing score.\n", s->out);
	print_queue_effect(s, x);
}

/* The exam as the journal has it; every answer is saved before "Recorded."
 * and a submit is one write (answer_finish_exam). Whatever fails to save
 * ends the session (exit 2) with no score: the exam stays open, as saved. */
static int run_exam(struct plain_session *s)
{
	const struct content_pack *pack = s->pack;
	int64_t now = clock_now();
	struct exam *x = exam_resume(pack, &s->log.study->exam, now);
	if (x) {
		fprintf(s->out, "Resuming your unfinished mock exam: %zu answered, %lld minutes left.\n",
			exam_answered(x), (long long)(exam_seconds_left(x, now) / 60));
	} else {
		x = exam_new(pack, (uint64_t)now, now);
		if (!exam_event(s, JOURNAL_EXAM_START, pack->meta->id, (struct choice_set){0}, (int64_t)x->seed)) {
			fputs("The mock exam did not start.\n", s->out);
			exam_free(x);
			return 2;
		}
		fprintf(s->out, "Mock exam: %zu questions, %d minutes. No feedback until the end; "
				"s skips, q pauses (the next --exam resumes), d discards it.\n",
			x->count, pack->meta->exam.minutes);
	}
	int warned = 0;
	while (warned < WARNINGS && x->limit <= warn_at[warned])
		warned++;
	bool stopped = false, timed_out = false;
	for (size_t i = 0; i < x->count; i++) {
		if (exam_is_answered(x, i))
			continue;
		if (stop_requested()) {
			stopped = true;
			break;
		}
		if (exam_seconds_left(x, clock_now()) == 0) {
			timed_out = true;
			break;
		}
		warn_time(s, x, &warned);
		x->pos = i;
		const struct content_question *q = pack->questions[x->questions[i]];
		print_question(s, q, i + 1, x->count, &x->orders[i], s->exam_domains);
		fprintf(s->out, "(%lld minutes left)\n", (long long)(exam_seconds_left(x, clock_now()) / 60));
		struct choice_set chosen = {0};
		int undone = -1;
		enum reply r = ask(s, q, &x->orders[i], true, &chosen, &undone);
		if (r == REPLY_DISCARDED) {
			char why[512];
			size_t answered = exam_answered(x);
			bool discarded = saved(s, answer_discard_exam(&s->log, why, sizeof why), why);
			if (discarded)
				fprintf(s->out, "\nExam discarded with its %zu answer%s: none of them count.\n", answered,
					answered == 1 ? "" : "s");
			exam_free(x);
			return discarded ? 0 : 2;
		}
		if (r == REPLY_STOP) {
			stopped = true;
			break;
		}
		if (r != REPLY_ANSWER)
			continue;
		if (!exam_event(s, JOURNAL_EXAM_PICK, q->id, chosen, 0)) {
			fprintf(s->out, "Exam stopped with %zu answered as saved before; run --exam again to resume.\n",
				exam_answered(x));
			exam_free(x);
			return 2;
		}
		x->picks[i] = chosen;
		fputs("Recorded.\n", s->out);
	}
	if (exam_seconds_left(x, clock_now()) == 0)
		timed_out = true;
	bool ok = true;
	if (stopped && !timed_out) {
		ok = exam_event(s, JOURNAL_EXAM_PAUSE, pack->meta->id, (struct choice_set){0},
				exam_seconds_used(x, clock_now()));
		fprintf(s->out, "\nExam paused with %zu answered; run --exam again to resume.\n", exam_answered(x));
	} else {
		char why[512];
		ok = saved(s, answer_finish_exam(&s->log, x, timed_out, why, sizeof why), why);
		if (ok)
			print_score(s, x);
		else
			fprintf(s->out, "The exam was not submitted and has no score: it stays open with %zu answered; "
					"run --exam again to submit it.\n",
				exam_answered(x));
	}
	exam_free(x);
	return ok ? 0 : 2;
}

int plain_run(struct plain_session *s, enum plain_mode mode, const char *id)
{
	const struct content_pack *pack = s->pack;
	size_t cap = pack->question_count;
	int *list = xcalloc(cap, sizeof *list);
	int status = 0;
	char what[256];
	struct signal_state before;
	catch_stop_signals(&before);
	if (mode == PLAIN_EXAM) {
		status = run_exam(s);
	} else if (mode == PLAIN_QUESTION) {
		const struct content_question *q = content_find_question(pack, id);
		if (!q) {
			text_printf(stderr, "mlcert: no question '%s' in this pack\n", id);
			status = 2;
		} else {
			list[0] = q->index;
			snprintf(what, sizeof what, "question %s", q->id);
			status = run_list(s, list, 1, what);
		}
	} else if (mode == PLAIN_TOPIC) {
		const struct content_topic *t = content_find_topic(pack, id);
		int domain = content_find_domain(pack, id);
		size_t n = 0;
		if (t)
			n = scope_questions_of_topic(pack, t->index, list, cap);
		else if (domain >= 0)
			n = scope_questions_of_domain(pack, domain, list, cap);
		if (!t && domain < 0) {
			text_printf(stderr, "mlcert: no topic or domain '%s' in this pack\n", id);
			status = 2;
		} else {
			snprintf(what, sizeof what, "%s %s", t ? "topic" : "domain", id);
			status = run_list(s, list, n, what);
		}
	} else {
		size_t due, fresh;
		size_t n = study_review_queue(s->log.study, clock_now(), s->new_per_day, list, cap, &due, &fresh);
		snprintf(what, sizeof what, "review: %zu due, %zu new", due, fresh);
		status = run_list(s, list, n, what);
	}
	free(list);
	status = ending_status(s, status);
	fflush(s->out);
	release_stop_signals(&before);
	return status;
}
