/* notes — one text file per topic. */
#include "mlcert/notes.h"

#include <stdio.h>
#include <sys/stat.h>

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

char *notes_read(const char *folder, const char *topic_id)
{
	char path[4400];
	if (!notes_path(folder, topic_id, path, sizeof path))
		return NULL;
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	/* A note longer than this is shown cut: the reader is no editor. */
	char *text = xmalloc(NOTES_MAX_BYTES + 1);
	size_t n = fread(text, 1, NOTES_MAX_BYTES, f);
	fclose(f);
	text[n] = '\0';
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
