/* state_lock: one holder at a time, named by its pid; a lock file that is
 * not ours to use is refused. (A file system without flock, the UNGUARDED
 * case, is not made here.) */
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mlcert/state_lock.h"
#include "testing.h"

/* The lock file of the test's state folder. */
static const char *lock_path(const char *dir)
{
	static char path[128];
	snprintf(path, sizeof path, "%s/lock", dir);
	return path;
}

/* Taken, the file holds our pid; a second take (another open file, as
 * another process has) is told who holds it; after a close it is free again. */
static void test_one_holder_named_by_pid(void **state)
{
	const char *dir = *state;
	char why[512] = "";
	int fd = -2, second = -2;
	long holder = -1;
	assert_int_equal(state_lock_take(dir, &fd, &holder, why, sizeof why), STATE_LOCK_TAKEN);
	assert_true(fd >= 0);
	assert_int_equal(holder, -1); /* only a busy lock says who */
	struct stat st;
	assert_int_equal(stat(lock_path(dir), &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	char text[32] = "", expect[32];
	int in = open(lock_path(dir), O_RDONLY);
	assert_true(in >= 0);
	assert_true(read(in, text, sizeof text - 1) > 0);
	close(in);
	snprintf(expect, sizeof expect, "%ld\n", (long)getpid());
	assert_string_equal(text, expect);

	assert_int_equal(state_lock_take(dir, &second, &holder, why, sizeof why), STATE_LOCK_BUSY);
	assert_int_equal(second, -1);
	assert_int_equal(holder, (long)getpid());
	close(fd);
	assert_int_equal(state_lock_take(dir, &second, &holder, why, sizeof why), STATE_LOCK_TAKEN);
	assert_true(second >= 0);
	close(second);
}

/* A holder that has not written its pid yet: busy, holder unknown (0). */
static void test_holder_without_pid(void **state)
{
	const char *dir = *state;
	int other = open(lock_path(dir), O_RDWR | O_CREAT, 0600);
	assert_true(other >= 0);
	assert_int_equal(flock(other, LOCK_EX | LOCK_NB), 0);
	char why[512];
	int fd = -2;
	long holder = -1;
	assert_int_equal(state_lock_take(dir, &fd, &holder, why, sizeof why), STATE_LOCK_BUSY);
	assert_int_equal(fd, -1);
	assert_int_equal(holder, 0);
	close(other);
}

/* A symbolic link, a folder in its place, a state folder that is not there: refused with why. */
static void test_unusable_lock_file(void **state)
{
	const char *dir = *state;
	char why[512];
	int fd = -2;
	long holder = -1;
	char target[160];
	snprintf(target, sizeof target, "%s/elsewhere", dir);
	assert_int_equal(symlink(target, lock_path(dir)), 0);
	assert_int_equal(state_lock_take(dir, &fd, &holder, why, sizeof why), STATE_LOCK_FAILED);
	assert_int_equal(fd, -1);
	assert_non_null(strstr(why, "cannot use the lock file"));
	assert_int_equal(access(target, F_OK), -1); /* the link was not followed */
	assert_int_equal(unlink(lock_path(dir)), 0);

	assert_int_equal(mkdir(lock_path(dir), 0700), 0);
	why[0] = '\0';
	assert_int_equal(state_lock_take(dir, &fd, &holder, why, sizeof why), STATE_LOCK_FAILED);
	assert_non_null(strstr(why, "cannot use the lock file"));
	assert_int_equal(rmdir(lock_path(dir)), 0);

	char missing[160];
	snprintf(missing, sizeof missing, "%s/none", dir);
	why[0] = '\0';
	assert_int_equal(state_lock_take(missing, &fd, &holder, why, sizeof why), STATE_LOCK_FAILED);
	assert_non_null(strstr(why, "No such file"));
	assert_int_equal(holder, -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_one_holder_named_by_pid, test_dir_setup, test_dir_teardown),
		cmocka_unit_test_setup_teardown(test_holder_without_pid, test_dir_setup, test_dir_teardown),
		cmocka_unit_test_setup_teardown(test_unusable_lock_file, test_dir_setup, test_dir_teardown),
	};
	return cmocka_run_group_tests_name("state_lock", tests, NULL, NULL);
}
