/* doc — prose as a small document: paragraphs, bullets, preformatted lines
 * and links. The pack's prose is parsed here once, and the reader, the roff
 * page and plain mode each render the same blocks their own way. */
#ifndef MLCERT_DOC_H
#define MLCERT_DOC_H

#include <stdbool.h>
#include <stddef.h>

enum doc_block_kind {
	DOC_PARAGRAPH,
	DOC_BULLET,
	DOC_CODE, /* one line, shown as written */
	DOC_LINK, /* an entry that points at a topic or a URL */
};

enum doc_link_kind { DOC_LINK_TOPIC, DOC_LINK_URL };

struct doc_block {
	enum doc_block_kind kind;
	/* Sanitised. A paragraph or bullet keeps the lines it was written in,
	 * joined by '\n' and without their leading spaces: a renderer that
	 * reflows joins them, roff keeps them. */
	char *text;
	/* DOC_LINK only */
	enum doc_link_kind link;
	const char *target; /* topic id or URL, borrowed from the pack */
	char *tag;          /* e.g. a resource's kind; may be NULL */
	char *detail;       /* a second line (the URL under a resource's title); may be NULL */
};

struct doc {
	struct doc_block *blocks;
	size_t count, cap;
	unsigned clean; /* text_clean's flags for every text: TEXT_ASCII for a screen
			 * without UTF-8, TEXT_ANY_LOCALE for streams (roff, plain) */
};

void doc_init(struct doc *doc, unsigned clean_flags);
void doc_free(struct doc *doc);

/* Prose: paragraphs end at blank lines; a line starting with "- " starts a
 * bullet, and the lines after it continue that bullet up to a blank line or
 * the next bullet. NULL adds nothing. */
void doc_add_prose(struct doc *doc, const char *raw);

/* One bullet holding all of raw (an exam tip). */
void doc_add_bullet(struct doc *doc, const char *raw);

/* Each line of raw as a line of code; a final newline adds no empty line. */
void doc_add_code(struct doc *doc, const char *raw);

void doc_add_link(struct doc *doc, enum doc_link_kind kind, const char *target, const char *text,
		  const char *tag, const char *detail);

#endif
