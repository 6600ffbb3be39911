/* search and flow: matching, ranking, incremental narrowing; walking a decision flow. */
#include <string.h>

#include "fixtures.h"
#include "mlcert/flow.h"
#include "mlcert/search.h"
#include "testing.h"

static void test_matches_rank_titles_first(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, true);
	struct search_index *ix = search_index_new(fx.pack);
	assert_non_null(ix);
	struct search_hit hits[16];
	size_t total;
	/* "Topic two" is a title; case does not matter */
	size_t n = search_run(ix, "TOPIC TWO", hits, 16, &total);
	assert_int_equal(n, 1);
	assert_int_equal(hits[0].kind, SEARCH_TOPIC);
	assert_true(hits[0].in_title);
	assert_string_equal(fx.pack->topics[hits[0].index]->id, "topic-two");
	/* "second" is topic-two's description and a choice of q-multi: body matches only */
	n = search_run(ix, "second", hits, 16, &total);
	assert_int_equal(n, 2);
	assert_false(hits[0].in_title);
	/* resources match by title and by URL */
	n = search_run(ix, "example.com", hits, 16, &total);
	assert_int_equal(n, 1);
	assert_int_equal(hits[0].kind, SEARCH_RESOURCE);
	assert_int_equal(hits[0].sub, 0);
	/* a title match outranks an earlier body match */
	n = search_run(ix, "one", hits, 16, &total);
	assert_true(n >= 3);
	assert_true(hits[0].in_title);
	for (size_t i = 1; i < n; i++)
		assert_true(hits[i - 1].in_title || !hits[i].in_title);
	search_index_free(ix);
	fixture_free(&fx);
}

static void test_incremental_narrowing_agrees_with_a_fresh_search(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, true);
	struct search_index *ix = search_index_new(fx.pack), *fresh = search_index_new(fx.pack);
	const char *typed[] = {"t", "to", "top", "topi", "topic", "topic-", "topic-o", "topic-on"};
	for (size_t k = 0; k < sizeof typed / sizeof typed[0]; k++) {
		struct search_hit a[32], b[32];
		size_t ta, tb;
		size_t na = search_run(ix, typed[k], a, 32, &ta);
		search_run(fresh, "zzz", b, 32, &tb); /* forget, so the next run is a full scan */
		size_t nb = search_run(fresh, typed[k], b, 32, &tb);
		assert_int_equal(na, nb);
		assert_int_equal(ta, tb);
		for (size_t i = 0; i < na; i++) {
			assert_int_equal(a[i].kind, b[i].kind);
			assert_int_equal(a[i].index, b[i].index);
			assert_int_equal(a[i].sub, b[i].sub);
			assert_int_equal(a[i].in_title, b[i].in_title);
		}
	}
	struct search_hit h[4];
	size_t total;
	assert_int_equal(search_run(ix, "", h, 4, &total), 0);
	assert_int_equal(search_run(ix, "no such words", h, 4, &total), 0);
	search_index_free(ix);
	search_index_free(fresh);
	fixture_free(&fx);
}

static void test_flow_walk_back_and_result(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, true);
	struct flow_walk w;
	flow_walk_start(&w, content_find_flow(fx.pack, "flow-one"));
	assert_string_equal(flow_walk_current(&w)->id, "ask-one");
	assert_false(flow_walk_done(&w));
	assert_false(flow_walk_back(&w)); /* at the start */
	assert_false(flow_walk_choose(&w, 5));
	assert_true(flow_walk_choose(&w, 1));
	assert_true(flow_walk_done(&w));
	assert_string_equal(flow_walk_current(&w)->id, "end-two");
	assert_int_equal(w.chose[0], 1);
	assert_true(flow_walk_back(&w));
	assert_true(flow_walk_choose(&w, 0));
	assert_string_equal(flow_walk_current(&w)->result, "It is one.");
	assert_int_equal(flow_walk_current(&w)->topic_index, content_find_topic(fx.pack, "topic-one")->index);
	fixture_free(&fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matches_rank_titles_first),
		cmocka_unit_test(test_incremental_narrowing_agrees_with_a_fresh_search),
		cmocka_unit_test(test_flow_walk_back_and_result),
	};
	return cmocka_run_group_tests_name("search", tests, NULL, NULL);
}
