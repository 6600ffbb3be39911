/* app_custom — custom study: the list of what can be quizzed (wrong
 * answers, flagged questions, the weakest objectives, each objective) and
 * starting a quiz of one; the quiz itself is the quiz panel's (app_quiz). */
#include <stdio.h>
#include <stdlib.h>

#include "mlcert/app_internal.h"
#include "mlcert/xalloc.h"

/* Rows: one per selection before STUDY_SELECT_OBJECTIVE, then one per
 * objective; a row's number is its custom scope's index (app.h). */
static size_t row_count(const struct app *app)
{
	return STUDY_SELECT_OBJECTIVE + app->pack->objective_count;
}

size_t app_custom_row(const struct app *app, size_t row, char *buf, size_t size)
{
	size_t questions = row < app->custom.count ? app->custom.counts[row] : 0;
	if (row >= STUDY_SELECT_OBJECTIVE) {
		const struct content_objective *ob = app->pack->objectives[row - STUDY_SELECT_OBJECTIVE];
		snprintf(buf, size, "%s %s", ob->id, ob->title);
		return questions;
	}
	if (row == STUDY_SELECT_WEAKEST) {
		int weakest[STUDY_WEAKEST_COUNT];
		size_t n = study_weakest_objectives(app->log.study, weakest, STUDY_WEAKEST_COUNT);
		int w = snprintf(buf, size, "Weakest objectives:");
		for (size_t k = 0; k < n && w > 0 && (size_t)w < size; k++)
			w += snprintf(buf + w, size - (size_t)w, "%s %s", k ? "," : "", app->pack->objectives[weakest[k]]->id);
		if (!n)
			snprintf(buf, size, "Weakest objectives (this pack has none)");
		return questions;
	}
	if (row == STUDY_SELECT_WRONG)
		snprintf(buf, size, "Wrong answers: the latest answer was wrong");
	else
		snprintf(buf, size, "Flagged questions (%s flags one)", app_key(app, ACTION_FLAG, -1).name);
	return questions;
}

unsigned app_custom_open(struct app *app)
{
	size_t n = row_count(app);
	int *scratch = xcalloc(app->pack->question_count ? app->pack->question_count : 1, sizeof *scratch);
	app->custom.counts = xreallocarray(app->custom.counts, n, sizeof *app->custom.counts);
	for (size_t r = 0; r < n; r++) {
		int what = r < STUDY_SELECT_OBJECTIVE ? (int)r : STUDY_SELECT_OBJECTIVE;
		app->custom.counts[r] = study_select(app->log.study, (enum study_selection)what,
						     (int)r - STUDY_SELECT_OBJECTIVE, scratch, app->pack->question_count);
	}
	free(scratch);
	app->custom.count = n;
	app->custom.list = (struct app_list){0, 0};
	app->view = APP_VIEW_CUSTOM;
	return APP_REDRAW;
}

/* Starts the quiz of a row in the quiz panel. */
static unsigned start(struct app *app, size_t row)
{
	if (!app->custom.counts[row]) {
		char title[256];
		app_custom_row(app, row, title, sizeof title);
		app_status(app, false, "Nothing to study there yet: %s", title);
		return APP_REDRAW;
	}
	app->view = APP_VIEW_MAIN;
	app->reader.full_width = false;
	if (app->quiz.scope.kind == APP_NODE_CUSTOM)
		app->quiz.scope.index = -1; /* a new list, even of the same study */
	app_quiz_set_scope(app, APP_NODE_CUSTOM, (int)row);
	app->focus = APP_FOCUS_QUIZ;
	app_status(app, false, "Custom study: %zu question%s; %s goes back to the topics", app->quiz.count,
		   app->quiz.count == 1 ? "" : "s", app_key(app, ACTION_CLOSE, -1).name);
	return APP_REDRAW;
}

unsigned app_custom_dispatch(struct app *app, enum action action, int arg)
{
	(void)arg;
	struct app_list *list = &app->custom.list;
	if (app_list_move(list, action, app->custom.count, app->geometry.list_rows))
		return APP_REDRAW;
	switch (action) {
	case ACTION_OPEN:
		return list->cursor < app->custom.count ? start(app, list->cursor) : APP_UNCHANGED;
	case ACTION_CLOSE:
	case ACTION_QUIT:
	case ACTION_CUSTOM_STUDY:
		app->view = APP_VIEW_MAIN;
		return APP_REDRAW;
	default:
		return APP_UNCHANGED;
	}
}
