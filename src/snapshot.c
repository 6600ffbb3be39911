/* snapshot — a checked pack in one binary file.
 *
 * The file is a header and an arena: the documents copied by walking their
 * libcyaml schema, with every pointer stored as an offset into the arena
 * (plus one; 0 is NULL). Loading reads the arena into one block and turns
 * the offsets back into pointers by the same walk, checking each against the
 * arena's bounds, so a damaged file is a miss and never a crash. Only what
 * the schema describes is copied; the derived fields are filled again by
 * check_pack(), as after a load from YAML. */
#include "mlcert/snapshot.h"

#include <cyaml/cyaml.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/mman.h>
#include <unistd.h>
#include <xxhash.h>

enum { SNAPSHOT_FORMAT = 2, ALIGN = 8 };
static const char MAGIC[8] = "MLCSNAP";
static const size_t MAX_ARENA = (size_t)1 << 30;

struct header {
	char magic[8];
	uint32_t format;
	uint32_t source_count;
	uint64_t fingerprint;
	uint64_t arena_len;
	uint64_t arena_hash;   /* XXH3-64 of the arena */
	uint32_t pointer_size; /* a snapshot is read by the build that wrote it */
	uint32_t zero;
};

/* The arena starts with one of these per source, in source order. */
struct source_entry {
	uint64_t name; /* offset + 1 of the relative name */
	uint64_t doc;  /* offset + 1 of the document */
	uint64_t is_meta;
};

/* ---- writing ---------------------------------------------------------------- */

struct arena {
	char *buf;
	size_t len, cap;
	bool failed;
};

/* Zeroed room for size bytes, aligned; returns its offset (0 once failed). */
static size_t arena_alloc(struct arena *a, size_t size)
{
	size_t at = (a->len + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (a->failed || size > MAX_ARENA || at + size > MAX_ARENA) {
		a->failed = true;
		return 0;
	}
	if (at + size > a->cap) {
		size_t cap = a->cap ? a->cap : 1 << 16;
		while (cap < at + size)
			cap *= 2;
		char *buf = realloc(a->buf, cap);
		if (!buf) {
			a->failed = true;
			return 0;
		}
		a->buf = buf;
		a->cap = cap;
	}
	memset(a->buf + a->len, 0, at + size - a->len);
	a->len = at + size;
	return at;
}

static void store_offset(struct arena *a, size_t slot, size_t offset_plus_one)
{
	if (!a->failed) {
		uint64_t v = offset_plus_one;
		memcpy(a->buf + slot, &v, sizeof v);
	}
}

static size_t copy_string(struct arena *a, const char *s)
{
	size_t n = strlen(s) + 1;
	size_t at = arena_alloc(a, n);
	if (!a->failed)
		memcpy(a->buf + at, s, n);
	return at + 1;
}

static uint64_t read_count(const void *base, const cyaml_schema_field_t *f)
{
	const unsigned char *p = (const unsigned char *)base + f->count_offset;
	switch (f->count_size) {
	case 1: return *p;
	case 2: { uint16_t v; memcpy(&v, p, sizeof v); return v; }
	case 4: { uint32_t v; memcpy(&v, p, sizeof v); return v; }
	case 8: { uint64_t v; memcpy(&v, p, sizeof v); return v; }
	default: return 0;
	}
}

static void copy_value(struct arena *a, const cyaml_schema_value_t *v, const void *src, size_t dst);

/* Copies the fields of the mapping at src into the arena's mapping at dst. */
static void copy_fields(struct arena *a, const cyaml_schema_value_t *v, const void *src, size_t dst)
{
	for (const cyaml_schema_field_t *f = v->mapping.fields; f->key && !a->failed; f++) {
		const char *field = (const char *)src + f->data_offset;
		if (f->value.type == CYAML_SEQUENCE && !(f->value.flags & CYAML_FLAG_POINTER)) {
			a->failed = true; /* not in our schemas */
		} else if (f->value.type == CYAML_SEQUENCE) {
			uint64_t count = read_count(src, f);
			const char *items = *(const char *const *)(const void *)field;
			memcpy(a->buf + dst + f->count_offset, (const char *)src + f->count_offset, f->count_size);
			if (!items || !count)
				continue;
			size_t stride = f->value.data_size;
			if (count > MAX_ARENA / (stride ? stride : 1)) {
				a->failed = true;
				return;
			}
			size_t at = arena_alloc(a, (size_t)count * stride);
			for (uint64_t i = 0; i < count && !a->failed; i++)
				copy_value(a, f->value.sequence.entry, items + i * stride, at + (size_t)i * stride);
			store_offset(a, dst + f->data_offset, at + 1);
		} else {
			copy_value(a, &f->value, field, dst + f->data_offset);
		}
	}
}

/* Copies the value stored at src (a pointer to it, for pointer types) to dst. */
static void copy_value(struct arena *a, const cyaml_schema_value_t *v, const void *src, size_t dst)
{
	if (a->failed)
		return;
	if (v->flags & CYAML_FLAG_POINTER) {
		const void *p = *(const void *const *)src;
		if (!p)
			return; /* the arena is zeroed: NULL */
		size_t at;
		if (v->type == CYAML_STRING) {
			at = copy_string(a, p);
		} else if (v->type == CYAML_MAPPING) {
			at = arena_alloc(a, v->data_size) + 1;
			copy_fields(a, v, p, at - 1);
		} else {
			a->failed = true; /* not in our schemas */
			return;
		}
		store_offset(a, dst, at);
		return;
	}
	if (v->type == CYAML_MAPPING)
		copy_fields(a, v, src, dst);
	else if (v->type != CYAML_IGNORE)
		memcpy(a->buf + dst, src, v->data_size);
}

/* The arena of pack and the header that describes it. */
static bool build(const struct content_pack *pack, uint64_t fingerprint, struct arena *a, struct header *h)
{
	*a = (struct arena){0};
	size_t table = arena_alloc(a, pack->source_count * sizeof(struct source_entry));
	size_t root_len = strlen(pack->root);
	for (size_t i = 0; i < pack->source_count && !a->failed; i++) {
		const struct content_source *src = &pack->sources[i];
		if (!src->doc) {
			a->failed = true; /* only packs whose every file loaded are kept */
			break;
		}
		/* the name relative to the root, as the loader was given it */
		const char *name = src->path;
		if (strncmp(name, pack->root, root_len) == 0 && name[root_len] == '/')
			name += root_len + 1;
		struct source_entry e = {.name = copy_string(a, name), .is_meta = src->is_meta};
		size_t slot = arena_alloc(a, sizeof(uint64_t));
		copy_value(a, content_file_schema(src->is_meta), &src->doc, slot);
		if (!a->failed) {
			memcpy(&e.doc, a->buf + slot, sizeof e.doc);
			memcpy(a->buf + table + i * sizeof e, &e, sizeof e);
		}
	}
	arena_alloc(a, 1); /* ends in NUL, so any string inside it ends inside it */
	if (a->failed || !a->len) {
		free(a->buf);
		return false;
	}
	*h = (struct header){.format = SNAPSHOT_FORMAT,
			     .source_count = (uint32_t)pack->source_count,
			     .fingerprint = fingerprint,
			     .arena_len = a->len,
			     .arena_hash = XXH3_64bits(a->buf, a->len),
			     .pointer_size = sizeof(void *)};
	memcpy(h->magic, MAGIC, sizeof h->magic);
	return true;
}

bool snapshot_to_bytes(const struct content_pack *pack, uint64_t fingerprint, void **bytes, size_t *len)
{
	struct arena a;
	struct header h;
	if (!build(pack, fingerprint, &a, &h))
		return false;
	char *out = malloc(sizeof h + a.len);
	if (out) {
		memcpy(out, &h, sizeof h);
		memcpy(out + sizeof h, a.buf, a.len);
		*bytes = out;
		*len = sizeof h + a.len;
	}
	free(a.buf);
	return out != NULL;
}

static bool write_all(int fd, const void *buf, size_t len)
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

bool snapshot_save(const struct content_pack *pack, uint64_t fingerprint, const char *path)
{
	struct arena a;
	struct header h;
	if (!build(pack, fingerprint, &a, &h))
		return false;
	char tmp[4200];
	bool ok = snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid()) < (int)sizeof tmp;
	int fd = ok ? open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600) : -1;
	ok = fd >= 0 && write_all(fd, &h, sizeof h) && write_all(fd, a.buf, a.len);
	if (fd >= 0 && close(fd) != 0)
		ok = false;
	if (ok)
		ok = rename(tmp, path) == 0;
	if (!ok && fd >= 0)
		unlink(tmp);
	free(a.buf);
	return ok;
}

/* ---- reading ---------------------------------------------------------------- */

struct reader {
	char *buf;
	size_t len;
	bool bad;
};

/* The pointer for a stored offset + 1 to size bytes; NULL for 0 or when out of bounds. */
static void *resolve(struct reader *r, uint64_t stored, size_t size, size_t align)
{
	if (!stored)
		return NULL;
	uint64_t at = stored - 1;
	if (at > r->len || size > r->len - at || at % align) {
		r->bad = true;
		return NULL;
	}
	return r->buf + at;
}

static void fix_value(struct reader *r, const cyaml_schema_value_t *v, char *slot);

static void fix_fields(struct reader *r, const cyaml_schema_value_t *v, char *base)
{
	for (const cyaml_schema_field_t *f = v->mapping.fields; f->key && !r->bad; f++) {
		char *slot = base + f->data_offset;
		if (f->value.type != CYAML_SEQUENCE) {
			fix_value(r, &f->value, slot);
			continue;
		}
		if (!(f->value.flags & CYAML_FLAG_POINTER)) {
			r->bad = true;
			return;
		}
		uint64_t count = read_count(base, f), stored;
		memcpy(&stored, slot, sizeof stored);
		size_t stride = f->value.data_size;
		if (count > r->len / (stride ? stride : 1) || (count && !stored) || (!count && stored)) {
			r->bad = true;
			return;
		}
		char *items = resolve(r, stored, (size_t)count * stride, ALIGN);
		for (uint64_t i = 0; i < count && !r->bad; i++)
			fix_value(r, f->value.sequence.entry, items + i * stride);
		memcpy(slot, &items, sizeof items);
	}
}

static void fix_value(struct reader *r, const cyaml_schema_value_t *v, char *slot)
{
	if (!(v->flags & CYAML_FLAG_POINTER)) {
		if (v->type == CYAML_MAPPING)
			fix_fields(r, v, slot);
		return;
	}
	uint64_t stored;
	memcpy(&stored, slot, sizeof stored);
	void *p = NULL;
	if (v->type == CYAML_STRING) {
		p = resolve(r, stored, 1, 1); /* the arena ends in NUL: the string ends inside */
	} else if (v->type == CYAML_MAPPING) {
		p = resolve(r, stored, v->data_size, ALIGN);
		if (p)
			fix_fields(r, v, p);
	} else {
		r->bad = true;
	}
	memcpy(slot, &p, sizeof p);
}

/* The pack in the arena, which lies inside block (taken, also on failure:
 * unmapped when mapped is not 0, else freed), described by h. */
static struct content_pack *restore(const struct header *h, char *arena, void *block, size_t mapped,
				    const char *root, const struct content_buffer *files, size_t file_count,
				    struct diag_list *diags)
{
	struct reader r = {.buf = arena, .len = h->arena_len};
	struct content_document *docs = calloc(h->source_count, sizeof *docs);
	if (!docs || XXH3_64bits(r.buf, r.len) != h->arena_hash || r.buf[r.len - 1] != '\0')
		r.bad = true;
	for (size_t i = 0; i < h->source_count && !r.bad; i++) {
		struct source_entry e;
		memcpy(&e, r.buf + i * sizeof e, sizeof e);
		const char *name = resolve(&r, e.name, 1, 1);
		if (!name || e.is_meta > 1) {
			r.bad = true;
			break;
		}
		docs[i].name = name;
		docs[i].is_meta = e.is_meta;
		/* the document's offset becomes its pointer in the table's own slot */
		char *slot = r.buf + i * sizeof e + offsetof(struct source_entry, doc);
		fix_value(&r, content_file_schema(docs[i].is_meta), slot);
		memcpy(&docs[i].doc, slot, sizeof docs[i].doc);
		if (!docs[i].doc)
			r.bad = true;
		for (size_t k = 0; k < file_count && !r.bad; k++)
			if (strcmp(files[k].name, name) == 0) {
				docs[i].data = files[k].data;
				docs[i].len = files[k].len;
			}
	}
	struct content_pack *pack = NULL;
	if (!r.bad)
		pack = content_pack_assemble(root, docs, h->source_count, block, mapped, diags);
	else if (mapped)
		munmap(block, mapped);
	else
		free(block);
	free(docs);
	return pack;
}

static bool header_fits(const struct header *h, uint64_t fingerprint, size_t arena_len)
{
	return memcmp(h->magic, MAGIC, sizeof MAGIC) == 0 && h->format == SNAPSHOT_FORMAT &&
	       h->pointer_size == sizeof(void *) && h->zero == 0 && h->fingerprint == fingerprint &&
	       h->arena_len == arena_len && arena_len > 0 && arena_len <= MAX_ARENA && h->source_count > 0 &&
	       h->source_count <= arena_len / sizeof(struct source_entry);
}

struct content_pack *snapshot_from_bytes(const void *bytes, size_t len, uint64_t fingerprint,
					 const char *root, const struct content_buffer *files,
					 size_t file_count, struct diag_list *diags)
{
	struct header h;
	if (len < sizeof h)
		return NULL;
	memcpy(&h, bytes, sizeof h);
	if (!header_fits(&h, fingerprint, len - sizeof h))
		return NULL;
	char *arena = malloc(h.arena_len);
	if (!arena)
		return NULL;
	memcpy(arena, (const char *)bytes + sizeof h, h.arena_len);
	return restore(&h, arena, arena, 0, root, files, file_count, diags);
}

struct content_pack *snapshot_load(const char *path, uint64_t fingerprint, const char *root,
				   const struct content_buffer *files, size_t file_count,
				   struct diag_list *diags)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	void *map = MAP_FAILED;
	size_t len = 0;
	/* Ours, a plain file, and whole, or not used at all. Mapped privately:
	 * the pages of text are the page cache's own, only the pages whose
	 * offsets become pointers are copied. */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
	    (size_t)st.st_size > sizeof(struct header) && (size_t)st.st_size <= MAX_ARENA + sizeof(struct header)) {
		len = (size_t)st.st_size;
		map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_POPULATE, fd, 0);
	}
	close(fd);
	if (map == MAP_FAILED)
		return NULL;
	struct header h;
	memcpy(&h, map, sizeof h);
	if (!header_fits(&h, fingerprint, len - sizeof h)) {
		munmap(map, len);
		return NULL;
	}
	return restore(&h, (char *)map + sizeof h, map, len, root, files, file_count, diags);
}
