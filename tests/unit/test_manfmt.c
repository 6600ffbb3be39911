/* manfmt: topics laid out as man pages, bounded by the width, links selectable. */
#include <locale.h>
#include <string.h>

#include "fixtures.h"
#include "mlcert/manfmt.h"
#include "mlcert/text.h"
#include "testing.h"

static bool has_line(const struct manfmt_page *p, const char *text, enum manfmt_style style)
{
	for (size_t i = 0; i < p->count; i++)
		if (strcmp(p->lines[i].text, text) == 0 && p->lines[i].style == style)
			return true;
	return false;
}

static void test_sections_and_indent(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, true);
	const struct content_topic *t = content_find_topic(fx.pack, "topic-one");
	struct manfmt_page *p = manfmt_topic(fx.pack, t, 80, false, NULL);
	assert_non_null(p);
	assert_int_equal(p->lines[0].style, MANFMT_HEADER);
	assert_non_null(strstr(p->lines[0].text, "TOPIC-ONE(7)"));
	assert_true(has_line(p, "NAME", MANFMT_HEADING));
	assert_true(has_line(p, "       topic-one - a topic with every field", MANFMT_BODY));
	assert_true(has_line(p, "SYNOPSIS", MANFMT_HEADING));
	assert_true(has_line(p, "       do the thing", MANFMT_CODE));
	assert_true(has_line(p, "STATUS", MANFMT_HEADING));
	assert_true(has_line(p, "       Deprecated since 2025-03-01.", MANFMT_STATUS));
	/* paragraph lines are joined and rewrapped; bullets get a marker */
	assert_true(has_line(p, "       First paragraph continues here.", MANFMT_BODY));
	assert_true(has_line(p, "       \xE2\x80\xA2 a bullet", MANFMT_BODY));
	assert_true(has_line(p, "WHEN TO USE", MANFMT_HEADING));
	assert_true(has_line(p, "EXAM TIPS", MANFMT_HEADING));
	assert_true(has_line(p, "SEE ALSO", MANFMT_HEADING));
	assert_true(has_line(p, "       topic-two(7) - Topic two", MANFMT_LINK));
	assert_true(has_line(p, "RESOURCES", MANFMT_HEADING));
	assert_true(has_line(p, "         https://example.com/doc", MANFMT_DIM));
	/* links: replaced_by, see_also, the resource (title and URL lines) */
	assert_int_equal(p->link_count, 3);
	assert_int_equal(p->links[2].kind, MANFMT_LINK_URL);
	assert_int_equal(p->links[2].last_line, p->links[2].first_line + 1);
	assert_int_equal(p->lines[p->links[1].first_line].link, 1);
	manfmt_free(p);
	fixture_free(&fx);
}

static void test_every_width_is_respected(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, true);
	for (size_t k = 0; k < fx.pack->topic_count; k++)
		for (int width = 10; width <= 200; width += 7) {
			struct manfmt_page *p = manfmt_topic(fx.pack, fx.pack->topics[k], width, false, "my note");
			assert_non_null(p);
			for (size_t i = 0; i < p->count; i++)
				assert_true(text_width(p->lines[i].text, strlen(p->lines[i].text)) <= width);
			manfmt_free(p);
		}
	fixture_free(&fx);
}

static void test_question_before_and_after(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, true);
	const struct content_question *q = content_find_question(fx.pack, "q-multi");
	struct manfmt_question_view v = {.chosen = {1}, .position = 2, .total = 5};
	struct manfmt_page *p = manfmt_question(fx.pack, q, &v, 60, false);
	assert_true(has_line(p, "Question 2 of 5 - choose two - Beta domain", MANFMT_DIM));
	assert_true(has_line(p, "[x] a. first", MANFMT_CHOSEN));
	assert_true(has_line(p, "[ ] b. second", MANFMT_CHOICE));
	manfmt_free(p);
	v.chosen.bits = 3;
	v.submitted = true;
	p = manfmt_question(fx.pack, q, &v, 60, true);
	assert_true(has_line(p, "Not quite: the answer is a, c.", MANFMT_WRONG));
	assert_true(has_line(p, "[+] a. first", MANFMT_RIGHT));
	assert_true(has_line(p, "[x] b. second", MANFMT_WRONG));
	assert_true(has_line(p, "[!] c. third", MANFMT_RIGHT));
	assert_true(has_line(p, "       no", MANFMT_DIM)); /* the rationale, under its choice */
	assert_true(has_line(p, "Why", MANFMT_HEADING));
	assert_true(has_line(p, "Two rules.", MANFMT_BODY));
	assert_int_equal(q->correct.bits, 5);
	manfmt_free(p);
	fixture_free(&fx);
}

/* Letters follow the order shown; the verdict names the letters seen;
 * struck choices are marked and dimmed; the exam hides the domain. */
static void test_question_in_a_shuffled_order(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, true);
	const struct content_question *q = content_find_question(fx.pack, "q-multi");
	struct choice_order order = {3, {2, 1, 0}}; /* third, second, first */
	struct manfmt_question_view v = {.chosen = {1}, .position = 1, .total = 1, .order = &order,
					 .struck = {4}, .hide_domain = true};
	struct manfmt_page *p = manfmt_question(fx.pack, q, &v, 60, true);
	assert_true(has_line(p, "Question 1 of 1 - choose two", MANFMT_DIM)); /* no domain */
	assert_true(has_line(p, "[-] a. third", MANFMT_STRUCK));
	assert_true(has_line(p, "[ ] b. second", MANFMT_CHOICE));
	assert_true(has_line(p, "[x] c. first", MANFMT_CHOSEN));
	manfmt_free(p);
	v.chosen.bits = 3; /* first and second: wrong */
	v.submitted = true;
	v.hide_domain = false;
	p = manfmt_question(fx.pack, q, &v, 60, true);
	assert_true(has_line(p, "Question 1 of 1 - choose two - Beta domain", MANFMT_DIM));
	assert_true(has_line(p, "Not quite: the answer is a, c.", MANFMT_WRONG)); /* third and first, as shown */
	assert_true(has_line(p, "[!] a. third", MANFMT_RIGHT)); /* struck no longer shows once submitted */
	assert_true(has_line(p, "[x] b. second", MANFMT_WRONG));
	assert_true(has_line(p, "[+] c. first", MANFMT_RIGHT));
	manfmt_free(p);
	struct choice_order other = {3, {1, 0, 2}};
	v.order = &other;
	v.chosen.bits = 5;
	p = manfmt_question(fx.pack, q, &v, 60, true);
	assert_true(has_line(p, "Right: b, c.", MANFMT_RIGHT));
	manfmt_free(p);
	fixture_free(&fx);
}

static void test_hostile_text_is_sanitised(void **state)
{
	(void)state;
	static const char pack_yaml[] =
		"id: p\ntitle: P\nguide_version: '1'\nas_of: 2026-01-01\n"
		"exam: {questions: 1, minutes: 1}\ndomains: [{id: d, title: D, weight: 100}]\n";
	static const char topics[] =
		"topics:\n  - id: evil\n    title: \"E\\e[2J\"\n    domain: d\n"
		"    name: \"evil - \\e]52;c;Zm9v\\a clip \\u202Eesrever\"\n"
		"    description: \"ok \\x9b31m \\u200B end\"\n    as_of: 2026-01-01\n";
	const struct content_buffer files[] = {{"pack.yaml", pack_yaml, sizeof pack_yaml - 1},
					       {"t.yaml", topics, sizeof topics - 1}};
	struct diag_list d;
	diag_list_init(&d);
	struct content_pack *pack = content_load_buffers("mem", files, 2, &d);
	assert_true(check_pack(pack, &d));
	struct manfmt_page *p = manfmt_topic(pack, pack->topics[0], 80, false, NULL);
	for (size_t i = 0; i < p->count; i++)
		for (const unsigned char *c = (const unsigned char *)p->lines[i].text; *c; c++) {
			assert_true(*c >= 0x20 && *c != 0x7f);
			assert_false(c[0] == 0xE2 && c[1] == 0x80 && c[2] == 0xAE); /* U+202E */
			assert_false(c[0] == 0xC2 && c[1] == 0x9B);                 /* C1 CSI */
		}
	assert_true(has_line(p, "       evil - ]52;c;Zm9v clip esrever", MANFMT_BODY));
	manfmt_free(p);
	content_pack_free(pack);
	diag_list_free(&d);
}

static void test_roff_cannot_be_injected(void **state)
{
	(void)state;
	static const char pack_yaml[] =
		"id: p\ntitle: P\nguide_version: '1'\nas_of: 2026-01-01\n"
		"exam: {questions: 1, minutes: 1}\ndomains: [{id: d, title: D, weight: 100}]\n";
	static const char topics[] =
		"topics:\n  - id: roff\n    title: R\n    domain: d\n    name: roff - a \\fBbold\\fR claim\n"
		"    description: |\n      .SH INJECTED\n      'br quoted request\n      text \\\\ with backslash\n"
		"    as_of: 2026-01-01\n";
	const struct content_buffer files[] = {{"pack.yaml", pack_yaml, sizeof pack_yaml - 1},
					       {"t.yaml", topics, sizeof topics - 1}};
	struct diag_list d;
	diag_list_init(&d);
	struct content_pack *pack = content_load_buffers("mem", files, 2, &d);
	assert_true(check_pack(pack, &d));
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	manfmt_roff(pack, pack->topics[0], "1.0", out);
	fclose(out);
	assert_non_null(strstr(buf, ".TH MLCERT-ROFF 7 2026-01-01 \"mlcert 1.0\""));
	assert_non_null(strstr(buf, "mlcert-roff \\- a \\efBbold\\efR claim\n"));
	assert_non_null(strstr(buf, "\n\\&.SH INJECTED\n"));
	assert_non_null(strstr(buf, "\n\\&'br quoted request\n"));
	assert_null(strstr(buf, "\n.SH INJECTED"));
	free(buf);
	content_pack_free(pack);
	diag_list_free(&d);
}

static char *roff_of(const struct content_pack *pack, const char *locale)
{
	char *saved = strdup(setlocale(LC_CTYPE, NULL));
	setlocale(LC_CTYPE, locale);
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	manfmt_roff(pack, pack->topics[0], "1.0", out);
	fclose(out);
	setlocale(LC_CTYPE, saved);
	free(saved);
	return buf;
}

/* `mlcert man` once depended on the locale: under LC_ALL=C every non-ASCII
 * character became U+FFFD. UTF-8 in, ASCII roff out (\[uXXXX]), any locale. */
static void test_roff_is_the_same_in_every_locale(void **state)
{
	(void)state;
	static const char pack_yaml[] =
		"id: p\ntitle: P\nguide_version: '1'\nas_of: 2026-01-01\n"
		"exam: {questions: 1, minutes: 1}\ndomains: [{id: d, title: D, weight: 100}]\n";
	static const char topics[] =
		"topics:\n  - id: cafe\n    title: Caf\xC3\xA9\n    domain: d\n"
		"    name: \"cafe - caf\xC3\xA9 \xE2\x80\x94 na\xC3\xAFve \xF0\x9F\x99\x82\"\n"
		"    description: \"Stra\xC3\x9F" "e \\u202Eevil\"\n"
		"    status: {state: deprecated, since: 2026-01-01, note: \"d\xC3\xA9j\xC3\xA0 vu\"}\n"
		"    as_of: 2026-01-01\n";
	const struct content_buffer files[] = {{"pack.yaml", pack_yaml, sizeof pack_yaml - 1},
					       {"t.yaml", topics, sizeof topics - 1}};
	struct diag_list d;
	diag_list_init(&d);
	struct content_pack *pack = content_load_buffers("mem", files, 2, &d);
	assert_true(check_pack(pack, &d));
	char *in_c = roff_of(pack, "C");
	char *in_utf8 = roff_of(pack, "C.UTF-8");
	assert_string_equal(in_c, in_utf8);
	for (const char *p = in_c; *p; p++)
		assert_true((unsigned char)*p < 0x80);
	assert_non_null(strstr(in_c, "mlcert-cafe \\- caf\\[u00E9] \\[u2014] na\\[u00EF]ve \\[u1F642]\n"));
	assert_non_null(strstr(in_c, "Stra\\[u00DF]e evil\n")); /* the override is dropped */
	assert_non_null(strstr(in_c, "d\\[u00E9]j\\[u00E0] vu\n"));
	free(in_c);
	free(in_utf8);
	content_pack_free(pack);
	diag_list_free(&d);
}

/* What mandoc -T lint and man at MANWIDTH=80 ask of a page: text lines of
 * at most 80 bytes, no-fill lines that fit the page behind its indents, no
 * .PP straight after .SH, no empty .UR block, and a .TH whose title and
 * manual name leave the header and footer room at 80 columns. */
static void test_roff_fits_80_columns(void **state)
{
	(void)state;
	static const char pack_yaml[] =
		"id: p\ntitle: P\nguide_version: '1'\nas_of: 2026-01-01\n"
		"exam: {questions: 1, minutes: 1}\ndomains: [{id: d, title: D, weight: 100}]\n";
	static const char topics[] =
		"topics:\n  - id: a-very-long-topic-id-that-goes-on-and-on\n    title: Long\n    domain: d\n"
		"    name: long - a name that goes on and on well past the eighty bytes that mandoc allows an input line\n"
		"    synopsis: |\n"
		"      POST https://language.googleapis.com/v2/documents:analyzeSentiment {\"document\":{\"type\":\"PLAIN_TEXT\"}}\n"
		"      https://example.com/aaaaaaaaaa/bbbbbbbbbb/cccccccccc/dddddddddd/eeeeeeeeee/ffffffffff/gggggggggg\n"
		"      .starts with a dot and is long enough to need breaking into two lines of no-fill text\n"
		"    description: |\n"
		"      A paragraph of prose that runs on for much longer than one line of roff input may be, so it must be broken.\n"
		"      Then a word longer than any line: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.\n"
		"    resources:\n"
		"      - title: A resource\n        url: https://example.com/a/b/c?x=1&y=2\n        kind: doc\n"
		"    as_of: 2026-01-01\n";
	const struct content_buffer files[] = {{"pack.yaml", pack_yaml, sizeof pack_yaml - 1},
					       {"t.yaml", topics, sizeof topics - 1}};
	struct diag_list d;
	diag_list_init(&d);
	struct content_pack *pack = content_load_buffers("mem", files, 2, &d);
	assert_true(check_pack(pack, &d));
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	manfmt_roff(pack, pack->topics[0], "1.0", out);
	fclose(out);
	/* the title would not fit the footer beside the date: cut, with "..." */
	assert_non_null(strstr(buf, ".TH MLCERT-A-VERY-LONG-TOPIC-ID... 7 2026-01-01 \"mlcert 1.0\" \"mlcert p\"\n"));
	bool no_fill = false;
	char last[256] = "";
	char joined[512] = "";
	for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		if (line[0] != '.')
			assert_true(strlen(line) <= 80);
		if (no_fill && line[0] != '.') {
			assert_true(strlen(line) <= 68);
			/* continuation lines hang under the first */
			if (strstr(line, "{\"document\"") == line + 4)
				strcat(joined, "|hang");
		}
		if (strcmp(line, ".nf") == 0)
			no_fill = true;
		if (strcmp(line, ".fi") == 0)
			no_fill = false;
		assert_false(strncmp(last, ".SH", 3) == 0 && strcmp(line, ".PP") == 0);
		assert_false(strncmp(last, ".UR", 3) == 0 && strcmp(line, ".UE") == 0);
		if (strncmp(line, "xxxx", 4) == 0 || strstr(line, "xxxx\\c"))
			strcat(joined, strstr(line, "\\c") ? "|piece\\c" : "|piece");
		if (strcmp(line, "\\&.starts with a dot and is long enough to need breaking into two") == 0)
			strcat(joined, "|dot");
		snprintf(last, sizeof last, "%s", line);
	}
	assert_string_equal(joined, "|hang|dot|piece\\c|piece");
	free(buf);
	content_pack_free(pack);
	diag_list_free(&d);
}

int main(void)
{
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "en_US.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sections_and_indent),
		cmocka_unit_test(test_roff_is_the_same_in_every_locale),
		cmocka_unit_test(test_every_width_is_respected),
		cmocka_unit_test(test_question_before_and_after),
		cmocka_unit_test(test_question_in_a_shuffled_order),
		cmocka_unit_test(test_hostile_text_is_sanitised),
		cmocka_unit_test(test_roff_cannot_be_injected),
		cmocka_unit_test(test_roff_fits_80_columns),
	};
	return cmocka_run_group_tests_name("manfmt", tests, NULL, NULL);
}
