/* study — progress rebuilt from the journal. */
#include "mlcert/study.h"

#include <stdlib.h>
#include <string.h>

struct study *study_new(const struct content_pack *pack)
{
	struct study *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	size_t nq = pack->question_count, nt = pack->topic_count;
	s->pack = pack;
	s->questions = calloc(nq ? nq : 1, sizeof *s->questions);
	s->topic_read = calloc(nt ? nt : 1, sizeof *s->topic_read);
	s->bookmarked = calloc(nt ? nt : 1, sizeof *s->bookmarked);
	s->topic_q_start = calloc(nt + 1, sizeof *s->topic_q_start);
	size_t links = 0;
	for (size_t i = 0; i < nq; i++)
		links += pack->questions[i]->topics_count;
	s->topic_q = calloc(links ? links : 1, sizeof *s->topic_q);
	s->mastery = calloc(nt ? nt : 1, sizeof *s->mastery);
	s->mastery_stale = true;
	if (!s->mastery || !s->questions || !s->topic_read || !s->bookmarked || !s->topic_q_start || !s->topic_q) {
		study_free(s);
		return NULL;
	}
	for (size_t i = 0; i < nq; i++)
		s->questions[i].last_correct = -1;
	/* Counting sort of (topic, question) links: questions of each topic in pack order. */
	for (size_t i = 0; i < nq; i++)
		for (unsigned k = 0; k < pack->questions[i]->topics_count; k++) {
			const struct content_topic *t = content_find_topic(pack, pack->questions[i]->topics[k]);
			if (t)
				s->topic_q_start[t->index + 1]++;
		}
	for (size_t t = 0; t < nt; t++)
		s->topic_q_start[t + 1] += s->topic_q_start[t];
	size_t *fill = calloc(nt ? nt : 1, sizeof *fill);
	if (!fill) {
		study_free(s);
		return NULL;
	}
	for (size_t i = 0; i < nq; i++)
		for (unsigned k = 0; k < pack->questions[i]->topics_count; k++) {
			const struct content_topic *t = content_find_topic(pack, pack->questions[i]->topics[k]);
			if (t)
				s->topic_q[s->topic_q_start[t->index] + fill[t->index]++] = (int)i;
		}
	free(fill);
	return s;
}

void study_free(struct study *s)
{
	if (!s)
		return;
	free(s->questions);
	free(s->topic_read);
	free(s->bookmarked);
	free(s->topic_q_start);
	free(s->topic_q);
	free(s->mastery);
	free(s);
}

void study_apply(void *ctx, const struct journal_event *e)
{
	struct study *s = ctx;
	const struct content_pack *pack = s->pack;
	if (e->kind == JOURNAL_ANSWER || e->kind == JOURNAL_RATE) {
		const struct content_question *q = content_find_question(pack, e->id);
		if (!q) {
			s->events_unknown++;
			return;
		}
		struct study_question *p = &s->questions[q->index];
		if (e->kind == JOURNAL_ANSWER) {
			p->attempts++;
			p->right += e->correct ? 1 : 0;
			p->last_correct = e->correct;
			p->last_time = e->time;
			s->mastery_stale = true;
		}
		p->last_rating = e->rating;
		return;
	}
	const struct content_topic *t = content_find_topic(pack, e->id);
	if (!t) {
		s->events_unknown++;
		return;
	}
	if (e->kind == JOURNAL_READ)
		s->topic_read[t->index] = true;
	else if (e->kind == JOURNAL_BOOKMARK)
		s->bookmarked[t->index] = e->value != 0;
}

void study_domain_stats(const struct study *s, int domain, struct study_stats *out)
{
	memset(out, 0, sizeof *out);
	const struct content_pack *pack = s->pack;
	for (size_t i = 0; i < pack->topic_count; i++) {
		if (domain >= 0 && pack->topics[i]->domain_index != domain)
			continue;
		out->topics_total++;
		out->topics_read += s->topic_read[i];
	}
	for (size_t i = 0; i < pack->question_count; i++) {
		if (domain >= 0 && pack->questions[i]->domain_index != domain)
			continue;
		const struct study_question *p = &s->questions[i];
		out->questions_total++;
		out->questions_seen += p->attempts > 0;
		out->answers += p->attempts;
		out->right += p->right;
	}
}

bool study_topic_within(const struct content_pack *pack, int topic, int ancestor)
{
	for (int t = topic, guard = 0; t >= 0 && guard < 64; t = pack->topics[t]->parent_index, guard++)
		if (t == ancestor)
			return true;
	return false;
}

size_t study_questions_of_topic(const struct study *s, int topic, int *out, size_t cap)
{
	/* A question can test several topics of one subtree: mark to list it once. */
	const struct content_pack *pack = s->pack;
	unsigned char *seen = calloc(pack->question_count ? pack->question_count : 1, 1);
	if (!seen)
		return 0;
	for (size_t t = 0; t < pack->topic_count; t++) {
		if (!study_topic_within(pack, (int)t, topic))
			continue;
		for (size_t k = s->topic_q_start[t]; k < s->topic_q_start[t + 1]; k++)
			seen[s->topic_q[k]] = 1;
	}
	size_t n = 0;
	for (size_t i = 0; i < pack->question_count && n < cap; i++)
		if (seen[i])
			out[n++] = (int)i;
	free(seen);
	return n;
}

size_t study_questions_of_domain(const struct study *s, int domain, int *out, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; i < s->pack->question_count && n < cap; i++)
		if (s->pack->questions[i]->domain_index == domain)
			out[n++] = (int)i;
	return n;
}

static void refresh_mastery(struct study *s)
{
	const struct content_pack *pack = s->pack;
	size_t nt = pack->topic_count;
	memset(s->mastery, 0, (nt ? nt : 1) * sizeof *s->mastery);
	/* stamp[t] = last question counted for t, so a question linked to two
	 * topics of one subtree counts once for their common ancestors. */
	int *stamp = malloc((nt ? nt : 1) * sizeof *stamp);
	if (!stamp)
		return;
	for (size_t t = 0; t < nt; t++)
		stamp[t] = -1;
	for (size_t i = 0; i < pack->question_count; i++) {
		const struct content_question *q = pack->questions[i];
		const struct study_question *p = &s->questions[i];
		for (unsigned k = 0; k < q->topics_count; k++) {
			const struct content_topic *t = content_find_topic(pack, q->topics[k]);
			for (int a = t ? t->index : -1, guard = 0; a >= 0 && guard < 64;
			     a = pack->topics[a]->parent_index, guard++) {
				if (stamp[a] == (int)i)
					break;
				stamp[a] = (int)i;
				s->mastery[a].total++;
				s->mastery[a].answered += p->attempts > 0;
				s->mastery[a].right_latest += p->last_correct == 1;
			}
		}
	}
	free(stamp);
	s->mastery_stale = false;
}

void study_topic_mastery(struct study *s, int topic, struct study_mastery *out)
{
	if (s->mastery_stale)
		refresh_mastery(s);
	*out = s->mastery[topic];
}
