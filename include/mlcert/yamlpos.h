/* yamlpos — positions inside a YAML text, found with libyaml's event parser.
 * libcyaml gives the loaded data but no positions; these lookups run only when
 * a diagnostic needs a line and column, so a clean load never pays for them. */
#ifndef MLCERT_YAMLPOS_H
#define MLCERT_YAMLPOS_H

#include <stdbool.h>
#include <stddef.h>

/* Finds the node at path, a '/'-separated list of mapping keys and 0-based
 * sequence indexes ("/topics/3/see_also/1"). A mapping member is placed at its
 * key, a sequence entry at its start. Returns false when the path is absent;
 * then *line and *col hold the deepest ancestor that exists. */
bool yamlpos_find(const char *buf, size_t len, const char *path, int *line, int *col);

/* The same for the nth (1-based) node at path: a duplicated key has two. */
bool yamlpos_find_nth(const char *buf, size_t len, const char *path, int nth, int *line,
		      int *col);

/* Every node's position, for many lookups in one text (a file with many
 * problems): built with one parse, looked up by binary search. */
struct yamlpos_index;
struct yamlpos_index *yamlpos_index_build(const char *buf, size_t len);
bool yamlpos_index_find(const struct yamlpos_index *ix, const char *path, int nth, int *line, int *col);
void yamlpos_index_free(struct yamlpos_index *ix);

/* When libyaml cannot parse buf: its problem text and where it is. */
bool yamlpos_syntax_error(const char *buf, size_t len, char *problem, size_t problem_size,
			  int *line, int *col);

/* How deep mappings and lists may nest. Content needs six levels; libyaml
 * spends time in proportion to the depth on every token of a flow
 * collection, so without a bound a deeply nested file costs quadratic time
 * (80 000 levels: 15 s). Every scan below stops at this depth, so each is
 * linear in the input. */
enum { YAMLPOS_MAX_DEPTH = 64 };

/* Where a mapping or list nests deeper than YAMLPOS_MAX_DEPTH, if one does. */
bool yamlpos_too_deep(const char *buf, size_t len, int *line, int *col);

/* Where a scalar holds a NUL character (the escapes "\0", "\x00", "\u0000"):
 * libcyaml would silently cut the string there. */
bool yamlpos_find_nul(const char *buf, size_t len, int *line, int *col);

/* Where the first anchor (&a) or alias (*a) is: libcyaml refuses them
 * without saying where. */
bool yamlpos_find_anchor(const char *buf, size_t len, int *line, int *col);

/* Where a second document starts, when there is one. */
bool yamlpos_second_document(const char *buf, size_t len, int *line, int *col);

#endif
