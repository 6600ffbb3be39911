/* view_help — the key help, generated from the bindings and the action
 * list, laid out by the core as a page: scrolled, and searched with /. */
#include "mlcert/view_help.h"

static void draw(struct app *app, const struct ui_frame *frame)
{
	WINDOW *win = frame->overlay;
	const struct app_geometry *g = &app->geometry;
	werase(win);
	/* one column in, as wide as the core laid the page out */
	WINDOW *body = derwin(win, g->overlay_rows, g->page_width, 0, getmaxx(win) - g->page_width);
	if (body) {
		ui_draw_page_more(body, frame->theme, KEYS_HELP, app_help_page(app), app->help.top, 0, g->overlay_rows,
				  g->page_width, app->find);
		delwin(body);
	}
	wnoutrefresh(win);
}

static const struct ui_keymap keys = {KEYS_HELP, false};

static const struct ui_keymap *keymap(const struct app *app)
{
	(void)app;
	return &keys;
}

const struct ui_view view_help = {draw, keymap, NULL};
