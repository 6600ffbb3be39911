/* choice: sets of a question's choices by identity. */
#include "mlcert/choice.h"
#include "testing.h"

static void test_set_operations(void **state)
{
	(void)state;
	struct choice_set s = {0};
	assert_int_equal(choice_set_count(s), 0);
	s = choice_set_with(s, 0);
	s = choice_set_with(s, 2);
	s = choice_set_with(s, 2); /* already there */
	assert_int_equal(s.bits, 5);
	assert_int_equal(choice_set_count(s), 2);
	assert_true(choice_set_has(s, 0));
	assert_false(choice_set_has(s, 1));
	assert_true(choice_set_has(s, 2));
	s = choice_set_toggled(s, 0);
	s = choice_set_toggled(s, 1);
	assert_int_equal(s.bits, 6);
	assert_true(choice_set_equal(s, (struct choice_set){6}));
	assert_false(choice_set_equal(s, (struct choice_set){5}));
}

static void test_out_of_range_choices_are_never_members(void **state)
{
	(void)state;
	struct choice_set s = choice_set_with((struct choice_set){0}, 31);
	assert_int_equal(s.bits, 0x80000000u);
	assert_int_equal(choice_set_with(s, 32).bits, s.bits);
	assert_int_equal(choice_set_toggled(s, 40).bits, s.bits);
	assert_false(choice_set_has((struct choice_set){0xffffffffu}, 32));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set_operations),
		cmocka_unit_test(test_out_of_range_choices_are_never_members),
	};
	return cmocka_run_group_tests_name("choice", tests, NULL, NULL);
}
