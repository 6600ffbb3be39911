/* pane_quiz — the current question and, after submitting, its feedback; at
 * the end of a review round, what was done and what comes next. */
#include "mlcert/pane_quiz.h"

#include <stdio.h>
#include <string.h>

#include "mlcert/text.h"

struct wrap_rows {
	WINDOW *win;
	const struct ui_theme *theme;
	int y, rows, width;
};

static void put_row(void *ctx, const char *line, size_t len)
{
	struct wrap_rows *w = ctx;
	char buf[512];
	snprintf(buf, sizeof buf, "%.*s", (int)len, line);
	if (w->y >= w->rows)
		return;
	int y = w->y++;
	ui_put(w->theme, w->win, y, 0, w->width, buf, w->theme->attr[y == 1 ? ROLE_HEADING : ROLE_TEXT]);
}

/* The round's summary, wrapped, one paragraph a line of it. */
static void draw_summary(struct app *app, WINDOW *win, const struct ui_theme *theme, int h, int w)
{
	char summary[1024];
	app_review_summary(app, summary, sizeof summary);
	struct wrap_rows rows = {win, theme, 1, h, w};
	for (char *p = summary; *p;) {
		size_t len = strcspn(p, "\n");
		text_wrap(p, len, w, put_row, &rows);
		p += len + (p[len] == '\n');
	}
	for (int y = rows.y; y < h; y++)
		ui_put(theme, win, y, 0, w, "", theme->attr[ROLE_TEXT]);
}

static void draw(struct app *app, WINDOW *win, const struct ui_theme *theme, bool focused)
{
	int h = getmaxy(win), w = getmaxx(win);
	const struct content_question *q = app_current_question(app);
	char title[512], right[64];
	app_quiz_header(app, title, sizeof title, right, sizeof right);
	ui_header(win, theme, focused, title, right);
	if (app->quiz.finished) {
		draw_summary(app, win, theme, h, w);
		return;
	}
	if (!q) {
		ui_put(theme, win, 1, 0, w, "No questions here yet: choose another topic or domain.",
		       theme->attr[ROLE_DIM]);
		for (int y = 2; y < h; y++)
			ui_put(theme, win, y, 0, w, "", theme->attr[ROLE_TEXT]);
		return;
	}
	ui_draw_page(win, theme, app_quiz_page(app), app->quiz.top, 1, h - 1, w, -1, NULL);
}

static const struct ui_hint hints[] = {
	{KEYS_CHOICES, ACTION_CHOOSE, "Choose"},   {KEYS_ANY, ACTION_OPEN, "Submit"},
	{KEYS_QUIZ, ACTION_NEXT_QUESTION, "Next"}, {KEYS_QUIZ, ACTION_MARK_GUESSED, "Guessed"},
	{KEYS_QUIZ, ACTION_MARK_EASY, "Easy"},     {KEYS_ANY, ACTION_FOCUS_NEXT, "Pane"},
	{KEYS_ANY, ACTION_HELP, "Help"},           {KEYS_ANY, ACTION_QUIT, "Quit"},
};

const struct ui_pane pane_quiz = {draw, {KEYS_QUIZ, hints, sizeof hints / sizeof hints[0], true}};
