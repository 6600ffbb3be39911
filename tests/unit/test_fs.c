/* fs: XDG folders, mkdir -p, whole reads and writes. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mlcert/fs.h"
#include "testing.h"

static void test_app_dir_follows_xdg_then_home(void **state)
{
	(void)state;
	char buf[256];
	setenv("HOME", "/home/u", 1);
	setenv("XDG_STATE_HOME", "/xdg/state", 1);
	assert_true(fs_app_dir(FS_STATE, "", buf, sizeof buf));
	assert_string_equal(buf, "/xdg/state/mlcert");
	/* relative values are invalid by the spec: the fallback under HOME is used */
	setenv("XDG_STATE_HOME", "rel/state", 1);
	assert_true(fs_app_dir(FS_STATE, "", buf, sizeof buf));
	assert_string_equal(buf, "/home/u/.local/state/mlcert");
	unsetenv("XDG_DATA_HOME");
	assert_true(fs_app_dir(FS_DATA, "/packs", buf, sizeof buf));
	assert_string_equal(buf, "/home/u/.local/share/mlcert/packs");
	unsetenv("XDG_CACHE_HOME");
	assert_true(fs_app_dir(FS_CACHE, "", buf, sizeof buf));
	assert_string_equal(buf, "/home/u/.cache/mlcert");
	assert_false(fs_app_dir(FS_CACHE, "", buf, 8)); /* does not fit */
	unsetenv("XDG_STATE_HOME");
	setenv("HOME", "relative", 1);
	assert_false(fs_app_dir(FS_STATE, "", buf, sizeof buf));
}

static void test_make_dirs_makes_every_level_private(void **state)
{
	(void)state;
	char root[] = "/tmp/mlcert-fs-XXXXXX", dir[128], why[256];
	assert_non_null(mkdtemp(root));
	snprintf(dir, sizeof dir, "%s/a/b/c", root);
	assert_true(fs_make_dirs(dir, why, sizeof why));
	struct stat st;
	assert_int_equal(stat(dir, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_true(fs_make_dirs(dir, why, sizeof why)); /* already there: fine */
	/* a file where a folder should be */
	char file[128], below[160];
	snprintf(file, sizeof file, "%s/a/file", root);
	int fd = open(file, O_WRONLY | O_CREAT, 0600);
	assert_true(fd >= 0);
	close(fd);
	assert_false(fs_make_dirs(file, why, sizeof why));
	assert_non_null(strstr(why, "is not a folder"));
	snprintf(below, sizeof below, "%s/x", file);
	assert_false(fs_make_dirs(below, why, sizeof why));
	assert_non_null(strstr(why, "cannot create"));
	unlink(file);
	for (int i = 0; i < 3; i++) {
		rmdir(dir);
		*strrchr(dir, '/') = '\0';
	}
	rmdir(root);
}

static void test_whole_reads_and_writes(void **state)
{
	(void)state;
	char path[] = "/tmp/mlcert-fs-file-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	char big[100000];
	for (size_t i = 0; i < sizeof big; i++)
		big[i] = (char)('a' + i % 26);
	assert_true(fs_write_all(fd, big, sizeof big));
	char back[sizeof big];
	assert_int_equal(fs_pread_full(fd, back, sizeof back, 0), sizeof big);
	assert_memory_equal(back, big, sizeof big);
	/* at the end of the file, fewer than asked */
	assert_int_equal(fs_pread_full(fd, back, 100, (off_t)sizeof big - 10), 10);
	assert_memory_equal(back, big + sizeof big - 10, 10);
	lseek(fd, 0, SEEK_SET);
	assert_true(fs_read_all(fd, back, 50000));
	assert_memory_equal(back, big, 50000);
	assert_false(fs_read_all(fd, back, 60000)); /* only 50000 left */
	close(fd);

	size_t len = 0;
	char *text = fs_read_file(path, 1 << 20, &len);
	assert_non_null(text);
	assert_int_equal(len, sizeof big);
	assert_memory_equal(text, big, sizeof big);
	assert_int_equal(text[len], '\0');
	free(text);
	errno = 0;
	assert_null(fs_read_file(path, 1000, &len)); /* larger than allowed */
	assert_int_equal(errno, EFBIG);
	unlink(path);
	assert_null(fs_read_file(path, 1000, &len));
	assert_int_equal(errno, ENOENT);
}

/* A file replaced whole: the new bytes, 0600, nothing left beside it; a
 * failure leaves the old file as it was. */
static void test_replace_file(void **state)
{
	(void)state;
	char root[] = "/tmp/mlcert-fs-XXXXXX", path[128], why[256];
	assert_non_null(mkdtemp(root));
	snprintf(path, sizeof path, "%s/f", root);
	assert_true(fs_replace_file(path, "one\n", 4, why, sizeof why));
	assert_true(fs_replace_file(path, "two!\n", 5, why, sizeof why));
	size_t len;
	char *text = fs_read_file(path, 100, &len);
	assert_non_null(text);
	assert_string_equal(text, "two!\n");
	free(text);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	/* only the file: no temporary one left */
	char cmd[256];
	snprintf(cmd, sizeof cmd, "test $(ls -A '%s' | wc -l) = 1", root);
	assert_int_equal(system(cmd), 0);
	/* a folder that is not there: false, with why */
	char missing[160];
	snprintf(missing, sizeof missing, "%s/no/f", root);
	why[0] = '\0';
	assert_false(fs_replace_file(missing, "x", 1, why, sizeof why));
	assert_non_null(strstr(why, "no/f"));
	unlink(path);
	rmdir(root);
}

/* Paths joined with one slash, whatever the parts hold; a folder fsynced
 * without a descriptor left open (missing or not, it is best effort). */
static void test_join_and_sync_folder(void **state)
{
	(void)state;
	char *p = fs_join("/state", "p.journal");
	assert_string_equal(p, "/state/p.journal");
	free(p);
	p = fs_join("", "x");
	assert_string_equal(p, "/x");
	free(p);
	p = fs_join("rel/dir", "");
	assert_string_equal(p, "rel/dir/");
	free(p);
	char long_name[5000];
	memset(long_name, 'n', sizeof long_name - 1);
	long_name[sizeof long_name - 1] = '\0';
	p = fs_join("/d", long_name); /* no fixed buffer: any length */
	assert_int_equal(strlen(p), 3 + sizeof long_name - 1);
	free(p);

	char root[] = "/tmp/mlcert-fs-sync-XXXXXX";
	assert_non_null(mkdtemp(root));
	int before = dup(0);
	assert_true(before >= 0);
	close(before);
	fs_sync_folder(root);
	fs_sync_folder("/nonexistent/mlcert-fs-sync");
	int after = dup(0);
	assert_int_equal(after, before); /* the lowest free descriptor is still free */
	close(after);
	rmdir(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_app_dir_follows_xdg_then_home),
		cmocka_unit_test(test_make_dirs_makes_every_level_private),
		cmocka_unit_test(test_whole_reads_and_writes),
		cmocka_unit_test(test_replace_file),
		cmocka_unit_test(test_join_and_sync_folder),
	};
	return cmocka_run_group_tests_name("fs", tests, NULL, NULL);
}
