/* resume: the file of where the learner left off, kept whole, read back
 * entry by entry, damaged lines skipped and counted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mlcert/resume.h"
#include "testing.h"

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_round_trip(void **state)
{
	(void)state;
	char dir[] = "/tmp/mlcert-resume-XXXXXX", path[128], why[256];
	assert_non_null(mkdtemp(dir));
	assert_true(resume_path(dir, "fixture", path, sizeof path));
	snprintf(why, sizeof why, "%s/fixture.resume", dir);
	assert_string_equal(path, why);
	struct resume r = {0};
	size_t skipped = 9;
	assert_true(resume_load(path, &r, &skipped, why, sizeof why)); /* none yet: nothing to restore */
	assert_int_equal(r.count, 0);
	assert_int_equal(skipped, 0);
	assert_true(resume_add(&r, "focus", "-", 2));
	assert_true(resume_add(&r, "reader-topic", "topic-one", 17));
	assert_true(resume_add(&r, "at-domain", "alpha", -3));
	/* what the file cannot hold is refused */
	assert_false(resume_add(&r, "Bad Key", "x", 0));
	assert_false(resume_add(&r, "key", "has space", 0));
	assert_false(resume_add(&r, "key", "x", (int64_t)1 << 60));
	assert_int_equal(r.count, 3);
	assert_true(resume_save(path, &r, why, sizeof why));
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	struct resume back = {0};
	assert_true(resume_load(path, &back, &skipped, why, sizeof why));
	assert_int_equal(skipped, 0);
	assert_int_equal(back.count, 3);
	const struct resume_entry *e = resume_find(&back, "reader-topic");
	assert_non_null(e);
	assert_string_equal(e->id, "topic-one");
	assert_int_equal(e->value, 17);
	assert_int_equal(resume_find(&back, "at-domain")->value, -3);
	assert_null(resume_find(&back, "tree-topic"));
	resume_free(&back);
	resume_free(&r);
	unlink(path);
	rmdir(dir);
}

static void test_damage_and_strangers(void **state)
{
	(void)state;
	char dir[] = "/tmp/mlcert-resume-XXXXXX", path[128], why[256];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/p.resume", dir);
	struct resume r = {0};
	size_t skipped;
	/* damaged lines go, the others stay */
	write_text(path, "mlcert-resume 1 0\nfocus - 1\nreader-topic\nat-topic x 12abc\n\nBAD x 1\n"
			 "tree-topic topic-two 0\nat-topic y 99999999999999999999\nfull-width - 1");
	assert_true(resume_load(path, &r, &skipped, why, sizeof why));
	assert_int_equal(skipped, 4);
	assert_int_equal(r.count, 3);
	assert_int_equal(resume_find(&r, "focus")->value, 1);
	assert_string_equal(resume_find(&r, "tree-topic")->id, "topic-two");
	assert_int_equal(resume_find(&r, "full-width")->value, 1); /* no newline at the end */
	/* not a resume file at all: said, and nothing taken from it */
	write_text(path, "focus - 1\n");
	assert_false(resume_load(path, &r, &skipped, why, sizeof why));
	assert_non_null(strstr(why, "is not a resume file"));
	assert_int_equal(r.count, 0);
	/* a NUL inside a line is damage, not a shorter line */
	FILE *f = fopen(path, "w");
	fwrite("mlcert-resume 1 0\nfocus - 1\0x\nfocus - 2\n", 1, 39, f);
	fclose(f);
	assert_true(resume_load(path, &r, &skipped, why, sizeof why));
	assert_int_equal(skipped, 1);
	assert_int_equal(r.count, 1);
	assert_int_equal(resume_find(&r, "focus")->value, 2);
	/* a folder where the file should be: cannot be read, said why */
	unlink(path);
	mkdir(path, 0700);
	assert_false(resume_load(path, &r, &skipped, why, sizeof why));
	assert_non_null(strstr(why, "cannot read"));
	assert_false(resume_save(path, &r, why, sizeof why)); /* not replaced by a file either */
	rmdir(path);
	resume_free(&r);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_damage_and_strangers),
	};
	return cmocka_run_group_tests_name("resume", tests, NULL, NULL);
}
