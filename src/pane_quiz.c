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
		for (int y = 1; y < h; y++)
			ui_put(theme, win, y, 0, w, "", theme->attr[ROLE_TEXT]);
		struct ui_sink s = {win, theme, 0, 0, 1, h - 1, 0, w + 1};
		ui_sink_wrap(&s, 0, 0, "No questions here yet: choose another topic or domain.", ROLE_DIM);
		return;
	}
	/* what does not fit says so, and how to get to it */
	ui_draw_page_more(win, theme, KEYS_QUIZ, app_quiz_page(app), app->quiz.top, 1, h - 1, w, NULL);
}

const struct ui_pane pane_quiz = {draw, {KEYS_QUIZ, true}};
