/* view_custom — the custom study list; Enter quizzes a row's questions. */
#include "mlcert/view_custom.h"

#include <stdio.h>

#include "mlcert/text.h"

struct row_ctx {
	const struct app *app;
	const struct ui_theme *theme;
};

static void draw_row(void *ctx, WINDOW *win, int y, int width, size_t item, bool cursor)
{
	const struct row_ctx *r = ctx;
	char title[512], count[32];
	size_t n = app_custom_row(r->app, item, title, sizeof title);
	snprintf(count, sizeof count, " %4zu question%s ", n, n == 1 ? " " : "s");
	int count_w = (int)sizeof " 9999 questions " - 1;
	attr_t attr = r->theme->attr[cursor ? ROLE_CURSOR : n ? ROLE_TEXT : ROLE_DIM];
	/* the count is the row's point: the title gives way to it */
	if (width <= count_w) {
		ui_put(r->theme, win, y, 0, width, count, attr);
		return;
	}
	/* a title cut shows it was cut (an ellipsis), as everywhere else */
	char line[520], fitted[600];
	snprintf(line, sizeof line, " %s", title);
	text_ellipsize(line, width - count_w, r->theme->ascii, fitted, sizeof fitted);
	ui_put(r->theme, win, y, 0, width - count_w, fitted, attr);
	ui_put(r->theme, win, y, width - count_w, count_w, count, attr);
}

static void draw(struct app *app, const struct ui_frame *frame)
{
	WINDOW *win = frame->overlay;
	const struct ui_theme *theme = frame->theme;
	werase(win);
	char keys[128];
	snprintf(keys, sizeof keys, "%s quizzes  %s closes ", ui_key(KEYS_ANY, ACTION_OPEN).name,
		 ui_key(KEYS_ANY, ACTION_CLOSE).name);
	ui_header(win, theme, true, "Custom study", keys);
	struct row_ctx r = {app, theme};
	ui_list_draw(win, theme, KEYS_ANY, 1, getmaxy(win) - 1, &app->custom.list, app->custom.count, draw_row, &r);
	wnoutrefresh(win);
}

static const struct ui_keymap keys = {KEYS_ANY, false};

static const struct ui_keymap *keymap(const struct app *app)
{
	(void)app;
	return &keys;
}

const struct ui_view view_custom = {draw, keymap, NULL};
