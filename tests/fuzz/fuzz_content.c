/* fuzz_content — YAML loading and semantic checks on hostile text.
 *
 * An input is one YAML file of a pack:
 * - as is: a unit file (topics/questions/flows) beside the fixture pack
 *   (its pack.yaml and its units, so ids can clash and references resolve
 *   across files), so real YAML files are seeds unchanged;
 * - when its first byte is NUL: the rest is pack.yaml itself, beside the
 *   fixture's topics, questions and flows (a NUL never occurs in a YAML file
 *   the loader accepts, so the two roles never overlap).
 * The pack goes through content_load_buffers(), check_pack() when it loaded,
 * and content_pack_free(); every diagnostic must have a message, a file and a
 * position that is not negative. A pack that checks clean must also be usable
 * by study, the first consumer of the derived fields. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlcert/check.h"
#include "mlcert/content.h"
#include "mlcert/diag.h"
#include "mlcert/study.h"

#include "fixture_pack.h" /* generated into build/fuzz by tests/fuzz/embed.sh */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *devnull;

/* An abort() is what libFuzzer reports as a crash, with the input saved. */
static void require(bool ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_content: invariant broken: %s\n", what);
		abort();
	}
}

static void check_diags(struct diag_list *d)
{
	require(d->count <= d->errors + d->warnings, "more diagnostics kept than counted");
	for (size_t i = 0; i < d->count; i++) {
		const struct diag *x = &d->items[i];
		require(x->message != NULL, "diagnostic without a message");
		require(x->file != NULL, "diagnostic without a file");
		require(x->line >= 0, "diagnostic line < 0");
		require(x->col >= 0, "diagnostic column < 0");
		require(x->severity == DIAG_ERROR || x->severity == DIAG_WARNING, "bad severity");
	}
	diag_sort(d);
	diag_print(d, devnull);
}

/* The derived fields of a pack that checked clean are trusted by the rest of
 * the program: indexes in range, the topic tree acyclic. */
static void use_checked_pack(struct content_pack *pack)
{
	for (size_t i = 0; i < pack->topic_count; i++) {
		const struct content_topic *t = pack->topics[i];
		require(t->index == (int)i, "topic index");
		require(t->parent_index >= -1 && t->parent_index < (int)pack->topic_count,
			"topic parent_index out of range");
		require(t->domain_index >= 0 && (unsigned)t->domain_index < pack->meta->domains_count,
			"topic domain_index out of range in a clean pack");
		require(content_find_topic(pack, t->id) == t, "topic not found by its id");
	}
	for (size_t i = 0; i < pack->question_count; i++) {
		const struct content_question *q = pack->questions[i];
		require(q->domain_index >= 0 && (unsigned)q->domain_index < pack->meta->domains_count,
			"question domain_index out of range in a clean pack");
		require(q->correct_count >= 1 && q->correct_count <= q->choices_count,
			"question correct_count");
		require(content_find_question(pack, q->id) == q, "question not found by its id");
	}
	for (size_t i = 0; i < pack->flow_count; i++) {
		const struct content_flow *f = pack->flows[i];
		require(f->start_index >= 0 && (unsigned)f->start_index < f->nodes_count, "flow start");
		for (unsigned n = 0; n < f->nodes_count; n++)
			for (unsigned o = 0; o < f->nodes[n].options_count; o++)
				require(f->nodes[n].options[o].next_index >= 0 &&
						(unsigned)f->nodes[n].options[o].next_index < f->nodes_count,
					"flow option next_index");
	}
	struct study *s = study_new(pack);
	if (!s)
		return;
	struct study_mastery m;
	for (size_t t = 0; t < pack->topic_count; t++)
		study_topic_mastery(s, (int)t, &m);
	struct study_stats st;
	study_domain_stats(s, -1, &st);
	require(st.questions_total == pack->question_count, "study question total");
	(void)study_readiness(s, -1, 1767225600);
	study_free(s);
}

static void run(const struct content_buffer *files, size_t count)
{
	struct diag_list d;
	diag_list_init(&d);
	struct content_pack *pack = content_load_buffers("fuzz", files, count, &d);
	check_diags(&d);
	if (pack) {
		size_t errors_before = d.errors;
		bool ok = check_pack(pack, &d);
		check_diags(&d);
		require(ok == (d.errors == errors_before), "check_pack's result disagrees with its errors");
		if (ok && pack->meta && pack->failed_sources == 0 && errors_before == 0)
			use_checked_pack(pack);
		content_pack_free(pack);
	}
	diag_list_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!devnull) {
		devnull = fopen("/dev/null", "w");
		if (!devnull)
			abort();
	}
	struct content_buffer files[FIXTURE_FILES + 1];
	size_t count = 0;
	bool as_meta = size > 0 && data[0] == 0;
	/* The fuzzed text lives in its own allocation of its exact length, so any
	 * read past its end is an ASan report, not a silent read of the rest. */
	size_t len = as_meta ? size - 1 : size;
	char *text = malloc(len ? len : 1);
	if (!text)
		return 0;
	memcpy(text, as_meta ? data + 1 : data, len);
	if (as_meta) {
		files[count++] = (struct content_buffer){"pack.yaml", text, len};
		for (size_t i = 1; i < FIXTURE_FILES; i++)
			files[count++] = (struct content_buffer){fixture_names[i], fixture_texts[i],
								 strlen(fixture_texts[i])};
	} else {
		for (size_t i = 0; i < FIXTURE_FILES; i++)
			files[count++] = (struct content_buffer){fixture_names[i], fixture_texts[i],
								 strlen(fixture_texts[i])};
		files[count++] = (struct content_buffer){"topics/fuzz.yaml", text, len};
	}
	run(files, count);
	free(text);
	return 0;
}
