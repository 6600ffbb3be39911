/* xalloc — allocation that fails cleanly. */
#include "mlcert/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The one writable static besides the UI's signal flag: an allocation can
 * fail anywhere, so the hook cannot be passed down to every caller. */
static void (*failure_hook)(void);

void xalloc_set_failure_hook(void (*hook)(void))
{
	failure_hook = hook;
}

static void out_of_memory(size_t size)
{
	if (failure_hook) {
		void (*hook)(void) = failure_hook;
		failure_hook = NULL; /* once: the hook itself may allocate */
		hook();
	}
	fprintf(stderr, "mlcert: out of memory (asked for %zu bytes)\n", size);
	exit(1);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		out_of_memory(size);
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		out_of_memory(count * size);
	return p;
}

void *xreallocarray(void *ptr, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		out_of_memory(SIZE_MAX);
	return xrealloc(ptr, count * size);
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		out_of_memory(size);
	return p;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}
