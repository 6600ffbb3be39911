/* device: the id made once and kept, a copied or damaged id file, random ids. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mlcert/device.h"
#include "testing.h"

/* A state folder whose device has an id already. */
static int setup(void **state)
{
	if (test_dir_setup(state) != 0)
		return -1;
	char id[DEVICE_ID_LEN + 1], why[256];
	return device_id(*state, true, id, why, sizeof why) ? 0 : -1;
}

static bool all_hex(const char *s)
{
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return false;
	return true;
}

static void write_id_file(const char *dir, const char *text)
{
	char path[128];
	snprintf(path, sizeof path, "%s/device-id", dir);
	unlink(path);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* The device id is made once and kept; a copy of its file (a synced or
 * copied state folder) is not this device's: a writer there makes its own. */
static void test_device_id_is_not_copied(void **state)
{
	const char *dir = *state;
	char id[DEVICE_ID_LEN + 1], again[DEVICE_ID_LEN + 1], copy[DEVICE_ID_LEN + 1];
	char why[256];
	assert_true(device_id(dir, false, id, why, sizeof why));
	assert_int_equal(strlen(id), DEVICE_ID_LEN);
	assert_true(device_id(dir, true, again, why, sizeof why));
	assert_string_equal(id, again);
	char other[128], cmd[512];
	snprintf(other, sizeof other, "%s/other", dir);
	assert_int_equal(mkdir(other, 0700), 0);
	snprintf(cmd, sizeof cmd, "cp -p %s/device-id %s/device-id", dir, other);
	assert_int_equal(system(cmd), 0);
	assert_false(device_id(other, false, copy, why, sizeof why));
	assert_true(device_id(other, true, copy, why, sizeof why));
	assert_string_not_equal(copy, id);
	assert_true(device_id(dir, false, again, why, sizeof why));
	assert_string_equal(again, id);
}

/* The file holds the id and the inode it was written in, each on a line. */
static void test_id_file_holds_its_inode(void **state)
{
	const char *dir = *state;
	char id[DEVICE_ID_LEN + 1], why[256], path[128], text[64];
	assert_true(device_id(dir, false, id, why, sizeof why));
	assert_true(all_hex(id));
	snprintf(path, sizeof path, "%s/device-id", dir);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	char expect[64];
	snprintf(expect, sizeof expect, "%s\n%llu\n", id, (unsigned long long)st.st_ino);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	size_t n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = '\0';
	assert_string_equal(text, expect);
}

/* No id yet: a reader is told so and gets "", a writer makes one. */
static void test_no_id_until_a_writer_makes_one(void **state)
{
	const char *dir = *state;
	char id[DEVICE_ID_LEN + 1], again[DEVICE_ID_LEN + 1], why[256];
	assert_false(device_id(dir, false, id, why, sizeof why));
	assert_string_equal(id, "");
	assert_non_null(strstr(why, "has no id"));
	assert_true(device_id(dir, true, id, why, sizeof why));
	assert_int_equal(strlen(id), DEVICE_ID_LEN);
	assert_true(device_id(dir, false, again, why, sizeof why));
	assert_string_equal(again, id);
}

/* A damaged id file (not an id, no inode, a wrong inode) is no id; a
 * writer replaces it. */
static void test_damaged_id_file_is_replaced(void **state)
{
	const char *dir = *state;
	static const char *const damaged[] = {"", "0123456789abcdeg\n1\n", "0123456789ABCDEF\n1\n",
					      "0123456789abcdef\n", "0123456789abcdef\n12x\n", "0123456789abcdef\n1\n",
					      "0123456789abcde\n1\n"};
	for (size_t i = 0; i < sizeof damaged / sizeof damaged[0]; i++) {
		char id[DEVICE_ID_LEN + 1], again[DEVICE_ID_LEN + 1], why[256];
		write_id_file(dir, damaged[i]);
		assert_false(device_id(dir, false, id, why, sizeof why));
		assert_true(device_id(dir, true, id, why, sizeof why));
		assert_true(all_hex(id));
		assert_true(device_id(dir, false, again, why, sizeof why));
		assert_string_equal(again, id);
	}
}

/* A symbolic link in its place is an error, never followed nor replaced. */
static void test_symlink_id_file_is_an_error(void **state)
{
	const char *dir = *state;
	char path[128], id[DEVICE_ID_LEN + 1], why[256];
	snprintf(path, sizeof path, "%s/device-id", dir);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(symlink("/etc/hostname", path), 0);
	assert_false(device_id(dir, true, id, why, sizeof why));
	assert_non_null(strstr(why, "cannot read"));
	struct stat st;
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
}

static void test_random_ids(void **state)
{
	(void)state;
	char a[DEVICE_ID_LEN + 1], b[DEVICE_ID_LEN + 1], why[256];
	assert_true(device_random_id(a, why, sizeof why));
	assert_true(device_random_id(b, why, sizeof why));
	assert_int_equal(strlen(a), DEVICE_ID_LEN);
	assert_true(all_hex(a) && all_hex(b));
	assert_string_not_equal(a, b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_device_id_is_not_copied, setup, test_dir_teardown),
		cmocka_unit_test_setup_teardown(test_id_file_holds_its_inode, setup, test_dir_teardown),
		cmocka_unit_test_setup_teardown(test_no_id_until_a_writer_makes_one, test_dir_setup, test_dir_teardown),
		cmocka_unit_test_setup_teardown(test_damaged_id_file_is_replaced, setup, test_dir_teardown),
		cmocka_unit_test_setup_teardown(test_symlink_id_file_is_an_error, setup, test_dir_teardown),
		cmocka_unit_test(test_random_ids),
	};
	return cmocka_run_group_tests_name("device", tests, NULL, NULL);
}
