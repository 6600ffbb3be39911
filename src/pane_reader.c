/* pane_reader — the selected topic as a man page. */
#include "mlcert/pane_reader.h"

#include <stdio.h>

static void draw(struct app *app, WINDOW *win, const struct ui_theme *theme, bool focused)
{
	int h = getmaxy(win), w = getmaxx(win);
	const struct manfmt_page *page = app_reader_page(app);
	int y0 = 0;
	if (!app->reader.full_width) {
		char right[64] = "";
		if (page->count > (size_t)(h - 1)) {
			size_t last = app->reader.top + (size_t)(h - 1);
			snprintf(right, sizeof right, "read %zu%%",
				 (last > page->count ? page->count : last) * 100 / page->count);
		}
		ui_header(win, theme, focused, app_place_title(app, app->reader.shown), right);
		y0 = 1;
	}
	ui_draw_page(win, theme, page, app->reader.top, y0, h - y0, w, app->reader.link, app->find);
}

const struct ui_pane pane_reader = {draw, {KEYS_READER, true}};
