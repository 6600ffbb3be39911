/* jsonw: strings written as JSON, whatever they hold. */
#include <string.h>

#include "mlcert/jsonw.h"
#include "testing.h"

static char *json_of(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	jsonw_string(out, s);
	fclose(out);
	return buf;
}

static void test_escapes(void **state)
{
	(void)state;
	struct {
		const char *in, *out;
	} cases[] = {
		{"plain", "\"plain\""},
		{"say \"hi\"", "\"say \\\"hi\\\"\""},
		{"back\\slash", "\"back\\\\slash\""},
		{"a\nb\tc\rd", "\"a\\nb\\tc\\rd\""},
		{"bell\a esc\x1b del\x7f", "\"bell\\u0007 esc\\u001b del\\u007f\""},
		{"caf\xC3\xA9", "\"caf\xC3\xA9\""}, /* UTF-8 passes through */
		{NULL, "\"\""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = json_of(cases[i].in);
		assert_string_equal(got, cases[i].out);
		free(got);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escapes),
	};
	return cmocka_run_group_tests_name("jsonw", tests, NULL, NULL);
}
