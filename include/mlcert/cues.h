/* cues — item-writing cues: signals in a pack's questions that let a
 * test-wise guess beat chance without knowing the subject (the key is the
 * longest choice, only the key repeats the stem, absolute words only in the
 * distractors, a product's current name only in the key). For every pack
 * author; `mlcert lint` reports them. */
#ifndef MLCERT_CUES_H
#define MLCERT_CUES_H

#include <stdbool.h>
#include <stddef.h>

#include "mlcert/content.h"
#include "mlcert/diag.h"

/* The pack-wide limits: beyond them, "pick the longest" pays. */
#define CUES_MAX_KEY_LONGEST 0.30   /* single-answer: key strictly the longest */
#define CUES_MAX_KEYS_LONGEST 0.20  /* multiple-select: the k keys are the k longest */
#define CUES_MAX_LENGTH_RATIO 1.15  /* mean key length / mean distractor length */
/* Fewer questions of a kind than this and its share says little: no verdict. */
enum { CUES_MIN_SAMPLE = 10 };

struct cue_figures {
	size_t single, key_longest;     /* single-answer questions; of them, key strictly longest */
	size_t multiple, keys_longest;  /* multiple-select ones; of them, keys exactly the k longest */
	size_t measured;                /* questions with a key and a distractor */
	double mean_ratio;              /* mean over them of key length / distractor length */
};

/* Lengths are in characters (code points). */
void cues_measure(const struct content_pack *pack, struct cue_figures *figures);

/* Whether the figures are within the limits above (small samples pass). */
bool cues_within_limits(const struct cue_figures *figures);

/* A warning with a position for each question that carries a cue, and one
 * for the pack when its figures exceed the limits. Needs a checked pack. */
void cues_check(struct content_pack *pack, const struct cue_figures *figures,
		struct diag_list *diags);

#endif
