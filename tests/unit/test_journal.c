/* journal: append, replay, and damaged lines skipped while their neighbours are kept. */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "mlcert/journal.h"
#include "testing.h"

struct tmp {
	char dir[64];
	char path[128];
};

static int setup(void **state)
{
	struct tmp *t = calloc(1, sizeof *t);
	snprintf(t->dir, sizeof t->dir, "/tmp/mlcert-journal-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	snprintf(t->path, sizeof t->path, "%s/p.journal", t->dir);
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	struct tmp *t = *state;
	unlink(t->path);
	char other[160];
	snprintf(other, sizeof other, "%s/nested/deeper/p.journal", t->dir);
	unlink(other);
	snprintf(other, sizeof other, "%s/nested/deeper", t->dir);
	rmdir(other);
	snprintf(other, sizeof other, "%s/nested", t->dir);
	rmdir(other);
	rmdir(t->dir);
	free(t);
	return 0;
}

struct seen {
	struct journal_event events[16];
	int count;
};

static void visit(void *ctx, const struct journal_event *e)
{
	struct seen *s = ctx;
	if (s->count < 16)
		s->events[s->count++] = *e;
}

static struct journal_event answer(const char *id, int correct, int64_t time)
{
	struct journal_event e = {.kind = JOURNAL_ANSWER, .time = time, .choices = 5,
				  .correct = correct, .rating = correct ? 3 : 1};
	snprintf(e.id, sizeof e.id, "%s", id);
	return e;
}

static void append_ok(struct journal *j, struct journal_event e)
{
	char why[256];
	assert_true(journal_append(j, &e, why, sizeof why));
}

static void test_format_parse_round_trip(void **state)
{
	(void)state;
	char line[256];
	struct journal_event e = answer("q-one", 1, 1764400000), back;
	int n = journal_format_line(&e, line, sizeof line);
	assert_true(n > 0);
	/* the checksum is CRC-32 of the text before it, as Python's zlib.crc32 computes it */
	assert_string_equal(line, "1 1764400000 answer q-one 5 1 3 0 30f14a72");
	assert_true(journal_parse_line(line, (size_t)n, &back));
	assert_int_equal(back.kind, JOURNAL_ANSWER);
	assert_int_equal(back.time, 1764400000);
	assert_string_equal(back.id, "q-one");
	assert_int_equal(back.choices, 5);
	assert_int_equal(back.rating, 3);
	line[20] ^= 1; /* one flipped bit fails the checksum */
	assert_false(journal_parse_line(line, (size_t)n, &back));
	assert_false(journal_parse_line("garbage", 7, &back));
}

static void test_append_replay_and_permissions(void **state)
{
	struct tmp *t = *state;
	struct diag_list d;
	diag_list_init(&d);
	char nested[128];
	snprintf(nested, sizeof nested, "%s/nested/deeper", t->dir);
	struct journal *j = journal_open(nested, "p", &d);
	assert_non_null(j);
	append_ok(j, answer("q-one", 1, 10));
	struct journal_event read = {.kind = JOURNAL_READ, .time = 11};
	snprintf(read.id, sizeof read.id, "topic-a");
	append_ok(j, read);
	struct stat st;
	assert_int_equal(stat(journal_path(j), &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(stat(nested, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	journal_close(j);

	j = journal_open(nested, "p", &d); /* reopen: the events are there */
	struct seen s = {.count = 0};
	assert_true(journal_replay(j, visit, &s, &d));
	assert_int_equal(s.count, 2);
	assert_int_equal(s.events[1].kind, JOURNAL_READ);
	assert_string_equal(s.events[1].id, "topic-a");
	assert_int_equal(d.count, 0);
	journal_close(j);
	diag_list_free(&d);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_torn_and_corrupt_lines_are_skipped(void **state)
{
	struct tmp *t = *state;
	char good1[128], good2[128], good3[128];
	struct journal_event e1 = answer("q-one", 1, 1), e2 = answer("q-two", 0, 2), e3 = answer("q-three", 1, 3);
	journal_format_line(&e1, good1, sizeof good1);
	journal_format_line(&e2, good2, sizeof good2);
	journal_format_line(&e3, good3, sizeof good3);
	char corrupt[128];
	snprintf(corrupt, sizeof corrupt, "%s", good2);
	corrupt[15] = 'X';
	char text[1024];
	/* good, corrupted middle, good, torn last line (no newline) */
	snprintf(text, sizeof text, "%s\n%s\n%s\n%.20s", good1, corrupt, good3, good2);
	write_file(t->path, text);

	struct diag_list d;
	diag_list_init(&d);
	struct journal *j = journal_open(t->dir, "p", &d);
	struct seen s = {.count = 0};
	assert_true(journal_replay(j, visit, &s, &d));
	assert_int_equal(s.count, 2);
	assert_string_equal(s.events[0].id, "q-one");
	assert_string_equal(s.events[1].id, "q-three");
	assert_int_equal(d.warnings, 2);
	assert_int_equal(d.items[0].line, 2);
	assert_non_null(strstr(d.items[0].message, "skipped a damaged line"));
	assert_int_equal(d.items[1].line, 4);
	assert_non_null(strstr(d.items[1].message, "unfinished last line"));

	/* The next append starts on a fresh line, so the torn tail stays isolated. */
	append_ok(j, e2);
	journal_close(j);
	diag_list_free(&d);
	diag_list_init(&d);
	j = journal_open(t->dir, "p", &d);
	s.count = 0;
	assert_true(journal_replay(j, visit, &s, &d));
	assert_int_equal(s.count, 3);
	assert_string_equal(s.events[2].id, "q-two");
	assert_int_equal(d.warnings, 2); /* the corrupt line and the torn one, still skipped */
	journal_close(j);
	diag_list_free(&d);
}

/* Found by fuzzing: numbers beyond what later arithmetic can hold. */
static void test_out_of_range_numbers_are_damage(void **state)
{
	(void)state;
	struct journal_event e;
	static const char *const lines[] = {
		"1 9223372036854775807 answer q-single 1 1 3 0",   /* time past the year 9999 */
		"1 92233720368547758070 answer q-single 1 1 3 0",  /* time beyond 64 bits */
		"1 -31536000 answer q-single 1 0 1 0",             /* before 1970 */
		"1 1767225601 exam-pause fixture 0 0 0 -9223372036854775807",
		"1 1767225601 answer q-single 4294967296 1 3 0",   /* choices beyond 32 bits */
		"1 1767225601 answer q-single 1 2 3 0",            /* correct is 0 or 1 */
		"1  1767225601 answer q-single 1 1 3 0",           /* an empty field */
	};
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		char line[256];
		snprintf(line, sizeof line, "%s %08x", lines[i],
			 (unsigned)crc32(crc32(0L, Z_NULL, 0), (const Bytef *)lines[i], (uInt)strlen(lines[i])));
		assert_false(journal_parse_line(line, strlen(line), &e));
	}
}

/* Found by fuzzing: a whole last line cut just before its newline is kept. */
static void test_whole_last_line_without_newline(void **state)
{
	struct tmp *t = *state;
	char line[128];
	struct journal_event e1 = answer("q-one", 1, 1), e2 = answer("q-two", 0, 2);
	journal_format_line(&e1, line, sizeof line);
	write_file(t->path, line); /* no newline */
	struct diag_list d;
	diag_list_init(&d);
	struct journal *j = journal_open(t->dir, "p", &d);
	struct seen s = {.count = 0};
	assert_true(journal_replay(j, visit, &s, &d));
	assert_int_equal(s.count, 1);
	assert_int_equal(d.count, 0);
	append_ok(j, e2); /* starts on a new line */
	s.count = 0;
	assert_true(journal_replay(j, visit, &s, &d));
	assert_int_equal(s.count, 2);
	assert_string_equal(s.events[1].id, "q-two");
	journal_close(j);
	diag_list_free(&d);
}

/* Several events in one write: all replayed, in order, after a torn tail too. */
static void test_lines_appended_together(void **state)
{
	struct tmp *t = *state;
	write_file(t->path, "1 5 answer q-to"); /* a torn tail: the batch starts on a fresh line */
	struct diag_list d;
	diag_list_init(&d);
	struct journal *j = journal_open(t->dir, "p", &d);
	struct seen s = {.count = 0};
	assert_true(journal_replay(j, visit, &s, &d));
	assert_int_equal(s.count, 0);
	struct journal_event batch[3] = {answer("q-one", 1, 10), answer("q-two", 0, 10), answer("q-three", 1, 10)};
	char why[256];
	assert_true(journal_append_lines(j, batch, 3, why, sizeof why));
	struct diag_list again;
	diag_list_init(&again);
	assert_true(journal_replay(j, visit, &s, &again));
	assert_int_equal(s.count, 3);
	assert_string_equal(s.events[0].id, "q-one");
	assert_string_equal(s.events[2].id, "q-three");
	assert_int_equal(s.events[1].correct, 0);
	assert_int_equal(again.warnings, 1); /* only the old torn line */
	/* an event that cannot be written refuses the whole batch */
	struct journal_event bad[2] = {answer("q-four", 1, 11), {.kind = JOURNAL_KIND_COUNT}};
	assert_false(journal_append_lines(j, bad, 2, why, sizeof why));
	s.count = 0;
	assert_true(journal_replay(j, visit, &s, &again));
	assert_int_equal(s.count, 3);
	journal_close(j);
	diag_list_free(&d);
	diag_list_free(&again);
}

static void test_symlink_is_refused(void **state)
{
	struct tmp *t = *state;
	assert_int_equal(symlink("/etc/passwd", t->path), 0);
	struct diag_list d;
	diag_list_init(&d);
	assert_null(journal_open(t->dir, "p", &d));
	assert_int_equal(d.errors, 1);
	assert_non_null(strstr(d.items[0].message, "symbolic link"));
	diag_list_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_parse_round_trip),
		cmocka_unit_test_setup_teardown(test_append_replay_and_permissions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_torn_and_corrupt_lines_are_skipped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_symlink_is_refused, setup, teardown),
		cmocka_unit_test(test_out_of_range_numbers_are_damage),
		cmocka_unit_test_setup_teardown(test_whole_last_line_without_newline, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lines_appended_together, setup, teardown),
	};
	return cmocka_run_group_tests_name("journal", tests, NULL, NULL);
}
