/* lint — `mlcert lint`: load and check a pack, print diagnostics and counts. */
#ifndef MLCERT_LINT_H
#define MLCERT_LINT_H

#include <stdbool.h>
#include <stdio.h>

#include "mlcert/content.h"
#include "mlcert/cues.h"

enum { LINT_MAX_DOMAINS = 32, LINT_MAX_OBJECTIVES = 128 };

struct lint_counts {
	size_t topics, questions, multiple_select, flows, resources;
	size_t domains;
	size_t by_domain[LINT_MAX_DOMAINS]; /* questions per domain, in pack order */
	size_t topics_by_domain[LINT_MAX_DOMAINS];
	size_t objectives; /* the first LINT_MAX_OBJECTIVES of pack->objectives */
	size_t topics_by_objective[LINT_MAX_OBJECTIVES];
	size_t questions_by_objective[LINT_MAX_OBJECTIVES];
	struct cue_figures cues;
};

void lint_count(const struct content_pack *pack, struct lint_counts *counts);

/* Checks the pack in dir, or the built-in pack when dir is NULL. Exit
 * status: 0 clean (warnings allowed), 1 content errors, 2 the folder could
 * not be read or is not a pack. Diagnostics go to err (or into the JSON on
 * out), the summary to out. */
int lint_run(const char *dir, bool json, FILE *out, FILE *err);

#endif
