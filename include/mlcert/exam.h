/* exam — a timed mock exam: questions drawn to match the domain weights,
 * each with its choices in an order of its own, no feedback until the end,
 * flags, struck-out choices, a clock, and a score report by domain and by
 * objective; a finished exam from the history, rebuilt to be shown again. */
#ifndef MLCERT_EXAM_H
#define MLCERT_EXAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mlcert/choice.h"
#include "mlcert/content.h"
#include "mlcert/study.h"

struct exam_domain_score {
	unsigned right, total;
};

struct exam {
	const struct content_pack *pack;
	uint64_t seed;
	int *questions;      /* pack question indexes, in exam order */
	size_t count;
	struct choice_set *picks; /* per exam position: choice identities */
	struct choice_set *struck; /* per exam position: choices ruled out (never an answer) */
	struct choice_order *orders; /* per exam position: the order its choices are shown in */
	bool *flags;         /* per exam position */
	bool *correct;       /* per exam position, once finished: answered right */
	size_t pos;
	int64_t sitting_start; /* when the current sitting began */
	int64_t used_before;   /* seconds used in earlier sittings */
	int64_t limit;         /* seconds */
	bool finished;
	bool timed_out;
	int64_t submitted;   /* when it was finished (then used_before is all the time it took); else 0 */
	unsigned right;
	struct exam_domain_score *by_domain; /* per pack domain */
	size_t missing;      /* a finished exam from the history: questions the pack no longer has */
};

/* How many questions each domain gets for an exam of n questions: the
 * largest-remainder split of n by weight, moving any share a domain cannot
 * fill (too few questions) to the others. per_domain has one entry per
 * domain; returns the total (less than n only if the pack is too small). */
size_t exam_quota(const struct content_pack *pack, size_t n, size_t *per_domain);

/* A new exam drawn with seed, started at now; the seed also orders each
 * question's choices (choice_order_shuffled), so the same seed shows the
 * same exam the same way. */
struct exam *exam_new(const struct content_pack *pack, uint64_t seed, int64_t now);

/* The exam the journal left open, rebuilt: the same questions and choice
 * orders (same seed), its picks, strikes and flags, and the time already
 * used. NULL when none is open. */
struct exam *exam_resume(const struct content_pack *pack, const struct study_open_exam *open,
			 int64_t now);

/* Finished exam k of the study's history, rebuilt (finished, scored as it
 * was scored then) for its report and its review; questions the pack no
 * longer has are left out and counted in missing. */
struct exam *exam_from_history(const struct content_pack *pack, const struct study *study, size_t k);

void exam_free(struct exam *exam);

int64_t exam_seconds_used(const struct exam *exam, int64_t now);
int64_t exam_seconds_left(const struct exam *exam, int64_t now);

/* Picks the choice shown at position (a letter: 0 is a) of the current
 * question: toggles for a multiple-select question, replaces otherwise, and
 * restores it if it was struck out. Returns false for an invalid position. */
bool exam_choose(struct exam *exam, unsigned position);

/* Strikes out the choice shown at position, or restores it; a struck
 * choice is no longer picked. Returns false for an invalid position. */
bool exam_strike(struct exam *exam, unsigned position);

/* Answered means complete (answer_check): a multiple-select question with
 * fewer or more picks than it asks for is not answered, only incomplete. */
bool exam_is_answered(const struct exam *exam, size_t pos);
bool exam_is_incomplete(const struct exam *exam, size_t pos);
size_t exam_answered(const struct exam *exam);
size_t exam_incomplete(const struct exam *exam);
size_t exam_flagged(const struct exam *exam);

/* Scores every position (an incomplete one is wrong) and marks the exam finished. */
void exam_finish(struct exam *exam, bool timed_out);

/* Right and total per objective of the pack (out has pack->objective_count
 * entries) over a finished exam: a question counts towards each objective
 * it names. */
void exam_score_by_objective(const struct exam *exam, struct exam_domain_score *out);

/* What a finished exam did to the review queue, as the study tells it now:
 * of the questions answered wrong, how many have a memory state from a
 * wrong answer (queued) and the earliest of their due dates; unanswered
 * ones were never answers, so they are not in the queue. */
struct exam_queue_effect {
	size_t wrong, queued, unanswered;
	int64_t first_due;
};
void exam_queue_effect(const struct exam *exam, const struct study *study, struct exam_queue_effect *out);

/* Deterministic random numbers (splitmix64) for sampling and tests. */
uint64_t exam_random(uint64_t *state);

#endif
