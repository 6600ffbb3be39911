/* search and flow: matching, ranking, incremental narrowing; walking a decision flow. */
#define _GNU_SOURCE /* strcasestr */
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

static bool has(const char *text, const char *q)
{
	return text && strcasestr(text, q);
}

/* What the index must find, written the slow and obvious way. */
static size_t reference(const struct content_pack *pack, const char *q, struct search_hit *out, size_t cap)
{
	size_t n = 0;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < pack->topic_count; i++) {
			const struct content_topic *t = pack->topics[i];
			bool title = has(t->title, q);
			bool body = has(t->id, q) || has(t->name, q) || has(t->synopsis, q) ||
				    has(t->description, q) || has(t->when_to_use, q);
			for (unsigned k = 0; k < t->exam_tips_count; k++)
				body |= has(t->exam_tips[k], q);
			if ((title || body) && title == (pass == 0) && n < cap)
				out[n++] = (struct search_hit){SEARCH_TOPIC, (int)i, 0, title};
			for (unsigned r = 0; r < t->resources_count; r++) {
				bool rt = has(t->resources[r].title, q), ru = has(t->resources[r].url, q);
				if ((rt || ru) && rt == (pass == 0) && n < cap)
					out[n++] = (struct search_hit){SEARCH_RESOURCE, (int)i, (int)r, rt};
			}
		}
		for (size_t i = 0; i < pack->question_count; i++) {
			const struct content_question *qu = pack->questions[i];
			bool title = has(qu->id, q);
			bool body = has(qu->stem, q) || has(qu->explanation, q);
			for (unsigned c = 0; c < qu->choices_count; c++)
				body |= has(qu->choices[c].text, q);
			if ((title || body) && title == (pass == 0) && n < cap)
				out[n++] = (struct search_hit){SEARCH_QUESTION, (int)i, 0, title};
		}
	}
	return n;
}

/* On the bundled pack, typed a character at a time and erased again, the
 * index finds exactly what a scan of every text finds, in the same order. */
static void test_index_agrees_with_a_scan_of_every_text(void **state)
{
	(void)state;
	struct diag_list diags;
	struct content_pack *pack = fixture_built_in(&diags);
	struct search_index *ix = search_index_new(pack);
	assert_non_null(ix);
	enum { CAP = 4096 };
	struct search_hit *got = calloc(CAP, sizeof *got), *want = calloc(CAP, sizeof *want);
	assert_non_null(got);
	assert_non_null(want);
	const char *words[] = {"Pipeline", "vertex ai pipelines", "bigquery ml", "TPU", "drift", "e",
			       "cloud.google.com/vertex", "zzzz", "feature store", "pmle-"};
	size_t checked = 0, found = 0;
	for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
		char q[64];
		size_t len = strlen(words[w]);
		/* typed forwards, then erased back to one character */
		for (size_t step = 1; step < 2 * len; step++) {
			size_t qlen = step <= len ? step : 2 * len - step;
			memcpy(q, words[w], qlen);
			q[qlen] = '\0';
			size_t total;
			size_t n = search_run(ix, q, got, CAP, &total);
			size_t m = reference(pack, q, want, CAP);
			assert_int_equal(n, m);
			assert_int_equal(total < CAP ? total : CAP, m);
			for (size_t i = 0; i < n; i++) {
				assert_int_equal(got[i].kind, want[i].kind);
				assert_int_equal(got[i].index, want[i].index);
				assert_int_equal(got[i].sub, want[i].sub);
				assert_int_equal(got[i].in_title, want[i].in_title);
			}
			checked++;
			found += n;
		}
	}
	assert_true(checked > 100 && found > 1000);
	free(got);
	free(want);
	search_index_free(ix);
	content_pack_free(pack);
	diag_list_free(&diags);
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
		cmocka_unit_test(test_index_agrees_with_a_scan_of_every_text),
		cmocka_unit_test(test_flow_walk_back_and_result),
	};
	return cmocka_run_group_tests_name("search", tests, NULL, NULL);
}
