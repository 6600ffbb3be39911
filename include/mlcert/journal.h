/* journal — the progress store: append-only files of checksummed lines
 * (journal_line.h), one event per line, each written with one write() and
 * fsync()ed before the caller confirms anything to the user. Each device
 * appends only to its own file (STATE/PACK/DEVICE.journal) and reads them
 * all as one, so folders synced by git or any file sync tool converge
 * without conflicts. Replay skips damaged lines with a warning and keeps
 * everything around them. */
#ifndef MLCERT_JOURNAL_H
#define MLCERT_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "mlcert/diag.h"
#include "mlcert/journal_line.h"

struct journal;

/* Where things are, under the state folder STATE:
 * - STATE/device-id: this device's id (device.h), made by the first writer.
 * - STATE/PACK/ID.journal: the journal of the device ID. Each device appends
 *   to its own only; import adds files of its own (import-ID.journal).
 * - STATE/PACK.journal: the one journal of earlier versions. A writer's open
 *   renames it to STATE/PACK/ID.journal (the same file, every line kept);
 *   until then readers read it with the others.
 *
 * How a journal is opened. Writers take the state folder's lock
 * (state_lock.h) until journal_close: one writer per state folder, so one
 * per device journal.
 * - JOURNAL_OPEN_DEFAULT: the writer when the lock is free; when another
 *   mlcert holds it, read-only, with a warning naming that process. Every
 *   append of a read-only journal fails and says why.
 * - JOURNAL_OPEN_WRITER: the writer, or an error when another mlcert holds
 *   the lock (import).
 * - JOURNAL_OPEN_READER: read-only, no lock, nothing created or changed but
 *   a missing state folder: stats and export work on a read-only journal or
 *   folder. */
enum journal_access { JOURNAL_OPEN_DEFAULT, JOURNAL_OPEN_WRITER, JOURNAL_OPEN_READER };

/* Opens the journals of pack pack_id under state_dir (a writer creates the
 * folders 0700, the device id and its journal 0600). Refuses a state or pack
 * folder that is not ours or that others may write to, and a journal of this
 * device that is a symlink, not a regular file, or owned by someone else.
 * NULL with an error diagnostic on failure. journal_open is journal_open_as
 * with JOURNAL_OPEN_DEFAULT. */
struct journal *journal_open(const char *state_dir, const char *pack_id, struct diag_list *diags);
struct journal *journal_open_as(const char *state_dir, const char *pack_id, enum journal_access access,
				struct diag_list *diags);

/* This device's journal (a reader that knows no device id: the pack's folder). */
const char *journal_path(const struct journal *j);

/* The folder of every device's journal of the pack: STATE/PACK. */
const char *journal_folder(const struct journal *j);

/* True when appends are refused: opened as a reader, or another mlcert holds
 * the lock; then *holder (when not NULL) is that process's pid, 0 if unknown. */
bool journal_read_only(const struct journal *j, long *holder);

/* The device and inode of the journal file open now; false when there is none
 * (a reader of a journal that does not exist). Output paths compare with it. */
bool journal_identity(const struct journal *j, unsigned long long *dev, unsigned long long *ino);

/* Calls visit for every good line of every journal of the pack: each file
 * in its own order, the files merged by time (a tie goes to the file whose
 * name sorts first), so the same files replay the same on every machine.
 * Damaged lines become warnings: the first JOURNAL_WARNINGS_SHOWN one by
 * one, the rest as one summary ("... and N more damaged lines");
 * journal_damaged_lines counts them all. Another device's journal that
 * cannot be read is skipped with a warning; this device's is an error.
 *
 * An exam finish is a block: the exam-finish line, whose value N is how many
 * lines follow it, then exactly N good block lines (journal_block_line in
 * journal_line.h: an exam-item for every question of the exam, then an
 * answer for each one answered; journals before exam items held answers
 * only). journal_append_lines writes a block in one write. A block cut short
 * (by the end of the file, a blank, damaged or other line) is skipped whole
 * with one warning: none of its lines is visited, so the exam stays open
 * and can be finished again. */
enum { JOURNAL_WARNINGS_SHOWN = 10 };
typedef void (*journal_visit_fn)(void *ctx, const struct journal_event *event);
bool journal_replay(struct journal *j, journal_visit_fn visit, void *ctx, struct diag_list *diags);
size_t journal_damaged_lines(const struct journal *j);

/* Lines this process did not write. Before each append the journal checks
 * that the file it has open is still the one at its path (device and inode),
 * and that no journal of the folder changed since it was read (added, grown,
 * replaced: a sync or another program). If anything did, this device's file
 * is reopened as needed and all are read again: reset(ctx) is called, then
 * visit(ctx, event) for every good event, and only then is the new event
 * appended, so the caller's state (a study) is rebuilt to match the files
 * before anything more is recorded. Without a listener the journal still
 * follows the files; the caller just does not learn of the events. */
typedef void (*journal_reset_fn)(void *ctx);
void journal_set_listener(struct journal *j, journal_reset_fn reset, journal_visit_fn visit, void *ctx);

/* The same check without an append: a running program asks before each
 * action, so journals that arrived by a sync show without a restart.
 * *changed says whether the listener was given everything again. False
 * with why when the files could not be read. */
bool journal_refresh(struct journal *j, bool *changed, char *why, size_t why_size);

/* Appends one event and fsyncs it. On failure returns false with the reason
 * in why, and the file is as it was: a short write is cut off again
 * (ftruncate to the old size). A line never starts after a fragment left by
 * a crash: it starts on a new line. */
bool journal_append(struct journal *j, const struct journal_event *event, char *why, size_t why_size);

/* Appends count events as one write() and one fsync(), all or none: what the
 * screen confirms as one step (an exam's last pause, its finish and the
 * finish's block) is replayed whole or not at all. An exam finish must be
 * followed by exactly its value block lines and end the batch (the block
 * journal_replay expects); anything else is refused. */
bool journal_append_lines(struct journal *j, const struct journal_event *events, size_t count, char *why,
			  size_t why_size);

void journal_close(struct journal *j);

/* Adds events (import's) as a journal file of their own in the pack's
 * folder, named import-ID.journal with a fresh random ID: written under a
 * temporary name, fsynced, renamed into place and the folder fsynced, so it
 * is there whole or not at all; no journal that is there is changed. Every
 * exam finish must be followed by exactly its answers. Only the writer may;
 * path gets the file's name. */
bool journal_add_file(struct journal *j, const struct journal_event *events, size_t count, char *path,
		      size_t path_size, char *why, size_t why_size);

#endif
