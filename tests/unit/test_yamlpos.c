/* yamlpos: finding nodes, syntax errors, anchors and second documents by position. */
#include <string.h>

#include "mlcert/yamlpos.h"
#include "testing.h"

static const char doc[] = "a:\n"
			  "  - x: 1\n"
			  "    y: [p, q]\n"
			  "  - x: 2\n"
			  "b: {c: d}\n";

static void test_find_paths(void **state)
{
	(void)state;
	int line, col;
	assert_true(yamlpos_find(doc, strlen(doc), "/a/1/x", &line, &col));
	assert_int_equal(line, 4);
	assert_int_equal(col, 5);
	assert_true(yamlpos_find(doc, strlen(doc), "/a/0/y/1", &line, &col));
	assert_int_equal(line, 3);
	assert_int_equal(col, 12);
	assert_true(yamlpos_find(doc, strlen(doc), "/b/c", &line, &col));
	assert_int_equal(line, 5);
	assert_int_equal(col, 5);
	/* absent: the nearest ancestor */
	assert_false(yamlpos_find(doc, strlen(doc), "/a/1/z", &line, &col));
	assert_int_equal(line, 4);
	assert_int_equal(col, 5);
	/* keys are not values: "1" is a value, never a path step */
	assert_false(yamlpos_find(doc, strlen(doc), "/a/0/x/1", &line, &col));
}

static void test_find_second_twin(void **state)
{
	(void)state;
	static const char twins[] = "k: 1\nk: 2\n";
	int line, col;
	assert_true(yamlpos_find_nth(twins, strlen(twins), "/k", 2, &line, &col));
	assert_int_equal(line, 2);
	assert_int_equal(col, 1);
}

static void test_syntax_error_position(void **state)
{
	(void)state;
	static const char bad[] = "a: [1, 2\nb: 3\n";
	char problem[256];
	int line, col;
	assert_true(yamlpos_syntax_error(bad, strlen(bad), problem, sizeof problem, &line, &col));
	assert_int_equal(line, 2);
	assert_int_equal(col, 2);
	assert_string_equal(problem,
			    "did not find expected ',' or ']' (while parsing a flow sequence that starts at 1:4)");
	assert_false(yamlpos_syntax_error(doc, strlen(doc), problem, sizeof problem, &line, &col));
}

static void test_anchor_and_second_document(void **state)
{
	(void)state;
	static const char anchored[] = "a: 1\nb: &x 2\nc: *x\n";
	static const char two[] = "---\na: 1\n---\nb: 2\n";
	int line, col;
	assert_true(yamlpos_find_anchor(anchored, strlen(anchored), &line, &col));
	assert_int_equal(line, 2);
	assert_int_equal(col, 4);
	assert_false(yamlpos_find_anchor(doc, strlen(doc), &line, &col));
	assert_true(yamlpos_second_document(two, strlen(two), &line, &col));
	assert_int_equal(line, 3);
	assert_int_equal(col, 1);
	assert_false(yamlpos_second_document(doc, strlen(doc), &line, &col));
}

/* A depth bound with a position; every scan stops there, so a million levels
 * cost a moment (they once cost minutes: libyaml's flow keys are quadratic). */
static void test_depth_bound(void **state)
{
	(void)state;
	size_t n = 1000000;
	char *deep = malloc(2 * n + 16);
	assert_non_null(deep);
	memset(deep, '[', n);
	memset(deep + n, ']', n);
	deep[2 * n] = '\0';
	int line = 0, col = 0;
	assert_true(yamlpos_too_deep(deep, 2 * n, &line, &col));
	assert_int_equal(line, 1);
	assert_int_equal(col, YAMLPOS_MAX_DEPTH + 1);
	char problem[256];
	assert_false(yamlpos_syntax_error(deep, 2 * n, problem, sizeof problem, &line, &col));
	assert_false(yamlpos_find_anchor(deep, 2 * n, &line, &col));
	assert_false(yamlpos_second_document(deep, 2 * n, &line, &col));
	assert_false(yamlpos_find_nul(deep, 2 * n, &line, &col));
	free(deep);
	static const char fine[] = "a: [[[b]]]\n";
	assert_false(yamlpos_too_deep(fine, strlen(fine), &line, &col));
}

static void test_nul_in_a_scalar(void **state)
{
	(void)state;
	static const char text[] = "a: \"x\"\nb: [\"ok\", \"cut \\0 here\"]\n";
	int line, col;
	assert_true(yamlpos_find_nul(text, strlen(text), &line, &col));
	assert_int_equal(line, 2);
	assert_int_equal(col, 11);
	static const char clean[] = "a: 'x \\0 is text in single quotes'\nb: plain \\0 too\n";
	assert_false(yamlpos_find_nul(clean, strlen(clean), &line, &col));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find_paths),
		cmocka_unit_test(test_find_second_twin),
		cmocka_unit_test(test_syntax_error_position),
		cmocka_unit_test(test_anchor_and_second_document),
		cmocka_unit_test(test_depth_bound),
		cmocka_unit_test(test_nul_in_a_scalar),
	};
	return cmocka_run_group_tests_name("yamlpos", tests, NULL, NULL);
}
