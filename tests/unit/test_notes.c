/* notes: one text file per topic beside the journal. */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mlcert/notes.h"
#include "testing.h"

static void test_paths(void **state)
{
	(void)state;
	char folder[64], path[128];
	assert_true(notes_folder("/state/mlcert", "pmle", folder, sizeof folder));
	assert_string_equal(folder, "/state/mlcert/notes/pmle");
	assert_true(notes_path(folder, "bigquery-ml", path, sizeof path));
	assert_string_equal(path, "/state/mlcert/notes/pmle/bigquery-ml.txt");
	assert_false(notes_path("", "bigquery-ml", path, sizeof path)); /* no folder: no notes */
	assert_false(notes_path(folder, "bigquery-ml", path, 16));    /* does not fit */
	assert_false(notes_folder("/state/mlcert", "pmle", folder, 8));
}

static void test_make_write_read(void **state)
{
	(void)state;
	char root[] = "/tmp/mlcert-notes-XXXXXX", folder[128], path[160], why[256];
	assert_non_null(mkdtemp(root));
	assert_true(notes_folder(root, "pack", folder, sizeof folder));
	assert_null(notes_read(folder, "topic")); /* nothing yet, not even the folder */
	assert_true(notes_make_folder(folder, why, sizeof why));
	struct stat st;
	assert_int_equal(stat(folder, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_true(notes_path(folder, "topic", path, sizeof path));
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("my note\n", f);
	fclose(f);
	char *text = notes_read(folder, "topic");
	assert_string_equal(text, "my note\n");
	free(text);
	/* a long note is cut where the reader stops */
	f = fopen(path, "w");
	for (int i = 0; i < NOTES_MAX_BYTES + 100; i++)
		fputc('x', f);
	fclose(f);
	text = notes_read(folder, "topic");
	assert_int_equal(strlen(text), NOTES_MAX_BYTES);
	free(text);
	/* Two devices changed it and a file sync tool kept both: the note says where the other is. */
	f = fopen(path, "w");
	fputs("mine", f);
	fclose(f);
	char other[256];
	snprintf(other, sizeof other, "%s/topic.sync-conflict-20260101-101010-ABCDEFG.txt", folder);
	f = fopen(other, "w");
	fputs("theirs\n", f);
	fclose(f);
	text = notes_read(folder, "topic");
	char want[512];
	snprintf(want, sizeof want,
		 "mine\n[Another version of this note, from another device, is in %s/"
		 "topic.sync-conflict-20260101-101010-ABCDEFG.txt: keep what you want, then delete that file.]\n",
		 folder);
	assert_string_equal(text, want);
	free(text);
	assert_null(notes_read(folder, "topic-two")); /* another topic's note is not this one's */
	unlink(other);
	unlink(path);
	rmdir(folder);
	char notes[160];
	snprintf(notes, sizeof notes, "%s/notes", root);
	rmdir(notes);
	rmdir(root);
}

/* A note's version changes with its content only: rewritten with the same
 * text it is the same note; created, changed or removed it is not. */
static void test_version_follows_the_content(void **state)
{
	(void)state;
	char root[] = "/tmp/mlcert-notes-XXXXXX", path[64];
	assert_non_null(mkdtemp(root));
	snprintf(path, sizeof path, "%s/t.txt", root);
	struct notes_version none = notes_version_of(path);
	assert_false(none.exists);
	assert_true(notes_version_equal(none, notes_version_of(path)));
	FILE *f = fopen(path, "w");
	fclose(f);
	struct notes_version empty = notes_version_of(path);
	assert_true(empty.exists);
	assert_false(notes_version_equal(none, empty)); /* an empty file is a change from none */
	f = fopen(path, "w");
	fputs("abc\n", f);
	fclose(f);
	struct notes_version abc = notes_version_of(path);
	assert_false(notes_version_equal(empty, abc));
	/* the same text written again, to a new file renamed over it (as vim does) */
	char tmp[80];
	snprintf(tmp, sizeof tmp, "%s/t.txt~", root);
	f = fopen(tmp, "w");
	fputs("abc\n", f);
	fclose(f);
	assert_int_equal(rename(tmp, path), 0);
	assert_true(notes_version_equal(abc, notes_version_of(path)));
	/* the same size, other text */
	f = fopen(path, "w");
	fputs("abd\n", f);
	fclose(f);
	assert_false(notes_version_equal(abc, notes_version_of(path)));
	/* longer than one read */
	f = fopen(path, "w");
	for (int i = 0; i < 20000; i++)
		fputc('a' + i % 26, f);
	fclose(f);
	struct notes_version big = notes_version_of(path);
	assert_int_equal(big.size, 20000);
	f = fopen(path, "r+");
	fseek(f, 19000, SEEK_SET);
	fputc('#', f);
	fclose(f);
	assert_false(notes_version_equal(big, notes_version_of(path)));
	unlink(path);
	assert_false(notes_version_of(path).exists);
	rmdir(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_version_follows_the_content),
		cmocka_unit_test(test_make_write_read),
	};
	return cmocka_run_group_tests_name("notes", tests, NULL, NULL);
}
