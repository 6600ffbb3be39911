/* clock — the one source of "now". Everything that stamps or schedules asks
 * here, so tests (and the end-to-end suite, through MLCERT_NOW) can set time. */
#ifndef MLCERT_CLOCK_H
#define MLCERT_CLOCK_H

#include <stdint.h>

/* Seconds since the epoch: $MLCERT_NOW when it holds a number, else the system clock. */
int64_t clock_now(void);

#endif
