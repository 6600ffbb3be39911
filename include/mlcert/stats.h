/* stats — `mlcert stats`: the dashboard's numbers without the TUI. */
#ifndef MLCERT_STATS_H
#define MLCERT_STATS_H

#include <stdbool.h>
#include <stdio.h>

#include "mlcert/study.h"

void stats_print(struct study *study, bool json, FILE *out);

#endif
