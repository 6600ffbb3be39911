/* pane_reader — the selected topic as a man page. */
#include "mlcert/pane_reader.h"

#include <stdio.h>

static void draw(struct app *app, WINDOW *win, const struct ui_theme *theme, bool focused)
{
	int h = getmaxy(win), w = getmaxx(win);
	const struct manfmt_page *page = app_reader_page(app);
	int y0 = 0;
	if (!app->reader.full_width) {
		const char *title = app->reader.shown.kind == APP_NODE_DOMAIN
					    ? app->pack->meta->domains[app->reader.shown.index].title
					    : app->pack->topics[app->reader.shown.index]->title;
		char right[64] = "";
		if (page && page->count > (size_t)(h - 1)) {
			size_t last = app->reader.top + (size_t)(h - 1);
			snprintf(right, sizeof right, "%zu%%",
				 (last > page->count ? page->count : last) * 100 / page->count);
		}
		ui_header(win, theme, focused, title, right);
		y0 = 1;
	}
	if (!page) {
		ui_put(win, y0, 0, w, "Out of memory laying out this page.", theme->attr[ROLE_WRONG]);
		return;
	}
	ui_draw_page(win, theme, page, app->reader.top, y0, h - y0, w, app->reader.link, app->find);
}

static unsigned handle(struct app *app, int key)
{
	return ui_handle_key(app, KEYS_READER, key);
}

const struct ui_pane_ops pane_reader_ops = {"reader", KEYS_READER, draw, handle};
