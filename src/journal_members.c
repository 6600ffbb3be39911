/* journal_members — the journal files of a pack's folder, listed with their signatures. */
#include "mlcert/journal_members.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mlcert/fs.h"
#include "mlcert/journal_line.h"
#include "mlcert/xalloc.h"

bool journal_member_name(const char *name)
{
	size_t len = strlen(name), stem = len > 8 ? len - 8 : 0;
	if (stem == 0 || stem > JOURNAL_ID_MAX || strcmp(name + stem, ".journal") != 0)
		return false;
	for (size_t i = 0; i < stem; i++)
		if (!isdigit((unsigned char)name[i]) && (name[i] < 'a' || name[i] > 'z') && (name[i] != '-' || i == 0))
			return false;
	return true;
}

void journal_members_free(struct journal_member *m, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		free(m[i].name);
		free(m[i].path);
	}
	free(m);
}

static int by_name(const void *x, const void *y)
{
	const struct journal_member *a = x, *b = y;
	int c = strcmp(a->name, b->name);
	return c ? c : strcmp(a->path, b->path);
}

static void push_member(struct journal_member **list, size_t *count, size_t *cap, const char *name,
			const char *path, const struct stat *st)
{
	if (*count == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*list = xreallocarray(*list, *cap, sizeof **list);
	}
	(*list)[(*count)++] = (struct journal_member){xstrdup(name), xstrdup(path), st->st_dev, st->st_ino,
						      st->st_size, st->st_mtim};
}

bool journal_members_list(const char *folder, const char *legacy, struct journal_member **out, size_t *count,
			  char *why, size_t why_size)
{
	struct journal_member *list = NULL;
	size_t n = 0, cap = 0;
	DIR *dir = opendir(folder);
	if (!dir && errno != ENOENT) {
		snprintf(why, why_size, "cannot read the journal folder %s: %s", folder, strerror(errno));
		return false;
	}
	for (struct dirent *d; dir && (d = readdir(dir));) {
		struct stat st;
		if (!journal_member_name(d->d_name) || fstatat(dirfd(dir), d->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
			continue;
		char *path = fs_join(folder, d->d_name);
		push_member(&list, &n, &cap, d->d_name, path, &st);
		free(path);
	}
	if (dir)
		closedir(dir);
	/* The journal of earlier versions, read where it is until a writer moves it. */
	struct stat st;
	bool old = lstat(legacy, &st) == 0;
	for (size_t i = 0; old && i < n; i++)
		old = list[i].dev != st.st_dev || list[i].ino != st.st_ino; /* a rename caught half-way */
	if (old)
		push_member(&list, &n, &cap, strrchr(legacy, '/') + 1, legacy, &st);
	if (n > 1)
		qsort(list, n, sizeof *list, by_name);
	*out = list;
	*count = n;
	return true;
}

bool journal_members_changed(const char *folder, const char *legacy, const struct journal_member *was, size_t count)
{
	struct journal_member *now;
	size_t n;
	char why[64];
	if (!journal_members_list(folder, legacy, &now, &n, why, sizeof why))
		return true;
	bool changed = n != count;
	for (size_t i = 0; !changed && i < n; i++) {
		const struct journal_member *a = &now[i], *b = &was[i];
		changed = strcmp(a->name, b->name) != 0 || a->dev != b->dev || a->ino != b->ino || a->size != b->size ||
			  a->mtime.tv_sec != b->mtime.tv_sec || a->mtime.tv_nsec != b->mtime.tv_nsec;
	}
	journal_members_free(now, n);
	return changed;
}
