/* scope — the lists over a pack and the walks through them. */
#include "mlcert/scope.h"

#include <stdlib.h>
#include <string.h>

#include "mlcert/xalloc.h"

/* Counting sort of n (group, item) pairs into a list per group, items in
 * the order given; pairs with a group out of range are left out. */
static void fill_list(struct content_list *l, size_t groups, const int *group, const int *item, size_t n)
{
	free(l->start);
	free(l->items);
	l->start = xcalloc(groups + 1, sizeof *l->start);
	l->items = xcalloc(n, sizeof *l->items);
	size_t *fill = xcalloc(groups, sizeof *fill);
	for (size_t i = 0; i < n; i++)
		if (group[i] >= 0 && (size_t)group[i] < groups)
			l->start[group[i] + 1]++;
	for (size_t g = 0; g < groups; g++)
		l->start[g + 1] += l->start[g];
	for (size_t i = 0; i < n; i++)
		if (group[i] >= 0 && (size_t)group[i] < groups)
			l->items[l->start[group[i]] + fill[group[i]]++] = item[i];
	free(fill);
}

void scope_index(struct content_pack *pack)
{
	size_t nt = pack->topic_count, nq = pack->question_count, nd = pack->meta ? pack->meta->domains_count : 0;
	size_t links = 0;
	for (size_t i = 0; i < nq; i++)
		links += pack->questions[i]->topics_count;
	size_t most = links > nt ? links : nt;
	most = most > nq ? most : nq;
	int *group = xcalloc(most, sizeof *group), *item = xcalloc(most, sizeof *item);
	for (size_t t = 0; t < nt; t++) {
		group[t] = pack->topics[t]->parent_index;
		item[t] = (int)t;
	}
	fill_list(&pack->topic_children, nt, group, item, nt);
	size_t n = 0;
	for (size_t i = 0; i < nq; i++)
		for (unsigned k = 0; k < pack->questions[i]->topics_count; k++) {
			group[n] = pack->questions[i]->topic_index[k];
			item[n++] = (int)i;
		}
	fill_list(&pack->topic_questions, nt, group, item, n);
	for (size_t i = 0; i < nq; i++) {
		group[i] = pack->questions[i]->domain_index;
		item[i] = (int)i;
	}
	fill_list(&pack->domain_questions, nd, group, item, nq);
	free(group);
	free(item);
}

bool scope_topic_within(const struct content_pack *pack, int topic, int ancestor)
{
	for (int t = topic, guard = 0; t >= 0 && guard < 64; t = pack->topics[t]->parent_index, guard++)
		if (t == ancestor)
			return true;
	return false;
}

static int compare_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

size_t scope_questions_of_topic(const struct content_pack *pack, int topic, int *out, size_t cap)
{
	/* The lists of every topic in the subtree (walked through the children
	 * lists), then sorted into pack order with each question once (it can
	 * test several topics of one subtree): the cost follows the subtree. */
	const struct content_list *children = &pack->topic_children, *questions = &pack->topic_questions;
	size_t nt = pack->topic_count;
	if (topic < 0 || (size_t)topic >= nt || !children->start)
		return 0;
	int *subtree = xcalloc(nt, sizeof *subtree);
	size_t count = 0, links = 0;
	subtree[count++] = topic;
	for (size_t i = 0; i < count; i++) {
		int t = subtree[i];
		links += questions->start[t + 1] - questions->start[t];
		for (size_t c = children->start[t]; c < children->start[t + 1] && count < nt; c++)
			subtree[count++] = children->items[c];
	}
	int *all = xcalloc(links, sizeof *all);
	size_t n = 0;
	for (size_t i = 0; i < count; i++)
		for (size_t k = questions->start[subtree[i]]; k < questions->start[subtree[i] + 1]; k++)
			all[n++] = questions->items[k];
	free(subtree);
	if (n)
		qsort(all, n, sizeof *all, compare_int);
	size_t written = 0;
	for (size_t i = 0; i < n && written < cap; i++)
		if (i == 0 || all[i] != all[i - 1])
			out[written++] = all[i];
	free(all);
	return written;
}

size_t scope_questions_of_domain(const struct content_pack *pack, int domain, int *out, size_t cap)
{
	size_t nd = pack->meta ? pack->meta->domains_count : 0;
	if (domain < 0 || (size_t)domain >= nd || !pack->domain_questions.start)
		return 0;
	size_t start = pack->domain_questions.start[domain], count = pack->domain_questions.start[domain + 1] - start;
	if (count > cap)
		count = cap;
	memcpy(out, pack->domain_questions.items + start, count * sizeof *out);
	return count;
}
