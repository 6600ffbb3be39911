/* check — semantic validation of a loaded pack, and the derived fields the
 * rest of the program relies on (resolved references, parsed numbers). */
#ifndef MLCERT_CHECK_H
#define MLCERT_CHECK_H

#include <stdbool.h>
#include <stdint.h>

#include "mlcert/content.h"
#include "mlcert/diag.h"

/* The longest URL a resource may have, in bytes: within what browsers and
 * terminals take whole (and what the reader copies and opens whole). */
enum { CHECK_URL_MAX = 2048 };

/* Validates everything and fills the derived fields. Reports every problem,
 * not only the first; returns true when no error was found. */
bool check_pack(struct content_pack *pack, struct diag_list *diags);

/* Strict parsers shared with other readers of user text. */
bool check_parse_int(const char *text, int min, int max, int *out);
bool check_parse_date(const char *text, int *year, int *month, int *day);
bool check_valid_id(const char *id);

/* Midnight UTC of a calendar date, in seconds since the epoch. */
int64_t check_date_seconds(int year, int month, int day);

/* How many choices a stem asks for ("Choose two."), 0 when it does not say. */
unsigned check_stem_choose_count(const char *stem);

#endif
