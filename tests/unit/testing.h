/* Shared by the cmocka unit tests: cmocka's required includes and fixture paths. */
#ifndef MLCERT_TESTING_H
#define MLCERT_TESTING_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

/* Path of a fixture under tests/data (or $MLCERT_TEST_DATA). Returns a static
 * buffer: use it before the next call. */
static inline const char *test_data(const char *name)
{
	static char path[4096];
	const char *root = getenv("MLCERT_TEST_DATA");
	snprintf(path, sizeof path, "%s/%s", root && *root ? root : "tests/data", name);
	return path;
}

#endif
