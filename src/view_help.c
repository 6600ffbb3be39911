/* view_help — help generated from the bindings and the action list. */
#include "mlcert/view_help.h"

#include <stdio.h>
#include <string.h>

#ifndef MLCERT_VERSION
#define MLCERT_VERSION "0.0.0"
#endif

struct help_sink {
	void (*line)(void *ctx, const char *text, enum ui_role role);
	void *ctx;
};

static void from_keys(void *ctx, const char *text, bool is_heading)
{
	struct help_sink *sink = ctx;
	sink->line(sink->ctx, text, is_heading ? ROLE_HEADING : ROLE_TEXT);
}

/* Calls line() for each help line; returns how many there are. */
static size_t build(void (*line)(void *ctx, const char *text, enum ui_role role), void *ctx)
{
	char buf[512];
	snprintf(buf, sizeof buf, "mlcert %s: keys (Esc or q closes this help)", MLCERT_VERSION);
	line(ctx, buf, ROLE_HEADING);
	struct help_sink sink = {line, ctx};
	size_t n = 1 + keys_help(from_keys, &sink);
	line(ctx, "", ROLE_TEXT), n++;
	line(ctx, "Progress is saved as you go: every answer and every topic read is on disk", ROLE_DIM), n++;
	line(ctx, "before the screen confirms it.", ROLE_DIM), n++;
	return n;
}

static void count_line(void *ctx, const char *text, enum ui_role role)
{
	(void)ctx, (void)text, (void)role;
}

size_t view_help_lines(struct app *app, int width)
{
	(void)app, (void)width;
	return build(count_line, NULL);
}

struct draw_ctx {
	WINDOW *win;
	const struct ui_theme *theme;
	size_t index, top;
	int height, width;
};

static void draw_line(void *ctx, const char *text, enum ui_role role)
{
	struct draw_ctx *d = ctx;
	if (d->index >= d->top && d->index < d->top + (size_t)d->height)
		ui_put(d->win, (int)(d->index - d->top), 1, d->width - 1, text, d->theme->attr[role]);
	d->index++;
}

static void draw(struct app *app, WINDOW *win, const struct ui_theme *theme, bool focused)
{
	(void)focused;
	struct draw_ctx d = {win, theme, 0, app->overlay_top, getmaxy(win), getmaxx(win)};
	werase(win);
	build(draw_line, &d);
}

static unsigned handle(struct app *app, int key)
{
	return ui_handle_key(app, KEYS_ANY, key);
}

const struct ui_pane_ops view_help_ops = {"help", KEYS_ANY, draw, handle};
