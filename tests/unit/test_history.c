/* history: export never lands on the journal nor leaves half a file; import
 * reads what spreadsheets write, accepts only what the journal reader does,
 * and keeps exam blocks whole. */
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mlcert/history.h"
#include "mlcert/journal.h"
#include "testing.h"

struct tmp {
	char dir[64];
	char state[96];
	struct journal *j;
	struct diag_list d;
	char written[4400]; /* the file the last import wrote */
};

static int setup(void **state)
{
	struct tmp *t = calloc(1, sizeof *t);
	snprintf(t->dir, sizeof t->dir, "/tmp/mlcert-history-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	snprintf(t->state, sizeof t->state, "%s/state", t->dir);
	diag_list_init(&t->d);
	t->j = journal_open(t->state, "p", &t->d);
	assert_non_null(t->j);
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
	journal_close(t->j);
	diag_list_free(&t->d);
	nftw(t->dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	free(t);
	return 0;
}

static struct journal_event event(enum journal_kind kind, const char *id, int64_t time, int64_t value)
{
	struct journal_event e = {.kind = kind, .time = time, .choices = 1, .correct = 1, .rating = 3, .value = value};
	if (kind == JOURNAL_EXAM_FINISH)
		e.rating = e.correct = 0;
	snprintf(e.id, sizeof e.id, "%s", id);
	return e;
}

static void append_ok(struct tmp *t, struct journal_event e)
{
	char why[256];
	assert_true(journal_append(t->j, &e, why, sizeof why));
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

struct seen {
	struct journal_event events[32];
	int count;
};

static void visit(void *ctx, const struct journal_event *e)
{
	struct seen *s = ctx;
	if (s->count < 32)
		s->events[s->count++] = *e;
}

static struct seen replay(struct tmp *t)
{
	struct seen s = {.count = 0};
	struct diag_list d;
	diag_list_init(&d);
	assert_true(journal_replay(t->j, visit, &s, &d));
	assert_int_equal(d.count, 0);
	diag_list_free(&d);
	return s;
}

static bool import(struct tmp *t, const char *text, size_t *added)
{
	char path[128];
	snprintf(path, sizeof path, "%s/in.csv", t->dir);
	write_text(path, text);
	diag_list_free(&t->d);
	diag_list_init(&t->d);
	return history_import(t->j, "p", path, added, t->written, sizeof t->written, &t->d);
}

/* What a spreadsheet saves: a byte-order mark, every field quoted, CRLF. */
static void test_csv_from_a_spreadsheet(void **state)
{
	struct tmp *t = *state;
	size_t added;
	assert_true(import(t,
			   "\xEF\xBB\xBF\"time\",\"date\",\"kind\",\"id\",\"choices\",\"correct\",\"rating\",\"value\"\r\n"
			   "\"1767261600\",\"2026-01-01T10:00:00Z\",\"answer\",\"q-one\",\"ac\",\"1\",\"3\",\"0\"\r\n"
			   "1767261700,\"2026-01-01\r\nT10:01:40Z\",read,\"topic-a\",,0,0,0\r\n",
			   &added));
	assert_int_equal(added, 2);
	struct seen s = replay(t);
	assert_int_equal(s.count, 2);
	assert_string_equal(s.events[0].id, "q-one");
	assert_int_equal(s.events[0].choices, 5);
	assert_int_equal(s.events[1].kind, JOURNAL_READ);
	/* a quote inside an unquoted field, or text after a closing quote: refused */
	assert_false(import(t, "1767261800,x,answer,q\"one,a,1,3,0\n", &added));
	assert_false(import(t, "\"1767261800\"x,x,answer,q-one,a,1,3,0\n", &added));
	assert_int_equal(t->d.items[0].line, 1);
}

/* Import used to accept what the reader then skipped at every start. */
static void test_import_accepts_only_what_the_reader_does(void **state)
{
	struct tmp *t = *state;
	size_t added;
	static const char *const rows[] = {
		"-5,x,answer,q-one,a,1,3,0\n",                 /* before 1970 */
		"253402300800,x,answer,q-one,a,1,3,0\n",       /* after 9999 */
		"1767261600,x,answer,q-one,a,1,3,9007199254740993\n", /* beyond 2^53 */
		"1767261600,x,answer,Q-One,a,1,3,0\n",         /* not an id */
		"1767261600,x,answer,q-one,a,1,5,0\n",         /* no such rating */
		"1767261600,x,answer,q-one,a,1,3,0,extra\n",   /* a ninth field */
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		assert_false(import(t, rows[i], &added));
		assert_int_equal(added, 0);
		assert_int_equal(t->d.errors, 1);
	}
	char path[128];
	snprintf(path, sizeof path, "%s/in.json", t->dir);
	write_text(path, "{\"events\":[{\"time\":-1,\"kind\":\"answer\",\"id\":\"q-one\",\"choices\":\"a\","
			 "\"correct\":true,\"rating\":3,\"value\":0}]}");
	assert_false(history_import(t->j, "p", path, &added, t->written, sizeof t->written, &t->d));
	assert_int_equal(replay(t).count, 0);
}

/* An exam finish travels with its answers: a finish without them is refused,
 * and merging keeps a block whole and in one piece. */
static void test_import_keeps_exam_blocks_whole(void **state)
{
	struct tmp *t = *state;
	size_t added;
	assert_false(import(t,
			    "1767261600,x,exam-finish,p,a,0,0,2\n"
			    "1767261600,x,answer,q-one,a,1,3,0\n",
			    &added));
	assert_non_null(strstr(t->d.items[0].message, "not followed by exactly its 2 exam-item and answer rows"));

	/* The journal holds a block spanning two seconds; the file adds an
	 * event in the second between, and the same block again. */
	struct journal_event block[3] = {event(JOURNAL_EXAM_FINISH, "p", 100, 2), event(JOURNAL_ANSWER, "q-one", 100, 0),
					 event(JOURNAL_ANSWER, "q-two", 101, 0)};
	char why[256];
	assert_true(journal_append_lines(t->j, block, 3, why, sizeof why));
	assert_true(import(t,
			   "100,x,exam-finish,p,a,0,0,2\n"
			   "100,x,answer,q-one,a,1,3,0\n"
			   "101,x,answer,q-two,a,1,3,0\n"
			   "100,x,read,topic-a,,0,0,0\n"
			   "99,x,read,topic-b,,0,0,0\n",
			   &added));
	assert_int_equal(added, 2);
	struct seen s = replay(t);
	assert_int_equal(s.count, 5);
	assert_string_equal(s.events[0].id, "topic-b");
	assert_int_equal(s.events[1].kind, JOURNAL_EXAM_FINISH);
	assert_string_equal(s.events[3].id, "q-two");
	assert_string_equal(s.events[4].id, "topic-a");
}

/* Duplicates, in the journal or within the file, are added once. */
static void test_import_adds_each_event_once(void **state)
{
	struct tmp *t = *state;
	append_ok(t, event(JOURNAL_ANSWER, "q-one", 10, 0));
	size_t added;
	assert_true(import(t,
			   "10,x,answer,q-one,a,1,3,0\n"
			   "5,x,answer,q-two,a,1,3,0\n"
			   "5,x,answer,q-two,a,1,3,0\n"
			   "5,x,rate,q-two,,0,4,0\n",
			   &added));
	assert_int_equal(added, 2);
	struct seen s = replay(t);
	assert_int_equal(s.count, 3);
	assert_int_equal(s.events[0].kind, JOURNAL_ANSWER); /* an answer stays before its mark */
	assert_int_equal(s.events[1].kind, JOURNAL_RATE);
	assert_string_equal(s.events[2].id, "q-one");
}

static size_t file_size(const char *path)
{
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	return (size_t)st.st_size;
}

/* `export <the journal>` used to truncate it to a CSV header. */
static void test_export_refuses_the_journal_and_the_state_folder(void **state)
{
	struct tmp *t = *state;
	append_ok(t, event(JOURNAL_ANSWER, "q-one", 10, 0));
	size_t size = file_size(journal_path(t->j));
	const char *own[] = {t->state, NULL};
	assert_false(history_export_file(t->j, "p", HISTORY_CSV, journal_path(t->j), own, &t->d));
	assert_non_null(strstr(t->d.items[t->d.count - 1].message, "over the journal itself"));
	char link_path[128], inside[128];
	snprintf(link_path, sizeof link_path, "%s/hard-link", t->dir);
	assert_int_equal(link(journal_path(t->j), link_path), 0);
	assert_false(history_export_file(t->j, "p", HISTORY_CSV, link_path, own, &t->d));
	snprintf(inside, sizeof inside, "%s/export.csv", t->state);
	assert_false(history_export_file(t->j, "p", HISTORY_CSV, inside, own, &t->d));
	assert_int_equal(access(inside, F_OK), -1);
	assert_int_equal(file_size(journal_path(t->j)), size);
	assert_int_equal(replay(t).count, 1);
}

/* A full disk: a message, no partial file, and an old export left whole. */
static void test_export_to_a_full_disk_leaves_no_half_file(void **state)
{
	struct tmp *t = *state;
	for (int i = 0; i < 50; i++)
		append_ok(t, event(JOURNAL_ANSWER, "q-one", 10 + i, 0));
	char out[128];
	snprintf(out, sizeof out, "%s/out.csv", t->dir);
	const char *own[] = {t->state, NULL};
	assert_true(history_export_file(t->j, "p", HISTORY_CSV, out, own, &t->d));
	size_t whole = file_size(out);
	assert_int_equal(t->d.count, 0);
	char fresh[128];
	snprintf(fresh, sizeof fresh, "%s/fresh.csv", t->dir);
	signal(SIGXFSZ, SIG_IGN);
	struct rlimit old, small;
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	small = old;
	small.rlim_cur = 1000;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	bool over_old = history_export_file(t->j, "p", HISTORY_JSON, out, own, &t->d);
	bool to_fresh = history_export_file(t->j, "p", HISTORY_JSON, fresh, own, &t->d);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	assert_false(over_old);
	assert_false(to_fresh);
	assert_int_equal(t->d.errors, 2);
	assert_non_null(strstr(t->d.items[0].message, "File too large"));
	assert_int_equal(file_size(out), whole);
	assert_int_equal(access(fresh, F_OK), -1);
	/* and no temporary file is left beside them */
	char listing[256];
	snprintf(listing, sizeof listing, "ls -A %s | grep -v -x -e state -e out.csv | grep -q .", t->dir);
	assert_int_not_equal(system(listing), 0);
}

/* The two events the export and merge tests start from. */
static void seed_two(struct tmp *t)
{
	struct journal_event e[] = {
		{.kind = JOURNAL_ANSWER, .time = 1767261600, .choices = 5, .correct = 1, .rating = 3},
		{.kind = JOURNAL_READ, .time = 1767261700},
	};
	snprintf(e[0].id, sizeof e[0].id, "q-one");
	snprintf(e[1].id, sizeof e[1].id, "topic-one");
	char why[128];
	assert_true(journal_append_lines(t->j, e, 2, why, sizeof why));
}

static char *export_text(struct tmp *t, enum history_format format)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_true(history_export(t->j, "p", format, out, &t->d));
	fclose(out);
	return buf;
}

static void test_export_formats(void **state)
{
	struct tmp *t = *state;
	seed_two(t);
	char *csv = export_text(t, HISTORY_CSV);
	assert_string_equal(csv, "time,date,kind,id,choices,correct,rating,value\n"
				 "1767261600,2026-01-01T10:00:00Z,answer,q-one,ac,1,3,0\n"
				 "1767261700,2026-01-01T10:01:40Z,read,topic-one,,0,0,0\n");
	free(csv);
	char *json = export_text(t, HISTORY_JSON);
	assert_non_null(strstr(json, "{\"format\":\"mlcert-history-1\",\"pack\":\"p\",\"events\":["));
	assert_non_null(strstr(json, "{\"time\":1767261600,\"date\":\"2026-01-01T10:00:00Z\",\"kind\":\"answer\","
				     "\"id\":\"q-one\",\"choices\":\"ac\",\"correct\":true,\"rating\":3,\"value\":0}"));
	free(json);
}

static void test_import_merges_in_time_order(void **state)
{
	struct tmp *t = *state;
	seed_two(t);
	size_t own_size = file_size(journal_path(t->j));
	/* one event already there, one new and older than both */
	size_t added = 0;
	assert_true(import(t, "time,date,kind,id,choices,correct,rating,value\n"
			      "1767261600,2026-01-01T10:00:00Z,answer,q-one,ac,1,3,0\n"
			      "1767200000,2025-12-31T16:53:20Z,answer,q-two,b,0,1,0\n", &added));
	assert_int_equal(added, 1);
	struct seen s = replay(t);
	assert_int_equal(s.count, 3);
	assert_string_equal(s.events[0].id, "q-two"); /* replayed in time order */
	assert_int_equal(s.events[0].choices, 2);
	/* The new event is a journal file of its own; this device's is as it was. */
	assert_int_equal(file_size(journal_path(t->j)), own_size);
	assert_non_null(strstr(t->written, "/p/import-"));
	struct journal_event q_two = {.kind = JOURNAL_ANSWER, .time = 1767200000, .choices = 2, .rating = 1};
	snprintf(q_two.id, sizeof q_two.id, "q-two");
	char line[256];
	assert_int_equal(file_size(t->written), (size_t)journal_format_line(&q_two, line, sizeof line) + 1);
	/* a JSON export of our own adds nothing */
	char *json = export_text(t, HISTORY_JSON);
	assert_true(import(t, json, &added));
	free(json);
	assert_int_equal(added, 0);
}

static void test_bad_rows_refuse_the_whole_file(void **state)
{
	struct tmp *t = *state;
	seed_two(t);
	size_t added = 9;
	assert_false(import(t, "1767200000,x,answer,q-two,b,0,1,0\n"
			       "1767200001,x,answer,q-three,b,7,1,0\n", &added)); /* correct must be 0 or 1 */
	assert_int_equal(added, 0);
	assert_int_equal(t->d.items[t->d.count - 1].line, 2);
	assert_int_equal(replay(t).count, 2); /* nothing of it was merged */
	assert_false(import(t, "{\"events\":[{\"kind\":\"answer\"}]}", &added));
	assert_non_null(strstr(t->d.items[t->d.count - 1].message, "event 1 of \"events\""));
	char path[128];
	snprintf(path, sizeof path, "%s/missing.csv", t->dir);
	assert_false(history_import(t->j, "p", path, &added, t->written, sizeof t->written, &t->d));
	assert_non_null(strstr(t->d.items[t->d.count - 1].message, "cannot read"));
}

/* Another pack's export is refused whole and says whose it is: the pack
 * its JSON names, or (CSV has no such field) the pack its exams name. */
static void test_import_refuses_another_packs_export(void **state)
{
	struct tmp *t = *state;
	size_t added = 9;
	char path[128];
	snprintf(path, sizeof path, "%s/other.json", t->dir);
	write_text(path, "{\"format\":\"mlcert-history-1\",\"pack\":\"other\",\"events\":[]}");
	assert_false(history_import(t->j, "p", path, &added, t->written, sizeof t->written, &t->d));
	assert_int_equal(added, 0);
	assert_int_equal(t->d.errors, 1);
	assert_non_null(strstr(t->d.items[0].message, "an export of the pack 'other', not of 'p'"));
	assert_false(import(t,
			    "1767261600,x,answer,q-one,a,1,3,0\n"
			    "1767261700,x,exam-start,other,,0,0,7\n",
			    &added));
	assert_int_equal(t->d.errors, 1);
	assert_int_equal(t->d.items[0].line, 2);
	assert_non_null(strstr(t->d.items[0].message, "the pack 'other', not of 'p'"));
	assert_int_equal(replay(t).count, 0);
	/* its own pack's export goes in */
	write_text(path, "{\"pack\":\"p\",\"events\":[{\"time\":1767261600,\"kind\":\"exam-start\",\"id\":\"p\","
			 "\"choices\":\"\",\"correct\":false,\"rating\":0,\"value\":7}]}");
	assert_true(history_import(t->j, "p", path, &added, t->written, sizeof t->written, &t->d));
	assert_int_equal(added, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_csv_from_a_spreadsheet, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_refuses_another_packs_export, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_accepts_only_what_the_reader_does, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_keeps_exam_blocks_whole, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_adds_each_event_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_refuses_the_journal_and_the_state_folder, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_to_a_full_disk_leaves_no_half_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_export_formats, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_merges_in_time_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_rows_refuse_the_whole_file, setup, teardown),
	};
	return cmocka_run_group_tests_name("history", tests, NULL, NULL);
}
