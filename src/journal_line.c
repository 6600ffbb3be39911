/* journal_line — an event as one checksummed line, and back. */
#include "mlcert/journal_line.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "mlcert/check.h"

enum { JOURNAL_VERSION = 1 };

static const char *const kind_words[] = {
#define MLCERT_JOURNAL_WORD(e, word) word,
	MLCERT_JOURNAL_KINDS(MLCERT_JOURNAL_WORD)
#undef MLCERT_JOURNAL_WORD
};

bool journal_block_line(enum journal_kind kind)
{
	return kind == JOURNAL_ANSWER || kind == JOURNAL_EXAM_ITEM;
}

const char *journal_kind_word(enum journal_kind kind)
{
	return kind < JOURNAL_KIND_COUNT ? kind_words[kind] : "unknown";
}

enum journal_kind journal_kind_from_word(const char *word)
{
	for (int k = 0; k < JOURNAL_KIND_COUNT; k++)
		if (strcmp(word, kind_words[k]) == 0)
			return (enum journal_kind)k;
	return JOURNAL_KIND_COUNT;
}

static uint32_t checksum(const char *s, size_t len)
{
	return (uint32_t)crc32(crc32(0L, Z_NULL, 0), (const Bytef *)s, (uInt)len);
}

int journal_format_line(const struct journal_event *e, char *buf, size_t size)
{
	if (e->kind >= JOURNAL_KIND_COUNT)
		return -1;
	int n = snprintf(buf, size, "%d %" PRId64 " %s %s %" PRIu32 " %d %d %" PRId64, JOURNAL_VERSION,
			 e->time, kind_words[e->kind], e->id, e->choices, e->correct, e->rating, e->value);
	if (n < 0 || (size_t)n >= size)
		return -1;
	int m = snprintf(buf + n, size - (size_t)n, " %08" PRIx32, checksum(buf, (size_t)n));
	if (m < 0 || (size_t)(n + m) >= size)
		return -1;
	return n + m;
}

/* A decimal integer in [min, max], nothing else. */
static bool parse_number(const char *s, long long min, long long max, long long *out)
{
	if (!*s || (*s != '-' && !isdigit((unsigned char)*s)))
		return false;
	errno = 0;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool journal_parse_line(const char *line, size_t len, struct journal_event *e)
{
	char buf[JOURNAL_LINE_MAX];
	if (len < 12 || len >= sizeof buf)
		return false;
	memcpy(buf, line, len);
	buf[len] = '\0';
	if (memchr(buf, '\0', len))
		return false;
	/* The checksum is the last field and covers everything before its space. */
	char *last_space = strrchr(buf, ' ');
	if (!last_space || strlen(last_space + 1) != 8)
		return false;
	char *end;
	unsigned long sum = strtoul(last_space + 1, &end, 16);
	if (*end || sum != checksum(buf, (size_t)(last_space - buf)))
		return false;
	*last_space = '\0';

	/* Eight fields split on single spaces, numbers read with range checks:
	 * sscanf's %lld is undefined on overflow, and a journal is input. */
	char *field[8];
	int n = 0;
	for (char *p = buf; n < 8; n++) {
		field[n] = p;
		char *sp = strchr(p, ' ');
		if (!sp)
			break;
		*sp = '\0';
		p = sp + 1;
	}
	long long version, time, value, choices, correct, rating;
	if (n != 7 || !parse_number(field[0], 1, 1, &version) ||
	    !parse_number(field[1], 0, JOURNAL_TIME_MAX, &time) ||
	    !parse_number(field[4], 0, UINT32_MAX, &choices) || !parse_number(field[5], 0, 1, &correct) ||
	    !parse_number(field[6], 0, 4, &rating) ||
	    !parse_number(field[7], -JOURNAL_VALUE_MAX, JOURNAL_VALUE_MAX, &value) || strlen(field[2]) > 15 ||
	    strlen(field[3]) > JOURNAL_ID_MAX)
		return false;
	const char *kind = field[2], *id = field[3];
	memset(e, 0, sizeof *e);
	e->kind = journal_kind_from_word(kind);
	if (e->kind == JOURNAL_KIND_COUNT || !check_valid_id(id))
		return false;
	e->time = time;
	memcpy(e->id, id, strlen(id) + 1); /* a valid id fits: at most 64 bytes */
	e->choices = (uint32_t)choices;
	e->correct = (int)correct;
	e->rating = (int)rating;
	e->value = value;
	return true;
}

bool journal_event_valid(const struct journal_event *e)
{
	if (!memchr(e->id, '\0', sizeof e->id))
		return false;
	char line[JOURNAL_LINE_MAX];
	struct journal_event back;
	int n = journal_format_line(e, line, sizeof line);
	return n > 0 && journal_parse_line(line, (size_t)n, &back) && back.kind == e->kind &&
	       back.time == e->time && strcmp(back.id, e->id) == 0 && back.choices == e->choices &&
	       back.correct == e->correct && back.rating == e->rating && back.value == e->value;
}
