/* search — case-insensitive search over a pack's topics, questions and
 * resources, incremental as the query grows, title matches first. */
#ifndef MLCERT_SEARCH_H
#define MLCERT_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "mlcert/content.h"

enum search_kind { SEARCH_TOPIC, SEARCH_QUESTION, SEARCH_RESOURCE };

struct search_hit {
	enum search_kind kind;
	int index;  /* topic or question index; for a resource, its topic */
	int sub;    /* a resource's index within its topic; else 0 */
	bool in_title;
};

struct search_index;

/* Builds the index: a lowercase copy of every searchable text. */
struct search_index *search_index_new(const struct content_pack *pack);
void search_index_free(struct search_index *index);

/* All matches of query (ASCII case folded), title matches first, each group
 * in pack order. Up to cap are written to out; *total counts them all. A
 * query that extends the previous one only re-checks the previous matches. */
size_t search_run(struct search_index *index, const char *query, struct search_hit *out, size_t cap,
		  size_t *total);

#endif
