/* packs — where content comes from: the built-in pack, packs installed under
 * $XDG_DATA_HOME/mlcert/packs/ (which add to or override it by id), or a
 * folder named with --content. */
#ifndef MLCERT_PACKS_H
#define MLCERT_PACKS_H

#include <stdio.h>

#include "mlcert/content.h"
#include "mlcert/diag.h"

#define PACKS_BUILT_IN "pmle"

/* Loads a pack: from dir when not NULL; else the installed pack named id
 * (NULL: the built-in pack's id), falling back to the built-in pack. NULL
 * with diagnostics when nothing could be read. */
struct content_pack *packs_load(const char *dir, const char *id, struct diag_list *diags);

/* Prints every pack found, its title and where it comes from; the one used
 * by default is marked. Returns the exit status. */
int packs_list(FILE *out);

/* $XDG_DATA_HOME/mlcert/packs, else ~/.local/share/mlcert/packs. */
bool packs_data_dir(char *buf, size_t size);

#endif
