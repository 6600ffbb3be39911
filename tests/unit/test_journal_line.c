/* journal_line: an event as one checksummed line and back, what the reader
 * refuses (found by fuzzing among others), the kind words and block lines. */
#include <string.h>

#include <zlib.h>

#include "mlcert/journal_line.h"
#include "testing.h"

static struct journal_event answer(const char *id, int correct, int64_t time)
{
	struct journal_event e = {.kind = JOURNAL_ANSWER, .time = time, .choices = 5,
				  .correct = correct, .rating = correct ? 3 : 1};
	snprintf(e.id, sizeof e.id, "%s", id);
	return e;
}

/* text with its checksum after it, as the writer would sign it. */
static void sign(const char *text, char *line, size_t size)
{
	snprintf(line, size, "%s %08x", text,
		 (unsigned)crc32(crc32(0L, Z_NULL, 0), (const Bytef *)text, (uInt)strlen(text)));
}

static void test_format_parse_round_trip(void **state)
{
	(void)state;
	char line[256];
	struct journal_event e = answer("q-one", 1, 1764400000), back;
	int n = journal_format_line(&e, line, sizeof line);
	assert_true(n > 0);
	/* the checksum is CRC-32 of the text before it, as Python's zlib.crc32 computes it */
	assert_string_equal(line, "1 1764400000 answer q-one 5 1 3 0 30f14a72");
	assert_true(journal_parse_line(line, (size_t)n, &back));
	assert_int_equal(back.kind, JOURNAL_ANSWER);
	assert_int_equal(back.time, 1764400000);
	assert_string_equal(back.id, "q-one");
	assert_int_equal(back.choices, 5);
	assert_int_equal(back.rating, 3);
	line[20] ^= 1; /* one flipped bit fails the checksum */
	assert_false(journal_parse_line(line, (size_t)n, &back));
	assert_false(journal_parse_line("garbage", 7, &back));
	/* practice and flags, the kinds a retry and a quiz flag write */
	struct journal_event practice = {.kind = JOURNAL_PRACTICE, .time = 1764400000, .choices = 2, .correct = 0};
	snprintf(practice.id, sizeof practice.id, "q-one");
	n = journal_format_line(&practice, line, sizeof line);
	assert_non_null(strstr(line, " practice q-one 2 0 0 0 "));
	assert_true(journal_parse_line(line, (size_t)n, &back));
	assert_int_equal(back.kind, JOURNAL_PRACTICE);
	struct journal_event flag = {.kind = JOURNAL_FLAG, .time = 1764400000, .value = 1};
	snprintf(flag.id, sizeof flag.id, "q-one");
	assert_true(journal_event_valid(&flag));
	assert_int_equal(journal_kind_from_word("flag"), JOURNAL_FLAG);
}

/* Found by fuzzing: numbers beyond what later arithmetic can hold. */
static void test_out_of_range_numbers_are_damage(void **state)
{
	(void)state;
	struct journal_event e;
	static const char *const lines[] = {
		"1 9223372036854775807 answer q-single 1 1 3 0",   /* time past the year 9999 */
		"1 92233720368547758070 answer q-single 1 1 3 0",  /* time beyond 64 bits */
		"1 -31536000 answer q-single 1 0 1 0",             /* before 1970 */
		"1 1767225601 exam-pause fixture 0 0 0 -9223372036854775807",
		"1 1767225601 answer q-single 4294967296 1 3 0",   /* choices beyond 32 bits */
		"1 1767225601 answer q-single 1 2 3 0",            /* correct is 0 or 1 */
		"1  1767225601 answer q-single 1 1 3 0",           /* an empty field */
	};
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		char line[256];
		snprintf(line, sizeof line, "%s %08x", lines[i],
			 (unsigned)crc32(crc32(0L, Z_NULL, 0), (const Bytef *)lines[i], (uInt)strlen(lines[i])));
		assert_false(journal_parse_line(line, strlen(line), &e));
	}
}

/* What import checks each event with: exactly what the reader accepts. */
static void test_event_valid_matches_the_reader(void **state)
{
	(void)state;
	struct journal_event e = answer("q-one", 1, 10);
	assert_true(journal_event_valid(&e));
	e.time = -1;
	assert_false(journal_event_valid(&e));
	e.time = JOURNAL_TIME_MAX + 1;
	assert_false(journal_event_valid(&e));
	e = answer("q-one", 1, 10);
	e.rating = 5;
	assert_false(journal_event_valid(&e));
	e = answer("q-one", 1, 10);
	e.value = JOURNAL_VALUE_MAX + 1;
	assert_false(journal_event_valid(&e));
	e = answer("Q one", 1, 10);
	assert_false(journal_event_valid(&e));
}

/* Lines that are signed but not well-formed, and lines that are not whole. */
static void test_malformed_lines_are_refused(void **state)
{
	(void)state;
	struct journal_event e;
	char line[512];
	sign("1 10 answer q-one 5 1 3 0", line, sizeof line);
	assert_true(journal_parse_line(line, strlen(line), &e)); /* the control */
	static const char *const texts[] = {
		"2 10 answer q-one 5 1 3 0",         /* a version this program does not know */
		"1 10 guess q-one 5 1 3 0",          /* no such kind */
		"1 10 exam-finish-and-more q-one 5 1 3 0", /* a word longer than any kind's */
		"1 10 answer Q-one 5 1 3 0",         /* not an id */
		"1 10 answer q-one 5 1 3",           /* a field short */
		"1 10 answer q-one 5 1 3 0 0",       /* a field over */
		"1 10 answer q-one 5 1 5 0",         /* rating past easy */
		"1 1o answer q-one 5 1 3 0",         /* not a number */
		"1 +10 answer q-one 5 1 3 0",        /* a sign strtoll would take */
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		sign(texts[i], line, sizeof line);
		assert_false(journal_parse_line(line, strlen(line), &e));
	}
	/* not whole: a short checksum, a trailing space, a NUL inside, too short, too long */
	assert_false(journal_parse_line("1 10 answer q-one 5 1 3 0 30f14a7", 33, &e));
	sign("1 10 answer q-one 5 1 3 0", line, sizeof line);
	size_t n = strlen(line);
	line[n] = ' ';
	assert_false(journal_parse_line(line, n + 1, &e));
	line[n] = '\0';
	line[4] = '\0';
	assert_false(journal_parse_line(line, n, &e));
	assert_false(journal_parse_line("1 1 read a", 10, &e));
	char id[JOURNAL_ID_MAX + 200];
	memset(id, 'a', sizeof id - 1);
	id[sizeof id - 1] = '\0';
	char text[JOURNAL_LINE_MAX + 300];
	snprintf(text, sizeof text, "1 10 read %s 0 0 0 0", id);
	sign(text, line, sizeof line);
	assert_true(strlen(line) >= JOURNAL_LINE_MAX);
	assert_false(journal_parse_line(line, strlen(line), &e));
}

/* journal_format_line says -1 rather than write a line that is cut or has no word. */
static void test_format_refuses_what_it_cannot_write(void **state)
{
	(void)state;
	char line[JOURNAL_LINE_MAX];
	struct journal_event e = answer("q-one", 1, 1764400000);
	int n = journal_format_line(&e, line, sizeof line);
	assert_int_equal(n, (int)strlen("1 1764400000 answer q-one 5 1 3 0 30f14a72"));
	assert_int_equal(journal_format_line(&e, line, (size_t)n + 1), n); /* room for the NUL: enough */
	assert_int_equal(journal_format_line(&e, line, (size_t)n), -1);    /* the checksum cut */
	assert_int_equal(journal_format_line(&e, line, 20), -1);           /* the fields cut */
	e.kind = JOURNAL_KIND_COUNT;
	assert_int_equal(journal_format_line(&e, line, sizeof line), -1);
	/* the longest id and the widest numbers still fit a line */
	e = answer("", 1, JOURNAL_TIME_MAX);
	memset(e.id, 'q', JOURNAL_ID_MAX);
	e.id[JOURNAL_ID_MAX] = '\0';
	e.kind = JOURNAL_EXAM_DISCARD;
	e.choices = UINT32_MAX;
	e.value = -JOURNAL_VALUE_MAX;
	assert_true(journal_event_valid(&e));
	n = journal_format_line(&e, line, sizeof line);
	assert_true(n > 0 && n < JOURNAL_LINE_MAX);
	/* an id with no end is refused, not read past */
	memset(e.id, 'q', sizeof e.id);
	assert_false(journal_event_valid(&e));
}

/* Every kind has a word, and the word gives the kind back. */
static void test_kind_words(void **state)
{
	(void)state;
	for (int k = 0; k < JOURNAL_KIND_COUNT; k++) {
		const char *word = journal_kind_word((enum journal_kind)k);
		assert_string_not_equal(word, "unknown");
		assert_int_equal(journal_kind_from_word(word), k);
	}
	assert_string_equal(journal_kind_word(JOURNAL_EXAM_FINISH), "exam-finish");
	assert_string_equal(journal_kind_word(JOURNAL_KIND_COUNT), "unknown");
	assert_int_equal(journal_kind_from_word("exam-discard"), JOURNAL_EXAM_DISCARD);
	assert_int_equal(journal_kind_from_word("unknown"), JOURNAL_KIND_COUNT);
	assert_int_equal(journal_kind_from_word("Answer"), JOURNAL_KIND_COUNT);
	assert_int_equal(journal_kind_from_word(""), JOURNAL_KIND_COUNT);
}

/* An exam finish's block holds exam items and answers, nothing else. */
static void test_block_lines(void **state)
{
	(void)state;
	assert_true(journal_block_line(JOURNAL_ANSWER) && journal_block_line(JOURNAL_EXAM_ITEM));
	assert_false(journal_block_line(JOURNAL_EXAM_PAUSE) || journal_block_line(JOURNAL_UNDO));
	int blocks = 0;
	for (int k = 0; k < JOURNAL_KIND_COUNT; k++)
		blocks += journal_block_line((enum journal_kind)k);
	assert_int_equal(blocks, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_parse_round_trip),
		cmocka_unit_test(test_out_of_range_numbers_are_damage),
		cmocka_unit_test(test_event_valid_matches_the_reader),
		cmocka_unit_test(test_malformed_lines_are_refused),
		cmocka_unit_test(test_format_refuses_what_it_cannot_write),
		cmocka_unit_test(test_kind_words),
		cmocka_unit_test(test_block_lines),
	};
	return cmocka_run_group_tests_name("journal_line", tests, NULL, NULL);
}
