/* fsrs_schedule — the FSRS-6 card scheduler: a card's state (New, Learning,
 * Review, Relearning), its place in the same-day learning steps, and when it
 * is due next, after each rating. Pure: the time comes in as an argument;
 * no I/O, no state of its own.
 *
 * A port of ts-fsrs 5.x FSRS.next() with enable_short_term on and fuzz off
 * (its BasicScheduler and BasicLearningStepsStrategy), with the steps taken
 * from struct fsrs_params. It agrees with ts-fsrs on every field below; the
 * unit test holds it to card histories generated from ts-fsrs
 * (tests/data/fsrs/short-term.txt). Memory updates are fsrs_next's.
 *
 * The rules, with what they give for the default steps (learning 1 min,
 * 10 min; relearning 10 min) in brackets as [learning; relearning]:
 *
 *   Days. A review counts whole UTC calendar days since the card's last
 *   review (ts-fsrs dateDiffInDays), not 24-hour periods: 23:55 to 00:05 is
 *   one day, 00:05 to 23:55 is none. No days is a same-day review: memory
 *   uses the short-term formula. A review timed before the last one counts
 *   as same-day (ts-fsrs would refuse it).
 *
 *   Steps. New and Learning cards use the learning steps; Review and
 *   Relearning cards the relearning steps. On a card at step i:
 *     Again  first step, back to step 0                       [1 min; 10 min]
 *     Hard   mean of the first two steps, or 1.5 x the only one, rounded to
 *            the minute, whatever i is (so 6 min even on the 10-min step);
 *            the step stays i                                  [6 min; 15 min]
 *     Good   step i+1 if there is one, else graduate          [10 min, then graduate]
 *     Easy   graduate
 *   A New card rated Again, Hard or Good this way becomes Learning.
 *   Graduating: state Review, step 0, scheduled_days = fsrs_interval_days,
 *   due that many days (of 86400 s) after the review. With no steps, or a
 *   step index past the end of the list, every rating graduates.
 *   While in a step, scheduled_days is 0 and due = review time + the step.
 *   A step of a day or more is not same-day: the card goes to Review at
 *   once, keeps the step index, and scheduled_days is the step in whole days.
 *
 *   Review. Again is a lapse: lapses + 1, then the first relearning step
 *   (state Relearning, step 0), or with no relearning steps an interval as
 *   on graduating. Hard, Good and Easy stay in Review with intervals kept in
 *   order: Hard no longer than Good, Good at least Hard + 1, Easy at least
 *   Good + 1 — which can take Good and Easy 1 or 2 days past
 *   maximum_interval, as in ts-fsrs.
 */
#ifndef MLCERT_FSRS_SCHEDULE_H
#define MLCERT_FSRS_SCHEDULE_H

#include <stdint.h>

#include "mlcert/fsrs.h"

/* ts-fsrs's State values, in its order. */
enum fsrs_state { FSRS_NEW, FSRS_LEARNING, FSRS_REVIEW, FSRS_RELEARNING };

struct fsrs_card {
	enum fsrs_state state;
	int step;                  /* index into the learning or relearning steps */
	struct fsrs_memory memory; /* {0, 0} until the first review */
	int64_t due;               /* Unix seconds */
	int64_t last_review;       /* Unix seconds; unused while New */
	int scheduled_days;        /* days from the last review to due; 0 while in a step */
	int elapsed_days;          /* whole UTC days the last review counted since the one before */
	int reps;                  /* reviews so far */
	int lapses;                /* Again ratings given in Review */
};

/* A card never reviewed, due at now. */
struct fsrs_card fsrs_card_new(int64_t now);

/* The card after rating it g at time now (Unix seconds). A rating outside
 * 1..4 is clamped into it; an unknown state counts as New, a negative step
 * as 0, step counts outside 0..FSRS_STEPS_MAX are clamped into that range. */
struct fsrs_card fsrs_schedule(const struct fsrs_params *p, struct fsrs_card card, int64_t now,
			       enum fsrs_rating g);

#endif
