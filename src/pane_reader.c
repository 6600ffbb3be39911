/* pane_reader — the selected topic as a man page. */
#include "mlcert/pane_reader.h"

static void draw(struct app *app, WINDOW *win, const struct ui_theme *theme, bool focused)
{
	int h = getmaxy(win), w = getmaxx(win);
	const struct manfmt_page *page = app_reader_page(app);
	int y0 = 0;
	if (!app->reader.full_width) {
		/* full width, the position goes on the hint bar, as less's prompt */
		char right[64];
		app_reader_position(app, right, sizeof right);
		ui_header(win, theme, focused, app_place_title(app, app->reader.shown), right);
		y0 = 1;
	}
	ui_draw_page(win, theme, page, app->reader.top, y0, h - y0, w, app->reader.link, app->find);
}

const struct ui_pane pane_reader = {draw, {KEYS_READER, true}};
