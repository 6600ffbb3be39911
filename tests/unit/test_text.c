/* text: UTF-8 validation, sanitising, display width and word wrap. */
#include <locale.h>
#include <string.h>

#include "mlcert/text.h"
#include "testing.h"

static void test_utf8_validation(void **state)
{
	(void)state;
	size_t bad;
	assert_true(text_utf8_valid("caf\xC3\xA9 \xE4\xB8\xAD", 9, &bad));
	assert_false(text_utf8_valid("ab\xFF", 3, &bad));
	assert_int_equal(bad, 2);
	assert_false(text_utf8_valid("\xC0\xAF", 2, &bad));         /* overlong '/' */
	assert_false(text_utf8_valid("\xED\xA0\x80", 3, &bad));     /* surrogate */
	assert_false(text_utf8_valid("\xF4\x90\x80\x80", 4, &bad)); /* beyond U+10FFFF */
	assert_false(text_utf8_valid("\xE2\x82", 2, &bad));         /* truncated */
}

static void test_sanitize_strips_terminal_controls(void **state)
{
	(void)state;
	char *s = text_sanitize("a\x1b[31mred\x1b]52;c;eA==\x07 b\tc\r\x7f\xC2\x9B" "d", false);
	assert_string_equal(s, "a[31mred]52;c;eA== b cd");
	free(s);
	/* bidi override, isolates, zero-width space and BOM vanish; newlines stay */
	s = text_sanitize("x\xE2\x80\xAEy\xE2\x81\xA6z\xE2\x80\x8Bw\xEF\xBB\xBF\nv", false);
	assert_string_equal(s, "xyzw\nv");
	free(s);
	/* invalid bytes become U+FFFD */
	s = text_sanitize("ok\xFFno", false);
	assert_string_equal(s, "ok\xEF\xBF\xBDno");
	free(s);
}

static void test_sanitize_ascii_fallback(void **state)
{
	(void)state;
	char *s = text_sanitize("\xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x80\x94 caf\xC3\xA9 \xE2\x86\x92 \xE4\xB8\xAD", true);
	assert_string_equal(s, "\"quoted\" -- caf? -> ?");
	free(s);
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width("abc", 3), 3);
	assert_int_equal(text_width("\xE4\xB8\xAD\xE6\x96\x87", 6), 4); /* two CJK: 2 columns each */
	assert_int_equal(text_width("e\xCC\x81", 3), 1);                 /* e + combining acute */
	int used;
	/* a double-width character never splits across the limit */
	assert_int_equal(text_fit("a\xE4\xB8\xAD", 4, 2, &used), 1);
	assert_int_equal(used, 1);
	assert_int_equal(text_fit("a\xE4\xB8\xAD", 4, 3, &used), 4);
	assert_int_equal(used, 3);
}

struct lines {
	char text[16][64];
	int count;
};

static void collect(void *ctx, const char *line, size_t len)
{
	struct lines *l = ctx;
	snprintf(l->text[l->count++], 64, "%.*s", (int)len, line);
}

static void test_wrap(void **state)
{
	(void)state;
	struct lines l = {.count = 0};
	const char *p = "the quick brown fox jumps over the lazy dog";
	text_wrap(p, strlen(p), 10, collect, &l);
	assert_int_equal(l.count, 5);
	assert_string_equal(l.text[0], "the quick");
	assert_string_equal(l.text[1], "brown fox");
	assert_string_equal(l.text[4], "dog");
	l.count = 0;
	p = "abcdefghijkl mn";
	text_wrap(p, strlen(p), 5, collect, &l); /* a long word is broken */
	assert_string_equal(l.text[0], "abcde");
	assert_string_equal(l.text[1], "fghij");
	assert_string_equal(l.text[2], "kl mn");
	l.count = 0;
	p = "\xE4\xB8\xAD\xE4\xB8\xAD\xE4\xB8\xAD"; /* 6 columns of CJK into 4 */
	text_wrap(p, strlen(p), 4, collect, &l);
	assert_int_equal(l.count, 2);
	assert_string_equal(l.text[0], "\xE4\xB8\xAD\xE4\xB8\xAD");
	l.count = 0;
	text_wrap("\xE4\xB8\xAD", 3, 1, collect, &l); /* wider than the line: still progresses */
	assert_int_equal(l.count, 1);
}

/* Output for streams: the same rules, one line when asked, and the same in
 * every locale (the locale only decides printability for a screen). */
static void test_clean_for_streams(void **state)
{
	(void)state;
	const char *evil = "Pack \x1b]52;c;SEFDS0VE\x07 caf\xc3\xa9\xe2\x80\x8b\n\xe2\x80\xaenext";
	char *one = text_clean(evil, TEXT_ANY_LOCALE | TEXT_ONE_LINE);
	assert_string_equal(one, "Pack ]52;c;SEFDS0VE caf\xc3\xa9 next");
	free(one);
	char *saved = strdup(setlocale(LC_CTYPE, NULL));
	setlocale(LC_CTYPE, "C");
	char *in_c = text_clean("caf\xc3\xa9 \xe2\x80\x94", TEXT_ANY_LOCALE);
	char *screen = text_sanitize("caf\xc3\xa9", false);
	setlocale(LC_CTYPE, saved);
	free(saved);
	assert_string_equal(in_c, "caf\xc3\xa9 \xe2\x80\x94");
	assert_string_equal(screen, "caf\xef\xbf\xbd"); /* a screen in C cannot show it */
	free(in_c);
	free(screen);
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	text_printf(out, "%s: %d\n", "\x1b[31mred", 3);
	text_fputs(out, "a\nb\x9b", true);
	fclose(out);
	assert_string_equal(buf, "[31mred: 3\na b\xef\xbf\xbd");
	free(buf);
}

static void test_ellipsize_shows_the_cut(void **state)
{
	(void)state;
	char out[64];
	assert_int_equal(text_ellipsize("short", 10, false, out, sizeof out), 5);
	assert_string_equal(out, "short");
	assert_int_equal(text_ellipsize("Agent Platform Feature Store", 12, false, out, sizeof out), 12);
	assert_string_equal(out, "Agent Platf\xE2\x80\xA6");
	/* no space left before the ellipsis */
	text_ellipsize("Agent Platform Feature Store", 7, false, out, sizeof out);
	assert_string_equal(out, "Agent\xE2\x80\xA6");
	assert_int_equal(text_ellipsize("Agent Platform Feature Store", 12, true, out, sizeof out), 12);
	assert_string_equal(out, "Agent Pla...");
	/* a width under the ellipsis's own: only what fits */
	text_ellipsize("abcdef", 2, true, out, sizeof out);
	assert_string_equal(out, "ab");
	/* a buffer too small for the text still ends with the ellipsis, whole */
	text_ellipsize("caf\xC3\xA9 caf\xC3\xA9 caf\xC3\xA9", 30, false, out, 9);
	size_t bad;
	assert_true(text_utf8_valid(out, strlen(out), &bad));
}

static void test_ellipsize_apart_keeps_siblings_distinct(void **state)
{
	(void)state;
	const char *rows[] = {"AutoML for tabular data", "AutoML for image data", "AutoML text and video",
			      "Cloud Vision API"};
	char a[64], b[64];
	text_ellipsize_apart(rows[0], rows, 4, 12, false, a, sizeof a);
	text_ellipsize_apart(rows[1], rows, 4, 12, false, b, sizeof b);
	assert_string_not_equal(a, b);
	assert_string_equal(a, "AutoML\xE2\x80\xA6tabu\xE2\x80\xA6");
	assert_string_equal(b, "AutoML\xE2\x80\xA6imag\xE2\x80\xA6");
	/* a row that is not cut alike keeps the plain cut */
	text_ellipsize_apart(rows[2], rows, 4, 12, false, a, sizeof a);
	assert_string_equal(a, "AutoML text\xE2\x80\xA6");
	text_ellipsize_apart(rows[3], rows, 4, 30, false, a, sizeof a);
	assert_string_equal(a, "Cloud Vision API");
	/* sharing part of a word only: the differing characters show */
	const char *words[] = {"Autoscaling groups", "Automatic retries"};
	text_ellipsize_apart(words[0], words, 2, 5, false, a, sizeof a);
	text_ellipsize_apart(words[1], words, 2, 5, false, b, sizeof b);
	assert_string_equal(a, "\xE2\x80\xA6sca\xE2\x80\xA6");
	assert_string_equal(b, "\xE2\x80\xA6mat\xE2\x80\xA6");
}

static void test_ranges(void **state)
{
	(void)state;
	size_t n[] = {1, 2, 3, 5, 7, 8, 60};
	char out[64];
	text_ranges(n, 7, out, sizeof out);
	assert_string_equal(out, "1-3, 5, 7-8, 60");
	text_ranges(n, 0, out, sizeof out);
	assert_string_equal(out, "");
	size_t all[60];
	for (size_t i = 0; i < 60; i++)
		all[i] = i + 1;
	text_ranges(all, 60, out, sizeof out);
	assert_string_equal(out, "1-60");
}

static void test_wrap_keep_end(void **state)
{
	(void)state;
	struct lines c = {0};
	const char *msg = "Copied to the clipboard (OSC 52): https://cloud.google.com/vertex-ai/docs/"
			  "featurestore/latest/overview#a-very-long-anchor-name";
	/* room enough: wrapped whole, nothing lost */
	assert_int_equal(text_wrap_keep_end(msg, 60, 3, false, collect, &c), 3);
	assert_string_equal(c.text[0], "Copied to the clipboard (OSC 52):");
	char joined[256];
	snprintf(joined, sizeof joined, "%s %s%s", c.text[0], c.text[1], c.text[2]);
	assert_string_equal(joined, msg);
	/* too little: the start and the end stay, the middle goes */
	memset(&c, 0, sizeof c);
	size_t n = text_wrap_keep_end(msg, 40, 2, true, collect, &c);
	assert_int_equal(n, 2);
	assert_int_equal(c.count, 2);
	assert_true(strncmp(c.text[0], "Copied to the", 13) == 0);
	assert_non_null(strstr(c.text[0], "...") ? c.text[0] : strstr(c.text[1], "..."));
	size_t last = strlen(c.text[1]);
	assert_true(last >= 11);
	assert_string_equal(c.text[1] + last - 11, "anchor-name");
	assert_true(strlen(c.text[0]) <= 40 && last <= 40);
}

int main(void)
{
	/* Widths come from the C library's tables for a UTF-8 locale. */
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "en_US.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_validation),
		cmocka_unit_test(test_sanitize_strips_terminal_controls),
		cmocka_unit_test(test_sanitize_ascii_fallback),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_clean_for_streams),
		cmocka_unit_test(test_ellipsize_shows_the_cut),
		cmocka_unit_test(test_ellipsize_apart_keeps_siblings_distinct),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_wrap_keep_end),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
