/* stats — progress per domain as text or JSON. */
#include "mlcert/stats.h"

#include <time.h>

#include "mlcert/clock.h"
#include "mlcert/jsonw.h"
#include "mlcert/text.h"

static unsigned percent(size_t part, size_t whole)
{
	return whole ? (unsigned)((part * 100 + whole / 2) / whole) : 0;
}

static void json_stats(const struct study_stats *st, FILE *out)
{
	fprintf(out,
		"\"topics_read\":%zu,\"topics_total\":%zu,\"questions_seen\":%zu,\"questions_total\":%zu,"
		"\"answers\":%zu,\"right\":%zu,\"accuracy\":%.4f",
		st->topics_read, st->topics_total, st->questions_seen, st->questions_total, st->answers,
		st->right, st->answers ? (double)st->right / (double)st->answers : 0.0);
}

static void text_row(const char *name, int weight, const struct study_stats *st, FILE *out)
{
	char w[16] = "";
	if (weight > 0)
		snprintf(w, sizeof w, "%d%%", weight);
	text_printf(out, "%-16s %6s %6zu/%-5zu %7zu/%-6zu %7zu %6zu %7u%%\n", name, w, st->topics_read,
		st->topics_total, st->questions_seen, st->questions_total, st->answers, st->right,
		percent(st->right, st->answers));
}

void stats_print(struct study *study, bool json, FILE *out)
{
	const struct content_pack *pack = study->pack;
	struct study_stats total;
	study_domain_stats(study, -1, &total);
	if (json) {
		fputs("{\"pack\":", out);
		jsonw_string(out, pack->meta->id);
		fputs(",\"domains\":[", out);
		for (unsigned d = 0; d < pack->meta->domains_count; d++) {
			struct study_stats st;
			study_domain_stats(study, (int)d, &st);
			fputs(d ? ",{\"id\":" : "{\"id\":", out);
			jsonw_string(out, pack->meta->domains[d].id);
			fputs(",\"title\":", out);
			jsonw_string(out, pack->meta->domains[d].title);
			fprintf(out, ",\"weight\":%d,", pack->meta->domains[d].weight);
			json_stats(&st, out);
			fputc('}', out);
		}
		fputs("],\"total\":{", out);
		json_stats(&total, out);
		fputs("},\"questions\":[", out);
		int64_t now = clock_now();
		bool first = true;
		for (size_t i = 0; i < pack->question_count; i++) {
			const struct study_question *p = &study->questions[i];
			if (!p->has_memory)
				continue;
			char due[16];
			time_t t = (time_t)p->due;
			struct tm tm;
			gmtime_r(&t, &tm);
			strftime(due, sizeof due, "%Y-%m-%d", &tm);
			fputs(first ? "{\"id\":" : ",{\"id\":", out);
			first = false;
			jsonw_string(out, pack->questions[i]->id);
			fprintf(out,
				",\"attempts\":%u,\"right\":%u,\"stability\":%.6f,\"difficulty\":%.6f,"
				"\"due\":\"%s\",\"retrievability\":%.6f}",
				p->attempts, p->right, p->memory.stability, p->memory.difficulty, due,
				study_recall(study, (int)i, now));
		}
		fputs("]}\n", out);
		return;
	}
	text_fputs(out, pack->meta->title, true); /* a pack's text: an escape in it stays out */
	fputc('\n', out);
	fprintf(out, "%-16s %6s %12s %14s %7s %6s %8s\n", "domain", "weight", "topics read",
		"questions seen", "answers", "right", "accuracy");
	for (unsigned d = 0; d < pack->meta->domains_count; d++) {
		struct study_stats st;
		study_domain_stats(study, (int)d, &st);
		text_row(pack->meta->domains[d].id, pack->meta->domains[d].weight, &st, out);
	}
	text_row("total", 0, &total, out);
}
