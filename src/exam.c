/* exam — sampling, timing and scoring of a mock exam. */
#include "mlcert/exam.h"

#include <stdlib.h>
#include <string.h>

#include "mlcert/answer.h"
#include "mlcert/xalloc.h"

uint64_t exam_random(uint64_t *state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static void shuffle(int *items, size_t n, uint64_t *state)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)(exam_random(state) % i);
		int t = items[i - 1];
		items[i - 1] = items[j];
		items[j] = t;
	}
}

size_t exam_quota(const struct content_pack *pack, size_t n, size_t *per_domain)
{
	size_t nd = pack->meta->domains_count;
	size_t *available = xcalloc(nd, sizeof *available);
	bool *full = xcalloc(nd, sizeof *full);
	for (size_t i = 0; i < pack->question_count; i++)
		if (pack->questions[i]->domain_index >= 0)
			available[pack->questions[i]->domain_index]++;
	for (size_t d = 0; d < nd; d++) {
		per_domain[d] = 0;
		full[d] = pack->meta->domains[d].weight <= 0 || available[d] == 0;
	}
	/* Split what is left among domains that still have room, by weight;
	 * a domain that overflows is capped and the rest shared again. */
	size_t total = 0;
	for (int round = 0; round < 64 && total < n; round++) {
		long weight_sum = 0;
		for (size_t d = 0; d < nd; d++)
			if (!full[d])
				weight_sum += pack->meta->domains[d].weight;
		if (weight_sum == 0)
			break;
		size_t left = n - total, given = 0;
		size_t best = nd;
		long best_rem = -1;
		size_t *share = xcalloc(nd, sizeof *share);
		long *rem = xcalloc(nd, sizeof *rem);
		for (size_t d = 0; d < nd; d++) {
			if (full[d])
				continue;
			long w = pack->meta->domains[d].weight;
			share[d] = (size_t)((long)left * w / weight_sum);
			rem[d] = (long)left * w % weight_sum;
			given += share[d];
		}
		/* largest remainders get the seats the floors left over */
		while (given < left) {
			best = nd, best_rem = -1;
			for (size_t d = 0; d < nd; d++)
				if (!full[d] && rem[d] > best_rem)
					best = d, best_rem = rem[d];
			if (best == nd)
				break;
			share[best]++;
			rem[best] = -2;
			given++;
		}
		bool capped = false;
		for (size_t d = 0; d < nd; d++) {
			if (full[d])
				continue;
			size_t room = available[d] - per_domain[d];
			if (share[d] >= room) {
				share[d] = room;
				full[d] = true;
				capped = true;
			}
			per_domain[d] += share[d];
			total += share[d];
		}
		free(share);
		free(rem);
		if (!capped)
			break;
	}
	free(available);
	free(full);
	return total;
}

static struct exam *alloc_exam(const struct content_pack *pack, size_t n)
{
	struct exam *e = xcalloc(1, sizeof *e);
	e->pack = pack;
	e->questions = xcalloc(n, sizeof *e->questions);
	e->picks = xcalloc(n, sizeof *e->picks);
	e->flags = xcalloc(n, sizeof *e->flags);
	e->by_domain = xcalloc(pack->meta->domains_count, sizeof *e->by_domain);
	return e;
}

struct exam *exam_new(const struct content_pack *pack, uint64_t seed, int64_t now)
{
	size_t nd = pack->meta->domains_count, n = (size_t)pack->meta->exam.questions;
	size_t *quota = xcalloc(nd, sizeof *quota);
	int *pool = xcalloc(pack->question_count, sizeof *pool);
	struct exam *e = alloc_exam(pack, n);
	e->seed = seed;
	e->limit = (int64_t)pack->meta->exam.minutes * 60;
	e->sitting_start = now;
	exam_quota(pack, n, quota);
	uint64_t state = seed;
	for (size_t d = 0; d < nd; d++) {
		size_t m = 0;
		for (size_t i = 0; i < pack->question_count; i++)
			if (pack->questions[i]->domain_index == (int)d)
				pool[m++] = (int)i;
		shuffle(pool, m, &state);
		for (size_t k = 0; k < quota[d] && k < m && e->count < n; k++)
			e->questions[e->count++] = pool[k];
	}
	/* The real exam mixes domains. */
	shuffle(e->questions, e->count, &state);
	free(quota);
	free(pool);
	return e;
}

struct exam *exam_resume(const struct content_pack *pack, const struct study_open_exam *open,
			 int64_t now)
{
	if (!open->active)
		return NULL;
	struct exam *e = exam_new(pack, open->seed, now);
	e->used_before = open->seconds_used;
	for (size_t i = 0; i < e->count; i++) {
		e->picks[i] = open->picks[e->questions[i]];
		e->flags[i] = open->flags[e->questions[i]];
	}
	return e;
}

void exam_free(struct exam *e)
{
	if (!e)
		return;
	free(e->questions);
	free(e->picks);
	free(e->flags);
	free(e->by_domain);
	free(e);
}

int64_t exam_seconds_used(const struct exam *e, int64_t now)
{
	int64_t sitting = now > e->sitting_start ? now - e->sitting_start : 0;
	return e->used_before + sitting;
}

int64_t exam_seconds_left(const struct exam *e, int64_t now)
{
	int64_t left = e->limit - exam_seconds_used(e, now);
	return left > 0 ? left : 0;
}

bool exam_choose(struct exam *e, unsigned choice)
{
	if (e->finished || e->pos >= e->count)
		return false;
	return answer_choose(e->pack->questions[e->questions[e->pos]], &e->picks[e->pos], choice);
}

size_t exam_answered(const struct exam *e)
{
	size_t n = 0;
	for (size_t i = 0; i < e->count; i++)
		n += choice_set_count(e->picks[i]) > 0;
	return n;
}

size_t exam_flagged(const struct exam *e)
{
	size_t n = 0;
	for (size_t i = 0; i < e->count; i++)
		n += e->flags[i];
	return n;
}

void exam_finish(struct exam *e, bool timed_out)
{
	memset(e->by_domain, 0, e->pack->meta->domains_count * sizeof *e->by_domain);
	e->right = 0;
	for (size_t i = 0; i < e->count; i++) {
		const struct content_question *q = e->pack->questions[e->questions[i]];
		bool right = answer_is_right(q, e->picks[i]);
		e->right += right;
		if (q->domain_index >= 0) {
			e->by_domain[q->domain_index].total++;
			e->by_domain[q->domain_index].right += right;
		}
	}
	e->finished = true;
	e->timed_out = timed_out;
	e->pos = 0;
}
