/* packs — the built-in pack and installed ones. */
#include "mlcert/packs.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mlcert/embedded.h"

bool packs_data_dir(char *buf, size_t size)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && xdg[0] == '/')
		return snprintf(buf, size, "%s/mlcert/packs", xdg) < (int)size;
	const char *home = getenv("HOME");
	if (home && home[0] == '/')
		return snprintf(buf, size, "%s/.local/share/mlcert/packs", home) < (int)size;
	return false;
}

static struct content_pack *load_built_in(struct diag_list *diags)
{
	return content_load_buffers("(built in)", embedded_pack_files, embedded_pack_count, diags);
}

/* The id a pack folder declares, read from its pack.yaml alone. */
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
			found = snprintf(id, size, "%s", v) < (int)size && v[0];
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

struct content_pack *packs_load(const char *dir, const char *id, struct diag_list *diags)
{
	if (dir)
		return content_load_dir(dir, diags);
	struct find_ctx f = {.want = id ? id : PACKS_BUILT_IN};
	each_installed(find_visit, &f);
	if (f.dir[0])
		return content_load_dir(f.dir, diags);
	if (id && strcmp(id, PACKS_BUILT_IN) != 0) {
		diag_add(diags, DIAG_ERROR, "", 0, 0, "no pack '%s' (mlcert packs lists them)", id);
		return NULL;
	}
	return load_built_in(diags);
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
	fprintf(l->out, "%-16s %s%s\n", id, dir, is_default ? "  (default: overrides the built-in pack)" : "");
}

int packs_list(FILE *out)
{
	struct diag_list diags;
	diag_list_init(&diags);
	struct content_pack *builtin = load_built_in(&diags);
	struct list_ctx l = {out, false};
	each_installed(list_visit, &l);
	fprintf(out, "%-16s (built in) %s%s\n", PACKS_BUILT_IN,
		builtin && builtin->meta ? builtin->meta->title : "", l.overridden ? "" : "  (default)");
	char root[4096];
	if (packs_data_dir(root, sizeof root))
		fprintf(out, "Installed packs are folders under %s\n", root);
	content_pack_free(builtin);
	diag_list_free(&diags);
	return 0;
}
