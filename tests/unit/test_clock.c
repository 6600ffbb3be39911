/* clock: the one "now", which tests can set. */
#include <time.h>

#include "mlcert/clock.h"
#include "testing.h"

static void test_now_can_be_set(void **state)
{
	(void)state;
	setenv("MLCERT_NOW", "1767261600", 1);
	assert_int_equal(clock_now(), 1767261600);
	setenv("MLCERT_NOW", "-5", 1);
	assert_int_equal(clock_now(), -5);
	/* anything but a whole number is ignored: the system clock answers */
	setenv("MLCERT_NOW", "17x", 1);
	int64_t before = (int64_t)time(NULL), now = clock_now();
	assert_true(now >= before && now <= (int64_t)time(NULL));
	setenv("MLCERT_NOW", "", 1);
	assert_true(clock_now() >= before);
	unsetenv("MLCERT_NOW");
	now = clock_now();
	assert_true(now >= before && now <= (int64_t)time(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_now_can_be_set),
	};
	return cmocka_run_group_tests_name("clock", tests, NULL, NULL);
}
