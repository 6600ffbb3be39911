/* app_search — the prompt on the hint line and what it feeds: the search
 * across the pack as it is typed, finding on the reader's page, and the
 * exam date. */
#include <stdio.h>
#include <string.h>

#include "mlcert/app_internal.h"
#include "mlcert/check.h"

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
	int y, m, d;
	if (!check_parse_date(app->prompt.text, &y, &m, &d)) {
		app_status(app, true, "'%s' is not a date: type it as YYYY-MM-DD", app->prompt.text);
		return APP_REDRAW;
	}
	char why[512];
	bool saved = app_saved(app, answer_set_exam_date(&app->log, check_date_seconds(y, m, d), why, sizeof why),
			       why);
	app->prompt.kind = APP_PROMPT_NONE;
	if (saved)
		app_status(app, false, "Exam date set to %s", app->prompt.text);
	return APP_REDRAW;
}

/* Text typed so far changed: searches follow it as it is typed. */
static void prompt_changed(struct app *app)
{
	if (app->prompt.kind == APP_PROMPT_SEARCH) {
		search_update(app);
	} else if (app->prompt.kind == APP_PROMPT_FIND) {
		snprintf(app->find, sizeof app->find, "%s", app->prompt.text);
		if (app->find[0])
			app_find_move(app, true, true);
	}
}

static unsigned prompt_enter(struct app *app)
{
	switch (app->prompt.kind) {
	case APP_PROMPT_SEARCH:
		if (!app->search.count)
			app_status(app, false, "No match for '%s'", app->prompt.text);
		else
			open_hit(app);
		return APP_REDRAW;
	case APP_PROMPT_FIND:
		app->prompt.kind = APP_PROMPT_NONE;
		if (app->find[0])
			app_status(app, false, "%s and %s find the next and previous match",
				   app_key(app, ACTION_FIND_NEXT, -1).name, app_key(app, ACTION_FIND_PREV, -1).name);
		return APP_REDRAW;
	case APP_PROMPT_EXAM_DATE:
		return exam_date_entered(app);
	case APP_PROMPT_CONFIRM: /* answered in app_confirm_dispatch */
	case APP_PROMPT_NONE:
		break;
	}
	return APP_UNCHANGED;
}

unsigned app_prompt_dispatch(struct app *app, enum action action, int arg)
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
		app_list_move(&app->search.list, action, app->search.count, app->geometry.list_rows);
		return APP_REDRAW;
	case ACTION_CLOSE:
		if (app->prompt.kind == APP_PROMPT_SEARCH)
			app->view = APP_VIEW_MAIN;
		if (app->prompt.kind == APP_PROMPT_FIND)
			app->find[0] = '\0';
		app->prompt.kind = APP_PROMPT_NONE;
		return APP_REDRAW;
	case ACTION_OPEN:
		return prompt_enter(app);
	default:
		return APP_UNCHANGED;
	}
}
