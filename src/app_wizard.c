/* app_wizard — the decision wizard: choose a flow, then one question per
 * screen until a result, which opens its topic. */
#include "mlcert/app_internal.h"

/* The list of flows, before one is chosen. */
static unsigned choose_flow(struct app *app, enum action action, int arg)
{
	const struct content_pack *pack = app->pack;
	struct app_list list = {app->wizard.cursor, 0};
	if (app_list_move(&list, action, pack->flow_count, app->geometry.list_rows)) {
		app->wizard.cursor = list.cursor;
		return APP_REDRAW;
	}
	switch (action) {
	case ACTION_PICK:
		if (arg < 0 || (size_t)arg >= pack->flow_count)
			return APP_UNCHANGED;
		app->wizard.cursor = (size_t)arg;
		/* fall through */
	case ACTION_OPEN:
		if (!pack->flow_count)
			return APP_UNCHANGED;
		flow_walk_start(&app->wizard.walk, pack->flows[app->wizard.cursor]);
		app->wizard.walking = true;
		app->wizard.cursor = 0;
		return APP_REDRAW;
	default:
		return APP_UNCHANGED;
	}
}

/* A question of the flow, or its result. */
static unsigned walk(struct app *app, enum action action, int arg)
{
	struct flow_walk *w = &app->wizard.walk;
	const struct content_flow_node *node = flow_walk_current(w);
	struct app_list list = {app->wizard.cursor, 0};
	if (app_list_move(&list, action, node->options_count, app->geometry.list_rows)) {
		app->wizard.cursor = list.cursor;
		return APP_REDRAW;
	}
	switch (action) {
	case ACTION_PICK:
		app->wizard.cursor = arg < 0 ? 0 : (size_t)arg;
		/* fall through */
	case ACTION_OPEN:
		if (flow_walk_done(w)) {
			app->view = APP_VIEW_MAIN;
			if (node->topic_index >= 0) {
				app_open_topic(app, node->topic_index);
				app->focus = APP_FOCUS_READER;
			}
			return APP_REDRAW;
		}
		if (!flow_walk_choose(w, (unsigned)app->wizard.cursor)) {
			app_status(app, false, "Choose one of the %u answers", node->options_count);
			return APP_REDRAW;
		}
		app->wizard.cursor = 0;
		return APP_REDRAW;
	case ACTION_STEP_BACK:
		if (flow_walk_back(w))
			app->wizard.cursor = w->chose[w->depth];
		else
			app->wizard.walking = false;
		return APP_REDRAW;
	default:
		return APP_UNCHANGED;
	}
}

unsigned app_wizard_dispatch(struct app *app, enum action action, int arg)
{
	if (action == ACTION_CLOSE || action == ACTION_QUIT) {
		app->view = APP_VIEW_MAIN;
		return APP_REDRAW;
	}
	return app->wizard.walking ? walk(app, action, arg) : choose_flow(app, action, arg);
}
