/* stats: the dashboard's numbers as text and JSON. */
#include <string.h>

#include "fixtures.h"
#include "mlcert/answer.h"
#include "mlcert/stats.h"
#include "testing.h"

static char *print(struct study *s, bool json)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	stats_print(s, json, out);
	fclose(out);
	return buf;
}

static void test_text_and_json(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, true);
	struct study *s = study_new(fx.pack);
	setenv("MLCERT_NOW", "1767261600", 1);
	struct answer_log log = {NULL, s};
	char why[64];
	bool right;
	answer_submit(&log, content_find_question(fx.pack, "q-single"), (struct choice_set){1}, &right, why, sizeof why);
	answer_submit(&log, content_find_question(fx.pack, "q-multi"), (struct choice_set){3}, &right, why, sizeof why);
	struct journal_event read = answer_event(JOURNAL_READ, "topic-one");
	answer_record(&log, &read, why, sizeof why);

	char *text = print(s, false);
	assert_non_null(strstr(text, "Fixture pack\n"));
	assert_non_null(strstr(text, "domain           weight  topics read questions seen answers  right accuracy\n"));
	assert_non_null(strstr(text, "alpha               60%      1/2           1/1            1      1     100%\n"));
	assert_non_null(strstr(text, "beta                40%      0/1           1/1            1      0       0%\n"));
	assert_non_null(strstr(text, "total                        1/3           2/2            2      1      50%\n"));
	free(text);

	char *json = print(s, true);
	assert_non_null(strstr(json, "{\"pack\":\"fixture\",\"domains\":[{\"id\":\"alpha\",\"title\":\"Alpha domain\","
				     "\"weight\":60,\"topics_read\":1,"));
	assert_non_null(strstr(json, "\"total\":{\"topics_read\":1,\"topics_total\":3,\"questions_seen\":2,"
				     "\"questions_total\":2,\"answers\":2,\"right\":1,\"accuracy\":0.5000}"));
	/* FSRS-6 after a first Good: stability w2, due in two days */
	assert_non_null(strstr(json, "{\"id\":\"q-single\",\"attempts\":1,\"right\":1,\"stability\":2.306500,"
				     "\"difficulty\":2.118104,\"due\":\"2026-01-03\",\"retrievability\":1.000000}"));
	assert_non_null(strstr(json, "]}\n"));
	free(json);
	unsetenv("MLCERT_NOW");
	study_free(s);
	fixture_free(&fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_and_json),
	};
	return cmocka_run_group_tests_name("stats", tests, NULL, NULL);
}
