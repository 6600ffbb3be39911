/* ui_pane — shared drawing for views and panes. */
#include "mlcert/ui_pane.h"

#include <stdlib.h>
#include <string.h>

#include "mlcert/text.h"
#include "mlcert/xalloc.h"

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

int ui_put_cut(const struct ui_theme *theme, WINDOW *win, int y, int x, int width, const char *text, attr_t attr)
{
	char *clean = text_sanitize(text, theme->ascii);
	size_t size = strlen(clean) + 4;
	char *cut = xmalloc(size);
	text_ellipsize(clean, width, theme->ascii, cut, size);
	int used = ui_put(theme, win, y, x, width, cut, attr);
	free(cut);
	free(clean);
	return used;
}

void ui_header(WINDOW *win, const struct ui_theme *theme, bool focused, const char *title,
	       const char *right)
{
	int w = getmaxx(win);
	attr_t attr = theme->attr[focused ? ROLE_HEADER_FOCUS : ROLE_HEADER];
	int right_w = right && right[0] ? text_width(right, strlen(right)) + 1 : 0;
	if (right_w + 8 > w)
		right_w = 0; /* no room for a title beside them: the title wins */
	char *clean = text_sanitize(title, theme->ascii), buf[1024], fitted[1024];
	snprintf(buf, sizeof buf, " %s", clean);
	free(clean);
	/* a column between a cut title and the figures, so they never run together */
	text_ellipsize(buf, w - right_w - (right_w ? 1 : 0), theme->ascii, fitted, sizeof fitted);
	ui_put(theme, win, 0, 0, w - right_w, fitted, attr);
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

void ui_more(WINDOW *win, const struct ui_theme *theme, enum keys_context context, int y, int width, size_t top,
	     int rows, size_t total)
{
	size_t shown_to = top + (size_t)(rows > 0 ? rows : 0);
	bool below = shown_to < total;
	enum action line = below ? ACTION_MOVE_DOWN : ACTION_MOVE_UP, page = below ? ACTION_PAGE_DOWN : ACTION_PAGE_UP;
	char keys[80], text[160];
	/* a prompt takes no paging keys: name only those that work there */
	if (context == KEYS_PROMPT)
		snprintf(keys, sizeof keys, "%s", ui_key(context, line).name);
	else
		snprintf(keys, sizeof keys, "%s, %s", ui_key(context, line).name, ui_key(context, page).name);
	const char *arrow = below ? (theme->ascii ? "v" : "\xE2\x96\xBC") : (theme->ascii ? "^" : "\xE2\x96\xB2");
	size_t count = below ? total - shown_to : top;
	/* the longest form that fits: the keys go first, then the words */
	for (int form = 0; form < 4; form++) {
		if (form == 0)
			snprintf(text, sizeof text, "%s %zu more %s (%s)", arrow, count, below ? "below" : "above", keys);
		else if (form == 1)
			snprintf(text, sizeof text, "%s %zu more (%s)", arrow, count, ui_key(context, line).name);
		else if (form == 2)
			snprintf(text, sizeof text, "%s %zu more", arrow, count);
		else
			snprintf(text, sizeof text, "%s%zu", arrow, count);
		if (text_width(text, strlen(text)) <= width)
			break;
	}
	ui_put(theme, win, y, 0, width, text, theme->attr[ROLE_STATUS]);
}

void ui_draw_page_more(WINDOW *win, const struct ui_theme *theme, enum keys_context context,
		       const struct manfmt_page *page, size_t top, int y0, int rows, int width, const char *highlight)
{
	size_t lines = page ? page->count : 0;
	int shown = app_page_rows(lines, rows);
	ui_draw_page(win, theme, page, top, y0, shown, width, -1, highlight);
	if (shown < rows)
		ui_more(win, theme, context, y0 + shown, width, top, shown, lines);
}

void ui_list_draw(WINDOW *win, const struct ui_theme *theme, enum keys_context context, int y0, int rows,
		  const struct app_list *list, size_t count, ui_row_fn *row, void *ctx)
{
	int width = getmaxx(win), shown = app_page_rows(count, rows);
	if (shown < rows)
		ui_more(win, theme, context, y0 + shown, width, list->top, shown, count);
	for (int y = 0; y < shown; y++) {
		size_t item = list->top + (size_t)y;
		if (item < count)
			row(ctx, win, y0 + y, width, item, item == list->cursor);
		else
			ui_put(theme, win, y0 + y, 0, width, "", theme->attr[ROLE_TEXT]);
	}
}

struct sink_wrap {
	struct ui_sink *sink;
	enum ui_role role;
	int hang;
};

static void sink_wrapped(void *ctx, const char *line, size_t len)
{
	struct sink_wrap *w = ctx;
	char *copy = xmalloc(len + 1);
	memcpy(copy, line, len);
	copy[len] = '\0';
	ui_sink_line(w->sink, copy, w->role);
	free(copy);
	w->sink->x += w->hang; /* the lines after the first hang under its text */
	w->hang = 0;
}

void ui_sink_wrap(struct ui_sink *s, int x, int hang, const char *raw, enum ui_role role)
{
	char *text = text_sanitize(raw, s->theme ? s->theme->ascii : false);
	for (char *p = text; *p; p++)
		if (*p == '\n')
			*p = ' ';
	int saved = s->x, room = s->width - x - 1;
	if (hang > room / 2)
		hang = 0; /* a narrow screen keeps the room for the text */
	s->x = x;
	struct sink_wrap w = {s, role, hang};
	/* the first line as wide as the rest: the rest have hang columns less */
	text_wrap(text, strlen(text), room - hang, sink_wrapped, &w);
	s->x = saved;
	free(text);
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
