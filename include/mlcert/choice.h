/* choice — a set of a question's choices by identity: each choice is its
 * index in the question's own list, as the pack defines it. Never a letter
 * or a position on screen, so a presentation may reorder the choices and an
 * answer still names the same ones. A choice order is one presentation's
 * reordering: letters name positions in it, the journal names identities. */
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

enum { CHOICE_ORDER_MAX = 8 }; /* the most choices a question has (check.c) */

/* The order a question's choices are shown in: at[position] is the choice
 * shown at that position (letter a is position 0). */
struct choice_order {
	unsigned char count;
	unsigned char at[CHOICE_ORDER_MAX];
};

/* The pack's own order of count choices (count is capped at CHOICE_ORDER_MAX). */
struct choice_order choice_order_identity(unsigned count);

/* A new order of count choices drawn from seed, the same for the same seed;
 * the pack's order when the environment says MLCERT_SHUFFLE=off (scripts
 * that answer by letter). */
struct choice_order choice_order_shuffled(unsigned count, uint64_t seed);

/* The choice shown at position; false when there is no such position. */
bool choice_order_choice(const struct choice_order *order, unsigned position, unsigned *choice);

/* Where choice is shown; order->count when it is not. */
unsigned choice_order_position(const struct choice_order *order, unsigned choice);

/* An order as one number for the journal (3 bits per position, position 0
 * lowest, the count above them) and back; unpacking refuses anything that
 * is not an order of count choices, giving the pack's order instead. */
int64_t choice_order_pack(const struct choice_order *order);
struct choice_order choice_order_unpack(int64_t packed, unsigned count);

/* A seed for one presentation: now and a counter that differs for each
 * presentation in a session, mixed (splitmix64) so neighbours differ. */
uint64_t choice_seed(int64_t now, uint64_t counter);

#endif
