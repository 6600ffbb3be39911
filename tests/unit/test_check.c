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

/* ---- objectives: the guide's subsections ---------------------------- */

static const char objective_meta[] =
	"id: obj\n"
	"title: Objective fixture\n"
	"guide_version: \"June 2026\"\n"
	"guide: {date: 2026-06-01, source: https://example.com/guide, note: normalised}\n"
	"as_of: 2026-12-06\n"
	"exam: {questions: 2, minutes: 5}\n"
	"domains:\n"
	"  - id: alpha\n"
	"    title: Alpha\n"
	"    weight: 60\n"
	"    objectives:\n"
	"      - {id: \"1.1\", title: First}\n"
	"      - {id: \"1.2\", title: Second}\n"
	"  - id: beta\n"
	"    title: Beta\n"
	"    weight: 40\n"
	"    objectives:\n"
	"      - {id: \"2.1\", title: Third}\n";

/* Loads objective_meta plus one file of items; returns whether check passed. */
static bool check_objectives(const char *items, struct content_pack **pack, struct diag_list *diags)
{
	struct content_buffer files[] = {
		{"pack.yaml", objective_meta, sizeof objective_meta - 1},
		{"items.yaml", items, strlen(items)},
	};
	diag_list_init(diags);
	*pack = content_load_buffers("obj", files, 2, diags);
	assert_non_null(*pack);
	assert_int_equal(diags->count, 0);
	return check_pack(*pack, diags);
}

static void assert_error_at(const struct diag_list *diags, int line, int col, const char *message)
{
	for (size_t i = 0; i < diags->count; i++) {
		const struct diag *d = &diags->items[i];
		if (d->severity == DIAG_ERROR && strcmp(d->file, "obj/items.yaml") == 0 &&
		    d->line == line && d->col == col && strcmp(d->message, message) == 0)
			return;
	}
	fprintf(stderr, "wanted items.yaml:%d:%d: error: %s\ngot:\n", line, col, message);
	diag_print(diags, stderr);
	fail();
}

static const char objective_topic[] =
	"topics:\n"
	"  - {id: t1, title: T, domain: alpha, name: t1 - x, description: D, as_of: 2026-12-06,"
	" objectives: [\"1.2\"]}\n";

static void test_objectives_resolve(void **state)
{
	(void)state;
	struct content_pack *pack;
	struct diag_list diags;
	char items[1024];
	snprintf(items, sizeof items,
		 "%s"
		 "questions:\n"
		 "  - id: q1\n    domain: alpha\n    topics: [t1]\n    objectives: [\"1.1\", \"1.2\"]\n"
		 "    stem: S\n    choices:\n"
		 "      - {text: a, correct: true, why: w}\n      - {text: b, why: w}\n"
		 "    explanation: E\n",
		 objective_topic);
	assert_true(check_objectives(items, &pack, &diags));
	assert_int_equal(diags.count, 0);
	assert_int_equal(pack->objective_count, 3);
	assert_string_equal(pack->objectives[2]->id, "2.1");
	assert_int_equal(pack->objectives[2]->domain_index, 1);
	assert_int_equal(content_find_objective(pack, "1.2"), 1);
	assert_int_equal(content_find_objective(pack, "3.1"), -1);
	const struct content_question *q = content_find_question(pack, "q1");
	assert_int_equal(q->objective_index[0], 0);
	assert_int_equal(q->objective_index[1], 1);
	assert_int_equal(content_find_topic(pack, "t1")->objective_index[0], 1);
	assert_string_equal(pack->meta->guide->date, "2026-06-01");
	content_pack_free(pack);
	diag_list_free(&diags);
}

static void test_objective_errors(void **state)
{
	(void)state;
	struct content_pack *pack;
	struct diag_list diags;
	char items[2048];
	snprintf(items, sizeof items,
		 "%s"
		 "questions:\n"
		 "  - id: q-unknown\n    domain: alpha\n    topics: [t1]\n    objectives: [\"1.9\"]\n"
		 "    stem: S\n    choices:\n"
		 "      - {text: a, correct: true, why: w}\n      - {text: b, why: w}\n"
		 "    explanation: E\n"
		 "  - id: q-other-domain\n    domain: alpha\n    topics: [t1]\n    objectives: [\"2.1\"]\n"
		 "    stem: S\n    choices:\n"
		 "      - {text: a, correct: true, why: w}\n      - {text: b, why: w}\n"
		 "    explanation: E\n"
		 "  - id: q-none\n    domain: beta\n    topics: [t1]\n"
		 "    stem: S\n    choices:\n"
		 "      - {text: a, correct: true, why: w}\n      - {text: b, why: w}\n"
		 "    explanation: E\n",
		 objective_topic);
	assert_false(check_objectives(items, &pack, &diags));
	assert_error_at(&diags, 7, 18, "unknown objective '1.9'");
	assert_error_at(&diags, 16, 18,
			"objective '2.1' belongs to domain 'beta', not to this question's 'alpha'");
	assert_error_at(&diags, 22, 5, "question 'q-none' names no objective of its domain 'beta'");
	assert_int_equal(diags.errors, 3);
	content_pack_free(pack);
	diag_list_free(&diags);
}

/* Objective ids are numbered by their domain's place: the guide's sections. */
static void test_objective_ids(void **state)
{
	(void)state;
	static const char meta[] =
		"id: obj\ntitle: O\nguide_version: \"1\"\nas_of: 2026-12-06\n"
		"guide: {date: 2026-13-01, source: not a url}\n"
		"exam: {questions: 2, minutes: 5}\n"
		"domains:\n"
		"  - id: alpha\n    title: A\n    weight: 100\n    objectives:\n"
		"      - {id: \"2.1\", title: Wrong section}\n"
		"      - {id: \"1.x\", title: Not a number}\n"
		"      - {id: \"1.1\", title: Fine}\n"
		"      - {id: \"1.1\", title: Again}\n"
		"renames:\n  - {old: A, current: B, since: someday}\n";
	struct content_buffer files[] = {{"pack.yaml", meta, sizeof meta - 1}};
	struct diag_list diags;
	diag_list_init(&diags);
	struct content_pack *pack = content_load_buffers("obj", files, 1, &diags);
	assert_non_null(pack);
	assert_false(check_pack(pack, &diags));
	static const char *const want[] = {
		"objective id '2.1' must be the section number 1, a dot and a subsection number, as in '1.1'",
		"objective id '1.x' must be the section number 1, a dot and a subsection number, as in '1.1'",
		"duplicate objective id '1.1'",
		"'date' must be a date as YYYY-MM-DD, not '2026-13-01'",
		"'not a url' is not an http(s) URL without spaces",
		"'since' must be a date as YYYY-MM-DD, not 'someday'",
	};
	for (size_t w = 0; w < sizeof want / sizeof want[0]; w++) {
		bool found = false;
		for (size_t i = 0; i < diags.count; i++)
			found |= strcmp(diags.items[i].message, want[w]) == 0 &&
				 strcmp(diags.items[i].file, "obj/pack.yaml") == 0 &&
				 diags.items[i].line > 0;
		if (!found) {
			fprintf(stderr, "wanted: %s\n", want[w]);
			diag_print(&diags, stderr);
		}
		assert_true(found);
	}
	assert_int_equal(diags.errors, 6);
	assert_int_equal(pack->objective_count, 1);
	content_pack_free(pack);
	diag_list_free(&diags);
}

int main(void)
{
	enum { N = sizeof check_errors / sizeof check_errors[0] };
	struct CMUnitTest tests[N + 12];
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
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_objectives_resolve);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_objective_errors);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_objective_ids);
	return _cmocka_run_group_tests("check", tests, n, NULL, NULL);
}
