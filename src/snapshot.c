/* snapshot — a checked pack in one binary file.
 *
 * The file is a header and two regions: the records (every mapping and list
 * of the documents, copied by walking their libcyaml schema) and the text
 * (every string). Pointers are stored as offsets plus one (0 is NULL): a
 * string's into the text, anything else's into the records. Loading reads
 * the records into memory and turns the offsets back into pointers by the
 * same walk, checking each against its region's bounds, so a damaged file is
 * a miss and never a crash; the text is mapped read-only and used in place,
 * so 20 MB of text cost page-table entries rather than a copy. Only what the
 * schema describes is copied; the derived fields are filled again by
 * check_pack(), as after a load from YAML. */
#include "mlcert/snapshot.h"

#include <cyaml/cyaml.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "mlcert/fs.h"
#include "mlcert/xalloc.h"

enum { SNAPSHOT_FORMAT = 3, ALIGN = 8 };
static const char MAGIC[8] = "MLCSNAP";
static const size_t MAX_REGION = (size_t)1 << 30;

struct header {
	char magic[8];
	uint32_t format;
	uint32_t source_count;
	uint64_t fingerprint;
	uint64_t records_len;
	uint64_t text_len;
	uint64_t hash;         /* XXH3-64 of the records, then the text seeded with it */
	uint32_t pointer_size; /* a snapshot is read by the build that wrote it */
	uint32_t zero;
};

/* The records start with one of these per source, in source order. */
struct source_entry {
	uint64_t name; /* text offset + 1 of the relative name */
	uint64_t doc;  /* records offset + 1 of the document */
	uint64_t is_meta;
};

/* ---- writing ---------------------------------------------------------------- */

struct region {
	char *buf;
	size_t len, cap;
};

struct writer {
	struct region records, text;
	bool failed;
};

/* Zeroed room for size bytes aligned to align; returns its offset. */
static size_t region_alloc(struct writer *w, struct region *r, size_t size, size_t align)
{
	size_t at = (r->len + align - 1) & ~(align - 1);
	if (w->failed || size > MAX_REGION || at + size > MAX_REGION) {
		w->failed = true;
		return 0;
	}
	if (at + size > r->cap) {
		size_t cap = r->cap ? r->cap : 1 << 16;
		while (cap < at + size)
			cap *= 2;
		r->buf = xrealloc(r->buf, cap);
		r->cap = cap;
	}
	memset(r->buf + r->len, 0, at + size - r->len);
	r->len = at + size;
	return at;
}

static void store_offset(struct writer *w, size_t slot, size_t offset_plus_one)
{
	if (!w->failed) {
		uint64_t v = offset_plus_one;
		memcpy(w->records.buf + slot, &v, sizeof v);
	}
}

/* Returns the text offset + 1 of a copy of s. */
static size_t copy_string(struct writer *w, const char *s)
{
	size_t n = strlen(s) + 1;
	size_t at = region_alloc(w, &w->text, n, 1);
	if (!w->failed)
		memcpy(w->text.buf + at, s, n);
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

static void copy_value(struct writer *w, const cyaml_schema_value_t *v, const void *src, size_t dst);

/* Copies the fields of the mapping at src into the record at dst. */
static void copy_fields(struct writer *w, const cyaml_schema_value_t *v, const void *src, size_t dst)
{
	for (const cyaml_schema_field_t *f = v->mapping.fields; f->key && !w->failed; f++) {
		const char *field = (const char *)src + f->data_offset;
		if (f->value.type != CYAML_SEQUENCE) {
			copy_value(w, &f->value, field, dst + f->data_offset);
			continue;
		}
		if (!(f->value.flags & CYAML_FLAG_POINTER)) {
			w->failed = true; /* not in our schemas */
			return;
		}
		uint64_t count = read_count(src, f);
		const char *items = *(const char *const *)(const void *)field;
		memcpy(w->records.buf + dst + f->count_offset, (const char *)src + f->count_offset, f->count_size);
		if (!items || !count)
			continue;
		size_t stride = f->value.data_size;
		if (count > MAX_REGION / (stride ? stride : 1)) {
			w->failed = true;
			return;
		}
		size_t at = region_alloc(w, &w->records, (size_t)count * stride, ALIGN);
		for (uint64_t i = 0; i < count && !w->failed; i++)
			copy_value(w, f->value.sequence.entry, items + i * stride, at + (size_t)i * stride);
		store_offset(w, dst + f->data_offset, at + 1);
	}
}

/* Copies the value stored at src (a pointer to it, for pointer types) to
 * the record at dst. */
static void copy_value(struct writer *w, const cyaml_schema_value_t *v, const void *src, size_t dst)
{
	if (w->failed)
		return;
	if (!(v->flags & CYAML_FLAG_POINTER)) {
		if (v->type == CYAML_MAPPING)
			copy_fields(w, v, src, dst);
		else if (v->type != CYAML_IGNORE)
			memcpy(w->records.buf + dst, src, v->data_size);
		return;
	}
	const void *p = *(const void *const *)src;
	if (!p)
		return; /* records are zeroed: NULL */
	if (v->type == CYAML_STRING) {
		store_offset(w, dst, copy_string(w, p));
	} else if (v->type == CYAML_MAPPING) {
		size_t at = region_alloc(w, &w->records, v->data_size, ALIGN);
		copy_fields(w, v, p, at);
		store_offset(w, dst, at + 1);
	} else {
		w->failed = true; /* not in our schemas */
	}
}

/* The two regions of pack and the header that describes them. */
static bool build(const struct content_pack *pack, uint64_t fingerprint, struct writer *w, struct header *h)
{
	*w = (struct writer){0};
	size_t table = region_alloc(w, &w->records, pack->source_count * sizeof(struct source_entry), ALIGN);
	size_t root_len = strlen(pack->root);
	for (size_t i = 0; i < pack->source_count && !w->failed; i++) {
		const struct content_source *src = &pack->sources[i];
		if (!src->doc) {
			w->failed = true; /* only packs whose every file loaded are kept */
			break;
		}
		/* the name relative to the root, as the loader was given it */
		const char *name = src->path;
		if (strncmp(name, pack->root, root_len) == 0 && name[root_len] == '/')
			name += root_len + 1;
		struct source_entry e = {.name = copy_string(w, name), .is_meta = src->is_meta};
		size_t slot = table + i * sizeof e + offsetof(struct source_entry, doc);
		copy_value(w, content_file_schema(src->is_meta), &src->doc, slot);
		if (!w->failed) {
			memcpy(&e.doc, w->records.buf + slot, sizeof e.doc);
			memcpy(w->records.buf + table + i * sizeof e, &e, sizeof e);
		}
	}
	region_alloc(w, &w->text, 1, 1); /* the text ends in NUL: any string in it ends in it */
	if (w->failed) {
		free(w->records.buf);
		free(w->text.buf);
		return false;
	}
	*h = (struct header){.format = SNAPSHOT_FORMAT,
			     .source_count = (uint32_t)pack->source_count,
			     .fingerprint = fingerprint,
			     .records_len = w->records.len,
			     .text_len = w->text.len,
			     .hash = XXH3_64bits_withSeed(w->text.buf, w->text.len,
							  XXH3_64bits(w->records.buf, w->records.len)),
			     .pointer_size = sizeof(void *)};
	memcpy(h->magic, MAGIC, sizeof h->magic);
	return true;
}

bool snapshot_to_bytes(const struct content_pack *pack, uint64_t fingerprint, void **bytes, size_t *len)
{
	struct writer w;
	struct header h;
	if (!build(pack, fingerprint, &w, &h))
		return false;
	char *out = xmalloc(sizeof h + w.records.len + w.text.len);
	memcpy(out, &h, sizeof h);
	memcpy(out + sizeof h, w.records.buf, w.records.len);
	memcpy(out + sizeof h + w.records.len, w.text.buf, w.text.len);
	*bytes = out;
	*len = sizeof h + w.records.len + w.text.len;
	free(w.records.buf);
	free(w.text.buf);
	return true;
}

bool snapshot_save(const struct content_pack *pack, uint64_t fingerprint, const char *path)
{
	struct writer w;
	struct header h;
	if (!build(pack, fingerprint, &w, &h))
		return false;
	char tmp[4200];
	bool ok = snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid()) < (int)sizeof tmp;
	int fd = ok ? open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600) : -1;
	ok = fd >= 0 && fs_write_all(fd, &h, sizeof h) && fs_write_all(fd, w.records.buf, w.records.len) &&
	     fs_write_all(fd, w.text.buf, w.text.len);
	if (fd >= 0 && close(fd) != 0)
		ok = false;
	if (ok)
		ok = rename(tmp, path) == 0;
	if (!ok && fd >= 0)
		unlink(tmp);
	free(w.records.buf);
	free(w.text.buf);
	return ok;
}

/* ---- reading ---------------------------------------------------------------- */

struct reader {
	char *records, *text;
	size_t records_len, text_len;
	bool bad;
};

/* The pointer for a stored offset + 1 into a region of len bytes, to size
 * bytes; NULL for 0 or when out of bounds. */
static void *resolve(struct reader *r, char *region, size_t len, uint64_t stored, size_t size, size_t align)
{
	if (!stored)
		return NULL;
	uint64_t at = stored - 1;
	if (at > len || size > len - at || at % align) {
		r->bad = true;
		return NULL;
	}
	return region + at;
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
		uint64_t count = read_count(base, f), stored;
		memcpy(&stored, slot, sizeof stored);
		size_t stride = f->value.data_size;
		if (!(f->value.flags & CYAML_FLAG_POINTER) || count > r->records_len / (stride ? stride : 1) ||
		    (count && !stored) || (!count && stored)) {
			r->bad = true;
			return;
		}
		char *items = resolve(r, r->records, r->records_len, stored, (size_t)count * stride, ALIGN);
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
		p = resolve(r, r->text, r->text_len, stored, 1, 1); /* the text ends in NUL */
	} else if (v->type == CYAML_MAPPING) {
		p = resolve(r, r->records, r->records_len, stored, v->data_size, ALIGN);
		if (p)
			fix_fields(r, v, p);
	} else {
		r->bad = true;
	}
	memcpy(slot, &p, sizeof p);
}

static bool header_fits(const struct header *h, uint64_t fingerprint, size_t body_len)
{
	return memcmp(h->magic, MAGIC, sizeof MAGIC) == 0 && h->format == SNAPSHOT_FORMAT &&
	       h->pointer_size == sizeof(void *) && h->zero == 0 && h->fingerprint == fingerprint &&
	       h->records_len <= MAX_REGION && h->text_len <= MAX_REGION &&
	       h->text_len > 0 && h->records_len + h->text_len == body_len && h->source_count > 0 &&
	       h->source_count <= h->records_len / sizeof(struct source_entry);
}

/* The pack in records and text (described by h); the arena, which holds
 * them, goes to the pack, or is released on failure. */
static struct content_pack *restore(const struct header *h, char *records, char *text,
				    struct content_arena arena, const char *root,
				    const struct content_buffer *files, size_t file_count,
				    struct diag_list *diags)
{
	struct reader r = {records, text, h->records_len, h->text_len, false};
	struct content_document *docs = xcalloc(h->source_count, sizeof *docs);
	if (text[r.text_len - 1] != '\0' ||
	    XXH3_64bits_withSeed(text, r.text_len, XXH3_64bits(records, r.records_len)) != h->hash)
		r.bad = true;
	for (size_t i = 0; i < h->source_count && !r.bad; i++) {
		struct source_entry e;
		memcpy(&e, records + i * sizeof e, sizeof e);
		const char *name = resolve(&r, text, r.text_len, e.name, 1, 1);
		if (!name || e.is_meta > 1) {
			r.bad = true;
			break;
		}
		docs[i].name = name;
		docs[i].is_meta = e.is_meta;
		/* the document's offset becomes its pointer in the table's own slot */
		char *slot = records + i * sizeof e + offsetof(struct source_entry, doc);
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
		pack = content_pack_assemble(root, docs, h->source_count, arena, diags);
	else
		content_arena_release(arena);
	free(docs);
	return pack;
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
	char *body = xmalloc(len - sizeof h);
	memcpy(body, (const char *)bytes + sizeof h, len - sizeof h);
	return restore(&h, body, body + h.records_len, (struct content_arena){.block = body}, root, files,
		       file_count, diags);
}

struct content_pack *snapshot_load(const char *path, uint64_t fingerprint, const char *root,
				   const struct content_buffer *files, size_t file_count,
				   struct diag_list *diags)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	struct header h;
	struct content_arena arena = {0};
	/* Ours, a plain file, and whole, or not used at all. The records are
	 * read (their offsets become pointers); the file is mapped read-only for
	 * the text, which is used where it lies. */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
	    (size_t)st.st_size > sizeof h && fs_read_all(fd, &h, sizeof h) &&
	    header_fits(&h, fingerprint, (size_t)st.st_size - sizeof h)) {
		arena.block = xmalloc(h.records_len);
		void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
		if (map != MAP_FAILED) {
			arena.map = map;
			arena.map_len = (size_t)st.st_size;
		}
		if (!arena.block || !arena.map || !fs_read_all(fd, arena.block, h.records_len)) {
			content_arena_release(arena);
			arena = (struct content_arena){0};
		}
	}
	close(fd);
	if (!arena.block)
		return NULL;
	return restore(&h, arena.block, (char *)arena.map + sizeof h + h.records_len, arena, root, files,
		       file_count, diags);
}
