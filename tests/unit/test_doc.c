/* doc: prose parsed once into paragraphs, bullets, code and links. */
#include <locale.h>
#include <string.h>

#include "mlcert/doc.h"
#include "mlcert/text.h"
#include "testing.h"

static void assert_block(const struct doc *d, size_t i, enum doc_block_kind kind, const char *text)
{
	assert_true(i < d->count);
	assert_int_equal(d->blocks[i].kind, kind);
	assert_string_equal(d->blocks[i].text, text);
}

static void test_paragraphs_and_bullets(void **state)
{
	(void)state;
	struct doc d;
	doc_init(&d, 0);
	doc_add_prose(&d, "First line\n  continues here.\n\n"
			  "- a bullet\n  that wraps\n- another\n\n"
			  "After the list.\n   \nLast.");
	assert_int_equal(d.count, 5);
	/* lines kept (for roff), leading spaces gone (for reflowing) */
	assert_block(&d, 0, DOC_PARAGRAPH, "First line\ncontinues here.");
	assert_block(&d, 1, DOC_BULLET, "a bullet\nthat wraps");
	assert_block(&d, 2, DOC_BULLET, "another");
	assert_block(&d, 3, DOC_PARAGRAPH, "After the list.");
	assert_block(&d, 4, DOC_PARAGRAPH, "Last."); /* a line of spaces is blank */
	doc_add_prose(&d, NULL);
	doc_add_prose(&d, "\n\n");
	assert_int_equal(d.count, 5);
	/* a paragraph straight after a bullet, without a blank line, continues it */
	doc_add_prose(&d, "- item\ntext\n-not a bullet");
	assert_int_equal(d.count, 6);
	assert_block(&d, 5, DOC_BULLET, "item\ntext\n-not a bullet");
	doc_free(&d);
	assert_int_equal(d.count, 0);
}

static void test_code_tips_and_links(void **state)
{
	(void)state;
	struct doc d;
	doc_init(&d, 0);
	doc_add_code(&d, "gcloud ai models list\n  --region=us\n");
	assert_int_equal(d.count, 2); /* the final newline adds no empty line */
	assert_block(&d, 0, DOC_CODE, "gcloud ai models list");
	assert_block(&d, 1, DOC_CODE, "  --region=us"); /* as written */
	doc_add_bullet(&d, "one tip\nover two lines");
	assert_block(&d, 2, DOC_BULLET, "one tip\nover two lines");
	doc_add_link(&d, DOC_LINK_URL, "https://x.test/a", "Docs", "doc", "https://x.test/a");
	doc_add_link(&d, DOC_LINK_TOPIC, "topic-two", "topic-two(7)", NULL, NULL);
	assert_block(&d, 3, DOC_LINK, "Docs");
	assert_int_equal(d.blocks[3].link, DOC_LINK_URL);
	assert_string_equal(d.blocks[3].target, "https://x.test/a");
	assert_string_equal(d.blocks[3].tag, "doc");
	assert_string_equal(d.blocks[3].detail, "https://x.test/a");
	assert_int_equal(d.blocks[4].link, DOC_LINK_TOPIC);
	assert_null(d.blocks[4].tag);
	assert_null(d.blocks[4].detail);
	doc_free(&d);
}

static void test_text_is_sanitised(void **state)
{
	(void)state;
	struct doc d;
	doc_init(&d, 0);
	doc_add_prose(&d, "bold \x1b[1mclaim\x1b[0m\n- \xE2\x80\xAE" "reversed");
	assert_block(&d, 0, DOC_PARAGRAPH, "bold [1mclaim[0m");
	assert_block(&d, 1, DOC_BULLET, "reversed");
	doc_free(&d);
	doc_init(&d, TEXT_ASCII); /* no UTF-8 locale: ASCII only */
	doc_add_prose(&d, "caf\xC3\xA9 \xE2\x80\x94 done");
	for (const char *p = d.blocks[0].text; *p; p++)
		assert_true((unsigned char)*p < 0x80);
	doc_free(&d);
}

int main(void)
{
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "en_US.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paragraphs_and_bullets),
		cmocka_unit_test(test_code_tips_and_links),
		cmocka_unit_test(test_text_is_sanitised),
	};
	return cmocka_run_group_tests_name("doc", tests, NULL, NULL);
}
