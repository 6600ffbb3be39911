/* app_bookmarks — bookmarks on topics and the list of them, and the
 * learner's notes, which the UI's editor writes. */
#include <stdio.h>

#include "mlcert/app_internal.h"
#include "mlcert/notes.h"

/* The topic an action about "this topic" means: the reader's, or the tree's row. */
static int current_topic(const struct app *app)
{
	if (app->focus == APP_FOCUS_TREE && app->tree.row_count) {
		const struct app_tree_row *row = &app->tree.rows[app->tree.list.cursor];
		return row->kind == APP_NODE_TOPIC ? row->index : -1;
	}
	return app->reader.shown.kind == APP_NODE_TOPIC ? app->reader.shown.index : -1;
}

/* The bookmarked topics, in pack order, for the list. */
static void list_bookmarks(struct app *app)
{
	app->bookmarks.count = 0;
	for (size_t i = 0; i < app->pack->topic_count; i++)
		if (app->log.study->bookmarked[i])
			app->bookmarks.topics[app->bookmarks.count++] = (int)i;
}

unsigned app_bookmark_toggle(struct app *app)
{
	int t = current_topic(app);
	if (t < 0) {
		app_status(app, false, "Bookmarks are for topics: select one first");
		return APP_REDRAW;
	}
	struct journal_event e = answer_event(JOURNAL_BOOKMARK, app->pack->topics[t]->id);
	e.value = !app->log.study->bookmarked[t];
	if (!app_record(app, &e))
		return APP_REDRAW;
	if (e.value)
		app_status(app, false, "Bookmarked: %s (%s lists bookmarks)", app->pack->topics[t]->title,
			   app_key(app, ACTION_BOOKMARKS, -1).name);
	else
		app_status(app, false, "Bookmark removed: %s", app->pack->topics[t]->title);
	return APP_REDRAW;
}

unsigned app_bookmarks_open(struct app *app)
{
	app->view = APP_VIEW_BOOKMARKS;
	app->bookmarks.list = (struct app_list){0, 0};
	list_bookmarks(app);
	return APP_REDRAW;
}

unsigned app_bookmarks_dispatch(struct app *app, enum action action, int arg)
{
	(void)arg;
	struct app_list *list = &app->bookmarks.list;
	size_t n = app->bookmarks.count;
	if (app_list_move(list, action, n, app->geometry.list_rows))
		return APP_REDRAW;
	switch (action) {
	case ACTION_OPEN:
		if (list->cursor < n) {
			app->view = APP_VIEW_MAIN;
			app_open_topic(app, app->bookmarks.topics[list->cursor]);
			app->focus = APP_FOCUS_READER;
		}
		return APP_REDRAW;
	case ACTION_BOOKMARK:
		if (list->cursor < n) {
			struct journal_event e =
				answer_event(JOURNAL_BOOKMARK, app->pack->topics[app->bookmarks.topics[list->cursor]]->id);
			app_record(app, &e);
			list_bookmarks(app);
			if (list->cursor >= app->bookmarks.count && list->cursor)
				list->cursor--;
			app_list_reveal(list, list->cursor, list->cursor,
					app_page_rows(app->bookmarks.count, app->geometry.list_rows));
		}
		return APP_REDRAW;
	case ACTION_CLOSE:
	case ACTION_QUIT:
	case ACTION_BOOKMARKS:
		app->view = APP_VIEW_MAIN;
		return APP_REDRAW;
	default:
		return APP_UNCHANGED;
	}
}

unsigned app_note_edit(struct app *app)
{
	int t = current_topic(app);
	char path[sizeof app->request.arg], why[512];
	if (t < 0) {
		app_status(app, false, "Notes are for topics: select one first");
		return APP_REDRAW;
	}
	if (!notes_path(app->notes_dir, app->pack->topics[t]->id, path, sizeof path)) {
		app_status(app, true, "Notes are not available without a state folder");
		return APP_REDRAW;
	}
	if (!notes_make_folder(app->notes_dir, why, sizeof why)) {
		app_status(app, true, "Cannot create the notes folder: %s", why);
		return APP_REDRAW;
	}
	app->request.kind = APP_REQUEST_EDIT_NOTE;
	snprintf(app->request.arg, sizeof app->request.arg, "%s", path);
	return APP_REDRAW;
}

void app_note_edited(struct app *app, const char *path, const char *editor, int status, bool changed)
{
	app_reader_drop_page(app);
	if (status == 0)
		app_status(app, false, changed ? "Note saved beside your progress: %s" : "Note unchanged: %s", path);
	else if (status < 0)
		app_status(app, true, "The editor '%s' could not be started; the note is %s", editor,
			   changed ? "changed" : "unchanged");
	else
		app_status(app, true, "The editor '%s' failed (status %d%s); the note is %s", editor, status,
			   status == 127 ? ": not found" : "", changed ? "changed" : "unchanged");
}
