/* action: one list gives every action its help text. */
#include <string.h>

#include "mlcert/action.h"
#include "testing.h"

static void test_every_action_has_help(void **state)
{
	(void)state;
	for (int a = 0; a < ACTION_COUNT; a++) {
		const char *help = action_help((enum action)a);
		assert_non_null(help);
		assert_true(strlen(help) > 3);
		/* each says something of its own */
		for (int b = 0; b < a; b++)
			assert_string_not_equal(help, action_help((enum action)b));
	}
	/* q pauses a mock exam, and help says so (issue 16) */
	assert_string_equal(action_help(ACTION_QUIT),
			    "quit; in an overlay: close it; in a mock exam: pause it and its clock");
	/* the wizard's keys say what they do there, not what choosing an answer does */
	assert_string_equal(action_help(ACTION_PICK), "take the flow, or the answer, with that number");
	assert_string_equal(action_help(ACTION_MOVE_DOWN), "move down one line or item");
	assert_string_equal(action_help(ACTION_COUNT), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_action_has_help),
	};
	return cmocka_run_group_tests_name("action", tests, NULL, NULL);
}
