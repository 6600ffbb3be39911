/* Shared by the cmocka unit tests: cmocka's required includes and fixture paths. */
#ifndef MLCERT_TESTING_H
#define MLCERT_TESTING_H

#include <ftw.h>
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

static inline int testing_remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Removes a test's temporary folder and everything in it (a state folder
 * holds a device id, a lock and a folder of journals). */
static inline void remove_tree(const char *dir)
{
	nftw(dir, testing_remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

#endif
