/* app_resume — where the learner is, as resume entries (resume.h), and
 * back there at the next start. Places are kept by id, not index, so a pack
 * edited in between still restores every place it still has. */
#include <stdio.h>
#include <string.h>

#include "mlcert/app_internal.h"
#include "mlcert/resume.h"

static void add_place(struct resume *r, const struct app *app, const char *what, struct app_place place,
		      int64_t value)
{
	char key[RESUME_KEY_MAX + 1];
	if (place.index < 0 || (place.kind != APP_NODE_DOMAIN && place.kind != APP_NODE_TOPIC))
		return;
	bool topic = place.kind == APP_NODE_TOPIC;
	snprintf(key, sizeof key, "%s-%s", what, topic ? "topic" : "domain");
	resume_add(r, key, topic ? app->pack->topics[place.index]->id : app->pack->meta->domains[place.index].id,
		   value);
}

void app_resume_save(const struct app *app, struct resume *r)
{
	const struct content_pack *pack = app->pack;
	resume_add(r, "focus", "-", app->focus);
	resume_add(r, "full-width", "-", app->reader.full_width);
	for (unsigned d = 0; d < pack->meta->domains_count; d++)
		add_place(r, app, "open", (struct app_place){APP_NODE_DOMAIN, (int)d, 0}, app->tree.domain_open[d]);
	for (size_t t = 0; t < pack->topic_count; t++)
		if (pack->topics[t]->has_children)
			add_place(r, app, "open", (struct app_place){APP_NODE_TOPIC, (int)t, 0}, app->tree.topic_open[t]);
	if (app->tree.row_count) {
		const struct app_tree_row *row = &app->tree.rows[app->tree.list.cursor];
		add_place(r, app, "tree", (struct app_place){row->kind, row->index, 0}, 0);
	}
	add_place(r, app, "reader", app->reader.shown, (int64_t)app->reader.top);
	/* the question each topic and domain was at; the one on screen now too */
	for (unsigned d = 0; d < pack->meta->domains_count; d++)
		if (app->quiz.domain_pos[d])
			add_place(r, app, "at", (struct app_place){APP_NODE_DOMAIN, (int)d, 0},
				  (int64_t)app->quiz.domain_pos[d] - 1);
	for (size_t t = 0; t < pack->topic_count; t++)
		if (app->quiz.topic_pos[t])
			add_place(r, app, "at", (struct app_place){APP_NODE_TOPIC, (int)t, 0},
				  (int64_t)app->quiz.topic_pos[t] - 1);
	if (app->quiz.count)
		add_place(r, app, "at", app->quiz.scope, (int64_t)app->quiz.pos);
}

/* The place an entry names: a domain for KEY-domain, a topic for KEY-topic. */
static bool place_of(const struct app *app, const struct resume_entry *e, struct app_place *place)
{
	const char *dash = strrchr(e->key, '-');
	if (!dash)
		return false;
	if (strcmp(dash, "-topic") == 0) {
		const struct content_topic *t = content_find_topic(app->pack, e->id);
		*place = (struct app_place){APP_NODE_TOPIC, t ? t->index : -1, 0};
	} else if (strcmp(dash, "-domain") == 0) {
		*place = (struct app_place){APP_NODE_DOMAIN, content_find_domain(app->pack, e->id), 0};
	} else {
		return false;
	}
	return place->index >= 0;
}

static bool key_is(const struct resume_entry *e, const char *what)
{
	size_t n = strlen(what);
	return strncmp(e->key, what, n) == 0 && e->key[n] == '-';
}

void app_resume_apply(struct app *app, const struct resume *r)
{
	struct app_place tree = {APP_NODE_DOMAIN, -1, 0}, reader = tree;
	size_t reader_top = 0;
	for (size_t i = 0; i < r->count; i++) {
		const struct resume_entry *e = &r->entries[i];
		struct app_place p;
		if (!place_of(app, e, &p))
			continue;
		size_t at = e->value > 0 ? (size_t)e->value : 0;
		if (key_is(e, "open") && p.kind == APP_NODE_DOMAIN)
			app->tree.domain_open[p.index] = e->value != 0;
		else if (key_is(e, "open"))
			app->tree.topic_open[p.index] = e->value != 0;
		else if (key_is(e, "tree"))
			tree = p;
		else if (key_is(e, "reader")) {
			reader = p;
			reader_top = at;
		} else if (key_is(e, "at"))
			*(p.kind == APP_NODE_TOPIC ? &app->quiz.topic_pos[p.index] : &app->quiz.domain_pos[p.index]) = at + 1;
	}
	app_tree_rebuild(app);
	/* the quiz goes to the tree's node afresh, at the question it was at */
	app->quiz.scope = (struct app_place){APP_NODE_DOMAIN, -1, 0};
	if (tree.index >= 0)
		app_tree_select(app, tree.kind, tree.index);
	else
		app_tree_follow(app);
	/* from the top, as far down as the cursor needs once the tree's height is known */
	app->tree.list.top = 0;
	if (reader.index >= 0) {
		app_reader_show(app, reader.kind, reader.index, false);
		app->reader.top = reader_top; /* within the page once the geometry is known */
	}
	const struct resume_entry *focus = resume_find(r, "focus"), *full = resume_find(r, "full-width");
	if (focus && focus->value >= 0 && focus->value < APP_FOCUS_COUNT && app->view == APP_VIEW_MAIN)
		app->focus = (enum app_focus)focus->value;
	if (full && app->view == APP_VIEW_MAIN)
		app->reader.full_width = full->value != 0;
}
