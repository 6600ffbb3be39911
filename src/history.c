/* history — export and import of the journal. */
#include "mlcert/history.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mlcert/check.h"
#include "mlcert/jsonw.h"
#include "mlcert/xalloc.h"

struct event_list {
	struct journal_event *items;
	size_t count, cap;
};

static void push(struct event_list *l, const struct journal_event *e)
{
	if (l->count == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->items = xreallocarray(l->items, l->cap, sizeof *l->items);
	}
	l->items[l->count++] = *e;
}

static void collect(void *ctx, const struct journal_event *e)
{
	push(ctx, e);
}

/* "ac" for choices a and c: readable in a spreadsheet, and round-trips. */
static void choice_letters(uint32_t choices, char *buf)
{
	size_t n = 0;
	for (int i = 0; i < 26; i++)
		if (choices & (1u << i))
			buf[n++] = (char)('a' + i);
	buf[n] = '\0';
}

static bool letters_choices(const char *s, uint32_t *choices)
{
	*choices = 0;
	for (; *s; s++) {
		if (*s < 'a' || *s > 'z')
			return false;
		*choices |= 1u << (*s - 'a');
	}
	return true;
}

static void iso_time(int64_t t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

bool history_export(struct journal *j, const char *pack_id, enum history_format format, FILE *out,
		    struct diag_list *diags)
{
	struct event_list l = {0};
	if (!journal_replay(j, collect, &l, diags)) {
		free(l.items);
		return false;
	}
	if (format == HISTORY_CSV)
		fputs("time,date,kind,id,choices,correct,rating,value\n", out);
	else {
		fputs("{\"format\":\"mlcert-history-1\",\"pack\":", out);
		jsonw_string(out, pack_id);
		fputs(",\"events\":[", out);
	}
	for (size_t i = 0; i < l.count; i++) {
		const struct journal_event *e = &l.items[i];
		char date[32], letters[32];
		iso_time(e->time, date, sizeof date);
		choice_letters(e->choices, letters);
		if (format == HISTORY_CSV) {
			fprintf(out, "%" PRId64 ",%s,%s,%s,%s,%d,%d,%" PRId64 "\n", e->time, date,
				journal_kind_word(e->kind), e->id, letters, e->correct, e->rating, e->value);
		} else {
			fprintf(out, "%s\n{\"time\":%" PRId64 ",\"date\":\"%s\",\"kind\":\"%s\",\"id\":\"%s\","
				     "\"choices\":\"%s\",\"correct\":%s,\"rating\":%d,\"value\":%" PRId64 "}",
				i ? "," : "", e->time, date, journal_kind_word(e->kind), e->id, letters,
				e->correct ? "true" : "false", e->rating, e->value);
		}
	}
	if (format == HISTORY_JSON)
		fputs("\n]}\n", out);
	free(l.items);
	return !ferror(out);
}

/* Checks one imported event the way the journal's own parser would. */
static bool valid_event(const struct journal_event *e)
{
	return e->kind < JOURNAL_KIND_COUNT && check_valid_id(e->id) && (e->correct == 0 || e->correct == 1) &&
	       e->rating >= 0 && e->rating <= 4;
}

static bool parse_csv(FILE *f, const char *path, struct event_list *l, struct diag_list *diags)
{
	char line[512];
	int line_no = 0;
	bool ok = true;
	while (fgets(line, sizeof line, f)) {
		line_no++;
		line[strcspn(line, "\r\n")] = '\0';
		if (line_no == 1 && strncmp(line, "time,", 5) == 0)
			continue;
		if (!line[0])
			continue;
		char date[64], kind[32], id[128], letters[64];
		long long t, value;
		int correct, rating, used = 0;
		struct journal_event e = {0};
		/* choices may be empty: scan it with a set that allows none */
		int n = sscanf(line, "%lld,%63[^,],%31[^,],%127[^,],%63[a-z],%d,%d,%lld%n", &t, date, kind, id, letters,
			       &correct, &rating, &value, &used);
		if (n != 8) {
			letters[0] = '\0';
			n = sscanf(line, "%lld,%63[^,],%31[^,],%127[^,],,%d,%d,%lld%n", &t, date, kind, id, &correct,
				   &rating, &value, &used);
			n = n == 7 ? 8 : n;
		}
		e.kind = journal_kind_from_word(kind);
		if (n == 8 && line[used] == '\0' && strlen(id) <= JOURNAL_ID_MAX && letters_choices(letters, &e.choices)) {
			e.time = t;
			memcpy(e.id, id, strlen(id) + 1);
			e.correct = correct;
			e.rating = rating;
			e.value = value;
		}
		if (n != 8 || line[used] != '\0' || !valid_event(&e)) {
			diag_add(diags, DIAG_ERROR, path, line_no, 1,
				 "not an mlcert history row (time,date,kind,id,choices,correct,rating,value)");
			ok = false;
			continue;
		}
		push(l, &e);
	}
	return ok;
}

static bool parse_json(FILE *f, const char *path, struct event_list *l, struct diag_list *diags)
{
	json_error_t err;
	json_t *root = json_loadf(f, JSON_REJECT_DUPLICATES, &err);
	if (!root) {
		diag_add(diags, DIAG_ERROR, path, err.line, err.column, "JSON: %s", err.text);
		return false;
	}
	json_t *events = json_object_get(root, "events");
	if (!json_is_array(events)) {
		diag_add(diags, DIAG_ERROR, path, 1, 1, "not an mlcert export: no \"events\" list");
		json_decref(root);
		return false;
	}
	bool ok = true;
	size_t i;
	json_t *item;
	json_array_foreach(events, i, item) {
		struct journal_event e = {0};
		const char *kind = json_string_value(json_object_get(item, "kind"));
		const char *id = json_string_value(json_object_get(item, "id"));
		const char *letters = json_string_value(json_object_get(item, "choices"));
		json_t *t = json_object_get(item, "time"), *correct = json_object_get(item, "correct");
		json_t *rating = json_object_get(item, "rating"), *value = json_object_get(item, "value");
		bool shaped = kind && id && letters && json_is_integer(t) && json_is_boolean(correct) &&
			      json_is_integer(rating) && json_is_integer(value) && strlen(id) <= JOURNAL_ID_MAX &&
			      letters_choices(letters, &e.choices);
		if (shaped) {
			e.kind = journal_kind_from_word(kind);
			e.time = json_integer_value(t);
			memcpy(e.id, id, strlen(id) + 1);
			e.correct = json_is_true(correct);
			e.rating = (int)json_integer_value(rating);
			e.value = json_integer_value(value);
		}
		if (!shaped || !valid_event(&e)) {
			diag_add(diags, DIAG_ERROR, path, 0, 0, "event %zu of \"events\" is not an mlcert event", i + 1);
			ok = false;
			continue;
		}
		push(l, &e);
	}
	json_decref(root);
	return ok;
}

static bool same_event(const struct journal_event *a, const struct journal_event *b)
{
	return a->kind == b->kind && a->time == b->time && strcmp(a->id, b->id) == 0 && a->choices == b->choices &&
	       a->correct == b->correct && a->rating == b->rating && a->value == b->value;
}

static int by_time(const void *x, const void *y)
{
	const struct journal_event *a = x, *b = y;
	return a->time < b->time ? -1 : a->time > b->time;
}

bool history_import(struct journal *j, const char *path, size_t *added, struct diag_list *diags)
{
	*added = 0;
	FILE *f = fopen(path, "r");
	if (!f) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
		return false;
	}
	int c;
	while ((c = fgetc(f)) != EOF && isspace(c))
		;
	if (c != EOF)
		ungetc(c, f);
	struct event_list incoming = {0}, all = {0};
	bool ok = c == '{' ? parse_json(f, path, &incoming, diags) : parse_csv(f, path, &incoming, diags);
	fclose(f);
	/* A file with any bad event is refused whole: a half-merge would be a surprise. */
	if (ok)
		ok = journal_replay(j, collect, &all, diags);
	size_t existing = all.count;
	for (size_t i = 0; ok && i < incoming.count; i++) {
		bool dup = false;
		for (size_t k = 0; k < all.count && !dup; k++)
			dup = same_event(&all.items[k], &incoming.items[i]);
		if (!dup)
			push(&all, &incoming.items[i]);
	}
	*added = ok ? all.count - existing : 0;
	if (ok && *added) {
		/* Time order, so FSRS replays reviews in the order they happened;
		 * a stable sort keeps same-second events (an answer, then its mark) in order. */
		for (size_t i = 1; i < all.count; i++) {
			struct journal_event key = all.items[i];
			size_t k = i;
			while (k > 0 && by_time(&all.items[k - 1], &key) > 0) {
				all.items[k] = all.items[k - 1];
				k--;
			}
			all.items[k] = key;
		}
		char why[512];
		if (!journal_rewrite(j, all.items, all.count, why, sizeof why)) {
			diag_add(diags, DIAG_ERROR, journal_path(j), 0, 0, "%s", why);
			ok = false;
		}
	}
	free(incoming.items);
	free(all.items);
	return ok;
}
