/* app: the routing of every action, the main view, overlays, key names and the scroll rule, without a terminal. */
#include "app_fixture.h"

static void test_focus_cycles(void **state)
{
	struct world *w = *state;
	act(w, ACTION_FOCUS_NEXT);
	assert_int_equal(w->app->focus, APP_FOCUS_READER);
	act(w, ACTION_FOCUS_NEXT);
	assert_int_equal(w->app->focus, APP_FOCUS_QUIZ);
	act(w, ACTION_FOCUS_NEXT);
	assert_int_equal(w->app->focus, APP_FOCUS_TREE);
	act(w, ACTION_FOCUS_PREV);
	assert_int_equal(w->app->focus, APP_FOCUS_QUIZ);
}

static void test_overlays_and_quit(void **state)
{
	struct world *w = *state;
	act(w, ACTION_HELP);
	assert_int_equal(w->app->view, APP_VIEW_HELP);
	assert_int_equal(act(w, ACTION_QUIT), APP_REDRAW); /* q closes the overlay */
	assert_int_equal(w->app->view, APP_VIEW_MAIN);
	act(w, ACTION_DASHBOARD);
	assert_int_equal(w->app->view, APP_VIEW_DASHBOARD);
	act(w, ACTION_CLOSE);
	assert_int_equal(w->app->view, APP_VIEW_MAIN);
	act(w, ACTION_FULL_WIDTH);
	assert_true(w->app->reader.full_width);
	act(w, ACTION_QUIT); /* leaves full width first */
	assert_false(w->app->reader.full_width);
	assert_int_equal(act(w, ACTION_QUIT), APP_QUIT);
	assert_int_equal(act(w, ACTION_REDRAW), APP_REDRAW | APP_REPAINT);
}

/* A stand-in for the UI's key names: enough to see that messages ask. */
static void fake_key_names(const struct app *app, enum action action, int arg, char *buf, size_t size)
{
	(void)app;
	if (action == ACTION_CHOOSE)
		snprintf(buf, size, "%c %c", 'a' + arg, '1' + arg);
	else if (action == ACTION_BACK)
		snprintf(buf, size, "Backspace Left");
	else
		snprintf(buf, size, "<%d>", (int)action);
}

static void test_status_names_keys_from_the_ui(void **state)
{
	struct world *w = *state;
	struct app_options options = {.new_per_day = 10, .key_name = fake_key_names};
	struct app *app = app_new(w->pack, w->study, w->journal, &options);
	app_set_geometry(app, &geometry);
	app_dispatch(app, ACTION_FOCUS_PREV, 0); /* the quiz */
	app_dispatch(app, ACTION_OPEN, 0);
	assert_string_equal(app->status, "Choose an answer first: a-b or 1-2");
	app_dispatch(app, ACTION_CHOOSE, 5);
	assert_string_equal(app->status, "This question has choices a-b or 1-2");
	app_dispatch(app, ACTION_CHOOSE, 0);
	app_dispatch(app, ACTION_OPEN, 0);
	char want[128];
	snprintf(want, sizeof want, "Right. <%d> if you guessed, <%d> if it was too easy; <%d> for the next",
		 ACTION_MARK_GUESSED, ACTION_MARK_EASY, ACTION_OPEN);
	assert_string_equal(app->status, want);
	app_free(app);
	/* Without a UI to ask, a key is "?", never a name made up here. */
	open_topic_one(w);
	act(w, ACTION_NEXT_LINK);
	act(w, ACTION_NEXT_LINK);
	act(w, ACTION_OPEN);
	assert_string_equal(w->app->status, "Topic two (? returns)");
}

static void test_scope_titles(void **state)
{
	struct world *w = *state;
	assert_string_equal(app_place_title(w->app, w->app->quiz.scope), "Alpha domain");
	act(w, ACTION_REVIEW);
	/* the review's header names the review, not the pack's first topic */
	assert_string_equal(app_place_title(w->app, w->app->quiz.scope), "Review");
	act(w, ACTION_FOCUS_NEXT); /* back to the tree */
	open_topic_one(w);
	assert_string_equal(app_place_title(w->app, w->app->reader.shown), "Topic one");
}

static void test_lists_keep_the_cursor_in_view(void **state)
{
	(void)state;
	/* Ten items in five rows: the fifth row says what is above or below
	 * (issue 16), so four items show and the cursor stays on those four. */
	struct app_list list = {0, 0};
	assert_int_equal(app_page_rows(10, 5), 4);
	assert_int_equal(app_page_rows(5, 5), 5); /* all of it fits: no "more" line */
	for (int i = 0; i < 7; i++)
		app_list_move(&list, ACTION_MOVE_DOWN, 10, 5);
	assert_int_equal(list.cursor, 7);
	assert_int_equal(list.top, 4);
	app_list_move(&list, ACTION_MOVE_UP, 10, 5);
	assert_int_equal(list.top, 4); /* up within the screen: no scroll */
	app_list_move(&list, ACTION_PAGE_UP, 10, 5);
	assert_int_equal(list.cursor, 2);
	assert_int_equal(list.top, 0);
	app_list_move(&list, ACTION_PAGE_DOWN, 10, 5);
	assert_int_equal(list.cursor, 6);
	assert_int_equal(list.top, 4); /* the page turns under the cursor */
	app_list_move(&list, ACTION_BOTTOM, 10, 5);
	assert_int_equal(list.cursor, 9);
	assert_int_equal(list.top, 6);
	assert_false(app_list_move(&list, ACTION_OPEN, 10, 5));
	app_list_move(&list, ACTION_BOTTOM, 0, 5); /* an empty list */
	assert_int_equal(list.cursor, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		APP_TEST(test_focus_cycles),
		APP_TEST(test_overlays_and_quit),
		APP_TEST(test_status_names_keys_from_the_ui),
		APP_TEST(test_scope_titles),
		cmocka_unit_test(test_lists_keep_the_cursor_in_view),
	};
	return cmocka_run_group_tests_name("app", tests, NULL, NULL);
}
