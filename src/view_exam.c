/* view_exam — every screen of the mock exam. */
#include "mlcert/view_exam.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mlcert/answer.h"
#include "mlcert/clock.h"
#include "mlcert/text.h"

static void clock_text(char *buf, size_t size, int64_t seconds)
{
	snprintf(buf, size, "%02d:%02d:%02d", (int)(seconds / 3600), (int)(seconds / 60 % 60),
		 (int)(seconds % 60));
}

/* Writes lines top to bottom; returns the next free row. */
static int say(WINDOW *win, int y, const struct ui_theme *theme, enum ui_role role, const char *text)
{
	int w = getmaxx(win);
	if (y >= getmaxy(win))
		return y;
	ui_put(win, y, 1, w - 1, text, theme->attr[role]);
	return y + 1;
}

static void draw_intro(struct app *app, WINDOW *win, const struct ui_theme *t)
{
	const struct content_meta *m = app->pack->meta;
	char buf[512];
	int y = 1;
	snprintf(buf, sizeof buf, "Mock exam: %d questions in %d minutes, drawn to match the exam's domain weights.",
		 m->exam.questions, m->exam.minutes);
	y = say(win, y, t, ROLE_HEADING, buf);
	y++;
	y = say(win, y, t, ROLE_TEXT, "No feedback until you submit, as in the real exam.");
	y = say(win, y, t, ROLE_TEXT, "a-h or 1-8 answer, n and p move, m flags a question for review,");
	y = say(win, y, t, ROLE_TEXT, "v lists every question, S submits. The clock is always on screen and");
	y = say(win, y, t, ROLE_TEXT, "submits for you when time is up. q pauses the exam and its clock.");
	y++;
	say(win, y, t, ROLE_STATUS, "Enter starts the exam. Esc goes back.");
}

static void draw_resume(struct app *app, WINDOW *win, const struct ui_theme *t)
{
	const struct study_open_exam *open = &app->study->exam;
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
	y = say(win, y, t, ROLE_STATUS, "Enter or y resumes it. S submits it as it stands.");
	say(win, y, t, ROLE_STATUS, "Esc decides later (X offers it again).");
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

static void draw_running(struct app *app, WINDOW *win, const struct ui_theme *t)
{
	const struct exam *x = app->exam.exam;
	char left[128];
	snprintf(left, sizeof left, "Mock exam  %zu/%zu%s", x->pos + 1, x->count, x->flags[x->pos] ? "  [flagged]" : "");
	draw_header(app, win, t, left);
	int w = getmaxx(win), h = getmaxy(win);
	const struct manfmt_page *page = app_exam_page(app, w - 1);
	size_t top = app->exam.top;
	if (page && page->count > (size_t)(h - 1) && top > page->count - (size_t)(h - 1))
		top = page->count - (size_t)(h - 1);
	WINDOW *body = derwin(win, h - 1, w - 1, 1, 1);
	if (body) {
		ui_draw_page(body, t, page, top, 0, h - 1, w - 1, -1, NULL);
		delwin(body);
	}
}

static void draw_navigator(struct app *app, WINDOW *win, const struct ui_theme *t)
{
	const struct exam *x = app->exam.exam;
	draw_header(app, win, t, "Navigator: Enter jumps to a question, Esc returns");
	int h = getmaxy(win), w = getmaxx(win);
	size_t rows = h > 1 ? (size_t)(h - 1) : 1;
	size_t top = app->exam.cursor >= rows ? app->exam.cursor - rows + 1 : 0;
	for (int y = 1; y < h; y++) {
		size_t i = top + (size_t)(y - 1);
		if (i >= x->count) {
			ui_put(win, y, 0, w, "", t->attr[ROLE_TEXT]);
			continue;
		}
		const struct content_question *q = app->pack->questions[x->questions[i]];
		char *stem = text_sanitize(q->stem, t->ascii);
		for (char *p = stem; p && *p; p++)
			if (*p == '\n')
				*p = ' ';
		char buf[512];
		snprintf(buf, sizeof buf, " %3zu  %-10s %-8s %s", i + 1, choice_set_count(x->picks[i]) ? "answered" : "-",
			 x->flags[i] ? "flagged" : "", stem ? stem : "");
		free(stem);
		ui_put(win, y, 0, w, buf,
		       t->attr[i == app->exam.cursor ? ROLE_CURSOR : x->flags[i] ? ROLE_CHOSEN : ROLE_TEXT]);
	}
}

/* "3, 17, 22" — the positions matching a test, shortened when long. */
static void list_positions(const struct exam *x, bool flagged, char *buf, size_t size)
{
	size_t n = 0, shown = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < x->count && n + 16 < size; i++) {
		bool match = flagged ? x->flags[i] : choice_set_count(x->picks[i]) == 0;
		if (!match)
			continue;
		if (shown == 20) {
			n += (size_t)snprintf(buf + n, size - n, ", ...");
			break;
		}
		n += (size_t)snprintf(buf + n, size - n, "%s%zu", shown ? ", " : "", i + 1);
		shown++;
	}
}

static void draw_confirm(struct app *app, WINDOW *win, const struct ui_theme *t)
{
	const struct exam *x = app->exam.exam;
	draw_header(app, win, t, "Submit the exam?");
	char buf[512], list[256];
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
	say(win, y, t, ROLE_STATUS, "y submits now. n or Esc keeps going (v lists the questions).");
}

static void draw_report(struct app *app, WINDOW *win, const struct ui_theme *t)
{
	const struct exam *x = app->exam.exam;
	const struct content_meta *m = app->pack->meta;
	int w = getmaxx(win);
	char buf[512];
	snprintf(buf, sizeof buf, "Score report%s", x->timed_out ? " (time ran out)" : "");
	ui_header(win, t, true, buf, NULL);
	int y = 2 - (int)app->exam.top;
	snprintf(buf, sizeof buf, "%u of %zu right: %zu%%", x->right, x->count,
		 x->count ? (size_t)x->right * 100 / x->count : 0);
	if (y >= 1)
		say(win, y, t, ROLE_HEADING, buf);
	y += 2;
	if (y >= 1) {
		snprintf(buf, sizeof buf, "%-44s %6s %8s %5s", "Domain", "weight", "right", "");
		say(win, y, t, ROLE_DIM, buf);
	}
	y++;
	int bar_w = w - 1 - 44 - 6 - 8 - 5 - 5;
	for (unsigned d = 0; d < m->domains_count; d++) {
		const struct exam_domain_score *s = &x->by_domain[d];
		if (!s->total && m->domains[d].weight == 0)
			continue;
		char *title = text_sanitize(m->domains[d].title, t->ascii);
		unsigned pct = s->total ? s->right * 100 / s->total : 0;
		snprintf(buf, sizeof buf, "%-44.44s %5d%% %4u/%-3u %4u%%", title ? title : "", m->domains[d].weight,
			 s->right, s->total, pct);
		free(title);
		if (y >= 1 && y < getmaxy(win)) {
			say(win, y, t, pct >= 70 ? ROLE_RIGHT : ROLE_TEXT, buf);
			int x0 = 1 + 44 + 1 + 6 + 1 + 8 + 1 + 5 + 1;
			for (int i = 0; i < bar_w && x0 + i < w; i++) {
				bool full = i < (int)(pct * (unsigned)bar_w / 100);
				wattrset(win, t->attr[full ? ROLE_BAR_FILL : ROLE_BAR_EMPTY]);
				mvwaddstr(win, y, x0 + i, t->ascii ? (full ? "#" : ".") : (full ? "\xE2\x96\x88" : "\xE2\x96\x91"));
			}
			wattrset(win, A_NORMAL);
		}
		y++;
	}
	y++;
	if (y >= 1)
		y = say(win, y, t, ROLE_DIM, "Google publishes no passing score; the often-quoted 70% is a guess, not a rule.");
	else
		y++;
	if (y >= 1)
		y = say(win, y, t, ROLE_DIM, "Wrong and unanswered questions are now in your review queue (R).");
	else
		y++;
	y++;
	if (y >= 1)
		say(win, y, t, ROLE_STATUS, "Enter reviews every question with its explanation. q closes the report.");
}

static void draw_review(struct app *app, WINDOW *win, const struct ui_theme *t)
{
	const struct exam *x = app->exam.exam;
	const struct content_question *q = app->pack->questions[x->questions[x->pos]];
	bool right = answer_is_right(q, x->picks[x->pos]);
	char left[128];
	snprintf(left, sizeof left, "Exam review %zu/%zu: %s", x->pos + 1, x->count,
		 choice_set_count(x->picks[x->pos]) == 0 ? "unanswered" : right ? "right" : "wrong");
	ui_header(win, t, true, left, "n next  p previous  q report ");
	int w = getmaxx(win), h = getmaxy(win);
	const struct manfmt_page *page = app_exam_page(app, w - 1);
	WINDOW *body = derwin(win, h - 1, w - 1, 1, 1);
	if (body) {
		ui_draw_page(body, t, page, app->exam.top, 0, h - 1, w - 1, -1, NULL);
		delwin(body);
	}
}

static void draw(struct app *app, WINDOW *win, const struct ui_theme *theme, bool focused)
{
	(void)focused;
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
}

static unsigned handle(struct app *app, int key)
{
	return ui_handle_key(app, KEYS_EXAM, key);
}

const struct ui_pane_ops view_exam_ops = {"exam", KEYS_EXAM, draw, handle};
