/* notes — one text file per topic. */
#include "mlcert/notes.h"

#include <dirent.h>
#include <stdio.h>
#include <sys/stat.h>
#include <string.h>

#include "mlcert/fs.h"
#include "mlcert/text.h"
#include "mlcert/xalloc.h"

bool notes_folder(const char *state_dir, const char *pack_id, char *buf, size_t size)
{
	int n = snprintf(buf, size, "%s/notes/%s", state_dir, pack_id);
	return n >= 0 && (size_t)n < size;
}

bool notes_path(const char *folder, const char *topic_id, char *buf, size_t size)
{
	int n = snprintf(buf, size, "%s/%s.txt", folder, topic_id);
	return folder[0] && n >= 0 && (size_t)n < size;
}

/* The first copy a file sync tool kept of the note when two devices changed
 * it: Syncthing names it TOPIC.sync-conflict-DATE-TIME-DEVICE.txt. */
static bool find_conflict_copy(const char *folder, const char *topic_id, char *name, size_t size)
{
	DIR *d = opendir(folder);
	size_t len = strlen(topic_id);
	bool found = false;
	for (struct dirent *e; d && !found && (e = readdir(d));) {
		size_t n = strlen(e->d_name);
		found = n > len + 19 && strncmp(e->d_name, topic_id, len) == 0 &&
			strncmp(e->d_name + len, ".sync-conflict-", 15) == 0 && strcmp(e->d_name + n - 4, ".txt") == 0;
		if (found)
			snprintf(name, size, "%s", e->d_name);
	}
	if (d)
		closedir(d);
	return found;
}

char *notes_read(const char *folder, const char *topic_id)
{
	char path[4400], conflict[256];
	if (!notes_path(folder, topic_id, path, sizeof path))
		return NULL;
	bool other = find_conflict_copy(folder, topic_id, conflict, sizeof conflict);
	FILE *f = fopen(path, "r");
	if (!f && !other)
		return NULL;
	/* A note longer than this is shown cut: the reader is no editor. */
	char *text = xmalloc(NOTES_MAX_BYTES + 1);
	size_t n = f ? fread(text, 1, NOTES_MAX_BYTES, f) : 0;
	if (f)
		fclose(f);
	text[n] = '\0';
	if (other) {
		/* Both versions are kept (by the sync tool); the learner is told where. */
		char notice[512];
		int w = snprintf(notice, sizeof notice,
				 "%s[Another version of this note, from another device, is in %s/%s: keep what you "
				 "want, then delete that file.]\n",
				 n && text[n - 1] != '\n' ? "\n" : "", folder, conflict);
		if (w > 0 && n + (size_t)w <= NOTES_MAX_BYTES) {
			memcpy(text + n, notice, (size_t)w + 1);
		}
	}
	return text;
}

bool notes_make_folder(const char *folder, char *why, size_t why_size)
{
	return fs_make_dirs(folder, why, why_size);
}

struct notes_version notes_version_of(const char *path)
{
	struct notes_version v = {false, 0, TEXT_HASH_START};
	struct stat st;
	if (stat(path, &st) != 0)
		return v;
	v.exists = true;
	FILE *f = fopen(path, "rb");
	if (!f) {
		v.size = (unsigned long long)st.st_size; /* unreadable: its size is all there is to go by */
		return v;
	}
	char buf[8192];
	for (size_t n; (n = fread(buf, 1, sizeof buf, f)) > 0;) {
		v.size += n;
		v.hash = text_hash(v.hash, buf, n);
	}
	fclose(f);
	return v;
}

bool notes_version_equal(struct notes_version a, struct notes_version b)
{
	return a.exists == b.exists && a.size == b.size && a.hash == b.hash;
}
