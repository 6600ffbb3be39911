/* spawn — a program in the foreground, run as git runs an editor. */
#include "mlcert/spawn.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mlcert/xalloc.h"

bool spawn_needs_shell(const char *command)
{
	return command[strcspn(command, "|&;<>()$`\\\"' \t\n*?[#~=%")] != '\0';
}

int spawn_wait(const char *command, const char *arg)
{
	/* Built before fork: the child only execs. */
	size_t len = strlen(command) + sizeof " \"$@\"";
	char *script = xmalloc(len);
	snprintf(script, len, "%s \"$@\"", command);
	bool shell = spawn_needs_shell(command);

	struct sigaction ignore, old_int, old_quit;
	memset(&ignore, 0, sizeof ignore);
	ignore.sa_handler = SIG_IGN;
	sigemptyset(&ignore.sa_mask);
	sigaction(SIGINT, &ignore, &old_int);
	sigaction(SIGQUIT, &ignore, &old_quit);
	pid_t pid = fork();
	if (pid == 0) {
		/* The program starts as it would from the shell: SIGINT and SIGQUIT
		 * as mlcert found them (a handler becomes the default on exec), and
		 * SIGPIPE and SIGXFSZ, which mlcert ignores for itself, at default. */
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		signal(SIGPIPE, SIG_DFL);
		signal(SIGXFSZ, SIG_DFL);
		sigset_t none;
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		if (shell)
			execl("/bin/sh", "sh", "-c", script, command, arg, (char *)NULL);
		else
			execlp(command, command, arg, (char *)NULL);
		_exit(127);
	}
	int status = 0;
	pid_t done = pid;
	/* A hangup or SIGTERM interrupts the wait: the program in front gets its
	 * own, and mlcert stops when the loop sees the flag. */
	while (pid > 0 && (done = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
		;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	free(script);
	if (pid < 0 || done < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
}
