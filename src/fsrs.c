/* fsrs — FSRS-6 scheduler math, a line-by-line port of ts-fsrs 5.x
 * (src/algorithm.ts). The order of operations and every roundTo(x, 8) are
 * kept as ts-fsrs has them so results agree to the last rounded digit. */
#include "mlcert/fsrs.h"

#include <math.h>

static const double default_w[FSRS_WEIGHTS] = {
	0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666,
	0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658,
	0.1542,
};

/* JavaScript's Math.round: halves go towards +infinity (C's round() takes
 * them away from zero, which differs for negative values). */
static double js_round(double x)
{
	double f = floor(x);
	return x - f >= 0.5 ? f + 1.0 : f;
}

/* ts-fsrs roundTo(x, 8). */
static double round8(double x)
{
	return js_round(x * 1e8) / 1e8;
}

/* ts-fsrs clamp: Math.min(Math.max(x, lo), hi); NaN falls to lo here. */
static double clamp(double x, double lo, double hi)
{
	if (!(x >= lo))
		return lo;
	return x > hi ? hi : x;
}

static enum fsrs_rating valid_rating(enum fsrs_rating g)
{
	if ((int)g < FSRS_AGAIN)
		return FSRS_AGAIN;
	if ((int)g > FSRS_EASY)
		return FSRS_EASY;
	return g;
}

static double decay(const struct fsrs_params *p)
{
	return -p->w[20];
}

/* factor = 0.9^(1/decay) - 1, rounded as ts-fsrs computeDecayFactor does. */
static double decay_factor(const struct fsrs_params *p)
{
	return round8(exp(pow(decay(p), -1.0) * log(0.9)) - 1.0);
}

/* I(r, S) = S * interval_modifier(r); ts-fsrs calculate_interval_modifier. */
static double interval_modifier(const struct fsrs_params *p)
{
	double r = clamp(p->desired_retention, 0.01, 1.0);
	return round8((pow(r, 1.0 / decay(p)) - 1.0) / decay_factor(p));
}

static double init_stability(const struct fsrs_params *p, enum fsrs_rating g)
{
	return fmax(p->w[g - 1], 0.1);
}

/* Not clamped: the mean-reversion target D0(Easy) is used unclamped. */
static double init_difficulty(const struct fsrs_params *p, enum fsrs_rating g)
{
	return round8(p->w[4] - exp(((double)g - 1.0) * p->w[5]) + 1.0);
}

static double next_difficulty(const struct fsrs_params *p, double d, enum fsrs_rating g)
{
	const double *w = p->w;
	double delta_d = -w[6] * ((double)g - 3.0);
	double next_d = d + round8((delta_d * (10.0 - d)) / 9.0); /* linear damping */
	double reverted = round8(w[7] * init_difficulty(p, FSRS_EASY) + (1.0 - w[7]) * next_d);
	return clamp(reverted, FSRS_DIFFICULTY_MIN, FSRS_DIFFICULTY_MAX);
}

static double next_recall_stability(const struct fsrs_params *p, double d, double s, double r,
				    enum fsrs_rating g)
{
	const double *w = p->w;
	double hard_penalty = g == FSRS_HARD ? w[15] : 1.0;
	double easy_bonus = g == FSRS_EASY ? w[16] : 1.0;
	double next = s * (1.0 + exp(w[8]) * (11.0 - d) * pow(s, -w[9]) *
				     (exp((1.0 - r) * w[10]) - 1.0) * hard_penalty * easy_bonus);
	return round8(clamp(next, FSRS_STABILITY_MIN, FSRS_STABILITY_MAX));
}

static double next_forget_stability(const struct fsrs_params *p, double d, double s, double r)
{
	const double *w = p->w;
	double next = w[11] * pow(d, -w[12]) * (pow(s + 1.0, w[13]) - 1.0) * exp((1.0 - r) * w[14]);
	return round8(clamp(next, FSRS_STABILITY_MIN, FSRS_STABILITY_MAX));
}

static double next_short_term_stability(const struct fsrs_params *p, double s, enum fsrs_rating g)
{
	const double *w = p->w;
	double sinc = pow(s, -w[19]) * exp(w[17] * ((double)g - 3.0 + w[18]));
	if (g >= FSRS_HARD && sinc < 1.0)
		sinc = 1.0; /* a pass never lowers stability */
	return round8(clamp(s * sinc, FSRS_STABILITY_MIN, FSRS_STABILITY_MAX));
}

void fsrs_params_default(struct fsrs_params *p)
{
	for (int i = 0; i < FSRS_WEIGHTS; i++)
		p->w[i] = default_w[i];
	p->desired_retention = 0.9;
	p->maximum_interval = 36500;
	for (int i = 0; i < FSRS_STEPS_MAX; i++)
		p->learning_steps[i] = p->relearning_steps[i] = 0;
	p->learning_steps[0] = 60;
	p->learning_steps[1] = 600;
	p->learning_step_count = 2;
	p->relearning_steps[0] = 600;
	p->relearning_step_count = 1;
}

double fsrs_retrievability(const struct fsrs_params *p, double elapsed_days, double stability)
{
	double t = elapsed_days > 0.0 ? elapsed_days : 0.0;
	double s = clamp(stability, FSRS_STABILITY_MIN, HUGE_VAL);
	return round8(pow(1.0 + (decay_factor(p) * t) / s, decay(p)));
}

struct fsrs_memory fsrs_first(const struct fsrs_params *p, enum fsrs_rating g)
{
	g = valid_rating(g);
	struct fsrs_memory m = {
		.stability = init_stability(p, g),
		.difficulty = clamp(init_difficulty(p, g), FSRS_DIFFICULTY_MIN, FSRS_DIFFICULTY_MAX),
	};
	return m;
}

struct fsrs_memory fsrs_next(const struct fsrs_params *p, struct fsrs_memory m,
			     double elapsed_days, enum fsrs_rating g)
{
	g = valid_rating(g);
	if (m.stability == 0.0 && m.difficulty == 0.0)
		return fsrs_first(p, g);
	/* ts-fsrs rejects these; a damaged journal should not stop a review. */
	double s = clamp(m.stability, FSRS_STABILITY_MIN, FSRS_STABILITY_MAX);
	double d = clamp(m.difficulty, FSRS_DIFFICULTY_MIN, FSRS_DIFFICULTY_MAX);

	struct fsrs_memory next;
	if (!(elapsed_days >= 1.0)) {
		next.stability = next_short_term_stability(p, s, g);
	} else {
		double r = fsrs_retrievability(p, elapsed_days, s);
		if (g == FSRS_AGAIN) {
			const double *w = p->w;
			double after_fail = next_forget_stability(p, d, s, r);
			/* capped at S / e^(w17*w18) so a relearning step (a same-day Good) cannot undo the lapse */
			double shrunk = round8(s / exp(w[17] * w[18]));
			next.stability = clamp(shrunk, FSRS_STABILITY_MIN, after_fail);
		} else {
			next.stability = next_recall_stability(p, d, s, r, g);
		}
	}
	next.difficulty = next_difficulty(p, d, g);
	return next;
}

int fsrs_interval_days(const struct fsrs_params *p, double stability)
{
	double days = js_round(stability * interval_modifier(p));
	if (!(days >= 1.0))
		days = 1.0;
	if (days > (double)p->maximum_interval)
		days = (double)p->maximum_interval;
	return (int)days;
}
