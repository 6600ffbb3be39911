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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find_paths),
		cmocka_unit_test(test_find_second_twin),
		cmocka_unit_test(test_syntax_error_position),
		cmocka_unit_test(test_anchor_and_second_document),
	};
	return cmocka_run_group_tests_name("yamlpos", tests, NULL, NULL);
}
