/* lint — validate a pack from the command line. */
#include "mlcert/lint.h"

#include "mlcert/check.h"
#include "mlcert/diag.h"
#include "mlcert/jsonw.h"
#include "mlcert/packs.h"

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
	for (size_t i = 0; i < pack->topic_count; i++) {
		const struct content_topic *t = pack->topics[i];
		counts->resources += t->resources_count;
		if (t->domain_index >= 0 && (size_t)t->domain_index < counts->domains)
			counts->topics_by_domain[t->domain_index]++;
	}
	for (size_t i = 0; i < pack->question_count; i++) {
		const struct content_question *q = pack->questions[i];
		if (q->type == QUESTION_MULTIPLE)
			counts->multiple_select++;
		if (q->domain_index >= 0 && (size_t)q->domain_index < counts->domains)
			counts->by_domain[q->domain_index]++;
	}
}

static void print_summary(const char *where, const struct content_pack *pack,
			  const struct lint_counts *n, const struct diag_list *diags, FILE *out)
{
	fprintf(out, "%s: %zu topics, %zu questions (", where, n->topics, n->questions);
	for (size_t d = 0; d < n->domains; d++)
		fprintf(out, "%s%s %zu", d ? ", " : "", pack->meta->domains[d].id, n->by_domain[d]);
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
	fprintf(out, "},\"multiple_select\":%zu,\"flows\":%zu,\"resources\":%zu,\"diagnostics\":[",
		n->multiple_select, n->flows, n->resources);
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
		check_pack(pack, &diags);
		lint_count(pack, &counts);
	}
	diag_sort(&diags);
	const char *where = dir ? dir : pack ? pack->root : "(built in)";
	if (json) {
		print_json(where, pack, &counts, &diags, out);
	} else {
		diag_print(&diags, err);
		if (pack)
			print_summary(where, pack, &counts, &diags, out);
	}
	int status = !pack ? 2 : diags.errors ? 1 : 0;
	content_pack_free(pack);
	diag_list_free(&diags);
	return status;
}
