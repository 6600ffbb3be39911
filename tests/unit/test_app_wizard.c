/* app_wizard: choosing a flow, walking it, stepping back, and its result. */
#include "app_fixture.h"

static void test_walk_back_and_result(void **state)
{
	struct world *w = *state;
	act(w, ACTION_WIZARD);
	assert_int_equal(w->app->view, APP_VIEW_WIZARD);
	assert_false(w->app->wizard.walking);
	act(w, ACTION_OPEN); /* the only flow */
	assert_true(w->app->wizard.walking);
	act(w, ACTION_MOVE_DOWN);
	act(w, ACTION_MOVE_DOWN); /* stays on the last option */
	assert_int_equal(w->app->wizard.cursor, 1);
	act(w, ACTION_OPEN); /* "no" */
	assert_true(flow_walk_done(&w->app->wizard.walk));
	act(w, ACTION_STEP_BACK);
	assert_int_equal(w->app->wizard.cursor, 1); /* back on the answer given */
	act(w, ACTION_STEP_BACK);
	assert_false(w->app->wizard.walking); /* back to the list */
	app_dispatch(w->app, ACTION_PICK, 0);
	app_dispatch(w->app, ACTION_PICK, 1);
	act(w, ACTION_OPEN); /* the result opens its topic */
	assert_int_equal(w->app->view, APP_VIEW_MAIN);
	assert_int_equal(w->app->focus, APP_FOCUS_READER);
	assert_string_equal(w->pack->topics[w->app->reader.shown.index]->id, "topic-two");
	act(w, ACTION_WIZARD);
	act(w, ACTION_QUIT);
	assert_int_equal(w->app->view, APP_VIEW_MAIN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		APP_TEST(test_walk_back_and_result),
	};
	return cmocka_run_group_tests_name("app_wizard", tests, NULL, NULL);
}
