/* pane_quiz — the current question and, after submitting, its feedback. */
#include "mlcert/pane_quiz.h"

#include <stdio.h>

#include "mlcert/text.h"

static void draw(struct app *app, WINDOW *win, const struct ui_theme *theme, bool focused)
{
	int h = getmaxy(win), w = getmaxx(win);
	const struct content_question *q = app_current_question(app);
	const char *scope = app->quiz.scope.kind == APP_NODE_DOMAIN
				    ? app->pack->meta->domains[app->quiz.scope.index].title
				    : app->pack->topics[app->quiz.scope.index]->title;
	char title[512], right[64] = "";
	snprintf(title, sizeof title, "Quiz: %s", scope);
	if (q)
		snprintf(right, sizeof right, "%zu/%zu", app->quiz.pos + 1, app->quiz.count);
	ui_header(win, theme, focused, title, right);
	if (!q) {
		ui_put(win, 1, 0, w, "No questions here yet: choose another topic or domain.",
		       theme->attr[ROLE_DIM]);
		for (int y = 2; y < h; y++)
			ui_put(win, y, 0, w, "", theme->attr[ROLE_TEXT]);
		return;
	}
	ui_draw_page(win, theme, app_quiz_page(app), app->quiz.top, 1, h - 1, w, -1, NULL);
}

static unsigned handle(struct app *app, int key)
{
	return ui_handle_key(app, KEYS_QUIZ, key);
}

const struct ui_pane_ops pane_quiz_ops = {"quiz", KEYS_QUIZ, draw, handle};
