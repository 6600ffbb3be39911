/* pane_tree — the exam blueprint as a tree. */
#include "mlcert/pane_tree.h"

#include <stdio.h>
#include <string.h>

#include "mlcert/study.h"

struct tree_draw {
	struct app *app;
	const struct ui_theme *theme;
	bool focused;
};

static void draw_row(void *ctx, WINDOW *win, int y, int width, size_t item, bool cursor)
{
	const struct tree_draw *d = ctx;
	struct app *app = d->app;
	const struct ui_theme *theme = d->theme;
	const struct app_tree_row *row = &app->tree.rows[item];
	const struct content_pack *pack = app->pack;
	bool ascii = theme->ascii;
	char left[512], right[32] = "";
	attr_t attr = theme->attr[ROLE_TEXT];
	struct study_mastery m = {0};
	if (row->kind == APP_NODE_DOMAIN) {
		const struct content_domain *dom = &pack->meta->domains[row->index];
		bool open = app->tree.domain_open[row->index];
		snprintf(left, sizeof left, "%s %s", open ? (ascii ? "-" : "\xE2\x96\xBE") : (ascii ? "+" : "\xE2\x96\xB8"),
			 dom->title);
		if (dom->weight > 0)
			snprintf(right, sizeof right, " %d%%", dom->weight);
		attr = theme->attr[ROLE_DOMAIN];
	} else {
		const struct content_topic *t = pack->topics[row->index];
		const char *expander = "  ";
		if (t->has_children)
			expander = app->tree.topic_open[row->index] ? (ascii ? "- " : "\xE2\x96\xBE ")
								    : (ascii ? "+ " : "\xE2\x96\xB8 ");
		bool read = app->log.study->topic_read[row->index];
		const char *mark = read ? (ascii ? "+" : "\xE2\x9C\x93") : (ascii ? "." : "\xC2\xB7");
		/* ui_put sanitises the whole row: the title needs no pass of its own */
		snprintf(left, sizeof left, "%*s%s%s %s", row->depth * 2 - 1, "", expander, mark, t->title);
		study_topic_mastery(app->log.study, row->index, &m);
		if (m.total)
			snprintf(right, sizeof right, " %zu/%zu", m.right_latest, m.total);
		if (read)
			attr = theme->attr[ROLE_READ_MARK];
	}
	if (cursor)
		attr = theme->attr[d->focused ? ROLE_CURSOR : ROLE_CURSOR_IDLE];
	int right_w = (int)strlen(right);
	if (right_w >= width)
		right_w = 0;
	ui_put(theme, win, y, 0, width - right_w, left, attr);
	if (right_w) {
		attr_t rattr = attr;
		if (!cursor && row->kind == APP_NODE_TOPIC)
			rattr = m.right_latest == m.total ? theme->attr[ROLE_RIGHT] : theme->attr[ROLE_DIM];
		ui_put(theme, win, y, width - right_w, right_w, right, rattr);
	}
}

static void draw(struct app *app, WINDOW *win, const struct ui_theme *theme, bool focused)
{
	struct study_stats total;
	study_domain_stats(app->log.study, -1, &total);
	char right[64];
	snprintf(right, sizeof right, "%zu/%zu read", total.topics_read, total.topics_total);
	ui_header(win, theme, focused, "Topics", right);
	struct tree_draw d = {app, theme, focused};
	ui_list_draw(win, theme, 1, getmaxy(win) - 1, &app->tree.list, app->tree.row_count, draw_row, &d);
}

static const struct ui_hint hints[] = {
	{KEYS_ANY, ACTION_OPEN, "Open"},       {KEYS_TREE, ACTION_EXPAND, "Expand"},
	{KEYS_ANY, ACTION_FOCUS_NEXT, "Pane"}, {KEYS_ANY, ACTION_DASHBOARD, "Progress"},
	{KEYS_ANY, ACTION_HELP, "Help"},       {KEYS_ANY, ACTION_QUIT, "Quit"},
};

const struct ui_pane pane_tree = {draw, {KEYS_TREE, hints, sizeof hints / sizeof hints[0], true}};
