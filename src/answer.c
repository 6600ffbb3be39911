/* answer — grading and recording. */
#include "mlcert/answer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlcert/check.h"
#include "mlcert/clock.h"
#include "mlcert/exam.h"
#include "mlcert/xalloc.h"

bool answer_choose(const struct content_question *q, struct choice_set *chosen, unsigned choice)
{
	if (choice >= q->choices_count)
		return false;
	*chosen = q->type == QUESTION_MULTIPLE ? choice_set_toggled(*chosen, choice)
					       : choice_set_with((struct choice_set){0}, choice);
	return true;
}

enum answer_problem answer_check(const struct content_question *q, struct choice_set chosen)
{
	unsigned n = choice_set_count(chosen);
	if (n == 0)
		return ANSWER_NOTHING_CHOSEN;
	if (q->type == QUESTION_MULTIPLE && n != choice_set_count(q->correct))
		return ANSWER_WRONG_COUNT;
	if (q->type == QUESTION_SINGLE && n > 1)
		return ANSWER_TOO_MANY;
	return ANSWER_COMPLETE;
}

bool answer_is_right(const struct content_question *q, struct choice_set chosen)
{
	return choice_set_equal(chosen, q->correct);
}

struct journal_event answer_event(enum journal_kind kind, const char *id)
{
	struct journal_event e = {.kind = kind};
	snprintf(e.id, sizeof e.id, "%s", id);
	return e;
}

/* A journal of NULL saves nothing and says nothing: the caller has already
 * told the learner that progress is not being saved. */
static bool append(const struct answer_log *log, const struct journal_event *events, size_t count, char *why,
		   size_t why_size)
{
	if (!log->journal)
		return true;
	return count == 1 ? journal_append(log->journal, events, why, why_size)
			  : journal_append_lines(log->journal, events, count, why, why_size);
}

bool answer_record(const struct answer_log *log, struct journal_event *e, char *why, size_t why_size)
{
	e->time = clock_now();
	if (!append(log, e, 1, why, why_size))
		return false;
	study_apply(log->study, e);
	return true;
}

bool answer_submit(const struct answer_log *log, const struct content_question *q, struct choice_set chosen,
		   bool *right, char *why, size_t why_size)
{
	*right = answer_is_right(q, chosen);
	struct journal_event e = answer_event(JOURNAL_ANSWER, q->id);
	e.choices = chosen.bits;
	e.correct = *right;
	e.rating = *right ? FSRS_GOOD : FSRS_AGAIN;
	return answer_record(log, &e, why, why_size);
}

bool answer_rate(const struct answer_log *log, const struct content_question *q, enum fsrs_rating rating,
		 char *why, size_t why_size)
{
	struct journal_event e = answer_event(JOURNAL_RATE, q->id);
	e.rating = rating;
	return answer_record(log, &e, why, why_size);
}

bool answer_parse_exam_date(const char *text, int64_t now, int64_t *date, char *why, size_t why_size)
{
	int y, m, d;
	if (!check_parse_date(text, &y, &m, &d)) {
		snprintf(why, why_size, "'%.16s%s' is not a date: type it as YYYY-MM-DD", text,
			 strlen(text) > 16 ? "..." : "");
		return false;
	}
	int64_t day = check_date_seconds(y, m, d);
	if (study_day(day) < study_day(now)) {
		snprintf(why, why_size, "%s is in the past: the exam date is today or later", text);
		return false;
	}
	*date = day;
	return true;
}

bool answer_set_exam_date(const struct answer_log *log, int64_t date, char *why, size_t why_size)
{
	if (log->study->exam_date == date)
		return true;
	struct journal_event e = answer_event(JOURNAL_SETTING, "exam-date");
	e.value = date;
	return answer_record(log, &e, why, why_size);
}

bool answer_finish_exam(const struct answer_log *log, struct exam *x, bool timed_out, char *why,
			size_t why_size)
{
	int64_t now = clock_now();
	int64_t used = exam_seconds_used(x, now);
	exam_finish(x, timed_out);
	x->used_before = used; /* the clock stops: the report shows this */
	x->sitting_start = now;
	x->submitted = now;
	const struct content_pack *pack = x->pack;
	size_t answered = exam_answered(x), count = 2 + x->count + answered, n = 0;
	struct journal_event *events = xcalloc(count, sizeof *events);
	events[n] = answer_event(JOURNAL_EXAM_PAUSE, pack->meta->id);
	events[n++].value = used;
	events[n] = answer_event(JOURNAL_EXAM_FINISH, pack->meta->id);
	events[n].choices = x->right;
	events[n].correct = timed_out;
	events[n++].value = (int64_t)(x->count + answered);
	for (size_t i = 0; i < x->count; i++) {
		struct journal_event *e = &events[n++];
		*e = answer_event(JOURNAL_EXAM_ITEM, pack->questions[x->questions[i]]->id);
		e->choices = x->picks[i].bits;
		e->correct = x->correct[i];
		e->value = choice_order_pack(&x->orders[i]) | (x->flags[i] ? (int64_t)1 << 32 : 0);
	}
	for (size_t i = 0; i < x->count; i++) {
		if (!exam_is_answered(x, i))
			continue; /* never read as an answer: it stays new */
		struct journal_event *e = &events[n++];
		*e = answer_event(JOURNAL_ANSWER, pack->questions[x->questions[i]]->id);
		e->choices = x->picks[i].bits;
		e->correct = x->correct[i];
		e->rating = x->correct[i] ? FSRS_GOOD : FSRS_AGAIN;
	}
	for (size_t i = 0; i < n; i++)
		events[i].time = now;
	bool saved = append(log, events, n, why, why_size);
	for (size_t i = 0; saved && i < n; i++)
		study_apply(log->study, &events[i]);
	if (!saved)
		x->finished = false; /* the journal has it open, so the exam is */
	free(events);
	return saved;
}

bool answer_discard_exam(const struct answer_log *log, char *why, size_t why_size)
{
	if (!log->study->exam.active) {
		snprintf(why, why_size, "no exam is open");
		return false;
	}
	struct journal_event e = answer_event(JOURNAL_EXAM_DISCARD, log->study->pack->meta->id);
	return answer_record(log, &e, why, why_size);
}

bool answer_undo(const struct answer_log *log, char *why, size_t why_size)
{
	int question;
	int64_t time;
	if (!study_undoable(log->study, &question, &time)) {
		snprintf(why, why_size, "there is no answer to undo");
		return false;
	}
	struct journal_event e = answer_event(JOURNAL_UNDO, log->study->pack->questions[question]->id);
	e.value = time;
	return answer_record(log, &e, why, why_size);
}
