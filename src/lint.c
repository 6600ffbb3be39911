/* lint — validate a pack from the command line. */
#include "mlcert/lint.h"

#include "mlcert/check.h"
#include "mlcert/cues.h"
#include "mlcert/diag.h"
#include "mlcert/jsonw.h"
#include "mlcert/packs.h"
#include "mlcert/text.h"

static void count_objectives(size_t *by_objective, size_t limit, const int *index,
			     unsigned count)
{
	for (unsigned i = 0; index && i < count; i++)
		if (index[i] >= 0 && (size_t)index[i] < limit)
			by_objective[index[i]]++;
}

void lint_count(const struct content_pack *pack, struct lint_counts *counts)
{
	*counts = (struct lint_counts){
		.topics = pack->topic_count,
		.questions = pack->question_count,
		.flows = pack->flow_count,
	};
	if (pack->meta)
		counts->domains = pack->meta->domains_count < LINT_MAX_DOMAINS
					  ? pack->meta->domains_count
					  : LINT_MAX_DOMAINS;
	counts->objectives = pack->objective_count < LINT_MAX_OBJECTIVES ? pack->objective_count
									 : LINT_MAX_OBJECTIVES;
	for (size_t i = 0; i < pack->topic_count; i++) {
		const struct content_topic *t = pack->topics[i];
		count_objectives(counts->topics_by_objective, counts->objectives, t->objective_index,
				 t->objectives_count);
		counts->resources += t->resources_count;
		if (t->domain_index >= 0 && (size_t)t->domain_index < counts->domains)
			counts->topics_by_domain[t->domain_index]++;
	}
	for (size_t i = 0; i < pack->question_count; i++) {
		const struct content_question *q = pack->questions[i];
		count_objectives(counts->questions_by_objective, counts->objectives, q->objective_index,
				 q->objectives_count);
		if (q->type == QUESTION_MULTIPLE)
			counts->multiple_select++;
		if (q->domain_index >= 0 && (size_t)q->domain_index < counts->domains)
			counts->by_domain[q->domain_index]++;
	}
	cues_measure(pack, &counts->cues);
}

/* An objective no topic teaches or no question tests is a hole in the pack. */
static void check_coverage(const struct content_pack *pack, const struct lint_counts *n,
			   struct diag_list *diags)
{
	for (size_t i = 0; i < n->objectives; i++) {
		const struct content_objective *ob = pack->objectives[i];
		if (!n->topics_by_objective[i] || !n->questions_by_objective[i])
			diag_add(diags, DIAG_WARNING, pack->root, 0, 0,
				 "objective %s (%s) has %zu topics and %zu questions; it needs at "
				 "least one of each",
				 ob->id, ob->title, n->topics_by_objective[i],
				 n->questions_by_objective[i]);
	}
}

static void print_figures(const struct content_pack *pack, const struct lint_counts *n,
			  FILE *out)
{
	/* ids and titles come from the pack: through the cleaner */
	for (size_t i = 0; i < n->objectives; i++) {
		text_printf(out, "  objective %-5s %3zu topics %4zu questions  ", pack->objectives[i]->id,
			    n->topics_by_objective[i], n->questions_by_objective[i]);
		text_fputs(out, pack->objectives[i]->title, true);
		fputc('\n', out);
	}
	const struct cue_figures *c = &n->cues;
	fprintf(out,
		"  item cues: key longest in %zu/%zu single-answer (%.0f%%, limit %.0f%%); keys = the "
		"k longest in %zu/%zu multiple-select (%.0f%%, limit %.0f%%); mean key/distractor "
		"length %.2f (limit %.2f)\n",
		c->key_longest, c->single, c->single ? 100.0 * c->key_longest / c->single : 0,
		100 * CUES_MAX_KEY_LONGEST, c->keys_longest, c->multiple,
		c->multiple ? 100.0 * c->keys_longest / c->multiple : 0, 100 * CUES_MAX_KEYS_LONGEST,
		c->mean_ratio, CUES_MAX_LENGTH_RATIO);
}

static void print_summary(const char *where, const struct content_pack *pack,
			  const struct lint_counts *n, const struct diag_list *diags, FILE *out)
{
	/* the pack's ids are printed even when check_pack found them bad: cleaned */
	text_printf(out, "%s: %zu topics, %zu questions (", where, n->topics, n->questions);
	for (size_t d = 0; d < n->domains; d++)
		text_printf(out, "%s%s %zu", d ? ", " : "", pack->meta->domains[d].id, n->by_domain[d]);
	fprintf(out, "), %zu multiple-select, %zu flows, %zu resources: %zu errors, %zu warnings\n",
		n->multiple_select, n->flows, n->resources, diags->errors, diags->warnings);
}

static void print_json(const char *dir, const struct content_pack *pack,
		       const struct lint_counts *n, const struct diag_list *diags, FILE *out)
{
	fputs("{\"path\":", out);
	jsonw_string(out, dir);
	fputs(",\"pack\":", out);
	if (pack && pack->meta)
		jsonw_string(out, pack->meta->id);
	else
		fputs("null", out);
	fprintf(out, ",\"ok\":%s,\"errors\":%zu,\"warnings\":%zu", diags->errors ? "false" : "true",
		diags->errors, diags->warnings);
	fprintf(out, ",\"topics\":%zu,\"questions\":%zu,\"questions_by_domain\":{", n->topics,
		n->questions);
	for (size_t d = 0; d < n->domains; d++) {
		fputs(d ? "," : "", out);
		jsonw_string(out, pack->meta->domains[d].id);
		fprintf(out, ":%zu", n->by_domain[d]);
	}
	fprintf(out, "},\"multiple_select\":%zu,\"flows\":%zu,\"resources\":%zu,\"objectives\":[",
		n->multiple_select, n->flows, n->resources);
	for (size_t i = 0; i < n->objectives; i++) {
		const struct content_objective *ob = pack->objectives[i];
		fputs(i ? ",{\"id\":" : "{\"id\":", out);
		jsonw_string(out, ob->id);
		fputs(",\"title\":", out);
		jsonw_string(out, ob->title);
		fputs(",\"domain\":", out);
		jsonw_string(out, pack->meta->domains[ob->domain_index].id);
		fprintf(out, ",\"topics\":%zu,\"questions\":%zu}", n->topics_by_objective[i],
			n->questions_by_objective[i]);
	}
	const struct cue_figures *c = &n->cues;
	fprintf(out,
		"],\"cues\":{\"single\":%zu,\"key_longest\":%zu,\"multiple\":%zu,"
		"\"keys_longest\":%zu,\"mean_ratio\":%.4f,\"within_limits\":%s},\"diagnostics\":[",
		c->single, c->key_longest, c->multiple, c->keys_longest, c->mean_ratio,
		cues_within_limits(c) ? "true" : "false");
	for (size_t i = 0; i < diags->count; i++) {
		const struct diag *d = &diags->items[i];
		fputs(i ? ",{\"file\":" : "{\"file\":", out);
		jsonw_string(out, d->file);
		fprintf(out, ",\"line\":%d,\"column\":%d,\"severity\":\"%s\",\"message\":", d->line,
			d->col, d->severity == DIAG_ERROR ? "error" : "warning");
		jsonw_string(out, d->message);
		fputc('}', out);
	}
	fputs("]}\n", out);
}

int lint_run(const char *dir, bool json, FILE *out, FILE *err)
{
	struct diag_list diags;
	diag_list_init(&diags);
	struct content_pack *pack = dir ? content_load_dir(dir, &diags) : packs_load(NULL, NULL, NULL, &diags);
	struct lint_counts counts = {0};
	if (pack) {
		bool checked = check_pack(pack, &diags);
		lint_count(pack, &counts);
		if (checked) { /* cues and coverage read derived fields only a clean check sets */
			check_coverage(pack, &counts, &diags);
			cues_check(pack, &counts.cues, &diags);
		}
	}
	diag_sort(&diags);
	const char *where = dir ? dir : pack ? pack->root : "(built in)";
	if (json) {
		print_json(where, pack, &counts, &diags, out);
	} else {
		diag_print(&diags, err);
		if (pack) {
			print_summary(where, pack, &counts, &diags, out);
			print_figures(pack, &counts, out);
		}
	}
	int status = !pack ? 2 : diags.errors ? 1 : 0;
	content_pack_free(pack);
	diag_list_free(&diags);
	return status;
}
