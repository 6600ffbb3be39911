/* app_search — the prompt on the hint line and what it feeds: the search
 * across the pack as it is typed, finding on the page (the reader's or
 * help's), and the exam date. */
#include <stdio.h>
#include <string.h>

#include "mlcert/app_internal.h"
#include "mlcert/clock.h"

unsigned app_search_start(struct app *app)
{
	app->view = APP_VIEW_SEARCH;
	app_prompt_start(app, APP_PROMPT_SEARCH);
	app->search.count = app->search.total = 0;
	app->search.list = (struct app_list){0, 0};
	return APP_REDRAW;
}

/* The search view lives as long as its prompt: closing one closes both, so
 * no action reaches the view without the prompt. */
unsigned app_search_dispatch(struct app *app, enum action action, int arg)
{
	(void)action, (void)arg;
	app->view = APP_VIEW_MAIN;
	return APP_REDRAW;
}

static void search_update(struct app *app)
{
	app_warm_up(app);
	app->search.count = search_run(app->search.index, app->prompt.text, app->search.hits, APP_SEARCH_SHOWN,
				       &app->search.total);
	app->search.list = (struct app_list){0, 0};
}

/* Puts the quiz panel on a question: the scope of its first topic, at it. */
static void show_question(struct app *app, int question)
{
	const struct content_question *q = app->pack->questions[question];
	const struct content_topic *t = content_find_topic(app->pack, q->topics[0]);
	if (t) {
		app_tree_select(app, APP_NODE_TOPIC, t->index);
		app_quiz_set_scope(app, APP_NODE_TOPIC, t->index); /* out of a review: the question was asked for */
		app_reader_show(app, APP_NODE_TOPIC, t->index, true);
	}
	for (size_t i = 0; i < app->quiz.count; i++)
		if (app->quiz.questions[i] == question) {
			app->quiz.pos = i;
			app_quiz_reset_question(app);
		}
	app->focus = APP_FOCUS_QUIZ;
}

static void open_hit(struct app *app)
{
	if (app->search.list.cursor >= app->search.count)
		return;
	struct search_hit hit = app->search.hits[app->search.list.cursor];
	app->view = APP_VIEW_MAIN;
	app->prompt.kind = APP_PROMPT_NONE;
	if (hit.kind == SEARCH_QUESTION) {
		show_question(app, hit.index);
		return;
	}
	app_open_topic(app, hit.index);
	app->focus = APP_FOCUS_READER;
	if (hit.kind == SEARCH_RESOURCE) {
		const struct manfmt_page *page = app_reader_page(app);
		const char *url = app->pack->topics[hit.index]->resources[hit.sub].url;
		for (size_t l = 0; l < page->link_count; l++)
			if (page->links[l].kind == MANFMT_LINK_URL && strcmp(page->links[l].target, url) == 0) {
				app->reader.link = (int)l;
				app_reader_reveal_link(app);
				break;
			}
		app_status(app, false, "%s copies this link, %s opens it", app_key(app, ACTION_COPY_LINK, -1).name,
			   app_key(app, ACTION_OPEN_LINK, -1).name);
	}
}

static unsigned exam_date_entered(struct app *app)
{
	int64_t date;
	char why[512];
	/* A refused date keeps the prompt, and what was typed, for mending. */
	if (!answer_parse_exam_date(app->prompt.text, clock_now(), &date, why, sizeof why)) {
		app_status(app, true, "%s", why);
		return APP_REDRAW;
	}
	bool saved = app_saved(app, answer_set_exam_date(&app->log, date, why, sizeof why), why);
	app->prompt.kind = APP_PROMPT_NONE;
	if (saved)
		app_status(app, false, "Exam date set to %s", app->prompt.text);
	return APP_REDRAW;
}

/* The prompt's earlier entries, or NULL for a prompt that keeps none. */
static struct app_recall *recall_of(struct app *app)
{
	switch (app->prompt.kind) {
	case APP_PROMPT_SEARCH:
		return &app->prompt.searches;
	case APP_PROMPT_FIND:
		return &app->prompt.finds;
	case APP_PROMPT_EXAM_DATE:
	case APP_PROMPT_CONFIRM:
	case APP_PROMPT_NONE:
		break;
	}
	return NULL;
}

/* Keeps text as the newest entry, once: an older copy moves up. */
static void remember(struct app_recall *r, const char *text)
{
	if (!r || !text[0])
		return;
	for (size_t i = 0; i < r->count; i++)
		if (strcmp(r->items[i], text) == 0) {
			memmove(r->items[i], r->items[i + 1], (r->count - i - 1) * sizeof r->items[0]);
			r->count--;
			break;
		}
	if (r->count == APP_RECALL_MAX) {
		memmove(r->items[0], r->items[1], (APP_RECALL_MAX - 1) * sizeof r->items[0]);
		r->count--;
	}
	snprintf(r->items[r->count++], sizeof r->items[0], "%s", text);
}

static const char *newest(const struct app_recall *r)
{
	return r && r->count ? r->items[r->count - 1] : NULL;
}

/* The find text as typed: the page goes back to where the find began, then
 * to the first line from there that holds it; a miss says so and stays. */
static void find_as_typed(struct app *app)
{
	snprintf(app->find, sizeof app->find, "%s", app->prompt.text);
	struct app_find_target t = app_find_target(app);
	*t.top = app->prompt.origin;
	*t.matched = false;
	if (app->find[0])
		app_find_move(app, true, true);
}

/* Text typed so far changed: searches follow it as it is typed. */
static void prompt_changed(struct app *app)
{
	if (app->prompt.kind == APP_PROMPT_SEARCH)
		search_update(app);
	else if (app->prompt.kind == APP_PROMPT_FIND)
		find_as_typed(app);
}

static void prompt_set(struct app *app, const char *text)
{
	snprintf(app->prompt.text, sizeof app->prompt.text, "%s", text);
	app->prompt.len = strlen(app->prompt.text);
	prompt_changed(app);
}

/* Enter at an empty find prompt repeats the last find, as / Enter in less. */
static unsigned find_entered(struct app *app)
{
	app->prompt.kind = APP_PROMPT_NONE;
	if (app->prompt.text[0]) {
		remember(&app->prompt.finds, app->prompt.text);
		if (*app_find_target(app).matched)
			app_find_say(app, "");
		else
			app_status(app, false, "Pattern not found: %s", app->prompt.text);
		return APP_REDRAW;
	}
	const char *last = app->find[0] ? app->find : newest(&app->prompt.finds);
	if (!last) {
		app_status(app, false, "Nothing to find yet: type a word after %s",
			   app_key(app, ACTION_SEARCH, -1).name);
		return APP_REDRAW;
	}
	if (last != app->find)
		snprintf(app->find, sizeof app->find, "%s", last);
	app_find_move(app, true, false);
	return APP_REDRAW;
}

static unsigned prompt_enter(struct app *app)
{
	switch (app->prompt.kind) {
	case APP_PROMPT_SEARCH:
		if (!app->prompt.text[0]) {
			/* Enter on nothing brings back the last search, as / Enter in less */
			if (newest(&app->prompt.searches))
				prompt_set(app, newest(&app->prompt.searches));
			else
				app_status(app, false, "Type what to search for");
			return APP_REDRAW;
		}
		remember(&app->prompt.searches, app->prompt.text);
		if (!app->search.count)
			app_status(app, false, "No match for '%s'", app->prompt.text);
		else
			open_hit(app);
		return APP_REDRAW;
	case APP_PROMPT_FIND:
		return find_entered(app);
	case APP_PROMPT_EXAM_DATE:
		return exam_date_entered(app);
	case APP_PROMPT_CONFIRM: /* answered in app_confirm_dispatch */
	case APP_PROMPT_NONE:
		break;
	}
	return APP_UNCHANGED;
}

/* Up and Down: through the results of a search while there are some (Up
 * from the first result goes on to the earlier searches), else through
 * what was entered before, back to what was being typed. */
static unsigned prompt_recall(struct app *app, enum action action)
{
	bool in_results = app->prompt.kind == APP_PROMPT_SEARCH && app->search.count &&
			  (action == ACTION_PROMPT_NEWER || app->search.list.cursor > 0);
	if (in_results) {
		app_list_move(&app->search.list, action == ACTION_PROMPT_NEWER ? ACTION_MOVE_DOWN : ACTION_MOVE_UP,
			      app->search.count, app->geometry.list_rows);
		return APP_REDRAW;
	}
	struct app_recall *r = recall_of(app);
	if (!r)
		return APP_UNCHANGED;
	size_t back = app->prompt.recalled;
	if (action == ACTION_PROMPT_OLDER) {
		if (back == r->count) {
			app_status(app, false, r->count ? "No earlier search" : "No searches yet");
			return APP_REDRAW;
		}
		if (!back)
			snprintf(app->prompt.draft, sizeof app->prompt.draft, "%s", app->prompt.text);
		back++;
	} else {
		if (!back)
			return APP_UNCHANGED;
		back--;
	}
	prompt_set(app, back ? r->items[r->count - back] : app->prompt.draft);
	app->prompt.recalled = back;
	return APP_REDRAW;
}

/* Erases the last word and the spaces after it, as Ctrl-W in a shell. */
static void erase_word(struct app *app)
{
	size_t n = app->prompt.len;
	while (n && app->prompt.text[n - 1] == ' ')
		n--;
	while (n && app->prompt.text[n - 1] != ' ')
		n--;
	app->prompt.text[app->prompt.len = n] = '\0';
}

static unsigned prompt_close(struct app *app)
{
	if (app->prompt.kind == APP_PROMPT_SEARCH)
		app->view = APP_VIEW_MAIN;
	if (app->prompt.kind == APP_PROMPT_FIND) {
		/* cancelled: nothing found, nothing moved */
		struct app_find_target t = app_find_target(app);
		app->find[0] = '\0';
		*t.top = app->prompt.origin;
		*t.matched = false;
	}
	app->prompt.kind = APP_PROMPT_NONE;
	return APP_REDRAW;
}

unsigned app_prompt_dispatch(struct app *app, enum action action, int arg)
{
	size_t len = app->prompt.len;
	switch (action) {
	case ACTION_PROMPT_CHAR:
		if (arg >= 0x20 && arg < 0x7f && len + 1 < sizeof app->prompt.text) {
			app->prompt.text[app->prompt.len++] = (char)arg;
			app->prompt.text[app->prompt.len] = '\0';
		}
		break;
	case ACTION_PROMPT_ERASE:
		if (len)
			app->prompt.text[--app->prompt.len] = '\0';
		break;
	case ACTION_PROMPT_ERASE_WORD:
		erase_word(app);
		break;
	case ACTION_PROMPT_CLEAR:
		app->prompt.text[app->prompt.len = 0] = '\0';
		break;
	case ACTION_PROMPT_OLDER:
	case ACTION_PROMPT_NEWER:
		return prompt_recall(app, action);
	case ACTION_MOVE_DOWN:
	case ACTION_MOVE_UP:
		if (app->prompt.kind != APP_PROMPT_SEARCH)
			return APP_UNCHANGED;
		app_list_move(&app->search.list, action, app->search.count, app->geometry.list_rows);
		return APP_REDRAW;
	case ACTION_CLOSE:
		return prompt_close(app);
	case ACTION_OPEN:
		return prompt_enter(app);
	default:
		return APP_UNCHANGED;
	}
	/* typing: the text is the learner's own again, and the search follows it */
	app->prompt.recalled = 0;
	if (app->prompt.len != len)
		prompt_changed(app);
	return APP_REDRAW;
}
