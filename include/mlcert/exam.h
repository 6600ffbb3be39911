/* exam — a timed mock exam: questions drawn to match the domain weights, no
 * feedback until the end, flags, a clock, and a score report by domain. */
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
	struct choice_set *picks; /* per exam position */
	bool *flags;         /* per exam position */
	size_t pos;
	int64_t sitting_start; /* when the current sitting began */
	int64_t used_before;   /* seconds used in earlier sittings */
	int64_t limit;         /* seconds */
	bool finished;
	bool timed_out;
	unsigned right;
	struct exam_domain_score *by_domain; /* per pack domain */
};

/* How many questions each domain gets for an exam of n questions: the
 * largest-remainder split of n by weight, moving any share a domain cannot
 * fill (too few questions) to the others. per_domain has one entry per
 * domain; returns the total (less than n only if the pack is too small). */
size_t exam_quota(const struct content_pack *pack, size_t n, size_t *per_domain);

/* A new exam drawn with seed, started at now. */
struct exam *exam_new(const struct content_pack *pack, uint64_t seed, int64_t now);

/* The exam the journal left open, rebuilt: the same questions (same seed),
 * its picks and flags, and the time already used. NULL when none is open. */
struct exam *exam_resume(const struct content_pack *pack, const struct study_open_exam *open,
			 int64_t now);

void exam_free(struct exam *exam);

int64_t exam_seconds_used(const struct exam *exam, int64_t now);
int64_t exam_seconds_left(const struct exam *exam, int64_t now);

/* Picks choice (0-based) at the current position: toggles for a multiple-
 * select question, replaces otherwise. Returns false for an invalid choice. */
bool exam_choose(struct exam *exam, unsigned choice);

size_t exam_answered(const struct exam *exam);
size_t exam_flagged(const struct exam *exam);

/* Scores every position and marks the exam finished. */
void exam_finish(struct exam *exam, bool timed_out);

/* Deterministic random numbers (splitmix64) for sampling and tests. */
uint64_t exam_random(uint64_t *state);

#endif
