/* pack_files — the YAML files of a pack folder. The walk skips hidden
 * entries, reads each folder once however many symbolic links lead to it,
 * and reports a link back to a folder on the current path as a loop (as
 * `find -L` does) instead of following it. */
#ifndef MLCERT_PACK_FILES_H
#define MLCERT_PACK_FILES_H

#include <stdbool.h>
#include <stddef.h>

#include "mlcert/diag.h"

enum { PACK_FILES_MAX_DEPTH = 16 }; /* folders below the root */

struct pack_files {
	char **names; /* relative to the root ("topics/x.yaml"), sorted by strcmp */
	size_t count, cap;
};

/* Every *.yaml and *.yml file under root. Problems (an unreadable entry, a
 * loop, a folder met twice) become diagnostics; false when root itself or a
 * folder on the way cannot be read. out holds what was found either way. */
bool pack_files_find(const char *root, struct pack_files *out, struct diag_list *diags);
void pack_files_free(struct pack_files *files);

/* root "/" name, newly allocated. */
char *pack_files_join(const char *root, const char *name);

#endif
