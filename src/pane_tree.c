/* pane_tree — the exam blueprint as a tree. */
#include "mlcert/pane_tree.h"

#include <stdio.h>
#include <string.h>

#include "mlcert/study.h"
#include "mlcert/text.h"

struct tree_draw {
	struct app *app;
	const struct ui_theme *theme;
	bool focused;
};

static const char *row_title(const struct app *app, const struct app_tree_row *row)
{
	return row->kind == APP_NODE_DOMAIN ? app->pack->meta->domains[row->index].title
					    : app->pack->topics[row->index]->title;
}

/* The title of rows[item] in width columns, cut apart from its siblings'
 * (the rows at its depth under the same parent), so two rows never read the same. */
static void fit_title(const struct app *app, size_t item, int width, bool ascii, char *out, size_t size)
{
	const struct app_tree_row *rows = app->tree.rows;
	const char *title = row_title(app, &rows[item]);
	if (text_width(title, strlen(title)) <= width) {
		text_ellipsize(title, width, ascii, out, size);
		return;
	}
	enum { MAX_SIBLINGS = 64 };
	const char *siblings[MAX_SIBLINGS];
	size_t n = 0;
	int depth = rows[item].depth;
	for (size_t i = item; i-- > 0 && rows[i].depth >= depth && n < MAX_SIBLINGS;)
		if (rows[i].depth == depth)
			siblings[n++] = row_title(app, &rows[i]);
	for (size_t i = item + 1; i < app->tree.row_count && rows[i].depth >= depth && n < MAX_SIBLINGS; i++)
		if (rows[i].depth == depth)
			siblings[n++] = row_title(app, &rows[i]);
	text_ellipsize_apart(title, siblings, n, width, ascii, out, size);
}

static void draw_row(void *ctx, WINDOW *win, int y, int width, size_t item, bool cursor)
{
	const struct tree_draw *d = ctx;
	struct app *app = d->app;
	const struct ui_theme *theme = d->theme;
	const struct app_tree_row *row = &app->tree.rows[item];
	const struct content_pack *pack = app->pack;
	bool ascii = theme->ascii;
	char prefix[64], title[512], left[640], right[32] = "";
	attr_t attr = theme->attr[ROLE_TEXT];
	struct study_mastery m = {0};
	if (row->kind == APP_NODE_DOMAIN) {
		const struct content_domain *dom = &pack->meta->domains[row->index];
		bool open = app->tree.domain_open[row->index];
		snprintf(prefix, sizeof prefix, "%s ", open ? (ascii ? "-" : "\xE2\x96\xBE") : (ascii ? "+" : "\xE2\x96\xB8"));
		/* the weight with its label, when the title keeps room beside it */
		if (dom->weight > 0)
			snprintf(right, sizeof right, " weight %d%%", dom->weight);
		if (width - 2 - (int)strlen(right) < 16)
			right[0] = '\0';
		attr = theme->attr[ROLE_DOMAIN];
	} else {
		const struct content_topic *t = pack->topics[row->index];
		const char *expander = "  ";
		if (t->has_children)
			expander = app->tree.topic_open[row->index] ? (ascii ? "- " : "\xE2\x96\xBE ")
								    : (ascii ? "+ " : "\xE2\x96\xB8 ");
		bool read = app->log.study->topic_read[row->index];
		const char *mark = read ? (ascii ? "+" : "\xE2\x9C\x93") : (ascii ? "." : "\xC2\xB7");
		snprintf(prefix, sizeof prefix, "%*s%s%s ", row->depth * 2 - 1, "", expander, mark);
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
	/* ui_put sanitises the whole row */
	fit_title(app, item, width - right_w - text_width(prefix, strlen(prefix)), ascii, title, sizeof title);
	snprintf(left, sizeof left, "%s%s", prefix, title);
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
	ui_list_draw(win, theme, KEYS_TREE, 1, getmaxy(win) - 1, &app->tree.list, app->tree.row_count, draw_row, &d);
}

const struct ui_pane pane_tree = {draw, {KEYS_TREE, true}};
