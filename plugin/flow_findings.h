/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Which findings a message's place in its transaction raises (flow.h's flags), for the experts and the tap alike. */
#ifndef SIPADV_FLOW_FINDINGS_H
#define SIPADV_FLOW_FINDINGS_H

#include <stdint.h>

#include "flow.h"

/* A rule (SIPADV_RULE_*, from tables/rules.tsv) and what its text cites: a frame and the time since it. */
typedef struct {
    unsigned rule;
    uint32_t frame;
    int64_t  elapsed_ns;
} sipadv_flow_finding;

#define SIPADV_FLOW_FINDINGS_MAX 7

/* The findings of flow result f of the message in frame, in the order they are shown; returns how many. */
unsigned sipadv_flow_findings(const sipadv_flow_result *f, uint32_t frame,
                              sipadv_flow_finding out[SIPADV_FLOW_FINDINGS_MAX]);

#endif
