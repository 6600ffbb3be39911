/* search — a lowercase text index and incremental substring matching. */
#define _GNU_SOURCE /* memmem */
#include "mlcert/search.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mlcert/xalloc.h"

struct search_item {
	enum search_kind kind;
	int index, sub;
	size_t title, title_len; /* offsets into text; the body follows the title */
	size_t body, body_len;
	size_t end;              /* items lie back to back in text: this one ends here */
};

/* Which pairs of adjacent characters occur in an item, as a bit set: an item
 * that lacks a pair of the query cannot hold the query, and is passed over
 * without reading its text. Characters fall into classes (letters, digits,
 * a little punctuation, everything else), so the set is exact for the common
 * pairs and a safe superset for the rest. */
enum { PAIR_CLASSES = 42, PAIR_WORDS = (PAIR_CLASSES * PAIR_CLASSES + 63) / 64 };

struct search_index {
	struct search_item *items;
	size_t count;
	uint64_t *pairs; /* PAIR_WORDS per item */
	char *text; /* every title and body, lowercased, back to back */
	size_t len, cap;
	/* the previous query and all its matches, for incremental narrowing */
	char last[256];
	unsigned *matches;
	size_t *match_at; /* where in text each match first occurs */
	size_t match_count;
	bool have_last;
};

static unsigned pair_class(unsigned char c)
{
	if (c >= 'a' && c <= 'z')
		return c - 'a';
	if (c >= '0' && c <= '9')
		return 26 + (c - '0');
	const char *punct = strchr(" -./_", c);
	return c && punct ? 36 + (unsigned)(punct - " -./_") : PAIR_CLASSES - 1;
}

static unsigned pair_bit(unsigned char a, unsigned char b)
{
	return pair_class(a) * PAIR_CLASSES + pair_class(b);
}

/* The pair sets of every item, in one pass over the text. */
static void index_pairs(struct search_index *ix)
{
	unsigned char class_of[256];
	for (unsigned c = 0; c < 256; c++)
		class_of[c] = (unsigned char)pair_class((unsigned char)c);
	const unsigned char *t = (const unsigned char *)ix->text;
	for (size_t i = 0; i < ix->count; i++) {
		uint64_t set[PAIR_WORDS] = {0}; /* local: the compiler keeps it apart from the text */
		size_t k = ix->items[i].title, end = ix->items[i].end;
		for (unsigned prev = k < end ? class_of[t[k]] : 0; ++k < end;) {
			unsigned cur = class_of[t[k]], bit = prev * PAIR_CLASSES + cur;
			set[bit / 64] |= (uint64_t)1 << (bit % 64);
			prev = cur;
		}
		memcpy(ix->pairs + i * PAIR_WORDS, set, sizeof set);
	}
}

static void append(struct search_index *ix, const char *s, size_t *start, size_t *len)
{
	size_t n = s ? strlen(s) : 0;
	if (ix->len + n + 2 > ix->cap) {
		size_t cap = ix->cap ? ix->cap * 2 : 1 << 16;
		while (cap < ix->len + n + 2)
			cap *= 2;
		ix->text = xrealloc(ix->text, cap);
		ix->cap = cap;
	}
	if (*len == 0)
		*start = ix->len;
	/* ASCII case folding inline, through locals the stores cannot alias: a
	 * call to tolower() or a reload of ix->len per byte of a 20 MB pack shows */
	char *out = ix->text + ix->len;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		out[i] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
	}
	out[n] = '\n'; /* a separator no query can span */
	ix->len += n + 1;
	*len = ix->len - *start;
}

static struct search_item *add_item(struct search_index *ix, size_t *cap, enum search_kind kind, int index,
				    int sub)
{
	if (ix->count == *cap) {
		*cap = *cap ? *cap * 2 : 1024;
		ix->items = xreallocarray(ix->items, *cap, sizeof *ix->items);
	}
	struct search_item *it = &ix->items[ix->count++];
	*it = (struct search_item){.kind = kind, .index = index, .sub = sub};
	return it;
}

struct search_index *search_index_new(const struct content_pack *pack)
{
	struct search_index *ix = xcalloc(1, sizeof *ix);
	size_t cap = 0;
	for (size_t i = 0; i < pack->topic_count; i++) {
		const struct content_topic *t = pack->topics[i];
		struct search_item *it = add_item(ix, &cap, SEARCH_TOPIC, (int)i, 0);
		append(ix, t->title, &it->title, &it->title_len);
		append(ix, t->id, &it->body, &it->body_len);
		append(ix, t->name, &it->body, &it->body_len);
		append(ix, t->synopsis, &it->body, &it->body_len);
		append(ix, t->description, &it->body, &it->body_len);
		append(ix, t->when_to_use, &it->body, &it->body_len);
		for (unsigned k = 0; k < t->exam_tips_count; k++)
			append(ix, t->exam_tips[k], &it->body, &it->body_len);
		for (unsigned r = 0; r < t->resources_count; r++) {
			struct search_item *res = add_item(ix, &cap, SEARCH_RESOURCE, (int)i, (int)r);
			append(ix, t->resources[r].title, &res->title, &res->title_len);
			append(ix, t->resources[r].url, &res->body, &res->body_len);
		}
	}
	for (size_t i = 0; i < pack->question_count; i++) {
		const struct content_question *q = pack->questions[i];
		struct search_item *it = add_item(ix, &cap, SEARCH_QUESTION, (int)i, 0);
		append(ix, q->id, &it->title, &it->title_len);
		append(ix, q->stem, &it->body, &it->body_len);
		append(ix, q->explanation, &it->body, &it->body_len);
		for (unsigned c = 0; c < q->choices_count; c++)
			append(ix, q->choices[c].text, &it->body, &it->body_len);
	}
	for (size_t i = 0; i < ix->count; i++)
		ix->items[i].end = i + 1 < ix->count ? ix->items[i + 1].title : ix->len;
	ix->matches = xcalloc(ix->count, sizeof *ix->matches);
	ix->match_at = xcalloc(ix->count, sizeof *ix->match_at);
	ix->pairs = xcalloc(ix->count * PAIR_WORDS, sizeof *ix->pairs);
	index_pairs(ix);
	return ix;
}

void search_index_free(struct search_index *ix)
{
	if (!ix)
		return;
	free(ix->items);
	free(ix->text);
	free(ix->matches);
	free(ix->match_at);
	free(ix->pairs);
	free(ix);
}

size_t search_run(struct search_index *ix, const char *query, struct search_hit *out, size_t cap,
		  size_t *total)
{
	char q[256];
	size_t qlen = 0;
	for (; query[qlen] && qlen + 1 < sizeof q; qlen++)
		q[qlen] = (char)tolower((unsigned char)query[qlen]);
	q[qlen] = '\0';
	*total = 0;
	if (qlen == 0) {
		ix->have_last = false;
		return 0;
	}
	/* The query's pairs, to pass over items that lack one. */
	unsigned pairs[8], npairs = 0;
	for (size_t i = 0; i + 1 < qlen && npairs < 8; i++)
		pairs[npairs++] = pair_bit((unsigned char)q[i], (unsigned char)q[i + 1]);
	/* A longer query matches a subset of what the shorter one matched, and
	 * first occurs in an item no earlier than the shorter one did. */
	bool narrow = ix->have_last && strncmp(q, ix->last, strlen(ix->last)) == 0;
	size_t kept = 0;
	if (npairs && !narrow) {
		/* Every item is a candidate: the pair sets rule most of them out. */
		for (size_t i = 0; i < ix->count; i++) {
			ix->matches[i] = (unsigned)i;
			ix->match_at[i] = ix->items[i].title;
		}
		ix->match_count = ix->count;
		narrow = true;
	}
	if (narrow) {
		for (size_t k = 0; k < ix->match_count; k++) {
			const struct search_item *it = &ix->items[ix->matches[k]];
			const uint64_t *set = ix->pairs + (size_t)ix->matches[k] * PAIR_WORDS;
			bool possible = true;
			for (unsigned p = 0; p < npairs && possible; p++)
				possible = set[pairs[p] / 64] >> (pairs[p] % 64) & 1;
			if (!possible)
				continue;
			size_t from = ix->match_at[k];
			const char *hit = memmem(ix->text + from, it->end - from, q, qlen);
			if (hit) {
				ix->matches[kept] = ix->matches[k];
				ix->match_at[kept++] = (size_t)(hit - ix->text);
			}
		}
	} else {
		/* One character: one pass over the whole text, from a match on to the next item. */
		size_t item = 0;
		for (size_t from = 0; from < ix->len && item < ix->count;) {
			const char *hit = memmem(ix->text + from, ix->len - from, q, qlen);
			if (!hit)
				break;
			size_t at = (size_t)(hit - ix->text);
			while (ix->items[item].end <= at)
				item++;
			ix->matches[kept] = (unsigned)item;
			ix->match_at[kept++] = at;
			from = ix->items[item].end;
		}
	}
	ix->match_count = kept;
	memcpy(ix->last, q, qlen + 1);
	ix->have_last = true;
	*total = kept;
	size_t n = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t k = 0; k < kept && n < cap; k++) {
			const struct search_item *it = &ix->items[ix->matches[k]];
			bool in_title = ix->match_at[k] + qlen <= it->title + it->title_len;
			if (in_title != (pass == 0))
				continue;
			out[n++] = (struct search_hit){it->kind, it->index, it->sub, in_title};
		}
	return n;
}
