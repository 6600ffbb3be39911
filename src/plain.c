/* plain — line-by-line sessions. */
#include "mlcert/plain.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

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

/* Reads one line; false at end of input. */
static bool read_line(FILE *in, char *buf, size_t size)
{
	if (!fgets(buf, (int)size, in))
		return false;
	buf[strcspn(buf, "\r\n")] = '\0';
	return true;
}

/* Says so when an event could not be saved; returns saved. */
static bool saved(struct plain_session *s, bool saved, const char *why)
{
	if (!saved)
		fprintf(s->out, "Not saved: %s\n", why);
	return saved;
}

static bool save(struct plain_session *s, struct journal_event *e)
{
	char why[512];
	return saved(s, answer_record(&s->log, e, why, sizeof why), why);
}

static const char *const number_words[] = {"zero", "one", "two", "three", "four",
					   "five", "six", "seven", "eight"};

static void print_question(struct plain_session *s, const struct content_question *q, const char *label,
			   size_t pos, size_t total)
{
	const char *domain = q->domain_index >= 0 ? s->pack->meta->domains[q->domain_index].title : q->domain;
	fprintf(s->out, "\n%s %zu of %zu (%s)", label, pos, total, domain);
	unsigned wanted = choice_set_count(q->correct);
	if (q->type == QUESTION_MULTIPLE)
		fprintf(s->out, ". Choose %s", wanted < 9 ? number_words[wanted] : "several");
	fputs(".\n", s->out);
	print_prose(s->out, "", q->stem);
	for (unsigned i = 0; i < q->choices_count; i++) {
		char *text = text_sanitize(q->choices[i].text, false);
		for (char *p = text; p && *p; p++)
			if (*p == '\n')
				*p = ' ';
		fprintf(s->out, "%c) %s\n", 'a' + i, text ? text : "");
		free(text);
	}
}

enum reply { REPLY_ANSWER, REPLY_SKIP, REPLY_STOP };

/* Asks until the reply is a valid answer, a skip or a stop; EOF stops. */
static enum reply ask(struct plain_session *s, const struct content_question *q, struct choice_set *chosen)
{
	char line[256];
	for (;;) {
		fprintf(s->out, "Answer with %s (a-%c), s to skip, q to stop: ",
			q->type == QUESTION_MULTIPLE ? "letters" : "a letter", 'a' + q->choices_count - 1);
		fflush(s->out);
		if (!read_line(s->in, line, sizeof line)) {
			fputc('\n', s->out);
			return REPLY_STOP;
		}
		if (strcmp(line, "q") == 0)
			return REPLY_STOP;
		if (strcmp(line, "s") == 0)
			return REPLY_SKIP;
		/* Letters name choices in the order printed, which is the pack's. */
		struct choice_set set = {0};
		bool bad = false;
		for (const char *p = line; *p; p++) {
			int c = tolower((unsigned char)*p);
			int k = c >= 'a' && c <= 'h' ? c - 'a' : c >= '1' && c <= '8' ? c - '1' : -1;
			if (k >= 0 && (unsigned)k < q->choices_count)
				set = choice_set_with(set, (unsigned)k);
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

static void print_feedback(struct plain_session *s, const struct content_question *q, struct choice_set chosen)
{
	for (unsigned i = 0; i < q->choices_count; i++) {
		bool picked = choice_set_has(chosen, i);
		const char *verdict = choice_set_has(q->correct, i) ? (picked ? "right, your choice" : "right, missed")
							    : (picked ? "wrong, your choice" : "wrong");
		char *why = text_sanitize(q->choices[i].why, false);
		fprintf(s->out, "%c) %s: %s\n", 'a' + i, verdict, why ? why : "");
		free(why);
	}
	fputs("Why:\n", s->out);
	print_prose(s->out, "  ", q->explanation);
}

static void answer_text(const struct content_question *q, char *buf, size_t size)
{
	size_t n = 0;
	buf[0] = '\0';
	for (unsigned i = 0; i < q->choices_count && n + 4 < size; i++)
		if (choice_set_has(q->correct, i))
			n += (size_t)snprintf(buf + n, size - n, "%s%c", n ? ", " : "", 'a' + i);
}

/* A session's list and what came of it; a review round grows by its
 * relearning steps. */
struct plain_list {
	int *items;
	size_t count, cap;
	bool review;
	size_t answered, right, relearned;
	bool saved_ok;
};

/* Reads a line for a short prompt; false at end of input (a newline is printed). */
static bool read_reply(struct plain_session *s, char *line, size_t size)
{
	fflush(s->out);
	if (read_line(s->in, line, size))
		return true;
	fputc('\n', s->out);
	return false;
}

/* A question answered today, outside a review: its answer again, and a
 * retry on request, recorded as practice. Returns false when the learner stops. */
static bool revisit(struct plain_session *s, struct plain_list *l, const struct content_question *q)
{
	const struct study_question *p = &s->log.study->questions[q->index];
	char answer[64], line[64], why[512];
	answer_text(q, answer, sizeof answer);
	bool was_right = answer_is_right(q, p->last_picked);
	fprintf(s->out, "You answered this today%s: %s. The answer is %s.\n",
		p->last_picked_practice ? " (as practice)" : "", was_right ? "right" : "wrong", answer);
	print_feedback(s, q, p->last_picked);
	fputs("Enter to go on, r to try again (practice, not counted), q to stop: ", s->out);
	if (!read_reply(s, line, sizeof line))
		return false;
	if (strcmp(line, "q") == 0)
		return false;
	if (strcmp(line, "r") != 0)
		return true;
	struct choice_set chosen = {0};
	enum reply r = ask(s, q, &chosen);
	if (r != REPLY_ANSWER)
		return r == REPLY_SKIP;
	bool right;
	if (!saved(s, answer_practice(&s->log, q, chosen, &right, why, sizeof why), why)) {
		l->saved_ok = false;
		return false;
	}
	fprintf(s->out, "Saved as practice, not counted. %s: %s.\n", right ? "Right" : "Wrong", answer);
	print_feedback(s, q, chosen);
	return true;
}

/* In a review round, the question at `at`, now in a same-day relearning
 * step, comes back at the end of the round (once). */
static bool requeue(struct plain_session *s, struct plain_list *l, size_t at)
{
	int question = l->items[at];
	const struct study_question *p = &s->log.study->questions[question];
	if (!l->review || p->state != FSRS_RELEARNING || study_day(p->due) != study_day(clock_now()))
		return false;
	for (size_t i = at + 1; i < l->count; i++)
		if (l->items[i] == question)
			return false;
	if (l->count == l->cap) {
		l->cap *= 2;
		l->items = xreallocarray(l->items, l->cap, sizeof *l->items);
	}
	l->items[l->count++] = question;
	return true;
}

/* One question with feedback. Returns false when the learner stops. */
static bool practise(struct plain_session *s, struct plain_list *l, size_t at)
{
	const struct content_question *q = s->pack->questions[l->items[at]];
	print_question(s, q, l->review ? "Review" : "Question", at + 1, l->count);
	/* as in the full-screen quiz: a second answer on the same day is
	 * practice, except as a step of a review round */
	if (!l->review && study_answered_today(s->log.study, q->index, clock_now()))
		return revisit(s, l, q);
	struct choice_set chosen = {0};
	enum reply r = ask(s, q, &chosen);
	if (r != REPLY_ANSWER)
		return r == REPLY_SKIP;
	bool right;
	char why[512];
	if (!saved(s, answer_submit(&s->log, q, chosen, &right, why, sizeof why), why)) {
		l->saved_ok = false;
		return false;
	}
	char answer[64];
	answer_text(q, answer, sizeof answer);
	if (right)
		fprintf(s->out, "Saved. Right: %s.\n", answer);
	else
		fprintf(s->out, "Saved. Wrong: the answer is %s.\n", answer);
	print_feedback(s, q, chosen);
	l->answered++;
	l->right += right;
	if (requeue(s, l, at)) {
		l->relearned++;
		fputs("It comes back later in this review (relearning).\n", s->out);
	}
	if (!right)
		return true;
	fputs("Enter to go on, g if you guessed, e if it was too easy: ", s->out);
	char line[64];
	if (!read_reply(s, line, sizeof line))
		return false;
	if (strcmp(line, "g") == 0 || strcmp(line, "e") == 0) {
		if (!saved(s, answer_rate(&s->log, q, line[0] == 'g' ? FSRS_HARD : FSRS_EASY, why, sizeof why), why)) {
			l->saved_ok = false;
			return false;
		}
		fprintf(s->out, "Saved as %s.\n", line[0] == 'g' ? "guessed" : "easy");
		if (requeue(s, l, at))
			fputs("It comes back later in this review (relearning).\n", s->out);
	}
	return true;
}

/* The end of a review round, as the full-screen one says it. */
static void review_summary(struct plain_session *s, const struct plain_list *l)
{
	char summary[512];
	study_round_summary(s->log.study, clock_now(), l->answered, l->right, l->relearned, summary, sizeof summary);
	fprintf(s->out, "\n%s\n", summary);
}

static int run_list(struct plain_session *s, struct plain_list *l, const char *what)
{
	size_t n = l->count;
	fprintf(s->out, "mlcert: %zu question%s (%s). End of input stops at any time; progress is saved as you go.\n",
		n, n == 1 ? "" : "s", what);
	l->saved_ok = true;
	size_t done = 0;
	for (size_t i = 0; i < l->count; i++) {
		if (!practise(s, l, i))
			break;
		done++;
	}
	if (l->review && done == l->count && l->count)
		review_summary(s, l);
	else
		fprintf(s->out, "\nSession over: %zu of %zu questions.\n", done, l->count);
	return l->saved_ok ? 0 : 2;
}

static void exam_event(struct plain_session *s, enum journal_kind kind, const char *id,
		       struct choice_set choices, int64_t value, bool *ok)
{
	struct journal_event e = answer_event(kind, id);
	e.choices = choices.bits;
	e.value = value;
	if (!save(s, &e))
		*ok = false;
}

static int run_exam(struct plain_session *s)
{
	const struct content_pack *pack = s->pack;
	int64_t now = clock_now();
	bool ok = true;
	struct exam *x = exam_resume(pack, &s->log.study->exam, now);
	if (x) {
		fprintf(s->out, "Resuming your unfinished mock exam: %zu answered, %lld minutes left.\n",
			exam_answered(x), (long long)(exam_seconds_left(x, now) / 60));
	} else {
		x = exam_new(pack, (uint64_t)now, now);
		exam_event(s, JOURNAL_EXAM_START, pack->meta->id, (struct choice_set){0}, (int64_t)x->seed, &ok);
		fprintf(s->out, "Mock exam: %zu questions, %d minutes. No feedback until the end; "
				"s skips, q pauses (the next --exam resumes).\n",
			x->count, pack->meta->exam.minutes);
	}
	bool stopped = false, timed_out = false;
	for (size_t i = 0; i < x->count && ok; i++) {
		if (choice_set_count(x->picks[i]))
			continue;
		if (exam_seconds_left(x, clock_now()) == 0) {
			timed_out = true;
			break;
		}
		x->pos = i;
		const struct content_question *q = pack->questions[x->questions[i]];
		print_question(s, q, "Question", i + 1, x->count);
		fprintf(s->out, "(%lld minutes left)\n", (long long)(exam_seconds_left(x, clock_now()) / 60));
		struct choice_set chosen = {0};
		enum reply r = ask(s, q, &chosen);
		if (r == REPLY_STOP) {
			stopped = true;
			break;
		}
		if (r == REPLY_SKIP)
			continue;
		x->picks[i] = chosen;
		exam_event(s, JOURNAL_EXAM_PICK, q->id, chosen, 0, &ok);
		if (ok)
			fputs("Recorded.\n", s->out);
	}
	if (exam_seconds_left(x, clock_now()) == 0)
		timed_out = true;
	if (stopped && !timed_out) {
		exam_event(s, JOURNAL_EXAM_PAUSE, pack->meta->id, (struct choice_set){0},
			   exam_seconds_used(x, clock_now()), &ok);
		fprintf(s->out, "\nExam paused with %zu answered; run --exam again to resume.\n", exam_answered(x));
		exam_free(x);
		return ok ? 0 : 2;
	}
	char why[512];
	ok = saved(s, answer_finish_exam(&s->log, x, timed_out, why, sizeof why), why) && ok;
	fprintf(s->out, "\n%sScore: %u of %zu right (%zu%%).\n", timed_out ? "Time is up. " : "", x->right, x->count,
		x->count ? (size_t)x->right * 100 / x->count : 0);
	for (unsigned d = 0; d < pack->meta->domains_count; d++) {
		const struct exam_domain_score *sc = &x->by_domain[d];
		if (!sc->total)
			continue;
		fprintf(s->out, "  %-50s weight %3d%%  %u/%u right\n", pack->meta->domains[d].title,
			pack->meta->domains[d].weight, sc->right, sc->total);
	}
	fputs("Google publishes no passing score. Wrong answers are now in your review queue (--review).\n", s->out);
	exam_free(x);
	return ok ? 0 : 2;
}

/* The objective an id names ("1.2"), or -1. */
static int find_objective(const struct content_pack *pack, const char *id)
{
	return id ? content_find_objective(pack, id) : -1;
}

int plain_run(struct plain_session *s, enum plain_mode mode, const char *id)
{
	const struct content_pack *pack = s->pack;
	size_t cap = pack->question_count ? pack->question_count : 1;
	struct plain_list l = {.items = xcalloc(cap, sizeof *l.items), .cap = cap};
	int *list = l.items;
	int status = 0;
	char what[256];
	if (mode == PLAIN_EXAM) {
		status = run_exam(s);
	} else if (mode == PLAIN_QUESTION) {
		const struct content_question *q = content_find_question(pack, id);
		if (!q) {
			fprintf(stderr, "mlcert: no question '%s' in this pack\n", id);
			status = 2;
		} else {
			list[0] = q->index;
			l.count = 1;
			snprintf(what, sizeof what, "question %s", q->id);
			status = run_list(s, &l, what);
		}
	} else if (mode == PLAIN_TOPIC) {
		const struct content_topic *t = content_find_topic(pack, id);
		int domain = content_find_domain(pack, id);
		if (t)
			l.count = scope_questions_of_topic(pack, t->index, list, cap);
		else if (domain >= 0)
			l.count = scope_questions_of_domain(pack, domain, list, cap);
		if (!t && domain < 0) {
			fprintf(stderr, "mlcert: no topic or domain '%s' in this pack\n", id);
			status = 2;
		} else {
			snprintf(what, sizeof what, "%s %s", t ? "topic" : "domain", id);
			status = run_list(s, &l, what);
		}
	} else if (mode == PLAIN_REVIEW) {
		size_t due, fresh;
		l.count = study_review_queue(s->log.study, clock_now(), s->new_per_day, list, cap, &due, &fresh);
		l.review = true;
		snprintf(what, sizeof what, "review: %zu due, %zu new", due, fresh);
		status = run_list(s, &l, what);
	} else {
		/* custom study */
		int objective = find_objective(pack, id);
		enum study_selection which = mode == PLAIN_WRONG     ? STUDY_SELECT_WRONG
					     : mode == PLAIN_FLAGGED ? STUDY_SELECT_FLAGGED
					     : mode == PLAIN_WEAKEST ? STUDY_SELECT_WEAKEST
								     : STUDY_SELECT_OBJECTIVE;
		if ((which == STUDY_SELECT_OBJECTIVE || which == STUDY_SELECT_WEAKEST) && !pack->objective_count) {
			fprintf(stderr, "mlcert: this pack has no objectives (the exam guide's subsections) to study by\n");
			status = 2;
		} else if (which == STUDY_SELECT_OBJECTIVE && objective < 0) {
			fprintf(stderr, "mlcert: no objective '%s' in this pack (its ids are like '%s')\n", id ? id : "",
				pack->objectives[0]->id);
			status = 2;
		} else {
			l.count = study_select(s->log.study, which, objective, list, cap);
			if (which == STUDY_SELECT_OBJECTIVE)
				snprintf(what, sizeof what, "objective %s %s", pack->objectives[objective]->id,
					 pack->objectives[objective]->title);
			else if (which == STUDY_SELECT_WEAKEST) {
				int weakest[STUDY_WEAKEST_COUNT];
				size_t n = study_weakest_objectives(s->log.study, weakest, STUDY_WEAKEST_COUNT);
				int w = snprintf(what, sizeof what, "the weakest objectives:");
				for (size_t k = 0; k < n && w > 0 && (size_t)w < sizeof what; k++)
					w += snprintf(what + w, sizeof what - (size_t)w, " %s", pack->objectives[weakest[k]]->id);
			} else
				snprintf(what, sizeof what, "%s", which == STUDY_SELECT_WRONG ? "wrong answers" : "flagged");
			status = run_list(s, &l, what);
		}
	}
	free(l.items);
	return status;
}
