/* view_wizard — choose a flow, answer one question per screen. */
#include "mlcert/view_wizard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlcert/text.h"

struct wrap_ctx {
	WINDOW *win;
	int y, x, width;
	attr_t attr;
};

static void emit(void *ctx, const char *line, size_t len)
{
	struct wrap_ctx *c = ctx;
	if (c->y >= getmaxy(c->win))
		return;
	char buf[1024];
	snprintf(buf, sizeof buf, "%.*s", (int)len, line);
	ui_put(c->win, c->y++, c->x, c->width, buf, c->attr);
}

/* Wraps sanitised text at (y, x); returns the next free row. */
static int wrap(WINDOW *win, int y, int x, const char *raw, attr_t attr, bool ascii)
{
	char *text = text_sanitize(raw, ascii);
	if (!text)
		return y;
	for (char *p = text; *p; p++)
		if (*p == '\n')
			*p = ' ';
	struct wrap_ctx c = {win, y, x, getmaxx(win) - x - 1, attr};
	text_wrap(text, strlen(text), c.width, emit, &c);
	free(text);
	return c.y;
}

static void draw_list(struct app *app, WINDOW *win, const struct ui_theme *t)
{
	ui_header(win, t, true, "Decision wizard: choose a question to work through", "Enter starts  Esc closes ");
	int y = 2;
	for (size_t i = 0; i < app->pack->flow_count && y < getmaxy(win); i++) {
		const struct content_flow *f = app->pack->flows[i];
		char buf[512];
		snprintf(buf, sizeof buf, "%zu. %s", i + 1, f->title);
		y = wrap(win, y, 1, buf, t->attr[i == app->wizard.cursor ? ROLE_CURSOR : ROLE_HEADING], t->ascii);
		if (f->summary)
			y = wrap(win, y, 4, f->summary, t->attr[ROLE_DIM], t->ascii);
		y++;
	}
	if (!app->pack->flow_count)
		wrap(win, 2, 1, "This pack has no decision flows.", t->attr[ROLE_DIM], t->ascii);
}

static void draw_walk(struct app *app, WINDOW *win, const struct ui_theme *t)
{
	const struct flow_walk *w = &app->wizard.walk;
	const struct content_flow_node *node = flow_walk_current(w);
	ui_header(win, t, true, w->flow->title, "Backspace steps back  Esc closes ");
	/* the path so far: each question asked and the answer given */
	char crumbs[2048] = "";
	size_t n = 0;
	for (size_t i = 0; i < w->depth && n + 8 < sizeof crumbs; i++) {
		const struct content_flow_node *step = &w->flow->nodes[w->node[i]];
		n += (size_t)snprintf(crumbs + n, sizeof crumbs - n, "%s%s %s", i ? "  >  " : "", step->ask,
				      step->options[w->chose[i]].label);
	}
	int y = 2;
	if (w->depth)
		y = wrap(win, y, 1, crumbs, t->attr[ROLE_DIM], t->ascii) + 1;
	if (flow_walk_done(w)) {
		y = wrap(win, y, 1, "Answer", t->attr[ROLE_HEADING], t->ascii);
		y = wrap(win, y, 3, node->result, t->attr[ROLE_RIGHT], t->ascii) + 1;
		if (node->note)
			y = wrap(win, y, 3, node->note, t->attr[ROLE_TEXT], t->ascii) + 1;
		if (node->topic_index >= 0) {
			char buf[512];
			snprintf(buf, sizeof buf, "Enter opens the topic \"%s\" in the reader.",
				 app->pack->topics[node->topic_index]->title);
			wrap(win, y, 1, buf, t->attr[ROLE_STATUS], t->ascii);
		}
		return;
	}
	y = wrap(win, y, 1, node->ask, t->attr[ROLE_HEADING], t->ascii) + 1;
	for (unsigned i = 0; i < node->options_count && y < getmaxy(win); i++) {
		char buf[512];
		snprintf(buf, sizeof buf, "%u. %s", i + 1, node->options[i].label);
		y = wrap(win, y, 3, buf, t->attr[i == app->wizard.cursor ? ROLE_CURSOR : ROLE_TEXT], t->ascii);
	}
}

static void draw(struct app *app, WINDOW *win, const struct ui_theme *theme, bool focused)
{
	(void)focused;
	werase(win);
	if (app->wizard.walking)
		draw_walk(app, win, theme);
	else
		draw_list(app, win, theme);
}

static unsigned handle(struct app *app, int key)
{
	return ui_handle_key(app, KEYS_WIZARD, key);
}

const struct ui_pane_ops view_wizard_ops = {"wizard", KEYS_WIZARD, draw, handle};
