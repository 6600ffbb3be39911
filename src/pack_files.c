/* pack_files — the YAML files of a pack folder. */
#include "mlcert/pack_files.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mlcert/xalloc.h"

char *pack_files_join(const char *root, const char *name)
{
	size_t n = strlen(root) + strlen(name) + 2;
	char *s = xmalloc(n);
	snprintf(s, n, "%s/%s", root, name);
	return s;
}

static bool has_yaml_suffix(const char *name)
{
	size_t n = strlen(name);
	return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

/* The folders a walk has met, by device and inode (a symbolic link can lead
 * anywhere): the ones on the current path, to find loops as `find -L` does,
 * and every one, so each folder is read once however many links lead to it. */
struct folder_id {
	dev_t dev;
	ino_t ino;
	char *rel; /* as first met, for the message */
};

struct walk {
	struct pack_files *out;
	struct diag_list *diags;
	struct folder_id *seen;
	size_t seen_count, seen_cap;
	size_t path[PACK_FILES_MAX_DEPTH + 2]; /* indexes into seen: the folders from the root down */
};

static const struct folder_id *walk_seen(const struct walk *w, const struct stat *st, bool *on_path, int depth)
{
	*on_path = false;
	for (int k = 0; k <= depth; k++)
		if (w->seen[w->path[k]].dev == st->st_dev && w->seen[w->path[k]].ino == st->st_ino) {
			*on_path = true;
			return &w->seen[w->path[k]];
		}
	for (size_t i = 0; i < w->seen_count; i++)
		if (w->seen[i].dev == st->st_dev && w->seen[i].ino == st->st_ino)
			return &w->seen[i];
	return NULL;
}

static bool walk_add(struct walk *w, const struct stat *st, const char *rel, int depth)
{
	if (w->seen_count == w->seen_cap) {
		w->seen_cap = w->seen_cap ? w->seen_cap * 2 : 16;
		w->seen = xreallocarray(w->seen, w->seen_cap, sizeof *w->seen);
	}
	w->seen[w->seen_count] = (struct folder_id){st->st_dev, st->st_ino, xstrdup(rel[0] ? rel : ".")};
	w->path[depth] = w->seen_count++;
	return true;
}

/* Collects YAML files under dir/rel (a folder walk_add has recorded at
 * depth), skipping hidden entries. */
static bool collect_files(const char *dir, const char *rel, struct walk *w, int depth)
{
	struct pack_files *out = w->out;
	struct diag_list *diags = w->diags;
	char *here = rel[0] ? pack_files_join(dir, rel) : xstrdup(dir);
	DIR *d = opendir(here);
	if (!d) {
		diag_add(diags, DIAG_ERROR, here, 0, 0, "cannot read folder: %s", strerror(errno));
		free(here);
		return false;
	}
	bool ok = true;
	struct dirent *e;
	while (ok && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *child_rel = rel[0] ? pack_files_join(rel, e->d_name) : xstrdup(e->d_name);
		char *child = pack_files_join(dir, child_rel);
		struct stat st;
		if (stat(child, &st) != 0) {
			diag_add(diags, DIAG_ERROR, child, 0, 0, "cannot read: %s", strerror(errno));
		} else if (S_ISDIR(st.st_mode)) {
			bool on_path;
			const struct folder_id *met = walk_seen(w, &st, &on_path, depth);
			if (met && on_path)
				diag_add(diags, DIAG_ERROR, child, 0, 0,
					 "a symbolic link loop: this leads back to the folder %s, which holds it", met->rel);
			else if (met)
				diag_add(diags, DIAG_ERROR, child, 0, 0,
					 "the folder %s again (a second link to it); a pack reads each folder once", met->rel);
			else if (depth < PACK_FILES_MAX_DEPTH)
				ok = walk_add(w, &st, child_rel, depth + 1) && collect_files(dir, child_rel, w, depth + 1);
		} else if (S_ISREG(st.st_mode) && has_yaml_suffix(e->d_name)) {
			if (out->count == out->cap) {
				out->cap = out->cap ? out->cap * 2 : 64;
				out->names = xreallocarray(out->names, out->cap, sizeof *out->names);
			}
			out->names[out->count++] = child_rel;
			child_rel = NULL;
		}
		free(child_rel);
		free(child);
	}
	closedir(d);
	free(here);
	return ok;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

bool pack_files_find(const char *root, struct pack_files *out, struct diag_list *diags)
{
	struct walk w = {.out = out, .diags = diags};
	struct stat st;
	bool ok;
	if (stat(root, &st) != 0) {
		diag_add(diags, DIAG_ERROR, root, 0, 0, "cannot read folder: %s", strerror(errno));
		ok = false;
	} else {
		ok = walk_add(&w, &st, "", 0) && collect_files(root, "", &w, 0);
	}
	for (size_t i = 0; i < w.seen_count; i++)
		free(w.seen[i].rel);
	free(w.seen);
	if (out->count)
		qsort(out->names, out->count, sizeof *out->names, compare_names);
	return ok;
}

void pack_files_free(struct pack_files *files)
{
	for (size_t i = 0; i < files->count; i++)
		free(files->names[i]);
	free(files->names);
	*files = (struct pack_files){0};
}

