/* content — the pack model and its loading through libcyaml. */
#include "mlcert/content.h"

#include <cyaml/cyaml.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "mlcert/fs.h"
#include "mlcert/pack_files.h"
#include "mlcert/text.h"
#include "mlcert/xalloc.h"
#include "mlcert/yamlpos.h"

enum { MAX_FILE_BYTES = 64 * 1024 * 1024 };

/* ---- schemas ---------------------------------------------------------- */

#define REQUIRED_TEXT(key, type, member) \
	CYAML_FIELD_STRING_PTR(key, CYAML_FLAG_POINTER, type, member, 1, CYAML_UNLIMITED)
#define OPTIONAL_TEXT(key, type, member) \
	CYAML_FIELD_STRING_PTR(key, CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, type, member, 0, \
			       CYAML_UNLIMITED)
#define LIST(key, flags, type, member, entry) \
	CYAML_FIELD_SEQUENCE(key, CYAML_FLAG_POINTER | (flags), type, member, entry, 0, CYAML_UNLIMITED)

static const cyaml_schema_value_t text_entry = {
	CYAML_VALUE_STRING(CYAML_FLAG_POINTER, char, 1, CYAML_UNLIMITED),
};

static const cyaml_schema_field_t resource_fields[] = {
	REQUIRED_TEXT("title", struct content_resource, title),
	REQUIRED_TEXT("url", struct content_resource, url),
	REQUIRED_TEXT("kind", struct content_resource, kind),
	CYAML_FIELD_END,
};
static const cyaml_schema_value_t resource_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct content_resource, resource_fields),
};

static const cyaml_schema_field_t status_fields[] = {
	REQUIRED_TEXT("state", struct content_status, state),
	OPTIONAL_TEXT("since", struct content_status, since),
	OPTIONAL_TEXT("note", struct content_status, note),
	OPTIONAL_TEXT("replaced_by", struct content_status, replaced_by),
	CYAML_FIELD_END,
};

static const cyaml_schema_field_t topic_fields[] = {
	REQUIRED_TEXT("id", struct content_topic, id),
	REQUIRED_TEXT("title", struct content_topic, title),
	OPTIONAL_TEXT("domain", struct content_topic, domain),
	OPTIONAL_TEXT("parent", struct content_topic, parent),
	REQUIRED_TEXT("name", struct content_topic, name),
	OPTIONAL_TEXT("synopsis", struct content_topic, synopsis),
	REQUIRED_TEXT("description", struct content_topic, description),
	OPTIONAL_TEXT("when_to_use", struct content_topic, when_to_use),
	LIST("exam_tips", CYAML_FLAG_OPTIONAL, struct content_topic, exam_tips, &text_entry),
	LIST("see_also", CYAML_FLAG_OPTIONAL, struct content_topic, see_also, &text_entry),
	LIST("resources", CYAML_FLAG_OPTIONAL, struct content_topic, resources, &resource_entry),
	CYAML_FIELD_MAPPING_PTR("status", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
				struct content_topic, status, status_fields),
	LIST("objectives", CYAML_FLAG_OPTIONAL, struct content_topic, objectives, &text_entry),
	REQUIRED_TEXT("as_of", struct content_topic, as_of),
	CYAML_FIELD_END,
};
static const cyaml_schema_value_t topic_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct content_topic, topic_fields),
};

static const cyaml_schema_field_t choice_fields[] = {
	REQUIRED_TEXT("text", struct content_choice, text),
	OPTIONAL_TEXT("correct", struct content_choice, correct_text),
	REQUIRED_TEXT("why", struct content_choice, why),
	CYAML_FIELD_END,
};
static const cyaml_schema_value_t choice_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct content_choice, choice_fields),
};

static const cyaml_schema_field_t question_fields[] = {
	REQUIRED_TEXT("id", struct content_question, id),
	REQUIRED_TEXT("domain", struct content_question, domain),
	LIST("topics", CYAML_FLAG_DEFAULT, struct content_question, topics, &text_entry),
	REQUIRED_TEXT("stem", struct content_question, stem),
	LIST("choices", CYAML_FLAG_DEFAULT, struct content_question, choices, &choice_entry),
	REQUIRED_TEXT("explanation", struct content_question, explanation),
	LIST("objectives", CYAML_FLAG_OPTIONAL, struct content_question, objectives, &text_entry),
	OPTIONAL_TEXT("as_of", struct content_question, as_of),
	CYAML_FIELD_END,
};
static const cyaml_schema_value_t question_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct content_question, question_fields),
};

static const cyaml_schema_field_t option_fields[] = {
	REQUIRED_TEXT("label", struct content_flow_option, label),
	REQUIRED_TEXT("next", struct content_flow_option, next),
	CYAML_FIELD_END,
};
static const cyaml_schema_value_t option_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct content_flow_option, option_fields),
};

static const cyaml_schema_field_t node_fields[] = {
	REQUIRED_TEXT("id", struct content_flow_node, id),
	OPTIONAL_TEXT("ask", struct content_flow_node, ask),
	LIST("options", CYAML_FLAG_OPTIONAL, struct content_flow_node, options, &option_entry),
	OPTIONAL_TEXT("result", struct content_flow_node, result),
	OPTIONAL_TEXT("topic", struct content_flow_node, topic),
	OPTIONAL_TEXT("note", struct content_flow_node, note),
	CYAML_FIELD_END,
};
static const cyaml_schema_value_t node_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct content_flow_node, node_fields),
};

static const cyaml_schema_field_t flow_fields[] = {
	REQUIRED_TEXT("id", struct content_flow, id),
	REQUIRED_TEXT("title", struct content_flow, title),
	OPTIONAL_TEXT("summary", struct content_flow, summary),
	REQUIRED_TEXT("start", struct content_flow, start),
	LIST("nodes", CYAML_FLAG_DEFAULT, struct content_flow, nodes, &node_entry),
	CYAML_FIELD_END,
};
static const cyaml_schema_value_t flow_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct content_flow, flow_fields),
};

/* Any file but pack.yaml: each list optional, so a file may hold one kind or all. */
struct content_unit {
	struct content_topic *topics;
	unsigned topics_count;
	struct content_question *questions;
	unsigned questions_count;
	struct content_flow *flows;
	unsigned flows_count;
};
static const cyaml_schema_field_t unit_fields[] = {
	LIST("topics", CYAML_FLAG_OPTIONAL, struct content_unit, topics, &topic_entry),
	LIST("questions", CYAML_FLAG_OPTIONAL, struct content_unit, questions, &question_entry),
	LIST("flows", CYAML_FLAG_OPTIONAL, struct content_unit, flows, &flow_entry),
	CYAML_FIELD_END,
};
static const cyaml_schema_value_t unit_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct content_unit, unit_fields),
};

static const cyaml_schema_field_t objective_fields[] = {
	REQUIRED_TEXT("id", struct content_objective, id),
	REQUIRED_TEXT("title", struct content_objective, title),
	CYAML_FIELD_END,
};
static const cyaml_schema_value_t objective_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct content_objective, objective_fields),
};

static const cyaml_schema_field_t domain_fields[] = {
	REQUIRED_TEXT("id", struct content_domain, id),
	REQUIRED_TEXT("title", struct content_domain, title),
	REQUIRED_TEXT("weight", struct content_domain, weight_text),
	OPTIONAL_TEXT("summary", struct content_domain, summary),
	LIST("objectives", CYAML_FLAG_OPTIONAL, struct content_domain, objectives, &objective_entry),
	CYAML_FIELD_END,
};
static const cyaml_schema_value_t domain_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct content_domain, domain_fields),
};

static const cyaml_schema_field_t exam_fields[] = {
	REQUIRED_TEXT("questions", struct content_exam_facts, questions_text),
	REQUIRED_TEXT("minutes", struct content_exam_facts, minutes_text),
	OPTIONAL_TEXT("format", struct content_exam_facts, format),
	OPTIONAL_TEXT("passing", struct content_exam_facts, passing),
	CYAML_FIELD_END,
};

static const cyaml_schema_field_t guide_fields[] = {
	REQUIRED_TEXT("date", struct content_guide, date),
	REQUIRED_TEXT("source", struct content_guide, source),
	OPTIONAL_TEXT("note", struct content_guide, note),
	CYAML_FIELD_END,
};

static const cyaml_schema_field_t rename_fields[] = {
	REQUIRED_TEXT("old", struct content_rename, old_name),
	REQUIRED_TEXT("current", struct content_rename, current_name),
	REQUIRED_TEXT("since", struct content_rename, since),
	CYAML_FIELD_END,
};
static const cyaml_schema_value_t rename_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct content_rename, rename_fields),
};

static const cyaml_schema_field_t meta_fields[] = {
	REQUIRED_TEXT("id", struct content_meta, id),
	REQUIRED_TEXT("title", struct content_meta, title),
	REQUIRED_TEXT("guide_version", struct content_meta, guide_version),
	CYAML_FIELD_MAPPING_PTR("guide", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct content_meta,
				guide, guide_fields),
	REQUIRED_TEXT("as_of", struct content_meta, as_of),
	OPTIONAL_TEXT("description", struct content_meta, description),
	CYAML_FIELD_MAPPING("exam", CYAML_FLAG_DEFAULT, struct content_meta, exam, exam_fields),
	LIST("domains", CYAML_FLAG_DEFAULT, struct content_meta, domains, &domain_entry),
	LIST("renames", CYAML_FLAG_OPTIONAL, struct content_meta, renames, &rename_entry),
	CYAML_FIELD_END,
};
static const cyaml_schema_value_t meta_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct content_meta, meta_fields),
};

/* ---- libcyaml messages ------------------------------------------------ */

struct log_capture {
	char text[4096];
	size_t len;
};

/* libcyaml would print to stderr, which corrupts a curses screen: keep its
 * messages and turn them into diagnostics. */
static void capture_log(cyaml_log_t level, void *ctx, const char *fmt, va_list args)
	__attribute__((format(printf, 3, 0)));

static void capture_log(cyaml_log_t level, void *ctx, const char *fmt, va_list args)
{
	(void)level;
	struct log_capture *capture = ctx;
	if (capture->len + 1 >= sizeof capture->text)
		return;
	int n = vsnprintf(capture->text + capture->len, sizeof capture->text - capture->len, fmt, args);
	if (n > 0)
		capture->len += (size_t)n < sizeof capture->text - capture->len
					? (size_t)n
					: sizeof capture->text - capture->len - 1;
}

struct backtrace_entry {
	char field[128];  /* mapping field name, or "" */
	long entry;       /* 1-based sequence entry, or 0 */
	int line, col;
};

struct cyaml_report {
	char message[512];
	struct backtrace_entry trace[32]; /* innermost first */
	int depth;
};

static void parse_report(const char *text, struct cyaml_report *report)
{
	memset(report, 0, sizeof *report);
	for (const char *line = text; *line;) {
		const char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) : strlen(line);
		char buf[512];
		snprintf(buf, sizeof buf, "%.*s", (int)(n < sizeof buf ? n : sizeof buf - 1), line);
		if (strncmp(buf, "Load: ", 6) == 0 && strcmp(buf, "Load: Backtrace:") != 0 &&
		    !report->message[0]) {
			snprintf(report->message, sizeof report->message, "%s", buf + 6);
		} else if (strncmp(buf, "Load:   in ", 11) == 0 || strncmp(buf, "  in ", 5) == 0) {
			const char *in = strstr(buf, "in ") + 3;
			if (report->depth < (int)(sizeof report->trace / sizeof report->trace[0])) {
				struct backtrace_entry *e = &report->trace[report->depth++];
				memset(e, 0, sizeof *e);
				if (sscanf(in, "mapping field '%127[^']'", e->field) != 1)
					sscanf(in, "sequence entry '%ld'", &e->entry);
				const char *pos = strstr(in, "(line: ");
				if (pos)
					sscanf(pos, "(line: %d, column: %d)", &e->line, &e->col);
			}
		}
		line = end ? end + 1 : line + n;
	}
}

/* The path of the innermost node named by the backtrace, as "/a/0/b". */
static void report_path(const struct cyaml_report *report, int skip_innermost, char *path,
			size_t size)
{
	size_t len = 0;
	path[0] = '\0';
	for (int i = report->depth - 1; i >= skip_innermost; i--) {
		const struct backtrace_entry *e = &report->trace[i];
		int n = 0;
		if (e->field[0])
			n = snprintf(path + len, size - len, "/%s", e->field);
		else if (e->entry > 0)
			n = snprintf(path + len, size - len, "/%ld", e->entry - 1);
		if (n > 0 && (size_t)n < size - len)
			len += (size_t)n;
	}
}

static const char *describe_event(const char *event)
{
	if (strncmp(event, "SCALAR", 6) == 0)
		return "a single value";
	if (strncmp(event, "SEQUENCE", 8) == 0)
		return "a list";
	if (strncmp(event, "MAPPING", 7) == 0)
		return "a mapping";
	if (strncmp(event, "ALIAS", 5) == 0)
		return "an alias";
	return "something else";
}

static const char *describe_type(const char *type)
{
	if (strcmp(type, "SEQUENCE") == 0 || strcmp(type, "SEQUENCE_FIXED") == 0)
		return "a list";
	if (strcmp(type, "MAPPING") == 0)
		return "a mapping";
	return "a single value";
}

static void report_cyaml_error(cyaml_err_t err, const struct log_capture *capture,
			       const char *path, const char *buf, size_t len,
			       struct diag_list *diags)
{
	struct cyaml_report report;
	parse_report(capture->text, &report);
	int line = report.depth ? report.trace[0].line : 1;
	int col = report.depth ? report.trace[0].col : 1;
	const char *field = report.depth ? report.trace[0].field : "";
	char node_path[1024], problem[256];
	char expected[32], got[32], key[128];

	if (err == CYAML_ERR_LIBYAML_PARSER) {
		if (yamlpos_syntax_error(buf, len, problem, sizeof problem, &line, &col))
			diag_add(diags, DIAG_ERROR, path, line, col, "YAML syntax: %s", problem);
		else
			diag_add(diags, DIAG_ERROR, path, line, col, "YAML syntax: %s", report.message);
	} else if (sscanf(report.message, "Unexpected key: %127[^\n]", key) == 1) {
		report_path(&report, 0, node_path, sizeof node_path);
		size_t used = strlen(node_path);
		snprintf(node_path + used, sizeof node_path - used, "/%s", key);
		yamlpos_find(buf, len, node_path, &line, &col);
		diag_add(diags, DIAG_ERROR, path, line, col, "unknown key '%s'", key);
	} else if (sscanf(report.message, "Missing required mapping field: %127[^\n]", key) == 1) {
		/* The innermost frame is the last key read; the mapping is its parent. */
		if (report.depth > 1 && report.trace[0].field[0]) {
			line = report.trace[1].line;
			col = report.trace[1].col;
		} else if (report.depth == 1 && report.trace[0].field[0]) {
			line = 1;
			col = 1;
		}
		diag_add(diags, DIAG_ERROR, path, line, col, "missing required key '%s'", key);
	} else if (sscanf(report.message, "Mapping field already seen: %127[^\n]", key) == 1) {
		report_path(&report, 0, node_path, sizeof node_path);
		yamlpos_find_nth(buf, len, node_path, 2, &line, &col);
		diag_add(diags, DIAG_ERROR, path, line, col, "key '%s' appears twice", key);
	} else if (sscanf(report.message, "Expecting %31s got event: %31s", expected, got) == 2) {
		size_t n = strlen(expected);
		if (n && expected[n - 1] == ',')
			expected[n - 1] = '\0';
		/* Text with ": " in it turns into a mapping; say how to fix that. */
		const char *hint = strncmp(got, "MAPPING", 7) == 0 && strcmp(describe_type(expected), "a single value") == 0
					   ? " (quote text that contains ': ')"
					   : "";
		if (field[0])
			diag_add(diags, DIAG_ERROR, path, line, col, "'%s' must be %s, not %s%s", field,
				 describe_type(expected), describe_event(got), hint);
		else if (report.depth > 1 && report.trace[0].entry > 0 && report.trace[1].field[0])
			diag_add(diags, DIAG_ERROR, path, line, col, "each entry of '%s' must be %s, not %s%s",
				 report.trace[1].field, describe_type(expected), describe_event(got), hint);
		else if (report.depth == 0)
			diag_add(diags, DIAG_ERROR, path, 1, 1,
				 "the file must be a mapping of keys, not %s", describe_event(got));
		else
			diag_add(diags, DIAG_ERROR, path, line, col, "expected %s, not %s%s",
				 describe_type(expected), describe_event(got), hint);
	} else if (err == CYAML_ERR_STRING_LENGTH_MIN) {
		diag_add(diags, DIAG_ERROR, path, line, col, "'%s' must not be empty",
			 field[0] ? field : "this entry");
	} else if (err == CYAML_ERR_OOM) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "out of memory while loading");
	} else {
		diag_add(diags, DIAG_ERROR, path, line, col, "%s",
			 report.message[0] ? report.message : cyaml_strerror(err));
	}
}

/* ---- loading ---------------------------------------------------------- */

static void line_col_of_offset(const char *buf, size_t offset, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < offset; i++) {
		if (buf[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)buf[i] & 0xC0) != 0x80) {
			(*col)++;
		}
	}
}

static bool only_blank_or_comments(const char *buf, size_t len)
{
	bool in_comment = false;
	for (size_t i = 0; i < len; i++) {
		char c = buf[i];
		if (c == '\n')
			in_comment = false;
		else if (c == '#' && !in_comment)
			in_comment = true;
		else if (!in_comment && c != ' ' && c != '\t' && c != '\r')
			return false;
	}
	return true;
}

/* Room for need elements (true: it cannot fail, xalloc exits instead). */
static bool grow(void **array, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return true;
	size_t cap2 = *cap ? *cap * 2 : 64;
	while (cap2 < need)
		cap2 *= 2;
	*array = xreallocarray(*array, cap2, elem);
	*cap = cap2;
	return true;
}

struct pack_builder {
	struct content_pack *pack;
	size_t sources_cap, topics_cap, questions_cap, flows_cap;
};

static const cyaml_config_t *loader_config(struct log_capture *capture, cyaml_config_t *config)
{
	*config = (cyaml_config_t){
		.log_fn = capture_log,
		.log_ctx = capture,
		.mem_fn = cyaml_mem,
		.log_level = CYAML_LOG_WARNING,
		.flags = CYAML_CFG_NO_ALIAS,
	};
	return config;
}

/* Whether buf holds an escape that makes a NUL: \0, \x00, \u0000, \U00000000. */
static bool has_nul_escape(const char *buf, size_t len)
{
	static const char *const escapes[] = {"\\0", "\\x00", "\\u0000", "\\U00000000"};
	for (const char *p = buf, *end = buf + len; (p = memchr(p, '\\', (size_t)(end - p))); p++)
		for (size_t i = 0; i < sizeof escapes / sizeof escapes[0]; i++) {
			size_t n = strlen(escapes[i]);
			if ((size_t)(end - p) >= n && memcmp(p, escapes[i], n) == 0)
				return true;
		}
	return false;
}

/* Parses one file's text into a document, or NULL with diagnostics. Touches
 * nothing but its arguments, so files can be parsed on several threads. */
static void *parse_one(const struct content_source *src, const char *buf, size_t len,
		       struct diag_list *diags)
{
	const cyaml_schema_value_t *schema = src->is_meta ? &meta_schema : &unit_schema;
	int line, col;
	struct log_capture capture = {.len = 0};
	cyaml_config_t config;
	void *doc = NULL;
	cyaml_err_t err = cyaml_load_data((const uint8_t *)buf, len,
					  loader_config(&capture, &config), schema, &doc, NULL);
	/* libyaml rejects bad UTF-8 and NUL bytes without saying where; say it
	 * precisely. Checked only on failure, so a clean load does not pay for it. */
	size_t bad;
	if (err == CYAML_ERR_LIBYAML_PARSER && !text_utf8_valid(buf, len, &bad)) {
		line_col_of_offset(buf, bad, &line, &col);
		diag_add(diags, DIAG_ERROR, src->path, line, col,
			 "invalid UTF-8 (byte 0x%02X); save the file as UTF-8",
			 (unsigned)(unsigned char)buf[bad]);
		return NULL;
	}
	const char *nul = memchr(buf, '\0', len);
	if (err == CYAML_ERR_LIBYAML_PARSER && nul) {
		line_col_of_offset(buf, (size_t)(nul - buf), &line, &col);
		diag_add(diags, DIAG_ERROR, src->path, line, col, "NUL byte in a text file");
		return NULL;
	}
	if (err != CYAML_OK && yamlpos_too_deep(buf, len, &line, &col)) {
		/* Said first, and alone: the scans below stop at this depth too. */
		diag_add(diags, DIAG_ERROR, src->path, line, col,
			 "nested deeper than %d levels (mappings and lists in one another); content needs a few",
			 YAMLPOS_MAX_DEPTH);
		return NULL;
	}
	if (err != CYAML_OK) {
		/* An anchor often makes libcyaml fail elsewhere first; name the cause. */
		bool anchored = yamlpos_find_anchor(buf, len, &line, &col);
		if (!anchored)
			line = col = 1;
		if (err == CYAML_ERR_ALIAS || anchored)
			diag_add(diags, DIAG_ERROR, src->path, line, col,
				 "YAML anchors and aliases are not allowed; write the value out");
		if (err != CYAML_ERR_ALIAS)
			report_cyaml_error(err, &capture, src->path, buf, len, diags);
		return NULL;
	}
	/* libcyaml reads only the first document and says so in its log; only
	 * then is a second parse worth its cost, to say where. */
	if (strstr(capture.text, "Ignoring documents after first") &&
	    yamlpos_second_document(buf, len, &line, &col)) {
		diag_add(diags, DIAG_ERROR, src->path, line, col,
			 "a second YAML document starts here; a file holds one document");
		cyaml_free(&config, schema, doc, 0);
		return NULL;
	}
	/* "\0" in a double-quoted string is a NUL, where C strings end: libcyaml
	 * would cut the text there without a word. The escapes are rare in text,
	 * so only a file holding one is scanned. */
	if (doc && has_nul_escape(buf, len) && yamlpos_find_nul(buf, len, &line, &col)) {
		diag_add(diags, DIAG_ERROR, src->path, line, col,
			 "this text holds a NUL character (an escape such as \\0 or \\x00); remove it");
		cyaml_free(&config, schema, doc, 0);
		return NULL;
	}
	if (!doc || only_blank_or_comments(buf, len)) {
		diag_add(diags, DIAG_ERROR, src->path, 1, 1, "%s",
			 src->is_meta ? "empty file: expected the pack's id, title, exam and domains"
				      : "empty file: expected 'topics', 'questions' or 'flows'");
		if (doc)
			cyaml_free(&config, schema, doc, 0);
		return NULL;
	}
	return doc;
}

/* Attaches a parsed document to its source and lists its items, in file order. */
static void register_doc(struct pack_builder *b, struct content_source *src, void *doc,
			 struct diag_list *diags)
{
	if (!doc) {
		b->pack->failed_sources++;
		return;
	}
	src->doc = doc;
	unsigned source = (unsigned)(src - b->pack->sources);
	if (src->is_meta) {
		b->pack->meta = doc;
		return;
	}
	struct content_unit *unit = doc;
	struct content_pack *p = b->pack;
	grow((void **)&p->topics, &b->topics_cap, p->topic_count + unit->topics_count, sizeof *p->topics);
	grow((void **)&p->questions, &b->questions_cap, p->question_count + unit->questions_count,
	     sizeof *p->questions);
	grow((void **)&p->flows, &b->flows_cap, p->flow_count + unit->flows_count, sizeof *p->flows);
	for (unsigned i = 0; i < unit->topics_count; i++) {
		struct content_topic *t = &unit->topics[i];
		t->origin = (struct content_origin){source, i, CONTENT_KIND_TOPIC};
		t->index = (int)p->topic_count;
		t->domain_index = t->parent_index = -1;
		p->topics[p->topic_count++] = t;
	}
	for (unsigned i = 0; i < unit->questions_count; i++) {
		struct content_question *q = &unit->questions[i];
		q->origin = (struct content_origin){source, i, CONTENT_KIND_QUESTION};
		q->index = (int)p->question_count;
		q->domain_index = -1;
		p->questions[p->question_count++] = q;
	}
	for (unsigned i = 0; i < unit->flows_count; i++) {
		struct content_flow *f = &unit->flows[i];
		f->origin = (struct content_origin){source, i, CONTENT_KIND_FLOW};
		f->start_index = -1;
		p->flows[p->flow_count++] = f;
	}
}

static bool is_meta_name(const char *name)
{
	return strcmp(name, "pack.yaml") == 0 || strcmp(name, "pack.yml") == 0;
}


static void trim_slashes(char *root)
{
	for (size_t n = strlen(root); n > 1 && root[n - 1] == '/'; n--)
		root[n - 1] = '\0';
}

static struct content_pack *new_pack(const char *root, size_t count)
{
	struct content_pack *pack = xcalloc(1, sizeof *pack);
	pack->root = xstrdup(root);
	pack->sources = xcalloc(count, sizeof *pack->sources);
	return pack;
}

struct content_pack *content_load_buffers(const char *root, const struct content_buffer *files,
					  size_t count, struct diag_list *diags)
{
	struct pack_builder b = {.pack = new_pack(root, count)};
	bool has_meta = false;
	for (size_t i = 0; i < count; i++) {
		struct content_source *src = &b.pack->sources[b.pack->source_count++];
		src->path = pack_files_join(root, files[i].name);
		src->data = files[i].data;
		src->data_len = files[i].len;
		src->is_meta = is_meta_name(files[i].name);
		has_meta |= src->is_meta;
		register_doc(&b, src, parse_one(src, files[i].data, files[i].len, diags), diags);
	}
	if (!has_meta) {
		diag_add(diags, DIAG_ERROR, root, 0, 0, "no pack.yaml: this is not a content pack");
		content_pack_free(b.pack);
		return NULL;
	}
	return b.pack;
}

struct content_pack *content_load_dir(const char *dir, struct diag_list *diags)
{
	char root[4096];
	snprintf(root, sizeof root, "%s", dir);
	trim_slashes(root);

	struct pack_files names = {0};
	struct content_pack *pack = NULL;
	if (!pack_files_find(root, &names, diags))
		goto out;
	/* Files are read one at a time and freed after parsing: only the parsed
	 * data stays in memory; positions for later diagnostics re-read the file. */
	struct pack_builder b = {.pack = new_pack(root, names.count)};
	bool has_meta = false;
	for (size_t i = 0; i < names.count; i++) {
		struct content_source *src = &b.pack->sources[b.pack->source_count++];
		src->path = pack_files_join(root, names.names[i]);
		src->is_meta = strchr(names.names[i], '/') == NULL && is_meta_name(names.names[i]);
		has_meta |= src->is_meta;
		size_t len = 0;
		char *buf = fs_read_file(src->path, MAX_FILE_BYTES, &len);
		if (!buf)
			diag_add(diags, DIAG_ERROR, src->path, 0, 0, "cannot read: %s", strerror(errno));
		register_doc(&b, src, buf ? parse_one(src, buf, len, diags) : NULL, diags);
		free(buf);
	}
	if (!has_meta) {
		diag_add(diags, DIAG_ERROR, root, 0, 0, "no pack.yaml: this is not a content pack");
		content_pack_free(b.pack);
		goto out;
	}
	pack = b.pack;
out:
	pack_files_free(&names);
	return pack;
}

const struct cyaml_schema_value *content_file_schema(bool is_meta)
{
	return is_meta ? &meta_schema : &unit_schema;
}

void content_arena_release(struct content_arena arena)
{
	free(arena.block);
	if (arena.map)
		munmap(arena.map, arena.map_len);
}

struct content_pack *content_pack_assemble(const char *root, const struct content_document *docs,
					   size_t count, struct content_arena arena, struct diag_list *diags)
{
	struct pack_builder b = {.pack = new_pack(root, count)};
	b.pack->arena = arena;
	trim_slashes(b.pack->root);
	for (size_t i = 0; i < count; i++) {
		struct content_source *src = &b.pack->sources[b.pack->source_count++];
		src->path = pack_files_join(b.pack->root, docs[i].name);
		src->is_meta = docs[i].is_meta;
		src->data = docs[i].data;
		src->data_len = docs[i].len;
		register_doc(&b, src, docs[i].doc, diags);
	}
	return b.pack;
}

bool content_dir_fingerprint(const char *dir, uint64_t *fingerprint)
{
	struct diag_list scratch;
	diag_list_init(&scratch);
	struct pack_files names = {0};
	bool ok = pack_files_find(dir, &names, &scratch) && scratch.count == 0;
	uint64_t h = text_hash(TEXT_HASH_START, dir, strlen(dir) + 1);
	for (size_t i = 0; ok && i < names.count; i++) {
		char *path = pack_files_join(dir, names.names[i]);
		struct stat st;
		ok = path && stat(path, &st) == 0;
		free(path);
		if (!ok)
			break;
		int64_t facts[] = {(int64_t)st.st_dev, (int64_t)st.st_ino, (int64_t)st.st_size,
				   (int64_t)st.st_mtim.tv_sec, (int64_t)st.st_mtim.tv_nsec,
				   (int64_t)st.st_ctim.tv_sec, (int64_t)st.st_ctim.tv_nsec};
		h = text_hash(h, names.names[i], strlen(names.names[i]) + 1);
		h = text_hash(h, facts, sizeof facts);
	}
	pack_files_free(&names);
	diag_list_free(&scratch);
	*fingerprint = h;
	return ok;
}

struct content_id_index {
	struct content_id_entry *slots;
	size_t cap, count;
};

void content_pack_free(struct content_pack *pack)
{
	if (!pack)
		return;
	struct log_capture capture = {.len = 0};
	cyaml_config_t config;
	loader_config(&capture, &config);
	for (size_t i = 0; i < pack->source_count; i++) {
		struct content_source *src = &pack->sources[i];
		if (src->doc && !pack->arena.block)
			cyaml_free(&config, src->is_meta ? &meta_schema : &unit_schema, src->doc, 0);
		yamlpos_index_free(src->positions);
		free(src->path);
	}
	if (pack->ids)
		free(pack->ids->slots);
	free(pack->ids);
	free(pack->question_topics);
	free(pack->objective_links);
	free(pack->objectives);
	struct content_list *lists[] = {&pack->topic_children, &pack->topic_questions, &pack->domain_questions};
	for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
		free(lists[i]->start);
		free(lists[i]->items);
	}
	free(pack->sources);
	free(pack->topics);
	free(pack->questions);
	free(pack->flows);
	free(pack->root);
	content_arena_release(pack->arena);
	free(pack);
}

/* ---- positions -------------------------------------------------------- */

void content_locate(struct content_pack *pack, struct content_origin origin, const char *subpath,
		    const char **file, int *line, int *col)
{
	*line = 0;
	*col = 0;
	*file = pack->root;
	if (origin.source >= pack->source_count)
		return;
	struct content_source *src = &pack->sources[origin.source];
	*file = src->path;
	if (!src->positions) {
		if (src->data) {
			src->positions = yamlpos_index_build(src->data, src->data_len);
		} else {
			size_t len;
			char *buf = fs_read_file(src->path, MAX_FILE_BYTES, &len);
			if (buf)
				src->positions = yamlpos_index_build(buf, len);
			free(buf);
		}
		if (!src->positions)
			return;
	}
	char path[1024];
	static const char *const list_key[] = {
		[CONTENT_KIND_TOPIC] = "topics",
		[CONTENT_KIND_QUESTION] = "questions",
		[CONTENT_KIND_FLOW] = "flows",
	};
	if (origin.kind == CONTENT_KIND_PACK)
		snprintf(path, sizeof path, "%s", subpath);
	else
		snprintf(path, sizeof path, "/%s/%u%s", list_key[origin.kind], origin.index, subpath);
	yamlpos_index_find(src->positions, path, 1, line, col);
}

/* ---- ids -------------------------------------------------------------- */

static uint64_t hash_id(const char *s)
{
	return text_hash(TEXT_HASH_START, s, strlen(s));
}

const struct content_id_entry *content_index_get(const struct content_pack *pack, const char *id)
{
	const struct content_id_index *ix = pack->ids;
	if (!ix || !id)
		return NULL;
	uint64_t h = hash_id(id);
	for (size_t i = h & (ix->cap - 1);; i = (i + 1) & (ix->cap - 1)) {
		if (!ix->slots[i].id)
			return NULL;
		/* the hash first: a strcmp would read an id elsewhere in memory */
		if (ix->slots[i].hash == h && strcmp(ix->slots[i].id, id) == 0)
			return &ix->slots[i];
	}
}

static bool index_insert(struct content_id_index *ix, struct content_id_entry entry)
{
	for (size_t i = entry.hash & (ix->cap - 1);; i = (i + 1) & (ix->cap - 1)) {
		if (!ix->slots[i].id) {
			ix->slots[i] = entry;
			ix->count++;
			return true;
		}
	}
}

const struct content_id_entry *content_index_add(struct content_pack *pack, const char *id,
						 enum content_id_kind kind, int index)
{
	const struct content_id_entry *existing = content_index_get(pack, id);
	if (existing)
		return existing;
	struct content_id_index *ix = pack->ids;
	if (!ix) {
		ix = pack->ids = xcalloc(1, sizeof *ix);
	}
	if ((ix->count + 1) * 2 > ix->cap) {
		/* Room at once for every id the pack can have, at most half full. */
		size_t cap = ix->cap ? ix->cap * 2 : 256;
		size_t ids = pack->topic_count + pack->question_count + pack->flow_count +
			     (pack->meta ? pack->meta->domains_count : 0);
		while (!ix->cap && cap < 2 * ids + 2)
			cap *= 2;
		struct content_id_index bigger = {.cap = cap};
		bigger.slots = xcalloc(bigger.cap, sizeof *bigger.slots);
		for (size_t i = 0; i < ix->cap; i++)
			if (ix->slots[i].id)
				index_insert(&bigger, ix->slots[i]);
		free(ix->slots);
		*ix = bigger;
	}
	index_insert(ix, (struct content_id_entry){.id = id, .hash = hash_id(id), .kind = kind, .index = index});
	return NULL;
}

static const struct content_id_entry *find_kind(const struct content_pack *pack, const char *id,
						enum content_id_kind kind)
{
	const struct content_id_entry *e = content_index_get(pack, id);
	return e && e->kind == kind ? e : NULL;
}

struct content_topic *content_find_topic(const struct content_pack *pack, const char *id)
{
	const struct content_id_entry *e = find_kind(pack, id, CONTENT_ID_TOPIC);
	return e ? pack->topics[e->index] : NULL;
}

struct content_question *content_find_question(const struct content_pack *pack, const char *id)
{
	const struct content_id_entry *e = find_kind(pack, id, CONTENT_ID_QUESTION);
	return e ? pack->questions[e->index] : NULL;
}

struct content_flow *content_find_flow(const struct content_pack *pack, const char *id)
{
	const struct content_id_entry *e = find_kind(pack, id, CONTENT_ID_FLOW);
	return e ? pack->flows[e->index] : NULL;
}

int content_find_domain(const struct content_pack *pack, const char *id)
{
	const struct content_id_entry *e = find_kind(pack, id, CONTENT_ID_DOMAIN);
	return e ? e->index : -1;
}

int content_find_objective(const struct content_pack *pack, const char *id)
{
	/* A guide has a dozen or two subsections: a scan beats an index. */
	for (size_t i = 0; i < pack->objective_count; i++)
		if (strcmp(pack->objectives[i]->id, id) == 0)
			return (int)i;
	return -1;
}
