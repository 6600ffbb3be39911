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

/* Writes the export to path; NULL or "-" is standard output. A file is
 * written whole under a temporary name in its folder and renamed into place,
 * so a full disk leaves no half file (and the old one, if any). Refused: the
 * journal itself under any name (same device and inode), and any file in one
 * of own_dirs (NULL-terminated; the state and cache folders). Every failure
 * is a diagnostic. */
bool history_export_file(struct journal *j, const char *pack_id, enum history_format format, const char *path,
			 const char *const *own_dirs, struct diag_list *diags);

/* Merges the export in path (JSON or CSV, told apart by its first byte; a
 * byte-order mark is skipped; CSV as RFC 4180, quoted fields and CRLF too):
 * events not already in the journals are added, in time order, as a journal
 * file of their own (journal_add_file; written gets its name), so nothing
 * already there is rewritten. Each event is checked as the journal's reader
 * checks a line (journal_event_valid), and an exam finish must come with its
 * answers; a file with any bad event is refused whole. O(n log n): units (an
 * event, or a finish with its answers) are deduplicated and ordered by
 * sorting. *added counts new events. Problems in the file are diagnostics
 * with a line (and, for JSON, column). An export of another pack than
 * pack_id (its "pack", or the pack its exams name) is refused, with a
 * message that says so. */
bool history_import(struct journal *j, const char *pack_id, const char *path, size_t *added, char *written,
		    size_t written_size, struct diag_list *diags);

#endif
