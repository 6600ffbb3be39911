/* history — `mlcert export` and `mlcert import`: the journal as JSON or CSV
 * for spreadsheets and other machines, and merging another machine's export
 * without duplicates. */
#ifndef MLCERT_HISTORY_H
#define MLCERT_HISTORY_H

#include <stdbool.h>
#include <stdio.h>

#include "mlcert/diag.h"
#include "mlcert/journal.h"

enum history_format { HISTORY_JSON, HISTORY_CSV };

/* Writes every good event of the journal. pack_id names the pack in JSON. */
bool history_export(struct journal *j, const char *pack_id, enum history_format format, FILE *out,
		    struct diag_list *diags);

/* Merges the export in path (JSON or CSV, told apart by its first byte):
 * events not already in the journal are added, everything is put in time
 * order, and the journal is rewritten atomically. *added counts new events.
 * Problems in the file are diagnostics with a line (and, for JSON, column). */
bool history_import(struct journal *j, const char *path, size_t *added, struct diag_list *diags);

#endif
