/* manfmt — topics as man pages. */
#include "mlcert/manfmt.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "mlcert/doc.h"
#include "mlcert/text.h"
#include "mlcert/xalloc.h"

struct layout {
	struct manfmt_page *page;
	int width;
	bool ascii;
	int indent;        /* body indent */
	int hang;          /* extra indent for lines after a bullet's first */
	enum manfmt_style style;
	int link;
	const char *bullet; /* prefix for the first line of a bullet, or NULL */
};

static void push_line(struct layout *l, const char *text, size_t len, int indent)
{
	struct manfmt_page *p = l->page;
	if (p->count == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->lines = xreallocarray(p->lines, p->cap, sizeof *p->lines);
	}
	if (indent < 0)
		indent = 0;
	char *s = xmalloc((size_t)indent + len + 1);
	memset(s, ' ', (size_t)indent);
	memcpy(s + indent, text, len);
	s[indent + len] = '\0';
	p->lines[p->count++] = (struct manfmt_line){.text = s, .style = l->style, .link = l->link};
}

static void blank_line(struct layout *l)
{
	enum manfmt_style saved = l->style;
	int link = l->link;
	l->style = MANFMT_BODY;
	l->link = -1;
	push_line(l, "", 0, 0);
	l->style = saved;
	l->link = link;
}

struct wrap_state {
	struct layout *l;
	bool first;
	int indent, hang; /* what this paragraph really uses (narrow panes lose indents) */
	bool bullet;
};

static void emit_wrapped(void *ctx, const char *line, size_t len)
{
	struct wrap_state *w = ctx;
	struct layout *l = w->l;
	if (w->first && w->bullet) {
		size_t blen = strlen(l->bullet);
		char *buf = xmalloc(blen + len + 1);
		memcpy(buf, l->bullet, blen);
		memcpy(buf + blen, line, len);
		push_line(l, buf, blen + len, w->indent);
		free(buf);
	} else {
		push_line(l, line, len, w->indent + (w->first ? 0 : w->hang));
	}
	w->first = false;
}

/* Wraps one paragraph of sanitised text (newlines already joined). A bullet
 * is as wide as the hang, so every line has the same room; on a very narrow
 * pane the indents go first, then the bullet, so no line is ever too wide. */
static void wrap_paragraph(struct layout *l, const char *text, size_t len)
{
	struct wrap_state w = {l, true, l->indent, l->hang, l->bullet != NULL};
	int room = l->width - w.indent - w.hang;
	if (room < 8) {
		w.indent = 0;
		room = l->width - w.hang;
	}
	if (room < 8) {
		w.hang = 0;
		w.bullet = false;
		room = l->width;
	}
	text_wrap(text, len, room, emit_wrapped, &w);
}

static void heading(struct layout *l, const char *title)
{
	if (l->page->count)
		blank_line(l);
	l->style = MANFMT_HEADING;
	l->link = -1;
	int used;
	push_line(l, title, text_fit(title, strlen(title), l->width, &used), 0);
	l->style = MANFMT_BODY;
}

static int begin_link(struct layout *l, enum manfmt_link_kind kind, const char *target)
{
	struct manfmt_page *p = l->page;
	if (p->link_count == p->link_cap) {
		p->link_cap = p->link_cap ? p->link_cap * 2 : 8;
		p->links = xreallocarray(p->links, p->link_cap, sizeof *p->links);
	}
	p->links[p->link_count] = (struct manfmt_link){kind, target, p->count, p->count};
	l->link = (int)p->link_count;
	return (int)p->link_count++;
}

static void end_link(struct layout *l, int link)
{
	if (link >= 0 && l->page->count)
		l->page->links[link].last_line = l->page->count - 1;
	l->link = -1;
}

/* Sanitised text as one paragraph in style, its lines joined. */
static void add_clean(struct layout *l, const char *text, enum manfmt_style style, int extra_indent)
{
	char *joined = xstrdup(text);
	for (char *p = joined; *p; p++)
		if (*p == '\n')
			*p = ' ';
	enum manfmt_style saved = l->style;
	l->style = style;
	l->indent += extra_indent;
	wrap_paragraph(l, joined, strlen(joined));
	l->indent -= extra_indent;
	l->style = saved;
	free(joined);
}

/* Text from the pack as one paragraph in style, wrapped to the width. */
static void add_text(struct layout *l, const char *raw, enum manfmt_style style, int extra_indent)
{
	char *text = text_sanitize(raw, l->ascii);
	add_clean(l, text, style, extra_indent);
	free(text);
}

/* A document's blocks: a blank line before each paragraph but the first,
 * none before bullets, code as written, links selectable. */
static void add_doc(struct layout *l, const struct doc *d)
{
	const char *bullet = l->ascii ? "* " : "\xE2\x80\xA2 ";
	for (size_t i = 0; i < d->count; i++) {
		const struct doc_block *b = &d->blocks[i];
		switch (b->kind) {
		case DOC_PARAGRAPH:
			if (i)
				blank_line(l);
			add_clean(l, b->text, MANFMT_BODY, 0);
			break;
		case DOC_BULLET:
			l->bullet = bullet;
			l->hang = 2;
			add_clean(l, b->text, l->style, 0);
			l->bullet = NULL;
			l->hang = 0;
			break;
		case DOC_CODE:
			add_clean(l, b->text, MANFMT_CODE, 0);
			break;
		case DOC_LINK: {
			char buf[1024];
			snprintf(buf, sizeof buf, b->tag ? "%s [%s]" : "%s", b->text, b->tag);
			int link = begin_link(l, b->link == DOC_LINK_TOPIC ? MANFMT_LINK_TOPIC : MANFMT_LINK_URL,
					      b->target);
			add_clean(l, buf, MANFMT_LINK, 0);
			if (b->detail)
				add_clean(l, b->detail, MANFMT_DIM, 2);
			end_link(l, link);
			break;
		}
		}
	}
}

static void add_prose(struct layout *l, const char *raw)
{
	struct doc d;
	doc_init(&d, l->ascii ? TEXT_ASCII : 0);
	doc_add_prose(&d, raw);
	add_doc(l, &d);
	doc_free(&d);
}

static void upper_copy(char *dst, size_t size, const char *src)
{
	size_t i = 0;
	for (; src[i] && i + 1 < size; i++)
		dst[i] = (char)toupper((unsigned char)src[i]);
	dst[i] = '\0';
}

/* "BIGQUERY-ML(7)     mlcert     BIGQUERY-ML(7)", fitted to the width. */
static void header_line(struct layout *l, const char *id, const char *middle)
{
	char name[96], line[512];
	upper_copy(name, sizeof name, id);
	size_t n = strlen(name);
	snprintf(name + n, sizeof name - n, "(7)");
	int name_w = (int)strlen(name);
	char *mid = text_sanitize(middle, l->ascii);
	int mid_w = text_width(mid, strlen(mid));
	int gap = l->width - 2 * name_w - mid_w;
	if (gap >= 2 && l->width < (int)sizeof line - 8) {
		int left = gap / 2, right = gap - left;
		snprintf(line, sizeof line, "%s%*s%s%*s%s", name, left, "", mid, right, "", name);
	} else if (l->width >= name_w) {
		snprintf(line, sizeof line, "%s", name);
	} else {
		line[0] = '\0';
	}
	free(mid);
	l->style = MANFMT_HEADER;
	int used;
	size_t fit = text_fit(line, strlen(line), l->width, &used);
	push_line(l, line, fit, 0);
	l->style = MANFMT_BODY;
}

static struct manfmt_page *new_page(struct layout *l, int width, bool ascii)
{
	struct manfmt_page *page = xcalloc(1, sizeof *page);
	*l = (struct layout){.page = page, .width = width < 10 ? 10 : width, .ascii = ascii,
			     .link = -1};
	l->indent = l->width >= 60 ? 7 : 3;
	return page;
}

/* The sections both the screen and roff show as lists. */
static void tips_doc(struct doc *d, const struct content_topic *t)
{
	for (unsigned i = 0; i < t->exam_tips_count; i++)
		doc_add_bullet(d, t->exam_tips[i]);
}

static void see_also_doc(struct doc *d, const struct content_pack *pack, const struct content_topic *t)
{
	for (unsigned i = 0; i < t->see_also_count; i++) {
		const struct content_topic *o = content_find_topic(pack, t->see_also[i]);
		char buf[512];
		snprintf(buf, sizeof buf, "%s(7)%s%s", t->see_also[i], o ? " - " : "", o ? o->title : "");
		doc_add_link(d, DOC_LINK_TOPIC, t->see_also[i], buf, NULL, NULL);
	}
}

static void resources_doc(struct doc *d, const struct content_topic *t)
{
	for (unsigned i = 0; i < t->resources_count; i++) {
		const struct content_resource *r = &t->resources[i];
		doc_add_link(d, DOC_LINK_URL, r->url, r->title, r->kind, r->url);
	}
}

struct manfmt_page *manfmt_topic(const struct content_pack *pack, const struct content_topic *t,
				 int width, bool ascii, const char *note)
{
	struct layout l;
	struct manfmt_page *page = new_page(&l, width, ascii);
	const char *domain_title = pack->meta && t->domain_index >= 0
					   ? pack->meta->domains[t->domain_index].title
					   : "mlcert";
	header_line(&l, t->id, domain_title);

	heading(&l, "NAME");
	add_text(&l, t->name, MANFMT_BODY, 0);

	struct doc d;
	doc_init(&d, ascii ? TEXT_ASCII : 0);
	if (t->synopsis && t->synopsis[0]) {
		heading(&l, "SYNOPSIS");
		doc_add_code(&d, t->synopsis);
		add_doc(&l, &d);
		doc_free(&d);
	}

	if (t->status && strcmp(t->status->state, "active") != 0) {
		heading(&l, "STATUS");
		char buf[512];
		const char *since = t->status->since ? t->status->since : "";
		snprintf(buf, sizeof buf, "%c%s%s%s.", toupper((unsigned char)t->status->state[0]),
			 t->status->state + 1, since[0] ? " since " : "", since);
		add_text(&l, buf, MANFMT_STATUS, 0);
		if (t->status->note)
			add_text(&l, t->status->note, MANFMT_BODY, 0);
		if (t->status->replaced_by) {
			const struct content_topic *r = content_find_topic(pack, t->status->replaced_by);
			snprintf(buf, sizeof buf, "Replaced by %s%s%s.", t->status->replaced_by,
				 r ? " - " : "", r ? r->title : "");
			doc_add_link(&d, DOC_LINK_TOPIC, t->status->replaced_by, buf, NULL, NULL);
			add_doc(&l, &d);
			doc_free(&d);
		}
	}

	heading(&l, "DESCRIPTION");
	add_prose(&l, t->description);

	if (t->when_to_use && t->when_to_use[0]) {
		heading(&l, "WHEN TO USE");
		add_prose(&l, t->when_to_use);
	}

	if (t->exam_tips_count) {
		heading(&l, "EXAM TIPS");
		tips_doc(&d, t);
		add_doc(&l, &d);
		doc_free(&d);
	}

	if (t->see_also_count) {
		heading(&l, "SEE ALSO");
		see_also_doc(&d, pack, t);
		add_doc(&l, &d);
		doc_free(&d);
	}

	if (t->resources_count) {
		heading(&l, "RESOURCES");
		resources_doc(&d, t);
		add_doc(&l, &d);
		doc_free(&d);
	}

	if (note && note[0]) {
		heading(&l, "NOTES");
		add_prose(&l, note);
	}

	blank_line(&l);
	char footer[128];
	snprintf(footer, sizeof footer, "Facts as of %s.", t->as_of);
	add_text(&l, footer, MANFMT_DIM, 0);
	return page;
}

struct manfmt_page *manfmt_domain(const struct content_pack *pack, int domain, int width, bool ascii)
{
	struct layout l;
	struct manfmt_page *page = new_page(&l, width, ascii);
	const struct content_domain *d = &pack->meta->domains[domain];
	header_line(&l, d->id, pack->meta->title);
	heading(&l, "NAME");
	char buf[512];
	snprintf(buf, sizeof buf, "%s - %s", d->id, d->title);
	add_text(&l, buf, MANFMT_BODY, 0);
	heading(&l, "WEIGHT");
	if (d->weight > 0)
		snprintf(buf, sizeof buf, "About %d%% of the exam's questions.", d->weight);
	else
		snprintf(buf, sizeof buf, "Not scored: background for the exam.");
	add_text(&l, buf, MANFMT_BODY, 0);
	if (d->summary) {
		heading(&l, "DESCRIPTION");
		add_prose(&l, d->summary);
	}
	heading(&l, "TOPICS");
	for (size_t i = 0; i < pack->topic_count; i++) {
		const struct content_topic *t = pack->topics[i];
		if (t->domain_index != domain || t->depth > 1)
			continue;
		snprintf(buf, sizeof buf, "%s(7) - %s", t->id, t->title);
		int link = begin_link(&l, MANFMT_LINK_TOPIC, t->id);
		add_text(&l, buf, MANFMT_LINK, t->depth * 2);
		end_link(&l, link);
	}
	return page;
}

static const char *const count_words[] = {"zero", "one", "two", "three", "four",
					  "five", "six", "seven", "eight"};

struct manfmt_page *manfmt_question(const struct content_pack *pack, const struct content_question *q,
				    const struct manfmt_question_view *v, int width, bool ascii)
{
	struct layout l;
	struct manfmt_page *page = new_page(&l, width, ascii);
	l.indent = 0;
	char buf[512], domain[256] = "";
	const struct choice_order order = v->order ? *v->order : choice_order_identity(q->choices_count);
	if (!v->hide_domain)
		snprintf(domain, sizeof domain, " - %s",
			 pack->meta && q->domain_index >= 0 ? pack->meta->domains[q->domain_index].title : q->domain);
	unsigned wanted = choice_set_count(q->correct);
	bool multiple = q->type == QUESTION_MULTIPLE;
	if (multiple)
		snprintf(buf, sizeof buf, "Question %zu of %zu - choose %s%s", v->position, v->total,
			 wanted < 9 ? count_words[wanted] : "several", domain);
	else
		snprintf(buf, sizeof buf, "Question %zu of %zu%s", v->position, v->total, domain);
	add_text(&l, buf, MANFMT_DIM, 0);
	if (v->submitted) {
		bool right = choice_set_equal(v->chosen, q->correct);
		char answer[64] = "";
		size_t n = 0;
		/* by the letters the learner saw */
		for (unsigned pos = 0; pos < order.count && n + 4 < sizeof answer; pos++)
			if (choice_set_has(q->correct, order.at[pos]))
				n += (size_t)snprintf(answer + n, sizeof answer - n, "%s%c", n ? ", " : "", 'a' + pos);
		if (right)
			snprintf(buf, sizeof buf, "Right: %s.", answer);
		else
			snprintf(buf, sizeof buf, "Not quite: the answer is %s.", answer);
		add_text(&l, buf, right ? MANFMT_RIGHT : MANFMT_WRONG, 0);
	}
	for (int i = 0; i < MANFMT_QUESTION_NOTES; i++)
		if (v->notes[i])
			add_text(&l, v->notes[i], MANFMT_DIM, 0);
	blank_line(&l);
	add_prose(&l, q->stem);
	blank_line(&l);
	for (unsigned pos = 0; pos < order.count; pos++) {
		unsigned i = order.at[pos];
		const struct content_choice *c = &q->choices[i];
		bool chosen = choice_set_has(v->chosen, i);
		const char *mark;
		enum manfmt_style style;
		if (!v->submitted && !chosen && choice_set_has(v->struck, i)) {
			mark = multiple ? "[-]" : "(-)";
			style = MANFMT_STRUCK;
		} else if (!v->submitted) {
			mark = chosen ? (multiple ? "[x]" : "(*)") : (multiple ? "[ ]" : "( )");
			style = chosen ? MANFMT_CHOSEN : MANFMT_CHOICE;
		} else if (choice_set_has(q->correct, i)) {
			mark = chosen ? (ascii ? "[+]" : "[\xE2\x9C\x93]") : (ascii ? "[!]" : "[\xE2\x80\xA2]");
			style = MANFMT_RIGHT;
		} else {
			mark = chosen ? (ascii ? "[x]" : "[\xE2\x9C\x97]") : "[ ]";
			style = chosen ? MANFMT_WRONG : MANFMT_CHOICE;
		}
		snprintf(buf, sizeof buf, "%s %c. ", mark, 'a' + pos);
		l.bullet = buf;
		l.hang = text_width(buf, strlen(buf));
		add_text(&l, c->text, style, 0);
		l.bullet = NULL;
		if (v->submitted) {
			l.indent += l.hang;
			l.hang = 0;
			add_text(&l, c->why, MANFMT_DIM, 0);
			l.indent -= text_width(buf, strlen(buf));
		}
		l.hang = 0;
	}
	if (v->submitted) {
		heading(&l, "Why");
		add_prose(&l, q->explanation);
	}
	return page;
}

struct manfmt_page *manfmt_keys(const struct manfmt_key_entry *entries, size_t count, int width, bool ascii)
{
	struct layout l;
	struct manfmt_page *page = new_page(&l, width, ascii);
	/* the keys' column: as wide as the widest keys, up to a limit; keys
	 * wider than that take a line of their own */
	int column = 0;
	for (size_t i = 0; i < count; i++)
		if (entries[i].keys && entries[i].keys[0]) {
			int w = text_width(entries[i].keys, strlen(entries[i].keys));
			column = w > column ? w : column;
		}
	column = (column > 20 ? 20 : column) + 1;
	for (size_t i = 0; i < count; i++) {
		const struct manfmt_key_entry *e = &entries[i];
		l.indent = 0;
		if (!e->keys) {
			if (page->count)
				blank_line(&l);
			add_text(&l, e->text, MANFMT_HEADING, 0);
			continue;
		}
		if (!e->keys[0]) {
			add_text(&l, e->text, MANFMT_DIM, 0);
			continue;
		}
		l.indent = 2;
		char *keys = text_sanitize(e->keys, ascii);
		int keys_w = text_width(keys, strlen(keys));
		if (keys_w + 1 > column) {
			add_clean(&l, keys, MANFMT_BODY, 0);
			add_text(&l, e->text, MANFMT_BODY, column);
		} else {
			char bullet[128];
			snprintf(bullet, sizeof bullet, "%s%*s", keys, column - keys_w, "");
			l.bullet = bullet;
			l.hang = column;
			add_text(&l, e->text, MANFMT_BODY, 0);
			l.bullet = NULL;
			l.hang = 0;
		}
		free(keys);
	}
	return page;
}

void manfmt_free(struct manfmt_page *page)
{
	if (!page)
		return;
	for (size_t i = 0; i < page->count; i++)
		free(page->lines[i].text);
	free(page->lines);
	free(page->links);
	free(page);
}

/* ---- roff ---------------------------------------------------------------------- */

/* man(1) lays a page out 78 columns wide at MANWIDTH=80, and mandoc -T lint
 * wants input lines of at most 80 bytes. A no-fill line (SYNOPSIS, code)
 * sits behind the section's indent (7) and a bullet's (2): 68 columns keep
 * it inside the page, and a line too long for that goes on under a hang. */
enum { ROFF_PAGE_COLUMNS = 78, ROFF_INPUT_BYTES = 80, ROFF_CODE_COLUMNS = 68, ROFF_CODE_HANG = 4 };

/* One character of cleaned text as roff: ASCII as itself, a backslash as
 * \e, anything else as the named glyph \[uXXXX], so the page reads the same
 * whatever locale made it or shows it (under LC_ALL=C, UTF-8 bytes once
 * became U+FFFD). Writes it to buf (16 bytes); returns its length. *used:
 * the input bytes it took; *columns: what it takes on screen, counted
 * without the locale (two for anything not ASCII, so never too few). */
static size_t roff_glyph(char buf[16], const char *p, size_t *used, int *columns)
{
	uint32_t cp;
	size_t n = text_utf8_decode(p, strlen(p), &cp);
	if (n == 0) {
		cp = 0xFFFD; /* text_clean leaves none, but never trust */
		n = 1;
	}
	*used = n;
	*columns = cp < 0x80 ? 1 : 2;
	if (cp == '\\')
		return (size_t)snprintf(buf, 16, "\\e");
	if (cp < 0x80)
		return (size_t)snprintf(buf, 16, "%c", (char)cp);
	return (size_t)snprintf(buf, 16, "\\[u%04X]", (unsigned)cp);
}

/* Text escaped for roff, glyph by glyph: where each glyph starts in the
 * escaped text, so a line is never cut inside an escape. */
struct roff_glyphs {
	char *text;      /* the escaped text */
	size_t *at;      /* glyph i is text[at[i]] to text[at[i + 1]] */
	int *columns;
	char *source;    /* the character each glyph stands for (first byte) */
	size_t count;
};

static void roff_glyphs_of(struct roff_glyphs *g, const char *clean, size_t len)
{
	g->text = xmalloc(len * 9 + 1);
	g->at = xmalloc((len + 1) * sizeof *g->at);
	g->columns = xmalloc((len + 1) * sizeof *g->columns);
	g->source = xmalloc(len + 1);
	size_t o = 0, n = 0;
	for (size_t i = 0; i < len;) {
		char glyph[16];
		size_t used;
		size_t k = roff_glyph(glyph, clean + i, &used, &g->columns[n]);
		if (i + used > len)
			used = len - i;
		memcpy(g->text + o, glyph, k);
		g->at[n] = o;
		g->source[n++] = clean[i];
		o += k;
		i += used;
	}
	g->text[o] = '\0';
	g->at[n] = o;
	g->count = n;
}

static void roff_glyphs_free(struct roff_glyphs *g)
{
	free(g->text);
	free(g->at);
	free(g->columns);
	free(g->source);
}

/* Glyphs [from, to) of g on out; a line may not start with a control
 * character, so a leading dot or quote is defused with \&. Returns the
 * bytes written. */
static size_t roff_put(FILE *out, const struct roff_glyphs *g, size_t from, size_t to, bool line_start)
{
	if (from >= to)
		return 0;
	size_t n = g->at[to] - g->at[from];
	if (line_start && (g->source[from] == '.' || g->source[from] == '\'')) {
		fputs("\\&", out);
		n += 2;
	}
	fwrite(g->text + g->at[from], 1, g->at[to] - g->at[from], out);
	return n;
}

/* Filled text: each line of the source as one or more input lines of at
 * most ROFF_INPUT_BYTES, broken at spaces (in fill mode a line break is a
 * space); a word longer than a line goes on after \c, which joins the
 * pieces again. *bytes is what the current line already holds. */
static void roff_fill_line(FILE *out, const char *clean, size_t len, size_t *bytes)
{
	struct roff_glyphs g;
	roff_glyphs_of(&g, clean, len);
	size_t budget = ROFF_INPUT_BYTES - 2; /* room for a \& or a \c */
	for (size_t i = 0; i < g.count;) {
		if (g.source[i] == ' ') {
			i++;
			continue;
		}
		size_t end = i;
		while (end < g.count && g.source[end] != ' ')
			end++;
		size_t word = g.at[end] - g.at[i];
		if (*bytes && *bytes + 1 + word <= budget) {
			fputc(' ', out);
			roff_put(out, &g, i, end, false);
			*bytes += 1 + word;
			i = end;
			continue;
		}
		if (*bytes)
			fputc('\n', out);
		*bytes = 0;
		/* a word longer than a line, in pieces joined by \c */
		while (g.at[end] - g.at[i] > budget) {
			size_t cut = i + 1;
			while (cut < end && g.at[cut + 1] - g.at[i] <= budget - 2)
				cut++;
			roff_put(out, &g, i, cut, true);
			fputs("\\c\n", out);
			i = cut;
		}
		*bytes = roff_put(out, &g, i, end, true);
		i = end;
	}
	roff_glyphs_free(&g);
}

/* Text in fill mode after prefix (raw roff, or ""): the text's own line
 * breaks kept, long lines broken. */
static void roff_fill(FILE *out, const char *prefix, const char *raw)
{
	char *text = text_clean(raw ? raw : "", TEXT_ANY_LOCALE);
	size_t bytes = strlen(prefix);
	fputs(prefix, out);
	for (const char *p = text ? text : ""; *p;) {
		size_t n = strcspn(p, "\n");
		roff_fill_line(out, p, n, &bytes);
		if (bytes)
			fputc('\n', out);
		bytes = 0;
		p += n + (p[n] == '\n');
	}
	if (bytes)
		fputc('\n', out);
	free(text);
}

/* Where a no-fill line may break when it has no space to break at: after
 * the punctuation that separates parts of a path, a URL or a list. */
static bool code_break_after(char c)
{
	return c && strchr("/,|&?;=", c) != NULL;
}

/* One line of no-fill text, broken to ROFF_CODE_COLUMNS: at the last space
 * that fits, else after a separator, else where it must; the rest goes on
 * under the line's own indent and a hang. */
static void roff_code_line(FILE *out, const char *clean, size_t len)
{
	struct roff_glyphs g;
	roff_glyphs_of(&g, clean, len);
	size_t indent = 0;
	while (indent < g.count && g.source[indent] == ' ')
		indent++;
	size_t hang = indent + ROFF_CODE_HANG;
	if (hang > ROFF_CODE_COLUMNS / 2)
		hang = ROFF_CODE_HANG;
	size_t i = 0;
	for (bool first = true;; first = false) {
		size_t lead = first ? 0 : hang; /* spaces before this piece */
		int columns = (int)lead;
		size_t bytes = lead + 2, end = i;
		while (end < g.count && columns + g.columns[end] <= ROFF_CODE_COLUMNS &&
		       bytes + (g.at[end + 1] - g.at[end]) <= ROFF_INPUT_BYTES) {
			columns += g.columns[end];
			bytes += g.at[end + 1] - g.at[end];
			end++;
		}
		size_t next = end;
		if (end < g.count) {
			size_t cut = end;
			while (cut > i + 1 && g.source[cut] != ' ' && !code_break_after(g.source[cut - 1]))
				cut--;
			if (cut > i + 1)
				end = next = cut;
			else if (end == i)
				end = next = i + 1; /* a glyph wider than the line: a line of its own */
			while (end > i && g.source[end - 1] == ' ')
				end--;
			while (next < g.count && g.source[next] == ' ')
				next++;
		}
		fprintf(out, "%*s", (int)lead, "");
		roff_put(out, &g, i, end, lead == 0);
		fputc('\n', out);
		if (next >= g.count)
			break;
		i = next;
	}
	roff_glyphs_free(&g);
}

static void roff_code(FILE *out, const char *raw)
{
	char *text = text_clean(raw ? raw : "", TEXT_ANY_LOCALE);
	const char *p = text ? text : "";
	do {
		size_t n = strcspn(p, "\n");
		roff_code_line(out, p, n);
		p += n + (p[n] == '\n');
	} while (*p);
	free(text);
}

/* A URL as the argument of .UR: \: after each part of its path and query,
 * so man can break a long one between them instead of running past the
 * page. URLs are printable ASCII without spaces (the checker sees to it). */
static void roff_url(FILE *out, const char *raw)
{
	char *url = text_clean(raw ? raw : "", TEXT_ANY_LOCALE | TEXT_ONE_LINE);
	for (const char *p = url ? url : ""; *p; p++) {
		if (*p == '\\')
			fputs("\\e", out);
		else if (*p != ' ' && *p != '"')
			fputc(*p, out);
		/* never inside the "//" after the scheme */
		if (code_break_after(*p) && p[1] && p[1] != '/' && !(p > url && *p == '/' && p[-1] == '/'))
			fputs("\\:", out);
	}
	fputc('\n', out);
	free(url);
}

/* A document as roff: paragraphs and bullets keep their lines, code goes
 * in no-fill mode, a topic link is a cross-reference and a URL a bullet
 * whose text is its .UR link. A section's first paragraph needs no .PP. */
static void roff_doc(FILE *out, const struct doc *d, bool after_heading)
{
	for (size_t i = 0; i < d->count; i++) {
		const struct doc_block *b = &d->blocks[i], *next = i + 1 < d->count ? b + 1 : NULL;
		switch (b->kind) {
		case DOC_PARAGRAPH:
			if (i || !after_heading)
				fputs(".PP\n", out);
			roff_fill(out, "", b->text);
			break;
		case DOC_BULLET:
			fputs(".IP \\(bu 2\n", out);
			roff_fill(out, "", b->text);
			break;
		case DOC_CODE:
			if (i == 0 || b[-1].kind != DOC_CODE)
				fputs(".nf\n", out);
			roff_code(out, b->text);
			if (!next || next->kind != DOC_CODE)
				fputs(".fi\n", out);
			break;
		case DOC_LINK:
			if (b->link == DOC_LINK_TOPIC) {
				/* the target is a checked id: nothing in it needs escaping;
				 * \% keeps a page's name whole at the end of a line */
				fprintf(out, ".BR \\%%mlcert-%s (7)%s\n", b->target,
					next && next->kind == DOC_LINK && next->link == DOC_LINK_TOPIC ? "," : "");
			} else {
				fputs(".IP \\(bu 2\n.UR ", out);
				roff_url(out, b->target);
				roff_fill(out, "", b->text);
				fputs(".UE\n", out);
			}
			break;
		}
	}
}

static void roff_prose(FILE *out, const char *raw, bool after_heading)
{
	struct doc d;
	doc_init(&d, TEXT_ANY_LOCALE); /* a stream: the same bytes in any locale */
	doc_add_prose(&d, raw);
	roff_doc(out, &d, after_heading);
	doc_free(&d);
}

static void roff_quoted(FILE *out, const char *raw)
{
	char *text = text_clean(raw ? raw : "", TEXT_ANY_LOCALE | TEXT_ONE_LINE);
	fputc('"', out);
	for (const char *p = text ? text : ""; *p;) {
		size_t n = 1;
		char glyph[16];
		int columns;
		if (*p == '"')
			fputs("\\(dq", out);
		else
			fputs((roff_glyph(glyph, p, &n, &columns), glyph), out);
		p += n;
	}
	fputc('"', out);
	free(text);
}

/* The .TH line. man prints "TITLE(7)  manual  TITLE(7)" at the top of the
 * page and "source  date  TITLE(7)" at its foot, and overprints whatever
 * does not fit (a page once began "MLCERT-NATURAL-LANGUAGE-API(mlcert study
 * pack pmMLCERT-..."). So the title, the page's name, is cut with "..." when
 * the foot has no room for it beside the centred date, and the manual's
 * name is the longest of its forms that the top has room for. */
static void roff_title(FILE *out, const struct content_pack *pack, const struct content_topic *t,
		       const char *version)
{
	char title[96] = "MLCERT-", manual[128];
	upper_copy(title + 7, sizeof title - 7, t->id);
	int date_w = (int)strlen(t->as_of);
	int title_max = (ROFF_PAGE_COLUMNS - date_w) / 2 - 1 - 3; /* less its "(7)" */
	if ((int)strlen(title) > title_max)
		snprintf(title + title_max - 3, sizeof title - (size_t)(title_max - 3), "...");
	int room = ROFF_PAGE_COLUMNS - 2 * ((int)strlen(title) + 3) - 2;
	const char *id = pack->meta ? pack->meta->id : "";
	snprintf(manual, sizeof manual, "mlcert study pack %s", id);
	if ((int)strlen(manual) > room)
		snprintf(manual, sizeof manual, "mlcert %s", id);
	if ((int)strlen(manual) > room)
		snprintf(manual, sizeof manual, "%s", room >= 6 ? "mlcert" : "");
	fprintf(out, ".TH %s 7 %s \"mlcert %s\" \"%s\"\n", title, t->as_of, version, manual);
}

void manfmt_roff(const struct content_pack *pack, const struct content_topic *t, const char *version,
		 FILE *out)
{
	fprintf(out, ".\\\" Generated by mlcert from the content pack '%s'; edit the YAML, not this.\n",
		pack->meta ? pack->meta->id : "");
	roff_title(out, pack, t, version);
	fputs(".SH NAME\n", out);
	/* "id - what it is" becomes "mlcert-id \- what it is", the form whatis reads */
	const char *dash = strstr(t->name, " - ");
	char name[128];
	snprintf(name, sizeof name, "mlcert-%s \\-", t->id);
	roff_fill(out, name, dash ? dash + 3 : t->name);
	struct doc d;
	doc_init(&d, TEXT_ANY_LOCALE); /* a stream: the same bytes in any locale */
	if (t->synopsis && t->synopsis[0]) {
		fputs(".SH SYNOPSIS\n", out);
		doc_add_code(&d, t->synopsis);
		roff_doc(out, &d, true);
		doc_free(&d);
	}
	if (t->status && strcmp(t->status->state, "active") != 0) {
		fputs(".SH STATUS\n.B ", out);
		roff_quoted(out, t->status->state);
		fputc('\n', out);
		if (t->status->since)
			roff_fill(out, "since", t->status->since);
		if (t->status->note)
			roff_prose(out, t->status->note, false);
		if (t->status->replaced_by)
			fprintf(out, ".PP\nReplaced by\n.BR \\%%mlcert-%s (7).\n", t->status->replaced_by);
	}
	fputs(".SH DESCRIPTION\n", out);
	roff_prose(out, t->description, true);
	if (t->when_to_use && t->when_to_use[0]) {
		fputs(".SH \"WHEN TO USE\"\n", out);
		roff_prose(out, t->when_to_use, true);
	}
	if (t->exam_tips_count) {
		fputs(".SH \"EXAM TIPS\"\n", out);
		tips_doc(&d, t);
		roff_doc(out, &d, true);
		doc_free(&d);
	}
	if (t->resources_count) {
		/* Ragged right: a URL broken between its parts cannot be spread to
		 * the margin (groff says "cannot adjust line"). What follows, SEE
		 * ALSO and the date, is short lines either way. */
		fputs(".SH RESOURCES\n.ad l\n", out);
		resources_doc(&d, t);
		roff_doc(out, &d, true);
		doc_free(&d);
	}
	if (t->see_also_count) { /* last, as man-pages(7) has it */
		fputs(".SH \"SEE ALSO\"\n", out);
		see_also_doc(&d, pack, t);
		roff_doc(out, &d, true);
		doc_free(&d);
	}
	fputs(".PP\n", out);
	roff_fill(out, "Facts as of", t->as_of);
}
