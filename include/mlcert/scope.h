/* scope — what a topic's subtree or a domain holds: the lists check_pack
 * makes (children per topic, questions per topic and per domain), kept in
 * the pack, and the walks over them, so no scope costs a scan of the pack. */
#ifndef MLCERT_SCOPE_H
#define MLCERT_SCOPE_H

#include <stdbool.h>
#include <stddef.h>

#include "mlcert/content.h"

/* (Re)makes the pack's lists from the resolved parents, topics and domains. */
void scope_index(struct content_pack *pack);

/* The questions of a topic and its subtree, or of a domain, in pack order,
 * each once. Returns how many were written to out (at most cap). */
size_t scope_questions_of_topic(const struct content_pack *pack, int topic, int *out, size_t cap);
size_t scope_questions_of_domain(const struct content_pack *pack, int domain, int *out, size_t cap);

/* True when topic is in the subtree rooted at ancestor (itself included). */
bool scope_topic_within(const struct content_pack *pack, int topic, int ancestor);

#endif
