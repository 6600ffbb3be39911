/* choice: sets of a question's choices by identity. */
#include <string.h>

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

static bool is_order_of(const struct choice_order *o, unsigned count)
{
	unsigned seen = 0;
	for (unsigned i = 0; i < o->count; i++)
		seen |= 1u << o->at[i];
	return o->count == count && seen == (1u << count) - 1;
}

static void test_orders_are_shuffled_by_seed(void **state)
{
	(void)state;
	unsetenv("MLCERT_SHUFFLE");
	struct choice_order id = choice_order_identity(4);
	assert_int_equal(id.count, 4);
	for (unsigned i = 0; i < 4; i++)
		assert_int_equal(id.at[i], i);
	/* the same seed, the same order; seeds of neighbouring presentations, many orders */
	struct choice_order a = choice_order_shuffled(4, 7), b = choice_order_shuffled(4, 7);
	assert_memory_equal(a.at, b.at, 4);
	unsigned distinct = 0, first_letter_of_choice_0[4] = {0};
	struct choice_order seen[24];
	for (uint64_t k = 0; k < 200; k++) {
		struct choice_order o = choice_order_shuffled(4, choice_seed(1767261600, k));
		assert_true(is_order_of(&o, 4));
		first_letter_of_choice_0[choice_order_position(&o, 0)]++;
		bool known = false;
		for (unsigned d = 0; d < distinct; d++)
			known |= memcmp(seen[d].at, o.at, 4) == 0;
		if (!known && distinct < 24)
			seen[distinct++] = o;
	}
	assert_true(distinct >= 20); /* nearly all 24 orders of four */
	for (unsigned p = 0; p < 4; p++)
		assert_true(first_letter_of_choice_0[p] > 20); /* choice 0 is no longer always "a" */
	/* MLCERT_SHUFFLE=off: the pack's order, for scripts that answer by letter */
	setenv("MLCERT_SHUFFLE", "off", 1);
	struct choice_order off = choice_order_shuffled(4, 7);
	assert_memory_equal(off.at, id.at, 4);
	unsetenv("MLCERT_SHUFFLE");
	/* more choices than an order holds are capped, never overrun */
	assert_int_equal(choice_order_shuffled(40, 1).count, CHOICE_ORDER_MAX);
}

static void test_positions_and_identities(void **state)
{
	(void)state;
	struct choice_order o = {3, {2, 0, 1}};
	unsigned c = 99;
	assert_true(choice_order_choice(&o, 0, &c));
	assert_int_equal(c, 2); /* letter a shows choice 2 */
	assert_false(choice_order_choice(&o, 3, &c));
	assert_int_equal(choice_order_position(&o, 0), 1);
	assert_int_equal(choice_order_position(&o, 2), 0);
	assert_int_equal(choice_order_position(&o, 5), 3); /* not shown */
}

static void test_orders_pack_for_the_journal(void **state)
{
	(void)state;
	struct choice_order o = {5, {4, 2, 0, 3, 1}};
	int64_t packed = choice_order_pack(&o);
	assert_true(packed > 0 && packed < ((int64_t)1 << 32));
	struct choice_order back = choice_order_unpack(packed, 5);
	assert_int_equal(back.count, 5);
	assert_memory_equal(back.at, o.at, 5);
	/* anything else reads as the pack's order: a wrong count, a repeat, a choice out of range, garbage */
	struct choice_order id = choice_order_identity(5);
	assert_memory_equal(choice_order_unpack(packed, 4).at, choice_order_identity(4).at, 4);
	struct choice_order twice = {5, {4, 4, 0, 3, 1}}, beyond = {5, {5, 2, 0, 3, 1}};
	assert_memory_equal(choice_order_unpack(choice_order_pack(&twice), 5).at, id.at, 5);
	assert_memory_equal(choice_order_unpack(choice_order_pack(&beyond), 5).at, id.at, 5);
	assert_memory_equal(choice_order_unpack(-1, 5).at, id.at, 5);
	assert_memory_equal(choice_order_unpack(0, 5).at, id.at, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set_operations),
		cmocka_unit_test(test_out_of_range_choices_are_never_members),
		cmocka_unit_test(test_orders_are_shuffled_by_seed),
		cmocka_unit_test(test_positions_and_identities),
		cmocka_unit_test(test_orders_pack_for_the_journal),
	};
	return cmocka_run_group_tests_name("choice", tests, NULL, NULL);
}
