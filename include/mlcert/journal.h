/* journal — the progress store: append-only files of checksummed lines, one
 * event per line, each written with one write() and fsync()ed before the
 * caller confirms anything to the user. Each device appends only to its own
 * file (STATE/PACK/DEVICE.journal) and reads them all as one, so folders
 * synced by git or any file sync tool converge without conflicts. Replay
 * skips damaged lines with a warning and keeps everything around them. */
#ifndef MLCERT_JOURNAL_H
#define MLCERT_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mlcert/diag.h"

/* X(ENUM, word): the event kinds, as written in the file. */
#define MLCERT_JOURNAL_KINDS(X) \
	X(ANSWER, "answer")           /* id=question choices correct rating */ \
	X(RATE, "rate")               /* id=question rating: amends the last answer */ \
	X(READ, "read")               /* id=topic */ \
	X(BOOKMARK, "bookmark")       /* id=topic value=1 set, 0 cleared */ \
	X(EXAM_START, "exam-start")   /* id=pack value=seed: opens a mock exam */ \
	X(EXAM_PICK, "exam-pick")     /* id=question choices: the open exam's answer */ \
	X(EXAM_FLAG, "exam-flag")     /* id=question correct=1 flagged, 0 cleared */ \
	X(EXAM_PAUSE, "exam-pause")   /* id=pack value=seconds used so far */ \
	X(EXAM_FINISH, "exam-finish") /* id=pack choices=right correct=1 timed out value=N: a block of N lines follows */ \
	X(SETTING, "setting")         /* id=name (exam-date) value */ \
	X(EXAM_ITEM, "exam-item")     /* id=question choices=picked correct=1 right value=order (+2^32 flagged): in a finish block */ \
	X(EXAM_STRIKE, "exam-strike") /* id=question choices=struck out: the open exam's ruled-out choices */ \
	X(EXAM_DISCARD, "exam-discard") /* id=pack: the open exam thrown away, nothing of it kept */ \
	X(UNDO, "undo")               /* id=question value=time of the answer it takes back */

enum journal_kind {
#define MLCERT_JOURNAL_ENUM(e, word) JOURNAL_##e,
	MLCERT_JOURNAL_KINDS(MLCERT_JOURNAL_ENUM)
#undef MLCERT_JOURNAL_ENUM
	JOURNAL_KIND_COUNT
};

enum { JOURNAL_ID_MAX = 64 };

/* Times end in the year 9999 and values stay well inside 64 bits, so nothing
 * computed from a journal (due dates, exam clocks) can overflow. */
#define JOURNAL_TIME_MAX 253402300799LL
#define JOURNAL_VALUE_MAX (1LL << 53)

struct journal_event {
	enum journal_kind kind;
	int64_t time;
	char id[JOURNAL_ID_MAX + 1];
	uint32_t choices; /* bit i set: choice i chosen */
	int correct;      /* 0 or 1 */
	int rating;       /* 1 again, 2 hard, 3 good, 4 easy; 0 none */
	int64_t value;
};

struct journal;

/* Where things are, under the state folder STATE:
 * - STATE/device-id: this device's id, 16 random hex digits made by the first
 *   writer, with the inode of the file it was written in, so a copy of the
 *   file on another machine (a synced or copied state folder) is not taken
 *   for that machine's id: it makes its own.
 * - STATE/PACK/ID.journal: the journal of the device ID. Each device appends
 *   to its own only; import adds files of its own (import-ID.journal).
 * - STATE/PACK.journal: the one journal of earlier versions. A writer's open
 *   renames it to STATE/PACK/ID.journal (the same file, every line kept);
 *   until then readers read it with the others.
 *
 * How a journal is opened. Writers take an advisory lock (flock) on the file
 * `lock` in the state folder, holding their pid, until journal_close: one
 * writer per state folder, so one per device journal.
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

enum { JOURNAL_DEVICE_ID_LEN = 16 };

/* This device's id from state_dir/device-id; with create, a new one is made
 * when there is none, or when the file there is a copy from elsewhere. False
 * with why when there is none (and create is false) or it cannot be made. */
bool journal_device_id(const char *state_dir, bool create, char id[JOURNAL_DEVICE_ID_LEN + 1], char *why,
		       size_t why_size);

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

/* The word a kind is written as ("answer"), and back; JOURNAL_KIND_COUNT when unknown. */
const char *journal_kind_word(enum journal_kind kind);
enum journal_kind journal_kind_from_word(const char *word);

/* Calls visit for every good line of every journal of the pack: each file
 * in its own order, the files merged by time (a tie goes to the file whose
 * name sorts first), so the same files replay the same on every machine.
 * Damaged lines become warnings: the first JOURNAL_WARNINGS_SHOWN one by
 * one, the rest as one summary ("... and N more damaged lines");
 * journal_damaged_lines counts them all. Another device's journal that
 * cannot be read is skipped with a warning; this device's is an error.
 *
 * An exam finish is a block: the exam-finish line, whose value N is how many
 * lines follow it, then exactly N good block lines (journal_block_line: an
 * exam-item for every question of the exam, then an answer for each one
 * answered; journals before exam items held answers only).
 * journal_append_lines writes a block in one write. A block cut short (by
 * the end of the file, a blank, damaged or other line) is skipped whole with
 * one warning: none of its lines is visited, so the exam stays open and can
 * be finished again. */
bool journal_block_line(enum journal_kind kind);

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

/* True when the event can be written and read back unchanged: exactly the
 * checks journal_parse_line makes (import validates with it). */
bool journal_event_valid(const struct journal_event *event);

/* The text of one line (without newline) and its parse; exposed for tests and fuzzing. */
int journal_format_line(const struct journal_event *event, char *buf, size_t size);
bool journal_parse_line(const char *line, size_t len, struct journal_event *event);

#endif
