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
		ui_put(theme, win, 1, 0, w, "No questions here yet: choose another topic or domain.",
		       theme->attr[ROLE_DIM]);
		for (int y = 2; y < h; y++)
			ui_put(theme, win, y, 0, w, "", theme->attr[ROLE_TEXT]);
		return;
	}
	ui_draw_page(win, theme, app_quiz_page(app), app->quiz.top, 1, h - 1, w, -1, NULL);
}

static const struct ui_hint hints[] = {
	{KEYS_CHOICES, ACTION_CHOOSE, "Choose"},   {KEYS_ANY, ACTION_OPEN, "Submit"},
	{KEYS_QUIZ, ACTION_NEXT_QUESTION, "Next"}, {KEYS_QUIZ, ACTION_MARK_GUESSED, "Guessed"},
	{KEYS_QUIZ, ACTION_MARK_EASY, "Easy"},     {KEYS_ANY, ACTION_FOCUS_NEXT, "Pane"},
	{KEYS_ANY, ACTION_HELP, "Help"},           {KEYS_ANY, ACTION_QUIT, "Quit"},
};

const struct ui_pane pane_quiz = {draw, {KEYS_QUIZ, hints, sizeof hints / sizeof hints[0], true}};
