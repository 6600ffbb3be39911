/* state_lock — the state folder's writer lock and the pid in it. */
#include "mlcert/state_lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* The pid a writer keeps in the lock file; 0 when it cannot be read yet. */
static long lock_holder(int fd)
{
	for (int tries = 0; tries < 20; tries++) {
		char buf[32];
		ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
		if (n > 0) {
			buf[n] = '\0';
			long pid = strtol(buf, NULL, 10);
			if (pid > 0)
				return pid;
		}
		usleep(1000); /* the writer took the lock and is writing its pid */
	}
	return 0;
}

enum state_lock_result state_lock_take(const char *state_dir, int *lock_fd, long *holder, char *why, size_t why_size)
{
	*lock_fd = -1;
	size_t n = strlen(state_dir) + 8;
	char *path = malloc(n);
	if (!path) {
		snprintf(why, why_size, "out of memory");
		return STATE_LOCK_FAILED;
	}
	snprintf(path, n, "%s/lock", state_dir);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid()) {
		snprintf(why, why_size, "cannot use the lock file %s: %s", path,
			 fd < 0 ? strerror(errno) : "it is not a regular file owned by you");
		if (fd >= 0)
			close(fd);
		free(path);
		return STATE_LOCK_FAILED;
	}
	free(path);
	int r;
	do
		r = flock(fd, LOCK_EX | LOCK_NB);
	while (r != 0 && errno == EINTR);
	if (r != 0) {
		if (errno == EWOULDBLOCK) {
			*holder = lock_holder(fd);
			close(fd);
			return STATE_LOCK_BUSY;
		}
		/* A file system without flock (some FUSE ones): go on, unguarded,
		 * rather than refuse to work; the caller is told. */
		snprintf(why, why_size, "cannot lock %s/lock (%s): a second mlcert on this folder would not be noticed",
			 state_dir, strerror(errno));
		close(fd);
		return STATE_LOCK_UNGUARDED;
	}
	char pid[32];
	int len = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t)len, 0) != len) {
		/* the lock holds without the pid; a second instance just cannot name us */
	}
	*lock_fd = fd;
	return STATE_LOCK_TAKEN;
}
