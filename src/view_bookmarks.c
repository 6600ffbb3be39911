/* view_bookmarks — bookmarked topics; Enter opens one, B removes it. */
#include "mlcert/view_bookmarks.h"

#include <stdio.h>

struct row_ctx {
	const struct app *app;
	const struct ui_theme *theme;
};

static void draw_row(void *ctx, WINDOW *win, int y, int width, size_t item, bool cursor)
{
	const struct row_ctx *r = ctx;
	const struct content_topic *t = r->app->pack->topics[r->app->bookmarks.topics[item]];
	char buf[512];
	snprintf(buf, sizeof buf, " %s  (%s)", t->title, t->id);
	ui_put_cut(r->theme, win, y, 0, width, buf, r->theme->attr[cursor ? ROLE_CURSOR : ROLE_TEXT]);
}

static void draw(struct app *app, const struct ui_frame *frame)
{
	WINDOW *win = frame->overlay;
	const struct ui_theme *theme = frame->theme;
	werase(win);
	ui_header(win, theme, true, "Bookmarks", NULL); /* its keys are on the hint bar */
	if (!app->bookmarks.count) {
		char buf[128];
		snprintf(buf, sizeof buf, "No bookmarks yet: %s bookmarks the topic you are on.",
			 ui_key(KEYS_ANY, ACTION_BOOKMARK).name);
		ui_put(theme, win, 2, 1, getmaxx(win) - 1, buf, theme->attr[ROLE_DIM]);
	} else {
		struct row_ctx r = {app, theme};
		ui_list_draw(win, theme, KEYS_ANY, 1, getmaxy(win) - 1, &app->bookmarks.list, app->bookmarks.count, draw_row, &r);
	}
	wnoutrefresh(win);
}

static const struct ui_keymap keys = {KEYS_ANY, false};

static const struct ui_keymap *keymap(const struct app *app)
{
	(void)app;
	return &keys;
}

const struct ui_view view_bookmarks = {draw, keymap, NULL};
