/* view_main — the three panes and the separator. */
#include "mlcert/view_main.h"

#include "mlcert/pane_quiz.h"
#include "mlcert/pane_reader.h"
#include "mlcert/pane_tree.h"

/* The panes by focus; the full-width reader is the reader pane. */
static const struct ui_pane *const panes[APP_FOCUS_COUNT] = {
	[APP_FOCUS_TREE] = &pane_tree,
	[APP_FOCUS_READER] = &pane_reader,
	[APP_FOCUS_QUIZ] = &pane_quiz,
};

static enum app_focus focused_pane(const struct app *app)
{
	return app->reader.full_width ? APP_FOCUS_READER : app->focus;
}

static void draw_separator(WINDOW *w, const struct ui_theme *theme)
{
	wattrset(w, theme->attr[ROLE_SEPARATOR]);
	/* A plain character, not ACS: some terminals show ACS as letters. */
	for (int y = 0; y < getmaxy(w); y++)
		mvwaddstr(w, y, 0, theme->ascii ? "|" : "\xE2\x94\x82");
	wattrset(w, A_NORMAL);
	wnoutrefresh(w);
}

static void draw_pane(struct app *app, enum app_focus which, WINDOW *win, const struct ui_theme *theme)
{
	if (!win)
		return;
	panes[which]->draw(app, win, theme, focused_pane(app) == which);
	wnoutrefresh(win);
}

static void draw(struct app *app, const struct ui_frame *frame)
{
	if (app->reader.full_width) {
		draw_pane(app, APP_FOCUS_READER, frame->reader, frame->theme);
		return;
	}
	draw_pane(app, APP_FOCUS_TREE, frame->tree, frame->theme);
	if (frame->separator)
		draw_separator(frame->separator, frame->theme);
	draw_pane(app, APP_FOCUS_READER, frame->reader, frame->theme);
	draw_pane(app, APP_FOCUS_QUIZ, frame->quiz, frame->theme);
}

static const struct ui_keymap *keymap(const struct app *app)
{
	return &panes[focused_pane(app)]->keys;
}

const struct ui_view view_main = {draw, keymap, NULL};
