/* xalloc — memory that is there or the program ends: on failure each of these
 * prints "mlcert: out of memory" with the size asked for and exits with status
 * 1, like htop's xMalloc. Callers never test for NULL, so no screen ever
 * pretends an allocation failure was an empty result. The journal is fsynced
 * before anything is confirmed, so exiting here loses nothing confirmed. */
#ifndef MLCERT_XALLOC_H
#define MLCERT_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
/* count * size, checked for overflow. */
void *xreallocarray(void *ptr, size_t count, size_t size);
char *xstrdup(const char *s);

/* Called once before the message when an allocation fails: the UI gives the
 * terminal back there, so the message is not drawn into a screen that is
 * about to vanish. NULL removes it. */
void xalloc_set_failure_hook(void (*hook)(void));

#endif
