/* view_dashboard — progress per exam domain, as bars. */
#include "mlcert/view_dashboard.h"

#include <stdio.h>
#include <string.h>

#include "mlcert/study.h"
#include "mlcert/text.h"

struct line_sink {
	WINDOW *win;
	const struct ui_theme *theme;
	size_t index, top;
	int height, width;
};

static void put_line(struct line_sink *s, const char *text, enum ui_role role)
{
	if (s->win && s->index >= s->top && s->index < s->top + (size_t)s->height)
		ui_put(s->win, (int)(s->index - s->top), 1, s->width - 1, text, s->theme->attr[role]);
	s->index++;
}

/* A bar of width cells, filled in proportion part/whole. */
static void bar(struct line_sink *s, int y_index, int x, int width, size_t part, size_t whole)
{
	if (!s->win || width <= 0 || y_index < (int)s->top || y_index >= (int)(s->top + (size_t)s->height))
		return;
	int filled = whole ? (int)((part * (size_t)width + whole / 2) / whole) : 0;
	int y = y_index - (int)s->top;
	for (int i = 0; i < width; i++) {
		bool full = i < filled;
		wattrset(s->win, s->theme->attr[full ? ROLE_BAR_FILL : ROLE_BAR_EMPTY]);
		if (s->theme->ascii)
			mvwaddch(s->win, y, x + i, full ? '#' : '.');
		else
			mvwaddstr(s->win, y, x + i, full ? "\xE2\x96\x88" : "\xE2\x96\x91");
	}
	wattrset(s->win, A_NORMAL);
}

static unsigned percent(size_t part, size_t whole)
{
	return whole ? (unsigned)((part * 100 + whole / 2) / whole) : 0;
}

/* Three bars per domain: topics read, questions seen, answers right. */
static void domain_block(struct line_sink *s, const char *title, int weight,
			 const struct study_stats *st, bool total)
{
	char buf[512];
	if (weight > 0)
		snprintf(buf, sizeof buf, "%s  (%d%% of the exam)", title, weight);
	else
		snprintf(buf, sizeof buf, "%s", title);
	put_line(s, buf, total ? ROLE_HEADING : ROLE_DOMAIN);
	int label_w = 18, num_w = 12;
	int bar_w = s->width - 2 - label_w - num_w - 2;
	if (bar_w > 40)
		bar_w = 40;
	struct {
		const char *label;
		size_t part, whole;
		bool percent_only;
	} rows[] = {
		{"topics read", st->topics_read, st->topics_total, false},
		{"questions seen", st->questions_seen, st->questions_total, false},
		{"accuracy", st->right, st->answers, true},
	};
	for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
		char nums[64];
		if (rows[r].percent_only && !rows[r].whole)
			snprintf(nums, sizeof nums, "no answers");
		else if (rows[r].percent_only)
			snprintf(nums, sizeof nums, "%u%% of %zu", percent(rows[r].part, rows[r].whole),
				 rows[r].whole);
		else
			snprintf(nums, sizeof nums, "%zu/%zu", rows[r].part, rows[r].whole);
		snprintf(buf, sizeof buf, "  %-*s%*s%s", label_w - 2, rows[r].label, bar_w > 0 ? bar_w + 1 : 0,
			 "", nums);
		int y_index = (int)s->index;
		put_line(s, buf, ROLE_TEXT);
		bar(s, y_index, 1 + label_w, bar_w, rows[r].part, rows[r].whole);
	}
}

static size_t build(struct app *app, struct line_sink *s)
{
	const struct content_pack *pack = app->pack;
	char buf[512];
	snprintf(buf, sizeof buf, "Progress: %s (guide %s) - Esc or q closes", pack->meta->title,
		 pack->meta->guide_version);
	put_line(s, buf, ROLE_HEADING);
	put_line(s, "", ROLE_TEXT);
	for (unsigned d = 0; d < pack->meta->domains_count; d++) {
		struct study_stats st;
		study_domain_stats(app->study, (int)d, &st);
		domain_block(s, pack->meta->domains[d].title, pack->meta->domains[d].weight, &st, false);
		put_line(s, "", ROLE_TEXT);
	}
	struct study_stats total;
	study_domain_stats(app->study, -1, &total);
	domain_block(s, "All domains", 0, &total, true);
	return s->index;
}

size_t view_dashboard_lines(struct app *app, int width)
{
	struct line_sink s = {.width = width};
	return build(app, &s);
}

static void draw(struct app *app, WINDOW *win, const struct ui_theme *theme, bool focused)
{
	(void)focused;
	werase(win);
	struct line_sink s = {win, theme, 0, app->overlay_top, getmaxy(win), getmaxx(win)};
	build(app, &s);
}

static unsigned handle(struct app *app, int key)
{
	return ui_handle_key(app, KEYS_OVERLAY, key);
}

const struct ui_pane_ops view_dashboard_ops = {"dashboard", KEYS_OVERLAY, draw, handle};
