/* ui_pane — what every view and pane shares: semantic colour roles, the
 * view table's entry type, the key context and hints that go with a view,
 * clipped width-aware text output, the list widget and the line sink. */
#ifndef MLCERT_UI_PANE_H
#define MLCERT_UI_PANE_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "mlcert/app.h"
#include "mlcert/manfmt.h"
#include "mlcert/ui_keys.h"

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
	ROLE_CURSOR,        /* the list cursor where the keys go */
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
	bool ascii; /* the app's decision (app_options.ascii), copied: ASCII marks and text */
};

/* Where keys are looked up; the hint bar names them from here (what it
 * offers is the core's: app_hints). */
struct ui_keymap {
	enum keys_context context;
	bool review_counts; /* the hint bar ends with the review queue's counts */
};

/* The windows of one frame, as the layout placed them. */
struct ui_frame {
	WINDOW *tree, *separator, *reader, *quiz; /* the main view's panes */
	WINDOW *overlay;                          /* every other view's */
	const struct ui_theme *theme;
};

/* A view, as the view table in ui.c holds it (one per enum app_view). */
struct ui_view {
	void (*draw)(struct app *app, const struct ui_frame *frame);
	/* The keys in force: the view's own, or (the main view) its focused pane's. */
	const struct ui_keymap *(*keymap)(const struct app *app);
	/* How many lines the content takes at width, for views scrolled by
	 * app->overlay_top; NULL for the others. */
	size_t (*line_count)(struct app *app, int width);
};

/* A pane of the main view. */
struct ui_pane {
	void (*draw)(struct app *app, WINDOW *win, const struct ui_theme *theme, bool focused);
	struct ui_keymap keys;
};

/* Writes text at (y, x), sanitised (and made ASCII when the theme is),
 * clipped to width columns, and pads the rest of width with spaces in the
 * same attribute. Returns the columns used. */
int ui_put(const struct ui_theme *theme, WINDOW *win, int y, int x, int width, const char *text, attr_t attr);

/* ui_put, but text too long for width ends in an ellipsis, so the cut shows. */
int ui_put_cut(const struct ui_theme *theme, WINDOW *win, int y, int x, int width, const char *text, attr_t attr);

/* A pane header: " title " on a line of the header role, right-aligned text
 * after it; a title too long for both is cut with an ellipsis, never run
 * into the figures. */
void ui_header(WINDOW *win, const struct ui_theme *theme, bool focused, const char *title,
	       const char *right);

/* The attribute for a man-page line style. */
attr_t ui_style_attr(const struct ui_theme *theme, enum manfmt_style style);

/* Draws page lines from top into rows [y0, y0+rows) of win; every
 * occurrence of highlight (case-insensitive; NULL or "" for none) stands out. */
void ui_draw_page(WINDOW *win, const struct ui_theme *theme, const struct manfmt_page *page,
		  size_t top, int y0, int rows, int width, int selected_link, const char *highlight);

/* The "more" line under a page or list that does not fit: how much is
 * below and the keys that scroll to it, or, at the end, how much is above.
 * Drawn on row y when lines > rows (see app_page_rows); top is the first
 * line shown. */
void ui_more(WINDOW *win, const struct ui_theme *theme, enum keys_context context, int y, int width, size_t top,
	     int rows, size_t total);

/* A page from top in rows [y0, y0+rows) of win, with the "more" line in
 * the last row when it does not all fit. */
void ui_draw_page_more(WINDOW *win, const struct ui_theme *theme, enum keys_context context,
		       const struct manfmt_page *page, size_t top, int y0, int rows, int width, const char *highlight);

/* The list widget: items from list->top into rows [y0, y0+rows) of win, one
 * call of row() each (cursor says whether it is the cursor's), blank rows
 * after the last, and the "more" line in the last row when they do not all
 * fit (app_list_move keeps the cursor above it). */
typedef void ui_row_fn(void *ctx, WINDOW *win, int y, int width, size_t item, bool cursor);
void ui_list_draw(WINDOW *win, const struct ui_theme *theme, enum keys_context context, int y0, int rows,
		  const struct app_list *list, size_t count, ui_row_fn *row, void *ctx);

/* The line sink: a view writes its content line by line; lines from top
 * are drawn from row y0 down, at column x, the rest only counted, so one
 * function both draws a view and measures it (win NULL). */
struct ui_sink {
	WINDOW *win;
	const struct ui_theme *theme;
	size_t index, top; /* the next line's number; the first shown */
	int y0, rows;      /* where the lines go */
	int x, width;      /* the text's column and the window's width */
};

/* Puts one line; returns its row on screen, or -1 when it is not shown. */
int ui_sink_line(struct ui_sink *sink, const char *text, enum ui_role role);

/* Puts text wrapped at column x (and the sink's width), so none is cut;
 * the lines after the first start hang columns further in. */
void ui_sink_wrap(struct ui_sink *sink, int x, int hang, const char *text, enum ui_role role);

/* The name of the first key for action in context, for text on screen:
 * texts name keys from the bindings, so they cannot drift from them. */
struct ui_key {
	char name[32];
};
struct ui_key ui_key(enum keys_context context, enum action action);

/* Looks key up in context and dispatches it. */
unsigned ui_handle_key(struct app *app, enum keys_context context, int key);

#endif
