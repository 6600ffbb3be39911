/* journal — append-only, checksummed progress logs: one per device, read as one. */
#include "mlcert/journal.h"

#include <ctype.h>
#include <dirent.h>
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

/* A journal file in the pack's folder as the last replay read it: any
 * difference at the next look means lines arrived or the file was replaced. */
struct member {
	char *name; /* the file's name: the order of files, and ties between them */
	char *path;
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
};

struct journal {
	int fd;       /* this device's journal; -1: a reader of one that does not exist */
	int lock_fd;  /* the state folder's lock, while this journal is its writer; else -1 */
	char *path;   /* this device's journal, the only file appended to (a reader that
		       * knows no device: the folder) */
	char *folder; /* STATE/PACK: every device's journal */
	char *legacy; /* STATE/PACK.journal: the one journal of earlier versions */
	char *state_dir;
	char device[JOURNAL_DEVICE_ID_LEN + 1]; /* "" when not known (a reader) */
	bool read_only;
	bool unlocked;   /* a writer on a file system without flock */
	bool locked_out; /* read-only because another process holds the lock ... */
	long holder;     /* ... this one, when its pid could be read; else 0 */
	dev_t dev;    /* the file fd is, to notice it replaced at the path */
	ino_t ino;
	off_t size;   /* its size when we last read or wrote it */
	bool ends_in_fragment; /* the last line has no newline: end it before the next */
	bool ends_in_cut_block; /* the file ends inside a cut exam block: a blank line closes it */
	size_t damaged;
	struct member *members; /* what the last replay read, sorted by name */
	size_t member_count;
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


/* "DIR/NAME", allocated. */
static char *join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = xmalloc(n);
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

/* fsyncs a folder, so a name just made or renamed in it survives a crash. */
static void sync_folder(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* A fresh random name part: 16 hex digits. */
static bool random_id(char id[JOURNAL_DEVICE_ID_LEN + 1], char *why, size_t why_size)
{
	unsigned char raw[JOURNAL_DEVICE_ID_LEN / 2];
	if (getentropy(raw, sizeof raw) != 0) {
		snprintf(why, why_size, "no random bytes for a device id: %s", strerror(errno));
		return false;
	}
	for (size_t i = 0; i < sizeof raw; i++)
		snprintf(id + 2 * i, 3, "%02x", raw[i]);
	return true;
}

static bool is_device_id(const char *s, size_t len)
{
	if (len != JOURNAL_DEVICE_ID_LEN)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!isdigit((unsigned char)s[i]) && (s[i] < 'a' || s[i] > 'f'))
			return false;
	return true;
}

/* A journal of the pack's folder: a name of lower-case letters, digits and
 * dashes, then ".journal". Temporary files, a sync tool's conflict copies
 * and hidden files have other names and are never read. */
static bool is_member_name(const char *name)
{
	size_t len = strlen(name), stem = len > 8 ? len - 8 : 0;
	if (stem == 0 || stem > JOURNAL_ID_MAX || strcmp(name + stem, ".journal") != 0)
		return false;
	for (size_t i = 0; i < stem; i++)
		if (!isdigit((unsigned char)name[i]) && (name[i] < 'a' || name[i] > 'z') && (name[i] != '-' || i == 0))
			return false;
	return true;
}

enum device_state { DEVICE_OK, DEVICE_MISSING, DEVICE_STALE, DEVICE_ERROR };

/* STATE/device-id holds the id and the inode of the file it was written in:
 * a copy from another machine (rsync, Syncthing, cp -a of the whole folder)
 * is another file, so it is not taken for this device's, and two machines
 * never append to one journal. */
static enum device_state read_device(const char *state_dir, char id[JOURNAL_DEVICE_ID_LEN + 1], char *why,
				     size_t why_size)
{
	char *path = join(state_dir, "device-id");
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		int err = errno;
		if (err != ENOENT)
			snprintf(why, why_size, "cannot read %s: %s", path, strerror(err));
		free(path);
		return err == ENOENT ? DEVICE_MISSING : DEVICE_ERROR;
	}
	free(path);
	char buf[64];
	struct stat st;
	ssize_t n = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? pread(fd, buf, sizeof buf - 1, 0) : -1;
	close(fd);
	if (n <= 0)
		return DEVICE_STALE;
	buf[n] = '\0';
	char *nl = strchr(buf, '\n');
	if (!nl || !is_device_id(buf, (size_t)(nl - buf)))
		return DEVICE_STALE;
	char *end;
	errno = 0;
	unsigned long long ino = strtoull(nl + 1, &end, 10);
	if (errno || end == nl + 1 || *end != '\n' || ino != (unsigned long long)st.st_ino)
		return DEVICE_STALE;
	memcpy(id, buf, JOURNAL_DEVICE_ID_LEN);
	id[JOURNAL_DEVICE_ID_LEN] = '\0';
	return DEVICE_OK;
}

/* Writes a new id under a temporary name and renames it into place. */
static bool create_device(const char *state_dir, char *why, size_t why_size)
{
	char id[JOURNAL_DEVICE_ID_LEN + 1];
	if (!random_id(id, why, why_size))
		return false;
	char *tmp = join(state_dir, ".device-id.XXXXXX"), *path = join(state_dir, "device-id");
	int fd = mkstemp(tmp);
	bool ok = fd >= 0;
	if (ok) {
		struct stat st;
		char text[64];
		int n = fstat(fd, &st) == 0 ? snprintf(text, sizeof text, "%s\n%llu\n", id, (unsigned long long)st.st_ino)
					    : -1;
		ok = n > 0 && fs_write_all(fd, text, (size_t)n) && fsync(fd) == 0;
		int err = errno;
		close(fd);
		ok = ok && rename(tmp, path) == 0;
		if (!ok)
			err = errno;
		if (!ok)
			unlink(tmp);
		errno = err;
	}
	if (!ok)
		snprintf(why, why_size, "cannot write %s: %s", path, strerror(errno));
	else
		sync_folder(state_dir);
	free(tmp);
	free(path);
	return ok;
}

bool journal_device_id(const char *state_dir, bool create, char id[JOURNAL_DEVICE_ID_LEN + 1], char *why,
		       size_t why_size)
{
	id[0] = '\0';
	why[0] = '\0';
	enum device_state state = read_device(state_dir, id, why, why_size);
	if (state == DEVICE_OK || state == DEVICE_ERROR || !create) {
		if (state != DEVICE_OK && !why[0])
			snprintf(why, why_size, "this device has no id in %s yet", state_dir);
		return state == DEVICE_OK;
	}
	/* Read back what is there: of two made at once, both use the one that stayed. */
	if (!create_device(state_dir, why, why_size))
		return false;
	if (read_device(state_dir, id, why, why_size) != DEVICE_OK) {
		if (!why[0])
			snprintf(why, why_size, "the device id in %s does not read back", state_dir);
		return false;
	}
	return true;
}

/* STATE/PACK.journal, the one journal of earlier versions, becomes this
 * device's journal by a rename: the same file, every line as it was. If this
 * device has a journal already (the old file came back from a backup), the
 * old one goes under a fresh name of its own and is read like any other. */
static bool migrate(struct journal *j, struct diag_list *diags)
{
	struct stat old, own;
	if (lstat(j->legacy, &old) != 0) {
		if (errno == ENOENT)
			return true;
		diag_add(diags, DIAG_ERROR, j->legacy, 0, 0, "cannot check the journal: %s", strerror(errno));
		return false;
	}
	if (S_ISLNK(old.st_mode)) {
		diag_add(diags, DIAG_ERROR, j->legacy, 0, 0, "cannot open the journal: %s (it is a symbolic link)",
			 strerror(ELOOP));
		return false;
	}
	if (!S_ISREG(old.st_mode) || old.st_uid != geteuid()) {
		diag_add(diags, DIAG_ERROR, j->legacy, 0, 0, "refusing the journal: it is not a regular file owned by you");
		return false;
	}
	char *target = NULL;
	if (lstat(j->path, &own) != 0) {
		target = xstrdup(j->path);
	} else if (own.st_dev == old.st_dev && own.st_ino == old.st_ino) {
		unlink(j->legacy); /* one file under both names: only the old name goes */
		sync_folder(j->state_dir);
		return true;
	} else {
		char id[JOURNAL_DEVICE_ID_LEN + 1], why[256], name[JOURNAL_DEVICE_ID_LEN + 16];
		if (!random_id(id, why, sizeof why)) {
			diag_add(diags, DIAG_ERROR, j->legacy, 0, 0, "%s", why);
			return false;
		}
		snprintf(name, sizeof name, "%s.journal", id);
		target = join(j->folder, name);
		diag_add(diags, DIAG_WARNING, j->legacy, 0, 0,
			 "an older journal beside this device's: kept as %s, read with the others", target);
	}
	bool ok = rename(j->legacy, target) == 0;
	if (!ok)
		diag_add(diags, DIAG_ERROR, j->legacy, 0, 0, "cannot move the journal to %s: %s", target, strerror(errno));
	free(target);
	if (ok) {
		sync_folder(j->folder);
		sync_folder(j->state_dir);
	}
	return ok;
}

struct journal *journal_open(const char *state_dir, const char *pack_id, struct diag_list *diags)
{
	return journal_open_as(state_dir, pack_id, JOURNAL_OPEN_DEFAULT, diags);
}

/* The lock, for a writer: false when the open must fail. */
static bool lock_for_writing(struct journal *j, enum journal_access access, struct diag_list *diags)
{
	char why[4096 + 256] = "";
	bool busy;
	bool locked = take_lock(j, &busy, why, sizeof why);
	if (locked && j->unlocked)
		diag_add(diags, DIAG_WARNING, j->state_dir, 0, 0, "%s", why);
	if (locked)
		return true;
	char other[64];
	holder_text(j, other, sizeof other);
	if (!busy)
		diag_add(diags, DIAG_ERROR, j->state_dir, 0, 0, "%s", why);
	else if (access == JOURNAL_OPEN_WRITER)
		diag_add(diags, DIAG_ERROR, j->state_dir, 0, 0,
			 "%s is using this state folder; quit it first, then try again", other);
	else
		diag_add(diags, DIAG_WARNING, j->state_dir, 0, 0,
			 "%s is using this state folder: this one is read-only, and nothing it records "
			 "is saved",
			 other);
	if (!busy || access == JOURNAL_OPEN_WRITER)
		return false;
	j->read_only = j->locked_out = true;
	return true;
}

/* The folder of every device's journal: made by a writer, and like the state
 * folder ours and closed to others. */
static bool check_folder(struct journal *j, struct diag_list *diags)
{
	char why[4096 + 256];
	if (!j->read_only && !fs_make_dirs(j->folder, why, sizeof why)) {
		diag_add(diags, DIAG_ERROR, j->folder, 0, 0, "cannot use the journal folder: %s", why);
		return false;
	}
	struct stat st;
	return stat(j->folder, &st) != 0 || state_dir_is_safe(j->folder, &st, diags);
}

/* This device's journal: a writer creates it; a reader opens it when there is one. */
static bool open_own(struct journal *j, struct diag_list *diags)
{
	if (!j->device[0])
		return true;
	j->fd = j->read_only ? open(j->path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
			     : open(j->path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (j->fd < 0 && !(j->read_only && (errno == ENOENT || cannot_write(errno)))) {
		diag_add(diags, DIAG_ERROR, j->path, 0, 0, "cannot open the journal: %s%s", strerror(errno),
			 errno == ELOOP ? " (it is a symbolic link)" : "");
		return false;
	}
	return j->fd < 0 || adopt_file(j, j->fd, diags);
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
	struct journal *j = xcalloc(1, sizeof *j);
	j->fd = j->lock_fd = -1;
	j->read_only = reader;
	j->state_dir = xstrdup(state_dir);
	j->folder = join(state_dir, pack_id);
	size_t n = strlen(state_dir) + strlen(pack_id) + 16;
	j->legacy = xmalloc(n);
	snprintf(j->legacy, n, "%s/%s.journal", state_dir, pack_id);
	bool ok = reader || lock_for_writing(j, access, diags);
	/* A writer makes this device's id the first time; a reader uses it when there is one. */
	if (ok && !journal_device_id(state_dir, !j->read_only, j->device, why, sizeof why) && !j->read_only) {
		diag_add(diags, DIAG_ERROR, state_dir, 0, 0, "%s", why);
		ok = false;
	}
	if (ok) {
		char name[JOURNAL_DEVICE_ID_LEN + 16];
		snprintf(name, sizeof name, "%s.journal", j->device);
		j->path = j->device[0] ? join(j->folder, name) : xstrdup(j->folder);
		ok = check_folder(j, diags) && (j->read_only || migrate(j, diags)) && open_own(j, diags);
	}
	if (!ok) {
		journal_close(j);
		return NULL;
	}
	return j;
}

const char *journal_path(const struct journal *j)
{
	return j->path;
}

const char *journal_folder(const struct journal *j)
{
	return j->folder;
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

/* ---- reading: every device's journal, merged ------------------------------------ */

static void members_free(struct member *m, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		free(m[i].name);
		free(m[i].path);
	}
	free(m);
}

static int by_name(const void *x, const void *y)
{
	const struct member *a = x, *b = y;
	int c = strcmp(a->name, b->name);
	return c ? c : strcmp(a->path, b->path);
}

static void push_member(struct member **list, size_t *count, size_t *cap, const char *name, const char *path,
			const struct stat *st)
{
	if (*count == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*list = xreallocarray(*list, *cap, sizeof **list);
	}
	(*list)[(*count)++] = (struct member){xstrdup(name), xstrdup(path), st->st_dev, st->st_ino, st->st_size,
					      st->st_mtim};
}

/* The journals there are now: every member name in the pack's folder, and
 * the journal of earlier versions while it is there (a reader of a folder no
 * writer has opened since), sorted by name. */
static bool list_members(const struct journal *j, struct member **out, size_t *count, char *why, size_t why_size)
{
	struct member *list = NULL;
	size_t n = 0, cap = 0;
	DIR *dir = opendir(j->folder);
	if (!dir && errno != ENOENT) {
		snprintf(why, why_size, "cannot read the journal folder %s: %s", j->folder, strerror(errno));
		return false;
	}
	for (struct dirent *d; dir && (d = readdir(dir));) {
		struct stat st;
		if (!is_member_name(d->d_name) || fstatat(dirfd(dir), d->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
			continue;
		char *path = join(j->folder, d->d_name);
		push_member(&list, &n, &cap, d->d_name, path, &st);
		free(path);
	}
	if (dir)
		closedir(dir);
	struct stat st;
	bool legacy = lstat(j->legacy, &st) == 0;
	for (size_t i = 0; legacy && i < n; i++)
		legacy = list[i].dev != st.st_dev || list[i].ino != st.st_ino; /* a rename caught half-way */
	if (legacy)
		push_member(&list, &n, &cap, strrchr(j->legacy, '/') + 1, j->legacy, &st);
	if (n > 1)
		qsort(list, n, sizeof *list, by_name);
	*out = list;
	*count = n;
	return true;
}

/* One line of buf: its length without the newline, and whether it had one. */
static size_t line_at(const char *buf, size_t got, size_t start, bool *has_newline)
{
	const char *nl = memchr(buf + start, '\n', got - start);
	*has_newline = nl != NULL;
	return nl ? (size_t)(nl - (buf + start)) : got - start;
}

/* What one file's good events go to, a unit at a time (an event, or an exam
 * finish with its answers): the visitor itself when there is one file, a
 * list for the merge when there are more. */
typedef void (*unit_fn)(void *ctx, const struct journal_event *events, size_t count);

struct replay {
	struct journal *j;
	struct diag_list *diags;
	const char *path; /* the file being read */
	size_t shown;
	int last_damaged;
	const char *last_damaged_path;
	struct journal_event *block; /* an exam finish and its answers */
	size_t block_cap;
};

static void damaged(struct replay *r, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* A warning for the first few damaged lines; the rest are counted, so a
 * million damaged lines are one summary rather than a million warnings. */
static void damaged(struct replay *r, int line, const char *fmt, ...)
{
	r->j->damaged++;
	r->last_damaged = line;
	r->last_damaged_path = r->path;
	if (r->shown >= JOURNAL_WARNINGS_SHOWN)
		return;
	r->shown++;
	char message[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(message, sizeof message, fmt, ap);
	va_end(ap);
	diag_add(r->diags, DIAG_WARNING, r->path, line, 1, "%s", message);
}

/* The good units of one file's text, in file order; returns whether the
 * file ends inside a cut exam block. */
static bool parse_units(struct replay *r, const char *buf, size_t got, unit_fn emit, void *ctx)
{
	bool ends_in_cut_block = false;
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
				if (r->block_cap < 1) {
					r->block_cap = 64;
					r->block = xreallocarray(r->block, r->block_cap, sizeof *r->block);
				}
				r->block[0] = e;
				while (have < want && p < got) {
					bool anl;
					size_t alen = line_at(buf, got, p, &anl);
					struct journal_event a;
					if (!journal_parse_line(buf + p, alen, &a) || !journal_block_line(a.kind))
						break;
					if (have + 2 > r->block_cap) {
						r->block_cap *= 2;
						r->block = xreallocarray(r->block, r->block_cap, sizeof *r->block);
					}
					r->block[++have] = a;
					p += alen + (anl ? 1 : 0);
				}
				if (have == want) {
					emit(ctx, r->block, have + 1);
				} else {
					damaged(r, line_no,
						"skipped an exam finish cut short (%zu of its %zu lines follow it); "
						"the exam stays open",
						have, want);
					ends_in_cut_block = p >= got;
				}
				line_no += (int)have;
				start = p;
				continue;
			}
			emit(ctx, &e, 1);
		} else if (!nl) {
			damaged(r, line_no, "skipped an unfinished last line (a write was interrupted)");
		} else {
			damaged(r, line_no,
				"skipped a damaged line (bad checksum or format); the lines around it are kept");
		}
		start += len + (nl ? 1 : 0);
	}
	return ends_in_cut_block;
}

struct visit_units {
	journal_visit_fn visit;
	void *ctx;
};

static void visit_unit(void *ctx, const struct journal_event *events, size_t count)
{
	struct visit_units *v = ctx;
	for (size_t i = 0; i < count; i++)
		v->visit(v->ctx, &events[i]);
}

/* One file's units, kept for the merge. */
struct parsed {
	struct journal_event *events;
	size_t count, cap;
	size_t *unit_start; /* where each unit begins in events; one more entry: the end */
	size_t units, unit_cap;
	size_t next; /* the merge's place */
};

static void keep_unit(void *ctx, const struct journal_event *events, size_t count)
{
	struct parsed *p = ctx;
	if (p->count + count > p->cap) {
		while (p->count + count > p->cap)
			p->cap = p->cap ? p->cap * 2 : 256;
		p->events = xreallocarray(p->events, p->cap, sizeof *p->events);
	}
	if (p->units + 2 > p->unit_cap) {
		p->unit_cap = p->unit_cap ? p->unit_cap * 2 : 256;
		p->unit_start = xreallocarray(p->unit_start, p->unit_cap, sizeof *p->unit_start);
	}
	memcpy(p->events + p->count, events, count * sizeof *events);
	p->unit_start[p->units++] = p->count;
	p->count += count;
	p->unit_start[p->units] = p->count;
}

/* Reads one member into emit, and records what the file was (its signature
 * for the next look). This device's journal is read through its descriptor
 * and sets where the next append starts; another device's journal that
 * cannot be read is skipped with a warning: it is not ours to repair. */
static bool read_member(struct replay *r, struct member *m, unit_fn emit, void *ctx)
{
	struct journal *j = r->j;
	bool own = j->fd >= 0 && m->dev == j->dev && m->ino == j->ino;
	int fd = own ? j->fd : open(m->path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		int err = fd < 0 ? errno : 0;
		if (fd >= 0 && !own)
			close(fd);
		if (own) {
			diag_add(r->diags, DIAG_ERROR, m->path, 0, 0, "cannot read the journal: %s", strerror(errno));
			return false;
		}
		diag_add(r->diags, DIAG_WARNING, m->path, 0, 0, "skipped this journal: %s",
			 err == ELOOP ? "it is a symbolic link" : err ? strerror(err) : "it is not a regular file");
		return true;
	}
	m->dev = st.st_dev;
	m->ino = st.st_ino;
	m->size = st.st_size;
	m->mtime = st.st_mtim;
	size_t size = (size_t)st.st_size;
	char *buf = xmalloc(size + 1);
	size_t got = fs_pread_full(fd, buf, size, 0);
	if (!own)
		close(fd);
	r->path = m->path;
	bool cut = parse_units(r, buf, got, emit, ctx);
	if (own) {
		j->ends_in_fragment = got > 0 && buf[got - 1] != '\n';
		j->ends_in_cut_block = cut;
		j->size = (off_t)got;
	}
	free(buf);
	return true;
}

/* The units of every file in time order. Each file keeps its own order (an
 * answer before the mark that amends it), and a tie in time goes to the file
 * whose name sorts first, so the same files replay the same on any machine. */
static void merge(struct parsed *files, size_t count, journal_visit_fn visit, void *ctx)
{
	for (;;) {
		size_t best = count;
		for (size_t f = 0; f < count; f++) {
			struct parsed *p = &files[f];
			if (p->next < p->units &&
			    (best == count ||
			     p->events[p->unit_start[p->next]].time < files[best].events[files[best].unit_start[files[best].next]].time))
				best = f;
		}
		if (best == count)
			return;
		struct parsed *p = &files[best];
		for (size_t i = p->unit_start[p->next]; i < p->unit_start[p->next + 1]; i++)
			visit(ctx, &p->events[i]);
		p->next++;
	}
}

bool journal_replay(struct journal *j, journal_visit_fn visit, void *ctx, struct diag_list *diags)
{
	j->damaged = 0;
	j->ends_in_fragment = j->ends_in_cut_block = false;
	j->size = 0;
	struct member *list;
	size_t n;
	char why[4096 + 128];
	if (!list_members(j, &list, &n, why, sizeof why)) {
		diag_add(diags, DIAG_ERROR, j->folder, 0, 0, "%s", why);
		return false;
	}
	struct replay r = {.j = j, .diags = diags};
	struct visit_units direct = {visit, ctx};
	/* One file with lines (the common case) goes straight to the visitor. */
	size_t with_lines = 0;
	for (size_t i = 0; i < n; i++)
		with_lines += list[i].size > 0;
	struct parsed *files = with_lines > 1 ? xcalloc(n, sizeof *files) : NULL;
	bool ok = true;
	for (size_t i = 0; i < n && ok; i++)
		ok = files ? read_member(&r, &list[i], keep_unit, &files[i]) : read_member(&r, &list[i], visit_unit, &direct);
	if (ok && files)
		merge(files, n, visit, ctx);
	for (size_t i = 0; files && i < n; i++) {
		free(files[i].events);
		free(files[i].unit_start);
	}
	free(files);
	free(r.block);
	if (j->damaged > r.shown)
		diag_add(diags, DIAG_WARNING, r.last_damaged_path, r.last_damaged, 1,
			 "... and %zu more damaged lines skipped, the last on this line", j->damaged - r.shown);
	members_free(j->members, j->member_count);
	j->members = list;
	j->member_count = n;
	return ok;
}

/* ---- following the folder: lines that arrived, files replaced ---------------------- */

static void ignore_event(void *ctx, const struct journal_event *e)
{
	(void)ctx;
	(void)e;
}

/* Reads every journal again, for the listener: something changed behind our back. */
static bool reload(struct journal *j, char *why, size_t why_size)
{
	if (j->reset)
		j->reset(j->ctx);
	struct diag_list scratch;
	diag_list_init(&scratch);
	bool ok = journal_replay(j, j->visit ? j->visit : ignore_event, j->ctx, &scratch);
	if (!ok)
		snprintf(why, why_size, "cannot read the journals again: %s",
			 scratch.count ? scratch.items[0].message : "error");
	diag_list_free(&scratch);
	return ok;
}

/* Whether the journals now differ from what the last replay read: a file
 * added (a device's first sync), grown (lines arrived) or replaced. */
static bool members_changed(const struct journal *j)
{
	struct member *now;
	size_t n;
	char why[64];
	if (!list_members(j, &now, &n, why, sizeof why))
		return true;
	bool changed = n != j->member_count;
	for (size_t i = 0; !changed && i < n; i++) {
		const struct member *a = &now[i], *b = &j->members[i];
		changed = strcmp(a->name, b->name) != 0 || a->dev != b->dev || a->ino != b->ino || a->size != b->size ||
			  a->mtime.tv_sec != b->mtime.tv_sec || a->mtime.tv_nsec != b->mtime.tv_nsec;
	}
	members_free(now, n);
	return changed;
}

/* This device's journal at its path, opened again if it was replaced (rsync,
 * Syncthing, a restore); *replaced says so. */
static bool follow_own(struct journal *j, bool *replaced, char *why, size_t why_size)
{
	*replaced = false;
	if (!j->device[0])
		return true;
	struct stat st;
	bool exists = lstat(j->path, &st) == 0;
	if (!exists && errno != ENOENT) {
		snprintf(why, why_size, "cannot check %s: %s", j->path, strerror(errno));
		return false;
	}
	if (exists ? j->fd >= 0 && st.st_dev == j->dev && st.st_ino == j->ino : j->read_only)
		return true;
	int fd = j->read_only ? open(j->path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
			      : open(j->path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		snprintf(why, why_size, "the journal %s was replaced, and the new one cannot be opened: %s%s", j->path,
			 strerror(errno), errno == ELOOP ? " (it is a symbolic link)" : "");
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
	*replaced = true;
	return true;
}

/* Before an append, and on journal_refresh: is every journal as the last
 * replay left it? If not, the listener sees all of them again first. */
static bool follow(struct journal *j, bool *changed, char *why, size_t why_size)
{
	bool replaced;
	*changed = false;
	if (!follow_own(j, &replaced, why, why_size))
		return false;
	if (!replaced && !members_changed(j))
		return true;
	*changed = true;
	return reload(j, why, why_size);
}

bool journal_refresh(struct journal *j, bool *changed, char *why, size_t why_size)
{
	return follow(j, changed, why, why_size);
}

/* After our own write: the signature of our file, so it does not count as news. */
static void note_own_write(struct journal *j)
{
	struct stat st;
	if (fstat(j->fd, &st) != 0)
		return;
	for (size_t i = 0; i < j->member_count; i++)
		if (j->members[i].dev == st.st_dev && j->members[i].ino == st.st_ino) {
			j->members[i].size = st.st_size;
			j->members[i].mtime = st.st_mtim;
		}
}

/* ---- writing this device's journal ------------------------------------------------- */

/* Writes text (whole lines) as one write(), then fsyncs; on any failure the
 * file is cut back to its old size, so nothing half-written stays behind. */
static bool append_text(struct journal *j, char *text, size_t len, char *why, size_t why_size)
{
	bool changed;
	if (refuse_read_only(j, why, why_size) || !follow(j, &changed, why, why_size))
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
		note_own_write(j);
		return false;
	}
	j->size = old + (off_t)len;
	j->ends_in_fragment = j->ends_in_cut_block = false;
	note_own_write(j);
	return true;
}

/* The lines of events, after two spare bytes for append_text's newlines. */
static char *format_lines(const struct journal_event *events, size_t count, size_t *len, char *why,
			  size_t why_size)
{
	char *text = xmalloc(2 + count * (LINE_MAX_BYTES + 1));
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

/* Every exam finish followed by exactly its answers. */
static bool blocks_whole(const struct journal_event *events, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		if (events[i].kind != JOURNAL_EXAM_FINISH)
			continue;
		size_t want = events[i].value > 0 ? (size_t)events[i].value : 0;
		for (size_t k = 1; k <= want; k++)
			if (i + k >= count || !journal_block_line(events[i + k].kind))
				return false;
		i += want;
	}
	return true;
}

bool journal_add_file(struct journal *j, const struct journal_event *events, size_t count, char *path,
		      size_t path_size, char *why, size_t why_size)
{
	if (refuse_read_only(j, why, why_size))
		return false;
	if (!blocks_whole(events, count)) {
		snprintf(why, why_size, "an exam finish must be followed by exactly its answers");
		return false;
	}
	char id[JOURNAL_DEVICE_ID_LEN + 1], name[JOURNAL_DEVICE_ID_LEN + 32];
	if (!random_id(id, why, why_size))
		return false;
	size_t len;
	char *text = format_lines(events, count, &len, why, why_size);
	if (!text)
		return false;
	snprintf(name, sizeof name, ".import-%s.tmp", id);
	char *tmp = join(j->folder, name);
	snprintf(name, sizeof name, "import-%s.journal", id);
	char *final = join(j->folder, name);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	bool ok = fd >= 0 && fs_write_all(fd, text + 2, len - 2) && fsync(fd) == 0;
	int err = errno;
	if (fd >= 0 && close(fd) != 0 && ok) {
		ok = false;
		err = errno;
	}
	if (ok && rename(tmp, final) != 0) {
		ok = false;
		err = errno;
	}
	if (!ok && fd >= 0)
		unlink(tmp);
	if (ok) {
		sync_folder(j->folder);
		snprintf(path, path_size, "%s", final);
	} else {
		snprintf(why, why_size, "cannot write %s: %s", final, strerror(err));
	}
	free(text);
	free(tmp);
	free(final);
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
	members_free(j->members, j->member_count);
	free(j->path);
	free(j->folder);
	free(j->legacy);
	free(j->state_dir);
	free(j);
}
