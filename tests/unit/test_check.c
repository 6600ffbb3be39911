/* check: semantic validation, each error with its message and position. */
#include <string.h>

#include "fixtures.h"
#include "mlcert/check.h"
#include "testing.h"

static struct expected_diag check_errors[] = {
	{"bad-date.yaml", 7, 5, "'as_of' must be a date as YYYY-MM-DD, not '2026-02-30'"},
	{"bad-id.yaml", 2, 5, "id 'Bad_ID' must be 1-64 lowercase letters, digits and inner hyphens"},
	{"bad-resource.yaml", 9, 9, "'ftp://example.com/x y' is not an http(s) URL without spaces"},
	{"bad-resource.yaml", 13, 9,
	 "unknown resource kind 'podcast' (doc, guide, tutorial, video, course, exam, blog, paper, tool, reference)"},
	/* shown cleaned, but copied (OSC 52) and opened raw; once cut at 4095 bytes */
	{"hidden-url-bytes.yaml", 9, 9,
	 "a URL must be printable ASCII: byte 21 is 0xC2 (percent-encode other characters, e.g. %E2%80%8B)"},
	{"hidden-url-bytes.yaml", 12, 9,
	 "a URL must be printable ASCII: byte 21 is 0xE2 (percent-encode other characters, e.g. %E2%80%8B)"},
	{"hidden-url-bytes.yaml", 15, 9,
	 "a URL must be printable ASCII: byte 12 is 0xE2 (percent-encode other characters, e.g. %E2%80%8B)"},
	{"hidden-url-bytes.yaml", 18, 9, "a URL must be at most 2048 bytes, not 5020"},
	{"correct-junk.yaml", 8, 9, "'correct' must be true or false, not 'yes please'"},
	{"dangling-domain.yaml", 3, 5, "unknown domain 'gamma'"},
	{"dangling-parent.yaml", 4, 5, "unknown parent topic 'no-such-parent'"},
	{"dangling-question-topic.yaml", 4, 25, "unknown topic 'ghost-topic'"},
	{"dangling-see-also.yaml", 7, 27, "see_also names unknown topic 'no-such-topic'"},
	{"duplicate-id.yaml", 2, 5,
	 "duplicate id 'topic-two': first defined at fixture/topics/topics.yaml:34:5"},
	{"flow-ask-and-result.yaml", 6, 9, "node 'a' both asks and concludes; split it"},
	{"flow-dangling.yaml", 9, 24, "unknown node 'nowhere' in flow 'f-next'"},
	{"flow-dangling.yaml", 13, 9, "unknown topic 'ghost'"},
	{"flow-loop.yaml", 14, 27, "flow 'f-loop' loops back to 'a' here, so this path never reaches a result"},
	{"flow-unreachable.yaml", 14, 9, "node 'island' cannot be reached from the start 'a'"},
	/* found by fuzzing: deeper than the wizard can walk */
	{"flow-too-deep.yaml", 4, 5, "flow 'deep-flow' asks up to 64 questions in a row; keep it to 63 at most"},
	/* found by fuzzing: a thousand problems once meant a thousand parses for positions */
	{"many-problems.yaml", 2, 14, "unknown domain 'x'"},
	{"long-synopsis.yaml", 6, 5, "the synopsis has 4 lines; keep it to 3"},
	{"multi-no-count.yaml", 5, 5,
	 "question 'q-multi-silent' has 2 correct choices, so its stem must say \"(Choose two.)\""},
	{"nine-choices.yaml", 6, 5, "question 'q-nine' has 9 choices; give 2 to 8"},
	{"no-correct.yaml", 6, 5, "question 'q-none' has no correct choice"},
	{"one-choice.yaml", 6, 5, "question 'q-one-choice' has 1 choice; give 2 to 8"},
	{"parent-cycle.yaml", 4, 5, "topic 't-cycle-a' is its own ancestor through 'parent'"},
	{"status-without-date.yaml", 7, 5, "a 'deprecated' status needs 'since', the date it took effect"},
};

static void test_check_error(void **state)
{
	const struct expected_diag *want = *state;
	struct fixture_pack fx;
	fixture_load(&fx, want->fixture, false);
	assert_int_equal(fx.diags.count, 0); /* loads fine: the problem is semantic */
	assert_false(check_pack(fx.pack, &fx.diags));
	assert_has_diag(&fx.diags, want);
	fixture_free(&fx);
}

static void test_all_problems_are_reported(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, "bad-resource.yaml", true);
	assert_int_equal(fx.diags.errors, 2);
	fixture_free(&fx);
	fixture_load(&fx, "flow-dangling.yaml", true);
	assert_int_equal(fx.diags.errors, 2);
	fixture_free(&fx);
	fixture_load(&fx, "hidden-url-bytes.yaml", true);
	assert_int_equal(fx.diags.errors, 4); /* the percent-encoded one is fine */
	fixture_free(&fx);
}

static void test_every_problem_of_a_file_is_reported(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, "many-problems.yaml", true);
	assert_int_equal(fx.pack->question_count, 2 + 504);
	assert_int_equal(fx.diags.errors, 1008); /* an unknown domain and topic per question */
	fixture_free(&fx);
}

static void test_good_pack_is_clean(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, false);
	assert_true(check_pack(fx.pack, &fx.diags));
	assert_int_equal(fx.diags.count, 0);
	fixture_free(&fx);
}

/* A reference into a file that failed to load is not reported once per use. */
static void test_failed_file_suppresses_dangling_noise(void **state)
{
	(void)state;
	struct diag_list diags;
	diag_list_init(&diags);
	static const char pack_yaml[] =
		"id: p\ntitle: P\nguide_version: '1'\nas_of: 2026-01-01\n"
		"exam: {questions: 1, minutes: 1}\ndomains: [{id: d, title: D, weight: 100}]\n";
	static const char broken_topics[] = "topics:\n  - id: t\n    bogus: 1\n";
	static const char questions[] =
		"questions:\n  - id: q\n    domain: d\n    topics: [t]\n    stem: s\n"
		"    choices: [{text: a, correct: true, why: w}, {text: b, why: w}]\n    explanation: e\n";
	const struct content_buffer files[] = {
		{"pack.yaml", pack_yaml, sizeof pack_yaml - 1},
		{"t.yaml", broken_topics, sizeof broken_topics - 1},
		{"q.yaml", questions, sizeof questions - 1},
	};
	struct content_pack *p = content_load_buffers("mem", files, 3, &diags);
	assert_non_null(p);
	check_pack(p, &diags);
	assert_int_equal(diags.errors, 1);
	assert_string_equal(diags.items[0].message, "unknown key 'bogus'");
	assert_int_equal(diags.warnings, 1);
	content_pack_free(p);
	diag_list_free(&diags);
}

static void check_pack_dir(const char *dir, int line, int col, const char *message)
{
	struct diag_list diags;
	diag_list_init(&diags);
	struct content_pack *p = content_load_dir(test_data(dir), &diags);
	assert_non_null(p);
	assert_false(check_pack(p, &diags));
	assert_int_equal(diags.errors, 1);
	assert_int_equal(diags.items[0].line, line);
	assert_int_equal(diags.items[0].col, col);
	assert_string_equal(diags.items[0].message, message);
	assert_non_null(strstr(diags.items[0].file, "pack.yaml"));
	content_pack_free(p);
	diag_list_free(&diags);
}

static void test_weight_with_trailing_junk(void **state)
{
	(void)state;
	check_pack_dir("pack-broken/weight-junk", 14, 5,
		       "'weight' must be a whole number from 0 to 100, not '13abc'");
}

static void test_weights_must_sum_to_100(void **state)
{
	(void)state;
	check_pack_dir("pack-broken/weight-sum", 11, 1, "domain weights add up to 90, not 100");
}

static void test_strict_parsers(void **state)
{
	(void)state;
	int v, y, m, d;
	assert_true(check_parse_int("13", 0, 100, &v));
	assert_int_equal(v, 13);
	assert_false(check_parse_int("13abc", 0, 100, &v));
	assert_false(check_parse_int("", 0, 100, &v));
	assert_false(check_parse_int("-", 0, 100, &v));
	assert_false(check_parse_int("101", 0, 100, &v));
	assert_false(check_parse_int("99999999999999", 0, 100, &v));
	assert_false(check_parse_int("0x10", 0, 100, &v));
	assert_true(check_parse_date("2024-02-29", &y, &m, &d));
	assert_false(check_parse_date("2023-02-29", &y, &m, &d));
	assert_false(check_parse_date("2023-13-01", &y, &m, &d));
	assert_false(check_parse_date("2023-1-01", &y, &m, &d));
	assert_true(check_valid_id("vertex-ai-2"));
	assert_false(check_valid_id("-x"));
	assert_false(check_valid_id("x_y"));
	assert_int_equal(check_stem_choose_count("Which? (Choose two.)"), 2);
	assert_int_equal(check_stem_choose_count("Select 3 answers"), 3);
	assert_int_equal(check_stem_choose_count("Which one?"), 0);
	assert_int_equal(check_stem_choose_count("choose twofold"), 0);
}

static void test_bundled_pack_is_clean(void **state)
{
	(void)state;
	struct diag_list diags;
	diag_list_init(&diags);
	struct content_pack *p = content_load_dir("content/pmle", &diags);
	assert_non_null(p);
	check_pack(p, &diags);
	diag_print(&diags, stderr);
	assert_int_equal(diags.errors, 0);
	assert_int_equal(p->meta->exam.questions, 60);
	assert_int_equal(p->meta->exam.minutes, 120);
	content_pack_free(p);
	diag_list_free(&diags);
}

int main(void)
{
	enum { N = sizeof check_errors / sizeof check_errors[0] };
	struct CMUnitTest tests[N + 9];
	size_t n = 0;
	for (size_t i = 0; i < N; i++)
		tests[n++] = (struct CMUnitTest){
			.name = check_errors[i].fixture,
			.test_func = test_check_error,
			.initial_state = &check_errors[i],
		};
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_all_problems_are_reported);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_good_pack_is_clean);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_every_problem_of_a_file_is_reported);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_failed_file_suppresses_dangling_noise);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_weight_with_trailing_junk);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_weights_must_sum_to_100);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_strict_parsers);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_bundled_pack_is_clean);
	return _cmocka_run_group_tests("check", tests, n, NULL, NULL);
}
