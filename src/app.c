/* app — state, the scroll rule, the main view and the routing of every
 * action through the view table. The features live in app_*.c. */
#include "mlcert/app.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlcert/app_internal.h"
#include "mlcert/clock.h"
#include "mlcert/journal.h"
#include "mlcert/xalloc.h"

#ifdef MLCERT_VERSION
#define MLCERT_VERSION_TEXT MLCERT_VERSION
#else
#define MLCERT_VERSION_TEXT "0.0.0"
#endif

void app_status(struct app *app, bool is_error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(app->status, sizeof app->status, fmt, ap);
	va_end(ap);
	app->status_is_error = is_error;
}

bool app_saved(struct app *app, bool saved, const char *why)
{
	if (!saved) {
		app_status(app, true, "NOT SAVED: %s", why);
		app->not_saved = true;
	} else
		app->review.stale = true;
	return saved;
}

bool app_record(struct app *app, struct journal_event *e)
{
	char why[512];
	return app_saved(app, answer_record(&app->log, e, why, sizeof why), why);
}

/* Every key the UI names for action and arg, space-separated; "?" for none. */
static struct app_key all_keys(const struct app *app, enum action action, int arg)
{
	struct app_key keys = {""};
	if (app->options.key_name)
		app->options.key_name(app, action, arg, keys.name, sizeof keys.name);
	if (!keys.name[0])
		snprintf(keys.name, sizeof keys.name, "?");
	return keys;
}

struct app_key app_key(const struct app *app, enum action action, int arg)
{
	struct app_key key = all_keys(app, action, arg);
	key.name[strcspn(key.name, " ")] = '\0';
	return key;
}

struct app_key app_key_range(const struct app *app, enum action action, int first, int last)
{
	struct app_key from = all_keys(app, action, first), to = all_keys(app, action, last), range = {""};
	size_t n = 0;
	char *a = from.name, *b = to.name;
	/* the i-th key of the first arg with the i-th of the last: "a-d", then "1-4" */
	while (*a && *b && n + 1 < sizeof range.name) {
		size_t la = strcspn(a, " "), lb = strcspn(b, " ");
		int w = snprintf(range.name + n, sizeof range.name - n, "%s%.*s-%.*s", n ? " or " : "", (int)la, a,
				 (int)lb, b);
		if (w < 0 || (size_t)w >= sizeof range.name - n)
			break;
		n += (size_t)w;
		a += la + strspn(a + la, " ");
		b += lb + strspn(b + lb, " ");
	}
	return n ? range : from;
}

void app_prompt_start(struct app *app, enum app_prompt_kind kind)
{
	app->prompt.kind = kind;
	app->prompt.len = 0;
	app->prompt.text[0] = '\0';
	app->prompt.recalled = 0;
	app->prompt.origin = app->view == APP_VIEW_HELP ? app->help.top : app->reader.top;
}

void app_confirm_start(struct app *app, unsigned (*yes)(struct app *app), const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(app->confirm.question, sizeof app->confirm.question, fmt, ap);
	va_end(ap);
	app->confirm.yes = yes;
	app_prompt_start(app, APP_PROMPT_CONFIRM);
}

unsigned app_confirm_dispatch(struct app *app, enum action action, int arg)
{
	unsigned (*yes)(struct app *) = app->confirm.yes;
	app->prompt.kind = APP_PROMPT_NONE;
	app->confirm.yes = NULL;
	if (action == ACTION_PROMPT_CHAR && (arg == 'y' || arg == 'Y') && yes)
		return yes(app) | APP_REDRAW;
	app_status(app, false, "Nothing changed");
	return APP_REDRAW;
}

const char *app_place_title(const struct app *app, struct app_place place)
{
	switch (place.kind) {
	case APP_NODE_DOMAIN:
		return place.index >= 0 ? app->pack->meta->domains[place.index].title : "";
	case APP_NODE_TOPIC:
		return app->pack->topics[place.index]->title;
	case APP_NODE_CUSTOM:
		if (place.index >= STUDY_SELECT_OBJECTIVE)
			return app->pack->objectives[place.index - STUDY_SELECT_OBJECTIVE]->title;
		return place.index == STUDY_SELECT_WRONG     ? "Wrong answers"
		       : place.index == STUDY_SELECT_FLAGGED ? "Flagged questions"
							     : "Weakest objectives";
	case APP_NODE_REVIEW:
		break;
	}
	return "Review";
}

/* ---- scrolling ----------------------------------------------------------------- */

static size_t rows_of(int rows)
{
	return rows > 0 ? (size_t)rows : 1;
}

int app_page_rows(size_t lines, int rows)
{
	return rows > 1 && lines > (size_t)rows ? rows - 1 : rows;
}

int app_measure(const struct app *app, int width)
{
	if (width <= 0)
		width = 80;
	return app->options.measure > 0 && width > app->options.measure ? app->options.measure : width;
}

size_t app_page_max_top(const struct manfmt_page *page, int rows)
{
	size_t h = rows_of(rows), lines = page ? page->count : 0;
	return lines > h ? lines - h : 0;
}

/* Half a page, as less's d and u: never nothing, even on a one-line page. */
static size_t half_of(size_t rows)
{
	return rows > 1 ? rows / 2 : 1;
}

bool app_scroll(enum action action, size_t *top, size_t lines, int rows)
{
	size_t h = rows_of(rows), max_top = lines > h ? lines - h : 0;
	switch (action) {
	case ACTION_MOVE_DOWN:
		*top = *top < max_top ? *top + 1 : max_top;
		return true;
	case ACTION_MOVE_UP:
		*top = *top ? *top - 1 : 0;
		return true;
	case ACTION_HALF_PAGE_DOWN:
		h = half_of(h);
		/* fall through */
	case ACTION_PAGE_DOWN:
		*top = *top + h > max_top ? max_top : *top + h;
		return true;
	case ACTION_HALF_PAGE_UP:
		h = half_of(h);
		/* fall through */
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

void app_list_reveal(struct app_list *list, size_t first, size_t last, int rows)
{
	size_t h = rows_of(rows);
	if (first < list->top)
		list->top = first;
	else if (last >= list->top + h)
		list->top = last + 1 > h ? last + 1 - h : 0;
}

bool app_list_move(struct app_list *list, enum action action, size_t count, int rows)
{
	rows = app_page_rows(count, rows); /* the list's own rows, under it the "more" line */
	size_t h = rows_of(rows), last = count ? count - 1 : 0;
	/* what a page turn moves: the whole page, or half of it */
	size_t step = action == ACTION_HALF_PAGE_DOWN || action == ACTION_HALF_PAGE_UP ? half_of(h) : h;
	switch (action) {
	case ACTION_MOVE_DOWN:
		if (list->cursor < last)
			list->cursor++;
		break;
	case ACTION_MOVE_UP:
		if (list->cursor)
			list->cursor--;
		break;
	case ACTION_PAGE_DOWN:
	case ACTION_HALF_PAGE_DOWN:
		/* The page turns under the cursor, which keeps its row, as in less. */
		list->cursor = list->cursor + step < last ? list->cursor + step : last;
		if (list->top + h < count)
			list->top = list->top + step < count - h ? list->top + step : count - h;
		break;
	case ACTION_PAGE_UP:
	case ACTION_HALF_PAGE_UP:
		list->cursor = list->cursor > step ? list->cursor - step : 0;
		list->top = list->top > step ? list->top - step : 0;
		break;
	case ACTION_TOP:
		list->cursor = 0;
		break;
	case ACTION_BOTTOM:
		list->cursor = last;
		break;
	default:
		return false;
	}
	if (list->cursor > last)
		list->cursor = last;
	app_list_reveal(list, list->cursor, list->cursor, rows);
	return true;
}

/* ---- help ------------------------------------------------------------------------- */

struct help_entries {
	struct {
		char *keys, *text;
	} *items;
	size_t count, cap;
};

static void add_help_entry(void *ctx, const char *keys, const char *text)
{
	struct help_entries *h = ctx;
	if (h->count == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 64;
		h->items = xreallocarray(h->items, h->cap, sizeof *h->items);
	}
	h->items[h->count].keys = keys ? xstrdup(keys) : NULL;
	h->items[h->count++].text = xstrdup(text);
}

const struct manfmt_page *app_help_page(struct app *app)
{
	int width = app->geometry.page_width > 0 ? app->geometry.page_width : 79;
	if (app->help.page && app->help.page_width == width)
		return app->help.page;
	manfmt_free(app->help.page);
	app->help.matched = false; /* its line numbers were another layout's */
	struct help_entries h = {0};
	char title[256];
	snprintf(title, sizeof title, "mlcert %s: keys (%s or %s closes this help, %s searches it)",
		 MLCERT_VERSION_TEXT, app_key(app, ACTION_CLOSE, -1).name, app_key(app, ACTION_QUIT, -1).name,
		 app_key(app, ACTION_SEARCH, -1).name);
	add_help_entry(&h, NULL, title);
	if (app->options.help)
		app->options.help(add_help_entry, &h);
	add_help_entry(&h, NULL, "Progress");
	add_help_entry(&h, "",
		       "Progress is saved as you go: every answer and every topic read is on disk before the "
		       "screen confirms it.");
	struct manfmt_key_entry *entries = xcalloc(h.count, sizeof *entries);
	for (size_t i = 0; i < h.count; i++)
		entries[i] = (struct manfmt_key_entry){h.items[i].keys, h.items[i].text};
	app->help.page = manfmt_keys(entries, h.count, width, app->options.ascii);
	app->help.page_width = width;
	for (size_t i = 0; i < h.count; i++) {
		free(h.items[i].keys);
		free(h.items[i].text);
	}
	free(entries);
	free(h.items);
	return app->help.page;
}

size_t app_help_max_top(struct app *app)
{
	const struct manfmt_page *page = app_help_page(app);
	return app_page_max_top(page, app_page_rows(page->count, app->geometry.overlay_rows));
}

/* Opens help over any view, or closes it back to where it was opened. */
static unsigned toggle_help(struct app *app)
{
	if (app->view == APP_VIEW_HELP) {
		app->view = app->help.from;
		return APP_REDRAW;
	}
	app->help.from = app->view;
	app->view = APP_VIEW_HELP;
	app->help.top = 0;
	app->help.matched = false;
	return APP_REDRAW;
}

unsigned app_help_dispatch(struct app *app, enum action action, int arg)
{
	(void)arg;
	const struct manfmt_page *page = app_help_page(app);
	switch (action) {
	case ACTION_CLOSE:
	case ACTION_QUIT:
	case ACTION_HELP:
		return toggle_help(app);
	case ACTION_SEARCH:
		app_prompt_start(app, APP_PROMPT_FIND);
		return APP_REDRAW;
	case ACTION_FIND_NEXT:
	case ACTION_FIND_PREV:
		if (!app->find[0])
			app_status(app, false, "Nothing to find yet: %s searches this help",
				   app_key(app, ACTION_SEARCH, -1).name);
		else
			app_find_move(app, action == ACTION_FIND_NEXT, false);
		return APP_REDRAW;
	default:
		return app_scroll(action, &app->help.top, page->count,
				  app_page_rows(page->count, app->geometry.overlay_rows))
			       ? APP_REDRAW
			       : APP_UNCHANGED;
	}
}

/* ---- the dashboard, which only scrolls ---------------------------------------------- */

unsigned app_dashboard_dispatch(struct app *app, enum action action, int arg)
{
	(void)arg;
	switch (action) {
	case ACTION_SET_EXAM_DATE:
		app_prompt_start(app, APP_PROMPT_EXAM_DATE);
		return APP_REDRAW;
	case ACTION_CLOSE:
	case ACTION_QUIT:
	case ACTION_DASHBOARD:
		app->view = APP_VIEW_MAIN;
		return APP_REDRAW;
	default:
		/* its lines are counted by the UI */
		return app_scroll(action, &app->overlay_top, app->overlay_lines,
				  app_page_rows(app->overlay_lines, app->geometry.overlay_rows))
			       ? APP_REDRAW
			       : APP_UNCHANGED;
	}
}

/* ---- the main view's split ----------------------------------------------------------- */

enum { READER_MIN_HEIGHT = 3 }; /* its header and two lines: any less is not worth showing */

struct app_split app_main_split(struct app *app, int width, int body)
{
	int tree_w = width * 32 / 100;
	tree_w = tree_w < 22 ? 22 : tree_w > 44 ? 44 : tree_w;
	struct app_split split = {tree_w, 0, 0, width - tree_w - 1};
	if (app->reader.full_width)
		return (struct app_split){0, body, 0, width};
	bool quiz = app->focus == APP_FOCUS_QUIZ && app_current_question(app);
	/* The pane in use gets the larger share of the right side... */
	split.reader_height = body * (quiz ? 38 : 58) / 100;
	if (split.reader_height < 4)
		split.reader_height = 4;
	if (quiz) {
		/* ...and the quiz as much as its question and choices take, with its header */
		int need = (int)app_quiz_question_lines(app, split.right_width) + 1;
		if (need + split.reader_height > body) {
			if (need + READER_MIN_HEIGHT <= body)
				split.reader_height = body - need;
			else if (need <= body)
				split.reader_height = 0;
			else /* too long beside the tree: the quiz alone, the whole width */
				return (struct app_split){0, 0, body, width};
		}
	}
	split.quiz_height = body - split.reader_height;
	return split;
}

/* ---- the main view ----------------------------------------------------------------- */

/* The main view's panes, by focus; the full-width reader is the reader's. */
static unsigned (*const pane_dispatch[APP_FOCUS_COUNT])(struct app *, enum action, int) = {
	[APP_FOCUS_TREE] = app_tree_dispatch,
	[APP_FOCUS_READER] = app_reader_dispatch,
	[APP_FOCUS_QUIZ] = app_quiz_dispatch,
};

unsigned app_main_dispatch(struct app *app, enum action action, int arg)
{
	switch (action) {
	case ACTION_REVIEW:
		return app_review_start(app);
	case ACTION_CUSTOM_STUDY:
		return app_custom_open(app);
	case ACTION_WIZARD:
		app->view = APP_VIEW_WIZARD;
		app->wizard.walking = false;
		app->wizard.cursor = 0;
		return APP_REDRAW;
	case ACTION_BOOKMARK:
		return app_bookmark_toggle(app);
	case ACTION_BOOKMARKS:
		return app_bookmarks_open(app);
	case ACTION_EDIT_NOTE:
		return app_note_edit(app);
	case ACTION_SEARCH:
		if (app->reader.full_width || app->focus == APP_FOCUS_READER)
			break; /* the reader searches its page */
		return app_search_start(app);
	case ACTION_EXAM:
		return app_exam_open(app);
	case ACTION_QUIT:
	case ACTION_CLOSE:
		if (app->reader.full_width) {
			/* from the question's topic (t) straight back to the question */
			if (app->reader.back_to_quiz && app->reader.history_count == app->reader.back_to_quiz)
				return app_reader_dispatch(app, ACTION_BACK, arg);
			app->reader.full_width = false;
			app->reader.back_to_quiz = 0;
			return APP_REDRAW;
		}
		if (action == ACTION_CLOSE && app_quiz_in_session(app))
			return app_quiz_leave_session(app);
		return action == ACTION_QUIT ? APP_QUIT : APP_UNCHANGED;
	case ACTION_DASHBOARD:
		app->view = APP_VIEW_DASHBOARD;
		app->overlay_top = 0;
		return APP_REDRAW;
	case ACTION_FULL_WIDTH:
		app->reader.full_width = !app->reader.full_width;
		if (app->reader.full_width)
			app->focus = APP_FOCUS_READER;
		return APP_REDRAW;
	case ACTION_FOCUS_NEXT:
	case ACTION_FOCUS_PREV:
		app->reader.full_width = false;
		app->reader.back_to_quiz = 0;
		app->focus = (enum app_focus)((app->focus + (action == ACTION_FOCUS_NEXT ? 1 : APP_FOCUS_COUNT - 1)) %
					      APP_FOCUS_COUNT);
		app_reader_mark_read(app);
		return APP_REDRAW;
	default:
		break;
	}
	return pane_dispatch[app->reader.full_width ? APP_FOCUS_READER : app->focus](app, action, arg);
}

/* ---- dispatch ------------------------------------------------------------------------ */

/* Every view's dispatch, from the view list (app.h). */
static unsigned (*const view_dispatch[APP_VIEW_COUNT])(struct app *, enum action, int) = {
#define MLCERT_VIEW_ENTRY(e, name) [APP_VIEW_##e] = app_##name##_dispatch,
	MLCERT_VIEWS(MLCERT_VIEW_ENTRY)
#undef MLCERT_VIEW_ENTRY
};

/* Journals that arrived by a sync (or were replaced) since the last action
 * are read before this one: the screen never acts on old progress. */
static unsigned follow_journal(struct app *app)
{
	if (!app->log.journal)
		return APP_UNCHANGED;
	size_t answers = app->log.study->answer_count;
	bool changed;
	char why[512];
	if (!journal_refresh(app->log.journal, &changed, why, sizeof why)) {
		app_status(app, true, "%s", why);
		return APP_REDRAW;
	}
	if (!changed)
		return APP_UNCHANGED;
	app->review.stale = true;
	size_t arrived = app->log.study->answer_count > answers ? app->log.study->answer_count - answers : 0;
	if (arrived)
		app_status(app, false, "Progress from another device arrived: %zu new answer%s", arrived,
			   arrived == 1 ? "" : "s");
	return APP_REDRAW;
}

unsigned app_dispatch(struct app *app, enum action action, int arg)
{
	/* A tick is not the learner's: it leaves the status (a time warning, NOT
	 * SAVED) alone, but still reads what arrived by a sync. */
	if (action == ACTION_TICK)
		return follow_journal(app) |
		       (app_wants_tick(app) ? view_dispatch[app->view](app, action, arg) : APP_UNCHANGED);
	/* A status message lasts until the next action. */
	unsigned reaction = app->status[0] ? APP_REDRAW : APP_UNCHANGED;
	app->status[0] = '\0';
	app->status_is_error = false;
	reaction |= follow_journal(app);
	if (action == ACTION_REDRAW)
		return APP_REDRAW | APP_REPAINT;
	if (app->prompt.kind == APP_PROMPT_CONFIRM)
		return reaction | app_confirm_dispatch(app, action, arg);
	if (app->prompt.kind != APP_PROMPT_NONE)
		return reaction | app_prompt_dispatch(app, action, arg);
	/* Help is one key away from every view, and goes back to it. */
	if (action == ACTION_HELP)
		return reaction | toggle_help(app);
	return reaction | view_dispatch[app->view](app, action, arg);
}

/* ---- review counts --------------------------------------------------------------------- */

void app_review_counts(struct app *app, size_t *due, size_t *fresh)
{
	int64_t now = clock_now();
	if (app->review.stale || app->review.day != study_day(now)) {
		int *queue = xcalloc(app->pack->question_count, sizeof *queue);
		study_review_queue(app->log.study, now, app->options.new_per_day, queue, app->pack->question_count,
				   &app->review.due, &app->review.fresh);
		free(queue);
		app->review.day = study_day(now);
		app->review.stale = false;
	}
	*due = app->review.due;
	*fresh = app->review.fresh;
}

/* The objective whose questions are least often right, with its figures;
 * -1 when the pack has no objectives. */
static int weakest_objective(struct app *app, struct study_mastery *m)
{
	int weakest;
	if (!study_weakest_objectives(app->log.study, &weakest, 1))
		return -1;
	struct study_mastery *all = xcalloc(app->pack->objective_count, sizeof *all);
	study_objective_mastery(app->log.study, all);
	*m = all[weakest];
	free(all);
	return weakest;
}

void app_next_step(struct app *app, char *buf, size_t size)
{
	size_t due, fresh, n = 0;
	int64_t now = clock_now(), exam = app->log.study->exam_date;
	app_review_counts(app, &due, &fresh);
	struct app_key review = app_key(app, ACTION_REVIEW, -1); /* a copy: it outlives this line */
	if (due)
		n += (size_t)snprintf(buf, size, "Now: %s for %zu review%s due", review.name, due, due == 1 ? "" : "s");
	else if (fresh)
		n += (size_t)snprintf(buf, size, "Now: nothing due; %s for %zu new question%s", review.name, fresh,
				      fresh == 1 ? "" : "s");
	else
		n += (size_t)snprintf(buf, size, "Now: no reviews left today");
	struct study_mastery m;
	int weakest = weakest_objective(app, &m);
	if (weakest >= 0 && n < size)
		n += (size_t)snprintf(buf + n, size - n, "; weakest objective %s (%zu/%zu right)",
				      app->pack->objectives[weakest]->id, m.right_latest, m.total);
	if (n >= size)
		return;
	if (!exam) {
		snprintf(buf + n, size - n, "; no exam date (%s sets it)", app_key(app, ACTION_SET_EXAM_DATE, -1).name);
		return;
	}
	long long days = (long long)(study_day(exam) - study_day(now));
	if (days > 1)
		snprintf(buf + n, size - n, "; exam in %lld days", days);
	else
		snprintf(buf + n, size - n, "; exam %s", days == 1 ? "tomorrow" : days == 0 ? "today" : "date passed");
}

void app_warm_up(struct app *app)
{
	if (!app->search.index)
		app->search.index = search_index_new(app->pack);
}

/* ---- life cycle --------------------------------------------------------------------------- */

struct app *app_new(const struct content_pack *pack, struct study *study, struct journal *journal,
		    const struct app_options *options)
{
	struct app *app = xcalloc(1, sizeof *app);
	app->pack = pack;
	app->log = (struct answer_log){journal, study};
	app->options = options ? *options : (struct app_options){.new_per_day = 10};
	if (app->options.notes_dir)
		snprintf(app->notes_dir, sizeof app->notes_dir, "%s", app->options.notes_dir);
	app->options.notes_dir = NULL; /* the copy above is the one that counts */
	size_t nd = pack->meta->domains_count, nt = pack->topic_count;
	app->tree.domain_open = xcalloc(nd, sizeof *app->tree.domain_open);
	app->tree.topic_open = xcalloc(nt, sizeof *app->tree.topic_open);
	app->tree.rows = xcalloc(nd + nt + 1, sizeof *app->tree.rows);
	app->reader.domain_pages = xcalloc(nd, sizeof *app->reader.domain_pages);
	app->quiz.topic_pos = xcalloc(nt ? nt : 1, sizeof *app->quiz.topic_pos);
	app->quiz.domain_pos = xcalloc(nd ? nd : 1, sizeof *app->quiz.domain_pos);
	app->bookmarks.topics = xcalloc(nt, sizeof *app->bookmarks.topics);
	/* Areas start open so a domain shows its topics in one step. */
	for (size_t i = 0; i < nt; i++)
		app->tree.topic_open[i] = pack->topics[i]->depth == 0;
	app->reader.link = -1;
	app->reader.shown = (struct app_place){APP_NODE_DOMAIN, -1, 0};
	app->quiz.scope = (struct app_place){APP_NODE_DOMAIN, -1, 0};
	app->review.stale = true;
	app_tree_rebuild(app);
	app_tree_follow(app);
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
	app_reader_drop_page(app);
	app_reader_drop_domain_pages(app);
	free(app->reader.domain_pages);
	manfmt_free(app->quiz.page);
	manfmt_free(app->exam.page);
	manfmt_free(app->help.page);
	exam_free(app->exam.exam);
	exam_free(app->exam.past);
	search_index_free(app->search.index);
	free(app->quiz.questions);
	free(app->quiz.done);
	free(app->quiz.topic_pos);
	free(app->quiz.domain_pos);
	free(app->review.saved);
	free(app->review.saved_done);
	free(app->custom.counts);
	free(app->bookmarks.topics);
	free(app->tree.domain_open);
	free(app->tree.topic_open);
	free(app->tree.rows);
	free(app);
}

void app_set_geometry(struct app *app, const struct app_geometry *geometry)
{
	app->geometry = *geometry;
	if (app->reader.top > app_reader_max_top(app))
		app->reader.top = app_reader_max_top(app);
	if (app->quiz.top > app_quiz_max_top(app))
		app->quiz.top = app_quiz_max_top(app);
	if (app->help.top > app_help_max_top(app))
		app->help.top = app_help_max_top(app);
	app_list_reveal(&app->tree.list, app->tree.list.cursor, app->tree.list.cursor,
			app_page_rows(app->tree.row_count, app->geometry.tree_rows));
}
