/* pane_quiz — the current question and, after submitting, its feedback. */
#include "mlcert/pane_quiz.h"

#include <stdio.h>

static void draw(struct app *app, WINDOW *win, const struct ui_theme *theme, bool focused)
{
	int h = getmaxy(win), w = getmaxx(win);
	const struct content_question *q = app_current_question(app);
	char title[512], right[64] = "";
	snprintf(title, sizeof title, "Quiz: %s", app_place_title(app, app->quiz.scope));
	if (q)
		snprintf(right, sizeof right, "%zu/%zu", app->quiz.pos + 1, app->quiz.count);
	ui_header(win, theme, focused, title, right);
	if (!q) {
		for (int y = 1; y < h; y++)
			ui_put(theme, win, y, 0, w, "", theme->attr[ROLE_TEXT]);
		struct ui_sink s = {win, theme, 0, 0, 1, h - 1, 0, w + 1};
		ui_sink_wrap(&s, 0, 0, "No questions here yet: choose another topic or domain.", ROLE_DIM);
		return;
	}
	/* what does not fit says so, and how to get to it */
	ui_draw_page_more(win, theme, KEYS_QUIZ, app_quiz_page(app), app->quiz.top, 1, h - 1, w, NULL);
}

const struct ui_pane pane_quiz = {draw, {KEYS_QUIZ, true}};
