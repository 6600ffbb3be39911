/* study — progress rebuilt from the journal. */
#include "mlcert/study.h"

#include <stdlib.h>
#include <string.h>

#include "mlcert/xalloc.h"

struct study *study_new(const struct content_pack *pack)
{
	struct study *s = xcalloc(1, sizeof *s);
	size_t nq = pack->question_count, nt = pack->topic_count;
	size_t nd = pack->meta ? pack->meta->domains_count : 0;
	s->pack = pack;
	fsrs_params_default(&s->fsrs);
	s->questions = xcalloc(nq, sizeof *s->questions);
	s->topic_read = xcalloc(nt, sizeof *s->topic_read);
	s->bookmarked = xcalloc(nt, sizeof *s->bookmarked);
	s->exam.picks = xcalloc(nq, sizeof *s->exam.picks);
	s->exam.struck = xcalloc(nq, sizeof *s->exam.struck);
	s->exam.flags = xcalloc(nq, sizeof *s->exam.flags);
	s->mastery = xcalloc(nt, sizeof *s->mastery);
	s->mastery_stamp = xcalloc(nt, sizeof *s->mastery_stamp);
	s->mastery_stale = true;
	s->domain_stats = xcalloc(nd + 1, sizeof *s->domain_stats);
	s->stats_stale = true;
	for (size_t i = 0; i < nq; i++)
		s->questions[i].last_correct = -1;
	return s;
}

void study_free(struct study *s)
{
	if (!s)
		return;
	free(s->questions);
	free(s->topic_read);
	free(s->bookmarked);
	free(s->mastery);
	free(s->mastery_stamp);
	free(s->answer_times);
	free(s->exam.picks);
	free(s->exam.struck);
	free(s->exam.flags);
	free(s->exams);
	free(s->exam_items);
	free(s->domain_stats);
	free(s);
}

void study_reset(void *ctx)
{
	struct study *s = ctx;
	size_t nq = s->pack->question_count, nt = s->pack->topic_count;
	memset(s->questions, 0, (nq ? nq : 1) * sizeof *s->questions);
	for (size_t i = 0; i < nq; i++)
		s->questions[i].last_correct = -1;
	memset(s->topic_read, 0, (nt ? nt : 1) * sizeof *s->topic_read);
	memset(s->bookmarked, 0, (nt ? nt : 1) * sizeof *s->bookmarked);
	memset(s->exam.picks, 0, (nq ? nq : 1) * sizeof *s->exam.picks);
	memset(s->exam.struck, 0, (nq ? nq : 1) * sizeof *s->exam.struck);
	memset(s->exam.flags, 0, (nq ? nq : 1) * sizeof *s->exam.flags);
	s->exam.active = false;
	s->exam.seed = 0;
	s->exam.started = s->exam.seconds_used = s->exam.last_event = 0;
	s->events_unknown = 0;
	s->answer_count = 0;
	s->exam_count = 0;
	s->exam_item_count = 0;
	s->exam_block_left = 0;
	s->exam_block_items = false;
	s->exams_discarded = 0;
	s->undo.active = false;
	s->exam_date = 0;
	s->mastery_stale = true;
	s->stats_stale = true;
}

int64_t study_day(int64_t time)
{
	return time >= 0 ? time / STUDY_DAY : -((-time + STUDY_DAY - 1) / STUDY_DAY);
}

/* One FSRS review of question p at time t with rating g, from its current state. */
static void review(struct study *s, struct study_question *p, int64_t t, int g)
{
	p->before_has_memory = p->has_memory;
	p->before = p->memory;
	p->before_time = p->last_time;
	if (!p->has_memory) {
		p->memory = fsrs_first(&s->fsrs, (enum fsrs_rating)g);
	} else {
		/* Whole calendar days, as ts-fsrs's scheduler counts them. */
		double elapsed = (double)(study_day(t) - study_day(p->last_time));
		p->memory = fsrs_next(&s->fsrs, p->memory, elapsed < 0 ? 0 : elapsed, (enum fsrs_rating)g);
	}
	p->has_memory = true;
	p->last_time = t;
	p->due = t + (int64_t)fsrs_interval_days(&s->fsrs, p->memory.stability) * STUDY_DAY;
}

/* A "guessed"/"easy" mark re-runs the last review with the new rating. */
static void amend(struct study *s, struct study_question *p, int g)
{
	int64_t t = p->last_time;
	p->has_memory = p->before_has_memory;
	p->memory = p->before;
	p->last_time = p->before_time;
	review(s, p, t, g);
}

static void record_answer_time(struct study *s, int64_t t)
{
	if (s->answer_count == s->answer_cap) {
		s->answer_cap = s->answer_cap ? s->answer_cap * 2 : 256;
		s->answer_times = xreallocarray(s->answer_times, s->answer_cap, sizeof *s->answer_times);
	}
	s->answer_times[s->answer_count++] = t;
}

static void close_exam(struct study *s)
{
	size_t nq = s->pack->question_count;
	s->exam.active = false;
	memset(s->exam.picks, 0, (nq ? nq : 1) * sizeof *s->exam.picks);
	memset(s->exam.struck, 0, (nq ? nq : 1) * sizeof *s->exam.struck);
	memset(s->exam.flags, 0, (nq ? nq : 1) * sizeof *s->exam.flags);
}

/* A question of the exam just finished, added to its result. */
static void add_exam_item(struct study *s, const struct journal_event *e, struct choice_order order, bool flagged)
{
	if (!s->exam_count)
		return;
	if (s->exam_item_count == s->exam_item_cap) {
		s->exam_item_cap = s->exam_item_cap ? s->exam_item_cap * 2 : 64;
		s->exam_items = xreallocarray(s->exam_items, s->exam_item_cap, sizeof *s->exam_items);
	}
	const struct content_question *q = content_find_question(s->pack, e->id);
	if (q && order.count != q->choices_count)
		order = choice_order_identity(q->choices_count);
	s->exam_items[s->exam_item_count++] = (struct study_exam_item){
		q ? q->index : -1, {e->choices}, e->correct != 0, flagged, order};
	struct study_exam_result *r = &s->exams[s->exam_count - 1];
	r->item_count++;
	r->total++;
}

/* A line of an exam finish block: exam items describe the exam; answers are
 * answers (applied by the caller) and, in journals without exam items, the
 * only record of the exam's questions. Returns true when e was an item. */
static bool apply_block_line(struct study *s, const struct journal_event *e)
{
	s->exam_block_left--;
	if (e->kind == JOURNAL_EXAM_ITEM) {
		s->exam_block_items = true;
		const struct content_question *q = content_find_question(s->pack, e->id);
		unsigned n = q ? q->choices_count : 0;
		add_exam_item(s, e, choice_order_unpack(e->value & 0xffffffffLL, n), (e->value >> 32) & 1);
		return true;
	}
	if (!s->exam_block_items) {
		const struct content_question *q = content_find_question(s->pack, e->id);
		add_exam_item(s, e, choice_order_identity(q ? q->choices_count : 0), false);
	}
	return false;
}

/* A finished exam is kept even when its start is not in the journal (an
 * import of part of a history): its block must be read as a block. */
static void finish_exam(struct study *s, const struct journal_event *e)
{
	if (s->exam.active && e->time > s->exam.last_event)
		s->exam.seconds_used += e->time - s->exam.last_event; /* no pause just before: estimated */
	if (s->exam_count == s->exam_cap) {
		s->exam_cap = s->exam_cap ? s->exam_cap * 2 : 8;
		s->exams = xreallocarray(s->exams, s->exam_cap, sizeof *s->exams);
	}
	s->exams[s->exam_count++] = (struct study_exam_result){
		.time = e->time,
		.started = s->exam.active ? s->exam.started : e->time,
		.seconds_used = s->exam.active ? s->exam.seconds_used : 0,
		.right = e->choices,
		.timed_out = e->correct != 0,
		.first_item = s->exam_item_count,
	};
	/* its block follows (journal_replay hands over whole blocks only) */
	s->exam_block_left = e->value > 0 ? (size_t)e->value : 0;
	s->exam_block_items = false;
	close_exam(s);
}

static void apply_exam(struct study *s, const struct journal_event *e)
{
	if (e->kind == JOURNAL_EXAM_FINISH) {
		finish_exam(s, e);
		return;
	}
	if (e->kind == JOURNAL_EXAM_START) {
		close_exam(s);
		s->exam.active = true;
		s->exam.seed = (uint64_t)e->value;
		s->exam.started = e->time;
		s->exam.seconds_used = 0;
		s->exam.last_event = e->time;
		return;
	}
	if (!s->exam.active)
		return;
	if (e->kind == JOURNAL_EXAM_DISCARD) {
		close_exam(s);
		s->exams_discarded++;
		return;
	}
	if (!s->exam.active)
		return;
	if (e->kind == JOURNAL_EXAM_PAUSE) {
		s->exam.seconds_used = e->value > 0 ? e->value : 0;
		s->exam.last_event = e->time;
		return;
	}
	/* Without a pause event (a crash), the time up to the last answer was used. */
	if (e->time > s->exam.last_event) {
		s->exam.seconds_used += e->time - s->exam.last_event;
		s->exam.last_event = e->time;
	}
	const struct content_question *q = content_find_question(s->pack, e->id);
	if (!q) {
		s->events_unknown++;
		return;
	}
	if (e->kind == JOURNAL_EXAM_PICK)
		s->exam.picks[q->index] = (struct choice_set){e->choices};
	else if (e->kind == JOURNAL_EXAM_STRIKE)
		s->exam.struck[q->index] = (struct choice_set){e->choices};
	else if (e->kind == JOURNAL_EXAM_FLAG)
		s->exam.flags[q->index] = e->correct != 0;
}

/* Adds a change of one question to the mastery of its topics and their
 * ancestors, each counted once however many of its topics they hold. */
static void mastery_add(struct study *s, size_t question, int total, int answered, int right)
{
	const struct content_pack *pack = s->pack;
	if (++s->mastery_generation == 0) {
		memset(s->mastery_stamp, 0, (pack->topic_count ? pack->topic_count : 1) * sizeof *s->mastery_stamp);
		s->mastery_generation = 1;
	}
	unsigned generation = s->mastery_generation;
	const struct content_question *q = pack->questions[question];
	for (unsigned k = 0; k < q->topics_count; k++)
		for (int a = q->topic_index[k], guard = 0; a >= 0 && guard < 64;
		     a = pack->topics[a]->parent_index, guard++) {
			if (s->mastery_stamp[a] == generation)
				break; /* this ancestor and the ones above it are counted */
			s->mastery_stamp[a] = generation;
			struct study_mastery *m = &s->mastery[a];
			m->total = (size_t)((long long)m->total + total);
			m->answered = (size_t)((long long)m->answered + answered);
			m->right_latest = (size_t)((long long)m->right_latest + right);
		}
}

/* Adds a change to the totals of a domain and of the whole pack. */
static void stats_add(struct study *s, int domain, const struct study_stats *delta)
{
	size_t nd = s->pack->meta ? s->pack->meta->domains_count : 0;
	struct study_stats *targets[2] = {&s->domain_stats[nd],
					  domain >= 0 && (size_t)domain < nd ? &s->domain_stats[domain] : NULL};
	for (int k = 0; k < 2 && targets[k]; k++) {
		targets[k]->topics_read += delta->topics_read;
		targets[k]->questions_seen += delta->questions_seen;
		targets[k]->answers += delta->answers;
		targets[k]->right += delta->right;
	}
}

/* Takes back the last answer: the question as it was before it, and every
 * count recounted on next use. */
static void undo_answer(struct study *s, const struct journal_event *e)
{
	const struct content_question *q = content_find_question(s->pack, e->id);
	if (!s->undo.active || !q || q->index != s->undo.question || e->value != s->undo.time)
		return; /* not the last answer (or already taken back): nothing to undo */
	s->questions[q->index] = s->undo.before;
	if (s->answer_count)
		s->answer_count--;
	s->undo.active = false;
	s->mastery_stale = s->stats_stale = true;
}

bool study_undoable(const struct study *s, int *question, int64_t *time)
{
	if (!s->undo.active)
		return false;
	*question = s->undo.question;
	*time = s->undo.time;
	return true;
}

void study_apply(void *ctx, const struct journal_event *e)
{
	struct study *s = ctx;
	const struct content_pack *pack = s->pack;
	bool in_block = s->exam_block_left > 0 && journal_block_line(e->kind);
	if (in_block && apply_block_line(s, e))
		return;
	if (in_block)
		s->undo.active = false; /* an exam's answers are not undone */
	switch (e->kind) {
	case JOURNAL_ANSWER:
	case JOURNAL_RATE: {
		const struct content_question *q = content_find_question(pack, e->id);
		if (!q) {
			s->events_unknown++;
			return;
		}
		struct study_question *p = &s->questions[q->index];
		int g = e->rating >= 1 && e->rating <= 4 ? e->rating : (e->correct ? 3 : 1);
		if (e->kind == JOURNAL_ANSWER && in_block && e->choices == 0)
			return; /* an exam's unanswered question, as journals before issue 14 logged it: no answer */
		if (e->kind == JOURNAL_ANSWER) {
			if (!in_block)
				s->undo = (struct study_undo){true, q->index, e->time, *p};
			bool first = !p->attempts, was_right = p->last_correct == 1, right = e->correct != 0;
			if (first)
				p->first_time = e->time;
			p->attempts++;
			p->right += right;
			p->last_correct = right;
			review(s, p, e->time, g);
			record_answer_time(s, e->time);
			/* Counted once when first asked for, then kept up to date here:
			 * an answer must not cost a recount of the whole pack. */
			if (!s->mastery_stale)
				mastery_add(s, (size_t)q->index, 0, first, (int)right - (int)was_right);
			if (!s->stats_stale)
				stats_add(s, q->domain_index,
					  &(struct study_stats){.questions_seen = first, .answers = 1, .right = right});
		} else if (p->attempts) {
			amend(s, p, g);
		}
		p->last_rating = g;
		return;
	}
	case JOURNAL_READ:
	case JOURNAL_BOOKMARK: {
		const struct content_topic *t = content_find_topic(pack, e->id);
		if (!t) {
			s->events_unknown++;
			return;
		}
		if (e->kind == JOURNAL_READ) {
			if (!s->topic_read[t->index] && !s->stats_stale)
				stats_add(s, t->domain_index, &(struct study_stats){.topics_read = 1});
			s->topic_read[t->index] = true;
		} else
			s->bookmarked[t->index] = e->value != 0;
		return;
	}
	case JOURNAL_SETTING:
		if (strcmp(e->id, "exam-date") == 0)
			s->exam_date = e->value;
		return;
	case JOURNAL_UNDO:
		undo_answer(s, e);
		return;
	default:
		apply_exam(s, e);
		return;
	}
}

static void refresh_stats(struct study *s)
{
	const struct content_pack *pack = s->pack;
	size_t nd = pack->meta->domains_count;
	memset(s->domain_stats, 0, (nd + 1) * sizeof *s->domain_stats);
	struct study_stats *total = &s->domain_stats[nd];
	for (size_t i = 0; i < pack->topic_count; i++) {
		int d = pack->topics[i]->domain_index;
		struct study_stats *st = d >= 0 && (size_t)d < nd ? &s->domain_stats[d] : NULL;
		total->topics_total++;
		total->topics_read += s->topic_read[i];
		if (st) {
			st->topics_total++;
			st->topics_read += s->topic_read[i];
		}
	}
	for (size_t i = 0; i < pack->question_count; i++) {
		int d = pack->questions[i]->domain_index;
		const struct study_question *p = &s->questions[i];
		struct study_stats *targets[2] = {total, d >= 0 && (size_t)d < nd ? &s->domain_stats[d] : NULL};
		for (int k = 0; k < 2 && targets[k]; k++) {
			targets[k]->questions_total++;
			targets[k]->questions_seen += p->attempts > 0;
			targets[k]->answers += p->attempts;
			targets[k]->right += p->right;
		}
	}
	s->stats_stale = false;
}

void study_domain_stats(struct study *s, int domain, struct study_stats *out)
{
	size_t nd = s->pack->meta->domains_count;
	if (s->stats_stale)
		refresh_stats(s);
	*out = s->domain_stats[domain >= 0 && (size_t)domain < nd ? (size_t)domain : nd];
}

static void refresh_mastery(struct study *s)
{
	size_t nt = s->pack->topic_count;
	memset(s->mastery, 0, (nt ? nt : 1) * sizeof *s->mastery);
	for (size_t i = 0; i < s->pack->question_count; i++) {
		const struct study_question *p = &s->questions[i];
		mastery_add(s, i, 1, p->attempts > 0, p->last_correct == 1);
	}
	s->mastery_stale = false;
}

void study_topic_mastery(struct study *s, int topic, struct study_mastery *out)
{
	if (s->mastery_stale)
		refresh_mastery(s);
	*out = s->mastery[topic];
}

void study_objective_mastery(const struct study *s, struct study_mastery *out)
{
	const struct content_pack *pack = s->pack;
	for (size_t k = 0; k < pack->objective_count; k++)
		out[k] = (struct study_mastery){0};
	for (size_t i = 0; i < pack->question_count; i++) {
		const struct content_question *q = pack->questions[i];
		const struct study_question *p = &s->questions[i];
		for (unsigned k = 0; q->objective_index && k < q->objectives_count; k++) {
			int at = q->objective_index[k];
			if (at < 0)
				continue;
			out[at].total++;
			out[at].answered += p->attempts > 0;
			out[at].right_latest += p->last_correct == 1;
		}
	}
}

struct due_item {
	int64_t due;
	int question;
};

static int compare_due(const void *a, const void *b)
{
	const struct due_item *x = a, *y = b;
	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	return x->question - y->question;
}

size_t study_review_queue(const struct study *s, int64_t now, unsigned new_per_day, int *out,
			  size_t cap, size_t *due_count, size_t *new_count)
{
	const struct content_pack *pack = s->pack;
	struct due_item *due = xcalloc(pack->question_count, sizeof *due);
	size_t nd = 0, n = 0;
	*due_count = *new_count = 0;
	int64_t today = study_day(now);
	size_t started_today = 0;
	for (size_t i = 0; i < pack->question_count; i++) {
		const struct study_question *p = &s->questions[i];
		if (p->attempts && study_day(p->first_time) == today)
			started_today++;
		if (p->has_memory && study_day(p->due) <= today)
			due[nd++] = (struct due_item){p->due, (int)i};
	}
	qsort(due, nd, sizeof *due, compare_due);
	for (size_t i = 0; i < nd && n < cap; i++)
		out[n++] = due[i].question;
	*due_count = n;
	free(due);
	size_t allowance = new_per_day > started_today ? new_per_day - started_today : 0;
	for (size_t i = 0; i < pack->question_count && n < cap && *new_count < allowance; i++)
		if (!s->questions[i].attempts) {
			out[n++] = (int)i;
			(*new_count)++;
		}
	return n;
}

double study_recall(const struct study *s, int question, int64_t t)
{
	const struct study_question *p = &s->questions[question];
	if (!p->has_memory)
		return 0.0;
	double elapsed = (double)(t - p->last_time) / STUDY_DAY;
	return fsrs_retrievability(&s->fsrs, elapsed < 0 ? 0 : elapsed, p->memory.stability);
}

double study_readiness(const struct study *s, int64_t t, double *per_domain)
{
	const struct content_meta *meta = s->pack->meta;
	const struct content_list *lists = &s->pack->domain_questions;
	double overall = 0, weights = 0;
	/* Through the domains' own lists: no visit to the questions' records. */
	for (size_t d = 0; d < meta->domains_count; d++) {
		size_t from = lists->start[d], to = lists->start[d + 1];
		double sum = 0;
		for (size_t k = from; k < to; k++)
			if (s->questions[lists->items[k]].has_memory)
				sum += study_recall(s, lists->items[k], t);
		double r = to > from ? sum / (double)(to - from) : 0.0;
		if (per_domain)
			per_domain[d] = r;
		overall += meta->domains[d].weight * r;
		weights += meta->domains[d].weight;
	}
	return weights > 0 ? overall / weights : 0.0;
}

void study_forecast(const struct study *s, int64_t now, unsigned counts[STUDY_FORECAST_DAYS])
{
	memset(counts, 0, STUDY_FORECAST_DAYS * sizeof counts[0]);
	int64_t today = study_day(now);
	for (size_t i = 0; i < s->pack->question_count; i++) {
		const struct study_question *p = &s->questions[i];
		if (!p->has_memory)
			continue;
		int64_t d = study_day(p->due) - today;
		if (d < 0)
			d = 0;
		if (d < STUDY_FORECAST_DAYS)
			counts[d]++;
	}
}

void study_heatmap(const struct study *s, int64_t now, unsigned counts[STUDY_HEATMAP_DAYS])
{
	memset(counts, 0, STUDY_HEATMAP_DAYS * sizeof counts[0]);
	int64_t today = study_day(now);
	for (size_t i = 0; i < s->answer_count; i++) {
		int64_t age = today - study_day(s->answer_times[i]);
		if (age >= 0 && age < STUDY_HEATMAP_DAYS)
			counts[STUDY_HEATMAP_DAYS - 1 - age]++;
	}
}
