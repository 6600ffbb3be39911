/* resume — where the learner left off, kept between runs: a small text file
 * beside the journal (STATE/PACK.resume) that the program reads at start
 * and replaces whole on exit (fs_replace_file), so the next start opens on
 * the same topic, tree, scroll, quiz question and pane.
 *
 * It is a convenience, not progress: progress is the journal. A missing
 * file means starting at the top; a damaged line is skipped and the rest
 * still restores. The app decides what the entries mean (app_resume_save);
 * this module only keeps them.
 *
 * The file is "mlcert-resume 1 0", then one entry per line: "KEY ID VALUE",
 * KEY a word of lowercase letters and hyphens, ID a pack id or "-", VALUE a
 * decimal integer within +-2^53. */
#ifndef MLCERT_RESUME_H
#define MLCERT_RESUME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mlcert/journal.h"

enum { RESUME_KEY_MAX = 23, RESUME_MAX_BYTES = 1 << 20 };

struct resume_entry {
	char key[RESUME_KEY_MAX + 1];
	char id[JOURNAL_ID_MAX + 1];
	int64_t value;
};

struct resume {
	struct resume_entry *entries;
	size_t count, cap;
};

/* The file for pack_id under state_dir. False when the path does not fit. */
bool resume_path(const char *state_dir, const char *pack_id, char *buf, size_t size);

/* Adds an entry; false (nothing added) when key or id is not one the file
 * can hold. */
bool resume_add(struct resume *r, const char *key, const char *id, int64_t value);

/* The first entry with key, or NULL. */
const struct resume_entry *resume_find(const struct resume *r, const char *key);

/* Reads the file at path into r (empty first). True when it was read or
 * does not exist; damaged lines are skipped and counted in *skipped. False
 * with why when it exists but cannot be read or is not a resume file. */
bool resume_load(const char *path, struct resume *r, size_t *skipped, char *why, size_t why_size);

/* Replaces the file at path with r's entries, whole or not at all. */
bool resume_save(const char *path, const struct resume *r, char *why, size_t why_size);

void resume_free(struct resume *r);

#endif
