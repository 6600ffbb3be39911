/* text — UTF-8 validation and decoding, sanitising, display width and word wrap.
 * Every string from content passes through here before it reaches a screen. */
#ifndef MLCERT_TEXT_H
#define MLCERT_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes one UTF-8 sequence at s (at most len bytes). Returns its length in
 * bytes, or 0 if it is not well-formed (overlong, surrogate, beyond U+10FFFF,
 * truncated); *cp receives the code point. */
size_t text_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* True when all of s is well-formed UTF-8. Otherwise *bad_offset is the byte
 * offset of the first bad sequence. */
bool text_utf8_valid(const char *s, size_t len, size_t *bad_offset);

#endif
