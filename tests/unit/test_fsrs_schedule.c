/* fsrs_schedule: the card scheduler against card histories generated from
 * ts-fsrs (tests/data/fsrs/short-term.txt), the known vector of
 * shared/reference/fsrs.md, and each step rule on its own. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mlcert/fsrs_schedule.h"
#include "testing.h"

#define TOL 1e-6
#define MINUTE 60
#define DAY 86400

/* 2024-01-01 10:00:00 UTC */
#define T0 ((int64_t)1704103200)

static struct fsrs_params default_params(void)
{
	struct fsrs_params p;
	fsrs_params_default(&p);
	return p;
}

/* The card a rating leaves, checked field by field. */
static void assert_card(struct fsrs_card c, enum fsrs_state state, int step, int64_t due,
			int scheduled_days)
{
	assert_int_equal(c.state, state);
	assert_int_equal(c.step, step);
	assert_int_equal(c.due, due);
	assert_int_equal(c.scheduled_days, scheduled_days);
}

static void assert_same_card(struct fsrs_card a, struct fsrs_card b)
{
	assert_card(a, b.state, b.step, b.due, b.scheduled_days);
	assert_float_equal(a.memory.stability, b.memory.stability, 0.0);
	assert_float_equal(a.memory.difficulty, b.memory.difficulty, 0.0);
	assert_int_equal(a.last_review, b.last_review);
	assert_int_equal(a.elapsed_days, b.elapsed_days);
	assert_int_equal(a.reps, b.reps);
	assert_int_equal(a.lapses, b.lapses);
}

static void test_default_steps(void **state)
{
	(void)state;
	struct fsrs_params p;
	memset(&p, 0xff, sizeof p);
	fsrs_params_default(&p);
	assert_int_equal(p.learning_step_count, 2);
	assert_int_equal(p.learning_steps[0], 60);
	assert_int_equal(p.learning_steps[1], 600);
	assert_int_equal(p.relearning_step_count, 1);
	assert_int_equal(p.relearning_steps[0], 600);

	struct fsrs_card c = fsrs_card_new(T0);
	assert_card(c, FSRS_NEW, 0, T0, 0);
	assert_float_equal(c.memory.stability, 0.0, 0.0);
	assert_float_equal(c.memory.difficulty, 0.0, 0.0);
	assert_int_equal(c.reps, 0);
	assert_int_equal(c.lapses, 0);
}

/* Each rating from each state with the default steps, reviewed on time
 * (numbers from ts-fsrs 5.4.2). */
static void test_step_rules(void **state)
{
	(void)state;
	struct fsrs_params p = default_params();
	struct fsrs_card fresh = fsrs_card_new(T0);

	/* New: Again 1 min, Hard 6 min (mean of 1 and 10), Good the 10-min step, Easy graduates */
	assert_card(fsrs_schedule(&p, fresh, T0, FSRS_AGAIN), FSRS_LEARNING, 0, T0 + MINUTE, 0);
	assert_card(fsrs_schedule(&p, fresh, T0, FSRS_HARD), FSRS_LEARNING, 0, T0 + 6 * MINUTE, 0);
	assert_card(fsrs_schedule(&p, fresh, T0, FSRS_GOOD), FSRS_LEARNING, 1, T0 + 10 * MINUTE, 0);
	assert_card(fsrs_schedule(&p, fresh, T0, FSRS_EASY), FSRS_REVIEW, 0, T0 + 8 * DAY, 8);

	/* Learning, step 1 (the last): Hard is still 6 min and stays on step 1;
	 * Good and Easy graduate */
	struct fsrs_card step1 = fsrs_schedule(&p, fresh, T0, FSRS_GOOD);
	int64_t t1 = step1.due;
	assert_card(fsrs_schedule(&p, step1, t1, FSRS_AGAIN), FSRS_LEARNING, 0, t1 + MINUTE, 0);
	assert_card(fsrs_schedule(&p, step1, t1, FSRS_HARD), FSRS_LEARNING, 1, t1 + 6 * MINUTE, 0);
	assert_card(fsrs_schedule(&p, step1, t1, FSRS_GOOD), FSRS_REVIEW, 0, t1 + 2 * DAY, 2);
	assert_card(fsrs_schedule(&p, step1, t1, FSRS_EASY), FSRS_REVIEW, 0, t1 + 4 * DAY, 4);
	/* the same-day formula: Good on the 10-min step keeps stability */
	struct fsrs_card review = fsrs_schedule(&p, step1, t1, FSRS_GOOD);
	assert_int_equal(review.elapsed_days, 0);
	assert_float_equal(review.memory.stability, 2.3065, 1e-9);
	assert_float_equal(review.memory.difficulty, 2.11121424, 1e-9);

	/* Review, on its due day: Again lapses into the 10-min relearning step */
	int64_t t2 = review.due;
	struct fsrs_card lapsed = fsrs_schedule(&p, review, t2, FSRS_AGAIN);
	assert_card(lapsed, FSRS_RELEARNING, 0, t2 + 10 * MINUTE, 0);
	assert_int_equal(lapsed.lapses, 1);
	assert_int_equal(lapsed.elapsed_days, 2);
	assert_float_equal(lapsed.memory.stability, 0.60770166, 1e-9);
	assert_card(fsrs_schedule(&p, review, t2, FSRS_HARD), FSRS_REVIEW, 0, t2 + 8 * DAY, 8);
	assert_card(fsrs_schedule(&p, review, t2, FSRS_GOOD), FSRS_REVIEW, 0, t2 + 11 * DAY, 11);
	assert_card(fsrs_schedule(&p, review, t2, FSRS_EASY), FSRS_REVIEW, 0, t2 + 19 * DAY, 19);
	assert_int_equal(fsrs_schedule(&p, review, t2, FSRS_GOOD).lapses, 0);

	/* Relearning with its one step: Again 10 min, Hard 15 min (1.5 x), Good and Easy graduate */
	int64_t t3 = lapsed.due;
	assert_card(fsrs_schedule(&p, lapsed, t3, FSRS_AGAIN), FSRS_RELEARNING, 0, t3 + 10 * MINUTE, 0);
	assert_card(fsrs_schedule(&p, lapsed, t3, FSRS_HARD), FSRS_RELEARNING, 0, t3 + 15 * MINUTE, 0);
	assert_card(fsrs_schedule(&p, lapsed, t3, FSRS_GOOD), FSRS_REVIEW, 0, t3 + DAY, 1);
	assert_card(fsrs_schedule(&p, lapsed, t3, FSRS_EASY), FSRS_REVIEW, 0, t3 + DAY, 1);
	struct fsrs_card relearnt = fsrs_schedule(&p, lapsed, t3, FSRS_GOOD);
	assert_int_equal(relearnt.reps, 4);
	assert_int_equal(relearnt.lapses, 1);
	assert_int_equal(relearnt.last_review, t3);
	assert_float_equal(relearnt.memory.stability, 0.65979762, 1e-9);
	assert_float_equal(relearnt.memory.difficulty, 7.38007427, 1e-9);
}

/* fsrs.md: Good x6, Again x2, Good x5, each reviewed when due from
 * 2022-12-29 12:30 UTC -> scheduled days 0,2,11,46,163,498,0,0,2,4,7,12,21. */
static void test_known_sequence(void **state)
{
	(void)state;
	static const int rating[] = { 3, 3, 3, 3, 3, 3, 1, 1, 3, 3, 3, 3, 3 };
	static const int scheduled[] = { 0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21 };
	static const enum fsrs_state states[] = {
		FSRS_LEARNING, FSRS_REVIEW,	FSRS_REVIEW,	 FSRS_REVIEW, FSRS_REVIEW,
		FSRS_REVIEW,   FSRS_RELEARNING, FSRS_RELEARNING, FSRS_REVIEW, FSRS_REVIEW,
		FSRS_REVIEW,   FSRS_REVIEW,	FSRS_REVIEW,
	};
	struct fsrs_params p = default_params();
	int64_t now = 1672317000; /* 2022-12-29 12:30:00 UTC */
	struct fsrs_card c = fsrs_card_new(now);
	for (size_t i = 0; i < sizeof rating / sizeof rating[0]; i++) {
		c = fsrs_schedule(&p, c, now, (enum fsrs_rating)rating[i]);
		assert_int_equal(c.scheduled_days, scheduled[i]);
		assert_int_equal(c.state, states[i]);
		assert_int_equal(c.step, i == 0 ? 1 : 0);
		assert_int_equal(c.due, now + (scheduled[i] ? scheduled[i] * DAY : 10 * MINUTE));
		now = c.due;
	}
	assert_int_equal(c.lapses, 1);
	assert_float_equal(c.memory.stability, 20.77035737, 1e-9);
	assert_float_equal(c.memory.difficulty, 9.0557599, 1e-9);
}

/* Days are UTC calendar days: a step that runs past midnight is a review a
 * day later (the long-term formula), one at the end of the day is not. */
static void test_days_are_utc_calendar_days(void **state)
{
	(void)state;
	struct fsrs_params p = default_params();
	int64_t late = 1704153300; /* 2024-01-01 23:55:00 UTC */
	struct fsrs_card c = fsrs_schedule(&p, fsrs_card_new(late), late, FSRS_GOOD);
	assert_int_equal(c.due, late + 10 * MINUTE);

	struct fsrs_card after_midnight = fsrs_schedule(&p, c, c.due, FSRS_GOOD);
	assert_int_equal(after_midnight.elapsed_days, 1);
	struct fsrs_memory one_day = fsrs_next(&p, c.memory, 1.0, FSRS_GOOD);
	assert_float_equal(after_midnight.memory.stability, one_day.stability, 0.0);
	assert_float_equal(after_midnight.memory.difficulty, one_day.difficulty, 0.0);

	int64_t early = 1704067500; /* 2024-01-01 00:05:00 UTC */
	c = fsrs_schedule(&p, fsrs_card_new(early), early, FSRS_GOOD);
	struct fsrs_card same_day = fsrs_schedule(&p, c, early + 23 * 3600 + 50 * MINUTE, FSRS_GOOD);
	assert_int_equal(same_day.elapsed_days, 0);
	struct fsrs_memory zero_days = fsrs_next(&p, c.memory, 0.0, FSRS_GOOD);
	assert_float_equal(same_day.memory.stability, zero_days.stability, 0.0);

	/* before 1970: 1969-12-31 23:55 to 1970-01-01 00:05 is one day too */
	int64_t before_epoch = -300;
	c = fsrs_schedule(&p, fsrs_card_new(before_epoch), before_epoch, FSRS_GOOD);
	assert_int_equal(fsrs_schedule(&p, c, c.due, FSRS_GOOD).elapsed_days, 1);
	c = fsrs_schedule(&p, fsrs_card_new(-DAY + 1), -DAY + 1, FSRS_GOOD);
	assert_int_equal(fsrs_schedule(&p, c, -1, FSRS_GOOD).elapsed_days, 0);
}

/* Hard < Good < Easy in Review even when that passes the maximum interval. */
static void test_review_intervals_stay_apart(void **state)
{
	(void)state;
	struct fsrs_params p = default_params();
	p.maximum_interval = 20;
	struct fsrs_card c = fsrs_card_new(T0);
	c.state = FSRS_REVIEW;
	c.memory = (struct fsrs_memory){ 300.0, 5.0 };
	c.last_review = T0 - 20 * DAY;
	assert_int_equal(fsrs_schedule(&p, c, T0, FSRS_HARD).scheduled_days, 20);
	assert_int_equal(fsrs_schedule(&p, c, T0, FSRS_GOOD).scheduled_days, 21);
	assert_int_equal(fsrs_schedule(&p, c, T0, FSRS_EASY).scheduled_days, 22);
	assert_int_equal(fsrs_schedule(&p, c, T0, FSRS_EASY).due, T0 + 22 * DAY);
}

static void test_other_steps(void **state)
{
	(void)state;
	struct fsrs_params p = default_params();
	struct fsrs_card fresh = fsrs_card_new(T0);

	/* no steps: every rating goes straight to a day interval */
	p.learning_step_count = 0;
	p.relearning_step_count = 0;
	for (int g = FSRS_AGAIN; g <= FSRS_EASY; g++) {
		struct fsrs_card c = fsrs_schedule(&p, fresh, T0, (enum fsrs_rating)g);
		assert_int_equal(c.state, FSRS_REVIEW);
		assert_true(c.scheduled_days >= 1);
		struct fsrs_card lapse = fsrs_schedule(&p, c, c.due, FSRS_AGAIN);
		assert_int_equal(lapse.state, FSRS_REVIEW);
		assert_int_equal(lapse.lapses, 1);
		assert_true(lapse.scheduled_days >= 1);
	}

	/* one 5-min step: Hard waits 1.5 x, rounded to the minute (7.5 -> 8) */
	p = default_params();
	p.learning_steps[0] = 5 * MINUTE;
	p.learning_step_count = 1;
	assert_card(fsrs_schedule(&p, fresh, T0, FSRS_HARD), FSRS_LEARNING, 0, T0 + 8 * MINUTE, 0);
	assert_int_equal(fsrs_schedule(&p, fresh, T0, FSRS_GOOD).state, FSRS_REVIEW);

	/* a step of a day: Review at once, keeping its step index */
	p = default_params();
	p.learning_steps[1] = DAY;
	struct fsrs_card c = fsrs_schedule(&p, fresh, T0, FSRS_GOOD);
	assert_card(c, FSRS_REVIEW, 1, T0 + DAY, 1);

	/* a step index past the end (steps shortened): any rating graduates */
	p = default_params();
	c = fsrs_schedule(&p, fresh, T0, FSRS_GOOD);
	p.learning_step_count = 1;
	assert_int_equal(fsrs_schedule(&p, c, c.due, FSRS_AGAIN).state, FSRS_REVIEW);
}

static void test_odd_inputs(void **state)
{
	(void)state;
	struct fsrs_params p = default_params();
	struct fsrs_card fresh = fsrs_card_new(T0);

	/* ratings outside 1..4 are clamped */
	assert_same_card(fsrs_schedule(&p, fresh, T0, (enum fsrs_rating)0),
			 fsrs_schedule(&p, fresh, T0, FSRS_AGAIN));
	assert_same_card(fsrs_schedule(&p, fresh, T0, (enum fsrs_rating)7),
			 fsrs_schedule(&p, fresh, T0, FSRS_EASY));

	/* an unknown state is New; a negative step is step 0 */
	struct fsrs_card odd = fresh;
	odd.state = (enum fsrs_state)9;
	struct fsrs_card from_new = fsrs_schedule(&p, fresh, T0, FSRS_GOOD);
	assert_same_card(fsrs_schedule(&p, odd, T0, FSRS_GOOD), from_new);
	struct fsrs_card learning = from_new;
	learning.step = -3;
	assert_int_equal(fsrs_schedule(&p, learning, T0, FSRS_GOOD).step, 1);

	/* a review timed before the last one is same-day */
	struct fsrs_card back = fsrs_schedule(&p, from_new, T0 - 5 * DAY, FSRS_GOOD);
	assert_int_equal(back.elapsed_days, 0);
	assert_int_equal(back.due, T0 - 5 * DAY + 2 * DAY);

	/* step counts out of range are clamped */
	p.learning_step_count = 1000;
	p.relearning_step_count = -1;
	for (int i = 0; i < FSRS_STEPS_MAX; i++)
		p.learning_steps[i] = (i + 1) * MINUTE;
	struct fsrs_card c = fresh;
	for (int i = 0; i < FSRS_STEPS_MAX - 1; i++) {
		c = fsrs_schedule(&p, c, c.due, FSRS_GOOD);
		assert_int_equal(c.state, FSRS_LEARNING);
		assert_int_equal(c.step, i + 1);
	}
	c = fsrs_schedule(&p, c, c.due, FSRS_GOOD);
	assert_int_equal(c.state, FSRS_REVIEW);
	assert_int_equal(fsrs_schedule(&p, c, c.due, FSRS_AGAIN).state, FSRS_REVIEW);
}

/* ---- the ts-fsrs vectors ---- */

struct vector_config {
	int defined;
	struct fsrs_params params;
};

#define CONFIGS_MAX 16

/* "config id retention max_ivl learn N s1..sN relearn M s1..sM" */
static int parse_config(const char *line, struct vector_config *configs)
{
	int id, max_ivl, used, n;
	double retention;
	if (sscanf(line, "config %d %lf %d learn %d%n", &id, &retention, &max_ivl, &n, &used) != 4)
		return 0;
	if (id < 0 || id >= CONFIGS_MAX || n < 0 || n > FSRS_STEPS_MAX)
		return 0;
	struct fsrs_params *p = &configs[id].params;
	fsrs_params_default(p);
	p->desired_retention = retention;
	p->maximum_interval = max_ivl;
	const char *s = line + used;
	char *end;
	p->learning_step_count = n;
	for (int i = 0; i < n; i++, s = end)
		p->learning_steps[i] = (int)strtol(s, &end, 10);
	if (sscanf(s, " relearn %d%n", &n, &used) != 1 || n < 0 || n > FSRS_STEPS_MAX)
		return 0;
	s += used;
	p->relearning_step_count = n;
	for (int i = 0; i < n; i++, s = end)
		p->relearning_steps[i] = (int)strtol(s, &end, 10);
	configs[id].defined = 1;
	return 1;
}

static void check_close(double got, double want, const char *what, int line)
{
	if (!(fabs(got - want) <= TOL))
		fail_msg("short-term.txt:%d: %s is %.10f, ts-fsrs says %.10f", line, what, got, want);
}

static void check_equal(long long got, long long want, const char *what, int line)
{
	if (got != want)
		fail_msg("short-term.txt:%d: %s is %lld, ts-fsrs says %lld", line, what, got, want);
}

/* Every card history, replayed from a new card with our own previous card
 * (so an error would carry on into the rest of the history). */
static void test_vectors(void **state)
{
	(void)state;
	const char *path = test_data("fsrs/short-term.txt");
	FILE *f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open %s", path);

	static struct vector_config configs[CONFIGS_MAX];
	memset(configs, 0, sizeof configs);
	char buf[512];
	int lineno = 0, checked = 0, sequences = 0, prev_seq = 0, prev_i = -1;
	int same_day_steps = 0, later_day_steps = 0;
	struct fsrs_card card = fsrs_card_new(0);
	while (fgets(buf, sizeof buf, f)) {
		lineno++;
		if (buf[0] == '#' || buf[0] == '\n')
			continue;
		if (strncmp(buf, "config ", 7) == 0) {
			if (!parse_config(buf, configs))
				fail_msg("short-term.txt:%d: bad config line", lineno);
			continue;
		}
		int seq, config, i, rating, st, step, sched, elapsed, reps, lapses;
		long long now, due;
		double s, d;
		int n = sscanf(buf, "%d %d %d %lld %d %d %d %lf %lf %lld %d %d %d %d", &seq, &config,
			       &i, &now, &rating, &st, &step, &s, &d, &due, &sched, &elapsed, &reps,
			       &lapses);
		if (n != 14)
			fail_msg("short-term.txt:%d: %d fields, want 14", lineno, n);
		if (config < 0 || config >= CONFIGS_MAX || !configs[config].defined)
			fail_msg("short-term.txt:%d: unknown config %d", lineno, config);
		if (rating < FSRS_AGAIN || rating > FSRS_EASY)
			fail_msg("short-term.txt:%d: rating %d", lineno, rating);
		if (i == 0) {
			card = fsrs_card_new(now);
			sequences++;
		} else if (seq != prev_seq || i != prev_i + 1) {
			fail_msg("short-term.txt:%d: review %d out of order", lineno, i);
		}

		enum fsrs_state before = card.state;
		card = fsrs_schedule(&configs[config].params, card, now, (enum fsrs_rating)rating);
		check_equal(card.state, st, "state", lineno);
		check_equal(card.step, step, "step", lineno);
		check_close(card.memory.stability, s, "stability", lineno);
		check_close(card.memory.difficulty, d, "difficulty", lineno);
		check_equal(card.due, due, "due", lineno);
		check_equal(card.scheduled_days, sched, "scheduled_days", lineno);
		check_equal(card.elapsed_days, elapsed, "elapsed_days", lineno);
		check_equal(card.reps, reps, "reps", lineno);
		check_equal(card.lapses, lapses, "lapses", lineno);
		check_equal(card.last_review, now, "last_review", lineno);
		if (before == FSRS_LEARNING || before == FSRS_RELEARNING) {
			if (elapsed == 0)
				same_day_steps++;
			else
				later_day_steps++;
		}
		prev_seq = seq;
		prev_i = i;
		checked++;
	}
	fclose(f);
	print_message("checked %d reviews in %d ts-fsrs card histories (%d same-day steps, "
		      "%d steps reviewed on a later day)\n",
		      checked, sequences, same_day_steps, later_day_steps);
	assert_true(sequences >= 300);
	assert_true(same_day_steps >= 500);
	assert_true(later_day_steps >= 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_steps),
		cmocka_unit_test(test_step_rules),
		cmocka_unit_test(test_known_sequence),
		cmocka_unit_test(test_days_are_utc_calendar_days),
		cmocka_unit_test(test_review_intervals_stay_apart),
		cmocka_unit_test(test_other_steps),
		cmocka_unit_test(test_odd_inputs),
		cmocka_unit_test(test_vectors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
