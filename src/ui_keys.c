/* ui_keys — the default bindings. */
#include "mlcert/ui_keys.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define CTRL(c) ((c) & 0x1f)

static const struct keys_binding bindings[] = {
	{KEYS_ANY, 'j', ACTION_MOVE_DOWN, 0, "j"},
	{KEYS_ANY, KEY_DOWN, ACTION_MOVE_DOWN, 0, "Down"},
	{KEYS_ANY, 'k', ACTION_MOVE_UP, 0, "k"},
	{KEYS_ANY, KEY_UP, ACTION_MOVE_UP, 0, "Up"},
	{KEYS_ANY, KEY_NPAGE, ACTION_PAGE_DOWN, 0, "PgDn"},
	{KEYS_ANY, ' ', ACTION_PAGE_DOWN, 0, "Space"},
	{KEYS_ANY, KEY_PPAGE, ACTION_PAGE_UP, 0, "PgUp"},
	{KEYS_ANY, 'b', ACTION_PAGE_UP, 0, "b"},
	{KEYS_ANY, CTRL('f'), ACTION_PAGE_DOWN, 0, "Ctrl-F"},
	{KEYS_ANY, CTRL('b'), ACTION_PAGE_UP, 0, "Ctrl-B"},
	{KEYS_ANY, CTRL('d'), ACTION_HALF_PAGE_DOWN, 0, "Ctrl-D"},
	{KEYS_ANY, CTRL('u'), ACTION_HALF_PAGE_UP, 0, "Ctrl-U"},
	{KEYS_ANY, 'g', ACTION_TOP, 0, "g"},
	{KEYS_ANY, KEY_HOME, ACTION_TOP, 0, "Home"},
	{KEYS_ANY, 'G', ACTION_BOTTOM, 0, "G"},
	{KEYS_ANY, KEY_END, ACTION_BOTTOM, 0, "End"},
	{KEYS_ANY, '\n', ACTION_OPEN, 0, "Enter"},
	{KEYS_ANY, '\r', ACTION_OPEN, 0, NULL},
	{KEYS_ANY, KEY_ENTER, ACTION_OPEN, 0, NULL},
	{KEYS_ANY, '\t', ACTION_FOCUS_NEXT, 0, "Tab"},
	{KEYS_ANY, KEY_BTAB, ACTION_FOCUS_PREV, 0, "Shift-Tab"},
	{KEYS_ANY, 'f', ACTION_FULL_WIDTH, 0, "f"},
	{KEYS_ANY, 'D', ACTION_DASHBOARD, 0, "D"},
	{KEYS_ANY, 'R', ACTION_REVIEW, 0, "R"},
	{KEYS_ANY, 'C', ACTION_CUSTOM_STUDY, 0, "C"},
	{KEYS_ANY, 'X', ACTION_EXAM, 0, "X"},
	{KEYS_ANY, 'W', ACTION_WIZARD, 0, "W"},
	{KEYS_ANY, '/', ACTION_SEARCH, 0, "/"},
	{KEYS_ANY, 'B', ACTION_BOOKMARK, 0, "B"},
	{KEYS_ANY, 'L', ACTION_BOOKMARKS, 0, "L"},
	{KEYS_ANY, 'E', ACTION_EDIT_NOTE, 0, "E"},
	{KEYS_ANY, '?', ACTION_HELP, 0, "?"},
	{KEYS_ANY, KEY_F(1), ACTION_HELP, 0, "F1"},
	{KEYS_ANY, 27, ACTION_CLOSE, 0, "Esc"},
	{KEYS_ANY, 'q', ACTION_QUIT, 0, "q"},
	{KEYS_ANY, CTRL('l'), ACTION_REDRAW, 0, "Ctrl-L"},

	{KEYS_TREE, 'l', ACTION_EXPAND, 0, "l"},
	{KEYS_TREE, KEY_RIGHT, ACTION_EXPAND, 0, "Right"},
	{KEYS_TREE, 'h', ACTION_COLLAPSE, 0, "h"},
	{KEYS_TREE, KEY_LEFT, ACTION_COLLAPSE, 0, "Left"},

	{KEYS_READER, ']', ACTION_NEXT_LINK, 0, "]"},
	{KEYS_READER, '[', ACTION_PREV_LINK, 0, "["},
	{KEYS_READER, KEY_BACKSPACE, ACTION_BACK, 0, "Backspace"},
	{KEYS_READER, 127, ACTION_BACK, 0, NULL},
	{KEYS_READER, CTRL('h'), ACTION_BACK, 0, NULL},
	{KEYS_READER, KEY_LEFT, ACTION_BACK, 0, "Left"},
	{KEYS_READER, 'd', ACTION_HALF_PAGE_DOWN, 0, "d"},
	{KEYS_READER, 'u', ACTION_HALF_PAGE_UP, 0, "u"},
	{KEYS_READER, 'n', ACTION_FIND_NEXT, 0, "n"},
	{KEYS_READER, 'N', ACTION_FIND_PREV, 0, "N"},
	{KEYS_READER, 'y', ACTION_COPY_LINK, 0, "y"},
	{KEYS_READER, 'o', ACTION_OPEN_LINK, 0, "o"},

	{KEYS_CHOICES, 'a', ACTION_CHOOSE, 0, "a-h"},
	{KEYS_CHOICES, 'b', ACTION_CHOOSE, 1, NULL},
	{KEYS_CHOICES, 'c', ACTION_CHOOSE, 2, NULL},
	{KEYS_CHOICES, 'd', ACTION_CHOOSE, 3, NULL},
	{KEYS_CHOICES, 'e', ACTION_CHOOSE, 4, NULL},
	{KEYS_CHOICES, 'f', ACTION_CHOOSE, 5, NULL},
	{KEYS_CHOICES, 'g', ACTION_CHOOSE, 6, NULL},
	{KEYS_CHOICES, 'h', ACTION_CHOOSE, 7, NULL},
	{KEYS_CHOICES, '1', ACTION_CHOOSE, 0, "1-8"},
	{KEYS_CHOICES, '2', ACTION_CHOOSE, 1, NULL},
	{KEYS_CHOICES, '3', ACTION_CHOOSE, 2, NULL},
	{KEYS_CHOICES, '4', ACTION_CHOOSE, 3, NULL},
	{KEYS_CHOICES, '5', ACTION_CHOOSE, 4, NULL},
	{KEYS_CHOICES, '6', ACTION_CHOOSE, 5, NULL},
	{KEYS_CHOICES, '7', ACTION_CHOOSE, 6, NULL},
	{KEYS_CHOICES, '8', ACTION_CHOOSE, 7, NULL},
	{KEYS_QUIZ, 'n', ACTION_NEXT_QUESTION, 0, "n"},
	{KEYS_QUIZ, 'p', ACTION_PREV_QUESTION, 0, "p"},
	{KEYS_QUIZ, '-', ACTION_MARK_GUESSED, 0, "-"},
	{KEYS_QUIZ, '+', ACTION_MARK_EASY, 0, "+"},
	{KEYS_QUIZ, '=', ACTION_MARK_EASY, 0, NULL},
	{KEYS_QUIZ, 'r', ACTION_RETRY, 0, "r"},
	{KEYS_QUIZ, 't', ACTION_OPEN_TOPIC, 0, "t"},
	{KEYS_QUIZ, 'm', ACTION_FLAG, 0, "m"},
	{KEYS_QUIZ, 'u', ACTION_UNDO, 0, "u"},

	{KEYS_DASHBOARD, 'e', ACTION_SET_EXAM_DATE, 0, "e"},

	{KEYS_EXAM, 'n', ACTION_NEXT_QUESTION, 0, "n"},
	{KEYS_EXAM, KEY_RIGHT, ACTION_NEXT_QUESTION, 0, "Right"},
	{KEYS_EXAM, 'p', ACTION_PREV_QUESTION, 0, "p"},
	{KEYS_EXAM, KEY_LEFT, ACTION_PREV_QUESTION, 0, "Left"},
	{KEYS_EXAM, 'm', ACTION_FLAG, 0, "m"},
	{KEYS_EXAM, 'x', ACTION_STRIKE, 0, "x"},
	{KEYS_EXAM, 'v', ACTION_NAVIGATOR, 0, "v"},
	{KEYS_EXAM, 'S', ACTION_SUBMIT_EXAM, 0, "S"},
	{KEYS_EXAM, 'y', ACTION_CONFIRM, 0, "y"},

	{KEYS_EXAM_AROUND, 'd', ACTION_DISCARD_EXAM, 0, "d"},
	{KEYS_EXAM_AROUND, 'H', ACTION_EXAM_HISTORY, 0, "H"},
	{KEYS_EXAM_AROUND, 'f', ACTION_REVIEW_FILTER, 0, "f"},

	{KEYS_PROMPT, '\n', ACTION_OPEN, 0, "Enter"},
	{KEYS_PROMPT, '\r', ACTION_OPEN, 0, NULL},
	{KEYS_PROMPT, KEY_ENTER, ACTION_OPEN, 0, NULL},
	{KEYS_PROMPT, 27, ACTION_CLOSE, 0, "Esc"},
	{KEYS_PROMPT, KEY_BACKSPACE, ACTION_PROMPT_ERASE, 0, "Backspace"},
	{KEYS_PROMPT, 127, ACTION_PROMPT_ERASE, 0, NULL},
	{KEYS_PROMPT, CTRL('h'), ACTION_PROMPT_ERASE, 0, NULL},
	{KEYS_PROMPT, CTRL('w'), ACTION_PROMPT_ERASE_WORD, 0, "Ctrl-W"},
	{KEYS_PROMPT, CTRL('u'), ACTION_PROMPT_CLEAR, 0, "Ctrl-U"},
	{KEYS_PROMPT, KEY_UP, ACTION_PROMPT_OLDER, 0, "Up"},
	{KEYS_PROMPT, KEY_DOWN, ACTION_PROMPT_NEWER, 0, "Down"},
	{KEYS_PROMPT, CTRL('n'), ACTION_MOVE_DOWN, 0, "Ctrl-N"},
	{KEYS_PROMPT, CTRL('p'), ACTION_MOVE_UP, 0, "Ctrl-P"},

	{KEYS_WIZARD, '1', ACTION_PICK, 0, "1-9"},
	{KEYS_WIZARD, '2', ACTION_PICK, 1, NULL},
	{KEYS_WIZARD, '3', ACTION_PICK, 2, NULL},
	{KEYS_WIZARD, '4', ACTION_PICK, 3, NULL},
	{KEYS_WIZARD, '5', ACTION_PICK, 4, NULL},
	{KEYS_WIZARD, '6', ACTION_PICK, 5, NULL},
	{KEYS_WIZARD, '7', ACTION_PICK, 6, NULL},
	{KEYS_WIZARD, '8', ACTION_PICK, 7, NULL},
	{KEYS_WIZARD, '9', ACTION_PICK, 8, NULL},
	{KEYS_WIZARD, KEY_BACKSPACE, ACTION_STEP_BACK, 0, "Backspace"},
	{KEYS_WIZARD, 127, ACTION_STEP_BACK, 0, NULL},
	{KEYS_WIZARD, CTRL('h'), ACTION_STEP_BACK, 0, NULL},
	{KEYS_WIZARD, KEY_LEFT, ACTION_STEP_BACK, 0, "Left"},

	{KEYS_HELP, 'd', ACTION_HALF_PAGE_DOWN, 0, "d"},
	{KEYS_HELP, 'u', ACTION_HALF_PAGE_UP, 0, "u"},
	{KEYS_HELP, 'n', ACTION_FIND_NEXT, 0, "n"},
	{KEYS_HELP, 'N', ACTION_FIND_PREV, 0, "N"},
};

enum { BINDING_COUNT = sizeof bindings / sizeof bindings[0] };

static const struct keys_binding *find(enum keys_context context, int key)
{
	for (size_t i = 0; i < BINDING_COUNT; i++)
		if (bindings[i].context == context && bindings[i].key == key)
			return &bindings[i];
	return NULL;
}

/* The context a lookup in context tries after it: a choosing context the
 * choice keys, the exam's other screens the exam's keys, every other the
 * general ones. */
static enum keys_context fallback(enum keys_context context)
{
	if (context == KEYS_EXAM_AROUND)
		return KEYS_EXAM;
	return context == KEYS_QUIZ || context == KEYS_EXAM ? KEYS_CHOICES : KEYS_ANY;
}

enum action keys_lookup(enum keys_context context, int key, int *arg)
{
	const struct keys_binding *b = find(context, key);
	/* A prompt takes every printable key as text; other contexts fall back
	 * to the general keys (but never to another pane's). */
	if (!b && context == KEYS_PROMPT) {
		if (arg)
			*arg = key;
		return key >= 0x20 && key < 0x7f ? ACTION_PROMPT_CHAR : ACTION_NONE;
	}
	for (enum keys_context c = context; !b && c != KEYS_ANY;) {
		c = fallback(c);
		b = find(c, key);
	}
	if (arg)
		*arg = b ? b->arg : 0;
	return b ? b->action : ACTION_NONE;
}

const char *keys_context_title(enum keys_context context)
{
	static const char *const titles[KEYS_CONTEXT_COUNT] = {
		[KEYS_ANY] = "Everywhere",
		[KEYS_TREE] = "In the topic tree",
		[KEYS_READER] = "In the reader",
		[KEYS_QUIZ] = "In the quiz panel",
		[KEYS_CHOICES] = "Answering, in the quiz panel and the mock exam",
		[KEYS_DASHBOARD] = "On the dashboard",
		[KEYS_EXAM] = "In the mock exam",
		[KEYS_EXAM_AROUND] = "Before and after a mock exam (start, resume, report, review, history)",
		[KEYS_PROMPT] = "At a prompt (search, find on the page, exam date; y answers a yes-or-no question)",
		[KEYS_WIZARD] = "In the decision wizard",
		[KEYS_HELP] = "In this help",
	};
	return context < KEYS_CONTEXT_COUNT ? titles[context] : "";
}

/* Writes the names of the keys for (action, arg) bound in context; returns how many. */
static size_t names_in(enum keys_context context, enum action action, int arg, char *buf, size_t size)
{
	size_t n = 0, count = 0;
	for (size_t i = 0; i < BINDING_COUNT; i++) {
		const struct keys_binding *b = &bindings[i];
		if (b->context != context || b->action != action || (arg >= 0 && b->arg != arg))
			continue;
		char own[2] = {(char)b->key, '\0'};
		const char *name = b->key == ' ' ? "Space" : b->key > ' ' && b->key < 0x7f ? own : b->label;
		if (!name)
			continue; /* an unnamed alias (Ctrl-H for Backspace) */
		int w = snprintf(buf + n, size - n, "%s%s", n ? " " : "", name);
		if (w < 0 || (size_t)w >= size - n)
			break;
		n += (size_t)w;
		count++;
	}
	return count;
}

void keys_names(enum keys_context context, enum action action, int arg, char *buf, size_t size)
{
	buf[0] = '\0';
	for (enum keys_context c = context;; c = fallback(c)) {
		if (names_in(c, action, arg, buf, size))
			return;
		if (c == KEYS_ANY)
			break;
	}
	for (int c = 0; c < KEYS_CONTEXT_COUNT; c++)
		if (names_in((enum keys_context)c, action, arg, buf, size))
			return;
}

void keys_labels(enum keys_context context, enum action action, char *buf, size_t size)
{
	size_t n = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < BINDING_COUNT && n + 1 < size; i++) {
		const struct keys_binding *b = &bindings[i];
		if (b->context != context || b->action != action || !b->label)
			continue;
		int w = snprintf(buf + n, size - n, "%s%s", n ? " " : "", b->label);
		if (w < 0 || (size_t)w >= size - n)
			break;
		n += (size_t)w;
	}
}

void keys_label(enum keys_context context, enum action action, char *buf, size_t size)
{
	buf[0] = '\0';
	for (enum keys_context c = context; !buf[0]; c = fallback(c)) {
		keys_labels(c, action, buf, size);
		if (c == KEYS_ANY)
			break;
	}
	buf[strcspn(buf, " ")] = '\0';
}

/* The help text of action under a section: without the section's own name
 * when the text starts with it ("in the reader: " under "In the reader"). */
static const char *help_in(enum keys_context context, enum action action)
{
	const char *help = action_help(action), *title = keys_context_title(context);
	size_t n = strlen(title);
	if (strncasecmp(help, title, n) == 0 && help[n] == ':' && help[n + 1] == ' ')
		return help + n + 2;
	return help;
}

void keys_help(void (*visit)(void *ctx, const char *keys, const char *text), void *ctx)
{
	char keys[128];
	for (int c = KEYS_ANY; c < KEYS_CONTEXT_COUNT; c++) {
		bool any = false;
		for (int a = ACTION_NONE + 1; a < ACTION_COUNT; a++) {
			keys_labels((enum keys_context)c, (enum action)a, keys, sizeof keys);
			if (!keys[0])
				continue;
			if (!any)
				visit(ctx, NULL, keys_context_title((enum keys_context)c));
			any = true;
			visit(ctx, keys, help_in((enum keys_context)c, (enum action)a));
		}
	}
}
