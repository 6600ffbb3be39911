/* cues: the item-writing cue figures and warnings, on packs built in memory. */
#include <string.h>

#include "mlcert/check.h"
#include "mlcert/content.h"
#include "mlcert/cues.h"
#include "testing.h"

static const char meta_yaml[] =
	"id: cues\n"
	"title: Cue fixture\n"
	"guide_version: \"1\"\n"
	"as_of: 2026-12-06\n"
	"exam: {questions: 2, minutes: 5}\n"
	"domains:\n"
	"  - {id: d, title: D, weight: 100}\n"
	"renames:\n"
	"  - {old: Vertex AI Pipelines, current: Agent Platform Pipelines, since: 2026-04-22}\n";

static const char topics_yaml[] =
	"topics:\n"
	"  - {id: t, title: T, domain: d, name: t - a topic, description: D, as_of: 2026-12-06}\n";

struct cue_pack {
	struct content_buffer files[3];
	struct content_pack *pack;
	struct diag_list diags;
};

/* A pack whose questions file is questions_yaml, checked clean. */
static void cue_pack_load(struct cue_pack *cp, const char *questions_yaml)
{
	cp->files[0] = (struct content_buffer){"pack.yaml", meta_yaml, sizeof meta_yaml - 1};
	cp->files[1] = (struct content_buffer){"topics.yaml", topics_yaml, sizeof topics_yaml - 1};
	cp->files[2] = (struct content_buffer){"q.yaml", questions_yaml, strlen(questions_yaml)};
	diag_list_init(&cp->diags);
	cp->pack = content_load_buffers("cues", cp->files, 3, &cp->diags);
	assert_non_null(cp->pack);
	assert_true(check_pack(cp->pack, &cp->diags));
	assert_int_equal(cp->diags.count, 0);
}

static void cue_pack_free(struct cue_pack *cp)
{
	content_pack_free(cp->pack);
	diag_list_free(&cp->diags);
}

static const struct diag *find_warning(const struct diag_list *diags, const char *needle)
{
	for (size_t i = 0; i < diags->count; i++)
		if (diags->items[i].severity == DIAG_WARNING && strstr(diags->items[i].message, needle))
			return &diags->items[i];
	return NULL;
}

/* One single-answer question; choice texts in order, the key at key. */
static void question(char *out, size_t cap, const char *id, const char *stem,
		     const char *const choices[4], int key)
{
	int n = snprintf(out, cap, "  - id: %s\n    domain: d\n    topics: [t]\n    stem: %s\n"
				   "    choices:\n", id, stem);
	for (int i = 0; i < 4; i++)
		n += snprintf(out + n, cap - (size_t)n, "      - text: %s\n%s        why: w\n",
			      choices[i], i == key ? "        correct: true\n" : "");
	snprintf(out + n, cap - (size_t)n, "    explanation: E\n");
}

static void test_length_figures_and_warning(void **state)
{
	(void)state;
	static const char *const long_key[4] = {
		"Use a short option", "Use a brief option",
		"Deploy the model to an endpoint with autoscaling and a canary traffic split",
		"Use a small option"};
	static const char *const balanced[4] = {
		"Run batch inference every hour over new rows",
		"Deploy to an endpoint and call it online",
		"Export predictions nightly into a table",
		"Cache scores in Memorystore for lookups"};
	char text[4096] = "questions:\n";
	size_t at = strlen(text);
	question(text + at, sizeof text - at, "q-long", "Which?", long_key, 2);
	at = strlen(text);
	question(text + at, sizeof text - at, "q-even", "Which?", balanced, 1);
	struct cue_pack cp;
	cue_pack_load(&cp, text);
	struct cue_figures f;
	cues_measure(cp.pack, &f);
	assert_int_equal(f.single, 2);
	assert_int_equal(f.key_longest, 1); /* q-even's key is not strictly the longest */
	assert_int_equal(f.multiple, 0);
	assert_int_equal(f.measured, 2);
	/* q-long: 75 / mean(18, 18, 18) ; q-even: 40 / mean(44, 39, 39) */
	double want = (75.0 / 18.0 + 40.0 / (122.0 / 3.0)) / 2.0;
	assert_true(f.mean_ratio > want - 1e-9 && f.mean_ratio < want + 1e-9);
	cues_check(cp.pack, &f, &cp.diags);
	const struct diag *d = find_warning(&cp.diags, "the key is the longest, 4.2x");
	assert_non_null(d);
	assert_string_equal(d->file, "cues/q.yaml");
	assert_int_equal(d->line, 11); /* the key's text */
	assert_int_equal(d->col, 9); /* its "text" key */
	assert_int_equal(cp.diags.warnings, 1); /* two questions: too few for a pack verdict */
	cue_pack_free(&cp);
}

static void test_multiple_select_keys_longest(void **state)
{
	(void)state;
	struct cue_pack cp;
	cue_pack_load(&cp, "questions:\n"
			   "  - id: q-multi\n    domain: d\n    topics: [t]\n"
			   "    stem: Which two? (Choose two.)\n    choices:\n"
			   "      - {text: a much longer first key choice, correct: true, why: w}\n"
			   "      - {text: short, why: w}\n"
			   "      - {text: another long second key choice, correct: true, why: w}\n"
			   "      - {text: brief, why: w}\n"
			   "    explanation: E\n");
	struct cue_figures f;
	cues_measure(cp.pack, &f);
	assert_int_equal(f.multiple, 1);
	assert_int_equal(f.keys_longest, 1);
	cues_check(cp.pack, &f, &cp.diags);
	assert_non_null(find_warning(&cp.diags, "the keys are the longest"));
	cue_pack_free(&cp);
}

static void test_stem_echo_absolutes_and_names(void **state)
{
	(void)state;
	struct cue_pack cp;
	cue_pack_load(&cp,
		      "questions:\n"
		      "  - id: q-echo\n    domain: d\n    topics: [t]\n"
		      "    stem: Your retail forecasting pipeline misses holiday spikes.\n"
		      "    choices:\n"
		      "      - {text: Add holiday features to the retail forecasting inputs, correct: true, why: w}\n"
		      "      - {text: Train on a larger machine type, why: w}\n"
		      "      - {text: Switch the optimizer to Adam, why: w}\n"
		      "      - {text: Export the table to Cloud Storage, why: w}\n"
		      "    explanation: E\n"
		      "  - id: q-absolute\n    domain: d\n    topics: [t]\n    stem: Which?\n"
		      "    choices:\n"
		      "      - {text: It always retrains on every new row, why: w}\n"
		      "      - {text: It never needs labelled data at all, why: w}\n"
		      "      - {text: It retrains when drift passes a threshold, correct: true, why: w}\n"
		      "    explanation: E\n"
		      "  - id: q-names\n    domain: d\n    topics: [t]\n    stem: Which orchestrator?\n"
		      "    choices:\n"
		      "      - {text: Agent Platform Pipelines with a schedule, correct: true, why: w}\n"
		      "      - {text: Vertex AI Pipelines with a Cloud Run trigger, why: w}\n"
		      "      - {text: A cron job on a Compute Engine VM, why: w}\n"
		      "    explanation: E\n");
	struct cue_figures f;
	cues_measure(cp.pack, &f);
	cues_check(cp.pack, &f, &cp.diags);
	assert_non_null(find_warning(&cp.diags, "only the key repeats the stem's words (3 of them)"));
	assert_non_null(find_warning(&cp.diags, "2 distractors use absolute words"));
	assert_non_null(find_warning(&cp.diags, "only the key uses a product's current name"));
	cue_pack_free(&cp);
}

static void test_clean_question_has_no_cue(void **state)
{
	(void)state;
	struct cue_pack cp;
	cue_pack_load(&cp,
		      "questions:\n"
		      "  - id: q-clean\n    domain: d\n    topics: [t]\n"
		      "    stem: Your retail forecasting pipeline misses holiday spikes.\n"
		      "    choices:\n"
		      "      - {text: Add holiday features to the forecasting inputs, correct: true, why: w}\n"
		      "      - {text: Retrain the retail forecasting model on a larger machine, why: w}\n"
		      "      - {text: Tune the forecasting model's learning rate with Vizier, why: w}\n"
		      "      - {text: Shorten the pipeline's retraining schedule to daily runs, why: w}\n"
		      "    explanation: E\n");
	struct cue_figures f;
	cues_measure(cp.pack, &f);
	cues_check(cp.pack, &f, &cp.diags);
	assert_int_equal(cp.diags.count, 0);
	cue_pack_free(&cp);
}

/* The limits are inclusive; a share of fewer than CUES_MIN_SAMPLE questions
 * gives no verdict. */
static void test_pack_limits(void **state)
{
	(void)state;
	struct cue_figures f = {.single = 20, .key_longest = 6, .multiple = 10, .keys_longest = 2,
				.measured = 30, .mean_ratio = 1.15};
	assert_true(cues_within_limits(&f));
	f.key_longest = 7; /* 35% */
	assert_false(cues_within_limits(&f));
	f.key_longest = 6;
	f.keys_longest = 3; /* 30% */
	assert_false(cues_within_limits(&f));
	f.keys_longest = 2;
	f.mean_ratio = 1.16;
	assert_false(cues_within_limits(&f));
	struct cue_figures few = {.single = 9, .key_longest = 9, .multiple = 9, .keys_longest = 9,
				  .measured = 9, .mean_ratio = 3.0};
	assert_true(cues_within_limits(&few));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_length_figures_and_warning),
		cmocka_unit_test(test_multiple_select_keys_longest),
		cmocka_unit_test(test_stem_echo_absolutes_and_names),
		cmocka_unit_test(test_clean_question_has_no_cue),
		cmocka_unit_test(test_pack_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
