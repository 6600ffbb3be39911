/* journal — the progress store: an append-only file of checksummed lines,
 * one event per line, each written with one write() and fsync()ed before the
 * caller confirms anything to the user. Replay skips damaged lines with a
 * warning and keeps everything around them. */
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
	X(EXAM_FINISH, "exam-finish") /* id=pack choices=right rating=0 value=total */ \
	X(SETTING, "setting")         /* id=name (exam-date) value */

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

/* Opens (creating as needed, folders 0700 and file 0600) the journal of pack
 * pack_id under state_dir. Refuses a journal that is a symlink, not a regular
 * file, or owned by someone else. NULL with an error diagnostic on failure. */
struct journal *journal_open(const char *state_dir, const char *pack_id, struct diag_list *diags);

const char *journal_path(const struct journal *j);

/* The word a kind is written as ("answer"), and back; JOURNAL_KIND_COUNT when unknown. */
const char *journal_kind_word(enum journal_kind kind);
enum journal_kind journal_kind_from_word(const char *word);

/* Calls visit for every good line in order; damaged lines become warnings. */
typedef void (*journal_visit_fn)(void *ctx, const struct journal_event *event);
bool journal_replay(struct journal *j, journal_visit_fn visit, void *ctx, struct diag_list *diags);

/* Appends one event and fsyncs it. On failure returns false with the reason
 * in why (the file is left as it was, or with a torn line replay will skip). */
bool journal_append(struct journal *j, const struct journal_event *event, char *why, size_t why_size);

/* Appends count events with one write() and one fsync(): a crash keeps all
 * of them or leaves a torn tail that replay skips, so a finished exam and
 * the answers it scored are never half-saved. */
bool journal_append_lines(struct journal *j, const struct journal_event *events, size_t count, char *why,
			  size_t why_size);

void journal_close(struct journal *j);

/* Replaces the whole journal with events, atomically: a new file in the same
 * folder, fsynced, renamed over the old one, and the folder fsynced. The old
 * journal stays reachable as PATH.before-rewrite until the next rewrite. */
bool journal_rewrite(struct journal *j, const struct journal_event *events, size_t count, char *why,
		     size_t why_size);

/* The text of one line (without newline) and its parse; exposed for tests and fuzzing. */
int journal_format_line(const struct journal_event *event, char *buf, size_t size);
bool journal_parse_line(const char *line, size_t len, struct journal_event *event);

#endif
