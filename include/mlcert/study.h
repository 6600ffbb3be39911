/* study — a learner's progress over a pack, rebuilt from journal events:
 * what was read and answered, each question's FSRS card (fsrs_schedule),
 * the open mock exam, readiness per domain and what to study next.
 *
 * Days are UTC calendar days throughout (study_day), as fsrs_schedule
 * counts them: "today", "answered today" and "due today" agree with it.
 *
 * Counted answers feed accuracy, mastery and FSRS. A practice event (a
 * retry of a question already answered that day) is kept and shown again
 * but counted in none of them. New questions have no learning steps: the
 * first answer schedules a day interval. A lapse (Again on a question in
 * Review) goes through the relearning steps (10 minutes by default), so it
 * is due again the same day. */
#ifndef MLCERT_STUDY_H
#define MLCERT_STUDY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mlcert/choice.h"
#include "mlcert/content.h"
#include "mlcert/fsrs.h"
#include "mlcert/fsrs_schedule.h"
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
	enum fsrs_state state; /* FSRS_REVIEW, or FSRS_RELEARNING in a lapse's same-day steps */
	int step;            /* the relearning step */
	/* The state before the last answer, so a later "guessed"/"easy" mark can
	 * re-run that review with the amended rating. */
	bool before_has_memory;
	struct fsrs_memory before;
	int64_t before_time;
	enum fsrs_state before_state;
	int before_step;
	/* The latest answer or retry, counted or not: shown again on its day. */
	struct choice_set last_picked;
	int64_t last_picked_time; /* 0: never */
	bool last_picked_practice;
	unsigned practices;  /* retries, counted in none of the figures */
	bool flagged;        /* for custom study: flagged in the quiz or a finished mock exam */
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

/* Questions for a custom study (study_select). */
enum study_selection {
	STUDY_SELECT_WRONG,     /* the latest counted answer was wrong */
	STUDY_SELECT_FLAGGED,   /* flagged */
	STUDY_SELECT_WEAKEST,   /* naming one of the STUDY_WEAKEST_COUNT weakest objectives */
	STUDY_SELECT_OBJECTIVE, /* naming one objective */
};
enum { STUDY_WEAKEST_COUNT = 3 };

/* The questions of a selection, in pack order (objective: an index into
 * pack->objectives, for STUDY_SELECT_OBJECTIVE only). Returns the count. */
size_t study_select(const struct study *study, enum study_selection what, int objective, int *out, size_t cap);

/* The objectives weakest first: the smallest share of their questions
 * whose latest answer is right (unanswered ones count as not right), ties
 * in pack order. Writes up to cap indexes into pack->objectives; returns
 * how many (none when the pack has no objectives). */
size_t study_weakest_objectives(const struct study *study, int *out, size_t cap);

/* How much of the pack the figures rest on: questions answered, and the
 * objectives with at least one answered question. */
struct study_coverage {
	size_t questions_seen, questions_total;
	size_t objectives_seen, objectives_total;
};
void study_coverage(const struct study *study, struct study_coverage *out);

/* True when question was answered or retried on the UTC day of now: the
 * quiz shows that answer again, and answering it again is practice. */
bool study_answered_today(const struct study *study, int question, int64_t now);

/* The next reviews after today: the first later day any question falls
 * due (*day, a study_day) and how many fall due on it; false when none is
 * scheduled. */
bool study_next_reviews(const struct study *study, int64_t now, int64_t *day, size_t *count);

/* What the end of a review round says, as two lines: what was done ("Review
 * done: 12 answered, 9 right; 2 lapses came back the same day
 * (relearning).") and when the next reviews are due (study_next_reviews). */
void study_round_summary(const struct study *study, int64_t now, size_t answered, size_t right,
			 size_t relearned, char *buf, size_t size);

/* The review queue at now: due questions, most overdue first, then up to
 * new_per_day new questions (less those already started today), in pack
 * order. Due means due on or before today's date, so a lapse in its
 * relearning step is due today. Returns the count written; *due_count and
 * *new_count split it. */
size_t study_review_queue(const struct study *study, int64_t now, unsigned new_per_day, int *out,
			  size_t cap, size_t *due_count, size_t *new_count);

/* FSRS retrievability of a question at time t (0 when never answered). */
double study_recall(const struct study *study, int question, int64_t t);

/* Predicted recall at time t, from the questions answered only: per_domain
 * (when not NULL) gets each domain's, the mean retrievability of its
 * answered questions, or STUDY_NO_EVIDENCE when none was answered; the
 * result is weighted like the exam over the domains with answers, and is
 * STUDY_NO_EVIDENCE when there are none. A high figure on few answers is
 * still a high figure: show study_coverage beside it. */
#define STUDY_NO_EVIDENCE (-1.0)
double study_readiness(const struct study *s, int64_t t, double *per_domain);

/* Reviews falling due on each of the next STUDY_FORECAST_DAYS days (day 0:
 * today, including everything overdue). */
void study_forecast(const struct study *study, int64_t now, unsigned counts[STUDY_FORECAST_DAYS]);

/* Answers per day over the last STUDY_HEATMAP_DAYS days, oldest first, today last. */
void study_heatmap(const struct study *study, int64_t now, unsigned counts[STUDY_HEATMAP_DAYS]);

#endif
