/* cues — item-writing cues in a pack's questions. */
#include "mlcert/cues.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "mlcert/choice.h"

enum { MAX_CHOICES = 8, MAX_STEM_WORDS = 256, WORD_MAX = 32, MIN_STEM_WORD = 5 };

/* A key this much longer than the mean distractor, and the longest, is a cue
 * in itself. */
#define QUESTION_LENGTH_RATIO 1.5

static size_t char_count(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

struct lengths {
	double key_mean, distractor_mean;
	size_t key_min, key_max, distractor_max;
	unsigned keys, distractors;
	size_t longest_count; /* choices as long as the longest */
};

static bool measure_question(const struct content_question *q, struct lengths *m)
{
	*m = (struct lengths){.key_min = (size_t)-1};
	size_t key_sum = 0, distractor_sum = 0, longest = 0;
	for (unsigned i = 0; i < q->choices_count; i++) {
		size_t len = char_count(q->choices[i].text);
		if (len > longest) {
			longest = len;
			m->longest_count = 0;
		}
		m->longest_count += len == longest;
		if (choice_set_has(q->correct, i)) {
			m->keys++;
			key_sum += len;
			if (len < m->key_min)
				m->key_min = len;
			if (len > m->key_max)
				m->key_max = len;
		} else {
			m->distractors++;
			distractor_sum += len;
			if (len > m->distractor_max)
				m->distractor_max = len;
		}
	}
	if (!m->keys || !m->distractors || !distractor_sum)
		return false;
	m->key_mean = (double)key_sum / m->keys;
	m->distractor_mean = (double)distractor_sum / m->distractors;
	return true;
}

/* Single answer: the key strictly the longest. Several: every key longer
 * than every distractor. */
static bool keys_are_longest(const struct lengths *m)
{
	if (m->keys == 1)
		return m->key_max > m->distractor_max;
	return m->key_min > m->distractor_max;
}

void cues_measure(const struct content_pack *pack, struct cue_figures *f)
{
	*f = (struct cue_figures){0};
	double ratio_sum = 0;
	for (size_t i = 0; i < pack->question_count; i++) {
		struct lengths m;
		if (!measure_question(pack->questions[i], &m))
			continue;
		f->measured++;
		ratio_sum += m.key_mean / m.distractor_mean;
		if (m.keys == 1) {
			f->single++;
			f->key_longest += keys_are_longest(&m);
		} else {
			f->multiple++;
			f->keys_longest += keys_are_longest(&m);
		}
	}
	f->mean_ratio = f->measured ? ratio_sum / (double)f->measured : 0;
}

bool cues_within_limits(const struct cue_figures *f)
{
	if (f->single >= CUES_MIN_SAMPLE &&
	    (double)f->key_longest > CUES_MAX_KEY_LONGEST * (double)f->single)
		return false;
	if (f->multiple >= CUES_MIN_SAMPLE &&
	    (double)f->keys_longest > CUES_MAX_KEYS_LONGEST * (double)f->multiple)
		return false;
	if (f->measured >= CUES_MIN_SAMPLE && f->mean_ratio > CUES_MAX_LENGTH_RATIO)
		return false;
	return true;
}

/* ---- words ------------------------------------------------------------ */

/* Words too common in scenarios to say anything when a choice repeats them. */
static const char *const common_words[] = {
	"about", "after", "allow", "based", "before", "being", "their", "there", "these",
	"those", "which", "while", "where", "should", "would", "could", "other", "using",
	"every", "without", "within", "model", "models", "data", "google", "cloud", "needs",
	"wants", "team", "teams", "company", "what", "that", "this", "with", "from", "your",
	"have", "into", "than", "them", "they", "will", "must", "each", NULL};

static bool common(const char *word)
{
	for (size_t i = 0; common_words[i]; i++)
		if (strcmp(word, common_words[i]) == 0)
			return true;
	return false;
}

/* Calls fn for each lowercase ASCII word of text; stops when fn says so. */
static void each_word(const char *text, bool (*fn)(const char *word, void *ctx), void *ctx)
{
	char word[WORD_MAX];
	size_t len = 0;
	for (const char *p = text;; p++) {
		if (*p && (isalnum((unsigned char)*p) || *p == '-') && !((unsigned char)*p & 0x80)) {
			if (len + 1 < sizeof word)
				word[len++] = (char)tolower((unsigned char)*p);
			continue;
		}
		if (len) {
			word[len] = '\0';
			len = 0;
			if (!fn(word, ctx))
				return;
		}
		if (!*p)
			return;
	}
}

struct stem_words {
	char words[MAX_STEM_WORDS][WORD_MAX];
	size_t count;
};

static bool add_stem_word(const char *word, void *ctx)
{
	struct stem_words *sw = ctx;
	if (strlen(word) < MIN_STEM_WORD || common(word))
		return true;
	for (size_t i = 0; i < sw->count; i++)
		if (strcmp(sw->words[i], word) == 0)
			return true;
	if (sw->count == MAX_STEM_WORDS)
		return false;
	memcpy(sw->words[sw->count++], word, strlen(word) + 1);
	return true;
}

struct echo_count {
	const struct stem_words *stem;
	unsigned char seen[MAX_STEM_WORDS];
	size_t count;
};

static bool count_echo(const char *word, void *ctx)
{
	struct echo_count *e = ctx;
	for (size_t i = 0; i < e->stem->count; i++) {
		if (!e->seen[i] && strcmp(e->stem->words[i], word) == 0) {
			e->seen[i] = 1;
			e->count++;
		}
	}
	return true;
}

static size_t stem_echoes(const struct stem_words *stem, const char *choice)
{
	struct echo_count e = {.stem = stem};
	each_word(choice, count_echo, &e);
	return e.count;
}

static const char *const absolute_words[] = {"always",     "never",      "guarantee",
					     "guarantees", "guaranteed", "completely",
					     "entirely",   "impossible", NULL};

static bool find_absolute(const char *word, void *ctx)
{
	for (size_t i = 0; absolute_words[i]; i++) {
		if (strcmp(word, absolute_words[i]) == 0) {
			*(bool *)ctx = true;
			return false;
		}
	}
	return true;
}

static bool has_absolute(const char *text)
{
	bool found = false;
	each_word(text, find_absolute, &found);
	return found;
}

static bool contains_name(const char *text, const char *name)
{
	size_t n = strlen(name);
	if (!n)
		return false;
	for (const char *p = text; *p; p++)
		if (strncasecmp(p, name, n) == 0)
			return true;
	return false;
}

/* Whether text names a product by its current name, or (old) by a former one. */
static bool names_product(const struct content_meta *meta, const char *text, bool old)
{
	for (unsigned i = 0; meta && i < meta->renames_count; i++)
		if (contains_name(text, old ? meta->renames[i].old_name
					    : meta->renames[i].current_name))
			return true;
	return false;
}

/* ---- per question ----------------------------------------------------- */

static void warn(struct content_pack *pack, struct diag_list *diags,
		 const struct content_question *q, const char *subpath, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void warn(struct content_pack *pack, struct diag_list *diags,
		 const struct content_question *q, const char *subpath, const char *fmt, ...)
{
	const char *file;
	int line, col;
	content_locate(pack, q->origin, subpath, &file, &line, &col);
	char message[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(message, sizeof message, fmt, ap);
	va_end(ap);
	diag_add(diags, DIAG_WARNING, file, line, col, "%s", message);
}

static int first_key(const struct content_question *q)
{
	for (unsigned i = 0; i < q->choices_count; i++)
		if (choice_set_has(q->correct, i))
			return (int)i;
	return 0;
}

static void check_question_cues(struct content_pack *pack, const struct content_question *q,
				struct diag_list *diags)
{
	struct lengths m;
	if (q->choices_count > MAX_CHOICES || !measure_question(q, &m))
		return;
	char sub[64];
	snprintf(sub, sizeof sub, "/choices/%d/text", first_key(q));
	double ratio = m.key_mean / m.distractor_mean;
	if (keys_are_longest(&m) && ratio >= QUESTION_LENGTH_RATIO)
		warn(pack, diags, q, sub,
		     "cue: %s the longest, %.1fx the distractors' mean length; a test-wise guess "
		     "picks %s",
		     m.keys == 1 ? "the key is" : "the keys are", ratio, m.keys == 1 ? "it" : "them");

	struct stem_words stem;
	stem.count = 0;
	each_word(q->stem, add_stem_word, &stem);
	size_t key_echo = 0, distractor_echo = 0;
	unsigned key_absolute = 0, distractor_absolute = 0;
	bool key_current = false, distractor_current = false, distractor_old = false;
	for (unsigned i = 0; i < q->choices_count; i++) {
		const struct content_choice *ch = &q->choices[i];
		size_t echo = stem_echoes(&stem, ch->text);
		bool absolute = has_absolute(ch->text);
		bool current = names_product(pack->meta, ch->text, false);
		if (choice_set_has(q->correct, i)) {
			if (echo > key_echo)
				key_echo = echo;
			key_absolute += absolute;
			key_current |= current;
		} else {
			distractor_echo += echo;
			distractor_absolute += absolute;
			distractor_current |= current;
			distractor_old |= names_product(pack->meta, ch->text, true);
		}
	}
	if (key_echo >= 2 && distractor_echo == 0)
		warn(pack, diags, q, sub,
		     "cue: only the key repeats the stem's words (%zu of them); give distractors the "
		     "scenario's terms too",
		     key_echo);
	if (distractor_absolute >= 2 && key_absolute == 0)
		warn(pack, diags, q, "/choices",
		     "cue: %u distractors use absolute words (always, never, guarantees, ...) and the "
		     "key none",
		     distractor_absolute);
	if (key_current && !distractor_current && distractor_old)
		warn(pack, diags, q, sub,
		     "cue: only the key uses a product's current name while a distractor uses a "
		     "former one; name products the same way in every choice");
}

void cues_check(struct content_pack *pack, const struct cue_figures *f, struct diag_list *diags)
{
	for (size_t i = 0; i < pack->question_count; i++)
		check_question_cues(pack, pack->questions[i], diags);
	if (cues_within_limits(f))
		return;
	diag_add(diags, DIAG_WARNING, pack->root, 0, 0,
		 "cue: the key is the longest choice in %zu of %zu single-answer questions (limit "
		 "%.0f%%), the keys are the k longest in %zu of %zu multiple-select (limit %.0f%%), "
		 "mean key/distractor length %.2f (limit %.2f)",
		 f->key_longest, f->single, 100 * CUES_MAX_KEY_LONGEST, f->keys_longest, f->multiple,
		 100 * CUES_MAX_KEYS_LONGEST, f->mean_ratio, CUES_MAX_LENGTH_RATIO);
}
