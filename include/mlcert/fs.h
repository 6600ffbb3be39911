/* fs — the file system chores several modules share: the program's XDG base
 * folders, paths joined, folders made like `mkdir -p` (0700) or fsynced, and
 * reads and writes that finish (EINTR and short counts retried), so no module
 * keeps its own copy. */
#ifndef MLCERT_FS_H
#define MLCERT_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

enum fs_base {
	FS_STATE, /* $XDG_STATE_HOME, else ~/.local/state: progress and notes */
	FS_DATA,  /* $XDG_DATA_HOME, else ~/.local/share: installed packs */
	FS_CACHE, /* $XDG_CACHE_HOME, else ~/.cache: pack snapshots */
};

/* The program's folder under base, then leaf ("" or "/packs"): e.g.
 * $XDG_STATE_HOME/mlcert when that variable is an absolute path, else
 * $HOME/.local/state/mlcert. False when neither is usable or buf is too small. */
bool fs_app_dir(enum fs_base base, const char *leaf, char *buf, size_t size);

/* "DIR/NAME", newly allocated. */
char *fs_join(const char *dir, const char *name);

/* Makes dir and every missing folder above it, each 0700; true when dir is
 * then a folder. On failure why says which folder and why, and errno
 * still holds mkdir's reason. */
bool fs_make_dirs(const char *dir, char *why, size_t why_size);

/* fsyncs the folder dir, so a name just made or renamed in it survives a
 * crash. Best effort: a folder that cannot be opened is left as it is. */
void fs_sync_folder(const char *dir);

/* Writes, or reads, exactly len bytes; false on an error or an early end. */
bool fs_write_all(int fd, const void *buf, size_t len);
bool fs_read_all(int fd, void *buf, size_t len);

/* Reads up to len bytes at offset, stopping early only at the end of the
 * file or an error; returns how many were read. */
size_t fs_pread_full(int fd, void *buf, size_t len, off_t offset);

/* Replaces the file at path with len bytes of data, whole or not at all:
 * written to a temporary file beside it (mode 0600), fsynced, renamed over
 * path, and the folder fsynced. On failure why says what failed, the
 * temporary file is gone and path is as it was. */
bool fs_replace_file(const char *path, const void *data, size_t len, char *why, size_t why_size);

/* The whole file at path, NUL-terminated (*len excludes the NUL); NULL with
 * errno set when it cannot be read or is larger than max bytes (EFBIG). */
char *fs_read_file(const char *path, size_t max, size_t *len);

#endif
