/* journal_members: which names are journals, the listing (sorted, the old
 * journal beside the folder, links listed but not followed), and changes. */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mlcert/journal_line.h"
#include "mlcert/journal_members.h"
#include "testing.h"

/* A state folder STATE, its pack's folder (folder) and the journal of
 * earlier versions beside it (legacy). */
struct tmp {
	const char *dir;
	char folder[128]; /* STATE/p */
	char legacy[128]; /* STATE/p.journal */
};

static struct tmp paths(void **state)
{
	struct tmp t = {.dir = *state};
	snprintf(t.folder, sizeof t.folder, "%s/p", t.dir);
	snprintf(t.legacy, sizeof t.legacy, "%s/p.journal", t.dir);
	return t;
}

static int setup(void **state)
{
	if (test_dir_setup(state) != 0)
		return -1;
	struct tmp t = paths(state);
	return mkdir(t.folder, 0700);
}

static void write_in(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

static void test_member_names(void **state)
{
	(void)state;
	static const char *const journals[] = {"0123456789abcdef.journal", "import-0123456789abcdef.journal",
					       "a.journal", "a-.journal", "9.journal"};
	for (size_t i = 0; i < sizeof journals / sizeof journals[0]; i++)
		assert_true(journal_member_name(journals[i]));
	static const char *const others[] = {".journal", "-a.journal", "AAAA.journal", "a.journal.tmp",
					     ".a.journal", "a_b.journal", "a b.journal", "a.JOURNAL", "journal",
					     "aaaaaaaaaaaaaaaa.sync-conflict-20260101-120000-ABCDEF.journal", ""};
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
		assert_false(journal_member_name(others[i]));
	char name[JOURNAL_ID_MAX + 16];
	memset(name, 'a', JOURNAL_ID_MAX);
	strcpy(name + JOURNAL_ID_MAX, ".journal");
	assert_true(journal_member_name(name)); /* the longest stem */
	memset(name, 'a', JOURNAL_ID_MAX + 1);
	strcpy(name + JOURNAL_ID_MAX + 1, ".journal");
	assert_false(journal_member_name(name));
}

/* Sorted by name with what each file is; other names left out; a symbolic
 * link listed as the link itself; the old journal with them while it is there. */
static void test_list(void **state)
{
	struct tmp at = paths(state), *t = &at;
	write_in(t->folder, "bbbb.journal", "12345");
	write_in(t->folder, "aaaa.journal", "1");
	write_in(t->folder, ".aaaa.journal.tmp", "stray");
	write_in(t->folder, "notes.txt", "stray");
	char sym[512];
	snprintf(sym, sizeof sym, "%s/link.journal", t->folder);
	assert_int_equal(symlink("/etc/passwd", sym), 0);
	write_in(t->dir, "p.journal", "old");
	struct journal_member *m;
	size_t n;
	char why[256];
	assert_true(journal_members_list(t->folder, t->legacy, &m, &n, why, sizeof why));
	assert_int_equal(n, 4);
	assert_string_equal(m[0].name, "aaaa.journal");
	assert_string_equal(m[1].name, "bbbb.journal");
	assert_string_equal(m[2].name, "link.journal");
	assert_string_equal(m[3].name, "p.journal");
	assert_int_equal(m[0].size, 1);
	assert_int_equal(m[1].size, 5);
	assert_string_equal(m[3].path, t->legacy);
	char path[512];
	snprintf(path, sizeof path, "%s/bbbb.journal", t->folder);
	assert_string_equal(m[1].path, path);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(m[1].ino, st.st_ino);
	assert_int_equal(m[1].dev, st.st_dev);
	assert_int_equal(lstat(sym, &st), 0);
	assert_int_equal(m[2].ino, st.st_ino); /* the link's own, not its target's */
	journal_members_free(m, n);

	/* The old journal half-way through its rename (both names, one file): listed once. */
	snprintf(path, sizeof path, "%s/cccc.journal", t->folder);
	assert_int_equal(link(t->legacy, path), 0);
	assert_true(journal_members_list(t->folder, t->legacy, &m, &n, why, sizeof why));
	assert_int_equal(n, 4);
	assert_string_equal(m[2].name, "cccc.journal");
	assert_string_equal(m[3].name, "link.journal");
	journal_members_free(m, n);
}

/* No folder yet: no journals. A folder that cannot be read: an error. */
static void test_missing_and_unreadable_folder(void **state)
{
	struct tmp at = paths(state), *t = &at;
	char missing[256], why[256];
	snprintf(missing, sizeof missing, "%s/none", t->dir);
	struct journal_member *m = NULL;
	size_t n = 1;
	assert_true(journal_members_list(missing, t->legacy, &m, &n, why, sizeof why));
	assert_int_equal(n, 0);
	journal_members_free(m, n);
	write_in(t->dir, "file", "not a folder");
	char file[256];
	snprintf(file, sizeof file, "%s/file", t->dir);
	assert_false(journal_members_list(file, t->legacy, &m, &n, why, sizeof why));
	assert_non_null(strstr(why, "cannot read the journal folder"));
	assert_true(journal_members_changed(file, t->legacy, NULL, 0)); /* unreadable counts as changed */
}

/* A file added, grown, replaced or gone is a change; nothing done is none. */
static void test_changes(void **state)
{
	struct tmp at = paths(state), *t = &at;
	write_in(t->folder, "aaaa.journal", "1\n");
	struct journal_member *was;
	size_t n;
	char why[256];
	assert_true(journal_members_list(t->folder, t->legacy, &was, &n, why, sizeof why));
	assert_false(journal_members_changed(t->folder, t->legacy, was, n));
	write_in(t->folder, "aaaa.journal", "2\n"); /* grown */
	assert_true(journal_members_changed(t->folder, t->legacy, was, n));
	journal_members_free(was, n);

	assert_true(journal_members_list(t->folder, t->legacy, &was, &n, why, sizeof why));
	write_in(t->folder, "bbbb.journal", "1\n"); /* added */
	assert_true(journal_members_changed(t->folder, t->legacy, was, n));
	char b[512];
	snprintf(b, sizeof b, "%s/bbbb.journal", t->folder);
	assert_int_equal(unlink(b), 0);
	assert_false(journal_members_changed(t->folder, t->legacy, was, n));
	write_in(t->folder, "other.journal.tmp", "1\n2\n"); /* not a journal: no change */
	assert_false(journal_members_changed(t->folder, t->legacy, was, n));
	char a[512], tmp[512];
	snprintf(a, sizeof a, "%s/aaaa.journal", t->folder);
	snprintf(tmp, sizeof tmp, "%s/other.journal.tmp", t->folder);
	assert_int_equal(rename(tmp, a), 0); /* replaced, as a sync tool does */
	assert_true(journal_members_changed(t->folder, t->legacy, was, n));
	assert_int_equal(unlink(a), 0); /* gone */
	assert_true(journal_members_changed(t->folder, t->legacy, was, n));
	journal_members_free(was, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_member_names),
		cmocka_unit_test_setup_teardown(test_list, setup, test_dir_teardown),
		cmocka_unit_test_setup_teardown(test_missing_and_unreadable_folder, setup, test_dir_teardown),
		cmocka_unit_test_setup_teardown(test_changes, setup, test_dir_teardown),
	};
	return cmocka_run_group_tests_name("journal_members", tests, NULL, NULL);
}
