/* app — state and the effect of every action. */
#include "mlcert/app.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlcert/answer.h"
#include "mlcert/check.h"
#include "mlcert/clock.h"
#include "mlcert/text.h"

void app_status(struct app *app, bool is_error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(app->status, sizeof app->status, fmt, ap);
	va_end(ap);
	app->status_is_error = is_error;
}

/* ---- tree ----------------------------------------------------------------- */

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
static void tree_rebuild(struct app *app)
{
	const struct content_pack *pack = app->pack;
	struct app_tree_row keep = {APP_NODE_DOMAIN, 0, 0};
	if (app->tree.row_count)
		keep = app->tree.rows[app->tree.cursor];
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
	app->tree.cursor = 0;
	for (size_t i = 0; i < n; i++)
		if (app->tree.rows[i].kind == keep.kind && app->tree.rows[i].index == keep.index)
			app->tree.cursor = i;
}

static void tree_scroll_into_view(struct app *app)
{
	size_t h = app->tree_height > 0 ? (size_t)app->tree_height : 1;
	if (app->tree.cursor < app->tree.top)
		app->tree.top = app->tree.cursor;
	else if (app->tree.cursor >= app->tree.top + h)
		app->tree.top = app->tree.cursor - h + 1;
}

/* ---- reader --------------------------------------------------------------- */

static void reader_drop_page(struct app *app)
{
	if (app->reader.shown.kind != APP_NODE_DOMAIN)
		manfmt_free(app->reader.page);
	app->reader.page = NULL;
}

static void drop_domain_pages(struct app *app)
{
	for (unsigned d = 0; app->reader.domain_pages && d < app->pack->meta->domains_count; d++) {
		manfmt_free(app->reader.domain_pages[d]);
		app->reader.domain_pages[d] = NULL;
	}
}

static bool same_place(struct app_place a, struct app_place b)
{
	return a.kind == b.kind && a.index == b.index;
}

static void reader_show(struct app *app, enum app_node_kind kind, int index, bool remember)
{
	struct app_place to = {kind, index, 0};
	if (same_place(app->reader.shown, to) && app->reader.page)
		return;
	if (remember) {
		if (app->reader.history_count == APP_HISTORY_MAX) {
			memmove(app->reader.history, app->reader.history + 1,
				(APP_HISTORY_MAX - 1) * sizeof app->reader.history[0]);
			app->reader.history_count--;
		}
		struct app_place from = app->reader.shown;
		from.top = app->reader.top;
		app->reader.history[app->reader.history_count++] = from;
	}
	reader_drop_page(app); /* before `shown` changes: it says whose page this is */
	app->reader.shown = to;
	app->reader.top = 0;
	app->reader.link = -1;
}

bool app_note_path(const struct app *app, int topic, char *buf, size_t size)
{
	if (!app->notes_dir[0] || topic < 0)
		return false;
	return snprintf(buf, size, "%s/%s.txt", app->notes_dir, app->pack->topics[topic]->id) < (int)size;
}

/* The learner's note on a topic, or NULL; notes are small text files. */
static char *read_note(const struct app *app, int topic)
{
	char path[4200];
	if (!app_note_path(app, topic, path, sizeof path))
		return NULL;
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	char *buf = malloc(65536);
	size_t n = buf ? fread(buf, 1, 65535, f) : 0;
	fclose(f);
	if (!buf)
		return NULL;
	buf[n] = '\0';
	return buf;
}

void app_note_changed(struct app *app)
{
	reader_drop_page(app);
}

const struct manfmt_page *app_reader_page(struct app *app)
{
	int width = app->reader_width > 0 ? app->reader_width : 80;
	if (app->reader.page && app->reader.page_width == width)
		return app->reader.page;
	reader_drop_page(app);
	if (app->reader.shown.kind == APP_NODE_DOMAIN) {
		if (app->reader.domain_pages_width != width) {
			drop_domain_pages(app);
			app->reader.domain_pages_width = width;
		}
		struct manfmt_page **cached = &app->reader.domain_pages[app->reader.shown.index];
		if (!*cached)
			*cached = manfmt_domain(app->pack, app->reader.shown.index, width, app->ascii);
		app->reader.page = *cached;
	} else {
		char *note = read_note(app, app->reader.shown.index);
		app->reader.page = manfmt_topic(app->pack, app->pack->topics[app->reader.shown.index], width,
						app->ascii, note);
		free(note);
	}
	app->reader.page_width = width;
	return app->reader.page;
}

/* The last first-line that still fills a view of height lines. */
static size_t page_max_top(const struct manfmt_page *page, int height)
{
	size_t h = height > 0 ? (size_t)height : 1, lines = page ? page->count : 0;
	return lines > h ? lines - h : 0;
}

/* The scrolling keys, for any view showing lines from *top; false for others. */
static bool scroll(enum action action, size_t *top, size_t max_top, int height)
{
	size_t h = height > 0 ? (size_t)height : 1;
	switch (action) {
	case ACTION_MOVE_DOWN:
		*top = *top < max_top ? *top + 1 : max_top;
		return true;
	case ACTION_MOVE_UP:
		*top = *top ? *top - 1 : 0;
		return true;
	case ACTION_PAGE_DOWN:
		*top = *top + h > max_top ? max_top : *top + h;
		return true;
	case ACTION_PAGE_UP:
		*top = *top > h ? *top - h : 0;
		return true;
	case ACTION_TOP:
		*top = 0;
		return true;
	case ACTION_BOTTOM:
		*top = max_top;
		return true;
	default:
		return false;
	}
}

/* The moving keys, for any list with a cursor over count items; false for others. */
static bool move_cursor(enum action action, size_t *cursor, size_t count, int page)
{
	size_t last = count ? count - 1 : 0;
	return scroll(action, cursor, last, page);
}

static size_t reader_max_top(struct app *app)
{
	return page_max_top(app_reader_page(app), app->reader_height);
}

/* After an attempt to record: the status says when it was not saved.
 * Returns saved. */
static bool recorded(struct app *app, bool saved, const char *why)
{
	if (!saved)
		app_status(app, true, "NOT SAVED: %s", why);
	else
		app->review.stale = true;
	return saved;
}

static bool record(struct app *app, struct journal_event *e)
{
	char why[512];
	struct answer_log log = {app->journal, app->study};
	return recorded(app, answer_record(&log, e, why, sizeof why), why);
}

/* A topic counts as read once the learner, reading it, has seen its last line. */
static void reader_maybe_mark_read(struct app *app)
{
	if (app->view != APP_VIEW_MAIN || app->focus != APP_FOCUS_READER ||
	    app->reader.shown.kind != APP_NODE_TOPIC)
		return;
	int topic = app->reader.shown.index;
	if (app->study->topic_read[topic] || app->reader.top < reader_max_top(app))
		return;
	struct journal_event e = answer_event(JOURNAL_READ, app->pack->topics[topic]->id);
	if (record(app, &e))
		app_status(app, false, "Read: %s", app->pack->topics[topic]->title);
}

static void reader_scroll_to_link(struct app *app)
{
	const struct manfmt_page *page = app_reader_page(app);
	if (!page || app->reader.link < 0)
		return;
	const struct manfmt_link *l = &page->links[app->reader.link];
	size_t h = app->reader_height > 0 ? (size_t)app->reader_height : 1;
	if (l->first_line < app->reader.top)
		app->reader.top = l->first_line;
	else if (l->last_line >= app->reader.top + h)
		app->reader.top = l->last_line + 1 > h ? l->last_line + 1 - h : 0;
	if (app->reader.top > reader_max_top(app))
		app->reader.top = reader_max_top(app);
}

static void select_tree_node(struct app *app, enum app_node_kind kind, int index);

/* Opens a topic from a link, in the tree as well, remembering where we were. */
static void open_topic(struct app *app, int topic)
{
	reader_show(app, APP_NODE_TOPIC, topic, true);
	select_tree_node(app, APP_NODE_TOPIC, topic);
	app_status(app, false, "%s (Backspace returns)", app->pack->topics[topic]->title);
}

/* The next (or previous) line from `from` holding the find text. */
static bool find_line(struct app *app, size_t from, bool forward, size_t *line)
{
	const struct manfmt_page *page = app_reader_page(app);
	if (!page || !app->find[0] || !page->count)
		return false;
	for (size_t k = 0; k < page->count; k++) {
		size_t i = forward ? (from + k) % page->count : (from + page->count - k % page->count) % page->count;
		const char *text = page->lines[i].text;
		if (text_find_caseless(text, strlen(text), app->find)) {
			*line = i;
			return true;
		}
	}
	return false;
}

static void find_move(struct app *app, bool forward, bool include_top)
{
	size_t line;
	size_t from = forward ? app->reader.top + (include_top ? 0 : 1)
			      : (app->reader.top ? app->reader.top - 1 : app_reader_page(app)->count - 1);
	if (!find_line(app, from, forward, &line)) {
		app_status(app, false, "Not found on this page: %s", app->find);
		return;
	}
	if ((forward && line < from) || (!forward && line > from))
		app_status(app, false, "Search wrapped around the page");
	app->reader.top = line > reader_max_top(app) ? reader_max_top(app) : line;
}

static void request(struct app *app, enum app_request_kind kind, const char *arg)
{
	app->request.kind = kind;
	snprintf(app->request.arg, sizeof app->request.arg, "%s", arg);
}

static const char *selected_url(struct app *app)
{
	const struct manfmt_page *page = app_reader_page(app);
	if (!page || app->reader.link < 0 || page->links[app->reader.link].kind != MANFMT_LINK_URL)
		return NULL;
	return page->links[app->reader.link].target;
}

static unsigned reader_dispatch(struct app *app, enum action action)
{
	const struct manfmt_page *page = app_reader_page(app);
	size_t links = page ? page->link_count : 0;
	if (scroll(action, &app->reader.top, reader_max_top(app), app->reader_height)) {
		reader_maybe_mark_read(app);
		return APP_REDRAW;
	}
	switch (action) {
	case ACTION_NEXT_LINK:
		if (!links) {
			app_status(app, false, "No SEE ALSO or RESOURCES entries on this page");
			return APP_REDRAW;
		}
		app->reader.link = app->reader.link + 1 >= (int)links ? 0 : app->reader.link + 1;
		reader_scroll_to_link(app);
		break;
	case ACTION_PREV_LINK:
		if (!links) {
			app_status(app, false, "No SEE ALSO or RESOURCES entries on this page");
			return APP_REDRAW;
		}
		app->reader.link = app->reader.link <= 0 ? (int)links - 1 : app->reader.link - 1;
		reader_scroll_to_link(app);
		break;
	case ACTION_OPEN:
		if (app->reader.link < 0 || !page) {
			app_status(app, false, "Select a SEE ALSO or RESOURCES entry with ] and [");
			return APP_REDRAW;
		}
		if (page->links[app->reader.link].kind == MANFMT_LINK_TOPIC) {
			const struct content_topic *t =
				content_find_topic(app->pack, page->links[app->reader.link].target);
			if (t)
				open_topic(app, t->index);
		} else {
			app_status(app, false, "%s", page->links[app->reader.link].target);
		}
		break;
	case ACTION_SEARCH:
		app->prompt.kind = APP_PROMPT_FIND;
		app->prompt.len = 0;
		app->prompt.text[0] = '\0';
		return APP_REDRAW;
	case ACTION_FIND_NEXT:
	case ACTION_FIND_PREV:
		if (!app->find[0]) {
			app_status(app, false, "Nothing to find yet: / starts a search of this page");
			return APP_REDRAW;
		}
		find_move(app, action == ACTION_FIND_NEXT, false);
		break;
	case ACTION_COPY_LINK:
	case ACTION_OPEN_LINK: {
		const char *url = selected_url(app);
		if (!url) {
			app_status(app, false, "Select a RESOURCES entry first: ] and [ move between links");
			return APP_REDRAW;
		}
		if (action == ACTION_COPY_LINK) {
			request(app, APP_REQUEST_COPY, url);
		} else {
			const char *browser = getenv("BROWSER");
			if (!browser || !browser[0])
				app_status(app, false, "$BROWSER is not set; y copies the URL instead: %s", url);
			else
				request(app, APP_REQUEST_BROWSE, url);
		}
		return APP_REDRAW;
	}
	case ACTION_BACK:
		if (!app->reader.history_count) {
			app_status(app, false, "Nothing to go back to");
			return APP_REDRAW;
		}
		{
			struct app_place to = app->reader.history[--app->reader.history_count];
			reader_show(app, to.kind, to.index, false);
			app->reader.top = to.top;
			select_tree_node(app, to.kind, to.index);
		}
		break;
	default:
		return APP_UNCHANGED;
	}
	reader_maybe_mark_read(app);
	return APP_REDRAW;
}

/* ---- quiz ----------------------------------------------------------------- */

const struct content_question *app_current_question(const struct app *app)
{
	if (!app->quiz.count)
		return NULL;
	return app->pack->questions[app->quiz.questions[app->quiz.pos]];
}

static void quiz_reset_question(struct app *app)
{
	app->quiz.chosen = (struct choice_set){0};
	app->quiz.submitted = false;
	app->quiz.right = false;
	app->quiz.rating = 0;
	app->quiz.top = 0;
	app->quiz.page_stale = true;
}

static void quiz_set_scope(struct app *app, enum app_node_kind kind, int index)
{
	struct app_place scope = {kind, index, 0};
	if (same_place(app->quiz.scope, scope) && app->quiz.questions)
		return;
	app->quiz.scope = scope;
	size_t cap = app->pack->question_count;
	if (!app->quiz.questions)
		app->quiz.questions = malloc((cap ? cap : 1) * sizeof *app->quiz.questions);
	if (!app->quiz.questions) {
		app->quiz.count = 0;
		return;
	}
	if (kind == APP_NODE_REVIEW) {
		size_t due, fresh;
		app->quiz.count = study_review_queue(app->study, clock_now(), app->new_per_day,
						     app->quiz.questions, cap, &due, &fresh);
		app->quiz.pos = 0;
		quiz_reset_question(app);
		return;
	}
	app->quiz.count = kind == APP_NODE_DOMAIN
				  ? content_questions_of_domain(app->pack, index, app->quiz.questions, cap)
				  : content_questions_of_topic(app->pack, index, app->quiz.questions, cap);
	/* Carry on where the learner left off: the first question not yet answered right. */
	app->quiz.pos = 0;
	for (size_t i = 0; i < app->quiz.count; i++)
		if (app->study->questions[app->quiz.questions[i]].last_correct != 1) {
			app->quiz.pos = i;
			break;
		}
	quiz_reset_question(app);
}

const struct manfmt_page *app_quiz_page(struct app *app)
{
	int width = app->quiz_width > 0 ? app->quiz_width : 80;
	const struct content_question *q = app_current_question(app);
	if (!q)
		return NULL;
	if (app->quiz.page && !app->quiz.page_stale && app->quiz.page_width == width)
		return app->quiz.page;
	manfmt_free(app->quiz.page);
	struct manfmt_question_view view = {
		.chosen = app->quiz.chosen,
		.submitted = app->quiz.submitted,
		.position = app->quiz.pos + 1,
		.total = app->quiz.count,
	};
	app->quiz.page = manfmt_question(app->pack, q, &view, width, app->ascii);
	app->quiz.page_width = width;
	app->quiz.page_stale = false;
	return app->quiz.page;
}

static size_t quiz_max_top(struct app *app)
{
	return page_max_top(app_quiz_page(app), app->quiz_height);
}

static void quiz_submit(struct app *app)
{
	const struct content_question *q = app_current_question(app);
	switch (answer_check(q, app->quiz.chosen)) {
	case ANSWER_NOTHING_CHOSEN:
		app_status(app, false, "Choose an answer first: a-%c or 1-%u", 'a' + q->choices_count - 1,
			   q->choices_count);
		return;
	case ANSWER_WRONG_COUNT:
	case ANSWER_TOO_MANY:
		app_status(app, false, "This question wants %u choices; %u chosen", choice_set_count(q->correct),
			   choice_set_count(app->quiz.chosen));
		return;
	case ANSWER_COMPLETE:
		break;
	}
	bool right;
	char why[512];
	struct answer_log log = {app->journal, app->study};
	bool saved = recorded(app, answer_submit(&log, q, app->quiz.chosen, &right, why, sizeof why), why);
	/* Shown as answered either way: the status says when it was not saved. */
	app->quiz.submitted = true;
	app->quiz.right = right;
	app->quiz.rating = right ? FSRS_GOOD : FSRS_AGAIN;
	app->quiz.top = 0;
	app->quiz.page_stale = true;
	if (saved)
		app_status(app, false, right ? "Right. - if you guessed, + if it was too easy; Enter for the next"
					     : "Wrong: read the rationale; Enter for the next question");
}

static void quiz_move(struct app *app, int step)
{
	if (!app->quiz.count)
		return;
	if (app->quiz.scope.kind == APP_NODE_REVIEW && step > 0 && app->quiz.pos + 1 == app->quiz.count) {
		app_status(app, false, "Review done: that was the last question due. R starts a new round.");
		return;
	}
	size_t n = app->quiz.count;
	app->quiz.pos = (app->quiz.pos + n + (size_t)(step > 0 ? 1 : n - 1)) % n;
	quiz_reset_question(app);
}

static void quiz_rate(struct app *app, int rating)
{
	if (!app->quiz.submitted || !app->quiz.right) {
		app_status(app, false, "Marking applies to a right answer, after submitting");
		return;
	}
	char why[512];
	struct answer_log log = {app->journal, app->study};
	bool saved = recorded(app, answer_rate(&log, app_current_question(app), rating, why, sizeof why), why);
	app->quiz.rating = rating;
	if (saved)
		app_status(app, false, rating == FSRS_HARD ? "Marked as guessed: it comes back sooner"
							     : "Marked as easy: it comes back later");
}

static unsigned quiz_dispatch(struct app *app, enum action action, int arg)
{
	const struct content_question *q = app_current_question(app);
	if (!q) {
		if (action == ACTION_CHOOSE || action == ACTION_OPEN || action == ACTION_NEXT_QUESTION) {
			app_status(app, false, "No questions here: pick a topic or domain in the tree");
			return APP_REDRAW;
		}
		return APP_UNCHANGED;
	}
	switch (action) {
	case ACTION_CHOOSE:
		if (app->quiz.submitted) {
			app_status(app, false, "Already answered: Enter or n for the next question");
			return APP_REDRAW;
		}
		if (arg < 0 || (unsigned)arg >= q->choices_count) {
			app_status(app, false, "This question has choices a-%c", 'a' + q->choices_count - 1);
			return APP_REDRAW;
		}
		answer_choose(q, &app->quiz.chosen, (unsigned)arg);
		app->quiz.page_stale = true;
		break;
	case ACTION_OPEN:
		if (app->quiz.submitted)
			quiz_move(app, 1);
		else
			quiz_submit(app);
		break;
	case ACTION_NEXT_QUESTION:
		quiz_move(app, 1);
		break;
	case ACTION_PREV_QUESTION:
		quiz_move(app, -1);
		break;
	case ACTION_MARK_GUESSED:
		quiz_rate(app, FSRS_HARD);
		break;
	case ACTION_MARK_EASY:
		quiz_rate(app, FSRS_EASY);
		break;
	default:
		return scroll(action, &app->quiz.top, quiz_max_top(app), app->quiz_height) ? APP_REDRAW
											    : APP_UNCHANGED;
	}
	return APP_REDRAW;
}

/* ---- tree actions --------------------------------------------------------- */

static void follow_tree_cursor(struct app *app)
{
	if (!app->tree.row_count)
		return;
	const struct app_tree_row *row = &app->tree.rows[app->tree.cursor];
	reader_show(app, row->kind, row->index, false);
	quiz_set_scope(app, row->kind, row->index);
	tree_scroll_into_view(app);
}

/* Puts the tree cursor on a node, opening its ancestors. */
static void select_tree_node(struct app *app, enum app_node_kind kind, int index)
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
	tree_rebuild(app);
	for (size_t i = 0; i < app->tree.row_count; i++)
		if (app->tree.rows[i].kind == kind && app->tree.rows[i].index == index)
			app->tree.cursor = i;
	quiz_set_scope(app, kind, index);
	tree_scroll_into_view(app);
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
	tree_rebuild(app);
}

static unsigned tree_dispatch(struct app *app, enum action action)
{
	if (!app->tree.row_count)
		return APP_UNCHANGED;
	size_t n = app->tree.row_count;
	size_t h = app->tree_height > 0 ? (size_t)app->tree_height : 1;
	struct app_tree_row row = app->tree.rows[app->tree.cursor];
	switch (action) {
	case ACTION_MOVE_DOWN:
		if (app->tree.cursor + 1 < n)
			app->tree.cursor++;
		break;
	case ACTION_MOVE_UP:
		if (app->tree.cursor)
			app->tree.cursor--;
		break;
	case ACTION_PAGE_DOWN:
		app->tree.cursor = app->tree.cursor + h < n ? app->tree.cursor + h : n - 1;
		if (app->tree.top + h < n)
			app->tree.top = app->tree.top + h < n - h ? app->tree.top + h : n - h;
		break;
	case ACTION_PAGE_UP:
		app->tree.cursor = app->tree.cursor > h ? app->tree.cursor - h : 0;
		app->tree.top = app->tree.top > h ? app->tree.top - h : 0;
		break;
	case ACTION_TOP:
		app->tree.cursor = 0;
		break;
	case ACTION_BOTTOM:
		app->tree.cursor = n - 1;
		break;
	case ACTION_OPEN:
		if (row_has_children(app, &row)) {
			set_open(app, &row, !row_is_open(app, &row));
		} else {
			app->focus = APP_FOCUS_READER;
			reader_maybe_mark_read(app);
		}
		break;
	case ACTION_EXPAND:
		if (row_has_children(app, &row) && !row_is_open(app, &row))
			set_open(app, &row, true);
		else if (app->tree.cursor + 1 < n && app->tree.rows[app->tree.cursor + 1].depth > row.depth)
			app->tree.cursor++;
		break;
	case ACTION_COLLAPSE:
		if (row_has_children(app, &row) && row_is_open(app, &row)) {
			set_open(app, &row, false);
		} else {
			/* to the parent row: the nearest row above with a smaller depth */
			for (size_t i = app->tree.cursor; i-- > 0;)
				if (app->tree.rows[i].depth < row.depth) {
					app->tree.cursor = i;
					break;
				}
		}
		break;
	default:
		return APP_UNCHANGED;
	}
	follow_tree_cursor(app);
	return APP_REDRAW;
}

/* ---- overlays ------------------------------------------------------------- */

static unsigned overlay_dispatch(struct app *app, enum action action)
{
	size_t h = app->overlay_height > 0 ? (size_t)app->overlay_height : 1;
	size_t max_top = app->overlay_lines > h ? app->overlay_lines - h : 0; /* lines counted by the UI */
	switch (action) {
	case ACTION_CLOSE:
	case ACTION_QUIT:
		app->view = APP_VIEW_MAIN;
		break;
	case ACTION_HELP:
		app->view = app->view == APP_VIEW_HELP ? APP_VIEW_MAIN : APP_VIEW_HELP;
		app->overlay_top = 0;
		break;
	case ACTION_DASHBOARD:
		app->view = app->view == APP_VIEW_DASHBOARD ? APP_VIEW_MAIN : APP_VIEW_DASHBOARD;
		app->overlay_top = 0;
		break;
	default:
		return scroll(action, &app->overlay_top, max_top, app->overlay_height) ? APP_REDRAW : APP_UNCHANGED;
	}
	return APP_REDRAW;
}

/* ---- review ---------------------------------------------------------------- */

void app_review_counts(struct app *app, size_t *due, size_t *fresh)
{
	int64_t now = clock_now();
	if (app->review.stale || app->review.day != study_day(now)) {
		size_t cap = app->pack->question_count;
		int *buf = malloc((cap ? cap : 1) * sizeof *buf);
		if (buf) {
			study_review_queue(app->study, now, app->new_per_day, buf, cap, &app->review.due,
					   &app->review.fresh);
			free(buf);
		}
		app->review.day = study_day(now);
		app->review.stale = false;
	}
	*due = app->review.due;
	*fresh = app->review.fresh;
}

static unsigned start_review(struct app *app)
{
	app->quiz.scope = (struct app_place){APP_NODE_DOMAIN, -1, 0};
	quiz_set_scope(app, APP_NODE_REVIEW, 0);
	app->focus = APP_FOCUS_QUIZ;
	app->reader.full_width = false;
	size_t due, fresh;
	app->review.stale = true;
	app_review_counts(app, &due, &fresh);
	if (!app->quiz.count)
		app_status(app, false, "Nothing to review today: no question is due and today's new ones are done");
	else
		app_status(app, false, "Review: %zu due, %zu new", due, fresh);
	return APP_REDRAW;
}

/* ---- mock exam ----------------------------------------------------------------- */

static void exam_event(struct app *app, enum journal_kind kind, const char *id, struct choice_set choices,
		       int correct, int64_t value)
{
	struct journal_event e = answer_event(kind, id);
	e.choices = choices.bits;
	e.correct = correct;
	e.value = value;
	record(app, &e);
}

static const struct content_question *exam_question(const struct app *app, size_t pos)
{
	const struct exam *x = app->exam.exam;
	return pos < x->count ? app->pack->questions[x->questions[pos]] : NULL;
}

static void exam_goto(struct app *app, size_t pos)
{
	app->exam.exam->pos = pos;
	app->exam.top = 0;
	app->exam.page_stale = true;
}

const struct manfmt_page *app_exam_page(struct app *app, int width)
{
	struct exam *x = app->exam.exam;
	if (!x || (app->exam.stage != APP_EXAM_RUNNING && app->exam.stage != APP_EXAM_REVIEW))
		return NULL;
	if (app->exam.page && !app->exam.page_stale && app->exam.page_width == width)
		return app->exam.page;
	manfmt_free(app->exam.page);
	struct manfmt_question_view v = {
		.chosen = x->picks[x->pos],
		.submitted = app->exam.stage == APP_EXAM_REVIEW,
		.position = x->pos + 1,
		.total = x->count,
	};
	app->exam.page = manfmt_question(app->pack, exam_question(app, x->pos), &v, width, app->ascii);
	app->exam.page_width = width;
	app->exam.page_stale = false;
	return app->exam.page;
}

bool app_wants_tick(const struct app *app)
{
	return app->view == APP_VIEW_EXAM && app->exam.exam && !app->exam.exam->finished &&
	       (app->exam.stage == APP_EXAM_RUNNING || app->exam.stage == APP_EXAM_NAVIGATOR ||
		app->exam.stage == APP_EXAM_CONFIRM);
}

static void exam_close(struct app *app)
{
	exam_free(app->exam.exam);
	app->exam.exam = NULL;
	manfmt_free(app->exam.page);
	app->exam.page = NULL;
	app->view = APP_VIEW_MAIN;
}

/* Scores the exam and journals it: the finish line, then every question as an
 * ordinary answer, so wrong (and unanswered) ones join the review queue. */
static void exam_submit(struct app *app, bool timed_out)
{
	char why[512];
	struct answer_log log = {app->journal, app->study};
	bool saved = recorded(app, answer_finish_exam(&log, app->exam.exam, timed_out, why, sizeof why), why);
	app->exam.stage = APP_EXAM_REPORT;
	app->exam.top = 0;
	app->exam.cursor = 0;
	if (saved)
		app_status(app, false, timed_out ? "Time is up: the exam was submitted as it stood"
						 : "Exam submitted and saved");
}

/* Leaves a running exam for later: the time used so far is journaled. */
static void exam_pause(struct app *app)
{
	struct exam *x = app->exam.exam;
	if (!x || x->finished)
		return;
	int64_t now = clock_now();
	exam_event(app, JOURNAL_EXAM_PAUSE, app->pack->meta->id, (struct choice_set){0}, 0,
		   exam_seconds_used(x, now));
	x->used_before = exam_seconds_used(x, now);
	x->sitting_start = now;
}

void app_shutdown(struct app *app)
{
	if (app->view == APP_VIEW_EXAM && app->exam.exam && !app->exam.exam->finished &&
	    app->exam.stage != APP_EXAM_INTRO && app->exam.stage != APP_EXAM_RESUME)
		exam_pause(app);
}

static unsigned exam_open(struct app *app)
{
	app->reader.full_width = false;
	app->view = APP_VIEW_EXAM;
	app->exam.top = 0;
	if (app->exam.exam && !app->exam.exam->finished) {
		app->exam.stage = APP_EXAM_RUNNING;
		app->exam.exam->sitting_start = clock_now();
		app->exam.page_stale = true;
		return APP_REDRAW;
	}
	exam_free(app->exam.exam);
	app->exam.exam = NULL;
	app->exam.stage = app->study->exam.active ? APP_EXAM_RESUME : APP_EXAM_INTRO;
	return APP_REDRAW;
}

static void exam_begin(struct app *app)
{
	int64_t now = clock_now();
	struct exam *x = NULL;
	if (app->exam.stage == APP_EXAM_RESUME) {
		x = exam_resume(app->pack, &app->study->exam, now);
	} else {
		x = exam_new(app->pack, (uint64_t)now, now);
		exam_event(app, JOURNAL_EXAM_START, app->pack->meta->id, (struct choice_set){0}, 0, (int64_t)x->seed);
	}
	app->exam.exam = x;
	app->exam.stage = APP_EXAM_RUNNING;
	exam_goto(app, 0);
	if (exam_seconds_left(x, now) == 0)
		exam_submit(app, true);
}

static unsigned exam_tick(struct app *app)
{
	struct exam *x = app->exam.exam;
	if (!app_wants_tick(app))
		return APP_UNCHANGED;
	int64_t now = clock_now();
	if (exam_seconds_left(x, now) == 0) {
		exam_submit(app, true);
		return APP_REDRAW;
	}
	if (now == app->exam.shown_second)
		return APP_UNCHANGED;
	app->exam.shown_second = now;
	return APP_REDRAW;
}

static size_t exam_max_top(struct app *app)
{
	return page_max_top(app_exam_page(app, app->overlay_width > 0 ? app->overlay_width : 80),
			    app->overlay_height - 2);
}

static unsigned exam_dispatch(struct app *app, enum action action, int arg)
{
	struct exam *x = app->exam.exam;
	size_t h = app->overlay_height > 2 ? (size_t)app->overlay_height - 2 : 1;
	switch (app->exam.stage) {
	case APP_EXAM_INTRO:
	case APP_EXAM_RESUME:
		if (action == ACTION_OPEN || action == ACTION_CONFIRM) {
			exam_begin(app);
		} else if (action == ACTION_SUBMIT_EXAM && app->exam.stage == APP_EXAM_RESUME) {
			exam_begin(app);
			if (app->exam.exam && !app->exam.exam->finished)
				exam_submit(app, false);
		} else if (action == ACTION_CLOSE || action == ACTION_QUIT) {
			exam_close(app);
		} else {
			return APP_UNCHANGED;
		}
		return APP_REDRAW;
	case APP_EXAM_RUNNING:
		switch (action) {
		case ACTION_CHOOSE:
			if (!exam_choose(x, (unsigned)arg)) {
				app_status(app, false, "This question has choices a-%c",
					   'a' + exam_question(app, x->pos)->choices_count - 1);
				return APP_REDRAW;
			}
			exam_event(app, JOURNAL_EXAM_PICK, exam_question(app, x->pos)->id, x->picks[x->pos], 0, 0);
			app->exam.page_stale = true;
			return APP_REDRAW;
		case ACTION_NEXT_QUESTION:
		case ACTION_OPEN:
			if (x->pos + 1 < x->count)
				exam_goto(app, x->pos + 1);
			else
				app->exam.stage = APP_EXAM_CONFIRM;
			return APP_REDRAW;
		case ACTION_PREV_QUESTION:
			if (x->pos)
				exam_goto(app, x->pos - 1);
			return APP_REDRAW;
		case ACTION_FLAG:
			x->flags[x->pos] = !x->flags[x->pos];
			exam_event(app, JOURNAL_EXAM_FLAG, exam_question(app, x->pos)->id, (struct choice_set){0},
				   x->flags[x->pos], 0);
			return APP_REDRAW;
		case ACTION_NAVIGATOR:
			app->exam.stage = APP_EXAM_NAVIGATOR;
			app->exam.cursor = x->pos;
			return APP_REDRAW;
		case ACTION_SUBMIT_EXAM:
			app->exam.stage = APP_EXAM_CONFIRM;
			return APP_REDRAW;
		case ACTION_QUIT:
		case ACTION_CLOSE:
			exam_pause(app);
			app->view = APP_VIEW_MAIN;
			app_status(app, false, "Exam paused with its clock stopped: X resumes it");
			return APP_REDRAW;
		case ACTION_TICK:
			return exam_tick(app);
		default:
			return scroll(action, &app->exam.top, exam_max_top(app), app->overlay_height - 2)
				       ? APP_REDRAW
				       : APP_UNCHANGED;
		}
	case APP_EXAM_NAVIGATOR:
		if (move_cursor(action, &app->exam.cursor, x->count, (int)h))
			return APP_REDRAW;
		switch (action) {
		case ACTION_OPEN:
			exam_goto(app, app->exam.cursor);
			app->exam.stage = APP_EXAM_RUNNING;
			return APP_REDRAW;
		case ACTION_NAVIGATOR:
		case ACTION_CLOSE:
		case ACTION_QUIT:
			app->exam.stage = APP_EXAM_RUNNING;
			return APP_REDRAW;
		case ACTION_SUBMIT_EXAM:
			app->exam.stage = APP_EXAM_CONFIRM;
			return APP_REDRAW;
		case ACTION_TICK:
			return exam_tick(app);
		default:
			return APP_UNCHANGED;
		}
	case APP_EXAM_CONFIRM:
		switch (action) {
		case ACTION_CONFIRM:
			exam_submit(app, false);
			return APP_REDRAW;
		case ACTION_CLOSE:
		case ACTION_QUIT:
		case ACTION_NEXT_QUESTION: /* n: no, keep going */
			app->exam.stage = APP_EXAM_RUNNING;
			return APP_REDRAW;
		case ACTION_TICK:
			return exam_tick(app);
		default:
			return APP_UNCHANGED;
		}
	case APP_EXAM_REPORT:
		switch (action) {
		case ACTION_OPEN:
			app->exam.stage = APP_EXAM_REVIEW;
			exam_goto(app, 0);
			return APP_REDRAW;
		case ACTION_CLOSE:
		case ACTION_QUIT:
			exam_close(app);
			return APP_REDRAW;
		case ACTION_MOVE_DOWN:
			app->exam.top++;
			return APP_REDRAW;
		case ACTION_MOVE_UP:
			if (app->exam.top)
				app->exam.top--;
			return APP_REDRAW;
		default:
			return APP_UNCHANGED;
		}
	case APP_EXAM_REVIEW:
		switch (action) {
		case ACTION_NEXT_QUESTION:
		case ACTION_OPEN:
			if (x->pos + 1 < x->count)
				exam_goto(app, x->pos + 1);
			else
				app_status(app, false, "That was the last question: q returns to the report");
			return APP_REDRAW;
		case ACTION_PREV_QUESTION:
			if (x->pos)
				exam_goto(app, x->pos - 1);
			return APP_REDRAW;
		case ACTION_CLOSE:
		case ACTION_QUIT:
			app->exam.stage = APP_EXAM_REPORT;
			app->exam.top = 0;
			return APP_REDRAW;
		default:
			return scroll(action, &app->exam.top, exam_max_top(app), app->overlay_height - 2)
				       ? APP_REDRAW
				       : APP_UNCHANGED;
		}
	}
	return APP_UNCHANGED;
}

/* ---- prompt -------------------------------------------------------------------- */

static unsigned exam_date_entered(struct app *app);
static void search_update(struct app *app);
static void search_open(struct app *app);

/* Text typed so far changed: searches follow it as it is typed. */
static void prompt_changed(struct app *app)
{
	if (app->prompt.kind == APP_PROMPT_SEARCH) {
		search_update(app);
	} else if (app->prompt.kind == APP_PROMPT_FIND) {
		snprintf(app->find, sizeof app->find, "%s", app->prompt.text);
		if (app->find[0])
			find_move(app, true, true);
	}
}

static unsigned prompt_dispatch(struct app *app, enum action action, int arg)
{
	switch (action) {
	case ACTION_PROMPT_CHAR:
		if (arg >= 0x20 && arg < 0x7f && app->prompt.len + 1 < sizeof app->prompt.text) {
			app->prompt.text[app->prompt.len++] = (char)arg;
			app->prompt.text[app->prompt.len] = '\0';
			prompt_changed(app);
		}
		return APP_REDRAW;
	case ACTION_PROMPT_ERASE:
		if (app->prompt.len) {
			app->prompt.text[--app->prompt.len] = '\0';
			prompt_changed(app);
		}
		return APP_REDRAW;
	case ACTION_MOVE_DOWN:
	case ACTION_MOVE_UP:
		if (app->prompt.kind != APP_PROMPT_SEARCH)
			return APP_UNCHANGED;
		if (action == ACTION_MOVE_DOWN && app->search.cursor + 1 < app->search.count)
			app->search.cursor++;
		else if (action == ACTION_MOVE_UP && app->search.cursor)
			app->search.cursor--;
		return APP_REDRAW;
	case ACTION_CLOSE:
		if (app->prompt.kind == APP_PROMPT_SEARCH)
			app->view = APP_VIEW_MAIN;
		if (app->prompt.kind == APP_PROMPT_FIND)
			app->find[0] = '\0';
		app->prompt.kind = APP_PROMPT_NONE;
		return APP_REDRAW;
	case ACTION_OPEN:
		if (app->prompt.kind == APP_PROMPT_SEARCH) {
			if (!app->search.count) {
				app_status(app, false, "No match for '%s'", app->prompt.text);
				return APP_REDRAW;
			}
			search_open(app);
			return APP_REDRAW;
		}
		if (app->prompt.kind == APP_PROMPT_FIND) {
			app->prompt.kind = APP_PROMPT_NONE;
			if (app->find[0])
				app_status(app, false, "n and N find the next and previous match");
			return APP_REDRAW;
		}
		return exam_date_entered(app);
	default:
		return APP_UNCHANGED;
	}
}

static unsigned exam_date_entered(struct app *app)
{
	{
		int y, m, d;
		if (!check_parse_date(app->prompt.text, &y, &m, &d)) {
			app_status(app, true, "'%s' is not a date: type it as YYYY-MM-DD", app->prompt.text);
			return APP_REDRAW;
		}
		char why[512];
		struct answer_log log = {app->journal, app->study};
		bool saved = recorded(app, answer_set_exam_date(&log, check_date_seconds(y, m, d), why, sizeof why), why);
		app->prompt.kind = APP_PROMPT_NONE;
		if (saved)
			app_status(app, false, "Exam date set to %s", app->prompt.text);
		return APP_REDRAW;
	}
}

/* ---- search -------------------------------------------------------------------- */

static void search_update(struct app *app)
{
	if (!app->search.index)
		app->search.index = search_index_new(app->pack);
	if (!app->search.index) {
		app_status(app, true, "Out of memory: cannot search");
		return;
	}
	app->search.count = search_run(app->search.index, app->prompt.text, app->search.hits, APP_SEARCH_SHOWN,
				       &app->search.total);
	app->search.cursor = 0;
}

void app_warm_up(struct app *app)
{
	if (!app->search.index)
		app->search.index = search_index_new(app->pack);
}

/* Puts the quiz panel on a question: the scope of its first topic, at it. */
static void show_question(struct app *app, int question)
{
	const struct content_question *q = app->pack->questions[question];
	const struct content_topic *t = content_find_topic(app->pack, q->topics[0]);
	if (t) {
		select_tree_node(app, APP_NODE_TOPIC, t->index);
		reader_show(app, APP_NODE_TOPIC, t->index, true);
	}
	for (size_t i = 0; i < app->quiz.count; i++)
		if (app->quiz.questions[i] == question) {
			app->quiz.pos = i;
			quiz_reset_question(app);
		}
	app->focus = APP_FOCUS_QUIZ;
}

static void search_open(struct app *app)
{
	if (app->search.cursor >= app->search.count)
		return;
	struct search_hit hit = app->search.hits[app->search.cursor];
	app->view = APP_VIEW_MAIN;
	app->prompt.kind = APP_PROMPT_NONE;
	if (hit.kind == SEARCH_QUESTION) {
		show_question(app, hit.index);
		return;
	}
	open_topic(app, hit.index);
	app->focus = APP_FOCUS_READER;
	if (hit.kind == SEARCH_RESOURCE) {
		const struct manfmt_page *page = app_reader_page(app);
		const char *url = app->pack->topics[hit.index]->resources[hit.sub].url;
		for (size_t l = 0; page && l < page->link_count; l++)
			if (page->links[l].kind == MANFMT_LINK_URL && strcmp(page->links[l].target, url) == 0) {
				app->reader.link = (int)l;
				reader_scroll_to_link(app);
				break;
			}
		app_status(app, false, "y copies this link, o opens it");
	}
}

/* ---- wizard -------------------------------------------------------------------- */

static unsigned wizard_dispatch(struct app *app, enum action action, int arg)
{
	const struct content_pack *pack = app->pack;
	if (action == ACTION_CLOSE || action == ACTION_QUIT) {
		app->view = APP_VIEW_MAIN;
		return APP_REDRAW;
	}
	if (!app->wizard.walking) {
		if (move_cursor(action, &app->wizard.cursor, pack->flow_count, app->overlay_height))
			return APP_REDRAW;
		switch (action) {
		case ACTION_CHOOSE:
			if ((size_t)arg >= pack->flow_count)
				return APP_UNCHANGED;
			app->wizard.cursor = (size_t)arg;
			/* fall through */
		case ACTION_OPEN:
			if (!pack->flow_count)
				return APP_UNCHANGED;
			flow_walk_start(&app->wizard.walk, pack->flows[app->wizard.cursor]);
			app->wizard.walking = true;
			app->wizard.cursor = 0;
			return APP_REDRAW;
		default:
			return APP_UNCHANGED;
		}
	}
	struct flow_walk *w = &app->wizard.walk;
	const struct content_flow_node *node = flow_walk_current(w);
	if (move_cursor(action, &app->wizard.cursor, node->options_count, app->overlay_height))
		return APP_REDRAW;
	switch (action) {
	case ACTION_CHOOSE:
		app->wizard.cursor = (size_t)arg;
		/* fall through */
	case ACTION_OPEN:
		if (flow_walk_done(w)) {
			app->view = APP_VIEW_MAIN;
			if (node->topic_index >= 0) {
				open_topic(app, node->topic_index);
				app->focus = APP_FOCUS_READER;
			}
			return APP_REDRAW;
		}
		if (!flow_walk_choose(w, (unsigned)app->wizard.cursor)) {
			app_status(app, false, "Choose one of the %u answers", node->options_count);
			return APP_REDRAW;
		}
		app->wizard.cursor = 0;
		return APP_REDRAW;
	case ACTION_BACK:
		if (flow_walk_back(w))
			app->wizard.cursor = w->chose[w->depth];
		else
			app->wizard.walking = false;
		return APP_REDRAW;
	default:
		return APP_UNCHANGED;
	}
}

/* ---- bookmarks ------------------------------------------------------------------ */

size_t app_bookmarks(const struct app *app, int *out, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; i < app->pack->topic_count && n < cap; i++)
		if (app->study->bookmarked[i])
			out[n++] = (int)i;
	return n;
}

/* The topic an action about "this topic" means: the reader's, or the tree's row. */
static int current_topic(const struct app *app)
{
	if (app->focus == APP_FOCUS_TREE && app->tree.row_count) {
		const struct app_tree_row *row = &app->tree.rows[app->tree.cursor];
		return row->kind == APP_NODE_TOPIC ? row->index : -1;
	}
	return app->reader.shown.kind == APP_NODE_TOPIC ? app->reader.shown.index : -1;
}

static unsigned toggle_bookmark(struct app *app)
{
	int t = current_topic(app);
	if (t < 0) {
		app_status(app, false, "Bookmarks are for topics: select one first");
		return APP_REDRAW;
	}
	struct journal_event e = answer_event(JOURNAL_BOOKMARK, app->pack->topics[t]->id);
	e.value = !app->study->bookmarked[t];
	if (record(app, &e))
		app_status(app, false, e.value ? "Bookmarked: %s (L lists bookmarks)" : "Bookmark removed: %s",
			   app->pack->topics[t]->title);
	return APP_REDRAW;
}

static unsigned bookmarks_dispatch(struct app *app, enum action action)
{
	size_t cap = app->pack->topic_count;
	int *list = malloc((cap ? cap : 1) * sizeof *list);
	size_t n = list ? app_bookmarks(app, list, cap) : 0;
	unsigned reaction = APP_REDRAW;
	if (move_cursor(action, &app->bookmark_cursor, n, app->overlay_height)) {
		free(list);
		return APP_REDRAW;
	}
	switch (action) {
	case ACTION_OPEN:
		if (app->bookmark_cursor < n) {
			app->view = APP_VIEW_MAIN;
			open_topic(app, list[app->bookmark_cursor]);
			app->focus = APP_FOCUS_READER;
		}
		break;
	case ACTION_BOOKMARK:
		if (app->bookmark_cursor < n) {
			struct journal_event e = answer_event(JOURNAL_BOOKMARK, app->pack->topics[list[app->bookmark_cursor]]->id);
			record(app, &e);
			if (app->bookmark_cursor + 1 >= n && app->bookmark_cursor)
				app->bookmark_cursor--;
		}
		break;
	case ACTION_CLOSE:
	case ACTION_QUIT:
	case ACTION_BOOKMARKS:
		app->view = APP_VIEW_MAIN;
		break;
	default:
		reaction = APP_UNCHANGED;
	}
	free(list);
	return reaction;
}

static unsigned edit_note(struct app *app)
{
	int t = current_topic(app);
	char path[sizeof app->request.arg];
	if (t < 0) {
		app_status(app, false, "Notes are for topics: select one first");
		return APP_REDRAW;
	}
	if (!app_note_path(app, t, path, sizeof path)) {
		app_status(app, true, "Notes are not available without a state folder");
		return APP_REDRAW;
	}
	request(app, APP_REQUEST_EDIT_NOTE, path);
	return APP_REDRAW;
}

/* ---- dispatch ------------------------------------------------------------- */

unsigned app_dispatch(struct app *app, enum action action, int arg)
{
	unsigned reaction = app->status[0] ? APP_REDRAW : APP_UNCHANGED;
	app->status[0] = '\0';
	app->status_is_error = false;
	if (action == ACTION_REDRAW)
		return APP_REDRAW | APP_REPAINT;
	if (action == ACTION_TICK)
		return app->view == APP_VIEW_EXAM ? exam_dispatch(app, action, arg) : APP_UNCHANGED;
	if (app->prompt.kind != APP_PROMPT_NONE)
		return reaction | prompt_dispatch(app, action, arg);
	if (app->view == APP_VIEW_EXAM)
		return reaction | exam_dispatch(app, action, arg);
	if (app->view == APP_VIEW_DASHBOARD && action == ACTION_SET_EXAM_DATE) {
		app->prompt.kind = APP_PROMPT_EXAM_DATE;
		app->prompt.len = 0;
		app->prompt.text[0] = '\0';
		return APP_REDRAW;
	}
	if (app->view == APP_VIEW_WIZARD)
		return reaction | wizard_dispatch(app, action, arg);
	if (app->view == APP_VIEW_BOOKMARKS)
		return reaction | bookmarks_dispatch(app, action);
	if (app->view != APP_VIEW_MAIN)
		return reaction | overlay_dispatch(app, action);
	switch (action) {
	case ACTION_REVIEW:
		return start_review(app);
	case ACTION_WIZARD:
		app->view = APP_VIEW_WIZARD;
		app->wizard.walking = false;
		app->wizard.cursor = 0;
		return APP_REDRAW;
	case ACTION_BOOKMARK:
		return toggle_bookmark(app);
	case ACTION_BOOKMARKS:
		app->view = APP_VIEW_BOOKMARKS;
		app->bookmark_cursor = 0;
		return APP_REDRAW;
	case ACTION_EDIT_NOTE:
		return edit_note(app);
	case ACTION_SEARCH:
		if (app->reader.full_width || app->focus == APP_FOCUS_READER)
			break; /* the reader searches its page */
		app->view = APP_VIEW_SEARCH;
		app->prompt.kind = APP_PROMPT_SEARCH;
		app->prompt.len = 0;
		app->prompt.text[0] = '\0';
		app->search.count = app->search.total = 0;
		return APP_REDRAW;
	case ACTION_EXAM:
		return exam_open(app);
	case ACTION_QUIT:
		if (app->reader.full_width) {
			app->reader.full_width = false;
			return APP_REDRAW;
		}
		return APP_QUIT;
	case ACTION_CLOSE:
		if (app->reader.full_width) {
			app->reader.full_width = false;
			return APP_REDRAW;
		}
		return reaction;
	case ACTION_HELP:
	case ACTION_DASHBOARD:
		app->view = action == ACTION_HELP ? APP_VIEW_HELP : APP_VIEW_DASHBOARD;
		app->overlay_top = 0;
		return APP_REDRAW;
	case ACTION_FULL_WIDTH:
		app->reader.full_width = !app->reader.full_width;
		if (app->reader.full_width)
			app->focus = APP_FOCUS_READER;
		return APP_REDRAW;
	case ACTION_FOCUS_NEXT:
	case ACTION_FOCUS_PREV:
		if (app->reader.full_width)
			app->reader.full_width = false;
		app->focus = (enum app_focus)((app->focus + (action == ACTION_FOCUS_NEXT ? 1 : APP_FOCUS_COUNT - 1)) %
					      APP_FOCUS_COUNT);
		reader_maybe_mark_read(app);
		return APP_REDRAW;
	default:
		break;
	}
	if (app->reader.full_width || app->focus == APP_FOCUS_READER)
		return reaction | reader_dispatch(app, action);
	if (app->focus == APP_FOCUS_QUIZ)
		return reaction | quiz_dispatch(app, action, arg);
	return reaction | tree_dispatch(app, action);
}

/* ---- life cycle ----------------------------------------------------------- */

struct app *app_new(const struct content_pack *pack, struct study *study, struct journal *journal,
		    bool ascii)
{
	struct app *app = calloc(1, sizeof *app);
	if (!app)
		return NULL;
	app->pack = pack;
	app->study = study;
	app->journal = journal;
	app->ascii = ascii;
	size_t nd = pack->meta->domains_count, nt = pack->topic_count;
	app->tree.domain_open = calloc(nd ? nd : 1, sizeof *app->tree.domain_open);
	app->tree.topic_open = calloc(nt ? nt : 1, sizeof *app->tree.topic_open);
	app->tree.rows = calloc(nd + nt + 1, sizeof *app->tree.rows);
	app->reader.domain_pages = calloc(nd ? nd : 1, sizeof *app->reader.domain_pages);
	if (!app->tree.domain_open || !app->tree.topic_open || !app->tree.rows || !app->reader.domain_pages) {
		app_free(app);
		return NULL;
	}
	/* Areas start open so a domain shows its topics in one step. */
	for (size_t i = 0; i < nt; i++)
		app->tree.topic_open[i] = pack->topics[i]->depth == 0;
	app->reader.link = -1;
	app->reader.shown = (struct app_place){APP_NODE_DOMAIN, -1, 0};
	app->quiz.scope = (struct app_place){APP_NODE_DOMAIN, -1, 0};
	app->new_per_day = 10;
	app->review.stale = true;
	tree_rebuild(app);
	follow_tree_cursor(app);
	if (study->exam.active) {
		app->view = APP_VIEW_EXAM;
		app->exam.stage = APP_EXAM_RESUME;
	}
	if (!journal)
		app_status(app, true, "Progress is NOT being saved (no state folder)");
	return app;
}

void app_free(struct app *app)
{
	if (!app)
		return;
	reader_drop_page(app);
	drop_domain_pages(app);
	free(app->reader.domain_pages);
	manfmt_free(app->quiz.page);
	manfmt_free(app->exam.page);
	exam_free(app->exam.exam);
	search_index_free(app->search.index);
	free(app->quiz.questions);
	free(app->tree.domain_open);
	free(app->tree.topic_open);
	free(app->tree.rows);
	free(app);
}

void app_set_geometry(struct app *app, int reader_width, int reader_height, int tree_height,
		      int quiz_width, int quiz_height, int overlay_width, int overlay_height)
{
	app->overlay_width = overlay_width;
	app->reader_width = reader_width;
	app->reader_height = reader_height;
	app->tree_height = tree_height;
	app->quiz_width = quiz_width;
	app->quiz_height = quiz_height;
	app->overlay_height = overlay_height;
	if (app->reader.top > reader_max_top(app))
		app->reader.top = reader_max_top(app);
	if (app->quiz.top > quiz_max_top(app))
		app->quiz.top = quiz_max_top(app);
	tree_scroll_into_view(app);
}
