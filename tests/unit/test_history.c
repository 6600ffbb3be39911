/* history: the journal out as JSON or CSV, and back in without duplicates. */
#include <string.h>
#include <unistd.h>

#include "mlcert/history.h"
#include "testing.h"

struct tmp {
	char dir[64], file[128];
	struct journal *journal;
	struct diag_list diags;
};

static struct journal_event event(enum journal_kind kind, const char *id, int64_t time, uint32_t choices,
				  int correct, int rating)
{
	struct journal_event e = {.kind = kind, .time = time, .choices = choices, .correct = correct, .rating = rating};
	snprintf(e.id, sizeof e.id, "%s", id);
	return e;
}

static int setup(void **state)
{
	struct tmp *t = calloc(1, sizeof *t);
	snprintf(t->dir, sizeof t->dir, "/tmp/mlcert-history-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	snprintf(t->file, sizeof t->file, "%s/export", t->dir);
	diag_list_init(&t->diags);
	t->journal = journal_open(t->dir, "p", &t->diags);
	assert_non_null(t->journal);
	struct journal_event e[] = {
		event(JOURNAL_ANSWER, "q-one", 1767261600, 5, 1, 3),
		event(JOURNAL_READ, "topic-one", 1767261700, 0, 0, 0),
	};
	char why[128];
	assert_true(journal_append_lines(t->journal, e, 2, why, sizeof why));
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	struct tmp *t = *state;
	char path[160];
	journal_close(t->journal);
	snprintf(path, sizeof path, "%s/p.journal", t->dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/p.journal.before-rewrite", t->dir);
	unlink(path);
	unlink(t->file);
	rmdir(t->dir);
	diag_list_free(&t->diags);
	free(t);
	return 0;
}

static char *export(struct tmp *t, enum history_format format)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_true(history_export(t->journal, "p", format, out, &t->diags));
	fclose(out);
	return buf;
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

struct seen {
	struct journal_event events[8];
	int count;
};

static void collect(void *ctx, const struct journal_event *e)
{
	struct seen *s = ctx;
	if (s->count < 8)
		s->events[s->count++] = *e;
}

static void test_export_formats(void **state)
{
	struct tmp *t = *state;
	char *csv = export(t, HISTORY_CSV);
	assert_string_equal(csv, "time,date,kind,id,choices,correct,rating,value\n"
				 "1767261600,2026-01-01T10:00:00Z,answer,q-one,ac,1,3,0\n"
				 "1767261700,2026-01-01T10:01:40Z,read,topic-one,,0,0,0\n");
	free(csv);
	char *json = export(t, HISTORY_JSON);
	assert_non_null(strstr(json, "{\"format\":\"mlcert-history-1\",\"pack\":\"p\",\"events\":["));
	assert_non_null(strstr(json, "{\"time\":1767261600,\"date\":\"2026-01-01T10:00:00Z\",\"kind\":\"answer\","
				     "\"id\":\"q-one\",\"choices\":\"ac\",\"correct\":true,\"rating\":3,\"value\":0}"));
	free(json);
}

static void test_import_merges_without_duplicates(void **state)
{
	struct tmp *t = *state;
	/* one event already there, one new and older than both */
	write_text(t->file, "time,date,kind,id,choices,correct,rating,value\n"
			    "1767261600,2026-01-01T10:00:00Z,answer,q-one,ac,1,3,0\n"
			    "1767200000,2025-12-31T16:53:20Z,answer,q-two,b,0,1,0\n");
	size_t added = 0;
	assert_true(history_import(t->journal, t->file, &added, &t->diags));
	assert_int_equal(added, 1);
	struct seen s = {.count = 0};
	assert_true(journal_replay(t->journal, collect, &s, &t->diags));
	assert_int_equal(s.count, 3);
	assert_string_equal(s.events[0].id, "q-two"); /* rewritten in time order */
	assert_int_equal(s.events[0].choices, 2);
	/* the same file again adds nothing; a JSON export of our own neither */
	assert_true(history_import(t->journal, t->file, &added, &t->diags));
	assert_int_equal(added, 0);
	char *json = export(t, HISTORY_JSON);
	write_text(t->file, json);
	free(json);
	assert_true(history_import(t->journal, t->file, &added, &t->diags));
	assert_int_equal(added, 0);
}

static void test_bad_rows_refuse_the_whole_file(void **state)
{
	struct tmp *t = *state;
	write_text(t->file, "1767200000,x,answer,q-two,b,0,1,0\n"
			    "1767200001,x,answer,q-three,b,7,1,0\n"); /* correct must be 0 or 1 */
	size_t added = 9;
	assert_false(history_import(t->journal, t->file, &added, &t->diags));
	assert_int_equal(added, 0);
	assert_int_equal(t->diags.items[t->diags.count - 1].line, 2);
	struct seen s = {.count = 0};
	assert_true(journal_replay(t->journal, collect, &s, &t->diags));
	assert_int_equal(s.count, 2); /* nothing of it was merged */
	write_text(t->file, "{\"events\":[{\"kind\":\"answer\"}]}");
	assert_false(history_import(t->journal, t->file, &added, &t->diags));
	assert_non_null(strstr(t->diags.items[t->diags.count - 1].message, "event 1 of \"events\""));
	unlink(t->file);
	assert_false(history_import(t->journal, t->file, &added, &t->diags));
	assert_non_null(strstr(t->diags.items[t->diags.count - 1].message, "cannot read"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_export_formats, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_merges_without_duplicates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_rows_refuse_the_whole_file, setup, teardown),
	};
	return cmocka_run_group_tests_name("history", tests, NULL, NULL);
}
