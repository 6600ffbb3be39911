/* diag: formatting and ordering of diagnostics. */
#include <string.h>

#include "mlcert/diag.h"
#include "testing.h"

static void formatted(const struct diag *d, char *buf, size_t size)
{
	FILE *f = tmpfile();
	assert_non_null(f);
	diag_format(d, f);
	rewind(f);
	size_t n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	fclose(f);
}

static void test_gnu_format(void **state)
{
	(void)state;
	struct diag_list list;
	diag_list_init(&list);
	diag_add(&list, DIAG_ERROR, "p/a.yaml", 3, 7, "unknown key '%s'", "x");
	diag_add(&list, DIAG_WARNING, "p", 0, 0, "%d skipped", 2);
	diag_add(&list, DIAG_ERROR, NULL, 0, 0, "no file");
	char buf[256];
	formatted(&list.items[0], buf, sizeof buf);
	assert_string_equal(buf, "p/a.yaml:3:7: error: unknown key 'x'\n");
	formatted(&list.items[1], buf, sizeof buf);
	assert_string_equal(buf, "p: warning: 2 skipped\n");
	formatted(&list.items[2], buf, sizeof buf);
	assert_string_equal(buf, "mlcert: error: no file\n");
	assert_int_equal(list.errors, 2);
	assert_int_equal(list.warnings, 1);
	diag_list_free(&list);
}

static void test_sort_is_stable_by_position(void **state)
{
	(void)state;
	struct diag_list list;
	diag_list_init(&list);
	diag_add(&list, DIAG_ERROR, "b", 1, 1, "b1");
	diag_add(&list, DIAG_ERROR, "a", 9, 1, "a9");
	diag_add(&list, DIAG_ERROR, "a", 2, 5, "first");
	diag_add(&list, DIAG_ERROR, "a", 2, 5, "second");
	diag_sort(&list);
	assert_string_equal(list.items[0].message, "first");
	assert_string_equal(list.items[1].message, "second");
	assert_string_equal(list.items[2].message, "a9");
	assert_string_equal(list.items[3].message, "b1");
	diag_list_free(&list);
}

/* lint and load errors quote ids, URLs and kinds from the pack: an escape
 * there once reached the terminal; a newline forged a second diagnostic. */
static void test_format_is_sanitised(void **state)
{
	(void)state;
	struct diag_list list;
	diag_list_init(&list);
	diag_add(&list, DIAG_ERROR, "p/\x1b[2Jx.yaml", 3, 7, "unknown kind '%s'",
		 "\x1b]52;c;SEFDS0VE\x07pod\xc2\x9b" "31m\xe2\x80\xae\ncast");
	char buf[256];
	formatted(&list.items[0], buf, sizeof buf);
	assert_string_equal(buf, "p/[2Jx.yaml:3:7: error: unknown kind ']52;c;SEFDS0VEpod31m cast'\n");
	diag_list_free(&list);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gnu_format),
		cmocka_unit_test(test_format_is_sanitised),
		cmocka_unit_test(test_sort_is_stable_by_position),
	};
	return cmocka_run_group_tests_name("diag", tests, NULL, NULL);
}
