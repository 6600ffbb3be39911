/* flow — decision flow walking. */
#include "mlcert/flow.h"

void flow_walk_start(struct flow_walk *w, const struct content_flow *flow)
{
	w->flow = flow;
	w->depth = 0;
	w->node[0] = flow->start_index;
}

const struct content_flow_node *flow_walk_current(const struct flow_walk *w)
{
	return &w->flow->nodes[w->node[w->depth]];
}

bool flow_walk_done(const struct flow_walk *w)
{
	return flow_walk_current(w)->options_count == 0;
}

bool flow_walk_choose(struct flow_walk *w, unsigned option)
{
	const struct content_flow_node *n = flow_walk_current(w);
	if (option >= n->options_count || w->depth + 1 >= FLOW_MAX_DEPTH || n->options[option].next_index < 0)
		return false;
	w->chose[w->depth] = option;
	w->node[++w->depth] = n->options[option].next_index;
	return true;
}

bool flow_walk_back(struct flow_walk *w)
{
	if (w->depth == 0)
		return false;
	w->depth--;
	return true;
}
