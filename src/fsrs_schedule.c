/* fsrs_schedule — FSRS-6 card scheduler, a port of ts-fsrs 5.x
 * BasicScheduler (src/impl/basic_scheduler.ts) and BasicLearningStepsStrategy
 * (src/strategies/learning_steps.ts), in seconds where ts-fsrs uses minutes
 * and Date objects. Each branch keeps ts-fsrs's order and conditions, odd
 * ones included, so histories agree field by field. */
#include "mlcert/fsrs_schedule.h"

#include <limits.h>
#include <math.h>

#define DAY_SECONDS 86400
#define MINUTE_SECONDS 60

/* JavaScript's Math.round: halves go towards +infinity. */
static double js_round(double x)
{
	double f = floor(x);
	return x - f >= 0.5 ? f + 1.0 : f;
}

static enum fsrs_rating valid_rating(enum fsrs_rating g)
{
	if ((int)g < FSRS_AGAIN)
		return FSRS_AGAIN;
	if ((int)g > FSRS_EASY)
		return FSRS_EASY;
	return g;
}

static int clamp_count(int n)
{
	return n < 0 ? 0 : n > FSRS_STEPS_MAX ? FSRS_STEPS_MAX : n;
}

/* The UTC calendar day a time falls on, rounding down before 1970 too. */
static int64_t utc_day(int64_t t)
{
	int64_t day = t / DAY_SECONDS;
	return t % DAY_SECONDS < 0 ? day - 1 : day;
}

/* ts-fsrs dateDiffInDays: calendar days, not 24-hour periods. */
static int whole_days_between(int64_t from, int64_t to)
{
	int64_t days = utc_day(to) - utc_day(from);
	if (days < 0)
		return 0;
	return days > INT_MAX ? INT_MAX : (int)days;
}

/* What the steps say for one rating: wait `delay` seconds at step
 * `next_step`. A delay of 0 means no step applies: the card graduates. */
struct step_plan {
	int64_t delay;
	int next_step;
};

/* Hard's wait, worked in minutes and rounded as ts-fsrs getHardInterval does. */
static int64_t hard_delay(const int *steps, int count)
{
	double first = steps[0] / (double)MINUTE_SECONDS;
	double minutes = count == 1 ? js_round(first * 1.5)
				    : js_round((first + steps[1] / (double)MINUTE_SECONDS) / 2.0);
	return (int64_t)minutes * MINUTE_SECONDS;
}

/* ts-fsrs BasicLearningStepsStrategy for one rating. */
static struct step_plan plan_step(const struct fsrs_params *p, enum fsrs_state state, int step,
				  enum fsrs_rating g)
{
	int relearning = state == FSRS_REVIEW || state == FSRS_RELEARNING;
	const int *steps = relearning ? p->relearning_steps : p->learning_steps;
	int count = clamp_count(relearning ? p->relearning_step_count : p->learning_step_count);
	struct step_plan plan = { 0, 0 };

	if (count == 0 || step >= count)
		return plan;
	if (state == FSRS_REVIEW) {
		/* only a lapse enters the steps, at the card's step (0 in practice) */
		if (g == FSRS_AGAIN)
			plan.delay = steps[step];
	} else if (g == FSRS_AGAIN) {
		plan.delay = steps[0];
	} else if (g == FSRS_HARD) {
		plan.delay = hard_delay(steps, count); /* not the current step's length */
		plan.next_step = step;
	} else if (g == FSRS_GOOD && step + 1 < count && steps[step + 1] != 0) {
		plan.delay = steps[step + 1];
		plan.next_step = step + 1;
	}
	if (plan.delay < 0)
		plan.delay = 0;
	return plan;
}

static void graduate(const struct fsrs_params *p, struct fsrs_card *next, int64_t now)
{
	next->state = FSRS_REVIEW;
	next->step = 0;
	next->scheduled_days = fsrs_interval_days(p, next->memory.stability);
	next->due = now + (int64_t)next->scheduled_days * DAY_SECONDS;
}

/* ts-fsrs applyLearningSteps: a step shorter than a day keeps the card in
 * in_step; a longer one sends it to Review on that date; none graduates it. */
static void apply_steps(const struct fsrs_params *p, const struct fsrs_card *card,
			struct fsrs_card *next, int64_t now, enum fsrs_rating g,
			enum fsrs_state in_step)
{
	struct step_plan plan = plan_step(p, card->state, card->step, g);
	if (plan.delay > 0 && plan.delay < DAY_SECONDS) {
		next->state = in_step;
		next->step = plan.next_step;
		next->scheduled_days = 0;
		next->due = now + plan.delay;
	} else if (plan.delay >= DAY_SECONDS) {
		next->state = FSRS_REVIEW;
		next->step = plan.next_step;
		next->scheduled_days = (int)(plan.delay / DAY_SECONDS);
		next->due = now + plan.delay;
	} else {
		graduate(p, next, now);
	}
}

/* ts-fsrs reviewState for Hard, Good and Easy: intervals from each rating's
 * own stability, then pushed apart so Hard < Good < Easy (past the maximum
 * if need be). */
static void schedule_review_pass(const struct fsrs_params *p, const struct fsrs_card *card,
				 struct fsrs_card *next, int64_t now, enum fsrs_rating g)
{
	double t = next->elapsed_days;
	int hard = fsrs_interval_days(p, fsrs_next(p, card->memory, t, FSRS_HARD).stability);
	int good = fsrs_interval_days(p, fsrs_next(p, card->memory, t, FSRS_GOOD).stability);
	int easy = fsrs_interval_days(p, fsrs_next(p, card->memory, t, FSRS_EASY).stability);
	if (hard > good)
		hard = good;
	if (good < hard + 1)
		good = hard + 1;
	if (easy < good + 1)
		easy = good + 1;

	next->state = FSRS_REVIEW;
	next->step = 0;
	next->scheduled_days = g == FSRS_HARD ? hard : g == FSRS_GOOD ? good : easy;
	next->due = now + (int64_t)next->scheduled_days * DAY_SECONDS;
}

struct fsrs_card fsrs_card_new(int64_t now)
{
	struct fsrs_card card = {
		.state = FSRS_NEW,
		.step = 0,
		.memory = { 0.0, 0.0 },
		.due = now,
		.last_review = now,
		.scheduled_days = 0,
		.elapsed_days = 0,
		.reps = 0,
		.lapses = 0,
	};
	return card;
}

struct fsrs_card fsrs_schedule(const struct fsrs_params *p, struct fsrs_card card, int64_t now,
			       enum fsrs_rating g)
{
	g = valid_rating(g);
	if (card.state != FSRS_LEARNING && card.state != FSRS_REVIEW &&
	    card.state != FSRS_RELEARNING)
		card.state = FSRS_NEW;
	if (card.step < 0)
		card.step = 0;

	struct fsrs_card next = card;
	next.elapsed_days = card.state == FSRS_NEW ? 0 : whole_days_between(card.last_review, now);
	next.last_review = now;
	next.reps = card.reps + 1;
	/* {0, 0} (a new card) gives the first-review state; 0 days the same-day one */
	next.memory = fsrs_next(p, card.memory, next.elapsed_days, g);

	switch (card.state) {
	case FSRS_NEW:
		apply_steps(p, &card, &next, now, g, FSRS_LEARNING);
		break;
	case FSRS_LEARNING:
	case FSRS_RELEARNING:
		apply_steps(p, &card, &next, now, g, card.state);
		break;
	case FSRS_REVIEW:
		if (g == FSRS_AGAIN) {
			apply_steps(p, &card, &next, now, g, FSRS_RELEARNING);
			next.lapses = card.lapses + 1;
		} else {
			schedule_review_pass(p, &card, &next, now, g);
		}
		break;
	}
	return next;
}
