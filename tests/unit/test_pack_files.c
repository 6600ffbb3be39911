/* pack_files: a pack folder's YAML files, sorted; hidden entries skipped;
 * a symbolic link loop or a second link to a folder reported, not followed. */
#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mlcert/pack_files.h"
#include "testing.h"

static char root[64];

static void touch(const char *rel)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", root, rel);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
}

static void folder(const char *rel)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", root, rel);
	assert_int_equal(mkdir(path, 0700), 0);
}

static void link_to(const char *target, const char *rel)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", root, rel);
	assert_int_equal(symlink(target, path), 0);
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int setup(void **state)
{
	(void)state;
	snprintf(root, sizeof root, "/tmp/mlcert-packfiles-XXXXXX");
	assert_non_null(mkdtemp(root));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	nftw(root, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}

static void test_sorted_and_hidden_skipped(void **state)
{
	(void)state;
	folder("topics");
	folder(".git");
	touch("pack.yaml");
	touch("topics/b.yaml");
	touch("topics/a.yml");
	touch("topics/notes.txt");
	touch(".hidden.yaml");
	touch(".git/x.yaml");
	struct pack_files files = {0};
	struct diag_list d;
	diag_list_init(&d);
	assert_true(pack_files_find(root, &files, &d));
	assert_int_equal(d.count, 0);
	assert_int_equal(files.count, 3);
	assert_string_equal(files.names[0], "pack.yaml");
	assert_string_equal(files.names[1], "topics/a.yml");
	assert_string_equal(files.names[2], "topics/b.yaml");
	pack_files_free(&files);
	assert_int_equal(files.count, 0);
	diag_list_free(&d);
}

static void test_loops_and_second_links_are_reported(void **state)
{
	(void)state;
	folder("topics");
	touch("pack.yaml");
	touch("topics/t.yaml");
	link_to("..", "topics/up");     /* back to the root: a loop */
	link_to("topics", "again");     /* the same folder a second time */
	struct pack_files files = {0};
	struct diag_list d;
	diag_list_init(&d);
	assert_true(pack_files_find(root, &files, &d));
	assert_int_equal(files.count, 2); /* each file once */
	bool loop = false, twice = false;
	for (size_t i = 0; i < d.count; i++) {
		/* which of the two links is met first depends on readdir's order */
		size_t n = strlen(d.items[i].file);
		loop |= strstr(d.items[i].message, "a symbolic link loop") != NULL && n > 3 &&
			strcmp(d.items[i].file + n - 3, "/up") == 0;
		twice |= strstr(d.items[i].message, "(a second link to it)") != NULL;
	}
	assert_true(loop);
	assert_true(twice);
	assert_int_equal(d.errors, 2);
	pack_files_free(&files);
	diag_list_free(&d);
}

static void test_missing_root(void **state)
{
	(void)state;
	char path[128];
	snprintf(path, sizeof path, "%s/none", root);
	struct pack_files files = {0};
	struct diag_list d;
	diag_list_init(&d);
	assert_false(pack_files_find(path, &files, &d));
	assert_non_null(strstr(d.items[0].message, "cannot read folder"));
	pack_files_free(&files);
	diag_list_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sorted_and_hidden_skipped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_loops_and_second_links_are_reported, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_root, setup, teardown),
	};
	return cmocka_run_group_tests_name("pack_files", tests, NULL, NULL);
}
