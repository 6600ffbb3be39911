/* view_exam — every screen of the mock exam: intro, resume, the question
 * under the clock, navigator, confirmation, report, review and history. */
#include "mlcert/view_exam.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mlcert/answer.h"
#include "mlcert/clock.h"
#include "mlcert/text.h"
#include "mlcert/xalloc.h"

static void clock_text(char *buf, size_t size, int64_t seconds)
{
	snprintf(buf, size, "%02d:%02d:%02d", (int)(seconds / 3600), (int)(seconds / 60 % 60),
		 (int)(seconds % 60));
}

/* Writes text from row y, one column in, wrapped so none is cut; returns
 * the next free row. */
static int say(WINDOW *win, int y, const struct ui_theme *theme, enum ui_role role, const char *text)
{
	struct ui_sink s = {win, theme, 0, 0, y, getmaxy(win) - y, 0, getmaxx(win)};
	ui_sink_wrap(&s, 1, 0, text, role);
	return y + (int)s.index;
}

#define KEY(action) ui_key(KEYS_EXAM_AROUND, ACTION_##action).name

static void date_time_text(char *buf, size_t size, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(buf, size, "%Y-%m-%d %H:%M", &tm);
}

static void draw_intro(struct app *app, WINDOW *win, const struct ui_theme *t)
{
	const struct content_meta *m = app->pack->meta;
	char buf[1024], choose[64];
	int y = 1;
	snprintf(buf, sizeof buf, "Mock exam: %d questions in %d minutes, drawn to match the exam's domain weights.",
		 m->exam.questions, m->exam.minutes);
	y = say(win, y, t, ROLE_HEADING, buf);
	y++;
	y = say(win, y, t, ROLE_TEXT, "No feedback until you submit, as in the real exam.");
	keys_labels(KEYS_CHOICES, ACTION_CHOOSE, choose, sizeof choose);
	for (char *p = strchr(choose, ' '); p; p = NULL) /* "a-h 1-8" reads "a-h or 1-8" */
		memmove(p + 3, p, strlen(p) + 1), memcpy(p, " or", 3);
	snprintf(buf, sizeof buf,
		 "%s answer, %s and %s move, %s flags a question for review, %s then a letter strikes out a choice "
		 "you ruled out, %s lists every question, %s submits. The clock is always on screen, warns at 15 "
		 "and 5 minutes left and submits for you when time is up. %s pauses the exam and its clock.",
		 choose, KEY(NEXT_QUESTION), KEY(PREV_QUESTION), KEY(FLAG), KEY(STRIKE), KEY(NAVIGATOR),
		 KEY(SUBMIT_EXAM), KEY(QUIT));
	y = say(win, y, t, ROLE_TEXT, buf);
	y = say(win, y, t, ROLE_TEXT, "Only the questions you answer count as answers; the rest stay new.");
	y++;
	snprintf(buf, sizeof buf, "%s starts the exam. %s lists your finished exams. %s goes back.", KEY(OPEN),
		 KEY(EXAM_HISTORY), KEY(CLOSE));
	say(win, y, t, ROLE_STATUS, buf);
}

static void draw_resume(struct app *app, WINDOW *win, const struct ui_theme *t)
{
	const struct study_open_exam *open = &app->log.study->exam;
	const struct exam *paused = app->exam.exam;
	size_t answered = 0;
	for (size_t i = 0; !paused && i < app->pack->question_count; i++)
		answered += answer_check(app->pack->questions[i], open->picks[i]) == ANSWER_COMPLETE;
	int64_t used = open->seconds_used;
	if (paused) {
		answered = exam_answered(paused);
		used = paused->used_before;
	}
	int64_t left = (int64_t)app->pack->meta->exam.minutes * 60 - used;
	char when[64], clock[32], buf[512];
	time_t started = (time_t)open->started;
	struct tm tm;
	gmtime_r(&started, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tm);
	clock_text(clock, sizeof clock, left > 0 ? left : 0);
	int y = say(win, 1, t, ROLE_HEADING, "You have an unfinished mock exam.");
	y++;
	snprintf(buf, sizeof buf, "Started %s; %zu answered; %s left on its clock.", when, answered, clock);
	y = say(win, y, t, ROLE_TEXT, buf);
	y++;
	snprintf(buf, sizeof buf, "%s or %s resumes it. %s submits it as it stands.", KEY(OPEN), KEY(CONFIRM),
		 KEY(SUBMIT_EXAM));
	y = say(win, y, t, ROLE_STATUS, buf);
	snprintf(buf, sizeof buf, "%s discards it: none of its answers count (it asks first).", KEY(DISCARD_EXAM));
	y = say(win, y, t, ROLE_STATUS, buf);
	snprintf(buf, sizeof buf, "%s lists your finished exams. %s decides later (%s offers it again).",
		 KEY(EXAM_HISTORY), KEY(CLOSE), KEY(EXAM));
	say(win, y, t, ROLE_STATUS, buf);
}

static void draw_header(struct app *app, WINDOW *win, const struct ui_theme *t, const char *left)
{
	const struct exam *x = app->exam.exam;
	char right[128], clock[32];
	clock_text(clock, sizeof clock, exam_seconds_left(x, clock_now()));
	snprintf(right, sizeof right, "answered %zu/%zu  flagged %zu  %s left ", exam_answered(x), x->count,
		 exam_flagged(x), clock);
	if (exam_seconds_left(x, clock_now()) <= 5 * 60) /* the last minutes: the clock says so too */
		snprintf(right, sizeof right, "answered %zu/%zu  flagged %zu  ONLY %s left ", exam_answered(x),
			 x->count, exam_flagged(x), clock);
	ui_header(win, t, true, left, right);
}

/* The question page where the core laid it out: its width and rows are the
 * geometry's, so the scroll limit and the screen agree. */
static void draw_page(struct app *app, WINDOW *win, const struct ui_theme *t)
{
	const struct app_geometry *g = &app->geometry;
	WINDOW *body = derwin(win, g->page_rows, g->page_width, getmaxy(win) - g->page_rows,
			      getmaxx(win) - g->page_width);
	if (body) {
		enum keys_context keys = app->exam.stage == APP_EXAM_RUNNING ? KEYS_EXAM : KEYS_EXAM_AROUND;
		ui_draw_page_more(body, t, keys, app_exam_page(app), app->exam.top, 0, g->page_rows, g->page_width, NULL);
		delwin(body);
	}
}

static void draw_running(struct app *app, WINDOW *win, const struct ui_theme *t)
{
	const struct exam *x = app->exam.exam;
	char left[128];
	snprintf(left, sizeof left, "Mock exam  %zu/%zu%s", x->pos + 1, x->count, x->flags[x->pos] ? "  [flagged]" : "");
	draw_header(app, win, t, left);
	draw_page(app, win, t);
}

struct row_ctx {
	const struct app *app;
	const struct ui_theme *theme;
};

static void navigator_row(void *ctx, WINDOW *win, int y, int width, size_t i, bool cursor)
{
	const struct row_ctx *r = ctx;
	const struct exam *x = r->app->exam.exam;
	const struct content_question *q = r->app->pack->questions[x->questions[i]];
	char buf[512];
	/* only what fits is copied; ui_put sanitises, and the stem's newlines go */
	snprintf(buf, sizeof buf, " %3zu  %-10s %-8s %.*s", i + 1,
		 exam_is_answered(x, i) ? "answered" : exam_is_incomplete(x, i) ? "incomplete" : "-",
		 x->flags[i] ? "flagged" : "", 4 * width, q->stem);
	for (char *p = buf; *p; p++)
		if (*p == '\n')
			*p = ' ';
	ui_put_cut(r->theme, win, y, 0, width, buf,
	       r->theme->attr[cursor ? ROLE_CURSOR : x->flags[i] ? ROLE_CHOSEN : ROLE_TEXT]);
}

static void draw_navigator(struct app *app, WINDOW *win, const struct ui_theme *t)
{
	draw_header(app, win, t, "Navigator"); /* its keys are on the hint bar */
	struct row_ctx r = {app, t};
	ui_list_draw(win, t, KEYS_EXAM, 1, app->geometry.list_rows, &app->exam.navigator, app->exam.exam->count,
		     navigator_row, &r);
}
enum position_test { UNANSWERED, INCOMPLETE, FLAGGED };

/* "3, 17-22" — every position matching the test, as ranges; an incomplete
 * one is named alone with how many of how many it has ("7 (1 of 2)"). */
static void list_positions(const struct exam *x, enum position_test test, char *buf, size_t size)
{
	size_t *numbers = xcalloc(x->count ? x->count : 1, sizeof *numbers), n = 0;
	for (size_t i = 0; i < x->count; i++)
		if (test == FLAGGED ? x->flags[i] : test == INCOMPLETE ? exam_is_incomplete(x, i) : !exam_is_answered(x, i))
			numbers[n++] = i + 1;
	if (test != INCOMPLETE) {
		text_ranges(numbers, n, buf, size);
	} else {
		size_t used = 0;
		buf[0] = '\0';
		for (size_t k = 0; k < n; k++) {
			size_t i = numbers[k] - 1;
			int w = snprintf(buf + used, size - used, "%s%zu (%u of %u)", k ? ", " : "", numbers[k],
					 choice_set_count(x->picks[i]),
					 choice_set_count(x->pack->questions[x->questions[i]]->correct));
			if (w < 0 || (size_t)w >= size - used) {
				buf[used] = '\0'; /* no half entry */
				break;
			}
			used += (size_t)w;
		}
	}
	free(numbers);
}

static void draw_confirm(struct app *app, WINDOW *win, const struct ui_theme *t)
{
	const struct exam *x = app->exam.exam;
	draw_header(app, win, t, "Submit the exam?");
	char buf[2304], list[2048];
	int y = 2;
	size_t unanswered = x->count - exam_answered(x), incomplete = exam_incomplete(x), flagged = exam_flagged(x);
	if (unanswered) {
		list_positions(x, UNANSWERED, list, sizeof list);
		snprintf(buf, sizeof buf, "%zu unanswered (they count as wrong): %s", unanswered, list);
		y = say(win, y, t, ROLE_WRONG, buf);
	} else {
		y = say(win, y, t, ROLE_TEXT, "Every question has an answer.");
	}
	if (incomplete) {
		list_positions(x, INCOMPLETE, list, sizeof list);
		snprintf(buf, sizeof buf, "%zu of them incomplete (chosen of wanted): %s", incomplete, list);
		y = say(win, y, t, ROLE_WRONG, buf);
	}
	if (flagged) {
		list_positions(x, FLAGGED, list, sizeof list);
		snprintf(buf, sizeof buf, "%zu flagged for review: %s", flagged, list);
		y = say(win, y, t, ROLE_CHOSEN, buf);
	}
	y++;
	snprintf(buf, sizeof buf, "%s submits now. %s or %s keeps going (%s lists the questions).", KEY(CONFIRM),
		 KEY(NEXT_QUESTION), KEY(CLOSE), KEY(NAVIGATOR));
	say(win, y, t, ROLE_STATUS, buf);
}

/* A percentage bar after the text of row y (-1: not shown). */
static void percent_bar(struct ui_sink *s, int y, int x0, int width, unsigned pct)
{
	if (y < 0)
		return;
	for (int i = 0; i < width && x0 + i < s->width; i++) {
		bool full = i < (int)(pct * (unsigned)width / 100);
		wattrset(s->win, s->theme->attr[full ? ROLE_BAR_FILL : ROLE_BAR_EMPTY]);
		mvwaddstr(s->win, y, x0 + i, s->theme->ascii ? (full ? "#" : ".") : (full ? "\xE2\x96\x88" : "\xE2\x96\x91"));
	}
	wattrset(s->win, A_NORMAL);
}

static unsigned percent_of(unsigned part, size_t whole)
{
	return whole ? (unsigned)((size_t)part * 100 / whole) : 0;
}

/* The report's promise about the review queue, true to the letter: the
 * study says which wrong answers are in the queue and when they are due;
 * unanswered questions are not in it, and it says so. */
static void queue_promise(struct app *app, struct ui_sink *s, const struct exam *x)
{
	struct exam_queue_effect q;
	exam_queue_effect(x, app->log.study, &q);
	char buf[512], when[128], of[64] = "";
	const char *review = ui_key(KEYS_ANY, ACTION_REVIEW).name;
	if (q.queued) {
		int64_t days = study_day(q.first_due) - study_day(clock_now());
		if (days <= 0)
			snprintf(when, sizeof when, "due now: %s reviews them", review);
		else if (days == 1)
			snprintf(when, sizeof when, "due from tomorrow (%s)", review);
		else {
			char date[32];
			date_time_text(date, sizeof date, q.first_due);
			date[10] = '\0';
			snprintf(when, sizeof when, "due from %s (%s)", date, review);
		}
		if (q.queued < q.wrong)
			snprintf(of, sizeof of, "%zu of ", q.queued);
		snprintf(buf, sizeof buf, "%s%s %zu you answered wrong %s in your review queue, %s.", of[0] ? of : "",
			 of[0] ? "the" : "The", q.wrong, q.queued == 1 && !of[0] ? "is" : "are", when);
		ui_sink_wrap(s, 1, 0, buf, ROLE_DIM);
	} else if (!q.wrong) {
		ui_sink_line(s, "None of your answers was wrong.", ROLE_DIM);
	}
	if (q.unanswered) {
		snprintf(buf, sizeof buf, "The %zu unanswered %s not in your review queue: %s new.", q.unanswered,
			 q.unanswered == 1 ? "is" : "are", q.unanswered == 1 ? "it stays" : "they stay");
		ui_sink_wrap(s, 1, 0, buf, ROLE_DIM);
	}
}

/* The score report, line by line: drawn, or only counted (win NULL) for
 * its length, which bounds its scrolling. */
static size_t build_report(struct app *app, struct ui_sink *s)
{
	const struct exam *x = app_exam_shown(app);
	const struct content_pack *pack = app->pack;
	const struct content_meta *m = pack->meta;
	char buf[512], used[32], limit[32];
	size_t total = x->count + x->missing;
	ui_sink_line(s, "", ROLE_TEXT);
	snprintf(buf, sizeof buf, "%u of %zu right: %u%%", x->right, total, percent_of(x->right, total));
	ui_sink_line(s, buf, ROLE_HEADING);
	clock_text(used, sizeof used, x->used_before);
	clock_text(limit, sizeof limit, x->limit);
	snprintf(buf, sizeof buf, "Answered %zu of %zu, %zu flagged; time used %s of %s%s.", exam_answered(x), total,
		 exam_flagged(x), used, limit, x->timed_out ? " (time ran out)" : "");
	ui_sink_wrap(s, 1, 0, buf, ROLE_TEXT);
	if (x->missing) {
		snprintf(buf, sizeof buf, "%zu of its questions are no longer in the pack: shown without them.", x->missing);
		ui_sink_wrap(s, 1, 0, buf, ROLE_DIM);
	}
	ui_sink_line(s, "", ROLE_TEXT);
	/* the domain's name gives way on a narrow screen, its figures do not */
	int name_w = s->width - 1 - (1 + 6 + 1 + 8 + 1 + 5) - 1;
	name_w = name_w > 44 ? 44 : name_w < 12 ? 12 : name_w;
	snprintf(buf, sizeof buf, "%-*s %6s %8s %5s", name_w, "Domain", "weight", "right", "score");
	ui_sink_line(s, buf, ROLE_DIM);
	int bar_w = s->width - 1 - name_w - 6 - 8 - 5 - 5;
	int x0 = 1 + name_w + 1 + 6 + 1 + 8 + 1 + 5 + 1;
	for (unsigned d = 0; d < m->domains_count; d++) {
		const struct exam_domain_score *score = &x->by_domain[d];
		if (!score->total && m->domains[d].weight == 0)
			continue;
		unsigned pct = percent_of(score->right, score->total);
		char *title = text_sanitize(m->domains[d].title, app->options.ascii), name[256];
		int cols = text_ellipsize(title, name_w, app->options.ascii, name, sizeof name);
		snprintf(buf, sizeof buf, "%s%*s %5d%% %4u/%-3u %4u%%", name, name_w - cols, "", m->domains[d].weight,
			 score->right, score->total, pct);
		free(title);
		percent_bar(s, ui_sink_line(s, buf, pct >= 70 ? ROLE_RIGHT : ROLE_TEXT), x0, bar_w, pct);
	}
	if (pack->objective_count) {
		struct exam_domain_score *by_objective = xcalloc(pack->objective_count, sizeof *by_objective);
		exam_score_by_objective(x, by_objective);
		/* an objective's id, a space and its title take the domain's name and weight columns */
		int title_w = name_w + 1;
		ui_sink_line(s, "", ROLE_TEXT);
		snprintf(buf, sizeof buf, "%-*s %8s %5s", name_w + 1 + 6, "Objective of the exam guide", "right", "score");
		ui_sink_line(s, buf, ROLE_DIM);
		for (size_t k = 0; k < pack->objective_count; k++) {
			const struct exam_domain_score *score = &by_objective[k];
			if (!score->total)
				continue; /* the exam asked nothing of it */
			unsigned pct = percent_of(score->right, score->total);
			char *title = text_sanitize(pack->objectives[k]->title, app->options.ascii), name[256];
			int cols = text_ellipsize(title, title_w, app->options.ascii, name, sizeof name);
			snprintf(buf, sizeof buf, "%-5.5s %s%*s %4u/%-3u %4u%%", pack->objectives[k]->id, name,
				 title_w - cols, "", score->right, score->total, pct);
			free(title);
			percent_bar(s, ui_sink_line(s, buf, pct >= 70 ? ROLE_RIGHT : ROLE_TEXT), x0, bar_w, pct);
		}
		free(by_objective);
	}
	ui_sink_line(s, "", ROLE_TEXT);
	ui_sink_wrap(s, 1, 0, "Google publishes no passing score; the often-quoted 70% is a guess, not a rule.",
		     ROLE_DIM);
	if (x == app->exam.exam) /* just submitted: what it did to the queue (a past one's is history) */
		queue_promise(app, s, x);
	ui_sink_line(s, "", ROLE_TEXT);
	snprintf(buf, sizeof buf, "%s reviews every question, %s only the wrong, flagged or unanswered ones.",
		 KEY(OPEN), KEY(REVIEW_FILTER));
	ui_sink_wrap(s, 1, 0, buf, ROLE_STATUS);
	snprintf(buf, sizeof buf, "%s lists every exam you finished. %s closes the report.", KEY(EXAM_HISTORY),
		 KEY(QUIT));
	ui_sink_wrap(s, 1, 0, buf, ROLE_STATUS);
	return s->index;
}

static void draw_report(struct app *app, WINDOW *win, const struct ui_theme *t)
{
	const struct exam *x = app_exam_shown(app);
	char buf[512], when[32];
	date_time_text(when, sizeof when, x->submitted);
	snprintf(buf, sizeof buf, "Score report of the mock exam of %s UTC%s", when,
		 x->timed_out ? " (time ran out)" : "");
	ui_header(win, t, true, buf, NULL);
	int rows = app->geometry.list_rows, shown = app_page_rows(app->overlay_lines, rows);
	struct ui_sink s = {win, t, 0, app->overlay_top, 1, shown, 1, getmaxx(win)};
	build_report(app, &s);
	if (shown < rows)
		ui_more(win, t, KEYS_EXAM_AROUND, 1 + shown, getmaxx(win), app->overlay_top, shown, app->overlay_lines);
}

static const char *const filter_words[APP_EXAM_FILTER_COUNT] = {"", "  (wrong only)", "  (flagged only)",
								 "  (unanswered only)"};

static void draw_review(struct app *app, WINDOW *win, const struct ui_theme *t)
{
	const struct exam *x = app_exam_shown(app);
	char left[160];
	if (x->pos >= x->count)
		return; /* an exam without questions is never reviewed */
	snprintf(left, sizeof left, "Exam review %zu/%zu: %s%s%s", x->pos + 1, x->count,
		 exam_is_answered(x, x->pos) ? (x->correct[x->pos] ? "right" : "wrong")
		 : exam_is_incomplete(x, x->pos) ? "incomplete" : "unanswered",
		 x->flags[x->pos] ? ", flagged" : "", filter_words[app->exam.filter]);
	ui_header(win, t, true, left, NULL); /* its keys are on the hint bar */
	draw_page(app, win, t);
}

struct history_ctx {
	const struct app *app;
	const struct ui_theme *theme;
};

/* One finished exam a row, newest first: its date, score, the change from
 * the one before it, the time used and a bar. */
static void history_row(void *ctx, WINDOW *win, int y, int width, size_t i, bool cursor)
{
	const struct history_ctx *h = ctx;
	const struct study *study = h->app->log.study;
	size_t k = study->exam_count - 1 - i;
	const struct study_exam_result *r = &study->exams[k];
	unsigned pct = percent_of(r->right, r->total);
	char when[64], used[64], change[16] = "", buf[512];
	date_time_text(when, sizeof when, r->time);
	clock_text(used, sizeof used, r->seconds_used);
	if (k > 0) {
		int before = (int)percent_of(study->exams[k - 1].right, study->exams[k - 1].total);
		snprintf(change, sizeof change, "%+d", (int)pct - before);
	}
	/* date, score, change from the exam before, time used, then a bar */
	snprintf(buf, sizeof buf, " %s  %3u/%-3u %3u%%  %4s  %s%s", when, r->right, r->total, pct, change, used,
		 r->timed_out ? " timed out" : "");
	ui_put_cut(h->theme, win, y, 0, width, buf, h->theme->attr[cursor ? ROLE_CURSOR : ROLE_TEXT]);
	int bar_x = 60, bar_w = width - bar_x - 1;
	if (bar_w > 20)
		bar_w = 20;
	for (int c = 0; c < bar_w; c++) {
		bool full = c < (int)(pct * (unsigned)bar_w / 100);
		wattrset(win, h->theme->attr[full ? ROLE_BAR_FILL : ROLE_BAR_EMPTY]);
		mvwaddstr(win, y, bar_x + c, h->theme->ascii ? (full ? "#" : ".") : (full ? "\xE2\x96\x88" : "\xE2\x96\x91"));
	}
	wattrset(win, A_NORMAL);
}

static void draw_history(struct app *app, WINDOW *win, const struct ui_theme *t)
{
	const struct study *study = app->log.study;
	char left[128], trend[128] = "";
	snprintf(left, sizeof left, "Mock exam history: %zu finished", study->exam_count);
	/* the trend, oldest to newest, over the last five */
	size_t n = 0, from = study->exam_count > 5 ? study->exam_count - 5 : 0;
	for (size_t k = from; k < study->exam_count && n + 16 < sizeof trend; k++)
		n += (size_t)snprintf(trend + n, sizeof trend - n, "%s%u%%", k > from ? (t->ascii ? " > " : " \xE2\x86\x92 ") : "trend ",
				      percent_of(study->exams[k].right, study->exams[k].total));
	if (n)
		snprintf(trend + n, sizeof trend - n, " ");
	ui_header(win, t, true, left, trend);
	if (!study->exam_count) {
		say(win, 2, t, ROLE_DIM, "No finished mock exam yet.");
		return;
	}
	struct history_ctx h = {app, t};
	ui_list_draw(win, t, KEYS_EXAM_AROUND, 1, app->geometry.list_rows, &app->exam.history, study->exam_count,
		     history_row, &h);
}

static void draw(struct app *app, const struct ui_frame *frame)
{
	WINDOW *win = frame->overlay;
	const struct ui_theme *theme = frame->theme;
	werase(win);
	switch (app->exam.stage) {
	case APP_EXAM_INTRO:
		draw_intro(app, win, theme);
		break;
	case APP_EXAM_RESUME:
		draw_resume(app, win, theme);
		break;
	case APP_EXAM_RUNNING:
		draw_running(app, win, theme);
		break;
	case APP_EXAM_NAVIGATOR:
		draw_navigator(app, win, theme);
		break;
	case APP_EXAM_CONFIRM:
		draw_confirm(app, win, theme);
		break;
	case APP_EXAM_REPORT:
		draw_report(app, win, theme);
		break;
	case APP_EXAM_REVIEW:
		draw_review(app, win, theme);
		break;
	case APP_EXAM_HISTORY:
		draw_history(app, win, theme);
		break;
	}
	wnoutrefresh(win);
}

/* Only the report scrolls by overlay_top. */
static size_t lines(struct app *app, int width)
{
	if (app->exam.stage != APP_EXAM_REPORT || !app_exam_shown(app))
		return 0;
	struct ui_sink s = {.width = width};
	return build_report(app, &s);
}

/* The keys in force at each stage: the answering ones while a question is
 * open, the others (start, resume, report, review, history) where letters
 * mean more. What the hint bar offers is the core's (app_hints). */
static const struct ui_keymap running_keys = {KEYS_EXAM, false};
static const struct ui_keymap around_keys = {KEYS_EXAM_AROUND, false};

static const struct ui_keymap *keymap(const struct app *app)
{
	switch (app->exam.stage) {
	case APP_EXAM_RUNNING:
	case APP_EXAM_NAVIGATOR:
	case APP_EXAM_CONFIRM:
		return &running_keys;
	case APP_EXAM_INTRO:
	case APP_EXAM_RESUME:
	case APP_EXAM_REPORT:
	case APP_EXAM_REVIEW:
	case APP_EXAM_HISTORY:
		return &around_keys;
	}
	return &running_keys;
}

const struct ui_view view_exam = {draw, keymap, lines};
