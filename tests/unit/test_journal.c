/* journal: append, replay, and damaged lines skipped while their neighbours are kept;
 * the lock, a file replaced or added to behind our back, short writes, exam blocks. */
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "mlcert/journal.h"
#include "testing.h"

struct tmp {
	char dir[64];
	char path[256]; /* this device's journal of pack "p" */
};

/* A state folder whose device has an id, so the tests know the path of its
 * journal before they open it (STATE/p/ID.journal; nothing there yet). */
static int setup(void **state)
{
	struct tmp *t = calloc(1, sizeof *t);
	snprintf(t->dir, sizeof t->dir, "/tmp/mlcert-journal-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	char id[JOURNAL_DEVICE_ID_LEN + 1], why[256], folder[128];
	assert_true(journal_device_id(t->dir, true, id, why, sizeof why));
	snprintf(folder, sizeof folder, "%s/p", t->dir);
	assert_int_equal(mkdir(folder, 0700), 0);
	snprintf(t->path, sizeof t->path, "%s/%s.journal", folder, id);
	*state = t;
	return 0;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int teardown(void **state)
{
	struct tmp *t = *state;
	chmod(t->dir, 0700);
	nftw(t->dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	free(t);
	return 0;
}

struct seen {
	struct journal_event events[16];
	int count;
	int resets;
};

static void visit(void *ctx, const struct journal_event *e)
{
	struct seen *s = ctx;
	if (s->count < 16)
		s->events[s->count++] = *e;
}

static void reset(void *ctx)
{
	struct seen *s = ctx;
	s->count = 0;
	s->resets++;
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

static size_t file_size(const char *path)
{
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	return (size_t)st.st_size;
}

static void append_raw(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

static void line_of(const struct journal_event *e, char *buf, size_t size)
{
	int n = journal_format_line(e, buf, size - 1);
	assert_true(n > 0);
	buf[n] = '\n';
	buf[n + 1] = '\0';
}

/* One writer per state folder: a second open is read-only and names the first. */
static void test_second_instance_is_read_only(void **state)
{
	struct tmp *t = *state;
	struct diag_list d;
	diag_list_init(&d);
	struct journal *first = journal_open(t->dir, "p", &d);
	assert_non_null(first);
	assert_false(journal_read_only(first, NULL));
	assert_int_equal(d.count, 0);

	struct journal *second = journal_open(t->dir, "p", &d);
	assert_non_null(second);
	long holder = -1;
	assert_true(journal_read_only(second, &holder));
	assert_int_equal(holder, (long)getpid());
	assert_int_equal(d.warnings, 1);
	char expect[128];
	snprintf(expect, sizeof expect, "another mlcert (pid %ld) is using this state folder", (long)getpid());
	assert_non_null(strstr(d.items[0].message, expect));
	char why[512];
	struct journal_event e = answer("q-one", 1, 10);
	assert_false(journal_append(second, &e, why, sizeof why));
	assert_non_null(strstr(why, "read-only"));
	assert_int_equal(file_size(t->path), 0);

	/* A writer that must write (import) is refused outright. */
	assert_null(journal_open_as(t->dir, "p", JOURNAL_OPEN_WRITER, &d));
	assert_int_equal(d.errors, 1);
	assert_non_null(strstr(d.items[d.count - 1].message, "quit it first"));

	append_ok(first, e);
	journal_close(second);
	journal_close(first);
	/* The lock goes with the writer. */
	struct journal *third = journal_open_as(t->dir, "p", JOURNAL_OPEN_WRITER, &d);
	assert_non_null(third);
	assert_false(journal_read_only(third, NULL));
	journal_close(third);
	diag_list_free(&d);
}

/* A reader needs no lock and never writes; like a writer it sets up a
 * missing state folder (a first `mlcert stats` does). */
static void test_reader_writes_nothing(void **state)
{
	struct tmp *t = *state;
	char missing[128], path[160];
	snprintf(missing, sizeof missing, "%s/not-yet", t->dir);
	snprintf(path, sizeof path, "%s/p.journal", missing);
	struct diag_list d;
	diag_list_init(&d);
	struct journal *j = journal_open_as(missing, "p", JOURNAL_OPEN_READER, &d);
	assert_non_null(j);
	assert_true(journal_read_only(j, NULL));
	struct seen s = {.count = 0};
	assert_true(journal_replay(j, visit, &s, &d));
	assert_int_equal(s.count, 0);
	char why[512];
	struct journal_event e = answer("q-one", 1, 10);
	assert_false(journal_append(j, &e, why, sizeof why));
	assert_non_null(strstr(why, "read-only"));
	journal_close(j);
	/* No device id, no journal folder, no journal: only the state folder. */
	assert_int_equal(access(path, F_OK), -1);
	struct stat st;
	assert_int_equal(stat(missing, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_int_equal(rmdir(missing), 0);

	/* Beside a writer, a reader reads what it wrote. */
	struct journal *w = journal_open(t->dir, "p", &d);
	append_ok(w, e);
	j = journal_open_as(t->dir, "p", JOURNAL_OPEN_READER, &d);
	assert_non_null(j);
	assert_false(journal_read_only(w, NULL));
	assert_true(journal_replay(j, visit, &s, &d));
	assert_int_equal(s.count, 1);
	assert_int_equal(d.count, 0);
	journal_close(j);
	journal_close(w);
	diag_list_free(&d);
}

/* --state '': a clear error, not a read before the start of the name. */
static void test_empty_state_dir(void **state)
{
	(void)state;
	struct diag_list d;
	diag_list_init(&d);
	assert_null(journal_open("", "p", &d));
	assert_int_equal(d.errors, 1);
	assert_non_null(strstr(d.items[0].message, "empty"));
	diag_list_free(&d);
}

/* A folder others may write to could have the journal renamed away under us. */
static void test_state_dir_writable_by_others_is_refused(void **state)
{
	struct tmp *t = *state;
	assert_int_equal(chmod(t->dir, 0777), 0);
	struct diag_list d;
	diag_list_init(&d);
	assert_null(journal_open(t->dir, "p", &d));
	assert_null(journal_open_as(t->dir, "p", JOURNAL_OPEN_READER, &d));
	assert_int_equal(d.errors, 2);
	assert_non_null(strstr(d.items[0].message, "others may write to it (mode 0777)"));
	assert_int_equal(chmod(t->dir, 0755), 0); /* readable by others is fine */
	struct journal *j = journal_open(t->dir, "p", &d);
	assert_non_null(j);
	journal_close(j);
	diag_list_free(&d);
}

/* A sync tool renames a new file over the journal: the next append goes to
 * the new file, after the listener was given the new file's events. */
static void test_replaced_journal_is_followed(void **state)
{
	struct tmp *t = *state;
	struct diag_list d;
	diag_list_init(&d);
	struct journal *j = journal_open(t->dir, "p", &d);
	struct seen s = {.count = 0};
	append_ok(j, answer("q-one", 1, 10));
	assert_true(journal_replay(j, visit, &s, &d));
	journal_set_listener(j, reset, visit, &s);

	/* The replacement: our line and two from another machine. */
	char tmp[300], line[300];
	snprintf(tmp, sizeof tmp, "%s/p/.p.journal.sync-tmp", t->dir);
	struct journal_event mine = answer("q-one", 1, 10), theirs1 = answer("q-two", 0, 11),
			     theirs2 = answer("q-three", 1, 12);
	line_of(&mine, line, sizeof line);
	append_raw(tmp, line);
	line_of(&theirs1, line, sizeof line);
	append_raw(tmp, line);
	line_of(&theirs2, line, sizeof line);
	append_raw(tmp, line);
	assert_int_equal(rename(tmp, t->path), 0);

	append_ok(j, answer("q-four", 1, 13));
	assert_int_equal(s.resets, 1);
	assert_int_equal(s.count, 3); /* the new file, before our event */
	assert_string_equal(s.events[1].id, "q-two");
	assert_string_equal(s.events[2].id, "q-three");

	/* What is at the path holds everything; nothing went to the old file. */
	struct journal *r = journal_open_as(t->dir, "p", JOURNAL_OPEN_READER, &d);
	struct seen all = {.count = 0};
	assert_true(journal_replay(r, visit, &all, &d));
	assert_int_equal(all.count, 4);
	assert_string_equal(all.events[3].id, "q-four");
	journal_close(r);

	/* Another append with nothing changed reads nothing again. */
	append_ok(j, answer("q-five", 1, 14));
	assert_int_equal(s.resets, 1);
	journal_close(j);
	diag_list_free(&d);
}

/* Lines someone else appended (a writer that does not lock) are read before ours. */
static void test_lines_appended_by_others_are_read(void **state)
{
	struct tmp *t = *state;
	struct diag_list d;
	diag_list_init(&d);
	struct journal *j = journal_open(t->dir, "p", &d);
	struct seen s = {.count = 0};
	append_ok(j, answer("q-one", 1, 10));
	assert_true(journal_replay(j, visit, &s, &d));
	journal_set_listener(j, reset, visit, &s);
	char line[300];
	struct journal_event other = answer("q-two", 0, 11);
	line_of(&other, line, sizeof line);
	append_raw(t->path, line);
	append_ok(j, answer("q-three", 1, 12));
	assert_int_equal(s.resets, 1);
	assert_int_equal(s.count, 2);
	assert_string_equal(s.events[1].id, "q-two");
	journal_close(j);
	diag_list_free(&d);
}

/* A crashed writer left a fragment after we read the file: our line starts on a new one. */
static void test_no_line_starts_after_a_fragment(void **state)
{
	struct tmp *t = *state;
	struct diag_list d;
	diag_list_init(&d);
	struct journal *j = journal_open(t->dir, "p", &d);
	struct seen s = {.count = 0};
	append_ok(j, answer("q-one", 1, 10));
	assert_true(journal_replay(j, visit, &s, &d));
	append_raw(t->path, "1 1767261900 answer q-sin");
	append_ok(j, answer("q-two", 1, 11));
	journal_close(j);
	j = journal_open_as(t->dir, "p", JOURNAL_OPEN_READER, &d);
	s.count = 0;
	assert_true(journal_replay(j, visit, &s, &d));
	assert_int_equal(s.count, 2);
	assert_string_equal(s.events[1].id, "q-two");
	assert_int_equal(d.warnings, 1); /* the fragment alone */
	journal_close(j);
	diag_list_free(&d);
}

/* A short write (a full disk, a size limit) is cut off again: no fragment
 * stays for the next line to be glued to, and the reason is given. */
static void test_short_write_is_rolled_back(void **state)
{
	struct tmp *t = *state;
	signal(SIGXFSZ, SIG_IGN);
	struct diag_list d;
	diag_list_init(&d);
	struct journal *j = journal_open(t->dir, "p", &d);
	struct seen s = {.count = 0};
	assert_true(journal_replay(j, visit, &s, &d));
	append_ok(j, answer("q-one", 1, 10));
	size_t before = file_size(t->path);
	struct rlimit old, small;
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	small = old;
	small.rlim_cur = before + 10; /* room for a fragment, not a line */
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	char why[512];
	struct journal_event e = answer("q-two", 0, 11);
	bool ok = journal_append(j, &e, why, sizeof why);
	struct journal_event block[3] = {{.kind = JOURNAL_EXAM_FINISH, .time = 12, .choices = 1, .value = 2},
					 answer("q-one", 1, 12), answer("q-two", 0, 12)};
	snprintf(block[0].id, sizeof block[0].id, "p");
	bool block_ok = journal_append_lines(j, block, 3, why, sizeof why);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	assert_false(ok);
	assert_false(block_ok);
	assert_non_null(strstr(why, "File too large"));
	assert_int_equal(file_size(t->path), before);
	append_ok(j, answer("q-three", 1, 13));
	journal_close(j);
	j = journal_open_as(t->dir, "p", JOURNAL_OPEN_READER, &d);
	s.count = 0;
	assert_true(journal_replay(j, visit, &s, &d));
	assert_int_equal(s.count, 2);
	assert_string_equal(s.events[1].id, "q-three");
	assert_int_equal(d.count, 0);
	journal_close(j);
	diag_list_free(&d);
}

static struct journal_event exam_finish(int64_t time, uint32_t right, int64_t total)
{
	struct journal_event e = {.kind = JOURNAL_EXAM_FINISH, .time = time, .choices = right, .value = total};
	snprintf(e.id, sizeof e.id, "p");
	return e;
}

/* An exam finish and its answers: one write, and replayed all or nothing,
 * wherever a crash cuts the block. */
static void test_exam_finish_block_is_all_or_nothing(void **state)
{
	struct tmp *t = *state;
	struct diag_list d;
	diag_list_init(&d);
	struct journal *j = journal_open(t->dir, "p", &d);
	struct seen s = {.count = 0};
	assert_true(journal_replay(j, visit, &s, &d));
	append_ok(j, answer("q-zero", 1, 5));
	size_t start = file_size(t->path);
	struct journal_event block[4] = {exam_finish(20, 2, 3), answer("q-one", 1, 20), answer("q-two", 0, 20),
					 answer("q-three", 1, 20)};
	char why[512];
	assert_true(journal_append_lines(j, block, 4, why, sizeof why));
	journal_close(j);
	size_t end = file_size(t->path);
	s.count = 0;
	j = journal_open_as(t->dir, "p", JOURNAL_OPEN_READER, &d);
	assert_true(journal_replay(j, visit, &s, &d));
	journal_close(j);
	assert_int_equal(s.count, 5);
	assert_int_equal(s.events[1].kind, JOURNAL_EXAM_FINISH);
	assert_string_equal(s.events[4].id, "q-three");
	assert_int_equal(d.count, 0);

	/* Cut at every byte of the block: nothing of it is replayed, the exam
	 * stays open; the next answer is kept and does not complete the block. */
	FILE *f = fopen(t->path, "rb");
	char full[2048];
	size_t n = fread(full, 1, sizeof full, f);
	fclose(f);
	assert_int_equal(n, end);
	size_t finish_end = (size_t)((const char *)memchr(full + start, '\n', end - start) - full) + 1;
	for (size_t cut = start + 1; cut + 1 < end; cut++) { /* (end - 1: whole, without its newline) */
		f = fopen(t->path, "wb");
		fwrite(full, 1, cut, f);
		fclose(f);
		diag_list_free(&d);
		diag_list_init(&d);
		j = journal_open(t->dir, "p", &d);
		s.count = 0;
		assert_true(journal_replay(j, visit, &s, &d));
		assert_int_equal(s.count, 1);
		/* the cut block, and after its finish line perhaps a cut line */
		assert_int_equal(d.warnings >= 1 && d.warnings <= (cut <= finish_end ? 1u : 2u), true);
		append_ok(j, answer("q-three", 1, 30));
		journal_close(j);
		j = journal_open_as(t->dir, "p", JOURNAL_OPEN_READER, &d);
		s.count = 0;
		assert_true(journal_replay(j, visit, &s, &d));
		journal_close(j);
		assert_int_equal(s.count, 2);
		assert_int_equal(s.events[1].kind, JOURNAL_ANSWER);
		assert_int_equal(s.events[1].time, 30);
	}
	diag_list_free(&d);
}

/* A block must be whole: the finish counts exactly the answers after it. */
static void test_malformed_block_is_refused(void **state)
{
	struct tmp *t = *state;
	struct diag_list d;
	diag_list_init(&d);
	struct journal *j = journal_open(t->dir, "p", &d);
	char why[512];
	struct journal_event short_block[2] = {exam_finish(20, 1, 2), answer("q-one", 1, 20)};
	assert_false(journal_append_lines(j, short_block, 2, why, sizeof why));
	struct journal_event mixed[3] = {exam_finish(20, 1, 2), answer("q-one", 1, 20), exam_finish(20, 1, 0)};
	assert_false(journal_append_lines(j, mixed, 3, why, sizeof why));
	assert_int_equal(file_size(t->path), 0);
	journal_close(j);
	diag_list_free(&d);
}

/* Issue 14's submit: the exam's last pause, its finish, an item per question
 * and an answer per answered one, in one write, read back whole. */
static void test_pause_finish_items_and_answers_in_one_write(void **state)
{
	struct tmp *t = *state;
	struct diag_list d;
	diag_list_init(&d);
	struct journal *j = journal_open(t->dir, "p", &d);
	struct journal_event pause = {.kind = JOURNAL_EXAM_PAUSE, .time = 20, .value = 300};
	snprintf(pause.id, sizeof pause.id, "p");
	struct journal_event item_one = answer("q-one", 1, 20), item_two = answer("q-two", 0, 20);
	item_one.kind = item_two.kind = JOURNAL_EXAM_ITEM;
	item_two.choices = 0; /* unanswered: an item, and no answer */
	struct journal_event batch[5] = {pause, exam_finish(20, 1, 3), item_one, item_two, answer("q-one", 1, 20)};
	char why[512];
	assert_true(journal_append_lines(j, batch, 5, why, sizeof why));
	journal_close(j);
	struct seen s = {.count = 0};
	j = journal_open_as(t->dir, "p", JOURNAL_OPEN_READER, &d);
	assert_true(journal_replay(j, visit, &s, &d));
	journal_close(j);
	assert_int_equal(d.count, 0);
	assert_int_equal(s.count, 5);
	assert_int_equal(s.events[0].kind, JOURNAL_EXAM_PAUSE);
	assert_int_equal(s.events[2].kind, JOURNAL_EXAM_ITEM);
	assert_int_equal(s.events[3].kind, JOURNAL_EXAM_ITEM);
	assert_int_equal(s.events[4].kind, JOURNAL_ANSWER);
	/* a block holds exam items and answers only, and ends the batch */
	j = journal_open(t->dir, "p", &d);
	size_t before = file_size(t->path);
	struct journal_event read = {.kind = JOURNAL_READ, .time = 20};
	snprintf(read.id, sizeof read.id, "topic");
	struct journal_event stranger[2] = {exam_finish(20, 1, 1), read};
	assert_false(journal_append_lines(j, stranger, 2, why, sizeof why));
	struct journal_event trailing[3] = {exam_finish(20, 1, 1), item_one, pause};
	assert_false(journal_append_lines(j, trailing, 3, why, sizeof why));
	assert_int_equal(file_size(t->path), before);
	assert_true(journal_block_line(JOURNAL_ANSWER) && journal_block_line(JOURNAL_EXAM_ITEM));
	assert_false(journal_block_line(JOURNAL_EXAM_PAUSE) || journal_block_line(JOURNAL_UNDO));
	journal_close(j);
	diag_list_free(&d);
}

/* A million damaged lines must not be a million warnings. */
static void test_damaged_lines_are_summarised(void **state)
{
	struct tmp *t = *state;
	FILE *f = fopen(t->path, "w");
	for (int i = 0; i < 1000; i++)
		fputs("1 1767261600 answer q-one 1 1 3 0 deadbeef\n", f);
	fclose(f);
	struct diag_list d;
	diag_list_init(&d);
	struct journal *j = journal_open_as(t->dir, "p", JOURNAL_OPEN_READER, &d);
	struct seen s = {.count = 0};
	assert_true(journal_replay(j, visit, &s, &d));
	assert_int_equal(journal_damaged_lines(j), 1000);
	assert_int_equal(d.count, JOURNAL_WARNINGS_SHOWN + 1);
	assert_non_null(strstr(d.items[d.count - 1].message, "and 990 more damaged lines"));
	assert_int_equal(d.items[d.count - 1].line, 1000);
	journal_close(j);
	diag_list_free(&d);
}

/* What import checks each event with: exactly what the reader accepts. */
static void test_event_valid_matches_the_reader(void **state)
{
	(void)state;
	struct journal_event e = answer("q-one", 1, 10);
	assert_true(journal_event_valid(&e));
	e.time = -1;
	assert_false(journal_event_valid(&e));
	e.time = JOURNAL_TIME_MAX + 1;
	assert_false(journal_event_valid(&e));
	e = answer("q-one", 1, 10);
	e.rating = 5;
	assert_false(journal_event_valid(&e));
	e = answer("q-one", 1, 10);
	e.value = JOURNAL_VALUE_MAX + 1;
	assert_false(journal_event_valid(&e));
	e = answer("Q one", 1, 10);
	assert_false(journal_event_valid(&e));
}


/* ---- journals of several devices ------------------------------------------------- */

static void write_events(const char *path, const struct journal_event *events, size_t count)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	for (size_t i = 0; i < count; i++) {
		char line[300];
		line_of(&events[i], line, sizeof line);
		fputs(line, f);
	}
	fclose(f);
	chmod(path, 0600);
}

static void member_path(const struct tmp *t, const char *name, char *buf, size_t size)
{
	snprintf(buf, size, "%s/p/%s", t->dir, name);
}

static struct journal_event mark(const char *id, int rating, int64_t time)
{
	struct journal_event e = {.kind = JOURNAL_RATE, .time = time, .rating = rating};
	snprintf(e.id, sizeof e.id, "%s", id);
	return e;
}

/* The journal of earlier versions (STATE/p.journal) becomes this device's
 * by a rename: the very file, every byte, damaged lines and all. A reader
 * before that reads it where it is and moves nothing. */
static void test_old_journal_becomes_this_devices(void **state)
{
	struct tmp *t = *state;
	char old[128], good[128], text[1024];
	snprintf(old, sizeof old, "%s/p.journal", t->dir);
	struct journal_event e1 = answer("q-one", 1, 10), e2 = answer("q-two", 0, 20);
	journal_format_line(&e1, good, sizeof good);
	int n = snprintf(text, sizeof text, "%s\n1 15 answer q-bad 1 1 3 0 deadbeef\n", good);
	journal_format_line(&e2, good, sizeof good);
	snprintf(text + n, sizeof text - (size_t)n, "%s\n1 25 answer q-to", good);
	write_file(old, text);
	chmod(old, 0600);
	struct stat before;
	assert_int_equal(stat(old, &before), 0);

	struct diag_list d;
	diag_list_init(&d);
	struct journal *r = journal_open_as(t->dir, "p", JOURNAL_OPEN_READER, &d);
	struct seen s = {.count = 0};
	assert_true(journal_replay(r, visit, &s, &d));
	journal_close(r);
	assert_int_equal(s.count, 2);
	assert_int_equal(d.warnings, 2);
	assert_int_equal(access(old, F_OK), 0); /* a reader moves nothing */
	assert_int_equal(access(t->path, F_OK), -1);

	struct journal *j = journal_open(t->dir, "p", &d);
	assert_non_null(j);
	assert_string_equal(journal_path(j), t->path);
	assert_int_equal(access(old, F_OK), -1);
	struct stat after;
	assert_int_equal(stat(t->path, &after), 0);
	assert_int_equal(after.st_ino, before.st_ino); /* the same file */
	FILE *f = fopen(t->path, "r");
	char back[1024];
	size_t got = fread(back, 1, sizeof back, f);
	fclose(f);
	assert_int_equal(got, strlen(text));
	assert_memory_equal(back, text, got);
	diag_list_free(&d);
	diag_list_init(&d);
	s.count = 0;
	assert_true(journal_replay(j, visit, &s, &d));
	assert_int_equal(s.count, 2);
	assert_string_equal(s.events[1].id, "q-two");
	assert_int_equal(d.warnings, 2);
	append_ok(j, answer("q-three", 1, 30)); /* and it goes on: after the torn tail, on a line of its own */
	journal_close(j);
	r = journal_open_as(t->dir, "p", JOURNAL_OPEN_READER, &d);
	s.count = 0;
	assert_true(journal_replay(r, visit, &s, &d));
	assert_int_equal(s.count, 3);
	journal_close(r);
	diag_list_free(&d);
}

/* An old journal that turns up beside this device's (a restored backup) is
 * kept under a name of its own and read with the rest, never appended to. */
static void test_old_journal_beside_this_devices_is_kept(void **state)
{
	struct tmp *t = *state;
	struct diag_list d;
	diag_list_init(&d);
	struct journal *j = journal_open(t->dir, "p", &d);
	append_ok(j, answer("q-one", 1, 10));
	journal_close(j);
	char old[128];
	snprintf(old, sizeof old, "%s/p.journal", t->dir);
	struct journal_event e = answer("q-two", 1, 5);
	write_events(old, &e, 1);
	j = journal_open(t->dir, "p", &d);
	assert_non_null(j);
	assert_int_equal(d.warnings, 1);
	assert_non_null(strstr(d.items[0].message, "kept as"));
	assert_int_equal(access(old, F_OK), -1);
	struct seen s = {.count = 0};
	assert_true(journal_replay(j, visit, &s, &d));
	assert_int_equal(s.count, 2);
	assert_string_equal(s.events[0].id, "q-two");
	/* this device's journal is its own: the old lines went elsewhere */
	size_t own = file_size(t->path);
	append_ok(j, answer("q-three", 1, 20));
	assert_true(file_size(t->path) > own);
	journal_close(j);
	j = journal_open_as(t->dir, "p", JOURNAL_OPEN_READER, &d);
	s.count = 0;
	assert_true(journal_replay(j, visit, &s, &d));
	assert_int_equal(s.count, 3);
	journal_close(j);
	diag_list_free(&d);
}

/* Two devices' journals replay as one, by time: each file in its own order
 * (a mark after its answer), ties to the file whose name sorts first, an
 * exam block whole; and the same files give the same order wherever they
 * are, whatever order they were made in. */
static void test_devices_merge_by_time(void **state)
{
	struct tmp *t = *state;
	struct journal_event a[] = {answer("q-a1", 1, 10), answer("q-a2", 0, 30), mark("q-a2", 4, 30)};
	struct journal_event b[] = {answer("q-b1", 1, 20),
				    {.kind = JOURNAL_EXAM_FINISH, .time = 30, .choices = 1, .value = 2},
				    answer("q-b2", 1, 30), answer("q-b3", 0, 30), answer("q-b4", 1, 40)};
	snprintf(b[1].id, sizeof b[1].id, "p");
	const char *expect[] = {"q-a1", "q-b1", "q-a2", "q-a2", "p", "q-b2", "q-b3", "q-b4"};
	for (int order = 0; order < 2; order++) {
		char pa[256], pb[256];
		member_path(t, "aaaaaaaaaaaaaaaa.journal", pa, sizeof pa);
		member_path(t, "bbbbbbbbbbbbbbbb.journal", pb, sizeof pb);
		unlink(pa);
		unlink(pb);
		if (order == 0) {
			write_events(pa, a, 3);
			write_events(pb, b, 5);
		} else {
			write_events(pb, b, 5);
			write_events(pa, a, 3);
		}
		struct diag_list d;
		diag_list_init(&d);
		struct journal *j = journal_open_as(t->dir, "p", JOURNAL_OPEN_READER, &d);
		struct seen s = {.count = 0};
		assert_true(journal_replay(j, visit, &s, &d));
		journal_close(j);
		assert_int_equal(d.count, 0);
		assert_int_equal(s.count, 8);
		for (int i = 0; i < 8; i++)
			assert_string_equal(s.events[i].id, expect[i]);
		assert_int_equal(s.events[3].kind, JOURNAL_RATE);
		diag_list_free(&d);
	}
}

/* Only journals are read: temporary files, a sync tool's conflict copies,
 * hidden files and odd names are not; a symlink named like one is skipped
 * with a warning, never followed. */
static void test_only_journals_are_read(void **state)
{
	struct tmp *t = *state;
	struct journal_event e = answer("q-one", 1, 10), stray = answer("q-stray", 1, 11);
	char path[256];
	member_path(t, "aaaaaaaaaaaaaaaa.journal", path, sizeof path);
	write_events(path, &e, 1);
	const char *others[] = {".aaaaaaaaaaaaaaaa.journal.tmp", "aaaaaaaaaaaaaaaa.sync-conflict-20260101-120000-ABCDEF.journal",
				"AAAA.journal", "aaaa.journal.new", ".journal", "-a.journal"};
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		member_path(t, others[i], path, sizeof path);
		write_events(path, &stray, 1);
	}
	member_path(t, "link.journal", path, sizeof path);
	char target[256];
	member_path(t, "aaaaaaaaaaaaaaaa.journal", target, sizeof target);
	assert_int_equal(symlink(target, path), 0);
	struct diag_list d;
	diag_list_init(&d);
	struct journal *j = journal_open(t->dir, "p", &d);
	struct seen s = {.count = 0};
	assert_true(journal_replay(j, visit, &s, &d));
	assert_int_equal(s.count, 1);
	assert_string_equal(s.events[0].id, "q-one");
	assert_int_equal(d.warnings, 1);
	assert_non_null(strstr(d.items[0].message, "symbolic link"));
	journal_close(j);
	diag_list_free(&d);
}

/* A running program follows the folder: a journal that arrived or grew is
 * read (journal_refresh), and its own appends are not news. */
static void test_refresh_follows_the_folder(void **state)
{
	struct tmp *t = *state;
	struct diag_list d;
	diag_list_init(&d);
	struct journal *j = journal_open(t->dir, "p", &d);
	struct seen s = {.count = 0};
	assert_true(journal_replay(j, visit, &s, &d));
	journal_set_listener(j, reset, visit, &s);
	char why[256];
	bool changed = true;
	assert_true(journal_refresh(j, &changed, why, sizeof why));
	assert_false(changed);
	append_ok(j, answer("q-mine", 1, 10));
	assert_true(journal_refresh(j, &changed, why, sizeof why));
	assert_false(changed);
	assert_int_equal(s.resets, 0);

	/* another device's first sync */
	char other[256], line[300];
	member_path(t, "ffffffffffffffff.journal", other, sizeof other);
	struct journal_event theirs = answer("q-theirs", 1, 5);
	write_events(other, &theirs, 1);
	assert_true(journal_refresh(j, &changed, why, sizeof why));
	assert_true(changed);
	assert_int_equal(s.resets, 1);
	assert_int_equal(s.count, 2); /* the listener was given every journal again, by time */
	assert_string_equal(s.events[0].id, "q-theirs");
	assert_string_equal(s.events[1].id, "q-mine");
	assert_true(journal_refresh(j, &changed, why, sizeof why));
	assert_false(changed);

	/* its next sync: a line more, then our append reads it first */
	struct journal_event more = answer("q-more", 0, 12);
	line_of(&more, line, sizeof line);
	append_raw(other, line);
	append_ok(j, answer("q-mine2", 1, 20));
	assert_int_equal(s.resets, 2);
	journal_close(j);
	j = journal_open_as(t->dir, "p", JOURNAL_OPEN_READER, &d);
	s.count = 0;
	assert_true(journal_replay(j, visit, &s, &d));
	journal_close(j);
	assert_int_equal(s.count, 4);
	assert_string_equal(s.events[0].id, "q-theirs");
	assert_string_equal(s.events[1].id, "q-mine");
	assert_string_equal(s.events[2].id, "q-more");
	assert_string_equal(s.events[3].id, "q-mine2");
	diag_list_free(&d);
}

/* The device id is made once and kept; a copy of its file (a synced or
 * copied state folder) is not this device's: a writer there makes its own. */
static void test_device_id_is_not_copied(void **state)
{
	struct tmp *t = *state;
	char id[JOURNAL_DEVICE_ID_LEN + 1], again[JOURNAL_DEVICE_ID_LEN + 1], copy[JOURNAL_DEVICE_ID_LEN + 1];
	char why[256];
	assert_true(journal_device_id(t->dir, false, id, why, sizeof why));
	assert_int_equal(strlen(id), JOURNAL_DEVICE_ID_LEN);
	assert_true(journal_device_id(t->dir, true, again, why, sizeof why));
	assert_string_equal(id, again);
	char other[128], cmd[512];
	snprintf(other, sizeof other, "%s/other", t->dir);
	assert_int_equal(mkdir(other, 0700), 0);
	snprintf(cmd, sizeof cmd, "cp -p %s/device-id %s/device-id", t->dir, other);
	assert_int_equal(system(cmd), 0);
	assert_false(journal_device_id(other, false, copy, why, sizeof why));
	assert_true(journal_device_id(other, true, copy, why, sizeof why));
	assert_string_not_equal(copy, id);
	assert_true(journal_device_id(t->dir, false, again, why, sizeof why));
	assert_string_equal(again, id);
}

/* Import's way: the events as a journal of their own, whole, read with the rest. */
static void test_add_file(void **state)
{
	struct tmp *t = *state;
	struct diag_list d;
	diag_list_init(&d);
	struct journal *j = journal_open(t->dir, "p", &d);
	append_ok(j, answer("q-one", 1, 20));
	size_t own = file_size(t->path);
	struct journal_event events[3] = {exam_finish(10, 1, 2), answer("q-two", 1, 10), answer("q-three", 0, 10)};
	char path[512], why[512];
	assert_false(journal_add_file(j, events, 2, path, sizeof path, why, sizeof why)); /* a cut block */
	assert_true(journal_add_file(j, events, 3, path, sizeof path, why, sizeof why));
	assert_non_null(strstr(path, "/p/import-"));
	assert_int_equal(file_size(t->path), own);
	struct seen s = {.count = 0};
	assert_true(journal_replay(j, visit, &s, &d));
	assert_int_equal(s.count, 4);
	assert_int_equal(s.events[0].kind, JOURNAL_EXAM_FINISH);
	assert_string_equal(s.events[3].id, "q-one");
	journal_close(j);
	j = journal_open_as(t->dir, "p", JOURNAL_OPEN_READER, &d);
	assert_false(journal_add_file(j, events, 3, path, sizeof path, why, sizeof why));
	assert_non_null(strstr(why, "read-only"));
	journal_close(j);
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
		cmocka_unit_test_setup_teardown(test_second_instance_is_read_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reader_writes_nothing, setup, teardown),
		cmocka_unit_test(test_empty_state_dir),
		cmocka_unit_test_setup_teardown(test_state_dir_writable_by_others_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replaced_journal_is_followed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lines_appended_by_others_are_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_line_starts_after_a_fragment, setup, teardown),
		cmocka_unit_test_setup_teardown(test_short_write_is_rolled_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exam_finish_block_is_all_or_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_malformed_block_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pause_finish_items_and_answers_in_one_write, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged_lines_are_summarised, setup, teardown),
		cmocka_unit_test(test_event_valid_matches_the_reader),
		cmocka_unit_test_setup_teardown(test_lines_appended_together, setup, teardown),
		cmocka_unit_test_setup_teardown(test_old_journal_becomes_this_devices, setup, teardown),
		cmocka_unit_test_setup_teardown(test_old_journal_beside_this_devices_is_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_devices_merge_by_time, setup, teardown),
		cmocka_unit_test_setup_teardown(test_only_journals_are_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refresh_follows_the_folder, setup, teardown),
		cmocka_unit_test_setup_teardown(test_device_id_is_not_copied, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_file, setup, teardown),
	};
	return cmocka_run_group_tests_name("journal", tests, NULL, NULL);
}
