/* packs — where content comes from: the built-in pack, packs installed under
 * $XDG_DATA_HOME/mlcert/packs/ (which add to or override it by id), or a
 * folder named with --content. */
#ifndef MLCERT_PACKS_H
#define MLCERT_PACKS_H

#include <stdint.h>
#include <stdio.h>

#include "mlcert/content.h"
#include "mlcert/diag.h"

#define PACKS_BUILT_IN "pmle"

/* Where a pack's snapshot is kept ($XDG_CACHE_HOME/mlcert, else
 * ~/.cache/mlcert) and what it must match: the pack's files, or for the
 * built-in pack this very program file (see snapshot.h). */
struct packs_cache {
	char path[4400];
	uint64_t fingerprint;
	bool usable;   /* a snapshot may be read and written */
	bool restored; /* the pack came from its snapshot */
};

/* Loads a pack: from dir when not NULL; else the installed pack named id
 * (NULL: the built-in pack's id), falling back to the built-in pack. NULL
 * with diagnostics when nothing could be read. With cache (not NULL, and
 * MLCERT_NO_CACHE unset or empty), a snapshot that matches is used instead
 * of the YAML. */
struct content_pack *packs_load(const char *dir, const char *id, struct packs_cache *cache,
				struct diag_list *diags);

/* Keeps pack, read from YAML and checked without a single diagnostic, for
 * the next start. Failure is silent: the cache only saves time. */
void packs_cache_keep(const struct content_pack *pack, const struct packs_cache *cache);

/* Prints every pack found, its title and where it comes from; the one used
 * by default is marked. Returns the exit status. */
int packs_list(FILE *out);

/* Where snapshots are kept: $XDG_CACHE_HOME/mlcert, else ~/.cache/mlcert
 * (named only: it may not exist). */
bool packs_cache_dir(char *buf, size_t size);

/* $XDG_DATA_HOME/mlcert/packs, else ~/.local/share/mlcert/packs. */
bool packs_data_dir(char *buf, size_t size);

#endif
