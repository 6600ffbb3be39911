/* app_exam — the mock exam, one dispatch per stage: the intro or the offer
 * to resume, the questions under the clock, the navigator, the confirmation,
 * the score report and the review of every question. */
#include "mlcert/app_internal.h"
#include "mlcert/clock.h"

static const struct content_question *exam_question(const struct app *app, size_t pos)
{
	const struct exam *x = app->exam.exam;
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
	app->exam.exam->pos = pos;
	app->exam.top = 0;
	app->exam.page_stale = true;
}

const struct manfmt_page *app_exam_page(struct app *app)
{
	struct exam *x = app->exam.exam;
	if (!x || (app->exam.stage != APP_EXAM_RUNNING && app->exam.stage != APP_EXAM_REVIEW))
		return NULL;
	int width = app->geometry.page_width > 0 ? app->geometry.page_width : 80;
	if (app->exam.page && !app->exam.page_stale && app->exam.page_width == width)
		return app->exam.page;
	manfmt_free(app->exam.page);
	struct manfmt_question_view v = {
		.chosen = x->picks[x->pos],
		.submitted = app->exam.stage == APP_EXAM_REVIEW,
		.position = x->pos + 1,
		.total = x->count,
	};
	app->exam.page = manfmt_question(app->pack, exam_question(app, x->pos), &v, width, app->options.ascii);
	app->exam.page_width = width;
	app->exam.page_stale = false;
	return app->exam.page;
}

/* The question page's scrolling, by the page's own length and rows. */
static bool scroll_page(struct app *app, enum action action)
{
	size_t lines = app_exam_page(app)->count;
	return app_scroll(action, &app->exam.top, lines, app_page_rows(lines, app->geometry.page_rows));
}

bool app_wants_tick(const struct app *app)
{
	return app->view == APP_VIEW_EXAM && app->exam.exam && !app->exam.exam->finished &&
	       (app->exam.stage == APP_EXAM_RUNNING || app->exam.stage == APP_EXAM_NAVIGATOR ||
		app->exam.stage == APP_EXAM_CONFIRM);
}

static void close_exam(struct app *app)
{
	exam_free(app->exam.exam);
	app->exam.exam = NULL;
	manfmt_free(app->exam.page);
	app->exam.page = NULL;
	app->view = APP_VIEW_MAIN;
}

/* Scores the exam and records it, through the answer module, in one write. */
static void submit(struct app *app, bool timed_out)
{
	char why[512];
	bool saved = app_saved(app, answer_finish_exam(&app->log, app->exam.exam, timed_out, why, sizeof why), why);
	app->exam.stage = APP_EXAM_REPORT;
	app->overlay_top = 0;
	if (saved)
		app_status(app, false, timed_out ? "Time is up: the exam was submitted as it stood"
						 : "Exam submitted and saved");
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
	bool in_exam = app->view == APP_VIEW_EXAM || (app->view == APP_VIEW_HELP && app->help.from == APP_VIEW_EXAM);
	if (in_exam && app->exam.exam && !app->exam.exam->finished &&
	    app->exam.stage != APP_EXAM_INTRO && app->exam.stage != APP_EXAM_RESUME)
		pause_exam(app);
}

unsigned app_exam_open(struct app *app)
{
	app->reader.full_width = false;
	app->view = APP_VIEW_EXAM;
	app->exam.top = 0;
	if (app->exam.exam && !app->exam.exam->finished) {
		app->exam.stage = APP_EXAM_RUNNING;
		app->exam.exam->sitting_start = clock_now();
		app->exam.page_stale = true;
		return APP_REDRAW;
	}
	exam_free(app->exam.exam);
	app->exam.exam = NULL;
	app->exam.stage = app->log.study->exam.active ? APP_EXAM_RESUME : APP_EXAM_INTRO;
	return APP_REDRAW;
}

static void begin(struct app *app)
{
	int64_t now = clock_now();
	/* the open exam, or (none open after all) a new one */
	struct exam *x = app->exam.stage == APP_EXAM_RESUME ? exam_resume(app->pack, &app->log.study->exam, now) : NULL;
	if (!x) {
		x = exam_new(app->pack, (uint64_t)now, now);
		exam_event(app, JOURNAL_EXAM_START, app->pack->meta->id, (struct choice_set){0}, 0, (int64_t)x->seed);
	}
	app->exam.exam = x;
	app->exam.stage = APP_EXAM_RUNNING;
	go_to(app, 0);
	if (exam_seconds_left(x, now) == 0)
		submit(app, true);
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
	if (now == app->exam.shown_second)
		return APP_UNCHANGED;
	app->exam.shown_second = now;
	return APP_REDRAW;
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
	case ACTION_CLOSE:
	case ACTION_QUIT:
		close_exam(app);
		return APP_REDRAW;
	default:
		return APP_UNCHANGED;
	}
}

static unsigned running(struct app *app, enum action action, int arg)
{
	struct exam *x = app->exam.exam;
	switch (action) {
	case ACTION_CHOOSE:
		if (arg < 0 || !exam_choose(x, (unsigned)arg)) {
			app_status(app, false, "This question has choices %s",
				   app_key_range(app, ACTION_CHOOSE, 0, (int)exam_question(app, x->pos)->choices_count - 1)
					   .name);
			return APP_REDRAW;
		}
		exam_event(app, JOURNAL_EXAM_PICK, exam_question(app, x->pos)->id, x->picks[x->pos], 0, 0);
		app->exam.page_stale = true;
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
		app_status(app, false, "Exam paused with its clock stopped: %s resumes it",
			   app_key(app, ACTION_EXAM, -1).name);
		return APP_REDRAW;
	case ACTION_TICK:
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
	case ACTION_TICK:
		return tick(app);
	default:
		return APP_UNCHANGED;
	}
}

static unsigned report(struct app *app, enum action action, int arg)
{
	(void)arg;
	switch (action) {
	case ACTION_OPEN:
		app->exam.stage = APP_EXAM_REVIEW;
		go_to(app, 0);
		return APP_REDRAW;
	case ACTION_CLOSE:
	case ACTION_QUIT:
		close_exam(app);
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
	struct exam *x = app->exam.exam;
	switch (action) {
	case ACTION_NEXT_QUESTION:
	case ACTION_OPEN:
		if (x->pos + 1 < x->count)
			go_to(app, x->pos + 1);
		else
			app_status(app, false, "That was the last question: %s returns to the report",
				   app_key(app, ACTION_QUIT, -1).name);
		return APP_REDRAW;
	case ACTION_PREV_QUESTION:
		if (x->pos)
			go_to(app, x->pos - 1);
		return APP_REDRAW;
	case ACTION_CLOSE:
	case ACTION_QUIT:
		app->exam.stage = APP_EXAM_REPORT;
		app->overlay_top = 0;
		return APP_REDRAW;
	default:
		return scroll_page(app, action) ? APP_REDRAW : APP_UNCHANGED;
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
	}
	return APP_UNCHANGED;
}
