/* journal_line — one journal event and the line it is written as:
 * "VERSION TIME KIND ID CHOICES CORRECT RATING VALUE CRC", fields split on
 * single spaces, the last the CRC-32 of everything before its space. The
 * format alone, with no files: the journal writes and reads these lines,
 * import checks events with them. */
#ifndef MLCERT_JOURNAL_LINE_H
#define MLCERT_JOURNAL_LINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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
	X(UNDO, "undo")               /* id=question value=time of the answer it takes back */ \
	X(PRACTICE, "practice")       /* id=question choices correct: a retry the same day, not counted */ \
	X(FLAG, "flag")               /* id=question value=1 flagged, 0 cleared: for custom study */

enum journal_kind {
#define MLCERT_JOURNAL_ENUM(e, word) JOURNAL_##e,
	MLCERT_JOURNAL_KINDS(MLCERT_JOURNAL_ENUM)
#undef MLCERT_JOURNAL_ENUM
	JOURNAL_KIND_COUNT
};

/* An id's longest; a line's longest, newline excluded, is below JOURNAL_LINE_MAX. */
enum { JOURNAL_ID_MAX = 64, JOURNAL_LINE_MAX = 256 };

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

/* The word a kind is written as ("answer"), and back; JOURNAL_KIND_COUNT when unknown. */
const char *journal_kind_word(enum journal_kind kind);
enum journal_kind journal_kind_from_word(const char *word);

/* The kinds an exam finish's block is made of: exam items and answers (see
 * journal_replay in journal.h). */
bool journal_block_line(enum journal_kind kind);

/* True when the event can be written and read back unchanged: exactly the
 * checks journal_parse_line makes (import validates with it). */
bool journal_event_valid(const struct journal_event *event);

/* The text of one line (without newline), its length or -1 when the event
 * has no word or does not fit in size; and its parse, false for anything but
 * a whole, well-formed line whose checksum matches. */
int journal_format_line(const struct journal_event *event, char *buf, size_t size);
bool journal_parse_line(const char *line, size_t len, struct journal_event *event);

#endif
