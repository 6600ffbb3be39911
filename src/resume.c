/* resume — the file of where the learner left off. */
#include "mlcert/resume.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlcert/check.h"
#include "mlcert/fs.h"
#include "mlcert/xalloc.h"

static const char header[] = "mlcert-resume 1 0";

bool resume_path(const char *state_dir, const char *pack_id, char *buf, size_t size)
{
	int n = snprintf(buf, size, "%s/%s.resume", state_dir, pack_id);
	return n > 0 && (size_t)n < size;
}

static bool valid_key(const char *key)
{
	size_t n = strlen(key);
	if (n == 0 || n > RESUME_KEY_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((key[i] >= 'a' && key[i] <= 'z') || key[i] == '-'))
			return false;
	return true;
}

static bool valid_id(const char *id)
{
	return strcmp(id, "-") == 0 || check_valid_id(id);
}

bool resume_add(struct resume *r, const char *key, const char *id, int64_t value)
{
	if (!valid_key(key) || !valid_id(id) || value > JOURNAL_VALUE_MAX || value < -JOURNAL_VALUE_MAX)
		return false;
	if (r->count == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 32;
		r->entries = xreallocarray(r->entries, r->cap, sizeof *r->entries);
	}
	struct resume_entry *e = &r->entries[r->count++];
	snprintf(e->key, sizeof e->key, "%s", key);
	snprintf(e->id, sizeof e->id, "%s", id);
	e->value = value;
	return true;
}

const struct resume_entry *resume_find(const struct resume *r, const char *key)
{
	for (size_t i = 0; i < r->count; i++)
		if (strcmp(r->entries[i].key, key) == 0)
			return &r->entries[i];
	return NULL;
}

/* One "KEY ID VALUE" line (NUL-terminated, no newline) into r. */
static bool parse_line(struct resume *r, char *line)
{
	char *key = line, *id = strchr(key, ' ');
	if (!id)
		return false;
	*id++ = '\0';
	char *value = strchr(id, ' ');
	if (!value)
		return false;
	*value++ = '\0';
	if (!*value || (*value != '-' && (*value < '0' || *value > '9')))
		return false;
	errno = 0;
	char *end;
	long long v = strtoll(value, &end, 10);
	return !errno && !*end && resume_add(r, key, id, v);
}

bool resume_load(const char *path, struct resume *r, size_t *skipped, char *why, size_t why_size)
{
	r->count = 0;
	*skipped = 0;
	size_t len;
	char *text = fs_read_file(path, RESUME_MAX_BYTES, &len);
	if (!text) {
		if (errno == ENOENT)
			return true;
		snprintf(why, why_size, "cannot read %s: %s", path,
			 errno == EFBIG ? "larger than a resume file can be" : strerror(errno));
		return false;
	}
	bool ok = len >= sizeof header - 1 && memcmp(text, header, sizeof header - 1) == 0 &&
		  (len == sizeof header - 1 || text[sizeof header - 1] == '\n');
	if (!ok)
		snprintf(why, why_size, "%s is not a resume file (its first line is not '%s')", path, header);
	for (char *line = text + sizeof header - 1; ok && line < text + len;) {
		if (*line == '\n')
			line++;
		char *nl = memchr(line, '\n', (size_t)(text + len - line));
		char *stop = nl ? nl : text + len;
		bool clean = !memchr(line, '\0', (size_t)(stop - line));
		*stop = '\0';
		if (stop > line && (!clean || !parse_line(r, line)))
			(*skipped)++;
		line = stop + 1;
	}
	free(text);
	return ok;
}

bool resume_save(const char *path, const struct resume *r, char *why, size_t why_size)
{
	size_t size = sizeof header + 1 + r->count * (RESUME_KEY_MAX + JOURNAL_ID_MAX + 32);
	char *text = xmalloc(size);
	size_t n = (size_t)snprintf(text, size, "%s\n", header);
	for (size_t i = 0; i < r->count; i++) {
		const struct resume_entry *e = &r->entries[i];
		n += (size_t)snprintf(text + n, size - n, "%s %s %" PRId64 "\n", e->key, e->id, e->value);
	}
	bool ok = fs_replace_file(path, text, n, why, why_size);
	free(text);
	return ok;
}

void resume_free(struct resume *r)
{
	free(r->entries);
	*r = (struct resume){0};
}
