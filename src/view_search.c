/* view_search — results as they are typed; Enter opens one. */
#include "mlcert/view_search.h"

#include <stdio.h>

/* One line describing a hit: its kind, its title and a hint of where it is.
 * Only what can fit is copied (a stem can be pages long); ui_put sanitises. */
static void describe(const struct app *app, const struct search_hit *h, int width, char *buf, size_t size)
{
	const struct content_pack *pack = app->pack;
	const char *kind, *a, *b;
	if (h->kind == SEARCH_TOPIC) {
		kind = "topic   ";
		a = pack->topics[h->index]->title;
		b = pack->topics[h->index]->name;
	} else if (h->kind == SEARCH_RESOURCE) {
		kind = "link    ";
		a = pack->topics[h->index]->resources[h->sub].title;
		b = pack->topics[h->index]->resources[h->sub].url;
	} else {
		kind = "question";
		a = pack->questions[h->index]->id;
		b = pack->questions[h->index]->stem;
	}
	int cap = 4 * (width > 0 ? width : 1); /* bytes: at most four a column */
	snprintf(buf, size, " %s  %.*s  -  %.*s", kind, cap, a ? a : "", cap, b ? b : "");
	for (char *p = buf; *p; p++)
		if (*p == '\n')
			*p = ' ';
}

struct row_ctx {
	const struct app *app;
	const struct ui_theme *theme;
};

static void draw_row(void *ctx, WINDOW *win, int y, int width, size_t item, bool cursor)
{
	const struct row_ctx *r = ctx;
	char line[1024];
	describe(r->app, &r->app->search.hits[item], width, line, sizeof line);
	ui_put_cut(r->theme, win, y, 0, width, line, r->theme->attr[cursor ? ROLE_CURSOR : ROLE_TEXT]);
}

static void draw(struct app *app, const struct ui_frame *frame)
{
	WINDOW *win = frame->overlay;
	char title[256];
	if (!app->prompt.text[0])
		snprintf(title, sizeof title,
			 "Search topics, questions and links: type (%s: an earlier search), %s/%s choose, %s opens",
			 ui_key(KEYS_PROMPT, ACTION_PROMPT_OLDER).name, ui_key(KEYS_PROMPT, ACTION_PROMPT_OLDER).name,
			 ui_key(KEYS_PROMPT, ACTION_PROMPT_NEWER).name, ui_key(KEYS_PROMPT, ACTION_OPEN).name);
	else if (app->search.total > app->search.count)
		snprintf(title, sizeof title, "%zu matches for '%s' (the first %zu shown)", app->search.total,
			 app->prompt.text, app->search.count);
	else
		snprintf(title, sizeof title, "%zu match%s for '%s'", app->search.total,
			 app->search.total == 1 ? "" : "es", app->prompt.text);
	ui_header(win, frame->theme, true, title, NULL);
	struct row_ctx r = {app, frame->theme};
	ui_list_draw(win, frame->theme, KEYS_PROMPT, 1, getmaxy(win) - 1, &app->search.list, app->search.count, draw_row, &r);
	wnoutrefresh(win);
}

/* Its keys are the prompt's: the prompt line takes the hint bar's place. */
static const struct ui_keymap keys = {KEYS_PROMPT, false};

static const struct ui_keymap *keymap(const struct app *app)
{
	(void)app;
	return &keys;
}

const struct ui_view view_search = {draw, keymap, NULL};
