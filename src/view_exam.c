/* view_exam — every screen of the mock exam. */
#include "mlcert/view_exam.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mlcert/answer.h"
#include "mlcert/clock.h"
#include "mlcert/text.h"
#include "mlcert/xalloc.h"

static void clock_text(char *buf, size_t size, int64_t seconds)
{
	snprintf(buf, size, "%02d:%02d:%02d", (int)(seconds / 3600), (int)(seconds / 60 % 60),
		 (int)(seconds % 60));
}

/* Writes text from row y, one column in, wrapped so none is cut; returns
 * the next free row. */
static int say(WINDOW *win, int y, const struct ui_theme *theme, enum ui_role role, const char *text)
{
	struct ui_sink s = {win, theme, 0, 0, y, getmaxy(win) - y, 0, getmaxx(win)};
	ui_sink_wrap(&s, 1, 0, text, role);
	return y + (int)s.index;
}

#define KEY(action) ui_key(KEYS_EXAM, ACTION_##action).name

static void draw_intro(struct app *app, WINDOW *win, const struct ui_theme *t)
{
	const struct content_meta *m = app->pack->meta;
	char buf[512], choose[64];
	int y = 1;
	snprintf(buf, sizeof buf, "Mock exam: %d questions in %d minutes, drawn to match the exam's domain weights.",
		 m->exam.questions, m->exam.minutes);
	y = say(win, y, t, ROLE_HEADING, buf);
	y++;
	y = say(win, y, t, ROLE_TEXT, "No feedback until you submit, as in the real exam.");
	keys_labels(KEYS_CHOICES, ACTION_CHOOSE, choose, sizeof choose);
	for (char *p = strchr(choose, ' '); p; p = NULL) /* "a-h 1-8" reads "a-h or 1-8" */
		memmove(p + 3, p, strlen(p) + 1), memcpy(p, " or", 3);
	snprintf(buf, sizeof buf,
		 "%s answer, %s and %s move, %s flags a question for review, %s lists every question, %s submits. "
		 "The clock is always on screen and submits for you when time is up. %s pauses the exam and its "
		 "clock.",
		 choose, KEY(NEXT_QUESTION), KEY(PREV_QUESTION), KEY(FLAG), KEY(NAVIGATOR), KEY(SUBMIT_EXAM), KEY(QUIT));
	y = say(win, y, t, ROLE_TEXT, buf);
	y++;
	snprintf(buf, sizeof buf, "%s starts the exam. %s goes back.", KEY(OPEN), KEY(CLOSE));
	say(win, y, t, ROLE_STATUS, buf);
}

static void draw_resume(struct app *app, WINDOW *win, const struct ui_theme *t)
{
	const struct study_open_exam *open = &app->log.study->exam;
	size_t answered = 0;
	for (size_t i = 0; i < app->pack->question_count; i++)
		answered += choice_set_count(open->picks[i]) > 0;
	int64_t left = (int64_t)app->pack->meta->exam.minutes * 60 - open->seconds_used;
	char when[64], clock[32], buf[512];
	time_t started = (time_t)open->started;
	struct tm tm;
	gmtime_r(&started, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tm);
	clock_text(clock, sizeof clock, left > 0 ? left : 0);
	int y = say(win, 1, t, ROLE_HEADING, "You have an unfinished mock exam.");
	y++;
	snprintf(buf, sizeof buf, "Started %s; %zu answered; %s left on its clock.", when, answered, clock);
	y = say(win, y, t, ROLE_TEXT, buf);
	y++;
	snprintf(buf, sizeof buf, "%s or %s resumes it. %s submits it as it stands.", KEY(OPEN), KEY(CONFIRM),
		 KEY(SUBMIT_EXAM));
	y = say(win, y, t, ROLE_STATUS, buf);
	snprintf(buf, sizeof buf, "%s decides later (%s offers it again).", KEY(CLOSE), KEY(EXAM));
	say(win, y, t, ROLE_STATUS, buf);
}

static void draw_header(struct app *app, WINDOW *win, const struct ui_theme *t, const char *left)
{
	const struct exam *x = app->exam.exam;
	char right[128], clock[32];
	clock_text(clock, sizeof clock, exam_seconds_left(x, clock_now()));
	snprintf(right, sizeof right, "answered %zu/%zu  flagged %zu  %s left ", exam_answered(x), x->count,
		 exam_flagged(x), clock);
	ui_header(win, t, true, left, right);
}

/* The question page where the core laid it out: its width and rows are the
 * geometry's, so the scroll limit and the screen agree. */
static void draw_page(struct app *app, WINDOW *win, const struct ui_theme *t)
{
	const struct app_geometry *g = &app->geometry;
	WINDOW *body = derwin(win, g->page_rows, g->page_width, getmaxy(win) - g->page_rows,
			      getmaxx(win) - g->page_width);
	if (body) {
		ui_draw_page_more(body, t, KEYS_EXAM, app_exam_page(app), app->exam.top, 0, g->page_rows, g->page_width,
				  NULL);
		delwin(body);
	}
}

static void draw_running(struct app *app, WINDOW *win, const struct ui_theme *t)
{
	const struct exam *x = app->exam.exam;
	char left[128];
	snprintf(left, sizeof left, "Mock exam  %zu/%zu%s", x->pos + 1, x->count, x->flags[x->pos] ? "  [flagged]" : "");
	draw_header(app, win, t, left);
	draw_page(app, win, t);
}

struct row_ctx {
	const struct app *app;
	const struct ui_theme *theme;
};

static void navigator_row(void *ctx, WINDOW *win, int y, int width, size_t i, bool cursor)
{
	const struct row_ctx *r = ctx;
	const struct exam *x = r->app->exam.exam;
	const struct content_question *q = r->app->pack->questions[x->questions[i]];
	char buf[512];
	/* only what fits is copied; ui_put sanitises, and the stem's newlines go */
	snprintf(buf, sizeof buf, " %3zu  %-10s %-8s %.*s", i + 1, choice_set_count(x->picks[i]) ? "answered" : "-",
		 x->flags[i] ? "flagged" : "", 4 * width, q->stem);
	for (char *p = buf; *p; p++)
		if (*p == '\n')
			*p = ' ';
	ui_put_cut(r->theme, win, y, 0, width, buf,
	       r->theme->attr[cursor ? ROLE_CURSOR : x->flags[i] ? ROLE_CHOSEN : ROLE_TEXT]);
}

static void draw_navigator(struct app *app, WINDOW *win, const struct ui_theme *t)
{
	draw_header(app, win, t, "Navigator"); /* its keys are on the hint bar */
	struct row_ctx r = {app, t};
	ui_list_draw(win, t, KEYS_EXAM, 1, app->geometry.list_rows, &app->exam.navigator, app->exam.exam->count,
		     navigator_row, &r);
}
/* "3, 17-22" — every position matching the test, as ranges. */
static void list_positions(const struct exam *x, bool flagged, char *buf, size_t size)
{
	size_t *numbers = xcalloc(x->count ? x->count : 1, sizeof *numbers), n = 0;
	for (size_t i = 0; i < x->count; i++)
		if (flagged ? x->flags[i] : choice_set_count(x->picks[i]) == 0)
			numbers[n++] = i + 1;
	text_ranges(numbers, n, buf, size);
	free(numbers);
}

static void draw_confirm(struct app *app, WINDOW *win, const struct ui_theme *t)
{
	const struct exam *x = app->exam.exam;
	draw_header(app, win, t, "Submit the exam?");
	char buf[1024], list[768];
	int y = 2;
	size_t unanswered = x->count - exam_answered(x), flagged = exam_flagged(x);
	if (unanswered) {
		list_positions(x, false, list, sizeof list);
		snprintf(buf, sizeof buf, "%zu unanswered (they count as wrong): %s", unanswered, list);
		y = say(win, y, t, ROLE_WRONG, buf);
	} else {
		y = say(win, y, t, ROLE_TEXT, "Every question has an answer.");
	}
	if (flagged) {
		list_positions(x, true, list, sizeof list);
		snprintf(buf, sizeof buf, "%zu flagged for review: %s", flagged, list);
		y = say(win, y, t, ROLE_CHOSEN, buf);
	}
	y++;
	snprintf(buf, sizeof buf, "%s submits now. %s or %s keeps going (%s lists the questions).", KEY(CONFIRM),
		 KEY(NEXT_QUESTION), KEY(CLOSE), KEY(NAVIGATOR));
	say(win, y, t, ROLE_STATUS, buf);
}

/* The score report, line by line: drawn, or only counted (win NULL) for
 * its length, which bounds its scrolling. */
static size_t build_report(struct app *app, struct ui_sink *s)
{
	const struct exam *x = app->exam.exam;
	const struct content_meta *m = app->pack->meta;
	char buf[512];
	ui_sink_line(s, "", ROLE_TEXT);
	snprintf(buf, sizeof buf, "%u of %zu right: %zu%%", x->right, x->count,
		 x->count ? (size_t)x->right * 100 / x->count : 0);
	ui_sink_line(s, buf, ROLE_HEADING);
	ui_sink_line(s, "", ROLE_TEXT);
	/* the domain's name gives way on a narrow screen, its figures do not */
	int name_w = s->width - 1 - (1 + 6 + 1 + 8 + 1 + 5) - 1;
	name_w = name_w > 44 ? 44 : name_w < 12 ? 12 : name_w;
	snprintf(buf, sizeof buf, "%-*s %6s %8s %5s", name_w, "Domain", "weight", "right", "score");
	ui_sink_line(s, buf, ROLE_DIM);
	int bar_w = s->width - 1 - name_w - 6 - 8 - 5 - 5;
	for (unsigned d = 0; d < m->domains_count; d++) {
		const struct exam_domain_score *score = &x->by_domain[d];
		if (!score->total && m->domains[d].weight == 0)
			continue;
		unsigned pct = score->total ? score->right * 100 / score->total : 0;
		char *title = text_sanitize(m->domains[d].title, app->options.ascii), name[256];
		int used = text_ellipsize(title, name_w, app->options.ascii, name, sizeof name);
		snprintf(buf, sizeof buf, "%s%*s %5d%% %4u/%-3u %4u%%", name, name_w - used, "", m->domains[d].weight,
			 score->right, score->total, pct);
		free(title);
		int y = ui_sink_line(s, buf, pct >= 70 ? ROLE_RIGHT : ROLE_TEXT);
		if (y < 0)
			continue;
		int x0 = 1 + name_w + 1 + 6 + 1 + 8 + 1 + 5 + 1;
		for (int i = 0; i < bar_w && x0 + i < s->width; i++) {
			bool full = i < (int)(pct * (unsigned)bar_w / 100);
			wattrset(s->win, s->theme->attr[full ? ROLE_BAR_FILL : ROLE_BAR_EMPTY]);
			mvwaddstr(s->win, y, x0 + i,
				  s->theme->ascii ? (full ? "#" : ".") : (full ? "\xE2\x96\x88" : "\xE2\x96\x91"));
		}
		wattrset(s->win, A_NORMAL);
	}
	ui_sink_line(s, "", ROLE_TEXT);
	ui_sink_wrap(s, 1, 0, "Google publishes no passing score; the often-quoted 70% is a guess, not a rule.",
		     ROLE_DIM);
	snprintf(buf, sizeof buf, "Wrong and unanswered questions are now in your review queue (%s).",
		 ui_key(KEYS_ANY, ACTION_REVIEW).name);
	ui_sink_wrap(s, 1, 0, buf, ROLE_DIM);
	ui_sink_line(s, "", ROLE_TEXT);
	snprintf(buf, sizeof buf, "%s reviews every question with its explanation. %s closes the report.", KEY(OPEN),
		 KEY(QUIT));
	ui_sink_wrap(s, 1, 0, buf, ROLE_STATUS);
	return s->index;
}

static void draw_report(struct app *app, WINDOW *win, const struct ui_theme *t)
{
	char buf[512];
	snprintf(buf, sizeof buf, "Score report%s", app->exam.exam->timed_out ? " (time ran out)" : "");
	ui_header(win, t, true, buf, NULL);
	int rows = app->geometry.list_rows, shown = app_page_rows(app->overlay_lines, rows);
	struct ui_sink s = {win, t, 0, app->overlay_top, 1, shown, 1, getmaxx(win)};
	build_report(app, &s);
	if (shown < rows)
		ui_more(win, t, KEYS_EXAM, 1 + shown, getmaxx(win), app->overlay_top, shown, app->overlay_lines);
}

static void draw_review(struct app *app, WINDOW *win, const struct ui_theme *t)
{
	const struct exam *x = app->exam.exam;
	const struct content_question *q = app->pack->questions[x->questions[x->pos]];
	bool right = answer_is_right(q, x->picks[x->pos]);
	char left[128];
	snprintf(left, sizeof left, "Exam review %zu/%zu: %s", x->pos + 1, x->count,
		 choice_set_count(x->picks[x->pos]) == 0 ? "unanswered" : right ? "right" : "wrong");
	ui_header(win, t, true, left, NULL); /* its keys are on the hint bar */
	draw_page(app, win, t);
}

static void draw(struct app *app, const struct ui_frame *frame)
{
	WINDOW *win = frame->overlay;
	const struct ui_theme *theme = frame->theme;
	werase(win);
	switch (app->exam.stage) {
	case APP_EXAM_INTRO:
		draw_intro(app, win, theme);
		break;
	case APP_EXAM_RESUME:
		draw_resume(app, win, theme);
		break;
	case APP_EXAM_RUNNING:
		draw_running(app, win, theme);
		break;
	case APP_EXAM_NAVIGATOR:
		draw_navigator(app, win, theme);
		break;
	case APP_EXAM_CONFIRM:
		draw_confirm(app, win, theme);
		break;
	case APP_EXAM_REPORT:
		draw_report(app, win, theme);
		break;
	case APP_EXAM_REVIEW:
		draw_review(app, win, theme);
		break;
	}
	wnoutrefresh(win);
}

/* Only the report scrolls by overlay_top. */
static size_t lines(struct app *app, int width)
{
	if (app->exam.stage != APP_EXAM_REPORT || !app->exam.exam)
		return 0;
	struct ui_sink s = {.width = width};
	return build_report(app, &s);
}

static const struct ui_keymap keys = {KEYS_EXAM, false};

static const struct ui_keymap *keymap(const struct app *app)
{
	(void)app;
	return &keys;
}

const struct ui_view view_exam = {draw, keymap, lines};
