/* content — the model of a study pack and its loading from YAML through
 * libcyaml schemas, from a folder or from memory buffers.
 *
 * The structs below are exactly what libcyaml fills; the fields under
 * "derived" are not read from YAML but filled by check_pack(). Numbers and
 * booleans are read as text and parsed strictly by check_pack(), because
 * libcyaml 1.3 accepts `13abc` as 13 and any word but a few as true. */
#ifndef MLCERT_CONTENT_H
#define MLCERT_CONTENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mlcert/choice.h"
#include "mlcert/diag.h"

enum content_kind { CONTENT_KIND_PACK, CONTENT_KIND_TOPIC, CONTENT_KIND_QUESTION, CONTENT_KIND_FLOW };

/* Where an item was defined: the file, and its entry in that file's list. */
struct content_origin {
	unsigned source;
	unsigned index;
	enum content_kind kind;
};

struct content_resource {
	char *title;
	char *url;
	char *kind; /* doc, guide, tutorial, video, course, exam, blog, paper, tool */
};

struct content_status {
	char *state; /* active, preview, deprecated, renamed, retired */
	char *since; /* YYYY-MM-DD */
	char *note;
	char *replaced_by; /* a topic id */
};

struct content_topic {
	char *id;
	char *title;
	char *domain; /* exactly one of domain and parent */
	char *parent;
	char *name;   /* the NAME line */
	char *synopsis;
	char *description;
	char *when_to_use;
	char **exam_tips;
	unsigned exam_tips_count;
	char **see_also;
	unsigned see_also_count;
	struct content_resource *resources;
	unsigned resources_count;
	struct content_status *status;
	char **objectives; /* ids of the guide's subsections it serves ("1.1") */
	unsigned objectives_count;
	char *as_of;
	/* derived */
	int *objective_index; /* per entry of objectives: into pack->objectives, -1 when unknown */
	int domain_index;  /* into meta->domains */
	int parent_index;  /* into pack->topics; -1 directly under a domain */
	int depth;         /* 0 directly under a domain */
	bool has_children;
	int index;         /* into pack->topics */
	struct content_origin origin;
};

struct content_choice {
	char *text;
	char *correct_text; /* "true" or "false"; absent means false (see the question's correct set) */
	char *why;
};

/* How a question is answered; check_pack decides it from the choices marked
 * correct, and everything after asks here rather than counting again. */
enum question_type {
	QUESTION_SINGLE,   /* one correct choice: choosing replaces */
	QUESTION_MULTIPLE, /* several: choosing toggles, and the stem says how many */
};

struct content_question {
	char *id;
	char *domain;
	char **topics;
	unsigned topics_count;
	char *stem;
	struct content_choice *choices;
	unsigned choices_count;
	char *explanation;
	char **objectives;
	unsigned objectives_count;
	char *as_of;
	/* derived */
	int *objective_index; /* per entry of objectives: into pack->objectives, -1 when unknown */
	int domain_index;
	int *topic_index;  /* per entry of topics: into pack->topics, -1 when unknown */
	enum question_type type;
	struct choice_set correct; /* the choices marked correct */
	int index;         /* into pack->questions */
	struct content_origin origin;
};

struct content_flow_option {
	char *label;
	char *next;
	/* derived */
	int next_index; /* into the flow's nodes */
};

struct content_flow_node {
	char *id;
	char *ask; /* a question node has ask and options ... */
	struct content_flow_option *options;
	unsigned options_count;
	char *result; /* ... a result node has result and topic */
	char *topic;
	char *note;
	/* derived */
	int topic_index;
};

struct content_flow {
	char *id;
	char *title;
	char *summary;
	char *start;
	struct content_flow_node *nodes;
	unsigned nodes_count;
	/* derived */
	int start_index;
	struct content_origin origin;
};

/* A subsection of the exam guide ("1.1"): what topics and questions serve. */
struct content_objective {
	char *id;
	char *title;
	/* derived */
	int domain_index;
	int index; /* into pack->objectives */
};

struct content_domain {
	char *id;
	char *title;
	char *weight_text;
	char *summary;
	struct content_objective *objectives;
	unsigned objectives_count;
	/* derived */
	int weight;
};

/* The exam guide a pack follows. */
struct content_guide {
	char *date;   /* YYYY-MM-DD: the guide's "as of" date */
	char *source; /* where the guide is published */
	char *note;   /* e.g. how its weights were normalised to 100 */
};

/* A product renamed by its vendor: the item-writing check flags a key that
 * alone uses a current name while a distractor uses an old one. */
struct content_rename {
	char *old_name;
	char *current_name;
	char *since;
};

struct content_exam_facts {
	char *questions_text;
	char *minutes_text;
	char *format;
	char *passing;
	/* derived */
	int questions;
	int minutes;
};

struct content_meta {
	char *id;
	char *title;
	char *guide_version;
	struct content_guide *guide;
	char *as_of;
	char *description;
	struct content_exam_facts exam;
	struct content_domain *domains;
	unsigned domains_count;
	struct content_rename *renames;
	unsigned renames_count;
};

/* One YAML file of the pack. */
struct content_source {
	char *path;            /* as shown in diagnostics */
	const char *data;      /* borrowed text when loaded from memory, else NULL */
	size_t data_len;
	bool is_meta;          /* pack.yaml */
	void *doc;             /* what libcyaml returned */
	struct yamlpos_index *positions; /* built on the first content_locate */
};

/* Lists per group (a topic, a domain): group k's items are
 * items[start[k] .. start[k + 1]), in pack order. */
struct content_list {
	size_t *start;
	int *items;
};

struct content_pack {
	char *root;
	struct content_meta *meta; /* NULL when pack.yaml failed to load */
	struct content_source *sources;
	size_t source_count;
	struct content_topic **topics;
	size_t topic_count;
	struct content_question **questions;
	size_t question_count;
	struct content_flow **flows;
	size_t flow_count;
	struct content_id_index *ids; /* owned; see content_find_* */
	int *question_topics;         /* owned: what the questions' topic_index point into */
	int *objective_links;         /* owned: what every objective_index points into */
	struct content_objective **objectives; /* owned array: every domain's, in order */
	size_t objective_count;
	/* derived by check_pack (see scope.h), so no walk of a scope scans the whole pack */
	struct content_list topic_children;   /* per topic: its child topics */
	struct content_list topic_questions;  /* per topic: the questions that name it */
	struct content_list domain_questions; /* per domain: its questions */
	size_t failed_sources;        /* files that did not load */
	struct content_arena {        /* restored from a snapshot: where the documents lie */
		void *block;          /* from malloc; NULL for a pack read from YAML */
		void *map;            /* a mapped file, or NULL */
		size_t map_len;
	} arena;
};

/* One file given from memory: name is relative to the pack root. */
struct content_buffer {
	const char *name;
	const char *data;
	size_t len;
};

/* Loads every *.yaml under dir (pack.yaml is the pack's description, every
 * other file may hold topics, questions and flows). Problems in files become
 * diagnostics and the rest still loads. Returns NULL, with a diagnostic, only
 * when dir cannot be read or holds no pack.yaml. */
struct content_pack *content_load_dir(const char *dir, struct diag_list *diags);

/* The same from memory; the buffers must outlive the pack. root names the
 * pack in diagnostics. */
struct content_pack *content_load_buffers(const char *root, const struct content_buffer *files,
					  size_t count, struct diag_list *diags);

void content_pack_free(struct content_pack *pack);

/* A fingerprint of the files a load of dir would read: their names, sizes,
 * inodes, modification and change times. False when dir cannot be read. */
bool content_dir_fingerprint(const char *dir, uint64_t *fingerprint);

/* For snapshot, which copies and restores documents by walking their
 * libcyaml schema: the schema of pack.yaml's document or any other file's. */
struct cyaml_schema_value;
const struct cyaml_schema_value *content_file_schema(bool is_meta);

/* One document restored from a snapshot; data is the file's text when the
 * pack came from memory (for positions), else NULL. */
struct content_document {
	const char *name; /* relative to the pack root */
	bool is_meta;
	void *doc;
	const char *data;
	size_t len;
};

/* A pack made of documents already in memory, all inside arena, which the
 * pack owns from then on (also on failure). check_pack() comes next, as
 * after a load from YAML. */
struct content_pack *content_pack_assemble(const char *root, const struct content_document *docs,
					   size_t count, struct content_arena arena, struct diag_list *diags);
void content_arena_release(struct content_arena arena);

/* Position of a node of an item, subpath relative to the item ("/see_also/1",
 * or "" for the item itself). Falls back to the nearest existing ancestor.
 * The first call for a file indexes every position in it, so a file with a
 * thousand problems is parsed once more, not a thousand times. */
void content_locate(struct content_pack *pack, struct content_origin origin, const char *subpath,
		    const char **file, int *line, int *col);

/* Lookups by id, built by check_pack(); NULL or -1 when absent. */
struct content_topic *content_find_topic(const struct content_pack *pack, const char *id);
struct content_question *content_find_question(const struct content_pack *pack, const char *id);
struct content_flow *content_find_flow(const struct content_pack *pack, const char *id);
int content_find_domain(const struct content_pack *pack, const char *id);
/* Index into pack->objectives, -1 when absent (after check_pack). */
int content_find_objective(const struct content_pack *pack, const char *id);

/* The id index is shared by every kind: an id names one thing in the pack. */
enum content_id_kind { CONTENT_ID_DOMAIN, CONTENT_ID_TOPIC, CONTENT_ID_QUESTION, CONTENT_ID_FLOW };
struct content_id_entry {
	const char *id;
	uint64_t hash; /* of id: compared first, beside it in memory */
	enum content_id_kind kind;
	int index;
};
/* Adds id; returns the existing entry when the id is taken (nothing added). */
const struct content_id_entry *content_index_add(struct content_pack *pack, const char *id,
						 enum content_id_kind kind, int index);
const struct content_id_entry *content_index_get(const struct content_pack *pack, const char *id);

#endif
