/* jsonw — the little JSON writing the command-line reports need. */
#ifndef MLCERT_JSONW_H
#define MLCERT_JSONW_H

#include <stdio.h>

/* Writes s as a quoted JSON string, escaping quotes, backslashes and controls. */
void jsonw_string(FILE *out, const char *s);

#endif
