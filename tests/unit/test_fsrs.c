/* fsrs: FSRS-6 against vectors generated from ts-fsrs (tests/data/fsrs), the
 * known vectors of shared/reference/fsrs.md, and edge cases. */
#include <math.h>
#include <string.h>

#include "mlcert/fsrs.h"
#include "testing.h"

#define TOL 1e-6

static struct fsrs_params params_with(double retention, int max_ivl)
{
	struct fsrs_params p;
	fsrs_params_default(&p);
	p.desired_retention = retention;
	p.maximum_interval = max_ivl;
	return p;
}

static void assert_close(double got, double want, const char *what, int line)
{
	if (!(fabs(got - want) <= TOL))
		fail_msg("vectors.txt:%d: %s is %.10f, ts-fsrs says %.10f", line, what, got, want);
}

/* Every line of vectors.txt, each sequence replayed from its first review
 * with our own previous state (so any error would compound). */
static void test_vectors(void **state)
{
	(void)state;
	const char *path = test_data("fsrs/vectors.txt");
	FILE *f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open %s", path);

	char buf[512];
	int lineno = 0, checked = 0, prev_seq = 0, prev_step = -1;
	struct fsrs_memory m = { 0.0, 0.0 };
	while (fgets(buf, sizeof buf, f)) {
		lineno++;
		if (buf[0] == '#' || buf[0] == '\n')
			continue;
		int seq, max_ivl, step, rating, interval, sched;
		double retention, elapsed, r_before, s, d;
		int n = sscanf(buf, "%d %lf %d %d %lf %d %lf %lf %lf %d %d", &seq, &retention, &max_ivl,
			       &step, &elapsed, &rating, &r_before, &s, &d, &interval, &sched);
		if (n != 11)
			fail_msg("vectors.txt:%d: %d fields, want 11", lineno, n);
		if (rating < FSRS_AGAIN || rating > FSRS_EASY)
			fail_msg("vectors.txt:%d: rating %d", lineno, rating);

		struct fsrs_params p = params_with(retention, max_ivl);
		if (step == 0) {
			m = fsrs_first(&p, (enum fsrs_rating)rating);
		} else {
			if (seq != prev_seq || step != prev_step + 1)
				fail_msg("vectors.txt:%d: step %d out of order", lineno, step);
			assert_close(fsrs_retrievability(&p, elapsed, m.stability), r_before,
				     "retrievability", lineno);
			m = fsrs_next(&p, m, elapsed, (enum fsrs_rating)rating);
		}
		assert_close(m.stability, s, "stability", lineno);
		assert_close(m.difficulty, d, "difficulty", lineno);
		int got = fsrs_interval_days(&p, m.stability);
		if (got != interval)
			fail_msg("vectors.txt:%d: interval is %d, ts-fsrs says %d", lineno, got, interval);
		/* the card scheduler: 0 while in a learning step, else at least our interval
		 * (it keeps Hard < Good < Easy apart by raising Good and Easy) */
		if (sched > 0 && sched < interval)
			fail_msg("vectors.txt:%d: scheduled %d < interval %d", lineno, sched, interval);
		prev_seq = seq;
		prev_step = step;
		checked++;
	}
	fclose(f);
	print_message("checked %d ts-fsrs vectors\n", checked);
	assert_true(checked >= 500);
}

static void test_first_review(void **state)
{
	(void)state;
	struct fsrs_params p;
	fsrs_params_default(&p);
	static const double want_s[] = { 0.212, 1.2931, 2.3065, 8.2956 };
	static const double want_d[] = { 6.4133, 5.11217071, 2.11810397, 1.0 };
	for (int g = FSRS_AGAIN; g <= FSRS_EASY; g++) {
		struct fsrs_memory m = fsrs_first(&p, (enum fsrs_rating)g);
		assert_float_equal(m.stability, want_s[g - 1], 1e-9);
		assert_float_equal(m.difficulty, want_d[g - 1], 1e-9);
	}
}

/* fsrs.md: Good x6, Again x2, Good x5, each on its due day, with learning
 * steps (1m, 10m; relearning 10m) -> 0,2,11,46,163,498,0,0,2,4,7,12,21.
 * The scheduled 0s are learning steps, which are the caller's business;
 * every other interval is ours. */
static void test_known_sequence(void **state)
{
	(void)state;
	static const int rating[] = { 3, 3, 3, 3, 3, 3, 1, 1, 3, 3, 3, 3, 3 };
	static const int elapsed[] = { 0, 0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12 };
	static const int learning[] = { 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0 };
	static const int scheduled[] = { 0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21 };
	struct fsrs_params p;
	fsrs_params_default(&p);
	struct fsrs_memory m = { 0.0, 0.0 };
	for (size_t i = 0; i < sizeof rating / sizeof rating[0]; i++) {
		m = i == 0 ? fsrs_first(&p, (enum fsrs_rating)rating[i])
			   : fsrs_next(&p, m, elapsed[i], (enum fsrs_rating)rating[i]);
		int ivl = learning[i] ? 0 : fsrs_interval_days(&p, m.stability);
		assert_int_equal(ivl, scheduled[i]);
		if (i + 1 < sizeof rating / sizeof rating[0] && !learning[i])
			assert_int_equal(ivl, elapsed[i + 1]); /* reviewed on the due day */
	}
	assert_float_equal(m.stability, 20.77035737, 1e-9);
	assert_float_equal(m.difficulty, 9.0557599, 1e-9);
}

static void test_retrievability(void **state)
{
	(void)state;
	struct fsrs_params p;
	fsrs_params_default(&p);
	static const double stabilities[] = { 0.001, 0.212, 1.0, 2.3065, 10.0, 123.456, 36500.0 };
	for (size_t i = 0; i < sizeof stabilities / sizeof stabilities[0]; i++) {
		double s = stabilities[i];
		assert_float_equal(fsrs_retrievability(&p, 0.0, s), 1.0, 0.0);
		assert_float_equal(fsrs_retrievability(&p, s, s), 0.9, 1e-8);
		assert_float_equal(fsrs_retrievability(&p, -5.0, s), 1.0, 0.0);
		double prev = 1.0;
		for (double t = 0.5; t < 5 * s; t *= 2.0) {
			double r = fsrs_retrievability(&p, t, s);
			assert_true(r <= prev && r > 0.0);
			prev = r;
		}
	}
	/* retention does not change the curve, only the interval */
	struct fsrs_params p8 = params_with(0.8, 36500);
	assert_float_equal(fsrs_retrievability(&p8, 10.0, 10.0), 0.9, 1e-8);
}

static void test_interval(void **state)
{
	(void)state;
	struct fsrs_params p;
	fsrs_params_default(&p);
	for (double s = 1.0; s < 2000.0; s += 0.37)
		assert_int_equal(fsrs_interval_days(&p, s), (int)round(s));
	assert_int_equal(fsrs_interval_days(&p, 2.5), 3); /* Math.round: halves up */
	assert_int_equal(fsrs_interval_days(&p, 0.001), 1);
	assert_int_equal(fsrs_interval_days(&p, 0.0), 1);
	assert_int_equal(fsrs_interval_days(&p, 36500.0), 36500);
	assert_int_equal(fsrs_interval_days(&p, 1e300), 36500);
	assert_int_equal(fsrs_interval_days(&p, NAN), 1);

	struct fsrs_params p8 = params_with(0.8, 36500); /* modifier 3.3159598 */
	struct fsrs_params p95 = params_with(0.95, 36500); /* modifier 0.40255869 */
	assert_int_equal(fsrs_interval_days(&p8, 100.0), 332);
	assert_int_equal(fsrs_interval_days(&p95, 100.0), 40);
	assert_int_equal(fsrs_interval_days(&p8, 36500.0), 36500);

	struct fsrs_params short_max = params_with(0.9, 100);
	assert_int_equal(fsrs_interval_days(&short_max, 99.4), 99);
	assert_int_equal(fsrs_interval_days(&short_max, 500.0), 100);
}

static void test_clamping(void **state)
{
	(void)state;
	struct fsrs_params p;
	fsrs_params_default(&p);

	/* same-day Agains: stability falls to the 0.001 floor, never below */
	struct fsrs_memory m = fsrs_first(&p, FSRS_AGAIN);
	for (int i = 0; i < 20; i++) {
		m = fsrs_next(&p, m, 0.0, FSRS_AGAIN);
		assert_true(m.stability >= FSRS_STABILITY_MIN);
		assert_true(m.difficulty <= FSRS_DIFFICULTY_MAX);
	}
	assert_float_equal(m.stability, FSRS_STABILITY_MIN, 0.0);

	/* Easy again and again: difficulty reaches 1, stability the 36500 cap */
	m = fsrs_first(&p, FSRS_EASY);
	for (int i = 0; i < 40; i++) {
		m = fsrs_next(&p, m, 10.0 * fsrs_interval_days(&p, m.stability), FSRS_EASY);
		assert_true(m.difficulty >= FSRS_DIFFICULTY_MIN);
		assert_true(m.stability <= FSRS_STABILITY_MAX);
	}
	assert_float_equal(m.difficulty, FSRS_DIFFICULTY_MIN, 0.0);
	assert_float_equal(m.stability, FSRS_STABILITY_MAX, 0.0);

	/* the hardest item gets no harder than 10 */
	struct fsrs_memory hard = { 5.0, 10.0 };
	assert_true(fsrs_next(&p, hard, 5.0, FSRS_AGAIN).difficulty <= FSRS_DIFFICULTY_MAX);

	/* out-of-range states are clamped, not trusted */
	struct fsrs_memory wild = { 1e9, 42.0 };
	struct fsrs_memory capped = { FSRS_STABILITY_MAX, FSRS_DIFFICULTY_MAX };
	struct fsrs_memory a = fsrs_next(&p, wild, 3.0, FSRS_GOOD);
	struct fsrs_memory b = fsrs_next(&p, capped, 3.0, FSRS_GOOD);
	assert_float_equal(a.stability, b.stability, 0.0);
	assert_float_equal(a.difficulty, b.difficulty, 0.0);
	struct fsrs_memory tiny = { -1.0, 0.5 };
	struct fsrs_memory floor_state = { FSRS_STABILITY_MIN, FSRS_DIFFICULTY_MIN };
	a = fsrs_next(&p, tiny, 3.0, FSRS_GOOD);
	b = fsrs_next(&p, floor_state, 3.0, FSRS_GOOD);
	assert_float_equal(a.stability, b.stability, 0.0);
	assert_float_equal(a.difficulty, b.difficulty, 0.0);
}

static void test_same_day_and_inputs(void **state)
{
	(void)state;
	struct fsrs_params p;
	fsrs_params_default(&p);
	struct fsrs_memory m = { 20.0, 5.0 };

	/* anything under a day is same-day: the short-term formula */
	for (int g = FSRS_AGAIN; g <= FSRS_EASY; g++) {
		struct fsrs_memory at0 = fsrs_next(&p, m, 0.0, (enum fsrs_rating)g);
		struct fsrs_memory at_half = fsrs_next(&p, m, 0.5, (enum fsrs_rating)g);
		struct fsrs_memory before = fsrs_next(&p, m, -2.0, (enum fsrs_rating)g);
		assert_float_equal(at0.stability, at_half.stability, 0.0);
		assert_float_equal(at0.difficulty, at_half.difficulty, 0.0);
		assert_float_equal(at0.stability, before.stability, 0.0);
		/* a same-day pass never lowers stability; a same-day Again does */
		if (g >= FSRS_HARD)
			assert_true(at0.stability >= m.stability);
		else
			assert_true(at0.stability < m.stability);
	}
	/* a day or more is the long-term formula: an on-time Good grows stability */
	assert_true(fsrs_next(&p, m, 20.0, FSRS_GOOD).stability > 40.0);
	/* a lapse ends below S / e^(w17 * w18) */
	assert_true(fsrs_next(&p, m, 20.0, FSRS_AGAIN).stability <=
		    m.stability / exp(p.w[17] * p.w[18]) + 1e-8);

	/* the empty state is a new item */
	struct fsrs_memory zero = { 0.0, 0.0 };
	struct fsrs_memory first = fsrs_first(&p, FSRS_GOOD);
	struct fsrs_memory z = fsrs_next(&p, zero, 7.0, FSRS_GOOD);
	assert_float_equal(z.stability, first.stability, 0.0);
	assert_float_equal(z.difficulty, first.difficulty, 0.0);

	/* ratings outside 1..4 are clamped */
	struct fsrs_memory lo = fsrs_first(&p, (enum fsrs_rating)0);
	struct fsrs_memory hi = fsrs_next(&p, m, 5.0, (enum fsrs_rating)9);
	struct fsrs_memory again = fsrs_first(&p, FSRS_AGAIN);
	struct fsrs_memory easy = fsrs_next(&p, m, 5.0, FSRS_EASY);
	assert_float_equal(lo.stability, again.stability, 0.0);
	assert_float_equal(hi.stability, easy.stability, 0.0);
	assert_float_equal(hi.difficulty, easy.difficulty, 0.0);
}

static void test_default_params(void **state)
{
	(void)state;
	struct fsrs_params p;
	memset(&p, 0xff, sizeof p);
	fsrs_params_default(&p);
	assert_float_equal(p.w[0], 0.212, 0.0);
	assert_float_equal(p.w[20], 0.1542, 0.0);
	assert_float_equal(p.desired_retention, 0.9, 0.0);
	assert_int_equal(p.maximum_interval, 36500);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_params),
		cmocka_unit_test(test_first_review),
		cmocka_unit_test(test_known_sequence),
		cmocka_unit_test(test_retrievability),
		cmocka_unit_test(test_interval),
		cmocka_unit_test(test_clamping),
		cmocka_unit_test(test_same_day_and_inputs),
		cmocka_unit_test(test_vectors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
