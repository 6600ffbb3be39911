/* state_lock — one writer per state folder: an advisory lock (flock) on
 * STATE/lock, held until its descriptor is closed. The file holds the
 * writer's pid, so a second mlcert can say which process is in its way. */
#ifndef MLCERT_STATE_LOCK_H
#define MLCERT_STATE_LOCK_H

#include <stddef.h>

enum state_lock_result {
	STATE_LOCK_TAKEN,     /* *lock_fd holds the lock until it is closed */
	STATE_LOCK_BUSY,      /* another process holds it: *holder is its pid, 0 if unknown */
	STATE_LOCK_UNGUARDED, /* no flock on this file system (some FUSE ones): why says what that means */
	STATE_LOCK_FAILED,    /* the lock file cannot be used: why says why */
};

/* Takes the lock of state_dir (creating STATE/lock 0600, refusing one that
 * is not a regular file of ours) without waiting. *lock_fd is -1 unless TAKEN;
 * *holder is set only when BUSY. */
enum state_lock_result state_lock_take(const char *state_dir, int *lock_fd, long *holder, char *why, size_t why_size);

#endif
