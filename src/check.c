/* check — semantic validation and derivation. */
#include "mlcert/check.h"

#include "mlcert/flow.h"
#include "mlcert/scope.h"
#include "mlcert/xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_TOPIC_DEPTH = 8, MAX_CHOICES = 8, MAX_SYNOPSIS_LINES = 3 };

struct check_ctx {
	struct content_pack *pack;
	struct diag_list *diags;
	struct content_origin meta_origin;
	size_t unchecked_references; /* skipped because some file did not load */
};

static void report(struct check_ctx *c, struct content_origin origin, const char *subpath,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void report(struct check_ctx *c, struct content_origin origin, const char *subpath,
		   const char *fmt, ...)
{
	const char *file;
	int line, col;
	content_locate(c->pack, origin, subpath, &file, &line, &col);
	char message[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(message, sizeof message, fmt, ap);
	va_end(ap);
	diag_add(c->diags, DIAG_ERROR, file, line, col, "%s", message);
}

/* A reference that does not resolve. When a file failed to load, its ids are
 * missing and every reference to them would be noise: count instead. */
static void unresolved(struct check_ctx *c, struct content_origin origin, const char *subpath,
		       const char *what, const char *id)
{
	if (c->pack->failed_sources) {
		c->unchecked_references++;
		return;
	}
	report(c, origin, subpath, "%s '%s'", what, id);
}

bool check_parse_int(const char *text, int min, int max, int *out)
{
	if (!text)
		return false;
	const char *p = text;
	bool negative = *p == '-';
	if (*p == '-' || *p == '+')
		p++;
	if (!*p)
		return false;
	long value = 0;
	for (; *p; p++) {
		if (!isdigit((unsigned char)*p))
			return false;
		value = value * 10 + (*p - '0');
		if (value > 1000000000L)
			return false;
	}
	if (negative)
		value = -value;
	if (value < min || value > max)
		return false;
	*out = (int)value;
	return true;
}

bool check_parse_date(const char *text, int *year, int *month, int *day)
{
	static const int days_in[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (!text || strlen(text) != 10 || text[4] != '-' || text[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)text[i]))
			return false;
	int y = atoi(text), m = atoi(text + 5), d = atoi(text + 8);
	if (y < 1970 || m < 1 || m > 12 || d < 1 || d > days_in[m - 1])
		return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (m == 2 && d == 29 && !leap)
		return false;
	*year = y, *month = m, *day = d;
	return true;
}

int64_t check_date_seconds(int y, int m, int d)
{
	/* days from the civil date, proleptic Gregorian (Howard Hinnant's algorithm) */
	int64_t yy = y - (m <= 2), era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400, mp = (m + 9) % 12;
	int64_t doy = (153 * mp + 2) / 5 + d - 1, doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468) * 86400;
}

bool check_valid_id(const char *id)
{
	size_t n = strlen(id);
	if (n == 0 || n > 64 || id[0] == '-' || id[n - 1] == '-')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!(islower((unsigned char)id[i]) || isdigit((unsigned char)id[i]) || id[i] == '-'))
			return false;
	return true;
}

static const char *const number_words[] = {"zero", "one", "two", "three", "four",
					   "five", "six", "seven", "eight"};

static const char *number_word(unsigned n)
{
	return n < sizeof number_words / sizeof number_words[0] ? number_words[n] : "many";
}

unsigned check_stem_choose_count(const char *stem)
{
	const char *const *words = number_words;
	const unsigned word_count = sizeof number_words / sizeof number_words[0];
	/* strpbrk to the candidates first: this runs over every stem at every load */
	for (const char *p = stem; (p = strpbrk(p, "cCsS")); p++) {
		const char *rest = NULL;
		char c1 = (char)(p[1] | 0x20); /* ASCII case folded */
		if (c1 != 'h' && c1 != 'e')
			continue;
		if (strncasecmp(p, "choose ", 7) == 0)
			rest = p + 7;
		else if (strncasecmp(p, "select ", 7) == 0)
			rest = p + 7;
		if (!rest)
			continue;
		if (isdigit((unsigned char)rest[0]) && !isdigit((unsigned char)rest[1]))
			return (unsigned)(rest[0] - '0');
		for (unsigned w = 2; w < word_count; w++) {
			size_t n = strlen(words[w]);
			if (strncasecmp(rest, words[w], n) == 0 && !isalpha((unsigned char)rest[n]))
				return w;
		}
	}
	return 0;
}

static bool blank(const char *s)
{
	return !s || !s[0];
}

static bool check_date_field(struct check_ctx *c, struct content_origin o, const char *subpath,
			     const char *what, const char *text)
{
	int y, m, d;
	if (check_parse_date(text, &y, &m, &d))
		return true;
	report(c, o, subpath, "'%s' must be a date as YYYY-MM-DD, not '%s'", what, text);
	return false;
}

/* Registers an id; a taken id is an error naming both places. */
static void claim_id(struct check_ctx *c, const char *id, enum content_id_kind kind, int index,
		     struct content_origin origin, const char *subpath)
{
	if (!check_valid_id(id)) {
		report(c, origin, subpath,
		       "id '%s' must be 1-64 lowercase letters, digits and inner hyphens", id);
		return;
	}
	const struct content_id_entry *taken = content_index_add(c->pack, id, kind, index);
	if (!taken)
		return;
	struct content_origin first;
	char first_sub[64] = "/id";
	switch (taken->kind) {
	case CONTENT_ID_DOMAIN:
		first = c->meta_origin;
		snprintf(first_sub, sizeof first_sub, "/domains/%d/id", taken->index);
		break;
	case CONTENT_ID_TOPIC:
		first = c->pack->topics[taken->index]->origin;
		break;
	case CONTENT_ID_QUESTION:
		first = c->pack->questions[taken->index]->origin;
		break;
	default:
		first = c->pack->flows[taken->index]->origin;
		break;
	}
	const char *file;
	int line, col;
	content_locate(c->pack, first, first_sub, &file, &line, &col);
	report(c, origin, subpath, "duplicate id '%s': first defined at %s:%d:%d", id, file, line,
	       col);
}

static bool valid_url(const char *url);

/* "1.1": the guide's section number, a dot, the subsection number. */
static bool valid_objective_id(const char *id, unsigned section)
{
	char *end;
	errno = 0;
	unsigned long major = strtoul(id, &end, 10);
	if (end == id || *end != '.' || !isdigit((unsigned char)*id) || errno)
		return false;
	const char *minor_text = end + 1;
	unsigned long minor = strtoul(minor_text, &end, 10);
	(void)minor;
	return isdigit((unsigned char)*minor_text) && *end == '\0' && !errno &&
	       major == section;
}

/* Every domain's objectives in one array, in order; ids unique and numbered
 * by their domain's position (the guide's section number). */
static void collect_objectives(struct check_ctx *c)
{
	struct content_pack *p = c->pack;
	struct content_meta *m = p->meta;
	size_t total = 0;
	for (unsigned i = 0; i < m->domains_count; i++)
		total += m->domains[i].objectives_count;
	free(p->objectives);
	p->objectives = NULL;
	p->objective_count = 0;
	if (!total)
		return;
	p->objectives = calloc(total, sizeof *p->objectives);
	if (!p->objectives) {
		report(c, c->meta_origin, "/domains", "out of memory for %zu objectives", total);
		return;
	}
	char sub[80];
	for (unsigned d = 0; d < m->domains_count; d++) {
		for (unsigned k = 0; k < m->domains[d].objectives_count; k++) {
			struct content_objective *ob = &m->domains[d].objectives[k];
			snprintf(sub, sizeof sub, "/domains/%u/objectives/%u/id", d, k);
			if (!valid_objective_id(ob->id, d + 1)) {
				report(c, c->meta_origin, sub,
				       "objective id '%s' must be the section number %u, a dot and a "
				       "subsection number, as in '%u.1'",
				       ob->id, d + 1, d + 1);
				continue;
			}
			if (content_find_objective(p, ob->id) >= 0) {
				report(c, c->meta_origin, sub, "duplicate objective id '%s'", ob->id);
				continue;
			}
			ob->domain_index = (int)d;
			ob->index = (int)p->objective_count;
			p->objectives[p->objective_count++] = ob;
		}
	}
}

/* Resolves an item's objective ids; each must exist and belong to the item's
 * domain. When the pack declares objectives, an item of a domain that has
 * them must name at least one. */
static void resolve_objectives(struct check_ctx *c, struct content_origin o, const char *what,
			       const char *id, char **ids, unsigned count, int *index,
			       int domain_index)
{
	const struct content_pack *p = c->pack;
	char sub[64];
	for (unsigned i = 0; i < count; i++) {
		int at = content_find_objective(p, ids[i]);
		index[i] = at;
		snprintf(sub, sizeof sub, "/objectives/%u", i);
		if (at < 0) {
			report(c, o, sub, "unknown objective '%s'", ids[i]);
		} else if (domain_index >= 0 && p->objectives[at]->domain_index != domain_index) {
			report(c, o, sub, "objective '%s' belongs to domain '%s', not to this %s's '%s'",
			       ids[i], p->meta->domains[p->objectives[at]->domain_index].id, what,
			       p->meta->domains[domain_index].id);
			index[i] = -1;
		}
	}
	if (count == 0 && domain_index >= 0 && p->meta &&
	    p->meta->domains[domain_index].objectives_count > 0)
		report(c, o, "", "%s '%s' names no objective of its domain '%s'", what, id,
		       p->meta->domains[domain_index].id);
}

static void check_meta(struct check_ctx *c)
{
	struct content_meta *m = c->pack->meta;
	struct content_origin o = c->meta_origin;
	if (!check_valid_id(m->id))
		report(c, o, "/id", "pack id '%s' must be lowercase letters, digits and hyphens", m->id);
	check_date_field(c, o, "/as_of", "as_of", m->as_of);
	if (!check_parse_int(m->exam.questions_text, 1, 500, &m->exam.questions))
		report(c, o, "/exam/questions",
		       "'questions' must be a whole number from 1 to 500, not '%s'", m->exam.questions_text);
	if (!check_parse_int(m->exam.minutes_text, 1, 1440, &m->exam.minutes))
		report(c, o, "/exam/minutes", "'minutes' must be a whole number from 1 to 1440, not '%s'",
		       m->exam.minutes_text);
	if (m->domains_count == 0) {
		report(c, o, "/domains", "a pack needs at least one domain");
		return;
	}
	int sum = 0;
	bool weights_ok = true;
	char sub[64];
	for (unsigned i = 0; i < m->domains_count; i++) {
		struct content_domain *d = &m->domains[i];
		snprintf(sub, sizeof sub, "/domains/%u/id", i);
		claim_id(c, d->id, CONTENT_ID_DOMAIN, (int)i, o, sub);
		snprintf(sub, sizeof sub, "/domains/%u/weight", i);
		if (check_parse_int(d->weight_text, 0, 100, &d->weight)) {
			sum += d->weight;
		} else {
			weights_ok = false;
			report(c, o, sub, "'weight' must be a whole number from 0 to 100, not '%s'",
			       d->weight_text);
		}
	}
	if (weights_ok && sum != 100)
		report(c, o, "/domains", "domain weights add up to %d, not 100", sum);
	if (m->guide) {
		check_date_field(c, o, "/guide/date", "date", m->guide->date);
		if (!valid_url(m->guide->source))
			report(c, o, "/guide/source", "'%s' is not an http(s) URL without spaces",
			       m->guide->source);
	}
	for (unsigned i = 0; i < m->renames_count; i++) {
		snprintf(sub, sizeof sub, "/renames/%u/since", i);
		check_date_field(c, o, sub, "since", m->renames[i].since);
	}
	collect_objectives(c);
}

/* http(s), a host, no spaces or quotes: the shape of a link. */
static bool valid_url(const char *url)
{
	if (strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0)
		return false;
	const char *host = strstr(url, "://") + 3;
	if (!*host || *host == '/')
		return false;
	for (const char *p = url; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' || *p == '>' || *p == 0x7f)
			return false;
	return true;
}

/* What is copied (OSC 52) and opened ($BROWSER) is the URL's bytes, not what
 * the screen shows of them: only printable ASCII, so no C1 control, bidi
 * override or zero-width character can hide in one (non-ASCII is written
 * percent-encoded, as browsers send it). */
static bool printable_ascii(const char *s, size_t *bad)
{
	for (size_t i = 0; s[i]; i++)
		if ((unsigned char)s[i] < 0x21 || (unsigned char)s[i] > 0x7e) {
			*bad = i;
			return false;
		}
	return true;
}

static bool in_set(const char *word, const char *const set[])
{
	for (size_t i = 0; set[i]; i++)
		if (strcmp(word, set[i]) == 0)
			return true;
	return false;
}

static const char *const resource_kinds[] = {"doc", "guide", "tutorial", "video", "course", "exam",
					     "blog", "paper", "tool", "reference", NULL};
static const char *const status_states[] = {"active", "preview", "deprecated", "renamed",
					    "retired", NULL};

static unsigned count_lines(const char *text)
{
	unsigned lines = 0;
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		lines++;
		if (!nl)
			break;
		p = nl + 1;
	}
	return lines;
}

static void check_topic_fields(struct check_ctx *c, struct content_topic *t)
{
	struct content_origin o = t->origin;
	char sub[64];
	if (!blank(t->domain) && !blank(t->parent))
		report(c, o, "/parent", "topic '%s' has both 'domain' and 'parent'; give one", t->id);
	else if (blank(t->domain) && blank(t->parent))
		report(c, o, "", "topic '%s' needs 'domain' (top level) or 'parent'", t->id);
	else if (!blank(t->domain) && (t->domain_index = content_find_domain(c->pack, t->domain)) < 0)
		unresolved(c, o, "/domain", "unknown domain", t->domain);
	else if (!blank(t->parent)) {
		struct content_topic *parent = content_find_topic(c->pack, t->parent);
		if (!parent)
			unresolved(c, o, "/parent", "unknown parent topic", t->parent);
		else if (parent == t)
			report(c, o, "/parent", "topic '%s' cannot be its own parent", t->id);
		else
			t->parent_index = parent->index;
	}
	if (!blank(t->synopsis) && count_lines(t->synopsis) > MAX_SYNOPSIS_LINES)
		report(c, o, "/synopsis", "the synopsis has %u lines; keep it to %d",
		       count_lines(t->synopsis), MAX_SYNOPSIS_LINES);
	for (unsigned i = 0; i < t->see_also_count; i++) {
		snprintf(sub, sizeof sub, "/see_also/%u", i);
		const struct content_topic *other = content_find_topic(c->pack, t->see_also[i]);
		if (!other)
			unresolved(c, o, sub, "see_also names unknown topic", t->see_also[i]);
		else if (other == t)
			report(c, o, sub, "topic '%s' lists itself in see_also", t->id);
	}
	for (unsigned i = 0; i < t->resources_count; i++) {
		const struct content_resource *r = &t->resources[i];
		size_t bad, len = strlen(r->url);
		snprintf(sub, sizeof sub, "/resources/%u/url", i);
		if (!printable_ascii(r->url, &bad) && (unsigned char)r->url[bad] >= 0x80)
			report(c, o, sub,
			       "a URL must be printable ASCII: byte %zu is 0x%02X (percent-encode other characters, "
			       "e.g. %%E2%%80%%8B)",
			       bad + 1, (unsigned)(unsigned char)r->url[bad]);
		else if (!valid_url(r->url))
			report(c, o, sub, "'%s' is not an http(s) URL without spaces", r->url);
		else if (len > CHECK_URL_MAX)
			report(c, o, sub, "a URL must be at most %d bytes, not %zu", CHECK_URL_MAX, len);
		if (!in_set(r->kind, resource_kinds)) {
			snprintf(sub, sizeof sub, "/resources/%u/kind", i);
			report(c, o, sub,
			       "unknown resource kind '%s' (doc, guide, tutorial, video, course, exam, "
			       "blog, paper, tool, reference)",
			       r->kind);
		}
	}
	if (t->status) {
		const struct content_status *s = t->status;
		if (!in_set(s->state, status_states))
			report(c, o, "/status/state",
			       "unknown status '%s' (active, preview, deprecated, renamed, retired)",
			       s->state);
		if (!blank(s->since))
			check_date_field(c, o, "/status/since", "since", s->since);
		else if (strcmp(s->state, "active") != 0)
			report(c, o, "/status", "a '%s' status needs 'since', the date it took effect",
			       s->state);
		if (!blank(s->replaced_by) && !content_find_topic(c->pack, s->replaced_by))
			unresolved(c, o, "/status/replaced_by", "unknown topic", s->replaced_by);
	}
	check_date_field(c, o, "/as_of", "as_of", t->as_of);
}

/* Walks parent links to the domain; a loop or an over-deep chain is an error. */
static void resolve_topic_tree(struct check_ctx *c)
{
	struct content_pack *p = c->pack;
	for (size_t i = 0; i < p->topic_count; i++) {
		struct content_topic *t = p->topics[i];
		if (t->parent_index < 0)
			continue;
		struct content_topic *walk = t;
		int depth = 0;
		while (walk->parent_index >= 0 && depth <= MAX_TOPIC_DEPTH) {
			walk = p->topics[walk->parent_index];
			depth++;
			if (walk == t)
				break;
		}
		if (walk == t || depth > MAX_TOPIC_DEPTH) {
			report(c, t->origin, "/parent",
			       walk == t ? "topic '%s' is its own ancestor through 'parent'"
					 : "topic '%s' is nested deeper than 8 levels",
			       t->id);
			t->parent_index = -1;
			t->domain_index = -1;
			continue;
		}
		t->depth = depth;
		t->domain_index = walk->domain_index;
		p->topics[t->parent_index]->has_children = true;
	}
}

static void check_question(struct check_ctx *c, struct content_question *q)
{
	struct content_origin o = q->origin;
	char sub[64];
	if ((q->domain_index = content_find_domain(c->pack, q->domain)) < 0)
		unresolved(c, o, "/domain", "unknown domain", q->domain);
	if (q->topics_count == 0)
		report(c, o, "/topics", "question '%s' must name at least one topic", q->id);
	for (unsigned i = 0; i < q->topics_count; i++) {
		const struct content_topic *t = content_find_topic(c->pack, q->topics[i]);
		q->topic_index[i] = t ? t->index : -1; /* resolved once here, for everyone after */
		if (!t) {
			snprintf(sub, sizeof sub, "/topics/%u", i);
			unresolved(c, o, sub, "unknown topic", q->topics[i]);
		}
	}
	if (q->choices_count < 2 || q->choices_count > MAX_CHOICES)
		report(c, o, "/choices", "question '%s' has %u choice%s; give 2 to %d", q->id,
		       q->choices_count, q->choices_count == 1 ? "" : "s", MAX_CHOICES);
	q->correct = (struct choice_set){0};
	bool bad_correct = false;
	for (unsigned i = 0; i < q->choices_count; i++) {
		struct content_choice *ch = &q->choices[i];
		if (ch->correct_text) {
			if (strcmp(ch->correct_text, "true") == 0) {
				q->correct = choice_set_with(q->correct, i);
			} else if (strcmp(ch->correct_text, "false") != 0) {
				snprintf(sub, sizeof sub, "/choices/%u/correct", i);
				report(c, o, sub, "'correct' must be true or false, not '%s'",
				       ch->correct_text);
				bad_correct = true;
			}
		}
		for (unsigned j = 0; j < i; j++) {
			if (strcmp(q->choices[j].text, ch->text) == 0) {
				snprintf(sub, sizeof sub, "/choices/%u/text", i);
				report(c, o, sub, "choice %c repeats choice %c", 'a' + i, 'a' + j);
			}
		}
	}
	unsigned correct = choice_set_count(q->correct);
	q->type = correct > 1 ? QUESTION_MULTIPLE : QUESTION_SINGLE;
	if (q->choices_count >= 2 && correct == 0 && !bad_correct)
		report(c, o, "/choices", "question '%s' has no correct choice", q->id);
	unsigned asked = check_stem_choose_count(q->stem);
	if (q->type == QUESTION_MULTIPLE && asked != correct)
		report(c, o, "/stem",
		       "question '%s' has %u correct choices, so its stem must say \"(Choose %s.)\"",
		       q->id, correct, number_word(correct));
	else if (correct == 1 && asked > 1)
		report(c, o, "/stem", "the stem asks for %u choices but only one is correct", asked);
	if (q->as_of)
		check_date_field(c, o, "/as_of", "as_of", q->as_of);
}

static int flow_node_index(const struct content_flow *f, const char *id)
{
	for (unsigned i = 0; i < f->nodes_count; i++)
		if (strcmp(f->nodes[i].id, id) == 0)
			return (int)i;
	return -1;
}

enum { NODE_UNSEEN, NODE_ON_PATH, NODE_DONE };

/* Depth-first from the start: marks reachable nodes and reports a loop,
 * since a path through a loop never reaches a result. Iterative, so a
 * hostile flow cannot exhaust the stack. */
static bool walk_flow(struct check_ctx *c, struct content_flow *f, unsigned char *state, int *post,
		      size_t *post_count)
{
	struct frame {
		int node;
		unsigned option;
	} *stack = xcalloc(f->nodes_count, sizeof *stack);
	size_t depth = 0;
	stack[depth++] = (struct frame){f->start_index, 0};
	state[f->start_index] = NODE_ON_PATH;
	bool looped = false;
	while (depth > 0) {
		struct frame *top = &stack[depth - 1];
		const struct content_flow_node *n = &f->nodes[top->node];
		if (top->option >= n->options_count) {
			state[top->node] = NODE_DONE;
			post[(*post_count)++] = top->node; /* children before parents */
			depth--;
			continue;
		}
		unsigned oi = top->option++;
		int next = n->options[oi].next_index;
		if (next < 0)
			continue;
		if (state[next] == NODE_ON_PATH && !looped) {
			char sub[64];
			snprintf(sub, sizeof sub, "/nodes/%d/options/%u/next", top->node, oi);
			report(c, f->origin, sub,
			       "flow '%s' loops back to '%s' here, so this path never reaches a result",
			       f->id, f->nodes[next].id);
			looped = true;
		} else if (state[next] == NODE_UNSEEN) {
			state[next] = NODE_ON_PATH;
			stack[depth++] = (struct frame){next, 0};
		}
	}
	free(stack);
	return !looped;
}

static void check_flow(struct check_ctx *c, struct content_flow *f)
{
	struct content_origin o = f->origin;
	char sub[80];
	if (f->nodes_count == 0) {
		report(c, o, "/nodes", "flow '%s' has no nodes", f->id);
		return;
	}
	for (unsigned i = 0; i < f->nodes_count; i++) {
		struct content_flow_node *n = &f->nodes[i];
		n->topic_index = -1;
		snprintf(sub, sizeof sub, "/nodes/%u/id", i);
		if (!check_valid_id(n->id))
			report(c, o, sub, "node id '%s' must be lowercase letters, digits and hyphens",
			       n->id);
		else if (flow_node_index(f, n->id) != (int)i)
			report(c, o, sub, "node id '%s' is used twice in flow '%s'", n->id, f->id);
		bool asks = !blank(n->ask) || n->options_count > 0;
		bool concludes = !blank(n->result) || !blank(n->topic);
		snprintf(sub, sizeof sub, "/nodes/%u", i);
		if (asks && concludes)
			report(c, o, sub, "node '%s' both asks and concludes; split it", n->id);
		else if (!asks && !concludes)
			report(c, o, sub, "node '%s' needs 'ask' with 'options', or 'result' with 'topic'",
			       n->id);
		else if (asks && (blank(n->ask) || n->options_count < 2))
			report(c, o, sub, "node '%s' needs 'ask' and at least two options", n->id);
		else if (concludes && (blank(n->result) || blank(n->topic)))
			report(c, o, sub, "result node '%s' needs both 'result' and 'topic'", n->id);
		if (!blank(n->topic)) {
			const struct content_topic *t = content_find_topic(c->pack, n->topic);
			snprintf(sub, sizeof sub, "/nodes/%u/topic", i);
			if (t)
				n->topic_index = t->index;
			else
				unresolved(c, o, sub, "unknown topic", n->topic);
		}
		for (unsigned j = 0; j < n->options_count; j++) {
			struct content_flow_option *opt = &n->options[j];
			opt->next_index = flow_node_index(f, opt->next);
			if (opt->next_index < 0) {
				snprintf(sub, sizeof sub, "/nodes/%u/options/%u/next", i, j);
				report(c, o, sub, "unknown node '%s' in flow '%s'", opt->next, f->id);
			}
		}
	}
	f->start_index = flow_node_index(f, f->start);
	if (f->start_index < 0) {
		report(c, o, "/start", "flow '%s' starts at unknown node '%s'", f->id, f->start);
		return;
	}
	unsigned char *state = xcalloc(f->nodes_count, 1);
	int *post = xcalloc(f->nodes_count, sizeof *post), *steps = xcalloc(f->nodes_count, sizeof *steps);
	size_t post_count = 0;
	if (walk_flow(c, f, state, post, &post_count)) {
		/* The wizard keeps the path it walked: the longest one must fit. */
		for (size_t k = 0; k < post_count; k++) {
			const struct content_flow_node *n = &f->nodes[post[k]];
			for (unsigned j = 0; j < n->options_count; j++)
				if (n->options[j].next_index >= 0 && steps[n->options[j].next_index] + 1 > steps[post[k]])
					steps[post[k]] = steps[n->options[j].next_index] + 1;
		}
		if (steps[f->start_index] >= FLOW_MAX_DEPTH)
			report(c, o, "/start", "flow '%s' asks up to %d questions in a row; keep it to %d at most",
			       f->id, steps[f->start_index], FLOW_MAX_DEPTH - 1);
	}
	free(post);
	free(steps);
	for (unsigned i = 0; i < f->nodes_count; i++) {
		if (state[i] == NODE_UNSEEN) {
			snprintf(sub, sizeof sub, "/nodes/%u", i);
			report(c, o, sub, "node '%s' cannot be reached from the start '%s'",
			       f->nodes[i].id, f->start);
		}
	}
	free(state);
}

static void resolve_all_objectives(struct check_ctx *c)
{
	struct content_pack *p = c->pack;
	if (!p->meta) /* pack.yaml did not load: its objectives are unknown, not missing */
		return;
	size_t links = 0;
	for (size_t i = 0; i < p->topic_count; i++)
		links += p->topics[i]->objectives_count;
	for (size_t i = 0; i < p->question_count; i++)
		links += p->questions[i]->objectives_count;
	free(p->objective_links);
	p->objective_links = malloc((links ? links : 1) * sizeof *p->objective_links);
	if (!p->objective_links) {
		report(c, c->meta_origin, "", "out of memory for %zu objective references", links);
		return;
	}
	int *at = p->objective_links;
	for (size_t i = 0; i < p->topic_count; i++) {
		struct content_topic *t = p->topics[i];
		t->objective_index = at;
		at += t->objectives_count;
		resolve_objectives(c, t->origin, "topic", t->id, t->objectives, t->objectives_count,
				   t->objective_index, t->domain_index);
	}
	for (size_t i = 0; i < p->question_count; i++) {
		struct content_question *q = p->questions[i];
		q->objective_index = at;
		at += q->objectives_count;
		resolve_objectives(c, q->origin, "question", q->id, q->objectives,
				   q->objectives_count, q->objective_index, q->domain_index);
	}
}

bool check_pack(struct content_pack *pack, struct diag_list *diags)
{
	size_t errors_before = diags->errors;
	struct check_ctx c = {.pack = pack, .diags = diags};
	for (size_t i = 0; i < pack->source_count; i++)
		if (pack->sources[i].is_meta)
			c.meta_origin = (struct content_origin){(unsigned)i, 0, CONTENT_KIND_PACK};

	if (pack->meta)
		check_meta(&c);
	/* Every id first, so references can point forwards and across files. */
	for (size_t i = 0; i < pack->topic_count; i++)
		claim_id(&c, pack->topics[i]->id, CONTENT_ID_TOPIC, (int)i, pack->topics[i]->origin,
			 "/id");
	for (size_t i = 0; i < pack->question_count; i++)
		claim_id(&c, pack->questions[i]->id, CONTENT_ID_QUESTION, (int)i,
			 pack->questions[i]->origin, "/id");
	for (size_t i = 0; i < pack->flow_count; i++)
		claim_id(&c, pack->flows[i]->id, CONTENT_ID_FLOW, (int)i, pack->flows[i]->origin, "/id");

	for (size_t i = 0; i < pack->topic_count; i++)
		check_topic_fields(&c, pack->topics[i]);
	resolve_topic_tree(&c);
	size_t links = 0;
	for (size_t i = 0; i < pack->question_count; i++)
		links += pack->questions[i]->topics_count;
	free(pack->question_topics);
	pack->question_topics = xcalloc(links, sizeof *pack->question_topics);
	for (size_t i = 0, at = 0; i < pack->question_count; i++) {
		pack->questions[i]->topic_index = pack->question_topics + at;
		at += pack->questions[i]->topics_count;
		check_question(&c, pack->questions[i]);
	}
	resolve_all_objectives(&c);
	scope_index(pack);
	for (size_t i = 0; i < pack->flow_count; i++)
		check_flow(&c, pack->flows[i]);
	if (c.unchecked_references)
		diag_add(diags, DIAG_WARNING, pack->root, 0, 0,
			 "%zu references were not checked because %zu files did not load",
			 c.unchecked_references, pack->failed_sources);
	return diags->errors == errors_before;
}
