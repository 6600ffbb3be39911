/* answer — the one way an answer becomes an event: a selection checked and
 * graded, the event written to the journal (fsynced) and only then applied
 * to the study, and a mock exam finished in one write. The full-screen
 * program, plain mode and every command that records go through here:
 * nothing else appends to the journal. */
#ifndef MLCERT_ANSWER_H
#define MLCERT_ANSWER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mlcert/choice.h"
#include "mlcert/content.h"
#include "mlcert/fsrs.h"
#include "mlcert/journal.h"
#include "mlcert/study.h"

struct exam;

/* Where events go: the journal (NULL: nothing is saved, and the caller
 * says so on screen) and the study they update. */
struct answer_log {
	struct journal *journal;
	struct study *study;
};

/* What stands between a selection and an answer the question accepts. */
enum answer_problem {
	ANSWER_COMPLETE,
	ANSWER_NOTHING_CHOSEN,
	ANSWER_WRONG_COUNT, /* a multiple-select question wants exactly its number */
	ANSWER_TOO_MANY,    /* a single-select question takes one */
};

/* Choosing choice: toggles it in a multiple-select question, replaces the
 * selection in a single-select one. False when q has no such choice. */
bool answer_choose(const struct content_question *q, struct choice_set *chosen, unsigned choice);

enum answer_problem answer_check(const struct content_question *q, struct choice_set chosen);

/* Right when exactly the correct choices were chosen. */
bool answer_is_right(const struct content_question *q, struct choice_set chosen);

/* An event about id (a question, topic, pack or setting), ready for the
 * fields its kind uses (see journal.h). */
struct journal_event answer_event(enum journal_kind kind, const char *id);

/* Stamps e with the clock, appends it and fsyncs, then applies it to the
 * study. False with why when it could not be saved: the study is left as it
 * was and the caller must confirm nothing. */
bool answer_record(const struct answer_log *log, struct journal_event *e, char *why, size_t why_size);

/* A submitted answer: graded, rated Good when right and Again when not, and
 * recorded; *right says which. chosen must be complete (answer_check). */
bool answer_submit(const struct answer_log *log, const struct content_question *q, struct choice_set chosen,
		   bool *right, char *why, size_t why_size);

/* Re-rates the last answer to q: FSRS_HARD ("I guessed") or FSRS_EASY. */
bool answer_rate(const struct answer_log *log, const struct content_question *q, enum fsrs_rating rating,
		 char *why, size_t why_size);

/* An exam date as the learner types it (YYYY-MM-DD): *date is its midnight
 * UTC, in seconds. False, with why, for anything that is not a real date
 * and for a day before now's (an exam in the past forecasts nothing). */
bool answer_parse_exam_date(const char *text, int64_t now, int64_t *date, char *why, size_t why_size);

/* The exam date (midnight UTC, in seconds); nothing is recorded when it is
 * already the date. */
bool answer_set_exam_date(const struct answer_log *log, int64_t date, char *why, size_t why_size);

/* Scores the exam (exam_finish) and records, in one write (saved whole or
 * not at all): a pause with the time used, the finish, an exam item for
 * every question (its picks, grade, flag and choice order: the history),
 * and an ordinary answer for each question answered (exam_is_answered)
 * only, so the answered ones, right or wrong, join the review queue and
 * the unanswered stay new, as if never seen.
 * When it was not saved the exam stays unfinished, as the journal has it:
 * the caller shows no score and may submit again. */
bool answer_finish_exam(const struct answer_log *log, struct exam *exam, bool timed_out, char *why,
			size_t why_size);

/* Throws the open exam away: an exam-discard event, after which nothing of
 * it counts (its picks were never answers). */
bool answer_discard_exam(const struct answer_log *log, char *why, size_t why_size);

/* Takes back the last answer (study_undoable) with an undo event: the
 * journal stays append-only and the study returns to what it was before
 * that answer. False with why when there is none, or it was not saved. */
bool answer_undo(const struct answer_log *log, char *why, size_t why_size);

#endif
