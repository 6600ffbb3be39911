/* content: loading packs through libcyaml, and every load-time error with its position. */
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "fixtures.h"
#include "mlcert/content.h"
#include "testing.h"

static struct expected_diag load_errors[] = {
	{"unknown-key.yaml", 8, 5, "unknown key 'colour'"},
	{"wrong-type.yaml", 7, 15, "'see_also' must be a list, not a single value"},
	{"missing-field.yaml", 2, 5, "missing required key 'description'"},
	{"empty.yaml", 1, 1, "empty file: expected 'topics', 'questions' or 'flows'"},
	{"comment-only.yaml", 1, 1, "empty file: expected 'topics', 'questions' or 'flows'"},
	{"second-document.yaml", 2, 1, "a second YAML document starts here; a file holds one document"},
	{"alias.yaml", 2, 9, "YAML anchors and aliases are not allowed; write the value out"},
	{"alias-bomb.yaml", 1, 5, "YAML anchors and aliases are not allowed; write the value out"},
	{"bad-utf8.yaml", 3, 29, "invalid UTF-8 (byte 0xFF); save the file as UTF-8"},
	{"syntax-error.yaml", 5, 1,
	 "YAML syntax: found unexpected end of stream (while scanning a quoted scalar that starts at 3:12)"},
	{"duplicate-key.yaml", 4, 5, "key 'title' appears twice"},
	{"top-level-list.yaml", 1, 1, "the file must be a mapping of keys, not a list"},
	{"empty-string.yaml", 3, 12, "'title' must not be empty"},
	{"choice-without-why.yaml", 10, 9, "missing required key 'why'"},
	/* found by fuzzing: an unterminated complex key once hung the position index */
	{"complex-key-unterminated.yaml", 1, 1, "unknown key 'bogus'"},
	/* found by fuzzing: 64 levels of long keys once made a huge position index */
	{"deep-long-keys.yaml", 1, 1, "unknown key 'k00xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'"},
	{"tip-colon.yaml", 9, 9,
	 "each entry of 'exam_tips' must be a single value, not a mapping (quote text that contains ': ')"},
	/* quadratic in libyaml without a bound: 80 000 levels took 15 s */
	{"deep-nesting.yaml", 2, 72,
	 "nested deeper than 64 levels (mappings and lists in one another); content needs a few"},
	/* libcyaml cut the string at the NUL without a word */
	{"nul-escape.yaml", 6, 18, "this text holds a NUL character (an escape such as \\0 or \\x00); remove it"},
};

static void test_load_error(void **state)
{
	const struct expected_diag *want = *state;
	struct fixture_pack fx;
	fixture_load(&fx, want->fixture, false);
	assert_has_diag(&fx.diags, want);
	/* A file that fails to load adds nothing, and the rest of the pack still loads. */
	assert_int_equal(fx.pack->failed_sources, 1);
	assert_int_equal(fx.pack->topic_count, 3);
	assert_non_null(fx.pack->meta);
	fixture_free(&fx);
}

static void test_good_pack_loads_every_field(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, true);
	assert_int_equal(fx.diags.count, 0);
	struct content_pack *p = fx.pack;
	assert_string_equal(p->meta->id, "fixture");
	assert_int_equal(p->meta->exam.questions, 4);
	assert_int_equal(p->meta->exam.minutes, 10);
	assert_int_equal(p->meta->domains_count, 2);
	assert_int_equal(p->meta->domains[0].weight, 60);
	assert_int_equal(p->topic_count, 3);
	assert_int_equal(p->question_count, 2);
	assert_int_equal(p->flow_count, 1);

	struct content_topic *t = content_find_topic(p, "topic-one");
	assert_non_null(t);
	assert_string_equal(t->parent, "area-one");
	assert_int_equal(t->parent_index, 0);
	assert_int_equal(t->domain_index, 0);
	assert_int_equal(t->depth, 1);
	assert_true(p->topics[0]->has_children);
	assert_string_equal(t->synopsis, "do the thing\n");
	assert_int_equal(t->exam_tips_count, 1);
	assert_int_equal(t->see_also_count, 1);
	assert_string_equal(t->resources[0].url, "https://example.com/doc");
	assert_non_null(t->status);
	assert_string_equal(t->status->state, "deprecated");
	assert_string_equal(t->status->replaced_by, "topic-two");

	struct content_question *q = content_find_question(p, "q-multi");
	assert_non_null(q);
	assert_int_equal(q->choices_count, 3);
	assert_int_equal(choice_set_count(q->correct), 2);
	assert_true(choice_set_has(q->correct, 0));
	assert_false(choice_set_has(q->correct, 1));
	assert_int_equal(q->domain_index, 1);

	struct content_flow *f = content_find_flow(p, "flow-one");
	assert_non_null(f);
	assert_int_equal(f->start_index, 0);
	assert_int_equal(f->nodes[0].options[1].next_index, 2);
	assert_int_equal(f->nodes[2].topic_index, content_find_topic(p, "topic-two")->index);

	/* ids are one namespace, looked up by kind */
	assert_null(content_find_question(p, "topic-one"));
	assert_int_equal(content_find_domain(p, "beta"), 1);
	assert_int_equal(content_find_domain(p, "gamma"), -1);
	fixture_free(&fx);
}

static void test_load_dir_reads_the_same_pack(void **state)
{
	(void)state;
	struct diag_list diags;
	diag_list_init(&diags);
	struct content_pack *p = content_load_dir(test_data("packs/good/"), &diags);
	assert_non_null(p);
	assert_int_equal(diags.count, 0);
	assert_int_equal(p->source_count, 4);
	/* files load in name order: flows, pack, questions, topics */
	assert_non_null(strstr(p->sources[0].path, "packs/good/flows/flow.yaml"));
	assert_null(strstr(p->root, "//"));
	content_pack_free(p);
	diag_list_free(&diags);
}

/* Links back up the tree were followed 16 levels deep: three of them were
 * 3^16 folders (over a minute). A loop is reported, as `find -L` does, and
 * every folder is read once, however many links lead to it. */
static void test_symlink_loops_are_reported(void **state)
{
	(void)state;
	char dir[] = "/tmp/mlcert-loops-XXXXXX", good[PATH_MAX], cmd[3 * PATH_MAX];
	assert_non_null(mkdtemp(dir));
	assert_non_null(realpath(test_data("packs/good"), good));
	snprintf(cmd, sizeof cmd,
		 "cp -r '%s/.' '%s' && cd '%s' && ln -s . l1 && ln -s . l2 && ln -s .. topics/up && "
		 "mkdir sub && ln -s ../topics sub/again",
		 good, dir, dir);
	assert_int_equal(system(cmd), 0);
	struct diag_list diags;
	diag_list_init(&diags);
	struct content_pack *p = content_load_dir(dir, &diags);
	assert_non_null(p);
	assert_int_equal(p->topic_count, 3); /* each file once */
	assert_int_equal(diags.errors, 4);
	size_t loops = 0, again = 0;
	for (size_t i = 0; i < diags.count; i++) {
		loops += strstr(diags.items[i].message, "a symbolic link loop: this leads back to the folder") != NULL;
		again += strstr(diags.items[i].message, "the folder topics again (a second link to it)") != NULL;
	}
	assert_int_equal(loops, 3);
	assert_int_equal(again, 1);
	content_pack_free(p);
	diag_list_free(&diags);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void test_missing_folder_is_an_io_error(void **state)
{
	(void)state;
	struct diag_list diags;
	diag_list_init(&diags);
	assert_null(content_load_dir(test_data("no-such-folder"), &diags));
	assert_int_equal(diags.errors, 1);
	assert_non_null(strstr(diags.items[0].message, "cannot read folder"));
	diag_list_free(&diags);
}

static void test_folder_without_pack_yaml(void **state)
{
	(void)state;
	struct diag_list diags;
	diag_list_init(&diags);
	assert_null(content_load_dir(test_data("broken"), &diags));
	assert_true(diags.errors >= 1);
	assert_string_equal(diags.items[diags.count - 1].message,
			    "no pack.yaml: this is not a content pack");
	diag_list_free(&diags);
}

static void test_locate_points_at_nested_nodes(void **state)
{
	(void)state;
	struct fixture_pack fx;
	fixture_load(&fx, NULL, false);
	const char *file;
	int line, col;
	struct content_topic *t = fx.pack->topics[1];
	content_locate(fx.pack, t->origin, "/resources/0/url", &file, &line, &col);
	assert_string_equal(file, "fixture/topics/topics.yaml");
	assert_int_equal(line, 26);
	assert_int_equal(col, 9);
	content_locate(fx.pack, t->origin, "/no/such/path", &file, &line, &col);
	assert_int_equal(line, 9); /* the item itself, the nearest existing ancestor */
	fixture_free(&fx);
}

int main(void)
{
	struct CMUnitTest tests[sizeof load_errors / sizeof load_errors[0] + 6];
	size_t n = 0;
	for (size_t i = 0; i < sizeof load_errors / sizeof load_errors[0]; i++)
		tests[n++] = (struct CMUnitTest){
			.name = load_errors[i].fixture,
			.test_func = test_load_error,
			.initial_state = &load_errors[i],
		};
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_good_pack_loads_every_field);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_load_dir_reads_the_same_pack);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_missing_folder_is_an_io_error);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_symlink_loops_are_reported);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_folder_without_pack_yaml);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_locate_points_at_nested_nodes);
	return _cmocka_run_group_tests("content", tests, n, NULL, NULL);
}
