/* flow: walking a decision flow forwards and back. */
#include "fixtures.h"
#include "mlcert/flow.h"
#include "testing.h"

static void test_walk_choose_and_back(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, true);
	const struct content_flow *f = content_find_flow(fx.pack, "flow-one");
	assert_non_null(f);
	struct flow_walk w;
	flow_walk_start(&w, f);
	assert_string_equal(flow_walk_current(&w)->id, "ask-one");
	assert_false(flow_walk_done(&w));
	assert_false(flow_walk_choose(&w, 2)); /* two options only */
	assert_false(flow_walk_back(&w));      /* nothing before the start */
	assert_true(flow_walk_choose(&w, 1));
	assert_string_equal(flow_walk_current(&w)->id, "end-two");
	assert_true(flow_walk_done(&w));
	assert_int_equal(w.depth, 1);
	assert_int_equal(w.chose[0], 1);
	assert_false(flow_walk_choose(&w, 0)); /* a result asks nothing */
	assert_true(flow_walk_back(&w));
	assert_string_equal(flow_walk_current(&w)->id, "ask-one");
	assert_true(flow_walk_choose(&w, 0));
	assert_string_equal(flow_walk_current(&w)->result, "It is one.");
	assert_int_equal(flow_walk_current(&w)->topic_index, content_find_topic(fx.pack, "topic-one")->index);
	fixture_free(&fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_walk_choose_and_back),
	};
	return cmocka_run_group_tests_name("flow", tests, NULL, NULL);
}
