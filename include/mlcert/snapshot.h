/* snapshot — a pack that loaded and checked without a problem, kept in one
 * binary file, so that the next start with the same files skips the YAML
 * parser (most of a start: about 13 ms for the bundled pack, 390 ms for one
 * 30 times its size). A snapshot carries the fingerprint of what it was made
 * from; a different fingerprint, a damaged file or one of another build is a
 * miss, and the caller reads YAML as before. */
#ifndef MLCERT_SNAPSHOT_H
#define MLCERT_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mlcert/content.h"
#include "mlcert/diag.h"

/* Writes pack to path through a temporary file renamed over it (0600). No
 * fsync: a lost or torn snapshot is only a miss. */
bool snapshot_save(const struct content_pack *pack, uint64_t fingerprint, const char *path);

/* The pack saved at path, when the file is ours, whole, and has this
 * fingerprint; else NULL. files (may be NULL) are the buffers a pack from
 * memory was made of, attached again by name so positions can be found. */
struct content_pack *snapshot_load(const char *path, uint64_t fingerprint, const char *root,
				   const struct content_buffer *files, size_t file_count,
				   struct diag_list *diags);

/* The same from bytes in memory (the fuzz target's way in); takes nothing. */
struct content_pack *snapshot_from_bytes(const void *bytes, size_t len, uint64_t fingerprint,
					 const char *root, const struct content_buffer *files,
					 size_t file_count, struct diag_list *diags);

/* The bytes snapshot_save writes; the caller frees them. */
bool snapshot_to_bytes(const struct content_pack *pack, uint64_t fingerprint, void **bytes, size_t *len);

#endif
