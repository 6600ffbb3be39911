/* journal — append-only, checksummed progress log. */
#include "mlcert/journal.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "mlcert/check.h"
#include "mlcert/fs.h"
#include "mlcert/xalloc.h"

enum { LINE_MAX_BYTES = 256, JOURNAL_VERSION = 1 };

struct journal {
	int fd;       /* -1: a reader of a journal that does not exist (yet) */
	int lock_fd;  /* the state folder's lock, while this journal is its writer; else -1 */
	char *path;
	char *state_dir;
	bool read_only;
	bool unlocked;   /* a writer on a file system without flock */
	bool locked_out; /* read-only because another process holds the lock ... */
	long holder;     /* ... this one, when its pid could be read; else 0 */
	dev_t dev;    /* the file fd is, to notice it replaced at the path */
	ino_t ino;
	off_t size;   /* its size when we last read or wrote it, to notice others' lines */
	bool ends_in_fragment; /* the last line has no newline: end it before the next */
	bool ends_in_cut_block; /* the file ends inside a cut exam block: a blank line closes it */
	size_t damaged;
	journal_reset_fn reset;
	journal_visit_fn visit;
	void *ctx;
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

bool journal_event_valid(const struct journal_event *e)
{
	if (!memchr(e->id, '\0', sizeof e->id))
		return false;
	char line[LINE_MAX_BYTES];
	struct journal_event back;
	int n = journal_format_line(e, line, sizeof line);
	return n > 0 && journal_parse_line(line, (size_t)n, &back) && back.kind == e->kind &&
	       back.time == e->time && strcmp(back.id, e->id) == 0 && back.choices == e->choices &&
	       back.correct == e->correct && back.rating == e->rating && back.value == e->value;
}

/* A failure that means "not allowed to write here", not "something is wrong". */
static bool cannot_write(int err)
{
	return err == EACCES || err == EROFS || err == EPERM;
}

/* Ours, and nobody else may write to it: whoever can rename files in the
 * state folder can replace the journal (git refuses a repository of "dubious
 * ownership" for the same reason). */
static bool state_dir_is_safe(const char *dir, const struct stat *st, struct diag_list *diags)
{
	if (!S_ISDIR(st->st_mode)) {
		diag_add(diags, DIAG_ERROR, dir, 0, 0, "cannot use the state folder: it is not a folder");
		return false;
	}
	if (st->st_uid != geteuid()) {
		diag_add(diags, DIAG_ERROR, dir, 0, 0,
			 "refusing the state folder: it belongs to user %u, not to you (user %u); "
			 "use a folder of your own (--state DIR)",
			 (unsigned)st->st_uid, (unsigned)geteuid());
		return false;
	}
	if (st->st_mode & 022) {
		diag_add(diags, DIAG_ERROR, dir, 0, 0,
			 "refusing the state folder: others may write to it (mode %04o); "
			 "'chmod go-w' it, or use another folder",
			 (unsigned)(st->st_mode & 07777));
		return false;
	}
	return true;
}

/* A regular file of ours, remembered as the file the journal has open. */
static bool adopt_file(struct journal *j, int fd, struct diag_list *diags)
{
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid()) {
		if (diags)
			diag_add(diags, DIAG_ERROR, j->path, 0, 0,
				 "refusing the journal: it is not a regular file owned by you");
		return false;
	}
	if ((st.st_mode & 077) && !j->read_only)
		fchmod(fd, 0600);
	j->dev = st.st_dev;
	j->ino = st.st_ino;
	return true;
}

/* The pid a writer keeps in the lock file; 0 when it cannot be read yet. */
static long lock_holder(int fd)
{
	for (int tries = 0; tries < 20; tries++) {
		char buf[32];
		ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
		if (n > 0) {
			buf[n] = '\0';
			long pid = strtol(buf, NULL, 10);
			if (pid > 0)
				return pid;
		}
		usleep(1000); /* the writer took the lock and is writing its pid */
	}
	return 0;
}

/* Takes the state folder's lock. false with *busy when another process has
 * it (then j->holder says which), or with a message in why. */
static bool take_lock(struct journal *j, bool *busy, char *why, size_t why_size)
{
	*busy = false;
	size_t n = strlen(j->state_dir) + 8;
	char *path = malloc(n);
	if (!path) {
		snprintf(why, why_size, "out of memory");
		return false;
	}
	snprintf(path, n, "%s/lock", j->state_dir);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid()) {
		snprintf(why, why_size, "cannot use the lock file %s: %s", path,
			 fd < 0 ? strerror(errno) : "it is not a regular file owned by you");
		if (fd >= 0)
			close(fd);
		free(path);
		return false;
	}
	free(path);
	int r;
	do
		r = flock(fd, LOCK_EX | LOCK_NB);
	while (r != 0 && errno == EINTR);
	if (r != 0) {
		if (errno == EWOULDBLOCK) {
			*busy = true;
			j->holder = lock_holder(fd);
			close(fd);
			return false;
		}
		/* A file system without flock (some FUSE ones): go on, unguarded,
		 * rather than refuse to work; the caller is told. */
		snprintf(why, why_size, "cannot lock %s/lock (%s): a second mlcert on this folder would not be noticed",
			 j->state_dir, strerror(errno));
		close(fd);
		j->unlocked = true;
		return true;
	}
	char pid[32];
	int len = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t)len, 0) != len) {
		/* the lock holds without the pid; a second instance just cannot name us */
	}
	j->lock_fd = fd;
	return true;
}

static void holder_text(const struct journal *j, char *buf, size_t size)
{
	if (j->holder > 0)
		snprintf(buf, size, "another mlcert (pid %ld)", j->holder);
	else
		snprintf(buf, size, "another mlcert");
}

struct journal *journal_open(const char *state_dir, const char *pack_id, struct diag_list *diags)
{
	return journal_open_as(state_dir, pack_id, JOURNAL_OPEN_DEFAULT, diags);
}

struct journal *journal_open_as(const char *state_dir, const char *pack_id, enum journal_access access,
				struct diag_list *diags)
{
	char why[4096 + 256];
	if (!state_dir || !state_dir[0]) {
		diag_add(diags, DIAG_ERROR, "", 0, 0, "the state folder is an empty name: give a folder (--state DIR)");
		return NULL;
	}
	bool reader = access == JOURNAL_OPEN_READER;
	struct stat st;
	bool dir_exists = stat(state_dir, &st) == 0;
	if (!dir_exists) {
		/* A reader makes the folder too (a first `mlcert stats` sets up the
		 * state), but one it cannot make just holds no journal yet. */
		if (!fs_make_dirs(state_dir, why, sizeof why) && !(reader && cannot_write(errno))) {
			diag_add(diags, DIAG_ERROR, state_dir, 0, 0, "cannot use the state folder: %s", why);
			return NULL;
		}
		dir_exists = stat(state_dir, &st) == 0;
	}
	if (dir_exists && !state_dir_is_safe(state_dir, &st, diags))
		return NULL;
	struct journal *j = calloc(1, sizeof *j);
	size_t n = strlen(state_dir) + strlen(pack_id) + 16;
	if (!j || !(j->path = malloc(n)) || !(j->state_dir = strdup(state_dir))) {
		journal_close(j);
		diag_add(diags, DIAG_ERROR, state_dir, 0, 0, "out of memory");
		return NULL;
	}
	j->fd = j->lock_fd = -1;
	j->read_only = reader;
	snprintf(j->path, n, "%s/%s.journal", state_dir, pack_id);
	/* O_NOFOLLOW: a symlink planted at our path must not redirect writes.
	 * A reader opens read-only: it works on a journal it may not write. */
	j->fd = reader ? open(j->path, O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600)
		       : open(j->path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (j->fd < 0 && !(reader && (errno == ENOENT || cannot_write(errno)))) {
		diag_add(diags, DIAG_ERROR, j->path, 0, 0, "cannot open the journal: %s%s",
			 strerror(errno), errno == ELOOP ? " (it is a symbolic link)" : "");
		journal_close(j);
		return NULL;
	}
	if (j->fd >= 0 && !adopt_file(j, j->fd, diags)) {
		journal_close(j);
		return NULL;
	}
	if (reader)
		return j;
	bool busy;
	why[0] = '\0';
	bool locked = take_lock(j, &busy, why, sizeof why);
	if (locked && j->unlocked)
		diag_add(diags, DIAG_WARNING, state_dir, 0, 0, "%s", why);
	if (!locked) {
		char other[64];
		holder_text(j, other, sizeof other);
		if (!busy)
			diag_add(diags, DIAG_ERROR, state_dir, 0, 0, "%s", why);
		else if (access == JOURNAL_OPEN_WRITER)
			diag_add(diags, DIAG_ERROR, state_dir, 0, 0,
				 "%s is using this state folder; quit it first, then try again", other);
		else
			diag_add(diags, DIAG_WARNING, state_dir, 0, 0,
				 "%s is using this state folder: this one is read-only, and nothing it records "
				 "is saved",
				 other);
		if (!busy || access == JOURNAL_OPEN_WRITER) {
			journal_close(j);
			return NULL;
		}
		j->read_only = j->locked_out = true;
	}
	return j;
}

const char *journal_path(const struct journal *j)
{
	return j->path;
}

bool journal_read_only(const struct journal *j, long *holder)
{
	if (holder)
		*holder = j->holder;
	return j->read_only;
}

bool journal_identity(const struct journal *j, unsigned long long *dev, unsigned long long *ino)
{
	if (j->fd < 0)
		return false;
	*dev = (unsigned long long)j->dev;
	*ino = (unsigned long long)j->ino;
	return true;
}

size_t journal_damaged_lines(const struct journal *j)
{
	return j->damaged;
}

void journal_set_listener(struct journal *j, journal_reset_fn reset, journal_visit_fn visit, void *ctx)
{
	j->reset = reset;
	j->visit = visit;
	j->ctx = ctx;
}

bool journal_block_line(enum journal_kind kind)
{
	return kind == JOURNAL_ANSWER || kind == JOURNAL_EXAM_ITEM;
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

static bool refuse_read_only(const struct journal *j, char *why, size_t why_size)
{
	if (!j->read_only)
		return false;
	char other[64];
	holder_text(j, other, sizeof other);
	if (j->locked_out)
		snprintf(why, why_size, "read-only: %s is using the state folder %s", other, j->state_dir);
	else
		snprintf(why, why_size, "the journal %s was opened read-only", j->path);
	return true;
}

bool journal_rewrite(struct journal *j, const struct journal_event *events, size_t count, char *why,
		     size_t why_size)
{
	if (refuse_read_only(j, why, why_size))
		return false;
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
	errno = 0;
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
		snprintf(why, why_size, "cannot write %s: %s", tmp, saved ? strerror(saved) : "short write");
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
	struct stat st;
	if (nfd < 0 || fstat(nfd, &st) != 0) {
		snprintf(why, why_size, "cannot reopen %s: %s", j->path, strerror(errno));
		if (nfd >= 0)
			close(nfd);
		return false;
	}
	close(j->fd);
	j->fd = nfd;
	j->dev = st.st_dev;
	j->ino = st.st_ino;
	j->size = st.st_size;
	j->ends_in_fragment = j->ends_in_cut_block = false;
	return true;
}

/* One line of buf: its length without the newline, and whether it had one. */
static size_t line_at(const char *buf, size_t got, size_t start, bool *has_newline)
{
	const char *nl = memchr(buf + start, '\n', got - start);
	*has_newline = nl != NULL;
	return nl ? (size_t)(nl - (buf + start)) : got - start;
}

struct replay {
	struct journal *j;
	struct diag_list *diags;
	size_t shown;
	int last_damaged;
};

static void damaged(struct replay *r, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* A warning for the first few damaged lines; the rest are counted, so a
 * million damaged lines are one summary rather than a million warnings. */
static void damaged(struct replay *r, int line, const char *fmt, ...)
{
	r->j->damaged++;
	r->last_damaged = line;
	if (r->shown >= JOURNAL_WARNINGS_SHOWN)
		return;
	r->shown++;
	char message[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(message, sizeof message, fmt, ap);
	va_end(ap);
	diag_add(r->diags, DIAG_WARNING, r->j->path, line, 1, "%s", message);
}

bool journal_replay(struct journal *j, journal_visit_fn visit, void *ctx, struct diag_list *diags)
{
	j->damaged = 0;
	j->ends_in_fragment = j->ends_in_cut_block = false;
	j->size = 0;
	if (j->fd < 0)
		return true; /* a reader of a journal not written yet: no events */
	struct stat st;
	if (fstat(j->fd, &st) != 0) {
		diag_add(diags, DIAG_ERROR, j->path, 0, 0, "cannot read the journal: %s", strerror(errno));
		return false;
	}
	size_t size = (size_t)st.st_size;
	char *buf = malloc(size + 1);
	if (!buf) {
		diag_add(diags, DIAG_ERROR, j->path, 0, 0, "out of memory reading the journal");
		return false;
	}
	size_t got = 0;
	while (got < size) {
		ssize_t r = pread(j->fd, buf + got, size - got, (off_t)got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	struct replay r = {.j = j, .diags = diags};
	int line_no = 0;
	for (size_t start = 0; start < got;) {
		bool nl;
		size_t len = line_at(buf, got, start, &nl);
		line_no++;
		struct journal_event e;
		if (len == 0) {
			/* blank lines are harmless: a torn write we already isolated */
		} else if (journal_parse_line(buf + start, len, &e)) {
			/* also a last line cut just before its newline: its checksum says it is whole */
			if (e.kind == JOURNAL_EXAM_FINISH) {
				/* A block: the finish and the answers it counts, all or none. */
				size_t want = e.value > 0 ? (size_t)e.value : 0, have = 0;
				size_t p = start + len + (nl ? 1 : 0);
				while (have < want && p < got) {
					bool anl;
					size_t alen = line_at(buf, got, p, &anl);
					struct journal_event a;
					if (!journal_parse_line(buf + p, alen, &a) || !journal_block_line(a.kind))
						break;
					have++;
					p += alen + (anl ? 1 : 0);
				}
				if (have == want) {
					visit(ctx, &e);
					for (size_t q = start + len + (nl ? 1 : 0); q < p;) {
						bool anl;
						size_t alen = line_at(buf, got, q, &anl);
						struct journal_event a;
						journal_parse_line(buf + q, alen, &a);
						visit(ctx, &a);
						q += alen + (anl ? 1 : 0);
					}
				} else {
					damaged(&r, line_no,
						"skipped an exam finish cut short (%zu of its %zu lines follow it); "
						"the exam stays open",
						have, want);
					j->ends_in_cut_block = p >= got;
				}
				line_no += (int)have;
				start = p;
				continue;
			}
			visit(ctx, &e);
		} else if (!nl) {
			damaged(&r, line_no, "skipped an unfinished last line (a write was interrupted)");
		} else {
			damaged(&r, line_no,
				"skipped a damaged line (bad checksum or format); the lines around it are kept");
		}
		start += len + (nl ? 1 : 0);
	}
	if (j->damaged > r.shown)
		diag_add(diags, DIAG_WARNING, j->path, r.last_damaged, 1,
			 "... and %zu more damaged lines skipped, the last on this line", j->damaged - r.shown);
	j->ends_in_fragment = got > 0 && buf[got - 1] != '\n';
	j->size = (off_t)got;
	free(buf);
	return true;
}

static void ignore_event(void *ctx, const struct journal_event *e)
{
	(void)ctx;
	(void)e;
}

/* Reads the whole file again, for the listener: it changed behind our back. */
static bool reload(struct journal *j, char *why, size_t why_size)
{
	if (j->reset)
		j->reset(j->ctx);
	struct diag_list scratch;
	diag_list_init(&scratch);
	bool ok = journal_replay(j, j->visit ? j->visit : ignore_event, j->ctx, &scratch);
	if (!ok)
		snprintf(why, why_size, "cannot read %s again: %s", j->path,
			 scratch.count ? scratch.items[0].message : "error");
	diag_list_free(&scratch);
	return ok;
}

/* Before an append: is the file we have open still the one at the path, as
 * we left it? A file renamed over ours (rsync, Syncthing, an import) is
 * opened instead; lines appended by someone else are read. Either way the
 * listener sees the whole file again before anything is added. */
static bool follow_path(struct journal *j, char *why, size_t why_size)
{
	struct stat st;
	bool exists = lstat(j->path, &st) == 0;
	if (!exists && errno != ENOENT) {
		snprintf(why, why_size, "cannot check %s: %s", j->path, strerror(errno));
		return false;
	}
	if (!exists || st.st_dev != j->dev || st.st_ino != j->ino || j->fd < 0) {
		int fd = open(j->path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
		if (fd < 0) {
			snprintf(why, why_size, "the journal %s was replaced, and the new one cannot be opened: %s%s",
				 j->path, strerror(errno), errno == ELOOP ? " (it is a symbolic link)" : "");
			return false;
		}
		if (!adopt_file(j, fd, NULL)) {
			close(fd);
			snprintf(why, why_size, "the journal %s was replaced by a file that is not a regular file owned by you",
				 j->path);
			return false;
		}
		if (j->fd >= 0)
			close(j->fd);
		j->fd = fd;
		return reload(j, why, why_size);
	}
	if (fstat(j->fd, &st) != 0) {
		snprintf(why, why_size, "cannot check %s: %s", j->path, strerror(errno));
		return false;
	}
	if (st.st_size != j->size)
		return reload(j, why, why_size);
	return true;
}

/* Writes text (whole lines) as one write(), then fsyncs; on any failure the
 * file is cut back to its old size, so nothing half-written stays behind. */
static bool append_text(struct journal *j, char *text, size_t len, char *why, size_t why_size)
{
	if (refuse_read_only(j, why, why_size) || !follow_path(j, why, why_size))
		return false;
	off_t old = j->size;
	/* Never start after a fragment, nor inside an exam block a crash cut short:
	 * the two spare bytes before the lines become the newlines needed. */
	char last = '\n';
	if (old > 0 && pread(j->fd, &last, 1, old - 1) != 1)
		last = '\n';
	size_t needed = (j->ends_in_cut_block ? 1 : 0) + (last != '\n' || j->ends_in_fragment ? 1 : 0);
	char *start = text + 2 - needed;
	for (size_t i = 0; i < needed; i++)
		start[i] = '\n';
	len -= 2 - needed;
	ssize_t w;
	do
		w = write(j->fd, start, len);
	while (w < 0 && errno == EINTR);
	int err = w < 0 ? errno : 0;
	if (w >= 0 && (size_t)w < len) {
		/* Short: ask again for the rest, only to learn why (a full disk, a size limit). */
		ssize_t more = write(j->fd, start + w, len - (size_t)w);
		err = more < 0 ? errno : 0;
	}
	bool ok = w == (ssize_t)len && fsync(j->fd) == 0;
	if (!ok && w == (ssize_t)len)
		err = errno;
	if (!ok) {
		snprintf(why, why_size, "cannot save progress to %s: %s", j->path,
			 err ? strerror(err) : "short write");
		if (w > 0 && ftruncate(j->fd, old) != 0) {
			/* The fragment stays: the next line starts after a newline. */
			struct stat st;
			j->size = fstat(j->fd, &st) == 0 ? st.st_size : old;
			j->ends_in_fragment = true;
		}
		return false;
	}
	j->size = old + (off_t)len;
	j->ends_in_fragment = j->ends_in_cut_block = false;
	return true;
}

/* The lines of events, after two spare bytes for append_text's newlines. */
static char *format_lines(const struct journal_event *events, size_t count, size_t *len, char *why,
			  size_t why_size)
{
	char *text = malloc(2 + count * (LINE_MAX_BYTES + 1));
	if (!text) {
		snprintf(why, why_size, "out of memory");
		return NULL;
	}
	size_t n = 2;
	for (size_t i = 0; i < count; i++) {
		int w = journal_format_line(&events[i], text + n, LINE_MAX_BYTES);
		if (w < 0) {
			snprintf(why, why_size, "event too long to record");
			free(text);
			return NULL;
		}
		n += (size_t)w;
		text[n++] = '\n';
	}
	*len = n;
	return text;
}

bool journal_append(struct journal *j, const struct journal_event *e, char *why, size_t why_size)
{
	return journal_append_lines(j, e, 1, why, why_size);
}

bool journal_append_lines(struct journal *j, const struct journal_event *events, size_t count, char *why,
			  size_t why_size)
{
	if (count == 0)
		return true;
	/* An exam finish opens a block of exactly its lines (see journal_replay)
	 * and ends the batch; lines may come before it (the exam's last pause). A
	 * lone finish line is still accepted, for writers that add the lines one by one. */
	size_t finish = count;
	bool block_ok = true;
	for (size_t i = 0; i < count; i++)
		if (events[i].kind == JOURNAL_EXAM_FINISH) {
			block_ok = block_ok && finish == count;
			finish = i;
		}
	if (finish < count && count > 1) {
		block_ok = block_ok && events[finish].value == (int64_t)(count - finish - 1);
		for (size_t i = finish + 1; i < count; i++)
			block_ok = block_ok && journal_block_line(events[i].kind);
	}
	if (!block_ok) {
		snprintf(why, why_size, "an exam finish must be followed by exactly its %lld lines",
			 (long long)events[finish < count ? finish : 0].value);
		return false;
	}
	size_t len;
	char *text = format_lines(events, count, &len, why, why_size);
	if (!text)
		return false;
	bool ok = append_text(j, text, len, why, why_size);
	free(text);
	return ok;
}

void journal_close(struct journal *j)
{
	if (!j)
		return;
	if (j->fd >= 0)
		close(j->fd);
	if (j->lock_fd >= 0)
		close(j->lock_fd); /* and with it the lock */
	free(j->path);
	free(j->state_dir);
	free(j);
}
