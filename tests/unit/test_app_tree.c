/* app_tree: the blueprint tree, its rows, and the reader and quiz following its cursor. */
#include "app_fixture.h"

static void test_starts_on_first_domain_collapsed(void **state)
{
	struct world *w = *state;
	assert_int_equal(w->app->tree.row_count, 2); /* alpha, beta */
	assert_int_equal(cursor_row(w)->kind, APP_NODE_DOMAIN);
	assert_int_equal(w->app->reader.shown.kind, APP_NODE_DOMAIN);
	assert_int_equal(w->app->quiz.count, 1); /* alpha's question */
	assert_int_equal(w->app->focus, APP_FOCUS_TREE);
}

static void test_tree_expand_move_and_reader_follows(void **state)
{
	struct world *w = *state;
	assert_int_equal(act(w, ACTION_OPEN), APP_REDRAW); /* expand alpha */
	assert_int_equal(w->app->tree.row_count, 4);      /* alpha, area-one, topic-one, beta */
	act(w, ACTION_MOVE_DOWN);
	act(w, ACTION_MOVE_DOWN);
	assert_int_equal(cursor_row(w)->kind, APP_NODE_TOPIC);
	assert_string_equal(w->pack->topics[cursor_row(w)->index]->id, "topic-one");
	assert_int_equal(cursor_row(w)->depth, 2);
	assert_int_equal(w->app->reader.shown.index, cursor_row(w)->index);
	assert_int_equal(w->app->quiz.count, 2); /* both questions test topic-one */
	act(w, ACTION_COLLAPSE);                 /* leaf: to the parent row */
	assert_string_equal(w->pack->topics[cursor_row(w)->index]->id, "area-one");
	act(w, ACTION_COLLAPSE); /* close the area */
	assert_int_equal(w->app->tree.row_count, 3);
	act(w, ACTION_BOTTOM);
	assert_int_equal(cursor_row(w)->kind, APP_NODE_DOMAIN);
	assert_int_equal(cursor_row(w)->index, 1);
	act(w, ACTION_TOP);
	assert_int_equal(w->app->tree.list.cursor, 0);
	act(w, ACTION_MOVE_UP); /* stays at the top */
	assert_int_equal(w->app->tree.list.cursor, 0);
}


int main(void)
{
	const struct CMUnitTest tests[] = {
		APP_TEST(test_starts_on_first_domain_collapsed),
		APP_TEST(test_tree_expand_move_and_reader_follows),
	};
	return cmocka_run_group_tests_name("app_tree", tests, NULL, NULL);
}
