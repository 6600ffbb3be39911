/* fs — folders, XDG locations, paths and whole reads and writes. */
#include "mlcert/fs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mlcert/xalloc.h"

bool fs_app_dir(enum fs_base base, const char *leaf, char *buf, size_t size)
{
	static const struct {
		const char *var, *fallback;
	} bases[] = {
		[FS_STATE] = {"XDG_STATE_HOME", ".local/state"},
		[FS_DATA] = {"XDG_DATA_HOME", ".local/share"},
		[FS_CACHE] = {"XDG_CACHE_HOME", ".cache"},
	};
	const char *xdg = getenv(bases[base].var), *home = getenv("HOME");
	int n;
	/* The XDG spec says relative values are invalid and must be ignored. */
	if (xdg && xdg[0] == '/')
		n = snprintf(buf, size, "%s/mlcert%s", xdg, leaf);
	else if (home && home[0] == '/')
		n = snprintf(buf, size, "%s/%s/mlcert%s", home, bases[base].fallback, leaf);
	else
		return false;
	return n >= 0 && (size_t)n < size;
}

char *fs_join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = xmalloc(n);
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

bool fs_make_dirs(const char *dir, char *why, size_t why_size)
{
	char path[4096];
	if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path) {
		snprintf(why, why_size, "path too long");
		return false;
	}
	for (char *p = path + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char saved = *p;
		*p = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST) {
			int err = errno; /* kept for the caller: a read-only folder is not an error to all */
			snprintf(why, why_size, "cannot create %s: %s", path, strerror(err));
			errno = err;
			return false;
		}
		*p = saved;
		if (!saved)
			break;
	}
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		snprintf(why, why_size, "%s is not a folder", dir);
		return false;
	}
	return true;
}

void fs_sync_folder(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

bool fs_write_all(int fd, const void *buf, size_t len)
{
	for (size_t done = 0; done < len;) {
		ssize_t n = write(fd, (const char *)buf + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		done += (size_t)n;
	}
	return true;
}

bool fs_read_all(int fd, void *buf, size_t len)
{
	for (size_t done = 0; done < len;) {
		ssize_t n = read(fd, (char *)buf + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		done += (size_t)n;
	}
	return true;
}

size_t fs_pread_full(int fd, void *buf, size_t len, off_t offset)
{
	size_t got = 0;
	while (got < len) {
		ssize_t n = pread(fd, (char *)buf + got, len - got, offset + (off_t)got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	return got;
}

char *fs_read_file(const char *path, size_t max, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t cap = 0, n = 0;
	for (;;) {
		if (n == cap) {
			if (cap >= max) {
				free(buf);
				fclose(f);
				errno = EFBIG;
				return NULL;
			}
			cap = cap ? cap * 2 : 16384;
			if (cap > max)
				cap = max;
			buf = xrealloc(buf, cap + 1);
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	int failed = ferror(f);
	fclose(f);
	if (failed) {
		free(buf);
		errno = EIO;
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

bool fs_replace_file(const char *path, const void *data, size_t len, char *why, size_t why_size)
{
	char folder[4096], tmp[4200];
	const char *slash = strrchr(path, '/');
	if (slash)
		snprintf(folder, sizeof folder, "%.*s", (int)(slash > path ? slash - path : 1), path);
	else
		snprintf(folder, sizeof folder, ".");
	if (snprintf(tmp, sizeof tmp, "%s.XXXXXX", path) >= (int)sizeof tmp) {
		snprintf(why, why_size, "cannot write %s: the name is too long", path);
		return false;
	}
	int fd = mkstemp(tmp); /* 0600 */
	if (fd < 0) {
		snprintf(why, why_size, "cannot create a file beside %s: %s", path, strerror(errno));
		return false;
	}
	errno = 0;
	bool ok = fs_write_all(fd, data, len) && fsync(fd) == 0;
	int err = ok ? 0 : errno;
	if (close(fd) != 0 && ok) {
		err = errno;
		ok = false;
	}
	if (ok && rename(tmp, path) != 0) {
		err = errno;
		ok = false;
	}
	if (!ok) {
		unlink(tmp);
		snprintf(why, why_size, "cannot write %s: %s", path, err ? strerror(err) : "short write");
		return false;
	}
	/* the rename itself lasts only once the folder is on disk */
	int dfd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return true;
}
