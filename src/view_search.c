/* view_search — results as they are typed; Enter opens one. */
#include "mlcert/view_search.h"

#include <stdio.h>
#include <string.h>


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

static void draw(struct app *app, WINDOW *win, const struct ui_theme *theme, bool focused)
{
	(void)focused;
	int h = getmaxy(win), w = getmaxx(win);
	char title[256];
	if (!app->prompt.text[0])
		snprintf(title, sizeof title, "Search topics, questions and links: type, Up/Down choose, Enter opens");
	else if (app->search.total > app->search.count)
		snprintf(title, sizeof title, "%zu matches for '%s' (the first %zu shown)", app->search.total,
			 app->prompt.text, app->search.count);
	else
		snprintf(title, sizeof title, "%zu match%s for '%s'", app->search.total,
			 app->search.total == 1 ? "" : "es", app->prompt.text);
	ui_header(win, theme, true, title, NULL);
	size_t rows = h > 1 ? (size_t)(h - 1) : 1;
	size_t top = app->search.cursor >= rows ? app->search.cursor - rows + 1 : 0;
	for (int y = 1; y < h; y++) {
		size_t i = top + (size_t)(y - 1);
		if (i >= app->search.count) {
			ui_put(win, y, 0, w, "", theme->attr[ROLE_TEXT]);
			continue;
		}
		char line[1024];
		describe(app, &app->search.hits[i], w, line, sizeof line);
		attr_t attr = theme->attr[i == app->search.cursor ? ROLE_CURSOR : ROLE_TEXT];
		ui_put(win, y, 0, w, line, attr);
	}
}

static unsigned handle(struct app *app, int key)
{
	return ui_handle_key(app, KEYS_PROMPT, key);
}

const struct ui_pane_ops view_search_ops = {"search", KEYS_PROMPT, draw, handle};
