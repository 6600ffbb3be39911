/* choice — sets of choices, and the orders they are shown in. */
#include "mlcert/choice.h"

#include <stdlib.h>
#include <string.h>

/* A choice beyond the set's range is never in it and is never added. */
static uint32_t bit(unsigned choice)
{
	return choice < CHOICE_SET_MAX ? (uint32_t)1 << choice : 0;
}

bool choice_set_has(struct choice_set set, unsigned choice)
{
	return (set.bits & bit(choice)) != 0;
}

struct choice_set choice_set_with(struct choice_set set, unsigned choice)
{
	return (struct choice_set){set.bits | bit(choice)};
}

struct choice_set choice_set_toggled(struct choice_set set, unsigned choice)
{
	return (struct choice_set){set.bits ^ bit(choice)};
}

unsigned choice_set_count(struct choice_set set)
{
	return (unsigned)__builtin_popcount(set.bits);
}

bool choice_set_equal(struct choice_set a, struct choice_set b)
{
	return a.bits == b.bits;
}

struct choice_order choice_order_identity(unsigned count)
{
	struct choice_order o = {.count = (unsigned char)(count < CHOICE_ORDER_MAX ? count : CHOICE_ORDER_MAX)};
	for (unsigned i = 0; i < o.count; i++)
		o.at[i] = (unsigned char)i;
	return o;
}

static uint64_t mix(uint64_t *state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* The one switch, read where it is used like MLCERT_NOW: a script feeding
 * letters to plain mode needs the letters to stay put. */
static bool shuffle_wanted(void)
{
	const char *s = getenv("MLCERT_SHUFFLE");
	return !(s && strcmp(s, "off") == 0);
}

struct choice_order choice_order_shuffled(unsigned count, uint64_t seed)
{
	struct choice_order o = choice_order_identity(count);
	if (!shuffle_wanted())
		return o;
	uint64_t state = seed;
	for (unsigned i = o.count; i > 1; i--) { /* Fisher-Yates */
		unsigned j = (unsigned)(mix(&state) % i);
		unsigned char t = o.at[i - 1];
		o.at[i - 1] = o.at[j];
		o.at[j] = t;
	}
	return o;
}

bool choice_order_choice(const struct choice_order *o, unsigned position, unsigned *choice)
{
	if (position >= o->count)
		return false;
	*choice = o->at[position];
	return true;
}

unsigned choice_order_position(const struct choice_order *o, unsigned choice)
{
	for (unsigned i = 0; i < o->count; i++)
		if (o->at[i] == choice)
			return i;
	return o->count;
}

int64_t choice_order_pack(const struct choice_order *o)
{
	int64_t packed = 0;
	for (unsigned i = 0; i < o->count; i++)
		packed |= (int64_t)o->at[i] << (3 * i);
	return packed | (int64_t)o->count << (3 * CHOICE_ORDER_MAX);
}

struct choice_order choice_order_unpack(int64_t packed, unsigned count)
{
	struct choice_order o = choice_order_identity(count);
	if (packed < 0 || (packed >> (3 * CHOICE_ORDER_MAX)) != o.count)
		return o;
	struct choice_order got = {.count = o.count};
	unsigned seen = 0;
	for (unsigned i = 0; i < o.count; i++) {
		unsigned c = (unsigned)(packed >> (3 * i)) & 7u;
		if (c >= o.count || (seen & (1u << c)))
			return o; /* not a permutation: not ours */
		seen |= 1u << c;
		got.at[i] = (unsigned char)c;
	}
	return got;
}

uint64_t choice_seed(int64_t now, uint64_t counter)
{
	uint64_t state = (uint64_t)now * 0x100000001B3ull ^ counter;
	return mix(&state);
}
