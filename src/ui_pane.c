/* ui_pane — shared drawing for views and panes. */
#include "mlcert/ui_pane.h"

#include <stdlib.h>
#include <string.h>

#include "mlcert/text.h"

const struct ui_hint ui_scroll_hints[4] = {
	{KEYS_ANY, ACTION_MOVE_DOWN, "Down"},
	{KEYS_ANY, ACTION_MOVE_UP, "Up"},
	{KEYS_ANY, ACTION_PAGE_DOWN, "Page"},
	{KEYS_ANY, ACTION_CLOSE, "Close"},
};

/* True when text may hold something a terminal must not see, or that an
 * ASCII-only screen cannot show: anything but printable ASCII. */
static bool needs_sanitising(const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		if (*p < 0x20 || *p >= 0x7f)
			return true;
	return false;
}

int ui_put(const struct ui_theme *theme, WINDOW *win, int y, int x, int width, const char *text, attr_t attr)
{
	if (width <= 0)
		return 0;
	/* Every string reaching the screen passes here: sanitise whatever was
	 * not already plain ASCII, transliterating on an ASCII screen. */
	char *clean = needs_sanitising(text) ? text_sanitize(text, theme->ascii) : NULL;
	if (clean)
		text = clean;
	int used = 0;
	size_t fit = text_fit(text, strlen(text), width, &used);
	wattrset(win, attr);
	mvwaddnstr(win, y, x, text, (int)fit);
	/* one call for the padding: per-cell waddch was a third of a frame */
	if (used < width)
		whline(win, ' ' | attr, width - used);
	wattrset(win, A_NORMAL);
	free(clean);
	return used;
}

void ui_header(WINDOW *win, const struct ui_theme *theme, bool focused, const char *title,
	       const char *right)
{
	int w = getmaxx(win);
	attr_t attr = theme->attr[focused ? ROLE_HEADER_FOCUS : ROLE_HEADER];
	char buf[512];
	snprintf(buf, sizeof buf, " %s", title);
	int right_w = right ? text_width(right, strlen(right)) + 1 : 0;
	if (right_w >= w)
		right_w = 0;
	ui_put(theme, win, 0, 0, w - right_w, buf, attr);
	if (right_w)
		ui_put(theme, win, 0, w - right_w, right_w, right, attr);
}

attr_t ui_style_attr(const struct ui_theme *theme, enum manfmt_style style)
{
	switch (style) {
	case MANFMT_HEADER:
	case MANFMT_DIM:
		return theme->attr[ROLE_DIM];
	case MANFMT_STRUCK: /* ncurses has no strike-through: dim, and its mark says it */
		return theme->attr[ROLE_DIM];
	case MANFMT_HEADING:
		return theme->attr[ROLE_HEADING];
	case MANFMT_CODE:
		return theme->attr[ROLE_CODE];
	case MANFMT_STATUS:
		return theme->attr[ROLE_WRONG];
	case MANFMT_LINK:
		return theme->attr[ROLE_LINK];
	case MANFMT_CHOSEN:
		return theme->attr[ROLE_CHOSEN];
	case MANFMT_RIGHT:
		return theme->attr[ROLE_RIGHT];
	case MANFMT_WRONG:
		return theme->attr[ROLE_WRONG];
	case MANFMT_BODY:
	case MANFMT_CHOICE:
	default:
		return theme->attr[ROLE_TEXT];
	}
}

static void highlight_matches(WINDOW *win, int y, int width, const char *text, const char *needle,
			      attr_t attr)
{
	size_t n = strlen(needle), len = strlen(text);
	for (const char *p = text; (p = text_find_caseless(p, len - (size_t)(p - text), needle)); p += n) {
		int x = text_width(text, (size_t)(p - text));
		if (x >= width)
			break;
		int used;
		size_t fit = text_fit(p, n, width - x, &used);
		wattrset(win, attr);
		mvwaddnstr(win, y, x, p, (int)fit);
		wattrset(win, A_NORMAL);
	}
}

void ui_draw_page(WINDOW *win, const struct ui_theme *theme, const struct manfmt_page *page,
		  size_t top, int y0, int rows, int width, int selected_link, const char *highlight)
{
	for (int row = 0; row < rows; row++) {
		size_t i = top + (size_t)row;
		if (!page || i >= page->count) {
			ui_put(theme, win, y0 + row, 0, width, "", theme->attr[ROLE_TEXT]);
			continue;
		}
		const struct manfmt_line *line = &page->lines[i];
		attr_t attr = ui_style_attr(theme, line->style);
		if (line->link >= 0 && line->link == selected_link)
			attr = theme->attr[ROLE_LINK_SELECTED];
		ui_put(theme, win, y0 + row, 0, width, line->text, attr);
		if (highlight && highlight[0])
			highlight_matches(win, y0 + row, width, line->text, highlight, A_REVERSE | A_BOLD);
	}
}

void ui_list_draw(WINDOW *win, const struct ui_theme *theme, int y0, int rows, const struct app_list *list,
		  size_t count, ui_row_fn *row, void *ctx)
{
	int width = getmaxx(win);
	for (int y = 0; y < rows; y++) {
		size_t item = list->top + (size_t)y;
		if (item < count)
			row(ctx, win, y0 + y, width, item, item == list->cursor);
		else
			ui_put(theme, win, y0 + y, 0, width, "", theme->attr[ROLE_TEXT]);
	}
}

int ui_sink_line(struct ui_sink *s, const char *text, enum ui_role role)
{
	size_t i = s->index++;
	if (!s->win || i < s->top || i >= s->top + (size_t)(s->rows > 0 ? s->rows : 0))
		return -1;
	int y = s->y0 + (int)(i - s->top);
	ui_put(s->theme, s->win, y, s->x, s->width - s->x, text, s->theme->attr[role]);
	return y;
}

struct ui_key ui_key(enum keys_context context, enum action action)
{
	struct ui_key key;
	keys_names(context, action, -1, key.name, sizeof key.name);
	key.name[strcspn(key.name, " ")] = '\0';
	return key;
}

unsigned ui_handle_key(struct app *app, enum keys_context context, int key)
{
	int arg = 0;
	enum action action = keys_lookup(context, key, &arg);
	if (action == ACTION_NONE)
		return APP_UNCHANGED;
	return app_dispatch(app, action, arg);
}
