/* study: progress and FSRS state rebuilt from events, the review queue, readiness. */
#include <math.h>
#include <string.h>

#include "fixtures.h"
#include "mlcert/study.h"
#include "testing.h"

enum { T0 = 1767225600 }; /* 2026-01-01 00:00 UTC */

static struct journal_event ev(enum journal_kind kind, const char *id, int64_t t, int correct, int rating)
{
	struct journal_event e = {.kind = kind, .time = t, .correct = correct, .rating = rating};
	snprintf(e.id, sizeof e.id, "%s", id);
	return e;
}

static void apply(struct study *s, struct journal_event e)
{
	study_apply(s, &e);
}

static void test_fsrs_state_follows_the_answers(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, true);
	struct study *s = study_new(fx.pack);
	int q = content_find_question(fx.pack, "q-single")->index;
	/* Good, then Good on the due day, then Again a day late: the same chain
	 * computed straight from the fsrs module (which matches ts-fsrs). */
	apply(s, ev(JOURNAL_ANSWER, "q-single", T0, 1, 3));
	struct fsrs_memory m = fsrs_first(&s->fsrs, FSRS_GOOD);
	assert_true(fabs(s->questions[q].memory.stability - m.stability) < 1e-9);
	int ivl = fsrs_interval_days(&s->fsrs, m.stability);
	assert_int_equal(s->questions[q].due, T0 + (int64_t)ivl * STUDY_DAY);

	int64_t t2 = T0 + (int64_t)ivl * STUDY_DAY + 3600;
	apply(s, ev(JOURNAL_ANSWER, "q-single", t2, 1, 3));
	m = fsrs_next(&s->fsrs, m, ivl, FSRS_GOOD);
	assert_true(fabs(s->questions[q].memory.stability - m.stability) < 1e-9);
	assert_true(fabs(s->questions[q].memory.difficulty - m.difficulty) < 1e-9);
	int ivl2 = fsrs_interval_days(&s->fsrs, m.stability);

	int64_t t3 = t2 + (int64_t)(ivl2 + 1) * STUDY_DAY;
	apply(s, ev(JOURNAL_ANSWER, "q-single", t3, 0, 1));
	m = fsrs_next(&s->fsrs, m, ivl2 + 1, FSRS_AGAIN);
	assert_true(fabs(s->questions[q].memory.stability - m.stability) < 1e-9);
	assert_int_equal(s->questions[q].attempts, 3);
	assert_int_equal(s->questions[q].right, 2);
	assert_int_equal(s->questions[q].last_correct, 0);
	study_free(s);
	fixture_free(&fx);
}

static void test_guessed_mark_reruns_the_review(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, true);
	struct study *s = study_new(fx.pack);
	int q = content_find_question(fx.pack, "q-single")->index;
	apply(s, ev(JOURNAL_ANSWER, "q-single", T0, 1, 3));
	apply(s, ev(JOURNAL_RATE, "q-single", T0 + 5, 0, 2));
	struct fsrs_memory hard = fsrs_first(&s->fsrs, FSRS_HARD);
	assert_true(fabs(s->questions[q].memory.stability - hard.stability) < 1e-9);
	assert_int_equal(s->questions[q].last_rating, 2);
	assert_int_equal(s->questions[q].attempts, 1); /* a mark is not an answer */
	apply(s, ev(JOURNAL_RATE, "q-single", T0 + 9, 0, 4)); /* changed mind: easy */
	struct fsrs_memory easy = fsrs_first(&s->fsrs, FSRS_EASY);
	assert_true(fabs(s->questions[q].memory.stability - easy.stability) < 1e-9);
	study_free(s);
	fixture_free(&fx);
}

static void test_review_queue_order_and_new_cap(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, true);
	struct study *s = study_new(fx.pack);
	int qs = content_find_question(fx.pack, "q-single")->index;
	int qm = content_find_question(fx.pack, "q-multi")->index;
	int out[4];
	size_t due, fresh;
	/* nothing answered: both are new, capped */
	assert_int_equal(study_review_queue(s, T0, 1, out, 4, &due, &fresh), 1);
	assert_int_equal(fresh, 1);
	assert_int_equal(out[0], qs);
	/* q-multi wrong first (due tomorrow), q-single right (due later) */
	apply(s, ev(JOURNAL_ANSWER, "q-multi", T0, 0, 1));
	apply(s, ev(JOURNAL_ANSWER, "q-single", T0 + 60, 1, 3));
	/* today both were started: the new allowance is spent, nothing due */
	assert_int_equal(study_review_queue(s, T0 + 120, 1, out, 4, &due, &fresh), 0);
	/* far in the future: both due, the most overdue (earliest due) first */
	int64_t later = T0 + 400 * (int64_t)STUDY_DAY;
	assert_int_equal(study_review_queue(s, later, 5, out, 4, &due, &fresh), 2);
	assert_int_equal(due, 2);
	assert_int_equal(out[0], qm);
	assert_int_equal(out[1], qs);
	assert_true(s->questions[qm].due < s->questions[qs].due);
	study_free(s);
	fixture_free(&fx);
}

static void test_readiness_forecast_heatmap(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, true);
	struct study *s = study_new(fx.pack);
	double domains[2];
	assert_true(study_readiness(s, T0, NULL) == 0.0); /* nothing known yet */
	apply(s, ev(JOURNAL_ANSWER, "q-single", T0, 1, 3));
	/* alpha's only question was just reviewed: recall 1 now, lower a month on */
	double overall = study_readiness(s, T0, domains);
	assert_true(fabs(domains[0] - 1.0) < 1e-9);
	assert_true(domains[1] == 0.0);
	/* overall is weighted like the exam: 60% alpha, 40% beta */
	assert_true(fabs(overall - 0.6) < 1e-9);
	study_readiness(s, T0 + 30 * STUDY_DAY, domains);
	assert_true(domains[0] < 0.9 && domains[0] > 0.3);

	unsigned fc[STUDY_FORECAST_DAYS];
	study_forecast(s, T0, fc);
	int ivl = fsrs_interval_days(&s->fsrs, s->questions[content_find_question(fx.pack, "q-single")->index].memory.stability);
	unsigned total = 0;
	for (int i = 0; i < STUDY_FORECAST_DAYS; i++)
		total += fc[i];
	assert_int_equal(total, ivl < STUDY_FORECAST_DAYS ? 1 : 0);
	if (ivl < STUDY_FORECAST_DAYS)
		assert_int_equal(fc[ivl], 1);

	apply(s, ev(JOURNAL_ANSWER, "q-multi", T0 + 2 * STUDY_DAY, 1, 3));
	apply(s, ev(JOURNAL_ANSWER, "q-multi", T0 + 2 * STUDY_DAY + 50, 1, 3));
	unsigned hm[STUDY_HEATMAP_DAYS];
	study_heatmap(s, T0 + 2 * STUDY_DAY, hm);
	assert_int_equal(hm[STUDY_HEATMAP_DAYS - 1], 2); /* today */
	assert_int_equal(hm[STUDY_HEATMAP_DAYS - 3], 1); /* two days ago */
	study_free(s);
	fixture_free(&fx);
}

static void test_unknown_ids_and_exam_events(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, true);
	struct study *s = study_new(fx.pack);
	apply(s, ev(JOURNAL_ANSWER, "gone-question", T0, 1, 3));
	assert_int_equal(s->events_unknown, 1);
	struct journal_event start = ev(JOURNAL_EXAM_START, "fixture", T0, 0, 0);
	start.value = 42;
	apply(s, start);
	struct journal_event pick = ev(JOURNAL_EXAM_PICK, "q-multi", T0 + 100, 0, 0);
	pick.choices = 5;
	apply(s, pick);
	apply(s, ev(JOURNAL_EXAM_FLAG, "q-single", T0 + 130, 1, 0));
	assert_true(s->exam.active);
	assert_int_equal(s->exam.seed, 42);
	assert_int_equal(s->exam.seconds_used, 130); /* no pause: up to the last event */
	struct journal_event pause = ev(JOURNAL_EXAM_PAUSE, "fixture", T0 + 200, 0, 0);
	pause.value = 150;
	apply(s, pause);
	assert_int_equal(s->exam.seconds_used, 150);
	assert_int_equal(s->exam.picks[content_find_question(fx.pack, "q-multi")->index].bits, 5);
	assert_true(s->exam.flags[content_find_question(fx.pack, "q-single")->index]);
	/* A finish block as journals before exam items wrote it: an answer per
	 * question, the unanswered one with nothing chosen. */
	struct journal_event fin = ev(JOURNAL_EXAM_FINISH, "fixture", T0 + 300, 0, 0);
	fin.choices = 1;
	fin.value = 2;
	apply(s, fin);
	struct journal_event multi = ev(JOURNAL_ANSWER, "q-multi", T0 + 300, 1, 3);
	multi.choices = 5;
	apply(s, multi);
	apply(s, ev(JOURNAL_ANSWER, "q-single", T0 + 300, 0, 1));
	assert_false(s->exam.active);
	assert_int_equal(s->exam_count, 1);
	assert_int_equal(s->exams[0].right, 1);
	assert_int_equal(s->exams[0].total, 2);
	assert_int_equal(s->exams[0].item_count, 2);
	assert_int_equal(s->exams[0].seconds_used, 250); /* the pause's 150, then 100 s to the finish */
	assert_int_equal(s->exam_items[1].question, content_find_question(fx.pack, "q-single")->index);
	assert_int_equal(s->exam_items[1].picked.bits, 0);
	/* the answered one is an answer; the unanswered one never was */
	assert_int_equal(s->questions[content_find_question(fx.pack, "q-multi")->index].attempts, 1);
	assert_int_equal(s->questions[content_find_question(fx.pack, "q-single")->index].attempts, 0);
	assert_false(s->questions[content_find_question(fx.pack, "q-single")->index].has_memory);
	/* A finish with no exam open still counts: in two devices' journals merged
	 * by time, the other device's exam may have closed this one first. */
	fin.time = T0 + 400;
	apply(s, fin);
	assert_int_equal(s->exam_count, 2);
	assert_int_equal(s->exams[1].time, T0 + 400);
	study_free(s);
	fixture_free(&fx);
}

static uint64_t next_random(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* Mastery and totals are kept up to date per event after the first count;
 * after any run of answers, reads and marks they equal a count from scratch. */
static void test_updates_per_event_equal_a_recount(void **state)
{
	(void)state;
	struct diag_list diags;
	struct content_pack *pack = fixture_built_in(&diags);
	enum { EVENTS = 3000, CHECKS = 6 };
	struct journal_event *events = calloc(EVENTS, sizeof *events);
	assert_non_null(events);
	uint64_t x = 20261129;
	for (size_t i = 0; i < EVENTS; i++) {
		uint64_t r = next_random(&x);
		int64_t t = T0 + (int64_t)i * 3600;
		if (r % 10 < 7) {
			/* a few questions answered often, so answers flip right and wrong */
			size_t q = (size_t)(next_random(&x) % (r % 3 ? 40 : pack->question_count));
			events[i] = ev(JOURNAL_ANSWER, pack->questions[q]->id, t, (int)(next_random(&x) % 2), 0);
		} else if (r % 10 < 9) {
			events[i] = ev(JOURNAL_READ, pack->topics[next_random(&x) % pack->topic_count]->id, t, 0, 0);
		} else {
			events[i] = ev(JOURNAL_RATE, pack->questions[next_random(&x) % 40]->id, t, 1, 2);
		}
	}
	struct study *live = study_new(pack);
	assert_non_null(live);
	struct study_mastery m0;
	struct study_stats st0;
	study_topic_mastery(live, 0, &m0); /* counted now: every later event updates */
	study_domain_stats(live, -1, &st0);
	assert_int_equal(m0.answered, 0);
	for (size_t i = 0; i < EVENTS; i++) {
		study_apply(live, &events[i]);
		if ((i + 1) % (EVENTS / CHECKS))
			continue;
		struct study *fresh = study_new(pack);
		assert_non_null(fresh);
		for (size_t k = 0; k <= i; k++)
			study_apply(fresh, &events[k]);
		assert_true(fresh->mastery_stale && fresh->stats_stale);
		for (size_t t = 0; t < pack->topic_count; t++) {
			struct study_mastery a, b;
			study_topic_mastery(live, (int)t, &a);
			study_topic_mastery(fresh, (int)t, &b);
			assert_int_equal(a.total, b.total);
			assert_int_equal(a.answered, b.answered);
			assert_int_equal(a.right_latest, b.right_latest);
		}
		for (int d = -1; d < (int)pack->meta->domains_count; d++) {
			struct study_stats a, b;
			study_domain_stats(live, d, &a);
			study_domain_stats(fresh, d, &b);
			assert_memory_equal(&a, &b, sizeof a);
		}
		study_free(fresh);
	}
	struct study_stats total;
	study_domain_stats(live, -1, &total);
	assert_true(total.answers > 1000 && total.topics_read > 100 && total.right < total.answers);
	study_free(live);
	free(events);
	content_pack_free(pack);
	diag_list_free(&diags);
}

/* Every topic's and domain's questions, against the definition: each question
 * linked to a topic of the subtree (or of the domain), once, in pack order. */
/* The journal's reset listener: a study reset and fed the events again (the
 * file was replaced behind our back) equals a fresh study of those events. */
static void test_reset_then_replay_equals_fresh(void **state)
{
	(void)state;
	struct diag_list diags;
	struct content_pack *pack = fixture_built_in(&diags);
	struct journal_event events[] = {
		ev(JOURNAL_ANSWER, pack->questions[0]->id, T0, 1, 3),
		ev(JOURNAL_RATE, pack->questions[0]->id, T0, 1, 4),
		ev(JOURNAL_READ, pack->topics[0]->id, T0 + 1, 0, 0),
		ev(JOURNAL_BOOKMARK, pack->topics[1]->id, T0 + 2, 0, 0),
		ev(JOURNAL_EXAM_START, pack->meta->id, T0 + 3, 0, 0),
		ev(JOURNAL_EXAM_PICK, pack->questions[1]->id, T0 + 4, 0, 0),
		ev(JOURNAL_ANSWER, pack->questions[2]->id, T0 + 86400 * 3, 0, 1),
		ev(JOURNAL_EXAM_STRIKE, pack->questions[1]->id, T0 + 86400 * 3, 0, 0),
		ev(JOURNAL_EXAM_FINISH, pack->meta->id, T0 + 86400 * 3, 0, 0),
		ev(JOURNAL_EXAM_ITEM, pack->questions[1]->id, T0 + 86400 * 3, 0, 0),
		ev(JOURNAL_ANSWER, pack->questions[3]->id, T0 + 86400 * 4, 1, 3),
		ev(JOURNAL_UNDO, pack->questions[3]->id, T0 + 86400 * 4, 0, 0),
	};
	events[3].value = 1;
	events[5].choices = 2;
	events[6].choices = events[10].choices = 1;
	events[7].choices = 1;
	events[8].value = 1;
	events[11].value = T0 + 86400 * 4;
	size_t n = sizeof events / sizeof events[0];
	struct study *s = study_new(pack), *fresh = study_new(pack);
	assert_non_null(s);
	assert_non_null(fresh);
	/* something else first, counted, then reset */
	apply(s, ev(JOURNAL_ANSWER, pack->questions[5]->id, T0 - 86400, 1, 3));
	apply(s, ev(JOURNAL_READ, pack->topics[7]->id, T0 - 86400, 0, 0));
	struct journal_event old_finish = ev(JOURNAL_EXAM_FINISH, pack->meta->id, T0 - 86400, 0, 0);
	apply(s, old_finish); /* a finished exam of the old file, with no questions */
	struct study_stats before;
	study_domain_stats(s, -1, &before);
	assert_int_equal(before.answers, 1);
	study_reset(s);
	for (size_t i = 0; i < n; i++) {
		study_apply(s, &events[i]);
		study_apply(fresh, &events[i]);
	}
	assert_memory_equal(s->questions, fresh->questions, pack->question_count * sizeof *s->questions);
	assert_memory_equal(s->topic_read, fresh->topic_read, pack->topic_count * sizeof *s->topic_read);
	assert_memory_equal(s->bookmarked, fresh->bookmarked, pack->topic_count * sizeof *s->bookmarked);
	assert_int_equal(s->exam.active, fresh->exam.active);
	assert_memory_equal(s->exam.picks, fresh->exam.picks, pack->question_count * sizeof *s->exam.picks);
	assert_int_equal(s->answer_count, fresh->answer_count);
	assert_int_equal(s->exam_count, 1);
	assert_int_equal(s->exam_count, fresh->exam_count);
	assert_int_equal(s->exam_item_count, fresh->exam_item_count);
	for (size_t k = 0; k < s->exam_count; k++) {
		assert_int_equal(s->exams[k].time, fresh->exams[k].time);
		assert_int_equal(s->exams[k].item_count, fresh->exams[k].item_count);
		assert_int_equal(s->exams[k].first_item, fresh->exams[k].first_item);
	}
	for (size_t k = 0; k < s->exam_item_count; k++) {
		assert_int_equal(s->exam_items[k].question, fresh->exam_items[k].question);
		assert_int_equal(s->exam_items[k].picked.bits, fresh->exam_items[k].picked.bits);
	}
	assert_int_equal(s->undo.active, fresh->undo.active);
	assert_int_equal(s->questions[pack->questions[3]->index].attempts, 0); /* undone */
	for (int d = -1; d < (int)pack->meta->domains_count; d++) {
		struct study_stats a, b;
		study_domain_stats(s, d, &a);
		study_domain_stats(fresh, d, &b);
		assert_memory_equal(&a, &b, sizeof a);
	}
	for (size_t t = 0; t < pack->topic_count; t++) {
		struct study_mastery a, b;
		study_topic_mastery(s, (int)t, &a);
		study_topic_mastery(fresh, (int)t, &b);
		assert_memory_equal(&a, &b, sizeof a);
	}
	study_free(s);
	study_free(fresh);
	content_pack_free(pack);
	diag_list_free(&diags);
}

/* Counts, mastery and FSRS state of two studies agree. */
static void assert_same_progress(struct study *a, struct study *b)
{
	const struct content_pack *pack = a->pack;
	assert_memory_equal(a->questions, b->questions, pack->question_count * sizeof *a->questions);
	assert_int_equal(a->answer_count, b->answer_count);
	for (int d = -1; d < (int)pack->meta->domains_count; d++) {
		struct study_stats x, y;
		study_domain_stats(a, d, &x);
		study_domain_stats(b, d, &y);
		assert_memory_equal(&x, &y, sizeof x);
	}
	for (size_t t = 0; t < pack->topic_count; t++) {
		struct study_mastery x, y;
		study_topic_mastery(a, (int)t, &x);
		study_topic_mastery(b, (int)t, &y);
		assert_memory_equal(&x, &y, sizeof x);
	}
}

/* An undo event takes back the last answer (and its mark) exactly: the
 * study equals one that never saw that answer. Only the last one, once. */
static void test_undo_takes_back_the_last_answer(void **state)
{
	(void)state;
	struct diag_list diags;
	struct content_pack *pack = fixture_built_in(&diags);
	const char *q0 = pack->questions[0]->id, *q1 = pack->questions[1]->id;
	struct study *s = study_new(pack), *without = study_new(pack);
	struct journal_event first = ev(JOURNAL_ANSWER, q0, T0, 1, 3), other = ev(JOURNAL_ANSWER, q1, T0 + 10, 0, 1);
	struct journal_event again = ev(JOURNAL_ANSWER, q0, T0 + 2 * 86400, 0, 1);
	first.choices = other.choices = again.choices = 1;
	for (struct study *t = s; t; t = t == s ? without : NULL) {
		study_apply(t, &first);
		study_apply(t, &other);
	}
	struct study_stats st;
	study_domain_stats(s, -1, &st); /* counted now: the undo must bring the counts back too */
	study_topic_mastery(s, 0, &(struct study_mastery){0});
	apply(s, again);
	apply(s, ev(JOURNAL_RATE, q0, T0 + 2 * 86400, 0, 4));
	int question;
	int64_t time;
	assert_true(study_undoable(s, &question, &time));
	assert_int_equal(question, 0);
	assert_int_equal(time, T0 + 2 * 86400);
	/* an undo naming another answer changes nothing */
	struct journal_event wrong_time = ev(JOURNAL_UNDO, q0, T0 + 5, 0, 0);
	wrong_time.value = T0;
	apply(s, wrong_time);
	assert_int_equal(s->questions[0].attempts, 2);
	struct journal_event undo = ev(JOURNAL_UNDO, q0, T0 + 2 * 86400 + 5, 0, 0);
	undo.value = T0 + 2 * 86400;
	apply(s, undo);
	assert_same_progress(s, without);
	assert_false(study_undoable(s, &question, &time)); /* one level: nothing more */
	apply(s, undo);
	assert_same_progress(s, without);
	/* an exam's answers are never undone */
	struct journal_event fin = ev(JOURNAL_EXAM_FINISH, pack->meta->id, T0 + 3 * 86400, 0, 0);
	fin.value = 1;
	apply(s, fin);
	struct journal_event in_exam = ev(JOURNAL_ANSWER, q1, T0 + 3 * 86400, 1, 3);
	in_exam.choices = 2;
	apply(s, in_exam);
	assert_false(study_undoable(s, &question, &time));
	study_free(s);
	study_free(without);
	content_pack_free(pack);
	diag_list_free(&diags);
}

/* A finish block as issue 14 writes it: the pause with the time used, the
 * finish, an item per question (picks, grade, flag, order), then answers for
 * the answered ones only. The open exam's strikes, and a discard. */
static void test_finished_exams_are_kept_whole(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, true);
	struct study *s = study_new(fx.pack);
	int single = content_find_question(fx.pack, "q-single")->index;
	int multi = content_find_question(fx.pack, "q-multi")->index;
	struct journal_event start = ev(JOURNAL_EXAM_START, "fixture", T0, 0, 0);
	start.value = 9;
	apply(s, start);
	struct journal_event strike = ev(JOURNAL_EXAM_STRIKE, "q-multi", T0 + 10, 0, 0);
	strike.choices = 2;
	apply(s, strike);
	assert_int_equal(s->exam.struck[multi].bits, 2);
	struct journal_event pause = ev(JOURNAL_EXAM_PAUSE, "fixture", T0 + 500, 0, 0);
	pause.value = 420;
	struct journal_event fin = ev(JOURNAL_EXAM_FINISH, "fixture", T0 + 500, 1, 0);
	fin.choices = 1;
	fin.value = 3;
	struct journal_event item_multi = ev(JOURNAL_EXAM_ITEM, "q-multi", T0 + 500, 0, 0);
	struct choice_order shown = {3, {2, 0, 1}};
	item_multi.value = choice_order_pack(&shown) | (int64_t)1 << 32; /* flagged */
	struct journal_event item_single = ev(JOURNAL_EXAM_ITEM, "q-single", T0 + 500, 1, 0);
	item_single.choices = 1;
	struct journal_event answer = ev(JOURNAL_ANSWER, "q-single", T0 + 500, 1, 3);
	answer.choices = 1;
	struct journal_event block[] = {pause, fin, item_multi, item_single, answer};
	for (size_t i = 0; i < sizeof block / sizeof block[0]; i++)
		apply(s, block[i]);
	assert_false(s->exam.active);
	assert_int_equal(s->exam.struck[multi].bits, 0);
	assert_int_equal(s->exam_count, 1);
	const struct study_exam_result *r = &s->exams[0];
	assert_int_equal(r->time, T0 + 500);
	assert_int_equal(r->started, T0);
	assert_int_equal(r->seconds_used, 420);
	assert_int_equal(r->right, 1);
	assert_int_equal(r->total, 2);
	assert_true(r->timed_out);
	assert_int_equal(r->item_count, 2);
	const struct study_exam_item *first = &s->exam_items[r->first_item];
	assert_int_equal(first->question, multi);
	assert_true(first->flagged);
	assert_false(first->right);
	assert_int_equal(first->picked.bits, 0);
	assert_memory_equal(first->order.at, shown.at, 3);
	assert_true(first[1].right);
	assert_false(first[1].flagged);
	/* the answered question is an answer, the unanswered one is not */
	assert_int_equal(s->questions[single].attempts, 1);
	assert_int_equal(s->questions[multi].attempts, 0);
	assert_int_equal(s->answer_count, 1);
	/* an exam discarded leaves no result and no answer */
	start.time = T0 + 1000;
	apply(s, start);
	struct journal_event pick = ev(JOURNAL_EXAM_PICK, "q-multi", T0 + 1010, 0, 0);
	pick.choices = 5;
	apply(s, pick);
	apply(s, ev(JOURNAL_EXAM_DISCARD, "fixture", T0 + 1020, 0, 0));
	assert_false(s->exam.active);
	assert_int_equal(s->exam.picks[multi].bits, 0);
	assert_int_equal(s->exams_discarded, 1);
	assert_int_equal(s->exam_count, 1);
	assert_int_equal(s->questions[multi].attempts, 0);
	study_free(s);
	fixture_free(&fx);
}

/* Mastery per objective: each question counts towards every objective it
 * names; the latest answer decides "right". Checked against a direct count. */
static void test_objective_mastery(void **state)
{
	(void)state;
	struct diag_list diags;
	struct content_pack *pack = fixture_built_in(&diags);
	assert_true(pack->objective_count >= 14);
	struct study *s = study_new(pack);
	/* every third question answered, every other one of those right, and
	 * question 0 answered right then wrong: its latest answer is wrong */
	for (size_t q = 0; q < pack->question_count; q += 3)
		apply(s, ev(JOURNAL_ANSWER, pack->questions[q]->id, T0 + (int64_t)q, (q / 3) % 2 == 0, 3));
	apply(s, ev(JOURNAL_ANSWER, pack->questions[0]->id, T0 + 100000, 0, 1));
	struct study_mastery *got = calloc(pack->objective_count, sizeof *got);
	assert_non_null(got);
	study_objective_mastery(s, got);
	for (size_t k = 0; k < pack->objective_count; k++) {
		struct study_mastery want = {0};
		for (size_t q = 0; q < pack->question_count; q++) {
			const struct content_question *cq = pack->questions[q];
			bool names = false;
			for (unsigned i = 0; i < cq->objectives_count; i++)
				names |= strcmp(cq->objectives[i], pack->objectives[k]->id) == 0;
			if (!names)
				continue;
			want.total++;
			want.answered += q % 3 == 0;
			want.right_latest += q % 3 == 0 && q != 0 && (q / 3) % 2 == 0;
		}
		assert_true(want.total >= 6);
		assert_int_equal(got[k].total, want.total);
		assert_int_equal(got[k].answered, want.answered);
		assert_int_equal(got[k].right_latest, want.right_latest);
	}
	free(got);
	study_free(s);
	content_pack_free(pack);
	diag_list_free(&diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fsrs_state_follows_the_answers),
		cmocka_unit_test(test_guessed_mark_reruns_the_review),
		cmocka_unit_test(test_review_queue_order_and_new_cap),
		cmocka_unit_test(test_readiness_forecast_heatmap),
		cmocka_unit_test(test_unknown_ids_and_exam_events),
		cmocka_unit_test(test_updates_per_event_equal_a_recount),
		cmocka_unit_test(test_reset_then_replay_equals_fresh),
		cmocka_unit_test(test_objective_mastery),
		cmocka_unit_test(test_undo_takes_back_the_last_answer),
		cmocka_unit_test(test_finished_exams_are_kept_whole),
	};
	return cmocka_run_group_tests_name("study", tests, NULL, NULL);
}
