/* fuzz_journal — the progress journal on hostile files.
 *
 * Each input is first given to journal_parse_line() as one raw line. Then it
 * becomes the whole journal file in a private folder (made once with mkdtemp):
 * - as is, so real journals are seeds unchanged;
 * - when its first byte is NUL, the rest is a list of event lines without
 *   checksums and the harness appends the right " %08x" CRC-32 to each (a
 *   line starting with '!' is written without the '!' and left unsigned):
 *   a fuzzer cannot forge CRCs, and without this it would never get past the
 *   checksum to the parser and to study.
 * The file is opened with journal_open() and replayed into a study of the
 * fixture pack; one event and then an exam finish block (journal_append_lines)
 * are appended and the journal replayed again. The second replay must see the
 * same good events, in the same order, plus the appended ones, and no more
 * warnings: appending never changes what was there, and nothing in the file
 * (a fragment, a cut exam block) can swallow what is appended after it.
 * Every good event must survive journal_format_line() and a second parse, and
 * the events read, written as a journal of their own by journal_add_file()
 * (what import does) in place of the input, must replay to exactly those
 * events, with no warning. The input is this device's journal
 * (STATE/PACK/ID.journal, the id made once). */
#include <fcntl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "mlcert/check.h"
#include "mlcert/content.h"
#include "mlcert/diag.h"
#include "mlcert/exam.h"
#include "mlcert/journal.h"
#include "mlcert/study.h"

#include "fixture_pack.h" /* generated into build/fuzz by tests/fuzz/embed.sh */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { NOW = 1767225600 }; /* 2026-01-01, the appended event's time */

static struct content_pack *pack;
static char dir[4096];
static char folder[4200];
static char file[4300];
static char added_file[4400]; /* the journal journal_add_file wrote, removed each round */
static char device[4200];
static char lock[4200];

static void require(bool ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_journal: invariant broken: %s\n", what);
		abort();
	}
}

static void cleanup(void)
{
	if (file[0])
		unlink(file);
	if (added_file[0])
		unlink(added_file);
	if (device[0])
		unlink(device);
	if (lock[0])
		unlink(lock);
	if (folder[0])
		rmdir(folder);
	if (dir[0])
		rmdir(dir);
	content_pack_free(pack);
}

/* A tmpfs when there is one: journal_append() fsyncs every event. */
static const char *temp_base(void)
{
	const char *t = getenv("TMPDIR");
	if (t && t[0] == '/')
		return t;
	if (access("/dev/shm", W_OK | X_OK) == 0)
		return "/dev/shm";
	return "/tmp";
}

static void init(void)
{
	struct content_buffer files[FIXTURE_FILES];
	for (size_t i = 0; i < FIXTURE_FILES; i++)
		files[i] = (struct content_buffer){fixture_names[i], fixture_texts[i],
						   strlen(fixture_texts[i])};
	struct diag_list d;
	diag_list_init(&d);
	pack = content_load_buffers("fixture", files, FIXTURE_FILES, &d);
	if (!pack || !check_pack(pack, &d) || d.errors) {
		diag_print(&d, stderr);
		fprintf(stderr, "fuzz_journal: the fixture pack does not load cleanly\n");
		abort();
	}
	diag_list_free(&d);
	snprintf(dir, sizeof dir, "%s/mlcert-fuzz-journal-XXXXXX", temp_base());
	if (!mkdtemp(dir)) {
		perror("fuzz_journal: mkdtemp");
		abort();
	}
	char id[JOURNAL_DEVICE_ID_LEN + 1], why[512];
	if (!journal_device_id(dir, true, id, why, sizeof why)) {
		fprintf(stderr, "fuzz_journal: %s\n", why);
		abort();
	}
	snprintf(device, sizeof device, "%s/device-id", dir);
	snprintf(folder, sizeof folder, "%s/%s", dir, pack->meta->id);
	if (mkdir(folder, 0700) != 0) {
		perror("fuzz_journal: mkdir");
		abort();
	}
	snprintf(file, sizeof file, "%s/%s.journal", folder, id);
	snprintf(lock, sizeof lock, "%s/lock", dir);
	atexit(cleanup);
}

static bool same_event(const struct journal_event *a, const struct journal_event *b)
{
	return a->kind == b->kind && a->time == b->time && strcmp(a->id, b->id) == 0 &&
	       a->choices == b->choices && a->correct == b->correct && a->rating == b->rating &&
	       a->value == b->value;
}

/* What a good line says must be writable again (compaction rewrites every
 * event with journal_format_line) and read back the same. */
static void round_trip(const struct journal_event *e)
{
	char line[512];
	int n = journal_format_line(e, line, sizeof line);
	require(n > 0, "a parsed event cannot be formatted again");
	require(n < 256, "a parsed event formats longer than a line may be");
	struct journal_event again;
	require(journal_parse_line(line, (size_t)n, &again), "a formatted event does not parse");
	require(same_event(e, &again), "an event changes through format and parse");
}

struct replay {
	struct study *study;
	struct journal_event *events;
	size_t count, cap;
};

static void visit(void *ctx, const struct journal_event *e)
{
	struct replay *r = ctx;
	round_trip(e);
	if (r->count == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		struct journal_event *p = realloc(r->events, cap * sizeof *p);
		require(p != NULL, "out of memory");
		r->events = p;
		r->cap = cap;
	}
	r->events[r->count++] = *e;
	study_apply(r->study, e);
}

static void check_diags(const struct diag_list *d)
{
	for (size_t i = 0; i < d->count; i++) {
		require(d->items[i].message != NULL, "diagnostic without a message");
		require(d->items[i].line >= 0 && d->items[i].col >= 0, "negative position");
	}
}

/* The queries the dashboard, the review screen and the mock exam make after
 * a replay: an open exam is resumed, its clock read, and it is scored. */
static void query(struct study *s, int64_t now)
{
	size_t nq = pack->question_count;
	int *out = malloc((nq ? nq : 1) * sizeof *out);
	require(out != NULL, "out of memory");
	size_t due, fresh;
	size_t n = study_review_queue(s, now, 20, out, nq, &due, &fresh);
	require(n == due + fresh && n <= nq, "review queue counts");
	for (size_t i = 0; i < n; i++)
		require(out[i] >= 0 && (size_t)out[i] < nq, "review queue entry out of range");
	free(out);
	struct study_mastery m;
	for (size_t t = 0; t < pack->topic_count; t++)
		study_topic_mastery(s, (int)t, &m);
	struct study_stats st;
	study_domain_stats(s, -1, &st);
	(void)study_readiness(s, now, NULL);
	unsigned forecast[STUDY_FORECAST_DAYS], heat[STUDY_HEATMAP_DAYS];
	study_forecast(s, now, forecast);
	study_heatmap(s, now, heat);
	if (s->exam_date)
		(void)study_readiness(s, s->exam_date, NULL);
	struct exam *x = exam_resume(pack, &s->exam, now);
	require((x != NULL) == s->exam.active, "exam_resume disagrees with the open exam");
	if (x) {
		require(exam_seconds_left(x, now) >= 0, "negative time left");
		(void)exam_seconds_used(x, now);
		require(exam_answered(x) <= x->count && exam_flagged(x) <= x->count, "exam counts");
		exam_finish(x, false);
		require(x->right <= x->count, "exam score");
		exam_free(x);
	}
	/* every finished exam reopens, its questions all there or counted missing */
	for (size_t k = 0; k < s->exam_count; k++) {
		struct exam *past = exam_from_history(pack, s, k);
		require(past != NULL, "a finished exam does not reopen");
		require(past->count + past->missing == s->exams[k].item_count, "a reopened exam lost questions");
		require(s->exams[k].first_item + s->exams[k].item_count <= s->exam_item_count, "exam items out of range");
		exam_free(past);
	}
	int undo_question;
	int64_t undo_time;
	if (study_undoable(s, &undo_question, &undo_time))
		require(undo_question >= 0 && (size_t)undo_question < nq, "the undoable answer is out of range");
}

static bool replay(struct replay *r, struct diag_list *d)
{
	struct journal *j = journal_open(dir, pack->meta->id, d);
	require(j != NULL, "journal_open failed on a regular file of ours");
	r->study = study_new(pack);
	require(r->study != NULL, "out of memory");
	bool ok = journal_replay(j, visit, r, d);
	check_diags(d);
	journal_close(j);
	return ok;
}

static void write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	while (len > 0) {
		ssize_t w = write(fd, p, len);
		require(w > 0, "cannot write the journal file");
		p += w;
		len -= (size_t)w;
	}
}

/* The journal text for a NUL-led input: each line gets its checksum. */
static char *sign_lines(const uint8_t *data, size_t size, size_t *out_len)
{
	size_t lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	char *out = malloc(size + lines * 9 + 1);
	require(out != NULL, "out of memory");
	size_t n = 0;
	for (size_t start = 0; start < size;) {
		const uint8_t *nl = memchr(data + start, '\n', size - start);
		size_t len = nl ? (size_t)(nl - (data + start)) : size - start;
		const uint8_t *line = data + start;
		if (len > 0 && line[0] == '!') {
			memcpy(out + n, line + 1, len - 1);
			n += len - 1;
		} else {
			memcpy(out + n, line, len);
			n += len;
			uint32_t sum = (uint32_t)crc32(crc32(0L, Z_NULL, 0), line, (uInt)len);
			n += (size_t)snprintf(out + n, 10, " %08x", (unsigned)sum);
		}
		if (nl)
			out[n++] = '\n';
		start += len + (nl ? 1 : 0);
	}
	*out_len = n;
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!pack)
		init();

	struct journal_event e;
	if (journal_parse_line((const char *)data, size, &e))
		round_trip(&e);

	const char *text = (const char *)data;
	size_t len = size;
	char *signed_text = NULL;
	if (size > 0 && data[0] == 0) {
		signed_text = sign_lines(data + 1, size - 1, &len);
		text = signed_text;
	}
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	require(fd >= 0, "cannot create the journal file");
	write_all(fd, text, len);
	close(fd);
	free(signed_text);

	struct diag_list d1, d2;
	diag_list_init(&d1);
	diag_list_init(&d2);
	struct replay r1 = {0}, r2 = {0};
	require(replay(&r1, &d1), "first replay failed");
	query(r1.study, NOW);
	if (r1.count)
		query(r1.study, r1.events[r1.count - 1].time);

	struct journal_event added = {
		.kind = JOURNAL_ANSWER, .time = NOW, .choices = 1, .correct = 1, .rating = 3,
	};
	snprintf(added.id, sizeof added.id, "%s", "q-single");
	struct journal *j = journal_open(dir, pack->meta->id, &d2);
	require(j != NULL, "journal_open failed before the append");
	/* Replay first, as the program does: it learns whether the file ends in a torn line. */
	struct study *scratch = study_new(pack);
	require(scratch != NULL, "out of memory");
	journal_replay(j, study_apply, scratch, &d2);
	study_free(scratch);
	diag_list_free(&d2);
	diag_list_init(&d2);
	char why[512];
	require(journal_append(j, &added, why, sizeof why), "journal_append failed");
	/* and an exam finish block, in one write: read back whole after whatever the file held */
	struct journal_event block[3] = {{.kind = JOURNAL_EXAM_FINISH, .time = NOW, .choices = 1, .value = 2},
					 added, added};
	snprintf(block[0].id, sizeof block[0].id, "%s", pack->meta->id);
	block[1].kind = JOURNAL_EXAM_ITEM; /* an exam item, then the answer to it */
	block[2].correct = 0;
	require(journal_append_lines(j, block, 3, why, sizeof why), "journal_append_lines failed");
	journal_close(j);

	require(replay(&r2, &d2), "second replay failed");
	require(r2.count == r1.count + 4, "the second replay does not see exactly the four appended events more");
	for (size_t i = 0; i < r1.count; i++)
		require(same_event(&r1.events[i], &r2.events[i]),
			"an event read before the append reads differently after it");
	require(same_event(&r2.events[r1.count], &added), "the appended event is not where it was appended");
	for (size_t i = 0; i < 3; i++)
		require(same_event(&r2.events[r1.count + 1 + i], &block[i]), "the appended block is not read back whole");
	require(d2.warnings == d1.warnings, "the append changed how many lines are damaged");
	query(r2.study, NOW);

	/* The events read, written anew as a journal of their own (import's
	 * way) in place of the input, read back the same. */
	struct diag_list d3;
	diag_list_init(&d3);
	unlink(file);
	j = journal_open(dir, pack->meta->id, &d3);
	require(j != NULL, "journal_open failed before journal_add_file");
	require(journal_add_file(j, r2.events, r2.count, added_file, sizeof added_file, why, sizeof why),
		"journal_add_file failed");
	journal_close(j);
	struct replay r3 = {0};
	require(replay(&r3, &d3), "replay after journal_add_file failed");
	require(r3.count == r2.count, "journal_add_file changed how many events there are");
	for (size_t i = 0; i < r2.count; i++)
		require(same_event(&r2.events[i], &r3.events[i]), "journal_add_file changed an event");
	require(d3.count == 0, "a journal written by journal_add_file has warnings");
	unlink(added_file);
	added_file[0] = '\0';
	study_free(r3.study);
	free(r3.events);
	diag_list_free(&d3);

	study_free(r1.study);
	study_free(r2.study);
	free(r1.events);
	free(r2.events);
	diag_list_free(&d1);
	diag_list_free(&d2);
	return 0;
}
