/* clock — now, settable by tests. */
#include "mlcert/clock.h"

#include <stdlib.h>
#include <time.h>

int64_t clock_now(void)
{
	const char *fixed = getenv("MLCERT_NOW");
	if (fixed && *fixed) {
		char *end;
		long long t = strtoll(fixed, &end, 10);
		if (*end == '\0')
			return t;
	}
	return (int64_t)time(NULL);
}
