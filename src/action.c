/* action — help texts from the one action list. */
#include "mlcert/action.h"

static const char *const helps[] = {
#define MLCERT_ACTION_HELP(e, name, help) help,
	MLCERT_ACTIONS(MLCERT_ACTION_HELP)
#undef MLCERT_ACTION_HELP
};

const char *action_help(enum action a)
{
	return a < ACTION_COUNT ? helps[a] : "";
}
