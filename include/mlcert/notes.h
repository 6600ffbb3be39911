/* notes — the learner's own note on a topic: a small text file per topic
 * beside the journal (STATE/notes/PACK/TOPIC.txt), shown in the reader's
 * NOTES section and written in $EDITOR. */
#ifndef MLCERT_NOTES_H
#define MLCERT_NOTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { NOTES_MAX_BYTES = 65535 }; /* what the reader shows of a note */

/* The folder of a pack's notes under the state folder. */
bool notes_folder(const char *state_dir, const char *pack_id, char *buf, size_t size);

/* The file of a topic's note in folder; it may not exist yet. */
bool notes_path(const char *folder, const char *topic_id, char *buf, size_t size);

/* The note's text, at most NOTES_MAX_BYTES of it; NULL when there is none.
 * When a file sync tool kept another device's version beside it (Syncthing's
 * TOPIC.sync-conflict-*.txt), a last line says where it is. */
char *notes_read(const char *folder, const char *topic_id);

/* What a note's file holds, taken before and after the editor runs, so
 * that "Note saved" is said only when the note changed: an editor quit
 * without writing, or writing the same text, leaves it unchanged. */
struct notes_version {
	bool exists;
	unsigned long long size;
	uint64_t hash; /* of the whole content (text_hash): the learner's own file, not an adversary's */
};
struct notes_version notes_version_of(const char *path);
bool notes_version_equal(struct notes_version a, struct notes_version b);

/* Makes folder (and the folders above it, 0700), so an editor can save a
 * note into it. False with why when it cannot be made. */
bool notes_make_folder(const char *folder, char *why, size_t why_size);

#endif
