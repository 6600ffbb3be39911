/* doc — prose parsed into blocks. */
#include "mlcert/doc.h"

#include <stdlib.h>
#include <string.h>

#include "mlcert/text.h"
#include "mlcert/xalloc.h"

void doc_init(struct doc *doc, unsigned clean_flags)
{
	*doc = (struct doc){.clean = clean_flags};
}

void doc_free(struct doc *doc)
{
	for (size_t i = 0; i < doc->count; i++) {
		free(doc->blocks[i].text);
		free(doc->blocks[i].tag);
		free(doc->blocks[i].detail);
	}
	free(doc->blocks);
	doc->blocks = NULL;
	doc->count = doc->cap = 0;
}

/* Adds a block; text (owned from now on) is already sanitised. */
static struct doc_block *add(struct doc *doc, enum doc_block_kind kind, char *text)
{
	if (doc->count == doc->cap) {
		doc->cap = doc->cap ? doc->cap * 2 : 16;
		doc->blocks = xreallocarray(doc->blocks, doc->cap, sizeof *doc->blocks);
	}
	struct doc_block *b = &doc->blocks[doc->count++];
	*b = (struct doc_block){.kind = kind, .text = text};
	return b;
}

static char *clean(const struct doc *doc, const char *raw)
{
	return text_clean(raw ? raw : "", doc->clean);
}

void doc_add_prose(struct doc *doc, const char *raw)
{
	if (!raw)
		return;
	char *text = clean(doc, raw);
	/* The block being gathered: its lines go to buf, '\n' between them. */
	char *buf = xmalloc(strlen(text) + 1);
	size_t len = 0;
	enum doc_block_kind kind = DOC_PARAGRAPH;
	for (char *line = text; line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		char *s = line + strspn(line, " ");
		bool blank = *s == '\0', bullet = s[0] == '-' && s[1] == ' ';
		if ((blank || bullet) && len) {
			buf[len] = '\0';
			add(doc, kind, xstrdup(buf));
			len = 0;
		}
		if (blank)
			kind = DOC_PARAGRAPH;
		if (bullet) {
			kind = DOC_BULLET;
			s += 2;
		}
		if (!blank) {
			if (len)
				buf[len++] = '\n';
			size_t n = strlen(s);
			memcpy(buf + len, s, n);
			len += n;
		}
		line = nl ? nl + 1 : NULL;
	}
	if (len) {
		buf[len] = '\0';
		add(doc, kind, xstrdup(buf));
	}
	free(buf);
	free(text);
}

void doc_add_bullet(struct doc *doc, const char *raw)
{
	add(doc, DOC_BULLET, clean(doc, raw));
}

void doc_add_code(struct doc *doc, const char *raw)
{
	if (!raw)
		return;
	char *text = clean(doc, raw);
	for (char *line = text; line && *line;) {
		char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		char *copy = xmalloc(n + 1);
		memcpy(copy, line, n);
		copy[n] = '\0';
		add(doc, DOC_CODE, copy);
		line = nl ? nl + 1 : NULL;
	}
	free(text);
}

void doc_add_link(struct doc *doc, enum doc_link_kind kind, const char *target, const char *text,
		  const char *tag, const char *detail)
{
	struct doc_block *b = add(doc, DOC_LINK, clean(doc, text));
	b->link = kind;
	b->target = target;
	b->tag = tag ? clean(doc, tag) : NULL;
	b->detail = detail ? clean(doc, detail) : NULL;
}
