/* study — a learner's progress over a pack, rebuilt from journal events:
 * what was read, what was answered and how well, per topic and per domain. */
#ifndef MLCERT_STUDY_H
#define MLCERT_STUDY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mlcert/content.h"
#include "mlcert/journal.h"

/* Mastery of a topic over its own questions and those of its subtree:
 * how many there are, how many were answered, how many the latest answer got right. */
struct study_mastery {
	size_t total, answered, right_latest;
};

struct study_question {
	unsigned attempts, right;
	int last_correct; /* -1 never answered, else 0 or 1 */
	int last_rating;
	int64_t last_time;
};

struct study {
	const struct content_pack *pack;
	struct study_question *questions; /* per pack question */
	bool *topic_read;                  /* per pack topic */
	bool *bookmarked;                  /* per pack topic */
	size_t *topic_q_start;             /* questions of topic t: topic_q[start[t] .. start[t+1]) */
	int *topic_q;
	size_t events_unknown;             /* events naming ids the pack no longer has */
	struct study_mastery *mastery;     /* per topic, over its subtree; see study_topic_mastery */
	bool mastery_stale;
};

struct study *study_new(const struct content_pack *pack);
void study_free(struct study *study);

/* Applies one journal event (the replay visitor). */
void study_apply(void *study, const struct journal_event *event);

struct study_stats {
	size_t topics_total, topics_read;
	size_t questions_total, questions_seen;
	size_t answers, right;
};

/* Totals for one domain, or for the whole pack when domain is -1. */
void study_domain_stats(const struct study *study, int domain, struct study_stats *out);

/* Recomputed for all topics at once after answers change, so drawing a tree
 * of thousands of topics costs a lookup per row. */
void study_topic_mastery(struct study *study, int topic, struct study_mastery *out);

/* The questions of a topic and its subtree, or of a domain, in pack order.
 * Returns how many were written to out (at most cap). */
size_t study_questions_of_topic(const struct study *study, int topic, int *out, size_t cap);
size_t study_questions_of_domain(const struct study *study, int domain, int *out, size_t cap);

/* True when topic is in the subtree rooted at ancestor (itself included). */
bool study_topic_within(const struct content_pack *pack, int topic, int ancestor);

#endif
