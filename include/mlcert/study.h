/* study — a learner's progress over a pack, rebuilt from journal events:
 * what was read and answered, each question's FSRS memory state and due
 * date, the open mock exam, and readiness per domain. */
#ifndef MLCERT_STUDY_H
#define MLCERT_STUDY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mlcert/choice.h"
#include "mlcert/content.h"
#include "mlcert/fsrs.h"
#include "mlcert/journal.h"

enum { STUDY_DAY = 86400, STUDY_HEATMAP_DAYS = 84, STUDY_FORECAST_DAYS = 14 };

/* Mastery of a topic over its own questions and those of its subtree:
 * how many there are, how many were answered, how many the latest answer got right. */
struct study_mastery {
	size_t total, answered, right_latest;
};

struct study_stats {
	size_t topics_total, topics_read;
	size_t questions_total, questions_seen;
	size_t answers, right;
};

struct study_question {
	unsigned attempts, right;
	int last_correct; /* -1 never answered, else 0 or 1 */
	int last_rating;
	int64_t last_time;   /* last review */
	int64_t first_time;  /* first answer */
	bool has_memory;
	struct fsrs_memory memory;
	int64_t due;         /* when FSRS wants it again */
	/* The state before the last answer, so a later "guessed"/"easy" mark can
	 * re-run that review with the amended rating. */
	bool before_has_memory;
	struct fsrs_memory before;
	int64_t before_time;
};

/* The mock exam that was started and not finished, as the journal tells it. */
struct study_open_exam {
	bool active;
	uint64_t seed;
	int64_t started;
	int64_t seconds_used; /* from the last pause, or estimated from the last event */
	int64_t last_event;
	struct choice_set *picks; /* per pack question: choices picked in this exam */
	struct choice_set *struck; /* per pack question: choices ruled out */
	bool *flags;          /* per pack question */
};

/* One question of a finished mock exam, as it was sat. */
struct study_exam_item {
	int question;              /* pack index; -1 when the pack no longer has it */
	struct choice_set picked;  /* nothing: unanswered (or left incomplete) */
	bool right, flagged;
	struct choice_order order; /* the order its choices were shown in */
};

/* A finished mock exam: its score, and its questions in exam order
 * (exam_items[first_item ...]), so its report can be shown again. */
struct study_exam_result {
	int64_t time;         /* submitted */
	int64_t started;
	int64_t seconds_used;
	unsigned right, total;
	bool timed_out;
	size_t first_item, item_count;
};

/* The last answer, which an undo event can take back: the question's state
 * before it. Exam answers are never undone. */
struct study_undo {
	bool active;
	int question;
	int64_t time;
	struct study_question before;
};

struct study {
	const struct content_pack *pack;
	struct fsrs_params fsrs;
	struct study_question *questions; /* per pack question */
	bool *topic_read;                  /* per pack topic */
	bool *bookmarked;                  /* per pack topic */
	size_t events_unknown;             /* events naming ids the pack no longer has */
	struct study_mastery *mastery;     /* per topic, over its subtree; see study_topic_mastery */
	bool mastery_stale;                /* counted on first use, then updated per answer */
	unsigned *mastery_stamp;           /* per topic: the last update that counted it */
	unsigned mastery_generation;
	int64_t *answer_times;             /* every answer, in journal order: heatmap, daily caps */
	size_t answer_count, answer_cap;
	struct study_open_exam exam;
	struct study_exam_result *exams;   /* finished mock exams, oldest first */
	size_t exam_count, exam_cap;
	struct study_exam_item *exam_items; /* their questions (see study_exam_result) */
	size_t exam_item_count, exam_item_cap;
	size_t exam_block_left;            /* lines of an exam finish block still to come */
	bool exam_block_items;             /* the block has exam-item lines (else old: answers only) */
	size_t exams_discarded;
	struct study_undo undo;
	int64_t exam_date;                 /* 0: not set */
	struct study_stats *domain_stats;  /* per domain, then the total; see study_domain_stats */
	bool stats_stale;                  /* counted on first use, then updated per event */
};

struct study *study_new(const struct content_pack *pack);
void study_free(struct study *study);

/* Forgets every event applied, keeping the pack's lists and the FSRS
 * parameters, so the journal can be replayed again from its start (the
 * journal's reset listener: the file was replaced behind our back). Nothing
 * is reallocated: pointers into the study stay valid. */
void study_reset(void *study);

/* Applies one journal event (the replay visitor). In an exam finish block,
 * an answer that chose nothing is no answer (journals before issue 14
 * logged an exam's unanswered questions so): it changes nothing but the
 * exam's record. */
void study_apply(void *study, const struct journal_event *event);

/* The answer an undo would take back: true with its question and time. */
bool study_undoable(const struct study *study, int *question, int64_t *time);

/* Day number (UTC) of a time: reviews are scheduled in whole days. */
int64_t study_day(int64_t time);


/* Totals for one domain, or for the whole pack when domain is -1. Counted
 * for every domain in one pass when first asked for, then kept up to date
 * by each event: the title bar asks on every frame. */
void study_domain_stats(struct study *study, int domain, struct study_stats *out);

/* Counted for all topics at once when first asked for, then updated per
 * answer, so drawing a tree of thousands of topics costs a lookup per row. */
void study_topic_mastery(struct study *study, int topic, struct study_mastery *out);

/* Mastery per objective of the exam guide, for all of pack->objectives at
 * once (out has pack->objective_count entries): one pass over the questions,
 * a question counting towards each objective it names. */
void study_objective_mastery(const struct study *study, struct study_mastery *out);

/* The review queue at now: due questions, most overdue first, then up to
 * new_per_day new questions (less those already started today), in pack
 * order. Returns the count written; *due_count and *new_count split it. */
size_t study_review_queue(const struct study *study, int64_t now, unsigned new_per_day, int *out,
			  size_t cap, size_t *due_count, size_t *new_count);

/* FSRS retrievability of a question at time t (0 when never answered). */
double study_recall(const struct study *study, int question, int64_t t);

/* Predicted recall at time t over the whole pack, weighted like the exam;
 * per_domain (when not NULL) gets each domain's. A domain's is the mean
 * retrievability of its questions, unanswered ones counting 0, so coverage
 * is part of it. One pass over the questions. */
double study_readiness(const struct study *s, int64_t t, double *per_domain);

/* Reviews falling due on each of the next STUDY_FORECAST_DAYS days (day 0:
 * today, including everything overdue). */
void study_forecast(const struct study *study, int64_t now, unsigned counts[STUDY_FORECAST_DAYS]);

/* Answers per day over the last STUDY_HEATMAP_DAYS days, oldest first, today last. */
void study_heatmap(const struct study *study, int64_t now, unsigned counts[STUDY_HEATMAP_DAYS]);

#endif
