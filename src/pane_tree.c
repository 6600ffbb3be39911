/* pane_tree — the exam blueprint as a tree. */
#include "mlcert/pane_tree.h"

#include <stdio.h>
#include <string.h>

#include "mlcert/study.h"

static void draw_row(struct app *app, WINDOW *win, const struct ui_theme *theme, int y, int width,
		     const struct app_tree_row *row, bool cursor, bool focused)
{
	const struct content_pack *pack = app->pack;
	bool ascii = theme->ascii;
	char left[512], right[32] = "";
	attr_t attr = theme->attr[ROLE_TEXT];
	if (row->kind == APP_NODE_DOMAIN) {
		const struct content_domain *d = &pack->meta->domains[row->index];
		bool open = app->tree.domain_open[row->index];
		snprintf(left, sizeof left, "%s %s", open ? (ascii ? "-" : "\xE2\x96\xBE") : (ascii ? "+" : "\xE2\x96\xB8"),
			 d->title);
		if (d->weight > 0)
			snprintf(right, sizeof right, " %d%%", d->weight);
		attr = theme->attr[ROLE_DOMAIN];
	} else {
		const struct content_topic *t = pack->topics[row->index];
		const char *expander = "  ";
		if (t->has_children)
			expander = app->tree.topic_open[row->index] ? (ascii ? "- " : "\xE2\x96\xBE ")
								    : (ascii ? "+ " : "\xE2\x96\xB8 ");
		bool read = app->study->topic_read[row->index];
		const char *mark = read ? (ascii ? "+" : "\xE2\x9C\x93") : (ascii ? "." : "\xC2\xB7");
		/* ui_put sanitises the whole row: the title needs no pass of its own */
		snprintf(left, sizeof left, "%*s%s%s %s", row->depth * 2 - 1, "", expander, mark, t->title);
		struct study_mastery m;
		study_topic_mastery(app->study, row->index, &m);
		if (m.total)
			snprintf(right, sizeof right, " %zu/%zu", m.right_latest, m.total);
		if (read)
			attr = theme->attr[ROLE_READ_MARK];
	}
	if (cursor)
		attr = theme->attr[focused ? ROLE_CURSOR : ROLE_CURSOR_IDLE];
	int right_w = (int)strlen(right);
	if (right_w >= width)
		right_w = 0;
	ui_put(win, y, 0, width - right_w, left, attr);
	if (right_w) {
		attr_t rattr = attr;
		if (!cursor && row->kind == APP_NODE_TOPIC) {
			struct study_mastery m;
			study_topic_mastery(app->study, row->index, &m);
			rattr = m.right_latest == m.total ? theme->attr[ROLE_RIGHT] : theme->attr[ROLE_DIM];
		}
		ui_put(win, y, width - right_w, right_w, right, rattr);
	}
}

static void draw(struct app *app, WINDOW *win, const struct ui_theme *theme, bool focused)
{
	int h = getmaxy(win), w = getmaxx(win);
	struct study_stats total;
	study_domain_stats(app->study, -1, &total);
	char right[64];
	snprintf(right, sizeof right, "%zu/%zu read", total.topics_read, total.topics_total);
	ui_header(win, theme, focused, "Topics", right);
	for (int y = 1; y < h; y++) {
		size_t i = app->tree.top + (size_t)(y - 1);
		if (i >= app->tree.row_count) {
			ui_put(win, y, 0, w, "", theme->attr[ROLE_TEXT]);
			continue;
		}
		draw_row(app, win, theme, y, w, &app->tree.rows[i], i == app->tree.cursor, focused);
	}
}

static unsigned handle(struct app *app, int key)
{
	return ui_handle_key(app, KEYS_TREE, key);
}

const struct ui_pane_ops pane_tree_ops = {"tree", KEYS_TREE, draw, handle};
