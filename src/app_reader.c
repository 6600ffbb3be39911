/* app_reader — the selected topic as a man page: scrolling, links, going
 * back, finding on the page, and the topic counted as read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlcert/app_internal.h"
#include "mlcert/notes.h"
#include "mlcert/text.h"

void app_reader_drop_page(struct app *app)
{
	if (app->reader.shown.kind != APP_NODE_DOMAIN)
		manfmt_free(app->reader.page);
	app->reader.page = NULL;
}

void app_reader_drop_domain_pages(struct app *app)
{
	for (unsigned d = 0; d < app->pack->meta->domains_count; d++) {
		manfmt_free(app->reader.domain_pages[d]);
		app->reader.domain_pages[d] = NULL;
	}
}

static bool same_place(struct app_place a, struct app_place b)
{
	return a.kind == b.kind && a.index == b.index;
}

void app_reader_remember(struct app *app)
{
	if (app->reader.history_count == APP_HISTORY_MAX) {
		memmove(app->reader.history, app->reader.history + 1,
			(APP_HISTORY_MAX - 1) * sizeof app->reader.history[0]);
		app->reader.history_count--;
		if (app->reader.back_to_quiz)
			app->reader.back_to_quiz--;
	}
	struct app_place from = app->reader.shown;
	from.top = app->reader.top;
	app->reader.history[app->reader.history_count++] = from;
}

void app_reader_show(struct app *app, enum app_node_kind kind, int index, bool remember)
{
	struct app_place to = {kind, index, 0};
	if (same_place(app->reader.shown, to) && app->reader.page)
		return;
	if (remember)
		app_reader_remember(app);
	app_reader_drop_page(app); /* before `shown` changes: it says whose page this is */
	app->reader.shown = to;
	app->reader.top = 0;
	app->reader.link = -1;
	app->reader.matched = false;
}

const struct manfmt_page *app_reader_page(struct app *app)
{
	int width = app_measure(app, app->geometry.reader_width);
	if (app->reader.page && app->reader.page_width == width)
		return app->reader.page;
	app_reader_drop_page(app);
	app->reader.matched = false; /* its line numbers were another layout's */
	if (app->reader.shown.kind == APP_NODE_DOMAIN) {
		if (app->reader.domain_pages_width != width) {
			app_reader_drop_domain_pages(app);
			app->reader.domain_pages_width = width;
		}
		struct manfmt_page **cached = &app->reader.domain_pages[app->reader.shown.index];
		if (!*cached)
			*cached = manfmt_domain(app->pack, app->reader.shown.index, width, app->options.ascii);
		app->reader.page = *cached;
	} else {
		const struct content_topic *t = app->pack->topics[app->reader.shown.index];
		char *note = notes_read(app->notes_dir, t->id);
		app->reader.page = manfmt_topic(app->pack, t, width, app->options.ascii, note);
		free(note);
	}
	app->reader.page_width = width;
	return app->reader.page;
}

size_t app_reader_max_top(struct app *app)
{
	return app_page_max_top(app_reader_page(app), app->geometry.reader_rows);
}

void app_reader_position(struct app *app, char *buf, size_t size)
{
	const struct manfmt_page *page = app_reader_page(app);
	size_t count = page->count ? page->count : 1;
	size_t rows = app->geometry.reader_rows > 0 ? (size_t)app->geometry.reader_rows : 1;
	size_t last = app->reader.top + rows < count ? app->reader.top + rows : count;
	snprintf(buf, size, "line %zu/%zu %zu%%", app->reader.top + 1, count, last * 100 / count);
}

void app_reader_mark_read(struct app *app)
{
	if (app->view != APP_VIEW_MAIN || app->focus != APP_FOCUS_READER ||
	    app->reader.shown.kind != APP_NODE_TOPIC)
		return;
	int topic = app->reader.shown.index;
	if (app->log.study->topic_read[topic] || app->reader.top < app_reader_max_top(app))
		return;
	struct journal_event e = answer_event(JOURNAL_READ, app->pack->topics[topic]->id);
	char said[sizeof app->status];
	snprintf(said, sizeof said, "%s", app->status); /* what a find said stays */
	if (app_record(app, &e))
		app_status(app, false, "%s%sRead: %s", said, said[0] ? ". " : "", app->pack->topics[topic]->title);
}

void app_reader_reveal_link(struct app *app)
{
	const struct manfmt_page *page = app_reader_page(app);
	if (app->reader.link < 0)
		return;
	const struct manfmt_link *l = &page->links[app->reader.link];
	struct app_list view = {0, app->reader.top};
	app_list_reveal(&view, l->first_line, l->last_line, app->geometry.reader_rows);
	size_t max_top = app_reader_max_top(app);
	app->reader.top = view.top > max_top ? max_top : view.top;
}

void app_open_topic(struct app *app, int topic)
{
	app_reader_show(app, APP_NODE_TOPIC, topic, true);
	app_tree_select(app, APP_NODE_TOPIC, topic);
	app_status(app, false, "%s (%s returns)", app->pack->topics[topic]->title,
		   app_key(app, ACTION_BACK, -1).name);
}

struct app_find_target app_find_target(struct app *app)
{
	if (app->view == APP_VIEW_HELP) {
		const struct manfmt_page *page = app_help_page(app);
		return (struct app_find_target){page, &app->help.top, app_help_max_top(app),
						(size_t)app_page_rows(page->count, app->geometry.overlay_rows),
						&app->help.matched, &app->help.match};
	}
	return (struct app_find_target){app_reader_page(app), &app->reader.top, app_reader_max_top(app),
					(size_t)app->geometry.reader_rows, &app->reader.matched, &app->reader.match};
}

static bool holds_find(const struct app *app, const struct manfmt_line *line)
{
	return text_find_caseless(line->text, strlen(line->text), app->find) != NULL;
}

/* The next (or previous) line from `from` holding the find text, going
 * round the page once. */
static bool find_line(struct app *app, const struct manfmt_page *page, size_t from, bool forward, size_t *line)
{
	if (!app->find[0] || !page->count)
		return false;
	for (size_t k = 0; k < page->count; k++) {
		size_t i = forward ? (from + k) % page->count : (from + page->count - k % page->count) % page->count;
		if (holds_find(app, &page->lines[i])) {
			*line = i;
			return true;
		}
	}
	return false;
}

bool app_find_move(struct app *app, bool forward, bool from_top)
{
	struct app_find_target t = app_find_target(app);
	size_t rows = t.rows > 0 ? t.rows : 1, count = t.page->count;
	/* A match scrolled out of sight no longer counts: the search goes from the screen, as in less. */
	bool from_match = !from_top && *t.matched && *t.match >= *t.top && *t.match < *t.top + rows;
	size_t base = from_match ? *t.match : *t.top, from, line;
	if (forward)
		from = from_match ? base + 1 : base;
	else
		from = base ? base - 1 : count - 1;
	if (!count || !find_line(app, t.page, from %= count, forward, &line)) {
		*t.matched = false;
		app_status(app, false, "Pattern not found: %s", app->find);
		return false;
	}
	bool wrapped = forward ? line < from : line > from;
	*t.matched = true;
	*t.match = line;
	*t.top = line > t.max_top ? t.max_top : line;
	app_find_say(app, !wrapped ? "" : forward ? "search hit BOTTOM, continuing at TOP; "
						 : "search hit TOP, continuing at BOTTOM; ");
	return true;
}

void app_find_say(struct app *app, const char *before)
{
	struct app_find_target t = app_find_target(app);
	size_t k = 0, m = 0;
	for (size_t i = 0; i < t.page->count; i++)
		if (holds_find(app, &t.page->lines[i])) {
			m++;
			k += *t.matched && i <= *t.match;
		}
	app_status(app, false, "%smatch %zu of %zu: %s", before, k, m, app->find);
}

static void request(struct app *app, enum app_request_kind kind, const char *arg)
{
	app->request.kind = kind;
	snprintf(app->request.arg, sizeof app->request.arg, "%s", arg);
}

static const char *selected_url(struct app *app)
{
	const struct manfmt_page *page = app_reader_page(app);
	if (app->reader.link < 0 || page->links[app->reader.link].kind != MANFMT_LINK_URL)
		return NULL;
	return page->links[app->reader.link].target;
}

/* Each of these returns false when it only put a message in the status. */

static bool step_link(struct app *app, int step)
{
	int links = (int)app_reader_page(app)->link_count;
	if (!links) {
		app_status(app, false, "No SEE ALSO or RESOURCES entries on this page");
		return false;
	}
	int link = app->reader.link;
	app->reader.link = step > 0 ? (link + 1 >= links ? 0 : link + 1) : (link <= 0 ? links - 1 : link - 1);
	app_reader_reveal_link(app);
	return true;
}

static bool follow_link(struct app *app)
{
	const struct manfmt_page *page = app_reader_page(app);
	if (app->reader.link < 0) {
		app_status(app, false, "Select a SEE ALSO or RESOURCES entry with %s and %s",
			   app_key(app, ACTION_NEXT_LINK, -1).name, app_key(app, ACTION_PREV_LINK, -1).name);
		return false;
	}
	const struct manfmt_link *link = &page->links[app->reader.link];
	if (link->kind == MANFMT_LINK_TOPIC) {
		const struct content_topic *t = content_find_topic(app->pack, link->target);
		if (t)
			app_open_topic(app, t->index);
	} else {
		app_status(app, false, "%s", link->target);
	}
	return true;
}

static void copy_or_open_link(struct app *app, enum action action)
{
	const char *url = selected_url(app);
	if (!url) {
		app_status(app, false, "Select a RESOURCES entry first: %s and %s move between links",
			   app_key(app, ACTION_NEXT_LINK, -1).name, app_key(app, ACTION_PREV_LINK, -1).name);
		return;
	}
	if (action == ACTION_COPY_LINK) {
		request(app, APP_REQUEST_COPY, url);
		return;
	}
	const char *browser = getenv("BROWSER");
	if (!browser || !browser[0])
		app_status(app, false, "$BROWSER is not set; %s copies the URL instead: %s",
			   app_key(app, ACTION_COPY_LINK, -1).name, url);
	else
		request(app, APP_REQUEST_BROWSE, url);
}

static bool go_back(struct app *app)
{
	if (app->reader.back_to_quiz && app->reader.history_count == app->reader.back_to_quiz) {
		/* the topic was opened from a question (t): back to the question */
		struct app_place to = app->reader.history[--app->reader.history_count];
		app->reader.back_to_quiz = 0;
		app_reader_show(app, to.kind, to.index, false);
		app->reader.top = to.top;
		app->reader.full_width = false;
		app->focus = APP_FOCUS_QUIZ;
		return true;
	}
	if (!app->reader.history_count) {
		app_status(app, false, "Nothing to go back to");
		return false;
	}
	struct app_place to = app->reader.history[--app->reader.history_count];
	app_reader_show(app, to.kind, to.index, false);
	app->reader.top = to.top;
	app_tree_select(app, to.kind, to.index);
	return true;
}

unsigned app_reader_dispatch(struct app *app, enum action action, int arg)
{
	if (app_scroll(action, &app->reader.top, app_reader_page(app)->count, app->geometry.reader_rows)) {
		app_reader_mark_read(app);
		return APP_REDRAW;
	}
	switch (action) {
	case ACTION_NEXT_LINK:
	case ACTION_PREV_LINK:
		if (!step_link(app, action == ACTION_NEXT_LINK ? 1 : -1))
			return APP_REDRAW;
		break;
	case ACTION_OPEN:
		if (app->reader.link < 0 && !app->reader.full_width && app_quiz_in_session(app) &&
		    app_current_question(app))
			/* in a review the reader is the question's topic: Enter opens it, as t does */
			return app_quiz_dispatch(app, ACTION_OPEN_TOPIC, arg);
		if (!follow_link(app))
			return APP_REDRAW;
		break;
	case ACTION_SEARCH:
		app_prompt_start(app, APP_PROMPT_FIND);
		return APP_REDRAW;
	case ACTION_FIND_NEXT:
	case ACTION_FIND_PREV:
		if (!app->find[0]) {
			app_status(app, false, "Nothing to find yet: %s starts a search of this page",
				   app_key(app, ACTION_SEARCH, -1).name);
			return APP_REDRAW;
		}
		app_find_move(app, action == ACTION_FIND_NEXT, false);
		break;
	case ACTION_COPY_LINK:
	case ACTION_OPEN_LINK:
		copy_or_open_link(app, action);
		return APP_REDRAW;
	case ACTION_BACK:
		if (!go_back(app))
			return APP_REDRAW;
		break;
	default:
		return APP_UNCHANGED;
	}
	app_reader_mark_read(app);
	return APP_REDRAW;
}
