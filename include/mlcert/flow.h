/* flow — walking a decision flow: the current node, the path so far (for
 * the breadcrumb), choosing an option and stepping back. */
#ifndef MLCERT_FLOW_H
#define MLCERT_FLOW_H

#include <stdbool.h>
#include <stddef.h>

#include "mlcert/content.h"

enum { FLOW_MAX_DEPTH = 64 };

struct flow_walk {
	const struct content_flow *flow;
	int node[FLOW_MAX_DEPTH];   /* node[0] is the start; node[depth] the current one */
	unsigned chose[FLOW_MAX_DEPTH]; /* the option taken at node[i] */
	size_t depth;
};

void flow_walk_start(struct flow_walk *w, const struct content_flow *flow);
const struct content_flow_node *flow_walk_current(const struct flow_walk *w);
/* True when the current node is a result. */
bool flow_walk_done(const struct flow_walk *w);
/* Takes option (0-based) at the current question; false when there is none. */
bool flow_walk_choose(struct flow_walk *w, unsigned option);
/* One step back; false at the start. */
bool flow_walk_back(struct flow_walk *w);

#endif
