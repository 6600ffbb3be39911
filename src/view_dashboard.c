/* view_dashboard — progress per exam domain, as bars. */
#include "mlcert/view_dashboard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mlcert/clock.h"
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

/* A bar of width cells, filled in proportion part/whole: two runs, one call each. */
static void bar(struct line_sink *s, int y_index, int x, int width, size_t part, size_t whole)
{
	if (!s->win || width <= 0 || y_index < (int)s->top || y_index >= (int)(s->top + (size_t)s->height))
		return;
	int filled = whole ? (int)((part * (size_t)width + whole / 2) / whole) : 0;
	int y = y_index - (int)s->top;
	const char *cell[2] = {s->theme->ascii ? "." : "\xE2\x96\x91", s->theme->ascii ? "#" : "\xE2\x96\x88"};
	char run[40 * 3 + 1];
	for (int full = 1, from = 0; full >= 0; full--) {
		int n = full ? filled : width - filled;
		size_t len = 0, step = strlen(cell[full]);
		for (int i = 0; i < n && len + step < sizeof run; i++, len += step)
			memcpy(run + len, cell[full], step);
		run[len] = '\0';
		wattrset(s->win, s->theme->attr[full ? ROLE_BAR_FILL : ROLE_BAR_EMPTY]);
		mvwaddstr(s->win, y, x + from, run);
		from += n;
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

static void date_text(int64_t t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(buf, size, "%Y-%m-%d", &tm);
}

/* Predicted recall per domain now and on the exam date: FSRS retrievability
 * averaged over every question, so unseen questions pull it down. Counting
 * lines (no window) needs no numbers, so it computes none. */
static void readiness(struct app *app, struct line_sink *s)
{
	const struct content_pack *pack = app->pack;
	size_t nd = pack->meta->domains_count;
	int64_t now = clock_now(), exam = app->study->exam_date;
	double *ready_now = calloc(2 * (nd ? nd : 1), sizeof *ready_now);
	double *ready_exam = ready_now ? ready_now + (nd ? nd : 1) : NULL;
	double overall_now = 0, overall_exam = 0;
	if (s->win && ready_now) {
		overall_now = study_readiness(app->study, now, ready_now);
		if (exam)
			overall_exam = study_readiness(app->study, exam, ready_exam);
	}
	char buf[512], when[32] = "";
	if (exam)
		date_text(exam, when, sizeof when);
	put_line(s, "Readiness: predicted recall (FSRS), unseen questions count as 0", ROLE_HEADING);
	snprintf(buf, sizeof buf, "  %-44s %6s %9s %9s", "", "weight", "now", exam ? when : "exam day");
	put_line(s, buf, ROLE_DIM);
	for (unsigned d = 0; d < nd; d++) {
		if (pack->meta->domains[d].weight == 0)
			continue;
		char *title = text_sanitize(pack->meta->domains[d].title, s->theme ? s->theme->ascii : true);
		char later[16] = "-";
		if (exam && ready_exam)
			snprintf(later, sizeof later, "%.0f%%", 100 * ready_exam[d]);
		snprintf(buf, sizeof buf, "  %-44.44s %5d%% %8.0f%% %9s", title ? title : "",
			 pack->meta->domains[d].weight, ready_now ? 100 * ready_now[d] : 0.0, later);
		free(title);
		put_line(s, buf, ROLE_TEXT);
	}
	char later[16] = "-";
	if (exam)
		snprintf(later, sizeof later, "%.0f%%", 100 * overall_exam);
	snprintf(buf, sizeof buf, "  %-44s %6s %8.0f%% %9s", "Overall, weighted like the exam", "",
		 100 * overall_now, later);
	put_line(s, buf, ROLE_HEADING);
	if (!exam)
		put_line(s, "  Press e to set your exam date and see the forecast for that day.", ROLE_DIM);
	free(ready_now);
}

static void forecast(struct app *app, struct line_sink *s)
{
	unsigned counts[STUDY_FORECAST_DAYS] = {0};
	if (s->win)
		study_forecast(app->study, clock_now(), counts);
	put_line(s, "Reviews due, next 14 days (today first)", ROLE_HEADING);
	char buf[512];
	size_t n = (size_t)snprintf(buf, sizeof buf, "  ");
	for (int i = 0; i < STUDY_FORECAST_DAYS && n + 8 < sizeof buf; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%4u", counts[i]);
	put_line(s, buf, ROLE_TEXT);
	n = (size_t)snprintf(buf, sizeof buf, "  ");
	for (int i = 0; i < STUDY_FORECAST_DAYS && n + 8 < sizeof buf; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%4s", i == 0 ? "now" : i % 7 == 0 ? "+7d" : ".");
	put_line(s, buf, ROLE_DIM);
}

/* Twelve weeks of answers, one cell a day, Monday at the top. */
static void heatmap(struct app *app, struct line_sink *s)
{
	static const char *const blocks[] = {"\xC2\xB7", "\xE2\x96\x91", "\xE2\x96\x92",
					      "\xE2\x96\x93", "\xE2\x96\x88"};
	static const char *const ascii[] = {".", ":", "o", "O", "#"};
	static const char *const days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
	unsigned counts[STUDY_HEATMAP_DAYS] = {0};
	int64_t now = clock_now();
	if (s->win)
		study_heatmap(app->study, now, counts);
	int64_t today = study_day(now);
	int today_wd = (int)(((today + 3) % 7 + 7) % 7); /* 1970-01-01 was a Thursday */
	int grid[7][12];
	memset(grid, -1, sizeof grid);
	for (int i = 0; i < STUDY_HEATMAP_DAYS; i++) {
		int64_t day = today - (STUDY_HEATMAP_DAYS - 1 - i);
		int wd = (int)(((day + 3) % 7 + 7) % 7);
		int64_t weeks_back = ((today - today_wd) - (day - wd)) / 7;
		if (weeks_back < 0 || weeks_back > 11)
			continue;
		unsigned c = counts[i];
		grid[wd][11 - weeks_back] = c == 0 ? 0 : c <= 2 ? 1 : c <= 5 ? 2 : c <= 10 ? 3 : 4;
	}
	bool use_ascii = !s->theme || s->theme->ascii;
	put_line(s, "Answers per day, last 12 weeks (today at the right)", ROLE_HEADING);
	for (int wd = 0; wd < 7; wd++) {
		char buf[256];
		size_t n = (size_t)snprintf(buf, sizeof buf, "  %s ", days[wd]);
		for (int w = 0; w < 12; w++) {
			const char *cell = grid[wd][w] < 0 ? " " : (use_ascii ? ascii : blocks)[grid[wd][w]];
			n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", cell, cell);
		}
		put_line(s, buf, ROLE_BAR_FILL);
	}
	put_line(s, use_ascii ? "  none . 1-2 : 3-5 o 6-10 O more #"
			      : "  none \xC2\xB7  1-2 \xE2\x96\x91  3-5 \xE2\x96\x92  6-10 \xE2\x96\x93  more \xE2\x96\x88",
		 ROLE_DIM);
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
	put_line(s, "", ROLE_TEXT);
	readiness(app, s);
	put_line(s, "", ROLE_TEXT);
	forecast(app, s);
	put_line(s, "", ROLE_TEXT);
	heatmap(app, s);
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
	return ui_handle_key(app, KEYS_DASHBOARD, key);
}

const struct ui_pane_ops view_dashboard_ops = {"dashboard", KEYS_DASHBOARD, draw, handle};
