/* choice — a set of a question's choices by identity: each choice is its
 * index in the question's own list, as the pack defines it. Never a letter
 * or a position on screen, so a presentation may reorder the choices and an
 * answer still names the same ones. */
#ifndef MLCERT_CHOICE_H
#define MLCERT_CHOICE_H

#include <stdbool.h>
#include <stdint.h>

enum { CHOICE_SET_MAX = 32 }; /* choices 0 .. 31 fit; a question has at most 8 */

struct choice_set {
	uint32_t bits; /* bit i: choice i; the journal stores exactly this */
};

bool choice_set_has(struct choice_set set, unsigned choice);
struct choice_set choice_set_with(struct choice_set set, unsigned choice);
struct choice_set choice_set_toggled(struct choice_set set, unsigned choice);
unsigned choice_set_count(struct choice_set set);
bool choice_set_equal(struct choice_set a, struct choice_set b);

#endif
