/* fsrs — the FSRS-6 memory model: pure math on (stability, difficulty,
 * elapsed days, rating). No time, no I/O, no state of its own.
 *
 * Follows ts-fsrs 5.x (enable_short_term on, fuzz off) to the last detail
 * that changes a number: it rounds retrievability, difficulty, stability and
 * the interval modifier to 8 decimals where ts-fsrs does, and clamps
 * stability to [0.001, 36500] and difficulty to [1, 10]. The unit test holds
 * it to vectors generated from ts-fsrs (tests/data/fsrs/).
 *
 * The card scheduler built on this math (learning and relearning steps, due
 * times) is fsrs_schedule; its steps live in struct fsrs_params with the rest
 * of ts-fsrs's parameters.
 *
 * Needs libm (-lm). */
#ifndef MLCERT_FSRS_H
#define MLCERT_FSRS_H

enum fsrs_rating { FSRS_AGAIN = 1, FSRS_HARD = 2, FSRS_GOOD = 3, FSRS_EASY = 4 };

#define FSRS_WEIGHTS 21
#define FSRS_STABILITY_MIN 0.001
#define FSRS_STABILITY_MAX 36500.0
#define FSRS_DIFFICULTY_MIN 1.0
#define FSRS_DIFFICULTY_MAX 10.0
#define FSRS_STEPS_MAX 8

struct fsrs_params {
	double w[FSRS_WEIGHTS];   /* used as given (ts-fsrs would clip out-of-range weights,
				   * and w17/w18 when there are 3 or more relearning steps) */
	double desired_retention; /* in (0, 1]; outside that it is clamped to [0.01, 1] */
	int maximum_interval;     /* days */
	/* Same-day steps for fsrs_schedule, in seconds: the delays a new card
	 * goes through before its first interval in days, and a lapsed card
	 * before it goes back to review. ts-fsrs counts them in whole minutes,
	 * so keep them whole minutes to match it. Counts are 0..FSRS_STEPS_MAX
	 * (0: no steps, straight to a day interval). */
	int learning_steps[FSRS_STEPS_MAX];
	int learning_step_count;
	int relearning_steps[FSRS_STEPS_MAX];
	int relearning_step_count;
};

struct fsrs_memory {
	double stability;  /* days until retrievability falls to 0.9 */
	double difficulty; /* 1 (easy) .. 10 (hard) */
};

/* FSRS-6 default weights, desired retention 0.9, maximum interval 36500,
 * learning steps 1 min and 10 min, relearning step 10 min (ts-fsrs's). */
void fsrs_params_default(struct fsrs_params *p);

/* Probability of recall elapsed_days after a review that left the given
 * stability (ts-fsrs forgetting_curve). Negative elapsed counts as 0. */
double fsrs_retrievability(const struct fsrs_params *p, double elapsed_days, double stability);

/* The memory state after the first review of a new item. A rating outside
 * 1..4 is clamped into it. */
struct fsrs_memory fsrs_first(const struct fsrs_params *p, enum fsrs_rating g);

/* A later review, elapsed_days since the previous one (fractional allowed;
 * retrievability uses the exact value). Same-day (< 1 day) uses the
 * short-term formula, which ts-fsrs applies when its whole-day count is 0.
 * A zero state {0, 0} means "new" and gives fsrs_first; other out-of-range
 * states are clamped into range; a rating outside 1..4 is clamped into it. */
struct fsrs_memory fsrs_next(const struct fsrs_params *p, struct fsrs_memory m,
			     double elapsed_days, enum fsrs_rating g);

/* Days until retrievability falls to the desired retention: rounded,
 * clamped to [1, maximum_interval]. At retention 0.9 this is round(S). */
int fsrs_interval_days(const struct fsrs_params *p, double stability);

#endif
