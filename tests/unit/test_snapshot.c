/* snapshot: a checked pack saved in binary and restored, and every way a
 * snapshot file can be wrong refused. */
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "fixtures.h"
#include "mlcert/embedded.h"
#include "mlcert/snapshot.h"
#include "testing.h"

enum { FINGERPRINT = 0x5eed };

/* The file layout, as snapshot.c writes it: a 56-byte header with the
 * records' length at byte 24, the text's at 32 and their hash at 40 (XXH3-64
 * of the records, then of the text seeded with it), then the records and
 * the text. The test below checks that this still holds, so a change of
 * layout fails here rather than passing vacuously. */
enum { HEADER_BYTES = 56, RECORDS_LEN_AT = 24, HASH_AT = 40 };

static uint64_t body_hash(const unsigned char *bytes, size_t len)
{
	uint64_t records;
	memcpy(&records, bytes + RECORDS_LEN_AT, sizeof records);
	const unsigned char *body = bytes + HEADER_BYTES;
	return XXH3_64bits_withSeed(body + records, len - HEADER_BYTES - records, XXH3_64bits(body, records));
}

static void reseal(unsigned char *bytes, size_t len)
{
	uint64_t hash = body_hash(bytes, len);
	memcpy(bytes + HASH_AT, &hash, sizeof hash);
}

static void test_round_trip_gives_the_same_pack(void **state)
{
	(void)state;
	struct diag_list diags, d2;
	struct content_pack *pack = fixture_built_in(&diags);
	void *bytes, *again;
	size_t len, len2;
	assert_true(snapshot_to_bytes(pack, FINGERPRINT, &bytes, &len));
	uint64_t hash;
	memcpy(&hash, (char *)bytes + HASH_AT, sizeof hash);
	assert_true(hash == body_hash(bytes, len));

	diag_list_init(&d2);
	struct content_pack *back = snapshot_from_bytes(bytes, len, FINGERPRINT, "(built in)", embedded_pack_files,
							embedded_pack_count, &d2);
	assert_non_null(back);
	assert_true(back->arena.block != NULL);
	assert_true(check_pack(back, &d2));
	assert_int_equal(d2.count, 0);
	assert_int_equal(back->topic_count, pack->topic_count);
	assert_int_equal(back->question_count, pack->question_count);
	assert_int_equal(back->flow_count, pack->flow_count);
	assert_int_equal(back->source_count, pack->source_count);
	for (size_t i = 0; i < pack->source_count; i++) {
		assert_string_equal(back->sources[i].path, pack->sources[i].path);
		assert_ptr_equal(back->sources[i].data, pack->sources[i].data); /* attached by name */
	}
	for (size_t i = 0; i < pack->topic_count; i++) {
		assert_string_equal(back->topics[i]->id, pack->topics[i]->id);
		assert_string_equal(back->topics[i]->description, pack->topics[i]->description);
		assert_int_equal(back->topics[i]->parent_index, pack->topics[i]->parent_index);
		assert_int_equal(back->topics[i]->resources_count, pack->topics[i]->resources_count);
	}
	for (size_t i = 0; i < pack->question_count; i++) {
		const struct content_question *a = pack->questions[i], *b = back->questions[i];
		assert_string_equal(a->stem, b->stem);
		assert_int_equal(a->choices_count, b->choices_count);
		for (unsigned c = 0; c < a->choices_count; c++) {
			assert_string_equal(a->choices[c].why, b->choices[c].why);
			assert_int_equal(choice_set_has(a->correct, c), choice_set_has(b->correct, c));
		}
	}
	assert_string_equal(back->meta->exam.minutes_text, pack->meta->exam.minutes_text);
	assert_int_equal(back->meta->exam.minutes, pack->meta->exam.minutes);
	/* a restored pack saves the very same bytes: nothing was lost or added */
	assert_true(snapshot_to_bytes(back, FINGERPRINT, &again, &len2));
	assert_int_equal(len2, len);
	assert_memory_equal(again, bytes, len);
	/* positions still come from the text it was made of */
	const char *file;
	int line, col;
	content_locate(back, back->topics[3]->origin, "/title", &file, &line, &col);
	assert_true(line > 1);
	free(again);
	free(bytes);
	content_pack_free(back);
	content_pack_free(pack);
	diag_list_free(&d2);
	diag_list_free(&diags);
}

static void test_damage_is_a_miss(void **state)
{
	(void)state;
	struct diag_list diags;
	struct content_pack *pack = fixture_built_in(&diags);
	unsigned char *bytes;
	size_t len;
	assert_true(snapshot_to_bytes(pack, FINGERPRINT, (void **)&bytes, &len));
	assert_null(snapshot_from_bytes(bytes, len, FINGERPRINT + 1, "x", NULL, 0, &diags)); /* other files */
	for (size_t cut = 0; cut < len; cut += len / 7 + 1)
		assert_null(snapshot_from_bytes(bytes, cut, FINGERPRINT, "x", NULL, 0, &diags));
	/* any changed byte: the header's fields or the hash of the arena */
	for (size_t at = 0; at < len; at += len / 97 + 1) {
		bytes[at] ^= 0x01;
		assert_null(snapshot_from_bytes(bytes, len, FINGERPRINT, "x", NULL, 0, &diags));
		bytes[at] ^= 0x01;
	}
	/* offsets out of their region with a hash that fits: refused, never
	 * followed. The first source entry's document offset is record bytes 8..15. */
	uint64_t saved;
	memcpy(&saved, bytes + HEADER_BYTES + 8, sizeof saved);
	uint64_t wild[] = {len, len * 2, UINT64_MAX, 3 /* misaligned */, 0};
	for (size_t k = 0; k < sizeof wild / sizeof wild[0]; k++) {
		memcpy(bytes + HEADER_BYTES + 8, &wild[k], sizeof wild[k]);
		reseal(bytes, len);
		assert_null(snapshot_from_bytes(bytes, len, FINGERPRINT, "x", NULL, 0, &diags));
	}
	memcpy(bytes + HEADER_BYTES + 8, &saved, sizeof saved);
	/* text that does not end in NUL, resealed: a string could run off its end */
	bytes[len - 1] = 'x';
	reseal(bytes, len);
	assert_null(snapshot_from_bytes(bytes, len, FINGERPRINT, "x", NULL, 0, &diags));
	bytes[len - 1] = '\0';
	reseal(bytes, len);
	struct content_pack *ok = snapshot_from_bytes(bytes, len, FINGERPRINT, "x", NULL, 0, &diags);
	assert_non_null(ok); /* put back, it restores again */
	content_pack_free(ok);
	/* every aligned word of the records set to a wild value in turn, resealed:
	 * either refused or a pack, never a read outside (ASan runs this too) */
	size_t restored = 0;
	for (size_t at = HEADER_BYTES; at + 8 <= len; at += (len / 311) & ~(size_t)7) {
		uint64_t word;
		memcpy(&word, bytes + at, sizeof word);
		uint64_t bad = word ^ 0x0000100000000000ull;
		memcpy(bytes + at, &bad, sizeof bad);
		reseal(bytes, len);
		struct content_pack *p = snapshot_from_bytes(bytes, len, FINGERPRINT, "x", NULL, 0, &diags);
		restored += p != NULL;
		content_pack_free(p);
		memcpy(bytes + at, &word, sizeof word);
	}
	assert_true(restored < 311);
	free(bytes);
	content_pack_free(pack);
	diag_list_free(&diags);
}

static void test_file_save_and_load(void **state)
{
	(void)state;
	struct diag_list diags;
	struct content_pack *pack = fixture_built_in(&diags);
	char dir[] = "/tmp/mlcert-snapshot-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[256], link[256];
	snprintf(path, sizeof path, "%s/pack.snapshot", dir);
	snprintf(link, sizeof link, "%s/link.snapshot", dir);
	assert_null(snapshot_load(path, FINGERPRINT, "(built in)", NULL, 0, &diags)); /* none yet */
	assert_true(snapshot_save(pack, FINGERPRINT, path));
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	struct content_pack *back = snapshot_load(path, FINGERPRINT, "(built in)", NULL, 0, &diags);
	assert_non_null(back);
	assert_int_equal(back->question_count, pack->question_count);
	content_pack_free(back);
	assert_null(snapshot_load(path, FINGERPRINT + 1, "(built in)", NULL, 0, &diags));
	/* a symbolic link is not followed */
	assert_int_equal(symlink(path, link), 0);
	assert_null(snapshot_load(link, FINGERPRINT, "(built in)", NULL, 0, &diags));
	/* saved again over the old one: no temporary file is left behind */
	assert_true(snapshot_save(pack, FINGERPRINT + 1, path));
	assert_non_null(back = snapshot_load(path, FINGERPRINT + 1, "(built in)", NULL, 0, &diags));
	content_pack_free(back);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "test $(ls %s | wc -l) = 2", dir);
	assert_int_equal(system(cmd), 0);
	unlink(link);
	unlink(path);
	rmdir(dir);
	content_pack_free(pack);
	diag_list_free(&diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip_gives_the_same_pack),
		cmocka_unit_test(test_damage_is_a_miss),
		cmocka_unit_test(test_file_save_and_load),
	};
	return cmocka_run_group_tests_name("snapshot", tests, NULL, NULL);
}
