/* yamlpos — positions from libyaml events. */
#include "mlcert/yamlpos.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "mlcert/xalloc.h"

enum { MAX_DEPTH = YAMLPOS_MAX_DEPTH, COMPONENT_MAX = 128, MAX_INDEXED_DEPTH = 10, INDEX_BUDGET = 32 << 20 };

struct frame {
	bool is_mapping;
	bool expect_key;        /* mapping: next node is a key */
	unsigned long next_index; /* sequence: index of the next entry */
	char key[COMPONENT_MAX]; /* mapping: the key whose value comes next */
	int key_line, key_col;
};

static void set_pos(const yaml_mark_t *mark, int *line, int *col)
{
	*line = (int)mark->line + 1;
	*col = (int)mark->column + 1;
}

struct yamlpos_entry {
	char *path;
	int line, col;
	size_t order; /* document order, so twins (a duplicated key) keep theirs */
};

struct yamlpos_index {
	struct yamlpos_entry *entries;
	size_t count, cap;
	size_t path_bytes; /* kept under INDEX_BUDGET: see index_add */
};

static bool index_add(struct yamlpos_index *ix, const char *path, int line, int col)
{
	/* Each entry keeps its whole path, so a hostile file (half a million list
	 * entries under ten levels of long keys) could need gigabytes. Past the
	 * budget nodes are not indexed and are placed at their nearest indexed
	 * ancestor; real content files use a small fraction of it. */
	size_t n = strlen(path) + 1;
	if (ix->path_bytes + n > INDEX_BUDGET)
		return true;
	ix->path_bytes += n;
	if (ix->count == ix->cap) {
		ix->cap = ix->cap ? ix->cap * 2 : 256;
		ix->entries = xreallocarray(ix->entries, ix->cap, sizeof *ix->entries);
	}
	ix->entries[ix->count] = (struct yamlpos_entry){xstrdup(path), line, col, ix->count};
	ix->count++;
	return true;
}

static int compare_entries(const void *a, const void *b)
{
	const struct yamlpos_entry *x = a, *y = b;
	int c = strcmp(x->path, y->path);
	return c ? c : (x->order < y->order ? -1 : x->order > y->order);
}

/* One pass of libyaml events records every node's path and position: a
 * mapping member at its key, a sequence entry at its start. */
struct yamlpos_index *yamlpos_index_build(const char *buf, size_t len)
{
	struct yamlpos_index *ix = xcalloc(1, sizeof *ix);
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		free(ix);
		return NULL;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	struct frame stack[MAX_DEPTH];
	size_t path_len[MAX_DEPTH + 1] = {0};
	char path[MAX_DEPTH * COMPONENT_MAX + 1] = "";
	int depth = 0;
	bool ok = true, done = false;
	while (ok && !done) {
		yaml_event_t event;
		if (!yaml_parser_parse(&parser, &event))
			break;
		bool starts_node = event.type == YAML_SCALAR_EVENT || event.type == YAML_ALIAS_EVENT ||
				   event.type == YAML_MAPPING_START_EVENT ||
				   event.type == YAML_SEQUENCE_START_EVENT;
		done = event.type == YAML_DOCUMENT_END_EVENT || event.type == YAML_STREAM_END_EVENT ||
		       event.type == YAML_NO_EVENT;
		bool is_key = false;
		if (starts_node && depth > 0) {
			struct frame *parent = &stack[depth - 1];
			char component[COMPONENT_MAX];
			int line, col;
			if (!parent->is_mapping) {
				snprintf(component, sizeof component, "%lu", parent->next_index++);
				set_pos(&event.start_mark, &line, &col);
			} else if (parent->expect_key) {
				is_key = true;
				parent->expect_key = false;
				snprintf(parent->key, sizeof parent->key, "%s",
					 event.type == YAML_SCALAR_EVENT ? (const char *)event.data.scalar.value : "");
				set_pos(&event.start_mark, &parent->key_line, &parent->key_col);
			} else {
				parent->expect_key = true;
				snprintf(component, sizeof component, "%s", parent->key);
				line = parent->key_line;
				col = parent->key_col;
			}
			if (!is_key && depth <= MAX_INDEXED_DEPTH) {
				/* the node's path: its parent's, then its own component. Content
				 * nodes sit a few levels down; deeper ones are placed at their
				 * nearest indexed ancestor, which bounds the index's size. */
				path[path_len[depth - 1]] = '\0';
				size_t n = path_len[depth - 1];
				int w = snprintf(path + n, sizeof path - n, "/%s", component);
				path_len[depth] = w > 0 && (size_t)w < sizeof path - n ? n + (size_t)w : n;
				ok = index_add(ix, path, line, col);
			}
		} else if (starts_node && depth == 0) {
			path_len[0] = 0;
			path[0] = '\0';
		}
		/* A complex key (a mapping used as a key) is skipped as a whole. */
		if (!is_key && (event.type == YAML_MAPPING_START_EVENT || event.type == YAML_SEQUENCE_START_EVENT)) {
			if (depth == MAX_DEPTH) {
				yaml_event_delete(&event);
				break;
			}
			stack[depth++] = (struct frame){
				.is_mapping = event.type == YAML_MAPPING_START_EVENT,
				.expect_key = true,
			};
		} else if (is_key && (event.type == YAML_MAPPING_START_EVENT || event.type == YAML_SEQUENCE_START_EVENT)) {
			/* count nested starts and ends of the key until it closes */
			int nesting = 1;
			yaml_event_delete(&event);
			while (nesting > 0) {
				/* After an error libyaml returns empty events forever: stop at the first failure. */
				if (!yaml_parser_parse(&parser, &event)) {
					done = true;
					break;
				}
				if (event.type == YAML_MAPPING_START_EVENT || event.type == YAML_SEQUENCE_START_EVENT)
					nesting++;
				else if (event.type == YAML_MAPPING_END_EVENT || event.type == YAML_SEQUENCE_END_EVENT)
					nesting--;
				else if (event.type == YAML_STREAM_END_EVENT)
					nesting = 0, done = true;
				yaml_event_delete(&event);
			}
			continue;
		} else if (event.type == YAML_MAPPING_END_EVENT || event.type == YAML_SEQUENCE_END_EVENT) {
			if (depth > 0)
				depth--;
		}
		yaml_event_delete(&event);
	}
	yaml_parser_delete(&parser);
	if (ix->count) /* qsort wants a real array even when empty */
		qsort(ix->entries, ix->count, sizeof *ix->entries, compare_entries);
	return ix;
}

void yamlpos_index_free(struct yamlpos_index *ix)
{
	if (!ix)
		return;
	for (size_t i = 0; i < ix->count; i++)
		free(ix->entries[i].path);
	free(ix->entries);
	free(ix);
}

/* The first entry for path, by binary search; NULL when absent. */
static const struct yamlpos_entry *lookup(const struct yamlpos_index *ix, const char *path)
{
	size_t lo = 0, hi = ix->count;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (strcmp(ix->entries[mid].path, path) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->count && strcmp(ix->entries[lo].path, path) == 0 ? &ix->entries[lo] : NULL;
}

bool yamlpos_index_find(const struct yamlpos_index *ix, const char *path, int nth, int *line, int *col)
{
	char want[1024];
	snprintf(want, sizeof want, "%s", path);
	*line = 1;
	*col = 1;
	const struct yamlpos_entry *e = lookup(ix, want);
	if (e) {
		const struct yamlpos_entry *end = ix->entries + ix->count;
		for (int k = 1; k < nth && e + 1 < end && strcmp(e[1].path, want) == 0; k++)
			e++;
		*line = e->line;
		*col = e->col;
		return true;
	}
	/* Absent: the nearest ancestor that exists. */
	for (char *slash; (slash = strrchr(want, '/'));) {
		*slash = '\0';
		if ((e = lookup(ix, want))) {
			*line = e->line;
			*col = e->col;
			break;
		}
	}
	return false;
}

bool yamlpos_find(const char *buf, size_t len, const char *path, int *line, int *col)
{
	return yamlpos_find_nth(buf, len, path, 1, line, col);
}

bool yamlpos_find_nth(const char *buf, size_t len, const char *path, int nth, int *line, int *col)
{
	struct yamlpos_index *ix = yamlpos_index_build(buf, len);
	*line = *col = 1;
	if (!ix)
		return false;
	bool found = yamlpos_index_find(ix, path, nth, line, col);
	yamlpos_index_free(ix);
	return found;
}

/* The nesting depth after event: a collection's start goes one deeper, its end back. */
static int depth_after(const yaml_event_t *event, int depth)
{
	if (event->type == YAML_MAPPING_START_EVENT || event->type == YAML_SEQUENCE_START_EVENT)
		return depth + 1;
	if (event->type == YAML_MAPPING_END_EVENT || event->type == YAML_SEQUENCE_END_EVENT)
		return depth - 1;
	return depth;
}

typedef bool (*event_match_fn)(const yaml_event_t *event, int depth, void *ctx);

/* The position of the first event that matches, reading no deeper than the
 * nesting bound (so every scan stays linear); false when none does. */
static bool first_event(const char *buf, size_t len, event_match_fn match, void *ctx, int *line, int *col)
{
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser))
		return false;
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	bool found = false;
	for (int depth = 0;;) {
		yaml_event_t event;
		if (!yaml_parser_parse(&parser, &event))
			break;
		bool end = event.type == YAML_STREAM_END_EVENT;
		depth = depth_after(&event, depth);
		if (match(&event, depth, ctx)) {
			set_pos(&event.start_mark, line, col);
			found = true;
		}
		yaml_event_delete(&event);
		if (end || found || depth > YAMLPOS_MAX_DEPTH)
			break;
	}
	yaml_parser_delete(&parser);
	return found;
}

static bool too_deep(const yaml_event_t *event, int depth, void *ctx)
{
	(void)event;
	(void)ctx;
	return depth > YAMLPOS_MAX_DEPTH;
}

bool yamlpos_too_deep(const char *buf, size_t len, int *line, int *col)
{
	return first_event(buf, len, too_deep, NULL, line, col);
}

static bool has_nul(const yaml_event_t *event, int depth, void *ctx)
{
	(void)depth;
	(void)ctx;
	return event->type == YAML_SCALAR_EVENT && memchr(event->data.scalar.value, '\0', event->data.scalar.length);
}

bool yamlpos_find_nul(const char *buf, size_t len, int *line, int *col)
{
	return first_event(buf, len, has_nul, NULL, line, col);
}

bool yamlpos_syntax_error(const char *buf, size_t len, char *problem, size_t problem_size,
			  int *line, int *col)
{
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser))
		return false;
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	bool failed = false;
	for (int depth = 0;;) {
		yaml_event_t event;
		if (!yaml_parser_parse(&parser, &event)) {
			failed = true;
			break;
		}
		bool end = event.type == YAML_STREAM_END_EVENT;
		depth = depth_after(&event, depth);
		yaml_event_delete(&event);
		if (end || depth > YAMLPOS_MAX_DEPTH)
			break;
	}
	if (failed) {
		set_pos(&parser.problem_mark, line, col);
		if (parser.context)
			snprintf(problem, problem_size, "%s (%s that starts at %d:%d)",
				 parser.problem ? parser.problem : "syntax error", parser.context,
				 (int)parser.context_mark.line + 1, (int)parser.context_mark.column + 1);
		else
			snprintf(problem, problem_size, "%s", parser.problem ? parser.problem : "syntax error");
	}
	yaml_parser_delete(&parser);
	return failed;
}

static bool second_document(const yaml_event_t *event, int depth, void *ctx)
{
	(void)depth;
	int *documents = ctx;
	return event->type == YAML_DOCUMENT_START_EVENT && ++*documents == 2;
}

bool yamlpos_second_document(const char *buf, size_t len, int *line, int *col)
{
	int documents = 0;
	return first_event(buf, len, second_document, &documents, line, col);
}

static bool anchor_or_alias(const yaml_event_t *event, int depth, void *ctx)
{
	(void)depth;
	(void)ctx;
	const unsigned char *anchor =
		event->type == YAML_SCALAR_EVENT	 ? event->data.scalar.anchor
		: event->type == YAML_MAPPING_START_EVENT  ? event->data.mapping_start.anchor
		: event->type == YAML_SEQUENCE_START_EVENT ? event->data.sequence_start.anchor
							   : NULL;
	return event->type == YAML_ALIAS_EVENT || anchor;
}

bool yamlpos_find_anchor(const char *buf, size_t len, int *line, int *col)
{
	return first_event(buf, len, anchor_or_alias, NULL, line, col);
}
