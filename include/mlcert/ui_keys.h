/* ui_keys — the default key bindings: which key means which action where.
 * The help screen and the hint bar are generated from this table and the
 * action list, so neither can drift from what the keys do. */
#ifndef MLCERT_UI_KEYS_H
#define MLCERT_UI_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "mlcert/action.h"

/* Where a binding applies. A focused pane's own bindings win over ANY. */
enum keys_context {
	KEYS_ANY,
	KEYS_TREE,
	KEYS_READER,
	KEYS_QUIZ,
	KEYS_CHOICES, /* choosing an answer: the quiz panel and the mock exam share these */
	KEYS_DASHBOARD,
	KEYS_EXAM,
	KEYS_EXAM_AROUND, /* the exam's screens with no question to answer: start, resume, report, review, history */
	KEYS_PROMPT,
	KEYS_WIZARD,
	KEYS_HELP,
	KEYS_CONTEXT_COUNT
};

struct keys_binding {
	enum keys_context context;
	int key;            /* a character or a curses KEY_ code */
	enum action action;
	int arg;            /* e.g. the choice index */
	const char *label;  /* how help shows it; NULL: shown with the binding before it */
};

/* The action for key in context (then in ANY); ACTION_NONE when unbound. */
enum action keys_lookup(enum keys_context context, int key, int *arg);

/* Context names for the help screen. */
const char *keys_context_title(enum keys_context context);

/* The help, generated from the bindings and the action list, section by
 * section: visit(ctx, NULL, title) for a section, then visit(ctx, keys,
 * text) for each of its entries, the text without the section's name. The
 * help screen (as the app's help function) and `mlcert keys` read this. */
void keys_help(void (*visit)(void *ctx, const char *keys, const char *text), void *ctx);

/* The labels of the keys bound to action in context, joined ("j Down"). */
void keys_labels(enum keys_context context, enum action action, char *buf, size_t size);

/* The first label for action in context or a context it falls back to
 * ("a-h" for choosing in the mock exam): how the hint bar names a key. */
void keys_label(enum keys_context context, enum action action, char *buf, size_t size);

/* The names of the keys that do action (with arg, unless arg < 0) in
 * context, space-separated in binding order ("Backspace Left u"): from the
 * first of context, the contexts it falls back to, and then any other, that
 * binds it. A key is named by its character, else by its label. */
void keys_names(enum keys_context context, enum action action, int arg, char *buf, size_t size);

#endif
