/* view_bookmarks — bookmarked topics; Enter opens one, B removes it. */
#include "mlcert/view_bookmarks.h"

#include <stdio.h>
#include <stdlib.h>

static void draw(struct app *app, WINDOW *win, const struct ui_theme *theme, bool focused)
{
	(void)focused;
	werase(win);
	ui_header(win, theme, true, "Bookmarks", "Enter opens  B removes  Esc closes ");
	size_t cap = app->pack->topic_count;
	int *list = malloc((cap ? cap : 1) * sizeof *list);
	size_t n = list ? app_bookmarks(app, list, cap) : 0;
	if (!n)
		ui_put(win, 2, 1, getmaxx(win) - 1, "No bookmarks yet: B bookmarks the topic you are on.",
		       theme->attr[ROLE_DIM]);
	int h = getmaxy(win);
	size_t rows = h > 2 ? (size_t)(h - 2) : 1;
	size_t top = app->bookmark_cursor >= rows ? app->bookmark_cursor - rows + 1 : 0;
	for (size_t i = top; i < n && (int)(i - top) + 2 < h; i++) {
		const struct content_topic *t = app->pack->topics[list[i]];
		char buf[512];
		snprintf(buf, sizeof buf, " %s  (%s)", t->title, t->id);
		ui_put(win, (int)(i - top) + 2, 0, getmaxx(win), buf,
		       theme->attr[i == app->bookmark_cursor ? ROLE_CURSOR : ROLE_TEXT]);
	}
	free(list);
}

static unsigned handle(struct app *app, int key)
{
	return ui_handle_key(app, KEYS_ANY, key);
}

const struct ui_pane_ops view_bookmarks_ops = {"bookmarks", KEYS_ANY, draw, handle};
