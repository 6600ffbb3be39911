/* diag — collected diagnostics. */
#include "mlcert/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "mlcert/text.h"
#include "mlcert/xalloc.h"

void diag_list_init(struct diag_list *list)
{
	memset(list, 0, sizeof *list);
}

void diag_list_free(struct diag_list *list)
{
	for (size_t i = 0; i < list->count; i++) {
		free(list->items[i].file);
		free(list->items[i].message);
	}
	free(list->items);
	diag_list_init(list);
}

static char *vformat(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

static char *vformat(const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return NULL;
	char *s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

void diag_add(struct diag_list *list, enum diag_severity severity, const char *file,
	      int line, int col, const char *fmt, ...)
{
	if (severity == DIAG_ERROR)
		list->errors++;
	else
		list->warnings++;
	if (list->count == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 16;
		list->items = xreallocarray(list->items, cap, sizeof *list->items);
		list->cap = cap;
	}
	va_list ap;
	va_start(ap, fmt);
	char *message = vformat(fmt, ap);
	va_end(ap);
	char *name = xstrdup(file ? file : "");
	if (!message) { /* an encoding error in fmt: nothing to say */
		free(name);
		return;
	}
	list->items[list->count++] = (struct diag){
		.severity = severity, .file = name, .line = line, .col = col, .message = message,
	};
}

static int compare_diag(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	int c = strcmp(x->file, y->file);
	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return 0;
}

void diag_sort(struct diag_list *list)
{
	/* Insertion sort: stable (ties keep discovery order) and lists are short. */
	for (size_t i = 1; i < list->count; i++) {
		struct diag key = list->items[i];
		size_t j = i;
		while (j > 0 && compare_diag(&list->items[j - 1], &key) > 0) {
			list->items[j] = list->items[j - 1];
			j--;
		}
		list->items[j] = key;
	}
}

void diag_format(const struct diag *d, FILE *out)
{
	/* Messages quote what packs and files hold (ids, URLs, kinds): cleaned,
	 * and kept to one line each. */
	const char *severity = d->severity == DIAG_ERROR ? "error" : "warning";
	if (d->file[0]) {
		text_fputs(out, d->file, true);
		if (d->line > 0)
			fprintf(out, ":%d:%d", d->line, d->col > 0 ? d->col : 1);
		fprintf(out, ": %s: ", severity);
	} else {
		fprintf(out, "mlcert: %s: ", severity);
	}
	text_fputs(out, d->message, true);
	fputc('\n', out);
}

void diag_print(const struct diag_list *list, FILE *out)
{
	for (size_t i = 0; i < list->count; i++)
		diag_format(&list->items[i], out);
}
