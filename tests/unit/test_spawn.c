/* spawn: commands read as git reads $EDITOR, the argument passed as one
 * word, and Ctrl-C (SIGINT, SIGQUIT) left to the program in front. */
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mlcert/spawn.h"
#include "testing.h"

struct world {
	char root[64];
};

static int setup(void **state)
{
	struct world *w = calloc(1, sizeof *w);
	snprintf(w->root, sizeof w->root, "/tmp/mlcert-spawn-XXXXXX");
	assert_non_null(mkdtemp(w->root));
	*state = w;
	return 0;
}

static int teardown(void **state)
{
	struct world *w = *state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", w->root);
	assert_int_equal(system(cmd), 0);
	free(w);
	return 0;
}

/* Writes an executable shell script at path with body. */
static void script(const char *path, const char *body)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "#!/bin/sh\n%s\n", body);
	fclose(f);
	assert_int_equal(chmod(path, 0755), 0);
}

static char *slurp(const char *path)
{
	static char text[4096];
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	size_t n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = '\0';
	return text;
}

static void test_which_commands_need_the_shell(void **state)
{
	(void)state;
	assert_false(spawn_needs_shell("vi"));
	assert_false(spawn_needs_shell("/usr/bin/vim.basic"));
	assert_true(spawn_needs_shell("code --wait"));
	assert_true(spawn_needs_shell("'/opt/My Editor/ed'"));
	assert_true(spawn_needs_shell("~/bin/ed"));
	assert_true(spawn_needs_shell("TERM=xterm vi"));
	assert_true(spawn_needs_shell("vi\t-n"));
}

/* The arguments a program got, one per line after their count. */
static const char args_body[] = "{ echo $#; for a in \"$@\"; do printf '%s\\n' \"$a\"; done; } > \"$(dirname \"$0\")/args\"";

static void test_a_plain_path_runs_as_it_is(void **state)
{
	struct world *w = *state;
	char ed[128], args[128];
	snprintf(ed, sizeof ed, "%s/ed", w->root);
	snprintf(args, sizeof args, "%s/args", w->root);
	script(ed, args_body);
	assert_int_equal(spawn_wait(ed, "/state/notes/t.txt"), 0);
	assert_string_equal(slurp(args), "1\n/state/notes/t.txt\n");
	snprintf(ed, sizeof ed, "%s/no-such-editor", w->root);
	assert_int_equal(spawn_wait(ed, "x"), 127);
}

/* A quoted path with spaces and an option: a shell word list, as in git.
 * The argument, a URL full of shell characters, arrives byte for byte and
 * runs nothing. */
static void test_a_word_list_with_a_quoted_path(void **state)
{
	struct world *w = *state;
	char dir[128], ed[160], args[160], command[256], pwned[160];
	snprintf(dir, sizeof dir, "%s/my editor", w->root);
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(ed, sizeof ed, "%s/ed", dir);
	snprintf(args, sizeof args, "%s/args", dir);
	snprintf(pwned, sizeof pwned, "%s/pwned", w->root);
	script(ed, args_body);
	snprintf(command, sizeof command, "'%s' --wait", ed);
	char url[512];
	snprintf(url, sizeof url, "https://example.com/?q=$(touch %s);a='b'&c=`touch %s`|d\"e", pwned, pwned);
	assert_int_equal(spawn_wait(command, url), 0);
	char want[600];
	snprintf(want, sizeof want, "2\n--wait\n%s\n", url);
	assert_string_equal(slurp(args), want);
	assert_int_equal(access(pwned, F_OK), -1);
	/* unquoted, the path is two words, as git would read it too */
	snprintf(command, sizeof command, "%s --wait", ed);
	assert_int_equal(spawn_wait(command, "x"), 127);
	snprintf(command, sizeof command, "'%s/none at all'", w->root);
	assert_int_equal(spawn_wait(command, "x"), 127);
}

static void test_exit_status_and_signals(void **state)
{
	struct world *w = *state;
	char ed[128];
	snprintf(ed, sizeof ed, "%s/ed", w->root);
	script(ed, "exit 3");
	assert_int_equal(spawn_wait(ed, "x"), 3);
	script(ed, "kill -TERM $$");
	assert_int_equal(spawn_wait(ed, "x"), 128 + SIGTERM);
}

static volatile sig_atomic_t interrupts;

static void count_interrupt(int sig)
{
	(void)sig;
	interrupts++;
}

/* Ctrl-C in the editor: the terminal sends SIGINT to both; mlcert ignores it
 * while the editor runs, the editor takes it as it would from a shell. */
static void test_ctrl_c_belongs_to_the_program_in_front(void **state)
{
	struct world *w = *state;
	char ed[128], after[160], pid[32];
	snprintf(ed, sizeof ed, "%s/ed", w->root);
	snprintf(after, sizeof after, "%s/survived", w->root);
	snprintf(pid, sizeof pid, "%ld", (long)getpid());
	setenv("MLCERT_TEST_PID", pid, 1);
	char body[512];
	snprintf(body, sizeof body,
		 "kill -INT \"$MLCERT_TEST_PID\"; kill -QUIT \"$MLCERT_TEST_PID\"; kill -INT $$; touch '%s'", after);
	script(ed, body);
	struct sigaction mine, old_int, old_quit, now;
	memset(&mine, 0, sizeof mine);
	mine.sa_handler = count_interrupt;
	sigemptyset(&mine.sa_mask);
	sigaction(SIGINT, &mine, &old_int);
	sigaction(SIGQUIT, &mine, &old_quit);
	interrupts = 0;
	assert_int_equal(spawn_wait(ed, "x"), 128 + SIGINT); /* the editor took its Ctrl-C */
	assert_int_equal(access(after, F_OK), -1);
	assert_int_equal(interrupts, 0);                      /* mlcert did not */
	sigaction(SIGINT, NULL, &now);
	assert_true(now.sa_handler == count_interrupt);       /* and has its handler back */
	sigaction(SIGQUIT, NULL, &now);
	assert_true(now.sa_handler == count_interrupt);
	raise(SIGINT);
	assert_int_equal(interrupts, 1);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	unsetenv("MLCERT_TEST_PID");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_which_commands_need_the_shell),
		cmocka_unit_test_setup_teardown(test_a_plain_path_runs_as_it_is, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_word_list_with_a_quoted_path, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exit_status_and_signals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ctrl_c_belongs_to_the_program_in_front, setup, teardown),
	};
	return cmocka_run_group_tests_name("spawn", tests, NULL, NULL);
}
