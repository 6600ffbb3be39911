/* app_exam — the mock exam, one dispatch per stage: the intro or the offer
 * to resume (or discard), the questions under the clock with its warnings,
 * the navigator, the confirmation, the score report, the review of every
 * question (or only the wrong, flagged or unanswered ones), and the history
 * of every finished exam, whose reports open again. */
#include <stdio.h>

#include "mlcert/app_internal.h"
#include "mlcert/clock.h"

/* The time warnings, in seconds left: the real exam's interface warns too. */
static const int64_t warn_at[] = {15 * 60, 5 * 60};
enum { WARNINGS = sizeof warn_at / sizeof warn_at[0] };

/* A past exam is shown by the report and review it was opened for. */
static bool showing_past(const struct app *app)
{
	return app->exam.past && (app->exam.stage == APP_EXAM_REPORT || app->exam.stage == APP_EXAM_REVIEW);
}

const struct exam *app_exam_shown(const struct app *app)
{
	return showing_past(app) ? app->exam.past : app->exam.exam;
}

static struct exam *shown(struct app *app)
{
	return showing_past(app) ? app->exam.past : app->exam.exam;
}

static const struct content_question *exam_question(const struct app *app, size_t pos)
{
	const struct exam *x = app_exam_shown(app);
	return pos < x->count ? app->pack->questions[x->questions[pos]] : NULL;
}

static void exam_event(struct app *app, enum journal_kind kind, const char *id, struct choice_set choices,
		       int correct, int64_t value)
{
	struct journal_event e = answer_event(kind, id);
	e.choices = choices.bits;
	e.correct = correct;
	e.value = value;
	app_record(app, &e);
}

static void go_to(struct app *app, size_t pos)
{
	shown(app)->pos = pos;
	app->exam.top = 0;
	app->exam.page_stale = true;
}

bool app_exam_filter_matches(const struct exam *x, enum app_exam_filter filter, size_t pos)
{
	switch (filter) {
	case APP_EXAM_WRONG:
		return exam_is_answered(x, pos) && !x->correct[pos];
	case APP_EXAM_FLAGGED:
		return x->flags[pos];
	case APP_EXAM_UNANSWERED:
		return !exam_is_answered(x, pos);
	case APP_EXAM_ALL:
	case APP_EXAM_FILTER_COUNT:
		break;
	}
	return true;
}

const struct manfmt_page *app_exam_page(struct app *app)
{
	struct exam *x = shown(app);
	if (!x || x->pos >= x->count || (app->exam.stage != APP_EXAM_RUNNING && app->exam.stage != APP_EXAM_REVIEW))
		return NULL;
	int width = app_measure(app, app->geometry.page_width);
	if (app->exam.page && !app->exam.page_stale && app->exam.page_width == width)
		return app->exam.page;
	manfmt_free(app->exam.page);
	bool review = app->exam.stage == APP_EXAM_REVIEW;
	struct manfmt_question_view v = {
		.chosen = x->picks[x->pos],
		.submitted = review,
		.position = x->pos + 1,
		.total = x->count,
		.order = &x->orders[x->pos], /* in review too: the order the learner saw */
		.struck = review ? (struct choice_set){0} : x->struck[x->pos],
		.hide_domain = !review && !app->options.exam_domains, /* as in the real exam */
	};
	app->exam.page = manfmt_question(app->pack, exam_question(app, x->pos), &v, width, app->options.ascii);
	app->exam.page_width = width;
	app->exam.page_stale = false;
	return app->exam.page;
}

/* The question page's scrolling, by the page's own length and rows. */
static bool scroll_page(struct app *app, enum action action)
{
	const struct manfmt_page *page = app_exam_page(app);
	return page &&
	       app_scroll(action, &app->exam.top, page->count, app_page_rows(page->count, app->geometry.page_rows));
}

/* An unfinished exam at one of its questions' stages: its clock runs. */
static bool question_open(const struct app *app)
{
	return app->exam.exam && !app->exam.exam->finished &&
	       (app->exam.stage == APP_EXAM_RUNNING || app->exam.stage == APP_EXAM_NAVIGATOR ||
		app->exam.stage == APP_EXAM_CONFIRM);
}

bool app_wants_tick(const struct app *app)
{
	return app->view == APP_VIEW_EXAM && question_open(app);
}

/* An exam started and not finished, in memory. */
static bool paused(const struct app *app)
{
	return app->exam.exam && !app->exam.exam->finished;
}

static void drop_past(struct app *app)
{
	exam_free(app->exam.past);
	app->exam.past = NULL;
}

static void close_exam(struct app *app)
{
	exam_free(app->exam.exam);
	app->exam.exam = NULL;
	drop_past(app);
	manfmt_free(app->exam.page);
	app->exam.page = NULL;
	app->view = APP_VIEW_MAIN;
}

/* Scores the exam and records it, through the answer module, in one write.
 * A submit that was not saved shows no score: the exam stays open at the
 * confirmation (as the journal has it), to submit again or pause. */
static void submit(struct app *app, bool timed_out)
{
	char why[512];
	if (!app_saved(app, answer_finish_exam(&app->log, app->exam.exam, timed_out, why, sizeof why), why)) {
		app->exam.stage = APP_EXAM_CONFIRM;
		app_status(app, true, "NOT SAVED, not submitted (%s tries again): %s", app_key(app, ACTION_CONFIRM, -1).name,
			   why);
		return;
	}
	drop_past(app);
	app->exam.stage = APP_EXAM_REPORT;
	app->overlay_top = 0;
	app_status(app, false, timed_out ? "Time is up: the exam was submitted as it stood" : "Exam submitted and saved");
}

/* Leaves a running exam for later: the time used so far is journaled. */
static void pause_exam(struct app *app)
{
	struct exam *x = app->exam.exam;
	if (!x || x->finished)
		return;
	int64_t now = clock_now();
	exam_event(app, JOURNAL_EXAM_PAUSE, app->pack->meta->id, (struct choice_set){0}, 0,
		   exam_seconds_used(x, now));
	x->used_before = exam_seconds_used(x, now);
	x->sitting_start = now;
}

void app_shutdown(struct app *app)
{
	/* the clock is running: on screen, or under help opened over the exam */
	bool in_exam = app->view == APP_VIEW_EXAM || (app->view == APP_VIEW_HELP && app->help.from == APP_VIEW_EXAM);
	if (in_exam && question_open(app))
		pause_exam(app);
}

unsigned app_exam_open(struct app *app)
{
	app->reader.full_width = false;
	app->view = APP_VIEW_EXAM;
	app->exam.top = 0;
	drop_past(app);
	if (app->exam.exam && app->exam.exam->finished) {
		exam_free(app->exam.exam);
		app->exam.exam = NULL;
	}
	/* a paused exam, in memory or in the journal, is offered: resume, submit or discard */
	app->exam.stage = paused(app) || app->log.study->exam.active ? APP_EXAM_RESUME : APP_EXAM_INTRO;
	return APP_REDRAW;
}

/* A warning as each threshold is passed, and at a resume already past it;
 * never one for a threshold the whole exam is shorter than. */
static void warn_time(struct app *app, int64_t now)
{
	int64_t left = exam_seconds_left(app->exam.exam, now);
	int level = 0;
	while (level < WARNINGS && left <= warn_at[level])
		level++;
	if (level <= app->exam.warned || left == 0)
		return;
	app->exam.warned = level;
	app_status(app, true, "Warning: %lld minutes left on the exam clock", (long long)((left + 59) / 60));
}

static void begin(struct app *app)
{
	int64_t now = clock_now();
	/* the paused exam in memory, the open one from the journal, or (none open after all) a new one */
	if (app->exam.exam && !paused(app)) {
		exam_free(app->exam.exam); /* one finished, whose report was left for the history */
		app->exam.exam = NULL;
	}
	struct exam *x = app->exam.exam;
	if (!x && app->exam.stage == APP_EXAM_RESUME)
		x = exam_resume(app->pack, &app->log.study->exam, now);
	if (!x) {
		x = exam_new(app->pack, (uint64_t)now, now);
		exam_event(app, JOURNAL_EXAM_START, app->pack->meta->id, (struct choice_set){0}, 0, (int64_t)x->seed);
	}
	x->sitting_start = now;
	app->exam.exam = x;
	app->exam.stage = APP_EXAM_RUNNING;
	app->exam.striking = false;
	app->exam.warned = 0;
	while (app->exam.warned < WARNINGS && x->limit <= warn_at[app->exam.warned])
		app->exam.warned++;
	go_to(app, x->pos < x->count ? x->pos : 0);
	if (exam_seconds_left(x, now) == 0)
		submit(app, true);
	else
		warn_time(app, now);
}

static unsigned tick(struct app *app)
{
	if (!app_wants_tick(app))
		return APP_UNCHANGED;
	int64_t now = clock_now();
	if (exam_seconds_left(app->exam.exam, now) == 0) {
		submit(app, true);
		return APP_REDRAW;
	}
	int warned = app->exam.warned;
	warn_time(app, now);
	if (now == app->exam.shown_second && warned == app->exam.warned)
		return APP_UNCHANGED;
	app->exam.shown_second = now;
	return APP_REDRAW;
}

/* After y on the resume screen: the exam goes, and nothing of it counts. */
static unsigned discard_confirmed(struct app *app)
{
	char why[512];
	if (!app_saved(app, answer_discard_exam(&app->log, why, sizeof why), why))
		return APP_REDRAW;
	close_exam(app);
	app_status(app, false, "Exam discarded: none of its answers count");
	return APP_REDRAW;
}

static void discard(struct app *app)
{
	size_t answered = 0;
	if (app->exam.exam) {
		answered = exam_answered(app->exam.exam);
	} else {
		for (size_t i = 0; i < app->pack->question_count; i++)
			answered += answer_check(app->pack->questions[i], app->log.study->exam.picks[i]) ==
				    ANSWER_COMPLETE;
	}
	app_confirm_start(app, discard_confirmed,
			  "Discard this exam and its %zu answer%s? y discards it, any other key keeps it", answered,
			  answered == 1 ? "" : "s");
}

/* From the intro, resume and report screens: a paused exam stays as it is. */
static void open_history(struct app *app)
{
	app->exam.stage = APP_EXAM_HISTORY;
	app->exam.history = (struct app_list){0, 0};
	drop_past(app);
	if (!app->log.study->exam_count)
		app_status(app, false, "No finished mock exam yet: %s starts one", app_key(app, ACTION_OPEN, -1).name);
}

/* Journals a change of the current question's picks or strikes. */
static void record_change(struct app *app, struct choice_set picks, struct choice_set struck)
{
	struct exam *x = app->exam.exam;
	const char *id = exam_question(app, x->pos)->id;
	if (!choice_set_equal(picks, x->picks[x->pos]))
		exam_event(app, JOURNAL_EXAM_PICK, id, x->picks[x->pos], 0, 0);
	if (!choice_set_equal(struck, x->struck[x->pos]))
		exam_event(app, JOURNAL_EXAM_STRIKE, id, x->struck[x->pos], 0, 0);
	app->exam.page_stale = true;
}

/* ---- one dispatch per stage ---------------------------------------------------------- */

static unsigned intro(struct app *app, enum action action, int arg)
{
	(void)arg;
	switch (action) {
	case ACTION_OPEN:
	case ACTION_CONFIRM:
		begin(app);
		return APP_REDRAW;
	case ACTION_SUBMIT_EXAM:
		if (app->exam.stage != APP_EXAM_RESUME)
			return APP_UNCHANGED;
		begin(app);
		if (!app->exam.exam->finished)
			submit(app, false);
		return APP_REDRAW;
	case ACTION_DISCARD_EXAM:
		if (app->exam.stage != APP_EXAM_RESUME) {
			app_status(app, false, "No exam to discard");
			return APP_REDRAW;
		}
		discard(app);
		return APP_REDRAW;
	case ACTION_EXAM_HISTORY:
		open_history(app);
		return APP_REDRAW;
	case ACTION_CLOSE:
	case ACTION_QUIT:
		if (paused(app)) {
			app->view = APP_VIEW_MAIN; /* the paused exam stays for X */
			return APP_REDRAW;
		}
		close_exam(app);
		return APP_REDRAW;
	default:
		return APP_UNCHANGED;
	}
}

static unsigned running(struct app *app, enum action action, int arg)
{
	struct exam *x = app->exam.exam;
	bool striking = app->exam.striking;
	app->exam.striking = false; /* the strike key lasts one key */
	switch (action) {
	case ACTION_CHOOSE: {
		struct choice_set picks = x->picks[x->pos], struck = x->struck[x->pos];
		if (arg < 0 || !(striking ? exam_strike(x, (unsigned)arg) : exam_choose(x, (unsigned)arg))) {
			app_status(app, false, "This question has choices %s",
				   app_key_range(app, ACTION_CHOOSE, 0, (int)exam_question(app, x->pos)->choices_count - 1)
					   .name);
			return APP_REDRAW;
		}
		record_change(app, picks, struck);
		return APP_REDRAW;
	}
	case ACTION_STRIKE:
		if (striking)
			return APP_REDRAW; /* twice: never mind */
		app->exam.striking = true;
		app_status(app, false, "Strike out which choice? %s (a struck one comes back the same way)",
			   app_key_range(app, ACTION_CHOOSE, 0, (int)exam_question(app, x->pos)->choices_count - 1).name);
		return APP_REDRAW;
	case ACTION_NEXT_QUESTION:
	case ACTION_OPEN:
		if (x->pos + 1 < x->count)
			go_to(app, x->pos + 1);
		else
			app->exam.stage = APP_EXAM_CONFIRM;
		return APP_REDRAW;
	case ACTION_PREV_QUESTION:
		if (x->pos)
			go_to(app, x->pos - 1);
		return APP_REDRAW;
	case ACTION_FLAG:
		x->flags[x->pos] = !x->flags[x->pos];
		exam_event(app, JOURNAL_EXAM_FLAG, exam_question(app, x->pos)->id, (struct choice_set){0},
			   x->flags[x->pos], 0);
		return APP_REDRAW;
	case ACTION_NAVIGATOR:
		app->exam.stage = APP_EXAM_NAVIGATOR;
		app->exam.navigator.cursor = x->pos;
		app_list_reveal(&app->exam.navigator, x->pos, x->pos, app_page_rows(x->count, app->geometry.list_rows));
		return APP_REDRAW;
	case ACTION_SUBMIT_EXAM:
		app->exam.stage = APP_EXAM_CONFIRM;
		return APP_REDRAW;
	case ACTION_QUIT:
	case ACTION_CLOSE:
		pause_exam(app);
		app->view = APP_VIEW_MAIN;
		app_status(app, false, "Exam paused with its clock stopped: %s resumes or discards it",
			   app_key(app, ACTION_EXAM, -1).name);
		return APP_REDRAW;
	case ACTION_TICK:
		app->exam.striking = striking;
		return tick(app);
	default:
		return scroll_page(app, action) ? APP_REDRAW : APP_UNCHANGED;
	}
}

static unsigned navigator(struct app *app, enum action action, int arg)
{
	(void)arg;
	if (app_list_move(&app->exam.navigator, action, app->exam.exam->count, app->geometry.list_rows))
		return APP_REDRAW;
	switch (action) {
	case ACTION_OPEN:
		go_to(app, app->exam.navigator.cursor);
		app->exam.stage = APP_EXAM_RUNNING;
		return APP_REDRAW;
	case ACTION_NAVIGATOR:
	case ACTION_CLOSE:
	case ACTION_QUIT:
		app->exam.stage = APP_EXAM_RUNNING;
		return APP_REDRAW;
	case ACTION_SUBMIT_EXAM:
		app->exam.stage = APP_EXAM_CONFIRM;
		return APP_REDRAW;
	case ACTION_TICK:
		return tick(app);
	default:
		return APP_UNCHANGED;
	}
}

static unsigned confirm(struct app *app, enum action action, int arg)
{
	(void)arg;
	switch (action) {
	case ACTION_CONFIRM:
		submit(app, false);
		return APP_REDRAW;
	case ACTION_CLOSE:
	case ACTION_QUIT:
	case ACTION_NEXT_QUESTION: /* n: no, keep going */
		app->exam.stage = APP_EXAM_RUNNING;
		return APP_REDRAW;
	case ACTION_NAVIGATOR:
		return running(app, action, arg);
	case ACTION_TICK:
		return tick(app);
	default:
		return APP_UNCHANGED;
	}
}

/* Back from a report: to the history it was opened from, or out. */
static void leave_report(struct app *app)
{
	if (app->exam.past) {
		drop_past(app);
		app->exam.stage = APP_EXAM_HISTORY;
		return;
	}
	close_exam(app);
}

/* The first position from pos on (step 1) or back (step -1) that the
 * filter lets through; x->count when there is none. */
static size_t next_match(const struct exam *x, enum app_exam_filter filter, size_t pos, int step)
{
	for (size_t i = pos; i < x->count; i = step > 0 ? i + 1 : i - 1)
		if (app_exam_filter_matches(x, filter, i))
			return i;
	return x->count;
}

static const char *const filter_names[APP_EXAM_FILTER_COUNT] = {"questions", "wrong answers",
								 "flagged questions", "unanswered questions"};

/* The review starts at the first question the filter lets through. */
static void start_review(struct app *app)
{
	struct exam *x = shown(app);
	if (!x->count) {
		app_status(app, false, "This exam has no questions to review");
		return;
	}
	size_t first = next_match(x, app->exam.filter, 0, 1);
	if (first == x->count) {
		app_status(app, false, "No %s in this exam: reviewing every question (%s changes which)",
			   filter_names[app->exam.filter], app_key(app, ACTION_REVIEW_FILTER, -1).name);
		app->exam.filter = APP_EXAM_ALL;
		first = 0;
	}
	app->exam.stage = APP_EXAM_REVIEW;
	go_to(app, first);
}

static unsigned report(struct app *app, enum action action, int arg)
{
	(void)arg;
	switch (action) {
	case ACTION_OPEN:
		start_review(app);
		return APP_REDRAW;
	case ACTION_REVIEW_FILTER:
		app->exam.filter = (enum app_exam_filter)((app->exam.filter + 1) % APP_EXAM_FILTER_COUNT);
		start_review(app);
		return APP_REDRAW;
	case ACTION_EXAM_HISTORY:
		if (!app->exam.past)
			open_history(app);
		return APP_REDRAW;
	case ACTION_CLOSE:
	case ACTION_QUIT:
		leave_report(app);
		return APP_REDRAW;
	default:
		/* the report's length is counted by the UI, like help's */
		return app_scroll(action, &app->overlay_top, app->overlay_lines,
				  app_page_rows(app->overlay_lines, app->geometry.list_rows))
			       ? APP_REDRAW
			       : APP_UNCHANGED;
	}
}

static unsigned review(struct app *app, enum action action, int arg)
{
	(void)arg;
	struct exam *x = shown(app);
	switch (action) {
	case ACTION_NEXT_QUESTION:
	case ACTION_OPEN: {
		size_t next = next_match(x, app->exam.filter, x->pos + 1, 1);
		if (next < x->count)
			go_to(app, next);
		else
			app_status(app, false, "That was the last of the %s: %s returns to the report",
				   filter_names[app->exam.filter], app_key(app, ACTION_QUIT, -1).name);
		return APP_REDRAW;
	}
	case ACTION_PREV_QUESTION: {
		size_t prev = x->pos ? next_match(x, app->exam.filter, x->pos - 1, -1) : x->count;
		if (prev < x->count)
			go_to(app, prev);
		return APP_REDRAW;
	}
	case ACTION_REVIEW_FILTER: {
		/* on to the next filter that lets something through */
		for (int k = 0; k < APP_EXAM_FILTER_COUNT; k++) {
			app->exam.filter = (enum app_exam_filter)((app->exam.filter + 1) % APP_EXAM_FILTER_COUNT);
			size_t first = next_match(x, app->exam.filter, 0, 1);
			if (first < x->count) {
				go_to(app, app_exam_filter_matches(x, app->exam.filter, x->pos) ? x->pos : first);
				break;
			}
		}
		app_status(app, false, "Reviewing %s%s", app->exam.filter == APP_EXAM_ALL ? "all " : "only ",
			   filter_names[app->exam.filter]);
		return APP_REDRAW;
	}
	case ACTION_CLOSE:
	case ACTION_QUIT:
		app->exam.stage = APP_EXAM_REPORT;
		app->overlay_top = 0;
		return APP_REDRAW;
	default:
		return scroll_page(app, action) ? APP_REDRAW : APP_UNCHANGED;
	}
}

static unsigned history(struct app *app, enum action action, int arg)
{
	(void)arg;
	size_t count = app->log.study->exam_count;
	if (app_list_move(&app->exam.history, action, count, app->geometry.list_rows))
		return APP_REDRAW;
	switch (action) {
	case ACTION_OPEN:
		if (!count)
			return APP_UNCHANGED;
		/* the list is newest first */
		app->exam.past = exam_from_history(app->pack, app->log.study, count - 1 - app->exam.history.cursor);
		app->exam.stage = APP_EXAM_REPORT;
		app->exam.filter = APP_EXAM_ALL;
		app->overlay_top = 0;
		return APP_REDRAW;
	case ACTION_EXAM_HISTORY:
	case ACTION_CLOSE:
	case ACTION_QUIT:
		app->exam.stage = paused(app) || app->log.study->exam.active ? APP_EXAM_RESUME : APP_EXAM_INTRO;
		return APP_REDRAW;
	default:
		return APP_UNCHANGED;
	}
}

unsigned app_exam_dispatch(struct app *app, enum action action, int arg)
{
	/* every stage named, no default: a new stage without one does not build */
	switch (app->exam.stage) {
	case APP_EXAM_INTRO:
	case APP_EXAM_RESUME:
		return intro(app, action, arg);
	case APP_EXAM_RUNNING:
		return running(app, action, arg);
	case APP_EXAM_NAVIGATOR:
		return navigator(app, action, arg);
	case APP_EXAM_CONFIRM:
		return confirm(app, action, arg);
	case APP_EXAM_REPORT:
		return report(app, action, arg);
	case APP_EXAM_REVIEW:
		return review(app, action, arg);
	case APP_EXAM_HISTORY:
		return history(app, action, arg);
	}
	return APP_UNCHANGED;
}
