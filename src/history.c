/* history — export and import of the journal. */
#include "mlcert/history.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "mlcert/jsonw.h"
#include "mlcert/xalloc.h"

struct event_list {
	struct journal_event *items;
	int *lines; /* import: where each event came from (CSV line, JSON event number) */
	size_t count, cap;
};

static void push_at(struct event_list *l, const struct journal_event *e, int line)
{
	if (l->count == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->items = xreallocarray(l->items, l->cap, sizeof *l->items);
		l->lines = xreallocarray(l->lines, l->cap, sizeof *l->lines);
	}
	l->lines[l->count] = line;
	l->items[l->count++] = *e;
}

static void collect(void *ctx, const struct journal_event *e)
{
	push_at(ctx, e, 0);
}

static void event_list_free(struct event_list *l)
{
	free(l->items);
	free(l->lines);
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
	/* The session's replay has warned about damaged lines already; only
	 * errors are news here. */
	struct event_list l = {0};
	struct diag_list replay_diags;
	diag_list_init(&replay_diags);
	bool replayed = journal_replay(j, collect, &l, &replay_diags);
	for (size_t i = 0; i < replay_diags.count; i++)
		if (replay_diags.items[i].severity == DIAG_ERROR)
			diag_add(diags, DIAG_ERROR, replay_diags.items[i].file, replay_diags.items[i].line,
				 replay_diags.items[i].col, "%s", replay_diags.items[i].message);
	diag_list_free(&replay_diags);
	if (!replayed) {
		event_list_free(&l);
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
	event_list_free(&l);
	return !ferror(out);
}

/* dev and ino of path (following links); false when it does not exist. */
static bool identity(const char *path, dev_t *dev, ino_t *ino)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return false;
	*dev = st.st_dev;
	*ino = st.st_ino;
	return true;
}

/* The folder a path is in: "." for a bare name. */
static void folder_of(const char *path, char *buf, size_t size)
{
	snprintf(buf, size, "%s", path);
	char *slash = strrchr(buf, '/');
	if (!slash)
		snprintf(buf, size, ".");
	else if (slash == buf)
		buf[1] = '\0';
	else
		*slash = '\0';
}

/* An export never lands on the program's own files: the journal (under any
 * name: same device and inode), or anything in the state or cache folder. */
static bool refuse_target(struct journal *j, const char *path, const char *const *own_dirs,
			  struct diag_list *diags)
{
	unsigned long long jdev, jino;
	dev_t dev, ddev;
	ino_t ino, dino;
	if (identity(path, &dev, &ino) && journal_identity(j, &jdev, &jino) && (unsigned long long)dev == jdev &&
	    (unsigned long long)ino == jino) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "refusing to export over the journal itself; name another file");
		return true;
	}
	char folder[4200];
	folder_of(path, folder, sizeof folder);
	if (!identity(folder, &dev, &ino))
		return false; /* the write will say why */
	for (size_t i = 0; own_dirs && own_dirs[i]; i++)
		if (identity(own_dirs[i], &ddev, &dino) && ddev == dev && dino == ino) {
			diag_add(diags, DIAG_ERROR, path, 0, 0,
				 "refusing to export into %s, where mlcert keeps its own files; name a file elsewhere",
				 own_dirs[i]);
			return true;
		}
	return false;
}

/* Flushes, syncs and closes f; false with errno set when any of it failed. */
static bool finish_file(FILE *f)
{
	bool ok = fflush(f) == 0 && !ferror(f);
	int err = errno;
	ok = ok && fsync(fileno(f)) == 0;
	if (!ok)
		err = errno ? errno : EIO;
	if (fclose(f) != 0 && ok) {
		ok = false;
		err = errno;
	}
	errno = err;
	return ok;
}

bool history_export_file(struct journal *j, const char *pack_id, enum history_format format, const char *path,
			 const char *const *own_dirs, struct diag_list *diags)
{
	if (!path || strcmp(path, "-") == 0) {
		errno = 0;
		bool ok = history_export(j, pack_id, format, stdout, diags);
		if (!ok || fflush(stdout) != 0 || ferror(stdout)) {
			if (!diags->errors)
				diag_add(diags, DIAG_ERROR, "", 0, 0, "cannot write the export to standard output: %s",
					 errno ? strerror(errno) : "write error");
			return false;
		}
		return true;
	}
	if (refuse_target(j, path, own_dirs, diags))
		return false;
	struct stat st;
	bool exists = stat(path, &st) == 0;
	if (exists && !S_ISREG(st.st_mode)) {
		/* A device or a pipe (/dev/stdout, a fifo): written in place. */
		FILE *f = fopen(path, "w");
		bool ok = f && history_export(j, pack_id, format, f, diags);
		if (f && !finish_file(f))
			ok = false;
		if (!ok && !diags->errors)
			diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
		return ok;
	}
	/* A file: written whole under a temporary name beside it, then renamed
	 * over, so a full disk leaves the old file (or none), never half of one. */
	char folder[4200], tmp[4400];
	folder_of(path, folder, sizeof folder);
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	if (snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX", folder, base) >= (int)sizeof tmp) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot write: the name is too long");
		return false;
	}
	int fd = mkstemp(tmp);
	if (fd < 0) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
		return false;
	}
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, exists ? st.st_mode & 07777 : 0666 & ~mask);
	FILE *f = fdopen(fd, "w");
	if (!f) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
		close(fd);
		unlink(tmp);
		return false;
	}
	size_t errors = diags->errors;
	errno = 0;
	bool ok = history_export(j, pack_id, format, f, diags);
	int err = errno;
	if (!finish_file(f)) {
		if (ok)
			err = errno;
		ok = false;
	}
	if (ok && rename(tmp, path) != 0) {
		err = errno;
		ok = false;
	}
	if (!ok) {
		unlink(tmp);
		if (diags->errors == errors)
			diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot write: %s; nothing was written",
				 err ? strerror(err) : "write error");
	}
	return ok;
}

/* ---- import ---------------------------------------------------------------------- */

/* A whole file in memory, without a byte-order mark (spreadsheets write one). */
static char *read_whole(const char *path, size_t *len, struct diag_list *diags)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
		return NULL;
	}
	char *buf = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			char *p = realloc(buf, cap + 1);
			if (!p) {
				free(buf);
				fclose(f);
				diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read: out of memory");
				return NULL;
			}
			buf = p;
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	bool failed = ferror(f);
	fclose(f);
	if (failed) {
		free(buf);
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(EIO));
		return NULL;
	}
	buf[n] = '\0';
	if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		memmove(buf, buf + 3, n - 3 + 1);
		n -= 3;
	}
	*len = n;
	return buf;
}

/* A decimal integer and nothing else, in long long. */
static bool parse_integer(const char *s, long long *out)
{
	if (!*s || (*s != '-' && !isdigit((unsigned char)*s)))
		return false;
	errno = 0;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (errno || *end)
		return false;
	*out = v;
	return true;
}

/* The event from its fields, checked exactly as the journal's reader checks
 * a line (journal_event_valid): what import accepts replays without a warning. */
static bool make_event(const char *kind, const char *id, const char *letters, long long t, long long correct,
		       long long rating, long long value, struct journal_event *e)
{
	memset(e, 0, sizeof *e);
	e->kind = journal_kind_from_word(kind);
	if (e->kind == JOURNAL_KIND_COUNT || strlen(id) > JOURNAL_ID_MAX || !letters_choices(letters, &e->choices) ||
	    correct < 0 || correct > 1 || rating < 0 || rating > 4)
		return false;
	memcpy(e->id, id, strlen(id) + 1);
	e->time = t;
	e->correct = (int)correct;
	e->rating = (int)rating;
	e->value = value;
	return journal_event_valid(e);
}

enum { CSV_FIELDS = 8, CSV_FIELD_MAX = 256 };

/* One record of RFC 4180 CSV at *pos: fields split on commas, quoted fields
 * with "" for a quote and any commas or line breaks inside. Returns the
 * number of fields (more than CSV_FIELDS: too many), -1 for a bad quote;
 * *pos moves past the record and *line counts the lines it spans. */
static int csv_record(const char *buf, size_t len, size_t *pos, int *line, char field[][CSV_FIELD_MAX])
{
	int n = 0;
	size_t p = *pos;
	bool bad = false;
	for (;;) {
		size_t k = 0;
		bool too_long = false;
		if (p < len && buf[p] == '"') {
			p++;
			for (;;) {
				if (p >= len) {
					bad = true;
					break;
				}
				if (buf[p] == '"') {
					if (p + 1 < len && buf[p + 1] == '"')
						p++;
					else {
						p++;
						break;
					}
				} else if (buf[p] == '\n') {
					(*line)++;
				}
				if (k + 1 < CSV_FIELD_MAX)
					field[n < CSV_FIELDS ? n : CSV_FIELDS][k++] = buf[p];
				else
					too_long = true;
				p++;
			}
			if (!bad && p < len && buf[p] != ',' && buf[p] != '\n' && buf[p] != '\r')
				bad = true; /* text after a closing quote */
		} else {
			while (p < len && buf[p] != ',' && buf[p] != '\n' && buf[p] != '\r') {
				if (buf[p] == '"')
					bad = true;
				if (k + 1 < CSV_FIELD_MAX)
					field[n < CSV_FIELDS ? n : CSV_FIELDS][k++] = buf[p];
				else
					too_long = true;
				p++;
			}
		}
		field[n < CSV_FIELDS ? n : CSV_FIELDS][too_long ? 0 : k] = '\0';
		if (too_long)
			bad = true;
		n++;
		if (bad) {
			while (p < len && buf[p] != '\n')
				p++;
		}
		if (p >= len || buf[p] != ',')
			break;
		p++;
	}
	if (p < len && buf[p] == '\r')
		p++;
	if (p < len && buf[p] == '\n') {
		p++;
		(*line)++;
	}
	*pos = p;
	return bad ? -1 : n;
}

static bool parse_csv(const char *buf, size_t len, const char *path, struct event_list *l,
		      struct diag_list *diags)
{
	char field[CSV_FIELDS + 1][CSV_FIELD_MAX];
	int line = 1;
	bool ok = true;
	for (size_t pos = 0; pos < len;) {
		int at = line;
		int n = csv_record(buf, len, &pos, &line, field);
		if (n == 1 && !field[0][0])
			continue; /* a blank line */
		if (at == 1 && n >= 1 && strcmp(field[0], "time") == 0)
			continue; /* the header */
		long long t, correct, rating, value;
		struct journal_event e;
		if (n != CSV_FIELDS || !parse_integer(field[0], &t) || !parse_integer(field[5], &correct) ||
		    !parse_integer(field[6], &rating) || !parse_integer(field[7], &value) ||
		    !make_event(field[2], field[3], field[4], t, correct, rating, value, &e)) {
			diag_add(diags, DIAG_ERROR, path, at, 1,
				 "not an mlcert history row (time,date,kind,id,choices,correct,rating,value), "
				 "or a value out of the journal's range");
			ok = false;
			continue;
		}
		push_at(l, &e, at);
	}
	return ok;
}

/* An export names its pack; another pack's events would only be noise here. */
static bool another_pack(const char *path, int line, const char *theirs, const char *ours, struct diag_list *diags)
{
	if (strcmp(theirs, ours) == 0)
		return false;
	diag_add(diags, DIAG_ERROR, path, line, line ? 1 : 0,
		 "an export of the pack '%.64s', not of '%s': import it where you study that pack "
		 "(--pack or --content)",
		 theirs, ours);
	return true;
}

static bool parse_json(const char *buf, size_t len, const char *path, const char *pack_id, struct event_list *l,
		       struct diag_list *diags)
{
	json_error_t err;
	json_t *root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &err);
	if (!root) {
		diag_add(diags, DIAG_ERROR, path, err.line, err.column, "JSON: %s", err.text);
		return false;
	}
	const char *pack = json_string_value(json_object_get(root, "pack"));
	if (pack && another_pack(path, 1, pack, pack_id, diags)) {
		json_decref(root);
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
		struct journal_event e;
		const char *kind = json_string_value(json_object_get(item, "kind"));
		const char *id = json_string_value(json_object_get(item, "id"));
		const char *letters = json_string_value(json_object_get(item, "choices"));
		json_t *t = json_object_get(item, "time"), *correct = json_object_get(item, "correct");
		json_t *rating = json_object_get(item, "rating"), *value = json_object_get(item, "value");
		bool shaped = kind && id && letters && json_is_integer(t) && json_is_boolean(correct) &&
			      json_is_integer(rating) && json_is_integer(value);
		if (!shaped || !make_event(kind, id, letters, json_integer_value(t), json_is_true(correct),
					   json_integer_value(rating), json_integer_value(value), &e)) {
			diag_add(diags, DIAG_ERROR, path, 0, 0,
				 "event %zu of \"events\" is not an mlcert event, or a value is out of the journal's range",
				 i + 1);
			ok = false;
			continue;
		}
		push_at(l, &e, (int)(i + 1));
	}
	json_decref(root);
	return ok;
}

/* A unit of the history: one event, or an exam finish with the answers it
 * counts (see journal_replay). Units are merged and deduplicated whole. */
struct unit {
	size_t start, len;
	bool incoming;
	size_t order; /* existing units first, then incoming ones, each in file order */
};

/* Splits l into units; false (with the first bad block's index in *bad) when a
 * finish is not followed by exactly its answers. */
static bool units_of(const struct event_list *l, bool incoming, struct unit *out, size_t *count, size_t *bad)
{
	size_t n = 0;
	for (size_t i = 0; i < l->count;) {
		size_t len = 1;
		const struct journal_event *e = &l->items[i];
		if (e->kind == JOURNAL_EXAM_FINISH) {
			size_t want = e->value > 0 ? (size_t)e->value : 0;
			while (len <= want && i + len < l->count && journal_block_line(l->items[i + len].kind))
				len++;
			if (len != want + 1) {
				*bad = i;
				return false;
			}
		}
		out[n++] = (struct unit){i, len, incoming, 0};
		i += len;
	}
	*count = n;
	return true;
}

static int compare_event(const struct journal_event *a, const struct journal_event *b)
{
	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	int c = strcmp(a->id, b->id);
	if (c)
		return c;
	if (a->choices != b->choices)
		return a->choices < b->choices ? -1 : 1;
	if (a->correct != b->correct)
		return a->correct < b->correct ? -1 : 1;
	if (a->rating != b->rating)
		return a->rating < b->rating ? -1 : 1;
	if (a->value != b->value)
		return a->value < b->value ? -1 : 1;
	return 0;
}

/* qsort has no context argument: the two lists being merged. */
static const struct event_list *sort_lists[2];

static const struct journal_event *unit_event(const struct unit *u, size_t k)
{
	return &sort_lists[u->incoming]->items[u->start + k];
}

/* By content, then existing before incoming, then file order: equal units sit
 * together, the one to keep first. */
static int by_content(const void *x, const void *y)
{
	const struct unit *a = x, *b = y;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	for (size_t k = 0; k < a->len; k++) {
		int c = compare_event(unit_event(a, k), unit_event(b, k));
		if (c)
			return c;
	}
	return a->order < b->order ? -1 : a->order > b->order;
}

/* Time order, so FSRS replays reviews in the order they happened; ties keep
 * their file order, so an answer stays before its mark. */
static int by_time(const void *x, const void *y)
{
	const struct unit *a = x, *b = y;
	int64_t ta = unit_event(a, 0)->time, tb = unit_event(b, 0)->time;
	if (ta != tb)
		return ta < tb ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

static bool same_unit(const struct unit *a, const struct unit *b)
{
	if (a->len != b->len)
		return false;
	for (size_t k = 0; k < a->len; k++)
		if (compare_event(unit_event(a, k), unit_event(b, k)))
			return false;
	return true;
}

/* The exam events name their pack: in a CSV file, which has no header for
 * it, they are what tells another pack's export. */
static bool exams_of_another_pack(const struct event_list *l, const char *path, bool csv, const char *pack_id,
				  struct diag_list *diags)
{
	for (size_t i = 0; i < l->count; i++) {
		enum journal_kind k = l->items[i].kind;
		if ((k == JOURNAL_EXAM_START || k == JOURNAL_EXAM_PAUSE || k == JOURNAL_EXAM_FINISH) &&
		    another_pack(path, csv ? l->lines[i] : 0, l->items[i].id, pack_id, diags))
			return true;
	}
	return false;
}

bool history_import(struct journal *j, const char *pack_id, const char *path, size_t *added, char *written,
		    size_t written_size, struct diag_list *diags)
{
	*added = 0;
	written[0] = '\0';
	size_t len;
	char *buf = read_whole(path, &len, diags);
	if (!buf)
		return false;
	size_t first = 0;
	while (first < len && isspace((unsigned char)buf[first]))
		first++;
	struct event_list incoming = {0}, existing = {0};
	bool csv = !(first < len && buf[first] == '{');
	bool ok = csv ? parse_csv(buf, len, path, &incoming, diags)
		      : parse_json(buf, len, path, pack_id, &incoming, diags);
	free(buf);
	if (ok && exams_of_another_pack(&incoming, path, csv, pack_id, diags))
		ok = false;
	/* A file with any bad event is refused whole: a half-merge would be a surprise. */
	if (ok)
		ok = journal_replay(j, collect, &existing, diags);
	size_t total = existing.count + incoming.count;
	struct unit *units = ok ? xmalloc((total ? total : 1) * sizeof *units) : NULL;
	size_t n_existing = 0, n_incoming = 0, bad = 0;
	if (ok && !units_of(&existing, false, units, &n_existing, &bad)) {
		/* replay hands over whole blocks only: this cannot happen */
		diag_add(diags, DIAG_ERROR, journal_path(j), 0, 0, "the journal holds a cut exam block");
		ok = false;
	}
	if (ok && !units_of(&incoming, true, units + n_existing, &n_incoming, &bad)) {
		if (csv)
			diag_add(diags, DIAG_ERROR, path, incoming.lines[bad], 1,
				 "this exam-finish row is not followed by exactly its %" PRId64 " exam-item and answer rows",
				 incoming.items[bad].value);
		else
			diag_add(diags, DIAG_ERROR, path, 0, 0,
				 "event %d of \"events\", an exam-finish, is not followed by exactly its %" PRId64
				 " exam items and answers",
				 incoming.lines[bad], incoming.items[bad].value);
		ok = false;
	}
	size_t n = n_existing + n_incoming;
	if (ok) {
		for (size_t i = 0; i < n; i++)
			units[i].order = i;
		sort_lists[0] = &existing;
		sort_lists[1] = &incoming;
		/* Duplicates: an incoming unit equal to one before it (in the journals,
		 * or earlier in the file) is dropped; what is new is kept. */
		if (n)
			qsort(units, n, sizeof *units, by_content);
		size_t kept = 0;
		for (size_t i = 0; i < n; i++) {
			if (!units[i].incoming || (i > 0 && same_unit(&units[i], &units[i - 1])))
				continue;
			*added += units[i].len;
			units[kept++] = units[i];
		}
		n = kept;
	}
	if (ok && *added) {
		/* The new units in time order, as a journal file of their own:
		 * nothing that is there is rewritten (see journal_add_file). */
		qsort(units, n, sizeof *units, by_time);
		struct journal_event *all = xmalloc(*added * sizeof *all);
		size_t count = 0;
		for (size_t i = 0; i < n; i++)
			for (size_t k = 0; k < units[i].len; k++)
				all[count++] = *unit_event(&units[i], k);
		char why[4400];
		if (!journal_add_file(j, all, count, written, written_size, why, sizeof why)) {
			diag_add(diags, DIAG_ERROR, journal_path(j), 0, 0, "%s", why);
			ok = false;
		}
		free(all);
	}
	if (!ok)
		*added = 0;
	free(units);
	event_list_free(&incoming);
	event_list_free(&existing);
	return ok;
}
