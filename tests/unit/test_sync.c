/* sync: two state folders as two machines and a bare repository as the
 * remote, through the real git program: answers on both converge; a note
 * changed on both keeps both versions; no git, no remote, an unreachable
 * remote and a refused push each say so and lose nothing; a push that
 * races another is retried. */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mlcert/fs.h"
#include "mlcert/journal.h"
#include "mlcert/sync.h"
#include "testing.h"

struct world {
	char root[64];
	char a[128], b[128], remote[128];
};

static int setup(void **state)
{
	struct world *w = calloc(1, sizeof *w);
	snprintf(w->root, sizeof w->root, "/tmp/mlcert-sync-XXXXXX");
	assert_non_null(mkdtemp(w->root));
	snprintf(w->a, sizeof w->a, "%s/a", w->root);
	snprintf(w->b, sizeof w->b, "%s/b", w->root);
	snprintf(w->remote, sizeof w->remote, "%s/remote.git", w->root);
	char cmd[512];
	snprintf(cmd, sizeof cmd, "git init -q --bare %s", w->remote);
	assert_int_equal(system(cmd), 0);
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	struct world *w = *state;
	remove_tree(w->root);
	free(w);
	return 0;
}

static void answer_on(const char *dir, const char *question, int64_t time)
{
	struct diag_list d;
	diag_list_init(&d);
	struct journal *j = journal_open(dir, "fixture", &d);
	assert_non_null(j);
	struct journal_event e = {.kind = JOURNAL_ANSWER, .time = time, .choices = 1, .correct = 1, .rating = 3};
	snprintf(e.id, sizeof e.id, "%s", question);
	char why[256];
	assert_true(journal_append(j, &e, why, sizeof why));
	journal_close(j);
	diag_list_free(&d);
}

struct events {
	struct journal_event items[32];
	size_t count;
};

static void collect(void *ctx, const struct journal_event *e)
{
	struct events *l = ctx;
	if (l->count < 32)
		l->items[l->count++] = *e;
}

/* Every event the folder replays, in order. */
static struct events events_of(const char *dir)
{
	struct events l = {.count = 0};
	struct diag_list d;
	diag_list_init(&d);
	struct journal *j = journal_open_as(dir, "fixture", JOURNAL_OPEN_READER, &d);
	assert_non_null(j);
	assert_true(journal_replay(j, collect, &l, &d));
	assert_int_equal(d.count, 0);
	journal_close(j);
	diag_list_free(&d);
	return l;
}

static void assert_same_events(const char *x, const char *y, size_t count)
{
	struct events a = events_of(x), b = events_of(y);
	assert_int_equal(a.count, count);
	assert_int_equal(b.count, count);
	for (size_t i = 0; i < count; i++) {
		assert_string_equal(a.items[i].id, b.items[i].id);
		assert_int_equal(a.items[i].time, b.items[i].time);
	}
}

struct outcome {
	int status;
	char out[4096], err[4096];
};

static struct outcome sync_with(const char *dir, const char *remote)
{
	struct outcome o;
	char *out = NULL, *err = NULL;
	size_t out_len = 0, err_len = 0;
	FILE *fo = open_memstream(&out, &out_len), *fe = open_memstream(&err, &err_len);
	o.status = sync_run(dir, remote, fo, fe);
	fclose(fo);
	fclose(fe);
	snprintf(o.out, sizeof o.out, "%s", out);
	snprintf(o.err, sizeof o.err, "%s", err);
	free(out);
	free(err);
	return o;
}

static void sync_ok(const char *dir, const char *remote)
{
	struct outcome o = sync_with(dir, remote);
	if (o.status != 0)
		fprintf(stderr, "sync of %s failed:\n%s%s", dir, o.out, o.err);
	assert_int_equal(o.status, 0);
	assert_non_null(strstr(o.out, "in step with"));
}

/* What `cmd` prints, first line. */
static void command_output(const char *cmd, char *buf, size_t size)
{
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	buf[0] = '\0';
	if (!fgets(buf, (int)size, p))
		buf[0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	pclose(p);
}

/* Two machines answer different questions, sync both ways (twice): both see
 * every answer in the same order; then both answer between syncs, at the
 * same second, and still agree. */
static void test_two_machines_converge(void **state)
{
	struct world *w = *state;
	answer_on(w->a, "q-single", 1767261600);
	answer_on(w->b, "q-multi", 1767261700);
	sync_ok(w->a, w->remote);
	sync_ok(w->b, w->remote);
	sync_ok(w->a, NULL); /* the remote is remembered */
	sync_ok(w->b, NULL);
	assert_same_events(w->a, w->b, 2);
	assert_string_equal(events_of(w->a).items[0].id, "q-single");

	answer_on(w->a, "q-multi", 1767262000);
	answer_on(w->b, "q-single", 1767262000);
	answer_on(w->b, "q-multi", 1767262100);
	sync_ok(w->a, NULL);
	sync_ok(w->b, NULL);
	sync_ok(w->a, NULL);
	assert_same_events(w->a, w->b, 5);
	/* each device wrote only its own journal: nothing to merge by hand */
	char cmd[512], count[64];
	snprintf(cmd, sizeof cmd, "git -C %s ls-files fixture | wc -l", w->a);
	command_output(cmd, count, sizeof count);
	assert_string_equal(count, "2");
	/* nothing of this machine's own goes to the remote */
	snprintf(cmd, sizeof cmd, "git -C %s ls-files | grep -c -e '^lock$' -e '^device-id$'", w->a);
	command_output(cmd, count, sizeof count);
	assert_string_equal(count, "0");
}

/* A note changed on both machines: both versions kept, the learner told. */
static void test_a_note_changed_on_both_keeps_both(void **state)
{
	struct world *w = *state;
	answer_on(w->a, "q-single", 1767261600);
	answer_on(w->b, "q-multi", 1767261700);
	char path[256];
	const char *dirs[2] = {w->a, w->b}, *texts[2] = {"mine, from a\n", "theirs, from b"};
	for (int i = 0; i < 2; i++) {
		snprintf(path, sizeof path, "%s/notes/fixture", dirs[i]);
		char why[256];
		assert_true(fs_make_dirs(path, why, sizeof why));
		snprintf(path, sizeof path, "%s/notes/fixture/topic-one.txt", dirs[i]);
		FILE *f = fopen(path, "w");
		fputs(texts[i], f);
		fclose(f);
	}
	sync_ok(w->a, w->remote);
	struct outcome o = sync_with(w->b, w->remote);
	assert_int_equal(o.status, 0);
	assert_non_null(strstr(o.out, "your note on topic-one was changed here and on another device"));
	size_t len;
	snprintf(path, sizeof path, "%s/notes/fixture/topic-one.txt", w->b);
	char *merged = fs_read_file(path, 1 << 16, &len);
	assert_non_null(merged);
	assert_non_null(strstr(merged, "theirs, from b\n"));
	assert_non_null(strstr(merged, "mine, from a\n"));
	assert_true(strstr(merged, "theirs") < strstr(merged, "----- mlcert sync:"));
	assert_true(strstr(merged, "----- mlcert sync:") < strstr(merged, "mine"));
	sync_ok(w->a, NULL);
	snprintf(path, sizeof path, "%s/notes/fixture/topic-one.txt", w->a);
	char *on_a = fs_read_file(path, 1 << 16, &len);
	assert_string_equal(on_a, merged);
	free(merged);
	free(on_a);
	assert_same_events(w->a, w->b, 2);
}

/* PATH without git: a clear message, exit 2, nothing changed. */
static void test_no_git(void **state)
{
	struct world *w = *state;
	answer_on(w->a, "q-single", 1767261600);
	char *path = strdup(getenv("PATH"));
	setenv("PATH", w->root, 1); /* a folder with no git in it */
	struct outcome o = sync_with(w->a, w->remote);
	setenv("PATH", path, 1);
	free(path);
	assert_int_equal(o.status, 2);
	assert_non_null(strstr(o.err, "there is no git program on PATH"));
	char git[256];
	snprintf(git, sizeof git, "%s/.git", w->a);
	assert_int_equal(access(git, F_OK), -1);
	assert_int_equal(events_of(w->a).count, 1);
}

/* No remote named yet: say how to name one. */
static void test_no_remote_yet(void **state)
{
	struct world *w = *state;
	answer_on(w->a, "q-single", 1767261600);
	struct outcome o = sync_with(w->a, NULL);
	assert_int_equal(o.status, 2);
	assert_non_null(strstr(o.err, "no remote yet"));
}

/* A remote that cannot be reached: exit 2, the progress committed here, and
 * the next sync (once the remote is there) sends it. */
static void test_unreachable_remote_loses_nothing(void **state)
{
	struct world *w = *state;
	answer_on(w->a, "q-single", 1767261600);
	char missing[256];
	snprintf(missing, sizeof missing, "%s/not-there.git", w->root);
	struct outcome o = sync_with(w->a, missing);
	assert_int_equal(o.status, 2);
	assert_non_null(strstr(o.err, "cannot fetch from"));
	assert_non_null(strstr(o.err, "committed here"));
	char cmd[512], out[256];
	snprintf(cmd, sizeof cmd, "git -C %s status --porcelain | wc -l", w->a);
	command_output(cmd, out, sizeof out);
	assert_string_equal(out, "0");
	answer_on(w->a, "q-multi", 1767261700);
	sync_ok(w->a, w->remote);
	sync_ok(w->b, w->remote);
	assert_same_events(w->a, w->b, 2);
}

/* A push the remote refuses (a hook, a protected branch): its reason, exit
 * 2, and the next sync after it allows pushes again sends everything. */
static void test_refused_push_loses_nothing(void **state)
{
	struct world *w = *state;
	char hook[256];
	snprintf(hook, sizeof hook, "%s/hooks/pre-receive", w->remote);
	FILE *f = fopen(hook, "w");
	fputs("#!/bin/sh\necho 'pushes are closed today' >&2\nexit 1\n", f);
	fclose(f);
	chmod(hook, 0755);
	answer_on(w->a, "q-single", 1767261600);
	struct outcome o = sync_with(w->a, w->remote);
	assert_int_equal(o.status, 2);
	assert_non_null(strstr(o.err, "refused the push"));
	assert_non_null(strstr(o.err, "pushes are closed today"));
	assert_non_null(strstr(o.err, "committed here"));
	unlink(hook);
	answer_on(w->a, "q-multi", 1767261700);
	sync_ok(w->a, NULL);
	sync_ok(w->b, w->remote);
	assert_same_events(w->a, w->b, 2);
}

/* Another machine pushes between this one's fetch and push: the push is
 * refused as not a fast-forward, and the sync fetches, merges and pushes
 * again by itself. A git on PATH that pushes from a third clone just before
 * the first push stands in for the other machine. */
static void test_a_push_that_races_another_is_retried(void **state)
{
	struct world *w = *state;
	char git[256] = "";
	command_output("command -v git", git, sizeof git);
	assert_true(git[0] == '/');
	answer_on(w->b, "q-multi", 1767261500);
	sync_ok(w->b, w->remote);
	char bin[256], wrapper[300], clone[256];
	snprintf(bin, sizeof bin, "%s/bin", w->root);
	snprintf(clone, sizeof clone, "%s/third", w->root);
	mkdir(bin, 0700);
	snprintf(wrapper, sizeof wrapper, "%s/git", bin);
	FILE *f = fopen(wrapper, "w");
	fprintf(f,
		"#!/bin/sh\n"
		"case \" $* \" in *\" push \"*)\n"
		"  if [ ! -e %s ]; then (\n"
		"    unset GIT_DIR GIT_WORK_TREE\n"
		"    %s clone -q -b main %s %s && cd %s && echo x > other-machine.txt && %s add other-machine.txt &&\n"
		"    %s -c user.name=t -c user.email=t@t commit -qm other && %s push -q origin HEAD:refs/heads/main\n"
		"  ) fi ;;\n"
		"esac\n"
		"exec %s \"$@\"\n",
		clone, git, w->remote, clone, clone, git, git, git, git);
	fclose(f);
	chmod(wrapper, 0755);
	answer_on(w->a, "q-single", 1767261600);
	char *path = strdup(getenv("PATH")), with_wrapper[4096];
	snprintf(with_wrapper, sizeof with_wrapper, "%s:%s", bin, path);
	setenv("PATH", with_wrapper, 1);
	struct outcome o = sync_with(w->a, w->remote);
	setenv("PATH", path, 1);
	free(path);
	if (o.status != 0)
		fprintf(stderr, "%s%s", o.out, o.err);
	assert_int_equal(o.status, 0);
	char other[256];
	snprintf(other, sizeof other, "%s/other-machine.txt", w->a);
	assert_int_equal(access(other, F_OK), 0); /* merged in on the second round */
	sync_ok(w->b, NULL);
	assert_same_events(w->a, w->b, 2);
}

/* A state folder of an earlier version (STATE/fixture.journal): its journal
 * becomes this device's before anything is committed, so two machines' old
 * journals never meet under one name. */
static void test_old_journal_is_moved_before_the_commit(void **state)
{
	struct world *w = *state;
	mkdir(w->a, 0700);
	char old[256], line[256];
	snprintf(old, sizeof old, "%s/fixture.journal", w->a);
	struct journal_event e = {.kind = JOURNAL_ANSWER, .time = 1767261600, .choices = 1, .correct = 1, .rating = 3};
	snprintf(e.id, sizeof e.id, "q-single");
	int n = journal_format_line(&e, line, sizeof line - 1);
	line[n++] = '\n';
	FILE *f = fopen(old, "w");
	fwrite(line, 1, (size_t)n, f);
	fclose(f);
	chmod(old, 0600);
	sync_ok(w->a, w->remote);
	assert_int_equal(access(old, F_OK), -1);
	char cmd[512], out[256];
	snprintf(cmd, sizeof cmd, "git -C %s ls-files | grep -c 'journal$'", w->a);
	command_output(cmd, out, sizeof out);
	assert_string_equal(out, "1");
	snprintf(cmd, sizeof cmd, "git -C %s ls-files | grep -c '^fixture/[0-9a-f]*[.]journal$'", w->a);
	command_output(cmd, out, sizeof out);
	assert_string_equal(out, "1");
	sync_ok(w->b, w->remote);
	assert_same_events(w->a, w->b, 1);
}

/* A state folder inside another repository (a home folder kept in git):
 * the sync has a repository of its own and never touches the one above. */
static void test_a_repository_above_is_not_touched(void **state)
{
	struct world *w = *state;
	char cmd[512], out[256];
	snprintf(cmd, sizeof cmd, "git init -q %s", w->root);
	assert_int_equal(system(cmd), 0);
	answer_on(w->a, "q-single", 1767261600);
	sync_ok(w->a, w->remote);
	snprintf(cmd, sizeof cmd, "git -C %s rev-list --all | wc -l", w->root);
	command_output(cmd, out, sizeof out);
	assert_string_equal(out, "0");
	snprintf(cmd, sizeof cmd, "git -C %s config --get remote.origin.url", w->root);
	command_output(cmd, out, sizeof out);
	assert_string_equal(out, "");
	snprintf(cmd, sizeof cmd, "%s/.git", w->a);
	struct stat st;
	assert_int_equal(stat(cmd, &st), 0);
	assert_int_equal(st.st_mode & 077, 0); /* and it is as private as the rest */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_two_machines_converge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_note_changed_on_both_keeps_both, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_git, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_remote_yet, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unreachable_remote_loses_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused_push_loses_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_push_that_races_another_is_retried, setup, teardown),
		cmocka_unit_test_setup_teardown(test_old_journal_is_moved_before_the_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_repository_above_is_not_touched, setup, teardown),
	};
	return cmocka_run_group_tests_name("sync", tests, NULL, NULL);
}
