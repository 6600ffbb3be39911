/* packs: the built-in pack, installed packs by id, and the snapshot cache. */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mlcert/check.h"
#include "mlcert/packs.h"
#include "testing.h"

struct tmp {
	char root[64];
	char data[128], packs[160], link[200], cache[128];
};

static int setup(void **state)
{
	struct tmp *t = calloc(1, sizeof *t);
	snprintf(t->root, sizeof t->root, "/tmp/mlcert-packs-XXXXXX");
	assert_non_null(mkdtemp(t->root));
	snprintf(t->data, sizeof t->data, "%s/data", t->root);
	snprintf(t->cache, sizeof t->cache, "%s/cache", t->root);
	setenv("XDG_DATA_HOME", t->data, 1);
	setenv("XDG_CACHE_HOME", t->cache, 1);
	unsetenv("MLCERT_NO_CACHE");
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	struct tmp *t = *state;
	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->root);
	assert_int_equal(system(cmd), 0);
	unsetenv("XDG_DATA_HOME");
	unsetenv("XDG_CACHE_HOME");
	free(t);
	return 0;
}

/* Installs the fixture pack (id "fixture") as a folder under the data folder. */
static void install_fixture(struct tmp *t)
{
	char here[4096], path[8400];
	assert_non_null(getcwd(here, sizeof here));
	snprintf(t->packs, sizeof t->packs, "%s/mlcert/packs", t->data);
	snprintf(path, sizeof path, "mkdir -p '%s'", t->packs);
	assert_int_equal(system(path), 0);
	snprintf(t->link, sizeof t->link, "%s/fixture", t->packs);
	const char *good = test_data("packs/good");
	snprintf(path, sizeof path, "%s%s%s", good[0] == '/' ? "" : here, good[0] == '/' ? "" : "/", good);
	assert_int_equal(symlink(path, t->link), 0);
}

static void test_built_in_and_installed(void **state)
{
	struct tmp *t = *state;
	char dir[256];
	assert_true(packs_data_dir(dir, sizeof dir));
	snprintf(t->packs, sizeof t->packs, "%s/mlcert/packs", t->data);
	assert_string_equal(dir, t->packs);
	struct diag_list d;
	diag_list_init(&d);
	struct content_pack *p = packs_load(NULL, NULL, NULL, &d);
	assert_non_null(p);
	assert_string_equal(p->meta->id, PACKS_BUILT_IN);
	content_pack_free(p);
	assert_null(packs_load(NULL, "fixture", NULL, &d)); /* not installed yet */
	assert_non_null(strstr(d.items[0].message, "no pack 'fixture'"));
	install_fixture(t);
	p = packs_load(NULL, "fixture", NULL, &d);
	assert_non_null(p);
	assert_string_equal(p->meta->id, "fixture");
	content_pack_free(p);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	assert_int_equal(packs_list(f), 0);
	fclose(f);
	assert_non_null(strstr(out, "fixture"));
	assert_non_null(strstr(out, t->link));
	assert_non_null(strstr(out, "pmle             (built in) "));
	assert_non_null(strstr(out, "(default)"));
	free(out);
	diag_list_free(&d);
}

static void test_snapshot_is_kept_then_used(void **state)
{
	struct tmp *t = *state;
	struct diag_list d;
	diag_list_init(&d);
	const char *good = test_data("packs/good");
	struct packs_cache cache;
	struct content_pack *p = packs_load(good, NULL, &cache, &d);
	assert_non_null(p);
	assert_true(cache.usable);
	assert_false(cache.restored);
	assert_true(check_pack(p, &d));
	packs_cache_keep(p, &cache);
	content_pack_free(p);
	struct stat st;
	assert_int_equal(stat(cache.path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_non_null(strstr(cache.path, t->cache));
	p = packs_load(good, NULL, &cache, &d);
	assert_true(cache.restored);
	assert_true(check_pack(p, &d));
	assert_string_equal(p->meta->id, "fixture");
	content_pack_free(p);
	/* MLCERT_NO_CACHE: YAML every time */
	setenv("MLCERT_NO_CACHE", "1", 1);
	p = packs_load(good, NULL, &cache, &d);
	assert_false(cache.usable);
	assert_false(cache.restored);
	content_pack_free(p);
	unsetenv("MLCERT_NO_CACHE");
	diag_list_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_built_in_and_installed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_snapshot_is_kept_then_used, setup, teardown),
	};
	return cmocka_run_group_tests_name("packs", tests, NULL, NULL);
}
