/* journal_members — the journals of a pack's folder (STATE/PACK): which
 * files are journals, and what each was when it was listed (device, inode,
 * size, modification time), so a later look tells that lines arrived, a
 * file was added or one was replaced (a sync, another program). */
#ifndef MLCERT_JOURNAL_MEMBERS_H
#define MLCERT_JOURNAL_MEMBERS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

struct journal_member {
	char *name; /* the file's name: the order of files, and ties between them */
	char *path;
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
};

/* A journal's name: lower-case letters, digits and dashes (not first), at
 * most JOURNAL_ID_MAX of them, then ".journal". Temporary files, a sync
 * tool's conflict copies and hidden files have other names and are never read. */
bool journal_member_name(const char *name);

/* The journals there are now, sorted by name: every file of folder with a
 * journal's name (symbolic links too: the reader refuses them), and legacy,
 * the path of the one journal of earlier versions (STATE/PACK.journal),
 * while it is there and not one of them under a second name. A missing
 * folder has none; false with why when it cannot be read. */
bool journal_members_list(const char *folder, const char *legacy, struct journal_member **out, size_t *count,
			  char *why, size_t why_size);

/* Whether the journals there now differ from was (count of them, as listed
 * before): a file added or gone, grown, replaced or touched; true as well
 * when the folder cannot be read. */
bool journal_members_changed(const char *folder, const char *legacy, const struct journal_member *was, size_t count);

void journal_members_free(struct journal_member *members, size_t count);

#endif
