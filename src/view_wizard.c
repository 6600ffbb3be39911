/* view_wizard — choose a flow, answer one question per screen. */
#include "mlcert/view_wizard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlcert/text.h"

struct wrap_ctx {
	struct ui_sink *sink;
	enum ui_role role;
};

static void emit(void *ctx, const char *line, size_t len)
{
	struct wrap_ctx *c = ctx;
	char buf[1024];
	snprintf(buf, sizeof buf, "%.*s", (int)len, line);
	ui_sink_line(c->sink, buf, c->role);
}

/* Text wrapped at column x, as lines of the sink. */
static void wrap(struct ui_sink *s, int x, const char *raw, enum ui_role role, bool ascii)
{
	char *text = text_sanitize(raw, ascii);
	for (char *p = text; *p; p++)
		if (*p == '\n')
			*p = ' ';
	struct wrap_ctx c = {s, role};
	s->x = x;
	text_wrap(text, strlen(text), s->width - x - 1, emit, &c);
	free(text);
}

/* The flows, each a title and a summary; returns the lines the cursor's flow takes. */
static void list_flows(struct app *app, struct ui_sink *s, size_t *first, size_t *last)
{
	bool ascii = app->options.ascii;
	for (size_t i = 0; i < app->pack->flow_count; i++) {
		const struct content_flow *f = app->pack->flows[i];
		char buf[512];
		snprintf(buf, sizeof buf, "%zu. %s", i + 1, f->title);
		if (i == app->wizard.cursor)
			*first = s->index;
		wrap(s, 1, buf, i == app->wizard.cursor ? ROLE_CURSOR : ROLE_HEADING, ascii);
		if (f->summary)
			wrap(s, 4, f->summary, ROLE_DIM, ascii);
		if (i == app->wizard.cursor)
			*last = s->index - 1;
		ui_sink_line(s, "", ROLE_TEXT);
	}
	if (!app->pack->flow_count)
		wrap(s, 1, "This pack has no decision flows.", ROLE_DIM, ascii);
}

static void draw_list(struct app *app, WINDOW *win, const struct ui_theme *t)
{
	char keys[128];
	snprintf(keys, sizeof keys, "%s starts  %s closes ", ui_key(KEYS_WIZARD, ACTION_OPEN).name,
		 ui_key(KEYS_WIZARD, ACTION_CLOSE).name);
	ui_header(win, t, true, "Decision wizard: choose a question to work through", keys);
	/* Measured first, so the flow under the cursor is always in view. */
	int rows = getmaxy(win) - 2;
	size_t first = 0, last = 0;
	struct ui_sink measure = {.width = getmaxx(win)};
	list_flows(app, &measure, &first, &last);
	struct app_list view = {0, 0};
	app_list_reveal(&view, first, last, rows);
	struct ui_sink s = {win, t, 0, view.top, 2, rows, 1, getmaxx(win)};
	list_flows(app, &s, &first, &last);
}

static void draw_walk(struct app *app, WINDOW *win, const struct ui_theme *t)
{
	const struct flow_walk *w = &app->wizard.walk;
	const struct content_flow_node *node = flow_walk_current(w);
	bool ascii = app->options.ascii;
	char keys[128];
	snprintf(keys, sizeof keys, "%s steps back  %s closes ", ui_key(KEYS_WIZARD, ACTION_BACK).name,
		 ui_key(KEYS_WIZARD, ACTION_CLOSE).name);
	ui_header(win, t, true, w->flow->title, keys);
	struct ui_sink s = {win, t, 0, 0, 2, getmaxy(win) - 2, 1, getmaxx(win)};
	/* the path so far: each question asked and the answer given */
	char crumbs[2048] = "";
	size_t n = 0;
	for (size_t i = 0; i < w->depth && n + 8 < sizeof crumbs; i++) {
		const struct content_flow_node *step = &w->flow->nodes[w->node[i]];
		n += (size_t)snprintf(crumbs + n, sizeof crumbs - n, "%s%s %s", i ? "  >  " : "", step->ask,
				      step->options[w->chose[i]].label);
	}
	if (w->depth) {
		wrap(&s, 1, crumbs, ROLE_DIM, ascii);
		ui_sink_line(&s, "", ROLE_TEXT);
	}
	if (flow_walk_done(w)) {
		wrap(&s, 1, "Answer", ROLE_HEADING, ascii);
		wrap(&s, 3, node->result, ROLE_RIGHT, ascii);
		ui_sink_line(&s, "", ROLE_TEXT);
		if (node->note) {
			wrap(&s, 3, node->note, ROLE_TEXT, ascii);
			ui_sink_line(&s, "", ROLE_TEXT);
		}
		if (node->topic_index >= 0) {
			char buf[512];
			snprintf(buf, sizeof buf, "%s opens the topic \"%s\" in the reader.",
				 ui_key(KEYS_WIZARD, ACTION_OPEN).name, app->pack->topics[node->topic_index]->title);
			wrap(&s, 1, buf, ROLE_STATUS, ascii);
		}
		return;
	}
	wrap(&s, 1, node->ask, ROLE_HEADING, ascii);
	ui_sink_line(&s, "", ROLE_TEXT);
	for (unsigned i = 0; i < node->options_count; i++) {
		char buf[512];
		snprintf(buf, sizeof buf, "%u. %s", i + 1, node->options[i].label);
		wrap(&s, 3, buf, i == app->wizard.cursor ? ROLE_CURSOR : ROLE_TEXT, ascii);
	}
}

static void draw(struct app *app, const struct ui_frame *frame)
{
	WINDOW *win = frame->overlay;
	werase(win);
	if (app->wizard.walking)
		draw_walk(app, win, frame->theme);
	else
		draw_list(app, win, frame->theme);
	wnoutrefresh(win);
}

static const struct ui_keymap keys = {KEYS_WIZARD, ui_scroll_hints, 4, false};

static const struct ui_keymap *keymap(const struct app *app)
{
	(void)app;
	return &keys;
}

const struct ui_view view_wizard = {draw, keymap, NULL};
