/* fuzz_content — YAML loading, semantic checks, and what the program does
 * with a pack that passed them, on hostile text.
 *
 * An input is one YAML file of a pack, in one of three roles:
 * - as is: a unit file (topics/questions/flows) beside the fixture pack (its
 *   pack.yaml and its units, so ids can clash and references resolve across
 *   files); real YAML files are seeds unchanged;
 * - first byte NUL: the rest is pack.yaml itself, beside the fixture's units;
 * - first byte 0x01: the rest is a unit file as above, plus one more file
 *   that fails to load. Then references that do not resolve are counted, not
 *   errors, and check_pack() passes a partial pack, which the program runs
 *   with (session_open accepts it): its consumers must cope.
 * Neither byte can start a YAML file the loader accepts, so roles never overlap.
 *
 * The pack goes through content_load_buffers(), check_pack() when it loaded,
 * and content_pack_free(). Every diagnostic must have a message, a file and a
 * position that is not negative. When check_pack() passes, the pack is used
 * as the program would: study, search, mock exam, decision flows, and every
 * topic, domain and question laid out by manfmt, whose lines must be valid
 * UTF-8 with nothing a terminal would act on (controls, ESC, bidi overrides)
 * and no wider than asked. yamlpos's index and its single lookup must agree
 * on where a node is. Set MLCERT_FUZZ_VERBOSE=1 to print diagnostics
 * when replaying one input. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlcert/check.h"
#include "mlcert/content.h"
#include "mlcert/diag.h"
#include "mlcert/exam.h"
#include "mlcert/flow.h"
#include "mlcert/manfmt.h"
#include "mlcert/search.h"
#include "mlcert/snapshot.h"
#include "mlcert/study.h"
#include "mlcert/text.h"
#include "mlcert/yamlpos.h"

#include "fixture_pack.h" /* generated into build/fuzz by tests/fuzz/embed.sh */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *devnull;
static bool verbose;

/* A unit file that never loads, for the partial-pack role. */
static const char failing_unit[] = "topics: [unclosed\n";

/* An abort() is what libFuzzer reports as a crash, with the input saved. */
static void require(bool ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_content: invariant broken: %s\n", what);
		abort();
	}
}

static bool blank_text(const char *s)
{
	return !s || !s[0];
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
	diag_print(d, verbose ? stderr : devnull);
}

static bool terminal_unsafe(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C ||
	       (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

/* What manfmt hands the screen: safe text that fits. */
static void check_page(const struct manfmt_page *page, int width, bool ascii)
{
	if (!page)
		return; /* out of memory */
	for (size_t i = 0; i < page->count; i++) {
		const char *text = page->lines[i].text;
		require(text != NULL, "manfmt line without text");
		size_t len = strlen(text);
		for (size_t k = 0; k < len;) {
			uint32_t cp;
			size_t n = text_utf8_decode(text + k, len - k, &cp);
			require(n > 0, "manfmt line is not valid UTF-8");
			require(!terminal_unsafe(cp), "manfmt line holds a control or bidi character");
			require(!ascii || cp < 0x80, "manfmt line in ASCII mode holds non-ASCII");
			k += n;
		}
		require(text_width(text, len) <= width, "manfmt line wider than the width asked");
		require(page->lines[i].link >= -1 && page->lines[i].link < (int)page->link_count,
			"manfmt line link out of range");
	}
	for (size_t i = 0; i < page->link_count; i++)
		require(page->links[i].target && page->links[i].first_line <= page->links[i].last_line &&
				page->links[i].last_line < page->count,
			"manfmt link lines out of range");
}

static void lay_out(const struct content_pack *pack)
{
	static const int widths[] = {30, 80};
	for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
		for (int ascii = 0; ascii < 2; ascii++) {
			int width = widths[w];
			for (size_t t = 0; t < pack->topic_count; t++) {
				struct manfmt_page *p = manfmt_topic(pack, pack->topics[t], width, ascii,
								     t % 2 ? pack->topics[t]->title : NULL);
				check_page(p, width, ascii);
				manfmt_free(p);
			}
			for (unsigned d = 0; d < pack->meta->domains_count; d++) {
				struct manfmt_page *p = manfmt_domain(pack, (int)d, width, ascii);
				check_page(p, width, ascii);
				manfmt_free(p);
			}
			for (size_t q = 0; q < pack->question_count; q++) {
				const struct content_question *qq = pack->questions[q];
				struct manfmt_question_view v = {
					.chosen = {(uint32_t)(q * 2654435761u) ^ qq->correct.bits},
					.submitted = (q + (size_t)ascii) % 2 == 0,
					.position = q + 1,
					.total = pack->question_count,
				};
				struct manfmt_page *p = manfmt_question(pack, qq, &v, width, ascii);
				check_page(p, width, ascii);
				manfmt_free(p);
			}
		}
	}
	for (size_t t = 0; t < pack->topic_count; t++)
		manfmt_roff(pack, pack->topics[t], "fuzz", devnull);
}

/* Every path of a flow that checked clean ends in a result the wizard can reach. */
static void walk_flows(const struct content_pack *pack)
{
	for (size_t i = 0; i < pack->flow_count; i++) {
		const struct content_flow *f = pack->flows[i];
		for (unsigned pick = 0; pick < 3; pick++) {
			struct flow_walk w;
			flow_walk_start(&w, f);
			size_t steps = 0;
			while (!flow_walk_done(&w)) {
				const struct content_flow_node *n = flow_walk_current(&w);
				/* Always the first option, always the last, or alternating. */
				unsigned option = pick == 0   ? 0
						  : pick == 1 ? n->options_count - 1
							      : (unsigned)steps % n->options_count;
				require(flow_walk_choose(&w, option),
					"the decision wizard cannot go on from a question node of a checked flow");
				require(++steps <= f->nodes_count, "a checked flow walks in a loop");
			}
			require(!blank_text(flow_walk_current(&w)->result), "a flow ends without a result");
			while (flow_walk_back(&w))
				;
		}
	}
}

static void search_pack(const struct content_pack *pack)
{
	struct search_index *ix = search_index_new(pack);
	if (!ix)
		return;
	static const char *const queries[] = {"a", "al", "alp", "", "topic", "q-", "\xc3\xa9", "zzzz"};
	struct search_hit hits[16];
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		size_t total = 0;
		size_t n = search_run(ix, queries[i], hits, 16, &total);
		require(n <= 16 && n <= total, "search counts");
		for (size_t k = 0; k < n; k++) {
			const struct search_hit *h = &hits[k];
			if (h->kind == SEARCH_QUESTION)
				require(h->index >= 0 && (size_t)h->index < pack->question_count, "search hit");
			else
				require(h->index >= 0 && (size_t)h->index < pack->topic_count, "search hit");
			if (h->kind == SEARCH_RESOURCE)
				require(h->sub >= 0 && (unsigned)h->sub < pack->topics[h->index]->resources_count,
					"search resource hit");
		}
	}
	search_index_free(ix);
}

/* A pack check_pack() passed is what the program runs with. Its derived
 * fields are trusted: indexes in range, the topic tree acyclic; with every
 * file loaded, every reference resolved. */
static void use_checked_pack(struct content_pack *pack)
{
	bool complete = pack->failed_sources == 0;
	int domains = (int)pack->meta->domains_count;
	for (size_t i = 0; i < pack->topic_count; i++) {
		const struct content_topic *t = pack->topics[i];
		require(t->index == (int)i, "topic index");
		require(t->parent_index >= -1 && t->parent_index < (int)pack->topic_count,
			"topic parent_index out of range");
		require(t->domain_index >= -1 && t->domain_index < domains, "topic domain_index out of range");
		require(!complete || t->domain_index >= 0, "a topic of a complete pack has no domain");
	}
	for (size_t i = 0; i < pack->question_count; i++) {
		const struct content_question *q = pack->questions[i];
		require(q->domain_index >= -1 && q->domain_index < domains,
			"question domain_index out of range");
		require(!complete || q->domain_index >= 0, "a question of a complete pack has no domain");
		require(choice_set_count(q->correct) >= 1 && choice_set_count(q->correct) <= q->choices_count,
			"question correct set");
		require((q->type == QUESTION_MULTIPLE) == (choice_set_count(q->correct) > 1), "question type");
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
	walk_flows(pack);
	search_pack(pack);
	lay_out(pack);

	struct study *s = study_new(pack);
	if (!s)
		return;
	struct study_mastery m;
	for (size_t t = 0; t < pack->topic_count; t++)
		study_topic_mastery(s, (int)t, &m);
	struct study_stats st;
	study_domain_stats(s, -1, &st);
	require(st.questions_total == pack->question_count, "study question total");
	for (int d = 0; d < domains; d++)
		study_domain_stats(s, d, &st);
	(void)study_readiness(s, 1767225600, NULL);
	struct exam *x = exam_new(pack, 42, 1767225600);
	if (x) {
		for (size_t i = 0; i < x->count; i++)
			require(x->questions[i] >= 0 && (size_t)x->questions[i] < pack->question_count,
				"exam question out of range");
		exam_choose(x, 0);
		exam_finish(x, false);
		require(x->right <= x->count, "exam score");
		exam_free(x);
	}
	study_free(s);
}

/* Diagnostics of a loaded file are placed through yamlpos's index, those of
 * a file that failed through a single lookup: both must agree on any node
 * that exists. Small inputs only, as each lookup parses the text again. */
static void compare_positions(const char *text, size_t len)
{
	static const char *const paths[] = {
		/* not "": the document itself is asked of the single lookup only */
		"/id", "/topics/0", "/topics/1/id", "/topics/0/see_also/1", "/topics/0/resources/0/url",
		"/topics/0/status/since", "/questions/0/choices/1/correct", "/questions/1/topics/0",
		"/flows/0/nodes/1/options/0/next", "/flows/0/start", "/domains/1/weight", "/exam/minutes",
		"/0", "/0/0", "/a/b",
	};
	if (len > 4096)
		return;
	struct yamlpos_index *ix = yamlpos_index_build(text, len);
	if (!ix)
		return;
	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		int l1, c1, l2, c2;
		bool f1 = yamlpos_find(text, len, paths[i], &l1, &c1);
		bool f2 = yamlpos_index_find(ix, paths[i], 1, &l2, &c2);
		require(f1 == f2, "yamlpos index and lookup disagree on whether a node exists");
		require(!f1 || (l1 == l2 && c1 == c2), "yamlpos index and lookup place a node differently");
		require(l2 >= 1 && c2 >= 1, "yamlpos index gives a position before the file");
	}
	yamlpos_index_free(ix);
}

/* A snapshot of a loaded pack restores to the same pack (it writes the same
 * bytes again and checks with the same verdict), and a damaged one is refused. */
static void snapshot_round_trip(const struct content_pack *pack, const struct content_buffer *files,
				size_t count, const struct diag_list *checked)
{
	void *bytes, *again;
	size_t len, len2;
	if (!snapshot_to_bytes(pack, 7, &bytes, &len))
		return; /* out of memory */
	struct diag_list d;
	diag_list_init(&d);
	struct content_pack *back = snapshot_from_bytes(bytes, len, 7, "fuzz", files, count, &d);
	require(back != NULL, "a snapshot does not restore");
	require(check_pack(back, &d) && d.errors == checked->errors && d.warnings == checked->warnings,
		"a restored pack checks differently");
	require(snapshot_to_bytes(back, 7, &again, &len2) && len2 == len && memcmp(bytes, again, len) == 0,
		"a restored pack saves different bytes");
	require(!snapshot_from_bytes(bytes, len, 8, "fuzz", files, count, &d), "another fingerprint restores");
	((unsigned char *)bytes)[len / 2] ^= 0x20;
	require(!snapshot_from_bytes(bytes, len, 7, "fuzz", files, count, &d), "a damaged snapshot restores");
	require(!snapshot_from_bytes(bytes, len - 1, 7, "fuzz", files, count, &d), "a cut snapshot restores");
	content_pack_free(back);
	free(bytes);
	free(again);
	diag_list_free(&d);
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
		/* What session_open() accepts. */
		if (ok && pack->meta) {
			use_checked_pack(pack);
			snapshot_round_trip(pack, files, count, &d);
		}
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
		verbose = getenv("MLCERT_FUZZ_VERBOSE") != NULL;
	}
	struct content_buffer files[FIXTURE_FILES + 2];
	size_t count = 0;
	int role = size > 0 && data[0] <= 1 ? data[0] : 2; /* 0 pack.yaml, 1 partial, 2 unit */
	/* The fuzzed text lives in its own allocation of its exact length, so any
	 * read past its end is an ASan report, not a silent read of the rest. */
	size_t len = role < 2 ? size - 1 : size;
	char *text = malloc(len ? len : 1);
	if (!text)
		return 0;
	memcpy(text, role < 2 ? data + 1 : data, len);
	for (size_t i = role == 0 ? 1 : 0; i < FIXTURE_FILES; i++)
		files[count++] = (struct content_buffer){fixture_names[i], fixture_texts[i],
							 strlen(fixture_texts[i])};
	if (role == 0) {
		files[count++] = (struct content_buffer){"pack.yaml", text, len};
	} else {
		files[count++] = (struct content_buffer){"topics/fuzz.yaml", text, len};
		if (role == 1)
			files[count++] = (struct content_buffer){"topics/failing.yaml", failing_unit,
								 sizeof failing_unit - 1};
	}
	run(files, count);
	compare_positions(text, len);
	free(text);
	return 0;
}
