/* packs — the built-in pack and installed ones. */
#include "mlcert/packs.h"

#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mlcert/check.h"
#include "mlcert/embedded.h"
#include "mlcert/fs.h"
#include "mlcert/snapshot.h"
#include "mlcert/text.h"

bool packs_data_dir(char *buf, size_t size)
{
	return fs_app_dir(FS_DATA, "/packs", buf, size);
}

bool packs_cache_dir(char *buf, size_t size)
{
	return fs_app_dir(FS_CACHE, "", buf, size);
}

static struct content_pack *load_built_in(struct diag_list *diags)
{
	return content_load_buffers("(built in)", embedded_pack_files, embedded_pack_count, diags);
}

/* The id a pack folder declares, read from its pack.yaml alone: only a valid
 * id (what check_pack demands), so nothing else is ever printed or matched. */
static bool folder_pack_id(const char *dir, char *id, size_t size)
{
	char path[4400 + 16];
	snprintf(path, sizeof path, "%s/pack.yaml", dir);
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	char line[512];
	bool found = false;
	while (!found && fgets(line, sizeof line, f))
		if (strncmp(line, "id:", 3) == 0) {
			char *v = line + 3;
			v += strspn(v, " \t\"'");
			v[strcspn(v, " \t\"'\r\n#")] = '\0';
			found = snprintf(id, size, "%s", v) < (int)size && check_valid_id(id);
		}
	fclose(f);
	return found;
}

/* Installed pack folders, in name order, calling visit(dir, id) for each. */
static void each_installed(void (*visit)(void *ctx, const char *dir, const char *id), void *ctx)
{
	char root[4096];
	if (!packs_data_dir(root, sizeof root))
		return;
	struct dirent **names;
	int n = scandir(root, &names, NULL, alphasort);
	for (int i = 0; i < n; i++) {
		char dir[4400], id[128];
		snprintf(dir, sizeof dir, "%s/%s", root, names[i]->d_name);
		struct stat st;
		if (names[i]->d_name[0] != '.' && stat(dir, &st) == 0 && S_ISDIR(st.st_mode) &&
		    folder_pack_id(dir, id, sizeof id))
			visit(ctx, dir, id);
		free(names[i]);
	}
	if (n >= 0)
		free(names);
}

struct find_ctx {
	const char *want;
	char dir[4400];
};

static void find_visit(void *ctx, const char *dir, const char *id)
{
	struct find_ctx *f = ctx;
	if (!f->dir[0] && strcmp(id, f->want) == 0)
		snprintf(f->dir, sizeof f->dir, "%s", dir);
}

/* The cache folder, made (0700) when missing; false unless it is ours. */
static bool cache_dir(char *buf, size_t size)
{
	char why[256];
	if (!fs_app_dir(FS_CACHE, "", buf, size) || !fs_make_dirs(buf, why, sizeof why))
		return false;
	struct stat st;
	return lstat(buf, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == geteuid();
}

/* Names the snapshot of the pack at dir (NULL: the built-in one) and what it
 * must match. This program file is part of it: another build is a miss. */
static bool cache_plan(const char *dir, struct packs_cache *cache)
{
	const char *off = getenv("MLCERT_NO_CACHE");
	struct stat self;
	char folder[4096], real[PATH_MAX];
	if ((off && off[0]) || stat("/proc/self/exe", &self) != 0 || !cache_dir(folder, sizeof folder))
		return false;
	int64_t build[] = {(int64_t)self.st_dev, (int64_t)self.st_ino, (int64_t)self.st_size,
			   (int64_t)self.st_mtim.tv_sec, (int64_t)self.st_mtim.tv_nsec};
	uint64_t h = text_hash(TEXT_HASH_START, build, sizeof build);
	const char *name = "(built in)";
	if (dir) {
		uint64_t files;
		if (!realpath(dir, real) || !content_dir_fingerprint(real, &files))
			return false;
		name = real;
		h = text_hash(h, &files, sizeof files);
	}
	cache->fingerprint = h;
	uint64_t where = text_hash(TEXT_HASH_START, name, strlen(name));
	return snprintf(cache->path, sizeof cache->path, "%s/pack-%016llx.snapshot", folder,
			(unsigned long long)where) < (int)sizeof cache->path;
}

/* From YAML, or from a snapshot when the cache allows and one matches. */
static struct content_pack *load(const char *dir, struct packs_cache *cache, struct diag_list *diags)
{
	if (cache) {
		memset(cache, 0, sizeof *cache);
		cache->usable = cache_plan(dir, cache);
		struct content_pack *pack = NULL;
		if (cache->usable && dir)
			pack = snapshot_load(cache->path, cache->fingerprint, dir, NULL, 0, diags);
		else if (cache->usable)
			pack = snapshot_load(cache->path, cache->fingerprint, "(built in)", embedded_pack_files,
					     embedded_pack_count, diags);
		cache->restored = pack != NULL;
		if (pack)
			return pack;
	}
	return dir ? content_load_dir(dir, diags) : load_built_in(diags);
}

struct content_pack *packs_load(const char *dir, const char *id, struct packs_cache *cache,
				struct diag_list *diags)
{
	if (dir)
		return load(dir, cache, diags);
	struct find_ctx f = {.want = id ? id : PACKS_BUILT_IN};
	each_installed(find_visit, &f);
	if (f.dir[0])
		return load(f.dir, cache, diags);
	if (id && strcmp(id, PACKS_BUILT_IN) != 0) {
		diag_add(diags, DIAG_ERROR, "", 0, 0, "no pack '%s' (mlcert packs lists them)", id);
		return NULL;
	}
	return load(NULL, cache, diags);
}

void packs_cache_keep(const struct content_pack *pack, const struct packs_cache *cache)
{
	if (cache && cache->usable && !cache->restored)
		snapshot_save(pack, cache->fingerprint, cache->path);
}

struct list_ctx {
	FILE *out;
	bool overridden;
};

static void list_visit(void *ctx, const char *dir, const char *id)
{
	struct list_ctx *l = ctx;
	bool is_default = strcmp(id, PACKS_BUILT_IN) == 0;
	l->overridden |= is_default;
	text_printf(l->out, "%-16s %s%s\n", id, dir, is_default ? "  (default: overrides the built-in pack)" : "");
}

int packs_list(FILE *out)
{
	struct diag_list diags;
	diag_list_init(&diags);
	struct content_pack *builtin = load_built_in(&diags);
	struct list_ctx l = {out, false};
	each_installed(list_visit, &l);
	text_printf(out, "%-16s (built in) %s%s\n", PACKS_BUILT_IN,
		    builtin && builtin->meta ? builtin->meta->title : "", l.overridden ? "" : "  (default)");
	char root[4096];
	if (packs_data_dir(root, sizeof root))
		text_printf(out, "Installed packs are folders under %s\n", root);
	content_pack_free(builtin);
	diag_list_free(&diags);
	return 0;
}
