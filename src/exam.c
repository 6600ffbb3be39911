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
	e->questions = xcalloc(n ? n : 1, sizeof *e->questions);
	e->picks = xcalloc(n ? n : 1, sizeof *e->picks);
	e->struck = xcalloc(n ? n : 1, sizeof *e->struck);
	e->orders = xcalloc(n ? n : 1, sizeof *e->orders);
	e->flags = xcalloc(n ? n : 1, sizeof *e->flags);
	e->correct = xcalloc(n ? n : 1, sizeof *e->correct);
	e->by_domain = xcalloc(pack->meta->domains_count ? pack->meta->domains_count : 1, sizeof *e->by_domain);
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
	/* Choice orders from a stream of their own, so the draw above stays
	 * what it was for exams started before choices were shuffled. */
	uint64_t order_state = seed ^ 0x6A09E667F3BCC909ull;
	for (size_t i = 0; i < e->count; i++)
		e->orders[i] = choice_order_shuffled(pack->questions[e->questions[i]]->choices_count,
						     exam_random(&order_state));
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
		e->struck[i] = open->struck[e->questions[i]];
		e->flags[i] = open->flags[e->questions[i]];
	}
	return e;
}

static void score_domains(struct exam *e)
{
	memset(e->by_domain, 0, e->pack->meta->domains_count * sizeof *e->by_domain);
	for (size_t i = 0; i < e->count; i++) {
		int d = e->pack->questions[e->questions[i]]->domain_index;
		if (d >= 0) {
			e->by_domain[d].total++;
			e->by_domain[d].right += e->correct[i];
		}
	}
}

struct exam *exam_from_history(const struct content_pack *pack, const struct study *study, size_t k)
{
	if (k >= study->exam_count)
		return NULL;
	const struct study_exam_result *r = &study->exams[k];
	struct exam *e = alloc_exam(pack, r->item_count);
	for (size_t i = 0; i < r->item_count; i++) {
		const struct study_exam_item *item = &study->exam_items[r->first_item + i];
		if (item->question < 0 || (size_t)item->question >= pack->question_count) {
			e->missing++;
			continue;
		}
		size_t at = e->count++;
		e->questions[at] = item->question;
		e->picks[at] = item->picked;
		e->flags[at] = item->flagged;
		e->correct[at] = item->right;
		e->orders[at] = item->order.count == pack->questions[item->question]->choices_count
					? item->order
					: choice_order_identity(pack->questions[item->question]->choices_count);
	}
	e->limit = (int64_t)pack->meta->exam.minutes * 60;
	e->used_before = r->seconds_used;
	e->sitting_start = r->time;
	e->right = r->right;
	e->finished = true;
	e->timed_out = r->timed_out;
	e->submitted = r->time;
	score_domains(e);
	return e;
}

void exam_free(struct exam *e)
{
	if (!e)
		return;
	free(e->questions);
	free(e->picks);
	free(e->struck);
	free(e->orders);
	free(e->flags);
	free(e->correct);
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

bool exam_choose(struct exam *e, unsigned position)
{
	unsigned choice;
	if (e->finished || e->pos >= e->count || !choice_order_choice(&e->orders[e->pos], position, &choice) ||
	    !answer_choose(e->pack->questions[e->questions[e->pos]], &e->picks[e->pos], choice))
		return false;
	if (choice_set_has(e->picks[e->pos], choice) && choice_set_has(e->struck[e->pos], choice))
		e->struck[e->pos] = choice_set_toggled(e->struck[e->pos], choice);
	return true;
}

bool exam_strike(struct exam *e, unsigned position)
{
	unsigned choice;
	if (e->finished || e->pos >= e->count || !choice_order_choice(&e->orders[e->pos], position, &choice))
		return false;
	e->struck[e->pos] = choice_set_toggled(e->struck[e->pos], choice);
	if (choice_set_has(e->struck[e->pos], choice) && choice_set_has(e->picks[e->pos], choice))
		e->picks[e->pos] = choice_set_toggled(e->picks[e->pos], choice);
	return true;
}

bool exam_is_answered(const struct exam *e, size_t pos)
{
	return pos < e->count &&
	       answer_check(e->pack->questions[e->questions[pos]], e->picks[pos]) == ANSWER_COMPLETE;
}

bool exam_is_incomplete(const struct exam *e, size_t pos)
{
	return pos < e->count && choice_set_count(e->picks[pos]) > 0 && !exam_is_answered(e, pos);
}

size_t exam_answered(const struct exam *e)
{
	size_t n = 0;
	for (size_t i = 0; i < e->count; i++)
		n += exam_is_answered(e, i);
	return n;
}

size_t exam_incomplete(const struct exam *e)
{
	size_t n = 0;
	for (size_t i = 0; i < e->count; i++)
		n += exam_is_incomplete(e, i);
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
	e->right = 0;
	for (size_t i = 0; i < e->count; i++) {
		e->correct[i] = answer_is_right(e->pack->questions[e->questions[i]], e->picks[i]);
		e->right += e->correct[i];
	}
	score_domains(e);
	e->finished = true;
	e->timed_out = timed_out;
	e->pos = 0;
}

void exam_score_by_objective(const struct exam *e, struct exam_domain_score *out)
{
	const struct content_pack *pack = e->pack;
	for (size_t k = 0; k < pack->objective_count; k++)
		out[k] = (struct exam_domain_score){0};
	for (size_t i = 0; i < e->count; i++) {
		const struct content_question *q = pack->questions[e->questions[i]];
		for (unsigned k = 0; q->objective_index && k < q->objectives_count; k++) {
			int at = q->objective_index[k];
			if (at < 0 || (size_t)at >= pack->objective_count)
				continue;
			out[at].total++;
			out[at].right += e->correct[i];
		}
	}
}

void exam_queue_effect(const struct exam *e, const struct study *study, struct exam_queue_effect *out)
{
	*out = (struct exam_queue_effect){0};
	for (size_t i = 0; i < e->count; i++) {
		if (!exam_is_answered(e, i)) {
			out->unanswered++;
			continue;
		}
		if (e->correct[i])
			continue;
		out->wrong++;
		const struct study_question *p = &study->questions[e->questions[i]];
		if (p->has_memory && p->last_correct == 0) {
			out->first_due = out->queued && out->first_due < p->due ? out->first_due : p->due;
			out->queued++;
		}
	}
}
