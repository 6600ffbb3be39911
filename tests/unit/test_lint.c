/* lint: exit statuses, the summary line and the JSON report. */
#include <string.h>

#include "mlcert/lint.h"
#include "testing.h"

struct lint_output {
	int status;
	char out[8192], err[8192];
};

static void run_lint(const char *dir, bool json, struct lint_output *r)
{
	FILE *out = tmpfile(), *err = tmpfile();
	assert_non_null(out);
	assert_non_null(err);
	r->status = lint_run(dir, json, out, err);
	rewind(out);
	rewind(err);
	size_t n = fread(r->out, 1, sizeof r->out - 1, out);
	r->out[n] = '\0';
	n = fread(r->err, 1, sizeof r->err - 1, err);
	r->err[n] = '\0';
	fclose(out);
	fclose(err);
}

static void test_clean_pack_exits_0_with_summary(void **state)
{
	(void)state;
	struct lint_output r;
	run_lint(test_data("packs/good"), false, &r);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	assert_non_null(strstr(r.out, ": 3 topics, 2 questions (alpha 1, beta 1), 1 multiple-select, "
				      "1 flows, 1 resources: 0 errors, 0 warnings\n"));
}

static void test_content_errors_exit_1(void **state)
{
	(void)state;
	struct lint_output r;
	run_lint(test_data("pack-broken/weight-junk"), false, &r);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "pack.yaml:14:5: error: 'weight' must be a whole number"));
	assert_non_null(strstr(r.out, "1 errors"));
}

static void test_unreadable_folder_exits_2(void **state)
{
	(void)state;
	struct lint_output r;
	run_lint(test_data("does-not-exist"), false, &r);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "cannot read folder"));
	run_lint(test_data("broken"), false, &r);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "no pack.yaml"));
}

static void test_json_report(void **state)
{
	(void)state;
	struct lint_output r;
	run_lint(test_data("pack-broken/weight-junk"), true, &r);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.err, "");
	assert_non_null(strstr(r.out, "\"pack\":\"fixture\",\"ok\":false,\"errors\":1,\"warnings\":0"));
	assert_non_null(strstr(r.out, "\"line\":14,\"column\":5,\"severity\":\"error\","
				      "\"message\":\"'weight' must be a whole number from 0 to 100, not '13abc'\""));
	run_lint(test_data("packs/good"), true, &r);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "\"questions_by_domain\":{\"alpha\":1,\"beta\":1},"
				      "\"multiple_select\":1,\"flows\":1,\"resources\":1,\"objectives\":[],"
				      "\"cues\":{\"single\":1,\"key_longest\":0,\"multiple\":1,"
				      "\"keys_longest\":0,\"mean_ratio\":0.9167,\"within_limits\":true},"
				      "\"diagnostics\":[]}\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean_pack_exits_0_with_summary),
		cmocka_unit_test(test_content_errors_exit_1),
		cmocka_unit_test(test_unreadable_folder_exits_2),
		cmocka_unit_test(test_json_report),
	};
	return cmocka_run_group_tests_name("lint", tests, NULL, NULL);
}
