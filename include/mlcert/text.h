/* text — UTF-8 validation and decoding, sanitising, display width and word wrap.
 * Every string from content passes through here before it reaches a screen. */
#ifndef MLCERT_TEXT_H
#define MLCERT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Decodes one UTF-8 sequence at s (at most len bytes). Returns its length in
 * bytes, or 0 if it is not well-formed (overlong, surrogate, beyond U+10FFFF,
 * truncated); *cp receives the code point. */
size_t text_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* True when all of s is well-formed UTF-8. Otherwise *bad_offset is the byte
 * offset of the first bad sequence. */
bool text_utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* A copy of s that is safe to put on a terminal: no C0 controls except
 * newline (a tab becomes a space), no DEL, no C1 controls, no ESC, no bidi
 * overrides or isolates, no zero-width characters; invalid UTF-8 and
 * unprintable code points become U+FFFD. With ascii set, the result is pure
 * ASCII: common punctuation is transliterated, the rest becomes '?'.
 * The caller frees the copy. */
char *text_sanitize(const char *s, bool ascii);

/* text_sanitize with choices: TEXT_ASCII as its ascii; TEXT_ONE_LINE turns
 * newlines into spaces (a value inside one line of output must not forge
 * the next); TEXT_ANY_LOCALE keeps every character that is not a control or
 * invisible, instead of asking the locale (wcwidth) whether it prints: for
 * streams, whose output must not depend on LC_ALL. */
enum { TEXT_ASCII = 1, TEXT_ONE_LINE = 2, TEXT_ANY_LOCALE = 4 };
char *text_clean(const char *s, unsigned flags);

/* The one way command-line output leaves the program (reports, diagnostics,
 * pack lists, headers): s, or the formatted text, cleaned by text_clean
 * (TEXT_ANY_LOCALE) and written to out. No escape sequence, C1 control,
 * bidi override or zero-width character from a pack or a file gets through.
 * text_printf keeps the format's newlines; a value's own newlines too, so
 * give one-line values to text_fputs(..., true). */
void text_fputs(FILE *out, const char *s, bool one_line);
void text_printf(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Columns a code point takes: 0, 1 or 2 (unprintable counts as 1, since
 * sanitised text shows U+FFFD there). */
int text_codepoint_width(uint32_t cp);

/* Columns taken by len bytes of sanitised UTF-8. */
int text_width(const char *s, size_t len);

/* How many bytes of s (len bytes) fit in width columns, never splitting a
 * character; *used receives the columns they take. */
size_t text_fit(const char *s, size_t len, int width, int *used);

/* Breaks one paragraph (no newlines) into lines of at most width columns,
 * at spaces where possible, calling emit for each line (without its
 * trailing space). A word longer than width is broken between characters. */
typedef void (*text_emit_fn)(void *ctx, const char *line, size_t len);
void text_wrap(const char *s, size_t len, int width, text_emit_fn emit, void *ctx);

/* s in width columns: s itself when it fits, else cut with an ellipsis
 * ("\u2026", or "..." when ascii) so the cut shows; into out (size
 * bytes). Returns the columns used. */
int text_ellipsize(const char *s, int width, bool ascii, char *out, size_t size);

/* text_ellipsize, kept apart from the count siblings shown beside it: when
 * one of them would be cut to the same text, the words they share give way
 * to the ellipsis after the first ("AutoML\u2026tabular" and
 * "AutoML\u2026images", not "AutoML for" twice). */
int text_ellipsize_apart(const char *s, const char *const *siblings, size_t count, int width, bool ascii,
			 char *out, size_t size);

/* Ascending numbers as ranges, "1-12, 14, 17-60", into out (size bytes). */
void text_ranges(const size_t *numbers, size_t count, char *out, size_t size);

/* text_wrap into at most max_lines lines; when s needs more, its middle
 * gives way to an ellipsis so that its start and its end (the path, the
 * URL a message is about) still show. Returns the lines emitted. */
size_t text_wrap_keep_end(const char *s, int width, size_t max_lines, bool ascii, text_emit_fn emit, void *ctx);

/* FNV-1a over len bytes, going on from h (TEXT_HASH_START for a new hash):
 * for hash tables and fingerprints, not for anything an attacker chooses. */
#define TEXT_HASH_START 1469598103934665603ull
uint64_t text_hash(uint64_t h, const void *data, size_t len);

/* Case-insensitive (ASCII) substring search; NULL when absent. */
const char *text_find_caseless(const char *haystack, size_t len, const char *needle);

#endif
