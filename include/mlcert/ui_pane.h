/* ui_pane — what every pane and view shares: semantic colour roles, the
 * small ops table (draw + handle), and clipped, width-aware text output. */
#ifndef MLCERT_UI_PANE_H
#define MLCERT_UI_PANE_H

#include <curses.h>
#include <stdbool.h>

#include "mlcert/app.h"
#include "mlcert/ui_keys.h"
#include "mlcert/manfmt.h"

/* What a cell means, not what colour it is: the theme decides. */
enum ui_role {
	ROLE_TEXT,
	ROLE_TITLE_BAR,
	ROLE_HINT_KEY,
	ROLE_HINT_TEXT,
	ROLE_HEADER,        /* a pane's header line */
	ROLE_HEADER_FOCUS,  /* the focused pane's header */
	ROLE_HEADING,       /* NAME, SYNOPSIS ... */
	ROLE_CODE,
	ROLE_LINK,
	ROLE_LINK_SELECTED,
	ROLE_DIM,
	ROLE_CURSOR,        /* the tree cursor in the focused tree */
	ROLE_CURSOR_IDLE,   /* the tree cursor when the tree is not focused */
	ROLE_DOMAIN,
	ROLE_READ_MARK,
	ROLE_RIGHT,
	ROLE_WRONG,
	ROLE_CHOSEN,
	ROLE_STATUS,
	ROLE_STATUS_ERROR,
	ROLE_BAR_FILL,
	ROLE_BAR_EMPTY,
	ROLE_SEPARATOR,
	ROLE_COUNT
};

struct ui_theme {
	attr_t attr[ROLE_COUNT];
	bool ascii; /* no UTF-8 locale: ASCII marks and ACS lines */
};

struct ui_pane_ops {
	const char *name;
	enum keys_context context;
	void (*draw)(struct app *app, WINDOW *win, const struct ui_theme *theme, bool focused);
	/* Turns a key into an action in this pane's context and applies it. */
	unsigned (*handle)(struct app *app, int key);
};

/* Writes sanitised text at (y, x), clipped to width columns, and pads the
 * rest of width with spaces in the same attribute. Returns columns used. */
int ui_put(WINDOW *win, int y, int x, int width, const char *text, attr_t attr);

/* A pane header: " title " on a line of the header role. */
void ui_header(WINDOW *win, const struct ui_theme *theme, bool focused, const char *title,
	       const char *right);

/* The attribute for a man-page line style. */
attr_t ui_style_attr(const struct ui_theme *theme, enum manfmt_style style);

/* Draws page lines from top into rows [y0, y0+height) of win; every
 * occurrence of highlight (case-insensitive; NULL or "" for none) stands out. */
void ui_draw_page(WINDOW *win, const struct ui_theme *theme, const struct manfmt_page *page,
		  size_t top, int y0, int height, int width, int selected_link, const char *highlight);

/* The usual handle: look the key up in context and dispatch it. */
unsigned ui_handle_key(struct app *app, enum keys_context context, int key);

#endif
