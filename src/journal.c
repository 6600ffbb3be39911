/* journal — append-only, checksummed progress log. */
#include "mlcert/journal.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "mlcert/check.h"
#include "mlcert/fs.h"
#include "mlcert/xalloc.h"

enum { LINE_MAX_BYTES = 256, JOURNAL_VERSION = 1 };

struct journal {
	int fd;
	char *path;
	bool needs_newline; /* the file ends in a torn line: start on a fresh one */
};

static const char *const kind_words[] = {
#define MLCERT_JOURNAL_WORD(e, word) word,
	MLCERT_JOURNAL_KINDS(MLCERT_JOURNAL_WORD)
#undef MLCERT_JOURNAL_WORD
};

static uint32_t checksum(const char *s, size_t len)
{
	return (uint32_t)crc32(crc32(0L, Z_NULL, 0), (const Bytef *)s, (uInt)len);
}

int journal_format_line(const struct journal_event *e, char *buf, size_t size)
{
	if (e->kind >= JOURNAL_KIND_COUNT)
		return -1;
	int n = snprintf(buf, size, "%d %" PRId64 " %s %s %" PRIu32 " %d %d %" PRId64, JOURNAL_VERSION,
			 e->time, kind_words[e->kind], e->id, e->choices, e->correct, e->rating, e->value);
	if (n < 0 || (size_t)n >= size)
		return -1;
	int m = snprintf(buf + n, size - (size_t)n, " %08" PRIx32, checksum(buf, (size_t)n));
	if (m < 0 || (size_t)(n + m) >= size)
		return -1;
	return n + m;
}

/* A decimal integer in [min, max], nothing else. */
static bool parse_number(const char *s, long long min, long long max, long long *out)
{
	if (!*s || (*s != '-' && !isdigit((unsigned char)*s)))
		return false;
	errno = 0;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool journal_parse_line(const char *line, size_t len, struct journal_event *e)
{
	char buf[LINE_MAX_BYTES];
	if (len < 12 || len >= sizeof buf)
		return false;
	memcpy(buf, line, len);
	buf[len] = '\0';
	if (memchr(buf, '\0', len))
		return false;
	/* The checksum is the last field and covers everything before its space. */
	char *last_space = strrchr(buf, ' ');
	if (!last_space || strlen(last_space + 1) != 8)
		return false;
	char *end;
	unsigned long sum = strtoul(last_space + 1, &end, 16);
	if (*end || sum != checksum(buf, (size_t)(last_space - buf)))
		return false;
	*last_space = '\0';

	/* Eight fields split on single spaces, numbers read with range checks:
	 * sscanf's %lld is undefined on overflow, and a journal is input. */
	char *field[8];
	int n = 0;
	for (char *p = buf; n < 8; n++) {
		field[n] = p;
		char *sp = strchr(p, ' ');
		if (!sp)
			break;
		*sp = '\0';
		p = sp + 1;
	}
	long long version, time, value, choices, correct, rating;
	if (n != 7 || !parse_number(field[0], 1, 1, &version) ||
	    !parse_number(field[1], 0, JOURNAL_TIME_MAX, &time) ||
	    !parse_number(field[4], 0, UINT32_MAX, &choices) || !parse_number(field[5], 0, 1, &correct) ||
	    !parse_number(field[6], 0, 4, &rating) ||
	    !parse_number(field[7], -JOURNAL_VALUE_MAX, JOURNAL_VALUE_MAX, &value) || strlen(field[2]) > 15 ||
	    strlen(field[3]) > JOURNAL_ID_MAX)
		return false;
	const char *kind = field[2], *id = field[3];
	memset(e, 0, sizeof *e);
	e->kind = JOURNAL_KIND_COUNT;
	for (int k = 0; k < JOURNAL_KIND_COUNT; k++)
		if (strcmp(kind, kind_words[k]) == 0)
			e->kind = (enum journal_kind)k;
	if (e->kind == JOURNAL_KIND_COUNT || !check_valid_id(id))
		return false;
	e->time = time;
	memcpy(e->id, id, strlen(id) + 1); /* a valid id fits: at most 64 bytes */
	e->choices = (uint32_t)choices;
	e->correct = (int)correct;
	e->rating = (int)rating;
	e->value = value;
	return true;
}

struct journal *journal_open(const char *state_dir, const char *pack_id, struct diag_list *diags)
{
	char why[4096 + 256];
	if (!fs_make_dirs(state_dir, why, sizeof why)) {
		diag_add(diags, DIAG_ERROR, state_dir, 0, 0, "cannot use the state folder: %s", why);
		return NULL;
	}
	struct journal *j = xcalloc(1, sizeof *j);
	size_t n = strlen(state_dir) + strlen(pack_id) + 16;
	j->path = xmalloc(n);
	snprintf(j->path, n, "%s/%s.journal", state_dir, pack_id);
	/* O_NOFOLLOW: a symlink planted at our path must not redirect writes. */
	j->fd = open(j->path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (j->fd < 0) {
		diag_add(diags, DIAG_ERROR, j->path, 0, 0, "cannot open the journal: %s%s",
			 strerror(errno), errno == ELOOP ? " (it is a symbolic link)" : "");
		journal_close(j);
		return NULL;
	}
	struct stat st;
	if (fstat(j->fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid()) {
		diag_add(diags, DIAG_ERROR, j->path, 0, 0,
			 "refusing the journal: it is not a regular file owned by you");
		journal_close(j);
		return NULL;
	}
	if (st.st_mode & 077)
		fchmod(j->fd, 0600);
	return j;
}

const char *journal_path(const struct journal *j)
{
	return j->path;
}

const char *journal_kind_word(enum journal_kind kind)
{
	return kind < JOURNAL_KIND_COUNT ? kind_words[kind] : "unknown";
}

enum journal_kind journal_kind_from_word(const char *word)
{
	for (int k = 0; k < JOURNAL_KIND_COUNT; k++)
		if (strcmp(word, kind_words[k]) == 0)
			return (enum journal_kind)k;
	return JOURNAL_KIND_COUNT;
}

bool journal_rewrite(struct journal *j, const struct journal_event *events, size_t count, char *why,
		     size_t why_size)
{
	char tmp[4200], backup[4200], dir[4200];
	snprintf(tmp, sizeof tmp, "%s.new", j->path);
	snprintf(backup, sizeof backup, "%s.before-rewrite", j->path);
	snprintf(dir, sizeof dir, "%s", j->path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	else
		snprintf(dir, sizeof dir, ".");
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		snprintf(why, why_size, "cannot create %s: %s", tmp, strerror(errno));
		return false;
	}
	bool ok = true;
	for (size_t i = 0; i < count && ok; i++) {
		char line[LINE_MAX_BYTES + 2];
		int n = journal_format_line(&events[i], line, sizeof line - 1);
		if (n < 0)
			continue;
		line[n++] = '\n';
		ok = write(fd, line, (size_t)n) == n;
	}
	ok = ok && fsync(fd) == 0;
	int saved = errno;
	close(fd);
	if (!ok) {
		unlink(tmp);
		snprintf(why, why_size, "cannot write %s: %s", tmp, strerror(saved));
		return false;
	}
	/* Keep the old journal under another name, then swap the new one in. */
	unlink(backup);
	if (link(j->path, backup) != 0 || rename(tmp, j->path) != 0) {
		snprintf(why, why_size, "cannot replace %s: %s", j->path, strerror(errno));
		unlink(tmp);
		return false;
	}
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	/* Our descriptor still points at the old file: reopen the new one. */
	int nfd = open(j->path, O_RDWR | O_APPEND | O_CLOEXEC | O_NOFOLLOW);
	if (nfd < 0) {
		snprintf(why, why_size, "cannot reopen %s: %s", j->path, strerror(errno));
		return false;
	}
	close(j->fd);
	j->fd = nfd;
	j->needs_newline = false;
	return true;
}

bool journal_replay(struct journal *j, journal_visit_fn visit, void *ctx, struct diag_list *diags)
{
	struct stat st;
	if (fstat(j->fd, &st) != 0) {
		diag_add(diags, DIAG_ERROR, j->path, 0, 0, "cannot read the journal: %s", strerror(errno));
		return false;
	}
	size_t size = (size_t)st.st_size;
	char *buf = xmalloc(size + 1);
	size_t got = fs_pread_full(j->fd, buf, size, 0);
	int line_no = 0;
	for (size_t start = 0; start < got;) {
		char *nl = memchr(buf + start, '\n', got - start);
		size_t len = nl ? (size_t)(nl - (buf + start)) : got - start;
		line_no++;
		struct journal_event e;
		if (len == 0) {
			/* blank lines are harmless: a torn write we already isolated */
		} else if (journal_parse_line(buf + start, len, &e)) {
			/* also a last line cut just before its newline: its checksum says it is whole */
			visit(ctx, &e);
		} else if (!nl) {
			diag_add(diags, DIAG_WARNING, j->path, line_no, 1,
				 "skipped an unfinished last line (a write was interrupted)");
		} else {
			diag_add(diags, DIAG_WARNING, j->path, line_no, 1,
				 "skipped a damaged line (bad checksum or format); the lines around it are kept");
		}
		start += len + (nl ? 1 : 0);
	}
	j->needs_newline = got > 0 && buf[got - 1] != '\n';
	free(buf);
	return true;
}

bool journal_append(struct journal *j, const struct journal_event *e, char *why, size_t why_size)
{
	char line[LINE_MAX_BYTES + 2];
	size_t off = j->needs_newline ? 1 : 0;
	line[0] = '\n';
	int n = journal_format_line(e, line + off, sizeof line - off - 1);
	if (n < 0) {
		snprintf(why, why_size, "event too long to record");
		return false;
	}
	size_t len = off + (size_t)n;
	line[len++] = '\n';
	/* One write: a crash leaves either the whole line or a torn tail that
	 * replay skips, never a half-line in the middle of the file. */
	ssize_t w;
	do
		w = write(j->fd, line, len);
	while (w < 0 && errno == EINTR);
	if (w != (ssize_t)len) {
		snprintf(why, why_size, "cannot save progress to %s: %s", j->path,
			 w < 0 ? strerror(errno) : "short write");
		if (w > 0)
			j->needs_newline = true;
		return false;
	}
	j->needs_newline = false;
	if (fsync(j->fd) != 0) {
		snprintf(why, why_size, "cannot save progress to %s: %s", j->path, strerror(errno));
		return false;
	}
	return true;
}

bool journal_append_lines(struct journal *j, const struct journal_event *events, size_t count, char *why,
			  size_t why_size)
{
	size_t cap = 1 + count * (LINE_MAX_BYTES + 1), len = j->needs_newline ? 1 : 0;
	char *buf = xmalloc(cap);
	buf[0] = '\n';
	for (size_t i = 0; i < count; i++) {
		int n = journal_format_line(&events[i], buf + len, cap - len - 1);
		if (n < 0) {
			free(buf);
			snprintf(why, why_size, "event too long to record");
			return false;
		}
		len += (size_t)n;
		buf[len++] = '\n';
	}
	struct stat st;
	off_t before = fstat(j->fd, &st) == 0 ? st.st_size : -1;
	ssize_t w;
	do
		w = write(j->fd, buf, len);
	while (w < 0 && errno == EINTR);
	int saved_errno = errno;
	free(buf);
	if (w != (ssize_t)len) {
		snprintf(why, why_size, "cannot save progress to %s: %s", j->path,
			 w < 0 ? strerror(saved_errno) : "short write");
		/* A short write can hold whole lines of the batch, which replay
		 * would take as saved: cut the file back to where it was. */
		if (w > 0 && (before < 0 || ftruncate(j->fd, before) != 0))
			j->needs_newline = true;
		return false;
	}
	j->needs_newline = false;
	if (fsync(j->fd) != 0) {
		snprintf(why, why_size, "cannot save progress to %s: %s", j->path, strerror(errno));
		return false;
	}
	return true;
}

void journal_close(struct journal *j)
{
	if (!j)
		return;
	if (j->fd >= 0)
		close(j->fd);
	free(j->path);
	free(j);
}
