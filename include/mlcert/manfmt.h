/* manfmt — a topic laid out as a man page: styled lines wrapped to a width,
 * with the SEE ALSO and RESOURCES entries as selectable links. */
#ifndef MLCERT_MANFMT_H
#define MLCERT_MANFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "mlcert/choice.h"
#include "mlcert/content.h"

enum manfmt_style {
	MANFMT_BODY,
	MANFMT_HEADER,  /* the man-style header line */
	MANFMT_HEADING, /* NAME, SYNOPSIS, ... */
	MANFMT_CODE,    /* synopsis lines, shown as written */
	MANFMT_STATUS,  /* deprecated, renamed ... */
	MANFMT_LINK,    /* a SEE ALSO or RESOURCES entry */
	MANFMT_DIM,     /* urls, dates */
	MANFMT_CHOICE,  /* a choice not (yet) marked */
	MANFMT_CHOSEN,  /* a choice the learner selected, before submitting */
	MANFMT_RIGHT,   /* after submitting: a correct choice, the verdict when right */
	MANFMT_WRONG,   /* after submitting: a wrong choice that was chosen, the verdict when wrong */
	MANFMT_STRUCK,  /* a choice the learner ruled out in the mock exam */
};

struct manfmt_line {
	char *text; /* sanitised, fits the width given */
	enum manfmt_style style;
	int link;   /* index into links, or -1 */
};

enum manfmt_link_kind { MANFMT_LINK_TOPIC, MANFMT_LINK_URL };

struct manfmt_link {
	enum manfmt_link_kind kind;
	const char *target; /* topic id or URL, borrowed from the pack */
	size_t first_line;  /* lines this entry covers */
	size_t last_line;
};

struct manfmt_page {
	struct manfmt_line *lines;
	size_t count, cap;
	struct manfmt_link *links;
	size_t link_count, link_cap;
};

/* Lays out a topic for width columns; ascii picks pure-ASCII output. note,
 * when not NULL, is the learner's own note shown in a NOTES section. */
struct manfmt_page *manfmt_topic(const struct content_pack *pack, const struct content_topic *topic,
				 int width, bool ascii, const char *note);

/* A domain's overview: its title, weight, summary and the areas under it. */
struct manfmt_page *manfmt_domain(const struct content_pack *pack, int domain, int width, bool ascii);

/* A question as the quiz panel shows it, with the choices in chosen marked.
 * Before submitting: the stem and the choices; after: the verdict, each
 * choice marked right or wrong with its rationale, and the explanation.
 * position and total number the question in its session ("3 of 12").
 * The choices are shown in order (NULL: the pack's), lettered by position,
 * and the verdict names them by those letters; struck ones (the mock
 * exam's ruled-out choices) are marked and dimmed. hide_domain leaves the
 * domain out of the first line, as the real exam does. */
enum { MANFMT_QUESTION_NOTES = 3 };
struct manfmt_question_view {
	struct choice_set chosen;
	bool submitted;
	size_t position, total;
	const char *notes[MANFMT_QUESTION_NOTES]; /* lines under the first (the question's topic,
						    * an answer given earlier); NULL: none */
	const struct choice_order *order;
	struct choice_set struck;
	bool hide_domain;
};
struct manfmt_page *manfmt_question(const struct content_pack *pack, const struct content_question *q,
				    const struct manfmt_question_view *view, int width, bool ascii);

/* Key help as a page: each entry a heading (keys NULL), a paragraph (keys
 * ""), or keys in a column with what they do wrapped beside them, so no
 * line is cut at any width. */
struct manfmt_key_entry {
	const char *keys, *text;
};
struct manfmt_page *manfmt_keys(const struct manfmt_key_entry *entries, size_t count, int width, bool ascii);

void manfmt_free(struct manfmt_page *page);

/* The topic as a section-7 roff page named mlcert-ID, for man(1). version
 * goes in the footer. */
void manfmt_roff(const struct content_pack *pack, const struct content_topic *topic, const char *version,
		 FILE *out);

#endif
