/* xalloc: memory that is there, or a clear message and exit status 1. */
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mlcert/xalloc.h"
#include "testing.h"

/* Under AddressSanitizer an impossible request must fail as it does in
 * production (NULL from malloc), not stop the test with a report. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}

static void test_allocations_are_usable(void **state)
{
	(void)state;
	char *p = xmalloc(0); /* a zero-byte request is still a pointer to free */
	assert_non_null(p);
	free(p);
	int *z = xcalloc(100, sizeof *z);
	for (int i = 0; i < 100; i++)
		assert_int_equal(z[i], 0);
	z = xreallocarray(z, 1000, sizeof *z);
	z[999] = 7;
	assert_int_equal(z[0], 0);
	free(z);
	char *s = xstrdup("hello");
	assert_string_equal(s, "hello");
	free(s);
}

static void hook(void)
{
	fputs("hook ran\n", stderr);
}

/* Runs fn in a child with stderr captured; returns its exit status. */
static int in_child(void (*fn)(void), char *err, size_t size)
{
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(fds[1], STDERR_FILENO);
		close(fds[0]);
		fn();
		_exit(42); /* not reached when the allocation fails */
	}
	close(fds[1]);
	size_t n = 0;
	ssize_t r;
	while (n + 1 < size && (r = read(fds[0], err + n, size - 1 - n)) > 0)
		n += (size_t)r;
	err[n] = '\0';
	close(fds[0]);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void overflowing_request(void)
{
	xalloc_set_failure_hook(hook);
	xreallocarray(NULL, SIZE_MAX / 2, 4);
}

static void impossible_request(void)
{
	xmalloc(SIZE_MAX - 4096);
}

static void test_failure_says_so_and_exits_1(void **state)
{
	(void)state;
	char err[512];
	assert_int_equal(in_child(overflowing_request, err, sizeof err), 1);
	assert_non_null(strstr(err, "mlcert: out of memory"));
	/* the hook (the UI giving the terminal back) runs before the message */
	assert_non_null(strstr(err, "hook ran\nmlcert: out of memory"));
	assert_int_equal(in_child(impossible_request, err, sizeof err), 1);
	assert_non_null(strstr(err, "mlcert: out of memory"));
	assert_null(strstr(err, "hook ran"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_allocations_are_usable),
		cmocka_unit_test(test_failure_says_so_and_exits_1),
	};
	return cmocka_run_group_tests_name("xalloc", tests, NULL, NULL);
}
