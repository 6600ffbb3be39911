/* yamlpos — positions from libyaml events. */
#include "mlcert/yamlpos.h"

#include <stdio.h>
#include <string.h>
#include <yaml.h>

enum { MAX_DEPTH = 64, COMPONENT_MAX = 128 };

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

/* Splits path into components in place; returns how many. */
static int split_path(char *path, char *components[], int max)
{
	int n = 0;
	for (char *tok = strtok(path, "/"); tok && n < max; tok = strtok(NULL, "/"))
		components[n++] = tok;
	return n;
}

bool yamlpos_find(const char *buf, size_t len, const char *path, int *line, int *col)
{
	return yamlpos_find_nth(buf, len, path, 1, line, col);
}

bool yamlpos_find_nth(const char *buf, size_t len, const char *path, int nth, int *line,
		      int *col)
{
	char copy[1024];
	char *want[MAX_DEPTH];
	snprintf(copy, sizeof copy, "%s", path);
	int want_depth = split_path(copy, want, MAX_DEPTH);

	*line = 1;
	*col = 1;
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser))
		return false;
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);

	struct frame stack[MAX_DEPTH];
	int depth = 0;      /* frames on the stack */
	int matched = 0;    /* leading frames whose component matches want[] */
	bool found = false, done = false;
	while (!done && !found) {
		yaml_event_t event;
		if (!yaml_parser_parse(&parser, &event))
			break;
		bool starts_node = event.type == YAML_SCALAR_EVENT || event.type == YAML_ALIAS_EVENT ||
				   event.type == YAML_MAPPING_START_EVENT ||
				   event.type == YAML_SEQUENCE_START_EVENT;
		if (event.type == YAML_STREAM_END_EVENT || event.type == YAML_DOCUMENT_END_EVENT)
			done = true;
		if (starts_node && depth > 0) {
			struct frame *parent = &stack[depth - 1];
			char component[COMPONENT_MAX];
			int node_line, node_col;
			bool is_key = false;
			if (!parent->is_mapping) {
				snprintf(component, sizeof component, "%lu", parent->next_index++);
				set_pos(&event.start_mark, &node_line, &node_col);
			} else if (parent->expect_key) {
				is_key = true;
				parent->expect_key = false;
				if (event.type == YAML_SCALAR_EVENT)
					snprintf(parent->key, sizeof parent->key, "%s",
						 (const char *)event.data.scalar.value);
				else
					parent->key[0] = '\0';
				set_pos(&event.start_mark, &parent->key_line, &parent->key_col);
			} else {
				parent->expect_key = true;
				snprintf(component, sizeof component, "%s", parent->key);
				node_line = parent->key_line;
				node_col = parent->key_col;
			}
			/* A new node at this level replaces whatever matched here before. */
			if (!is_key && matched > depth - 1)
				matched = depth - 1;
			/* The node is on the wanted path when every ancestor matched and its
			 * own component is the next wanted one. */
			if (!is_key && matched == depth - 1 && depth - 1 < want_depth &&
			    strcmp(component, want[depth - 1]) == 0) {
				matched = depth;
				*line = node_line;
				*col = node_col;
				if (matched == want_depth && --nth <= 0)
					found = true;
			}
		}
		if (!found && (event.type == YAML_MAPPING_START_EVENT ||
			       event.type == YAML_SEQUENCE_START_EVENT)) {
			if (depth == MAX_DEPTH) {
				yaml_event_delete(&event);
				break;
			}
			stack[depth++] = (struct frame){
				.is_mapping = event.type == YAML_MAPPING_START_EVENT,
				.expect_key = true,
			};
		} else if (event.type == YAML_MAPPING_END_EVENT ||
			   event.type == YAML_SEQUENCE_END_EVENT) {
			if (depth > 0)
				depth--;
			if (matched > depth)
				matched = depth;
		}
		if (want_depth == 0 && event.type == YAML_DOCUMENT_START_EVENT) {
			set_pos(&event.start_mark, line, col);
			found = true;
		}
		yaml_event_delete(&event);
	}
	yaml_parser_delete(&parser);
	return found;
}

bool yamlpos_syntax_error(const char *buf, size_t len, char *problem, size_t problem_size,
			  int *line, int *col)
{
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser))
		return false;
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	bool failed = false;
	for (;;) {
		yaml_event_t event;
		if (!yaml_parser_parse(&parser, &event)) {
			failed = true;
			break;
		}
		bool end = event.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&event);
		if (end)
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

bool yamlpos_second_document(const char *buf, size_t len, int *line, int *col)
{
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser))
		return false;
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	int documents = 0;
	bool found = false;
	for (;;) {
		yaml_event_t event;
		if (!yaml_parser_parse(&parser, &event))
			break;
		bool end = event.type == YAML_STREAM_END_EVENT;
		if (event.type == YAML_DOCUMENT_START_EVENT && ++documents == 2) {
			set_pos(&event.start_mark, line, col);
			found = true;
		}
		yaml_event_delete(&event);
		if (end || found)
			break;
	}
	yaml_parser_delete(&parser);
	return found;
}

bool yamlpos_find_anchor(const char *buf, size_t len, int *line, int *col)
{
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser))
		return false;
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	bool found = false;
	for (;;) {
		yaml_event_t event;
		if (!yaml_parser_parse(&parser, &event))
			break;
		bool end = event.type == YAML_STREAM_END_EVENT;
		const unsigned char *anchor =
			event.type == YAML_SCALAR_EVENT	       ? event.data.scalar.anchor
			: event.type == YAML_MAPPING_START_EVENT  ? event.data.mapping_start.anchor
			: event.type == YAML_SEQUENCE_START_EVENT ? event.data.sequence_start.anchor
								  : NULL;
		if (event.type == YAML_ALIAS_EVENT || anchor) {
			set_pos(&event.start_mark, line, col);
			found = true;
		}
		yaml_event_delete(&event);
		if (end || found)
			break;
	}
	yaml_parser_delete(&parser);
	return found;
}
