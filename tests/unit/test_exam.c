/* exam: questions drawn to match the domain weights, the clock, resume, scoring. */
#include <string.h>

#include "fixtures.h"
#include "mlcert/answer.h"
#include "mlcert/check.h"
#include "mlcert/exam.h"
#include "mlcert/manfmt.h"
#include "testing.h"

/* A pack with the exam guide's six weights and a given number of questions per domain. */
struct synth {
	char *pack_yaml, *questions_yaml;
	struct content_pack *pack;
	struct diag_list diags;
};

static const int weights[6] = {13, 14, 18, 20, 22, 13};

static void synth_build(struct synth *s, const int per_domain[6], int exam_questions)
{
	memset(s, 0, sizeof *s);
	diag_list_init(&s->diags);
	s->pack_yaml = malloc(4096);
	int n = snprintf(s->pack_yaml, 4096,
			 "id: s\ntitle: S\nguide_version: '1'\nas_of: 2026-01-01\n"
			 "exam: {questions: %d, minutes: 120}\ndomains:\n", exam_questions);
	for (int d = 0; d < 6; d++)
		n += snprintf(s->pack_yaml + n, 4096 - (size_t)n, "  - {id: d%d, title: D%d, weight: %d}\n", d, d,
			      weights[d]);
	size_t cap = 1 << 20, m = 0;
	s->questions_yaml = malloc(cap);
	m += (size_t)snprintf(s->questions_yaml + m, cap - m, "topics:\n");
	for (int d = 0; d < 6; d++)
		m += (size_t)snprintf(s->questions_yaml + m, cap - m,
				      "  - {id: t%d, title: T, domain: d%d, name: n, description: x, as_of: 2026-01-01}\n",
				      d, d);
	m += (size_t)snprintf(s->questions_yaml + m, cap - m, "questions:\n");
	for (int d = 0; d < 6; d++)
		for (int i = 0; i < per_domain[d]; i++)
			m += (size_t)snprintf(s->questions_yaml + m, cap - m,
					      "  - {id: q%d-%d, domain: d%d, topics: [t%d], stem: s, explanation: e,\n"
					      "     choices: [{text: a, correct: true, why: w}, {text: b, why: w}]}\n",
					      d, i, d, d);
	const struct content_buffer files[] = {{"pack.yaml", s->pack_yaml, strlen(s->pack_yaml)},
					       {"q.yaml", s->questions_yaml, m}};
	s->pack = content_load_buffers("synth", files, 2, &s->diags);
	assert_non_null(s->pack);
	assert_true(check_pack(s->pack, &s->diags));
}

static void synth_free(struct synth *s)
{
	content_pack_free(s->pack);
	diag_list_free(&s->diags);
	free(s->pack_yaml);
	free(s->questions_yaml);
}

static void test_quota_follows_weights(void **state)
{
	(void)state;
	struct synth s;
	const int plenty[6] = {40, 40, 40, 40, 40, 40};
	synth_build(&s, plenty, 60);
	size_t quota[6];
	assert_int_equal(exam_quota(s.pack, 60, quota), 60);
	/* 60 x weight: 7.8 8.4 10.8 12 13.2 7.8 -> 8 8 11 12 13 8 (largest remainders) */
	const size_t want[6] = {8, 8, 11, 12, 13, 8};
	for (int d = 0; d < 6; d++)
		assert_int_equal(quota[d], want[d]);
	synth_free(&s);
}

static void test_quota_moves_what_a_domain_cannot_fill(void **state)
{
	(void)state;
	struct synth s;
	const int thin[6] = {3, 40, 40, 40, 40, 40};
	synth_build(&s, thin, 60);
	size_t quota[6];
	assert_int_equal(exam_quota(s.pack, 60, quota), 60);
	assert_int_equal(quota[0], 3);
	size_t rest = 0;
	for (int d = 1; d < 6; d++) {
		rest += quota[d];
		/* the others grow in proportion: never below their own share */
		assert_true(quota[d] >= (size_t)(60 * weights[d] / 100));
	}
	assert_int_equal(rest, 57);
	synth_free(&s);
	const int tiny[6] = {1, 1, 1, 1, 1, 1};
	synth_build(&s, tiny, 60);
	assert_int_equal(exam_quota(s.pack, 60, quota), 6); /* the pack is too small: all of it */
	synth_free(&s);
}

static void test_sampling_matches_weights_over_many_seeds(void **state)
{
	(void)state;
	struct synth s;
	const int plenty[6] = {30, 35, 45, 50, 55, 30};
	synth_build(&s, plenty, 60);
	size_t quota[6];
	exam_quota(s.pack, 60, quota);
	unsigned long seen_first[6] = {0};
	for (uint64_t seed = 1; seed <= 500; seed++) {
		struct exam *e = exam_new(s.pack, seed, 0);
		assert_int_equal(e->count, 60);
		size_t per[6] = {0};
		unsigned char used[300] = {0};
		for (size_t i = 0; i < e->count; i++) {
			const struct content_question *q = s.pack->questions[e->questions[i]];
			per[q->domain_index]++;
			assert_false(used[e->questions[i]]); /* no question twice */
			used[e->questions[i]] = 1;
		}
		for (int d = 0; d < 6; d++)
			assert_int_equal(per[d], quota[d]);
		seen_first[s.pack->questions[e->questions[0]]->domain_index]++;
		exam_free(e);
	}
	/* the order is mixed: every domain opens some exams */
	for (int d = 0; d < 6; d++)
		assert_true(seen_first[d] > 0);
	/* same seed, same exam; another seed, another draw */
	struct exam *a = exam_new(s.pack, 7, 0), *b = exam_new(s.pack, 7, 0), *c = exam_new(s.pack, 8, 0);
	assert_memory_equal(a->questions, b->questions, a->count * sizeof *a->questions);
	assert_memory_not_equal(a->questions, c->questions, a->count * sizeof *a->questions);
	exam_free(a);
	exam_free(b);
	exam_free(c);
	synth_free(&s);
}

static void test_clock_choose_score_and_resume(void **state)
{
	(void)state;
	struct synth s;
	const int plenty[6] = {20, 20, 20, 20, 20, 20};
	synth_build(&s, plenty, 10);
	struct exam *e = exam_new(s.pack, 99, 1000);
	assert_int_equal(e->limit, 7200);
	assert_int_equal(exam_seconds_left(e, 1000), 7200);
	assert_int_equal(exam_seconds_left(e, 1000 + 7199), 1);
	assert_int_equal(exam_seconds_left(e, 1000 + 7200), 0); /* expired */
	assert_int_equal(exam_seconds_left(e, 1000 + 99999), 0);
	/* choices are named by where they are shown; every synthetic question's answer is its first */
	assert_true(exam_choose(e, choice_order_position(&e->orders[0], 0))); /* right */
	assert_false(exam_choose(e, 5));
	e->pos = 1;
	assert_true(exam_choose(e, choice_order_position(&e->orders[1], 1))); /* wrong */
	e->flags[2] = true;
	assert_int_equal(exam_answered(e), 2);
	assert_int_equal(exam_flagged(e), 1);

	/* What the journal would hold, replayed: same questions, picks, flags, time used. */
	struct study_open_exam open = {.active = true, .seed = 99, .seconds_used = 600};
	open.picks = calloc(s.pack->question_count, sizeof *open.picks);
	open.struck = calloc(s.pack->question_count, sizeof *open.struck);
	open.flags = calloc(s.pack->question_count, sizeof *open.flags);
	open.picks[e->questions[0]] = e->picks[0];
	open.picks[e->questions[1]] = e->picks[1];
	open.flags[e->questions[2]] = true;
	struct exam *r = exam_resume(s.pack, &open, 5000);
	assert_memory_equal(r->questions, e->questions, e->count * sizeof *e->questions);
	assert_int_equal(r->picks[0].bits, 1);
	assert_int_equal(r->picks[1].bits, 2);
	assert_true(r->flags[2]);
	assert_int_equal(exam_seconds_left(r, 5000), 7200 - 600);
	assert_int_equal(exam_seconds_left(r, 5060), 7200 - 660);

	exam_finish(r, false);
	assert_true(r->finished);
	assert_int_equal(r->right, 1);
	unsigned total = 0;
	for (int d = 0; d < 6; d++)
		total += r->by_domain[d].total;
	assert_int_equal(total, 10);
	open.active = false;
	assert_null(exam_resume(s.pack, &open, 0));
	free(open.picks);
	free(open.struck);
	free(open.flags);
	exam_free(r);
	exam_free(e);
	synth_free(&s);
}

/* Each question's choices in an order of its own, from the seed: the same
 * seed (a resume) shows them the same way. Strikes, and incomplete picks. */
static void test_choice_orders_strikes_and_incomplete(void **state)
{
	(void)state;
	unsetenv("MLCERT_SHUFFLE");
	struct diag_list diags;
	struct content_pack *pack = fixture_built_in(&diags);
	struct exam *e = exam_new(pack, 4242, 1000), *same = exam_new(pack, 4242, 1000);
	size_t not_pack_order = 0;
	for (size_t i = 0; i < e->count; i++) {
		const struct content_question *q = pack->questions[e->questions[i]];
		assert_int_equal(e->orders[i].count, q->choices_count);
		assert_memory_equal(e->orders[i].at, same->orders[i].at, q->choices_count);
		struct choice_order id = choice_order_identity(q->choices_count);
		not_pack_order += memcmp(e->orders[i].at, id.at, q->choices_count) != 0;
	}
	assert_true(not_pack_order > e->count / 2); /* most are shown out of the pack's order */
	exam_free(same);

	/* a multiple-select question: one pick of two is incomplete, not answered */
	size_t m = 0;
	while (pack->questions[e->questions[m]]->type != QUESTION_MULTIPLE)
		m++;
	const struct content_question *q = pack->questions[e->questions[m]];
	e->pos = m;
	unsigned c0 = 0;
	while (!choice_set_has(q->correct, c0))
		c0++;
	assert_true(exam_choose(e, choice_order_position(&e->orders[m], c0)));
	assert_true(exam_is_incomplete(e, m));
	assert_false(exam_is_answered(e, m));
	assert_int_equal(exam_answered(e), 0);
	assert_int_equal(exam_incomplete(e), 1);
	/* striking the picked choice unpicks it; picking a struck one restores it */
	unsigned p0 = choice_order_position(&e->orders[m], c0);
	assert_true(exam_strike(e, p0));
	assert_true(choice_set_has(e->struck[m], c0));
	assert_false(choice_set_has(e->picks[m], c0));
	assert_false(exam_is_incomplete(e, m));
	assert_true(exam_choose(e, p0));
	assert_false(choice_set_has(e->struck[m], c0));
	assert_true(exam_strike(e, p0)); /* struck again, and again restored by a strike */
	assert_true(exam_strike(e, p0));
	assert_int_equal(e->struck[m].bits, 0);
	assert_false(exam_strike(e, 9));
	/* every correct choice: complete and right */
	for (unsigned c = 0; c < q->choices_count; c++)
		if (choice_set_has(q->correct, c) && !choice_set_has(e->picks[m], c))
			assert_true(exam_choose(e, choice_order_position(&e->orders[m], c)));
	assert_true(exam_is_answered(e, m));
	exam_finish(e, false);
	assert_int_equal(e->right, 1);
	assert_true(e->correct[m]);
	exam_free(e);
	content_pack_free(pack);
	diag_list_free(&diags);
}

/* A finished exam from the study's history, rebuilt as it was sat: its
 * questions, picks, flags, orders, grades; by domain and by objective. */
static void test_history_reopens_and_scores_by_objective(void **state)
{
	(void)state;
	struct diag_list diags;
	struct content_pack *pack = fixture_built_in(&diags);
	struct study *study = study_new(pack);
	struct exam *e = exam_new(pack, 77, 1000);
	/* the first three answered: right, wrong, right; the rest unanswered; one flagged */
	setenv("MLCERT_NOW", "1767261600", 1);
	for (size_t i = 0; i < 3; i++) {
		const struct content_question *q = pack->questions[e->questions[i]];
		unsigned want = choice_set_count(q->correct);
		struct choice_set pick = {0};
		for (unsigned c = 0; i == 1 && c < q->choices_count && !pick.bits; c++)
			if (!choice_set_has(q->correct, c))
				pick = choice_set_with(pick, c); /* one wrong choice, the rest right: complete, wrong */
		for (unsigned c = 0; c < q->choices_count && choice_set_count(pick) < want; c++)
			if (choice_set_has(q->correct, c))
				pick = choice_set_with(pick, c);
		e->pos = i;
		for (unsigned c = 0; c < q->choices_count; c++)
			if (choice_set_has(pick, c))
				assert_true(exam_choose(e, choice_order_position(&e->orders[i], c)));
		assert_true(exam_is_answered(e, i));
	}
	e->flags[5] = true;
	struct answer_log log = {NULL, study};
	struct journal_event start = answer_event(JOURNAL_EXAM_START, pack->meta->id);
	start.value = 77;
	char why[128];
	assert_true(answer_record(&log, &start, why, sizeof why));
	assert_true(answer_finish_exam(&log, e, false, why, sizeof why));
	assert_int_equal(e->right, 2);
	assert_int_equal(study->exam_count, 1);

	struct exam *past = exam_from_history(pack, study, 0);
	assert_non_null(past);
	assert_null(exam_from_history(pack, study, 1));
	assert_true(past->finished);
	assert_int_equal(past->count, e->count);
	assert_int_equal(past->missing, 0);
	assert_int_equal(past->right, 2);
	assert_memory_equal(past->questions, e->questions, e->count * sizeof *e->questions);
	for (size_t i = 0; i < e->count; i++) {
		assert_int_equal(past->picks[i].bits, e->picks[i].bits);
		assert_int_equal(past->flags[i], e->flags[i]);
		assert_int_equal(past->correct[i], e->correct[i]);
		assert_memory_equal(past->orders[i].at, e->orders[i].at, e->orders[i].count);
	}
	for (size_t d = 0; d < pack->meta->domains_count; d++) {
		assert_int_equal(past->by_domain[d].right, e->by_domain[d].right);
		assert_int_equal(past->by_domain[d].total, e->by_domain[d].total);
	}
	/* by objective: each question towards every objective it names */
	struct exam_domain_score *got = calloc(pack->objective_count, sizeof *got);
	exam_score_by_objective(past, got);
	for (size_t k = 0; k < pack->objective_count; k++) {
		unsigned right = 0, total = 0;
		for (size_t i = 0; i < e->count; i++) {
			const struct content_question *q = pack->questions[e->questions[i]];
			for (unsigned o = 0; o < q->objectives_count; o++)
				if (strcmp(q->objectives[o], pack->objectives[k]->id) == 0) {
					total++;
					right += e->correct[i];
				}
		}
		assert_int_equal(got[k].total, total);
		assert_int_equal(got[k].right, right);
	}
	free(got);
	/* what it did to the review queue: the one wrong answer is in it, due tomorrow; the rest are not */
	struct exam_queue_effect effect;
	exam_queue_effect(past, study, &effect);
	assert_int_equal(effect.wrong, 1);
	assert_int_equal(effect.queued, 1);
	assert_int_equal(effect.unanswered, e->count - 3);
	assert_int_equal(study_day(effect.first_due), study_day(1767261600) + 1);
	unsetenv("MLCERT_NOW");
	exam_free(past);
	exam_free(e);
	study_free(study);
	content_pack_free(pack);
	diag_list_free(&diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quota_follows_weights),
		cmocka_unit_test(test_quota_moves_what_a_domain_cannot_fill),
		cmocka_unit_test(test_sampling_matches_weights_over_many_seeds),
		cmocka_unit_test(test_clock_choose_score_and_resume),
		cmocka_unit_test(test_choice_orders_strikes_and_incomplete),
		cmocka_unit_test(test_history_reopens_and_scores_by_objective),
	};
	return cmocka_run_group_tests_name("exam", tests, NULL, NULL);
}
