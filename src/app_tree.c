/* app_tree — the exam blueprint as a tree: rows, opening and closing, and
 * the reader and the quiz following the cursor. */
#include <stddef.h>

#include "mlcert/app_internal.h"

static size_t push_row(struct app *app, size_t n, enum app_node_kind kind, int index, int depth)
{
	app->tree.rows[n] = (struct app_tree_row){kind, index, depth};
	return n + 1;
}

static size_t add_subtree(struct app *app, size_t n, int topic, int depth)
{
	const struct content_pack *pack = app->pack;
	n = push_row(app, n, APP_NODE_TOPIC, topic, depth);
	if (!pack->topics[topic]->has_children || !app->tree.topic_open[topic])
		return n;
	const struct content_list *children = &pack->topic_children;
	for (size_t c = children->start[topic]; c < children->start[topic + 1]; c++)
		n = add_subtree(app, n, children->items[c], depth + 1);
	return n;
}

/* Rebuilds the visible rows, keeping the cursor on the same node when it is still visible. */
void app_tree_rebuild(struct app *app)
{
	const struct content_pack *pack = app->pack;
	struct app_tree_row keep = {APP_NODE_DOMAIN, 0, 0};
	if (app->tree.row_count)
		keep = app->tree.rows[app->tree.list.cursor];
	size_t n = 0;
	for (unsigned d = 0; d < pack->meta->domains_count; d++) {
		n = push_row(app, n, APP_NODE_DOMAIN, (int)d, 0);
		if (!app->tree.domain_open[d])
			continue;
		for (size_t i = 0; i < pack->topic_count; i++) {
			const struct content_topic *t = pack->topics[i];
			if (t->domain_index == (int)d && t->parent_index < 0)
				n = add_subtree(app, n, (int)i, 1);
		}
	}
	app->tree.row_count = n;
	app->tree.list.cursor = 0;
	for (size_t i = 0; i < n; i++)
		if (app->tree.rows[i].kind == keep.kind && app->tree.rows[i].index == keep.index)
			app->tree.list.cursor = i;
}

static void reveal_cursor(struct app *app)
{
	app_list_reveal(&app->tree.list, app->tree.list.cursor, app->tree.list.cursor,
			app_page_rows(app->tree.row_count, app->geometry.tree_rows));
}

void app_tree_follow(struct app *app)
{
	if (!app->tree.row_count)
		return;
	const struct app_tree_row *row = &app->tree.rows[app->tree.list.cursor];
	app_reader_show(app, row->kind, row->index, false);
	app_quiz_set_scope(app, row->kind, row->index);
	reveal_cursor(app);
}

void app_tree_select(struct app *app, enum app_node_kind kind, int index)
{
	const struct content_pack *pack = app->pack;
	if (kind == APP_NODE_TOPIC) {
		const struct content_topic *t = pack->topics[index];
		if (t->domain_index >= 0)
			app->tree.domain_open[t->domain_index] = true;
		for (int p = t->parent_index, guard = 0; p >= 0 && guard < 64;
		     p = pack->topics[p]->parent_index, guard++)
			app->tree.topic_open[p] = true;
	}
	app_tree_rebuild(app);
	for (size_t i = 0; i < app->tree.row_count; i++)
		if (app->tree.rows[i].kind == kind && app->tree.rows[i].index == index)
			app->tree.list.cursor = i;
	/* a review or custom study keeps the quiz panel while the reader goes elsewhere */
	if (!app_quiz_in_session(app))
		app_quiz_set_scope(app, kind, index);
	reveal_cursor(app);
}

static bool row_is_open(const struct app *app, const struct app_tree_row *row)
{
	return row->kind == APP_NODE_DOMAIN ? app->tree.domain_open[row->index]
					    : app->tree.topic_open[row->index];
}

static bool row_has_children(const struct app *app, const struct app_tree_row *row)
{
	return row->kind == APP_NODE_DOMAIN || app->pack->topics[row->index]->has_children;
}

static void set_open(struct app *app, const struct app_tree_row *row, bool open)
{
	if (row->kind == APP_NODE_DOMAIN)
		app->tree.domain_open[row->index] = open;
	else
		app->tree.topic_open[row->index] = open;
	app_tree_rebuild(app);
}

unsigned app_tree_dispatch(struct app *app, enum action action, int arg)
{
	(void)arg;
	if (!app->tree.row_count)
		return APP_UNCHANGED;
	struct app_list *list = &app->tree.list;
	size_t n = app->tree.row_count;
	struct app_tree_row row = app->tree.rows[list->cursor];
	if (app_list_move(list, action, n, app->geometry.tree_rows)) {
		app_tree_follow(app);
		return APP_REDRAW;
	}
	switch (action) {
	case ACTION_OPEN:
		if (row_has_children(app, &row)) {
			set_open(app, &row, !row_is_open(app, &row));
		} else {
			app->focus = APP_FOCUS_READER;
			app_reader_mark_read(app);
		}
		break;
	case ACTION_EXPAND:
		if (row_has_children(app, &row) && !row_is_open(app, &row))
			set_open(app, &row, true);
		else if (list->cursor + 1 < n && app->tree.rows[list->cursor + 1].depth > row.depth)
			list->cursor++;
		break;
	case ACTION_COLLAPSE:
		if (row_has_children(app, &row) && row_is_open(app, &row)) {
			set_open(app, &row, false);
		} else {
			/* to the parent row: the nearest row above with a smaller depth */
			for (size_t i = list->cursor; i-- > 0;)
				if (app->tree.rows[i].depth < row.depth) {
					list->cursor = i;
					break;
				}
		}
		break;
	default:
		return APP_UNCHANGED;
	}
	app_tree_follow(app);
	return APP_REDRAW;
}
