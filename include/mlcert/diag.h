/* diag — collected diagnostics, printed as `path:line:col: severity: message`.
 * Nothing here prints by itself: under curses the caller decides where text goes. */
#ifndef MLCERT_DIAG_H
#define MLCERT_DIAG_H

#include <stddef.h>
#include <stdio.h>

enum diag_severity { DIAG_ERROR, DIAG_WARNING };

struct diag {
	enum diag_severity severity;
	char *file;     /* as the user named it; may be "" for whole-run problems */
	int line, col;  /* 1-based; 0 when unknown */
	char *message;
};

struct diag_list {
	struct diag *items;
	size_t count, cap;
	size_t errors, warnings;
};

void diag_list_init(struct diag_list *list);
void diag_list_free(struct diag_list *list);

/* Appends one diagnostic; message is printf-style. */
void diag_add(struct diag_list *list, enum diag_severity severity, const char *file,
	      int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Sorts by file, then line, then column, keeping discovery order for ties. */
void diag_sort(struct diag_list *list);

/* One line per diagnostic in the GNU format. */
void diag_print(const struct diag_list *list, FILE *out);
void diag_format(const struct diag *d, FILE *out);

#endif
