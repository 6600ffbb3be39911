/* view_dashboard — progress per exam domain, as bars. */
#include "mlcert/view_dashboard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mlcert/clock.h"
#include "mlcert/study.h"
#include "mlcert/text.h"
#include "mlcert/xalloc.h"

/* A bar of width cells on row y (-1: not shown), filled in proportion
 * part/whole: two runs, one call each. */
static void bar(struct ui_sink *s, int y, int x, int width, size_t part, size_t whole)
{
	if (y < 0 || width <= 0)
		return;
	int filled = whole ? (int)((part * (size_t)width + whole / 2) / whole) : 0;
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
static void domain_block(struct ui_sink *s, const char *title, int weight,
			 const struct study_stats *st, bool total)
{
	char buf[512];
	if (weight > 0)
		snprintf(buf, sizeof buf, "%s  (%d%% of the exam)", title, weight);
	else
		snprintf(buf, sizeof buf, "%s", title);
	ui_sink_line(s, buf, total ? ROLE_HEADING : ROLE_DOMAIN);
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
		int y = ui_sink_line(s, buf, ROLE_TEXT);
		bar(s, y, 1 + label_w, bar_w, rows[r].part, rows[r].whole);
	}
}

struct title_lines {
	struct ui_sink *sink;
	const char *id;
	bool first;
};

/* One line of a wrapped objective title: the id before the first, the
 * continuation indented under it. */
static void title_line(void *ctx, const char *line, size_t len)
{
	struct title_lines *t = ctx;
	char buf[512];
	snprintf(buf, sizeof buf, "  %-4s %.*s", t->first ? t->id : "", (int)len, line);
	ui_sink_line(t->sink, buf, ROLE_TEXT);
	t->first = false;
}

/* Per objective of the guide: its title (wrapped, never cut), then a bar of the questions whose
 * latest answer was right, with how many were answered at all. */
static bool objectives(struct app *app, struct ui_sink *s)
{
	const struct content_pack *pack = app->pack;
	if (!pack->objective_count)
		return false;
	struct study_mastery *m = xcalloc(pack->objective_count, sizeof *m);
	study_objective_mastery(app->log.study, m);
	ui_sink_line(s, "Mastery per objective (latest answer right)", ROLE_HEADING);
	char buf[512], nums[64];
	int label_w = 18, num_w = 22;
	int bar_w = s->width - 2 - label_w - num_w - 2;
	if (bar_w > 40)
		bar_w = 40;
	for (size_t k = 0; k < pack->objective_count; k++) {
		const struct content_objective *ob = pack->objectives[k];
		struct title_lines t = {s, ob->id, true};
		text_wrap(ob->title, strlen(ob->title), s->width > 12 ? s->width - 8 : 4, title_line, &t);
		snprintf(nums, sizeof nums, "%zu/%zu right, %zu seen", m[k].right_latest, m[k].total,
			 m[k].answered);
		snprintf(buf, sizeof buf, "  %-*s%*s%s", label_w - 2, "    mastery", bar_w > 0 ? bar_w + 1 : 0, "",
			 nums);
		int y = ui_sink_line(s, buf, ROLE_DIM);
		bar(s, y, 1 + label_w, bar_w, m[k].right_latest, m[k].total);
	}
	free(m);
	return true;
}

static void date_text(int64_t t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(buf, size, "%Y-%m-%d", &tm);
}

/* A recall figure, or "-" for no evidence (nothing answered there). */
static void recall_text(double r, char *buf, size_t size)
{
	if (r < 0)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%.0f%%", 100 * r);
}

/* Predicted recall per domain now and on the exam date, from the questions
 * answered only, with the coverage they rest on beside them. Counting
 * lines (no window) needs no numbers, so it computes none. */
static void readiness(struct app *app, struct ui_sink *s)
{
	const struct content_pack *pack = app->pack;
	size_t nd = pack->meta->domains_count;
	int64_t now = clock_now(), exam = app->log.study->exam_date;
	double *ready_now = xcalloc(2 * (nd ? nd : 1), sizeof *ready_now);
	double *ready_exam = ready_now + (nd ? nd : 1);
	double overall_now = STUDY_NO_EVIDENCE, overall_exam = STUDY_NO_EVIDENCE;
	struct study_coverage cov = {0};
	if (s->win) {
		overall_now = study_readiness(app->log.study, now, ready_now);
		if (exam)
			overall_exam = study_readiness(app->log.study, exam, ready_exam);
		study_coverage(app->log.study, &cov);
	}
	char buf[512], when[32] = "", a[16], b[16];
	if (exam)
		date_text(exam, when, sizeof when);
	ui_sink_line(s, "Readiness: predicted recall (FSRS) of the questions you answered", ROLE_HEADING);
	int cols = snprintf(buf, sizeof buf, "  Based on: seen %u%% of the questions", percent(cov.questions_seen,
											      cov.questions_total));
	if (cov.objectives_total && cols > 0)
		snprintf(buf + cols, sizeof buf - (size_t)cols, " in %zu of %zu objectives", cov.objectives_seen,
			 cov.objectives_total);
	ui_sink_line(s, buf, ROLE_TEXT);
	snprintf(buf, sizeof buf, "  %-44s %6s %9s %9s", "", "weight", "now", exam ? when : "exam day");
	ui_sink_line(s, buf, ROLE_DIM);
	for (unsigned d = 0; d < nd; d++) {
		if (pack->meta->domains[d].weight == 0)
			continue;
		char *title = text_sanitize(pack->meta->domains[d].title, app->options.ascii);
		recall_text(ready_now[d], a, sizeof a);
		if (exam)
			recall_text(ready_exam[d], b, sizeof b);
		snprintf(buf, sizeof buf, "  %-44.44s %5d%% %9s %9s", title ? title : "",
			 pack->meta->domains[d].weight, a, exam ? b : "-");
		free(title);
		ui_sink_line(s, buf, ROLE_TEXT);
	}
	recall_text(overall_now, a, sizeof a);
	if (exam)
		recall_text(overall_exam, b, sizeof b);
	snprintf(buf, sizeof buf, "  %-44s %6s %9s %9s", "Overall, weighted like the exam", "", a, exam ? b : "-");
	ui_sink_line(s, buf, ROLE_HEADING);
	ui_sink_line(s, "  (- : nothing answered there yet, so nothing to predict)", ROLE_DIM);
	if (!exam) {
		snprintf(buf, sizeof buf, "  Press %s to set your exam date and see the forecast for that day.",
			 ui_key(KEYS_DASHBOARD, ACTION_SET_EXAM_DATE).name);
		ui_sink_line(s, buf, ROLE_DIM);
	}
	free(ready_now);
}

static void forecast(struct app *app, struct ui_sink *s)
{
	unsigned counts[STUDY_FORECAST_DAYS] = {0};
	if (s->win)
		study_forecast(app->log.study, clock_now(), counts);
	ui_sink_line(s, "Reviews due, next 14 days (today first)", ROLE_HEADING);
	char buf[512];
	size_t n = (size_t)snprintf(buf, sizeof buf, "  ");
	for (int i = 0; i < STUDY_FORECAST_DAYS && n + 8 < sizeof buf; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%4u", counts[i]);
	ui_sink_line(s, buf, ROLE_TEXT);
	n = (size_t)snprintf(buf, sizeof buf, "  ");
	for (int i = 0; i < STUDY_FORECAST_DAYS && n + 8 < sizeof buf; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%4s", i == 0 ? "now" : i % 7 == 0 ? "+7d" : ".");
	ui_sink_line(s, buf, ROLE_DIM);
}

/* Twelve weeks of answers, one cell a day, Monday at the top. */
static void heatmap(struct app *app, struct ui_sink *s)
{
	static const char *const blocks[] = {"\xC2\xB7", "\xE2\x96\x91", "\xE2\x96\x92",
					      "\xE2\x96\x93", "\xE2\x96\x88"};
	static const char *const ascii[] = {".", ":", "o", "O", "#"};
	static const char *const days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
	unsigned counts[STUDY_HEATMAP_DAYS] = {0};
	int64_t now = clock_now();
	if (s->win)
		study_heatmap(app->log.study, now, counts);
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
	bool use_ascii = app->options.ascii;
	ui_sink_line(s, "Answers per day, last 12 weeks (today at the right)", ROLE_HEADING);
	for (int wd = 0; wd < 7; wd++) {
		char buf[256];
		size_t n = (size_t)snprintf(buf, sizeof buf, "  %s ", days[wd]);
		for (int w = 0; w < 12; w++) {
			const char *cell = grid[wd][w] < 0 ? " " : (use_ascii ? ascii : blocks)[grid[wd][w]];
			n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", cell, cell);
		}
		ui_sink_line(s, buf, ROLE_BAR_FILL);
	}
	ui_sink_line(s, use_ascii ? "  none . 1-2 : 3-5 o 6-10 O more #"
			      : "  none \xC2\xB7  1-2 \xE2\x96\x91  3-5 \xE2\x96\x92  6-10 \xE2\x96\x93  more \xE2\x96\x88",
		 ROLE_DIM);
}

struct wrap_sink {
	struct ui_sink *sink;
	enum ui_role role;
	const char *indent; /* of the lines after the first */
	bool first;
};

static void wrap_line(void *ctx, const char *line, size_t len)
{
	struct wrap_sink *w = ctx;
	char buf[512];
	snprintf(buf, sizeof buf, "%s%.*s", w->first ? "" : w->indent, (int)len, line);
	w->first = false;
	ui_sink_line(w->sink, buf, w->role);
}

/* A line of text wrapped to the width, the lines after the first indented:
 * what the top of the dashboard says is never cut off. */
static void wrapped(struct ui_sink *s, const char *text, enum ui_role role, const char *indent)
{
	struct wrap_sink w = {s, role, indent, true};
	int width = s->width - s->x - 1 - (int)strlen(indent);
	text_wrap(text, strlen(text), width > 10 ? width : 10, wrap_line, &w);
}

/* The top: what to do now, the predicted recall with the coverage it rests
 * on, and the weakest objective by name. */
static void next_step(struct app *app, struct ui_sink *s)
{
	char buf[512], a[16], b[16];
	app_next_step(app, buf, sizeof buf);
	wrapped(s, buf, ROLE_HEADING, "     ");
	int64_t exam = app->log.study->exam_date;
	struct study_coverage cov;
	study_coverage(app->log.study, &cov);
	double now = study_readiness(app->log.study, clock_now(), NULL);
	double later = exam ? study_readiness(app->log.study, exam, NULL) : STUDY_NO_EVIDENCE;
	int n;
	if (now < 0) {
		n = snprintf(buf, sizeof buf, "Predicted recall: nothing answered yet, so nothing to predict; seen %u%% of the questions",
			     percent(cov.questions_seen, cov.questions_total));
	} else {
		recall_text(now, a, sizeof a);
		recall_text(later, b, sizeof b);
		n = snprintf(buf, sizeof buf, "Predicted recall %s now%s%s%s, of the questions you answered: seen %u%% of the questions",
			     a, exam ? ", " : "", exam ? b : "", exam ? " on the exam day" : "",
			     percent(cov.questions_seen, cov.questions_total));
	}
	if (cov.objectives_total && n > 0 && (size_t)n < sizeof buf)
		snprintf(buf + n, sizeof buf - (size_t)n, " in %zu of %zu objectives", cov.objectives_seen,
			 cov.objectives_total);
	wrapped(s, buf, ROLE_TEXT, "  ");
	int weakest;
	if (study_weakest_objectives(app->log.study, &weakest, 1)) {
		const struct content_objective *ob = app->pack->objectives[weakest];
		snprintf(buf, sizeof buf, "Weakest objective: %s %s (%s, custom study, quizzes it)", ob->id, ob->title,
			 ui_key(KEYS_ANY, ACTION_CUSTOM_STUDY).name);
		wrapped(s, buf, ROLE_TEXT, "  ");
	}
}

static size_t build(struct app *app, struct ui_sink *s)
{
	const struct content_pack *pack = app->pack;
	char buf[512];
	next_step(app, s);
	snprintf(buf, sizeof buf, "Progress: %s (guide %s) - %s or %s closes", pack->meta->title,
		 pack->meta->guide_version, ui_key(KEYS_ANY, ACTION_CLOSE).name, ui_key(KEYS_ANY, ACTION_QUIT).name);
	ui_sink_line(s, buf, ROLE_HEADING);
	ui_sink_line(s, "", ROLE_TEXT);
	for (unsigned d = 0; d < pack->meta->domains_count; d++) {
		struct study_stats st;
		study_domain_stats(app->log.study, (int)d, &st);
		domain_block(s, pack->meta->domains[d].title, pack->meta->domains[d].weight, &st, false);
		ui_sink_line(s, "", ROLE_TEXT);
	}
	struct study_stats total;
	study_domain_stats(app->log.study, -1, &total);
	domain_block(s, "All domains", 0, &total, true);
	ui_sink_line(s, "", ROLE_TEXT);
	if (objectives(app, s))
		ui_sink_line(s, "", ROLE_TEXT);
	readiness(app, s);
	ui_sink_line(s, "", ROLE_TEXT);
	forecast(app, s);
	ui_sink_line(s, "", ROLE_TEXT);
	heatmap(app, s);
	return s->index;
}

static size_t lines(struct app *app, int width)
{
	struct ui_sink s = {.width = width};
	return build(app, &s);
}

static void draw(struct app *app, const struct ui_frame *frame)
{
	WINDOW *win = frame->overlay;
	werase(win);
	int rows = getmaxy(win), shown = app_page_rows(app->overlay_lines, rows);
	struct ui_sink s = {win, frame->theme, 0, app->overlay_top, 0, shown, 1, getmaxx(win)};
	build(app, &s);
	if (shown < rows)
		ui_more(win, frame->theme, KEYS_DASHBOARD, shown, getmaxx(win), app->overlay_top, shown,
			app->overlay_lines);
	wnoutrefresh(win);
}

static const struct ui_keymap keys = {KEYS_DASHBOARD, false};

static const struct ui_keymap *keymap(const struct app *app)
{
	(void)app;
	return &keys;
}

const struct ui_view view_dashboard = {draw, keymap, lines};
