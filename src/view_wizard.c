/* view_wizard — choose a flow, answer one question per screen. */
#include "mlcert/view_wizard.h"

#include <stdio.h>
#include <string.h>


/* The flows, each a title and a summary; returns the lines the cursor's flow takes. */
static void list_flows(struct app *app, struct ui_sink *s, size_t *first, size_t *last)
{
	for (size_t i = 0; i < app->pack->flow_count; i++) {
		const struct content_flow *f = app->pack->flows[i];
		char buf[512];
		snprintf(buf, sizeof buf, "%zu. %s", i + 1, f->title);
		if (i == app->wizard.cursor)
			*first = s->index;
		ui_sink_wrap(s, 1, 3, buf, i == app->wizard.cursor ? ROLE_CURSOR : ROLE_HEADING);
		if (f->summary)
			ui_sink_wrap(s, 4, 0, f->summary, ROLE_DIM);
		if (i == app->wizard.cursor)
			*last = s->index - 1;
		if (i + 1 < app->pack->flow_count)
			ui_sink_line(s, "", ROLE_TEXT);
	}
	if (!app->pack->flow_count)
		ui_sink_wrap(s, 1, 0, "This pack has no decision flows.", ROLE_DIM);
}

typedef void wizard_lines_fn(struct app *app, struct ui_sink *s, size_t *first, size_t *last);

/* Lines from row 2 down, measured first so the item under the cursor
 * (its lines first..last) is always in view, with the "more" line under
 * them when they do not all fit. */
static void draw_lines(struct app *app, WINDOW *win, const struct ui_theme *t, wizard_lines_fn *lines)
{
	int rows = getmaxy(win) - 2;
	size_t first = 0, last = 0;
	struct ui_sink measure = {NULL, t, 0, 0, 0, 0, 1, getmaxx(win)};
	lines(app, &measure, &first, &last);
	int shown = app_page_rows(measure.index, rows);
	struct app_list view = {0, 0};
	app_list_reveal(&view, first, last, shown);
	struct ui_sink s = {win, t, 0, view.top, 2, shown, 1, getmaxx(win)};
	lines(app, &s, &first, &last);
	if (shown < rows)
		ui_more(win, t, KEYS_WIZARD, 2 + shown, getmaxx(win), view.top, shown, measure.index);
}

static void draw_list(struct app *app, WINDOW *win, const struct ui_theme *t)
{
	ui_header(win, t, true, "Decision wizard: choose a question to work through", NULL);
	draw_lines(app, win, t, list_flows);
}

/* The flow so far, the question and its answers (or the result). */
static void walk_lines(struct app *app, struct ui_sink *s, size_t *first, size_t *last)
{
	const struct flow_walk *w = &app->wizard.walk;
	const struct content_flow_node *node = flow_walk_current(w);
	*first = *last = 0;
	/* the path so far: each question asked and the answer given */
	char crumbs[2048] = "";
	size_t n = 0;
	for (size_t i = 0; i < w->depth && n + 8 < sizeof crumbs; i++) {
		const struct content_flow_node *step = &w->flow->nodes[w->node[i]];
		n += (size_t)snprintf(crumbs + n, sizeof crumbs - n, "%s%s %s", i ? "  >  " : "", step->ask,
				      step->options[w->chose[i]].label);
	}
	if (w->depth) {
		ui_sink_wrap(s, 1, 0, crumbs, ROLE_DIM);
		ui_sink_line(s, "", ROLE_TEXT);
	}
	if (flow_walk_done(w)) {
		ui_sink_wrap(s, 1, 0, "Answer", ROLE_HEADING);
		ui_sink_wrap(s, 3, 0, node->result, ROLE_RIGHT);
		ui_sink_line(s, "", ROLE_TEXT);
		if (node->note) {
			ui_sink_wrap(s, 3, 0, node->note, ROLE_TEXT);
			ui_sink_line(s, "", ROLE_TEXT);
		}
		if (node->topic_index >= 0) {
			char buf[512];
			snprintf(buf, sizeof buf, "%s opens the topic \"%s\" in the reader.",
				 ui_key(KEYS_WIZARD, ACTION_OPEN).name, app->pack->topics[node->topic_index]->title);
			ui_sink_wrap(s, 1, 0, buf, ROLE_STATUS);
		}
		return;
	}
	ui_sink_wrap(s, 1, 0, node->ask, ROLE_HEADING);
	ui_sink_line(s, "", ROLE_TEXT);
	for (unsigned i = 0; i < node->options_count; i++) {
		char buf[512];
		snprintf(buf, sizeof buf, "%u. %s", i + 1, node->options[i].label);
		if (i == app->wizard.cursor)
			*first = s->index;
		ui_sink_wrap(s, 3, 3, buf, i == app->wizard.cursor ? ROLE_CURSOR : ROLE_TEXT);
		if (i == app->wizard.cursor)
			*last = s->index - 1;
	}
}

static void draw_walk(struct app *app, WINDOW *win, const struct ui_theme *t)
{
	ui_header(win, t, true, app->wizard.walk.flow->title, NULL); /* its keys are on the hint bar */
	draw_lines(app, win, t, walk_lines);
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

static const struct ui_keymap keys = {KEYS_WIZARD, false};

static const struct ui_keymap *keymap(const struct app *app)
{
	(void)app;
	return &keys;
}

const struct ui_view view_wizard = {draw, keymap, NULL};
