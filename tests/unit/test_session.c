/* session: the pack loaded and checked, the journal opened and replayed. */
#include <string.h>
#include <unistd.h>

#include "mlcert/answer.h"
#include "mlcert/session.h"
#include "testing.h"

struct tmp {
	char dir[64];
};

static int setup(void **state)
{
	struct tmp *t = calloc(1, sizeof *t);
	snprintf(t->dir, sizeof t->dir, "/tmp/mlcert-session-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	setenv("MLCERT_NO_CACHE", "1", 1); /* nothing written to the cache folder */
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	struct tmp *t = *state;
	remove_tree(t->dir);
	unsetenv("MLCERT_NO_CACHE");
	free(t);
	return 0;
}

static void test_open_replays_the_journal(void **state)
{
	struct tmp *t = *state;
	char pack[4096];
	snprintf(pack, sizeof pack, "%s", test_data("packs/good"));
	struct session s;
	struct session_options o = {.content_dir = pack, .state_dir = t->dir, .retention = 0.8};
	assert_int_equal(session_open(&s, &o), 0);
	assert_string_equal(s.pack->meta->id, "fixture");
	assert_string_equal(s.state_dir, t->dir);
	assert_true(s.study->fsrs.desired_retention == 0.8);
	struct journal_event e = answer_event(JOURNAL_READ, "topic-one");
	char why[128];
	struct answer_log log = {s.journal, s.study};
	assert_true(answer_record(&log, &e, why, sizeof why));
	session_close(&s);
	/* a second session finds what the first one saved */
	o.retention = 0; /* the default */
	assert_int_equal(session_open(&s, &o), 0);
	assert_true(s.study->topic_read[content_find_topic(s.pack, "topic-one")->index]);
	assert_true(s.study->fsrs.desired_retention == 0.9);
	assert_int_equal(s.diags.count, 0);
	session_close(&s);
}

static void test_failures_say_why(void **state)
{
	struct tmp *t = *state;
	struct session s;
	char pack[4096];
	snprintf(pack, sizeof pack, "%s", test_data("pack-broken/weight-sum"));
	struct session_options o = {.content_dir = pack, .state_dir = t->dir};
	assert_int_equal(session_open(&s, &o), 1); /* content errors */
	assert_true(s.diags.errors > 0);
	session_close(&s);
	o.content_dir = "/nonexistent/pack";
	assert_int_equal(session_open(&s, &o), 2); /* nothing to read */
	session_close(&s);
	/* no state folder to be found */
	snprintf(pack, sizeof pack, "%s", test_data("packs/good"));
	o = (struct session_options){.content_dir = pack};
	char *home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
	unsetenv("HOME");
	unsetenv("XDG_STATE_HOME");
	assert_int_equal(session_open(&s, &o), 2);
	assert_non_null(strstr(s.diags.items[s.diags.count - 1].message, "no state folder"));
	session_close(&s);
	if (home)
		setenv("HOME", home, 1);
	free(home);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_replays_the_journal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failures_say_why, setup, teardown),
	};
	return cmocka_run_group_tests_name("session", tests, NULL, NULL);
}
