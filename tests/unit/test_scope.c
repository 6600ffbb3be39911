/* scope: the lists check_pack makes and the walks through them. */
#include "fixtures.h"
#include "mlcert/scope.h"
#include "testing.h"

/* The scope lists check_pack makes, against the definition, on the bundled pack. */
static void test_questions_of_scopes(void **state)
{
	(void)state;
	struct diag_list diags;
	struct content_pack *pack = fixture_built_in(&diags);
	size_t nq = pack->question_count;
	int *got = calloc(nq, sizeof *got), *want = calloc(nq, sizeof *want);
	assert_non_null(got);
	assert_non_null(want);
	size_t nonempty = 0;
	for (size_t t = 0; t < pack->topic_count; t++) {
		size_t m = 0;
		for (size_t q = 0; q < nq; q++) {
			bool in = false;
			for (unsigned k = 0; k < pack->questions[q]->topics_count && !in; k++) {
				const struct content_topic *linked = content_find_topic(pack, pack->questions[q]->topics[k]);
				in = linked && scope_topic_within(pack, linked->index, (int)t);
			}
			if (in)
				want[m++] = (int)q;
		}
		size_t n = scope_questions_of_topic(pack, (int)t, got, nq);
		assert_int_equal(n, m);
		assert_memory_equal(got, want, m * sizeof *got);
		if (m > 2) /* and a short buffer gets the first ones */
			assert_int_equal(scope_questions_of_topic(pack, (int)t, got, 2), 2);
		nonempty += m > 0;
	}
	assert_true(nonempty > 100);
	for (unsigned d = 0; d < pack->meta->domains_count; d++) {
		size_t m = 0;
		for (size_t q = 0; q < nq; q++)
			if (pack->questions[q]->domain_index == (int)d)
				want[m++] = (int)q;
		assert_int_equal(scope_questions_of_domain(pack, (int)d, got, nq), m);
		assert_memory_equal(got, want, m * sizeof *got);
	}
	assert_int_equal(scope_questions_of_domain(pack, -1, got, nq), 0);
	free(got);
	free(want);
	content_pack_free(pack);
	diag_list_free(&diags);
}

/* A topic's scope holds its subtree's questions, each once, and no others. */
static void test_subtree_on_the_fixture(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, true);
	const struct content_pack *pack = fx.pack;
	int area = content_find_topic(pack, "area-one")->index, one = content_find_topic(pack, "topic-one")->index,
	    two = content_find_topic(pack, "topic-two")->index;
	assert_true(scope_topic_within(pack, one, area));
	assert_true(scope_topic_within(pack, one, one));
	assert_false(scope_topic_within(pack, area, one));
	assert_false(scope_topic_within(pack, two, area));
	int got[4];
	/* both questions name topic-one, q-multi also topic-two: once each */
	assert_int_equal(scope_questions_of_topic(pack, area, got, 4), 2);
	assert_int_equal(scope_questions_of_topic(pack, two, got, 4), 1);
	assert_int_equal(got[0], content_find_question(pack, "q-multi")->index);
	assert_int_equal(scope_questions_of_topic(pack, -1, got, 4), 0);
	assert_int_equal(pack->topic_children.start[area + 1] - pack->topic_children.start[area], 1);
	assert_int_equal(pack->topic_children.items[pack->topic_children.start[area]], one);
	fixture_free(&fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_questions_of_scopes),
		cmocka_unit_test(test_subtree_on_the_fixture),
	};
	return cmocka_run_group_tests_name("scope", tests, NULL, NULL);
}
