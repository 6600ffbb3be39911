/* view_help — help generated from the bindings and the action list. */
#include "mlcert/view_help.h"

#include <stdio.h>
#include <string.h>

#ifndef MLCERT_VERSION
#define MLCERT_VERSION "0.0.0"
#endif

static void from_keys(void *ctx, const char *text, bool is_heading)
{
	ui_sink_line(ctx, text, is_heading ? ROLE_HEADING : ROLE_TEXT);
}

/* Every help line through the sink; returns how many there are. */
static size_t build(struct ui_sink *s)
{
	char buf[512], close[64], quit[64];
	keys_names(KEYS_ANY, ACTION_CLOSE, -1, close, sizeof close);
	keys_names(KEYS_ANY, ACTION_QUIT, -1, quit, sizeof quit);
	snprintf(buf, sizeof buf, "mlcert %s: keys (%.*s or %.*s closes this help)", MLCERT_VERSION,
		 (int)strcspn(close, " "), close, (int)strcspn(quit, " "), quit);
	ui_sink_line(s, buf, ROLE_HEADING);
	keys_help(from_keys, s);
	ui_sink_line(s, "", ROLE_TEXT);
	ui_sink_line(s, "Progress is saved as you go: every answer and every topic read is on disk", ROLE_DIM);
	ui_sink_line(s, "before the screen confirms it.", ROLE_DIM);
	return s->index;
}

static size_t lines(struct app *app, int width)
{
	(void)app;
	struct ui_sink s = {.width = width};
	return build(&s);
}

static void draw(struct app *app, const struct ui_frame *frame)
{
	WINDOW *win = frame->overlay;
	werase(win);
	struct ui_sink s = {win, frame->theme, 0, app->overlay_top, 0, getmaxy(win), 1, getmaxx(win)};
	build(&s);
	wnoutrefresh(win);
}

static const struct ui_keymap keys = {KEYS_ANY, ui_scroll_hints, 4, false};

static const struct ui_keymap *keymap(const struct app *app)
{
	(void)app;
	return &keys;
}

const struct ui_view view_help = {draw, keymap, lines};
