/* action — names and help texts from the one action list. */
#include "mlcert/action.h"

static const char *const names[] = {
#define MLCERT_ACTION_NAME(e, name, help) name,
	MLCERT_ACTIONS(MLCERT_ACTION_NAME)
#undef MLCERT_ACTION_NAME
};

static const char *const helps[] = {
#define MLCERT_ACTION_HELP(e, name, help) help,
	MLCERT_ACTIONS(MLCERT_ACTION_HELP)
#undef MLCERT_ACTION_HELP
};

const char *action_name(enum action a)
{
	return a < ACTION_COUNT ? names[a] : "unknown";
}

const char *action_help(enum action a)
{
	return a < ACTION_COUNT ? helps[a] : "";
}
