/* answer — grading and recording. */
#include "mlcert/answer.h"

#include <stdio.h>
#include <stdlib.h>

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
	exam_finish(x, timed_out);
	const struct content_pack *pack = x->pack;
	struct journal_event *events = xcalloc(x->count + 1, sizeof *events);
	int64_t now = clock_now();
	events[0] = answer_event(JOURNAL_EXAM_FINISH, pack->meta->id);
	events[0].choices = x->right;
	events[0].value = (int64_t)x->count;
	for (size_t i = 0; i < x->count; i++) {
		const struct content_question *q = pack->questions[x->questions[i]];
		bool right = answer_is_right(q, x->picks[i]);
		struct journal_event *e = &events[i + 1];
		*e = answer_event(JOURNAL_ANSWER, q->id);
		e->choices = x->picks[i].bits;
		e->correct = right;
		e->rating = right ? FSRS_GOOD : FSRS_AGAIN;
	}
	for (size_t i = 0; i <= x->count; i++)
		events[i].time = now;
	bool saved = append(log, events, x->count + 1, why, why_size);
	for (size_t i = 0; saved && i <= x->count; i++)
		study_apply(log->study, &events[i]);
	if (!saved)
		x->finished = false; /* the journal has it open, so the exam is */
	free(events);
	return saved;
}
