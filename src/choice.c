/* choice — sets of choices. */
#include "mlcert/choice.h"

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
