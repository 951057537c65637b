/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What a response answers, and how (SIPADV_CTX_*, vocabulary.h): its request as
 * the transaction analysis linked it, its own challenge, and whether it is an
 * IMS flow. Read by the guidance that fits (tables/guidance_contexts.tsv), the
 * IMS-only steps and the call diagnosis alike. No libwireshark here.
 */
#ifndef SIPADV_CONTEXT_H
#define SIPADV_CONTEXT_H

#include <stdbool.h>

#include "findings.h"
#include "flow.h"

/*
 * ims_off: the preference sipadv.ims_profile is "off". An IMS flow is one the
 * analysis found IMS (the preference "on", or in "auto" the response looking
 * IMS) or, unless off, whose request looked IMS.
 */
static inline unsigned
sipadv_response_context(const sipadv_analysis *a, const sipadv_flow_result *flow, bool ims_off)
{
    unsigned context = flow ? flow->request_context : 0;
    bool request_looks_ims = (context & SIPADV_CTX_IMS) && !ims_off;

    context &= ~SIPADV_CTX_IMS;
    if ((a->flags & SIPADV_A_IMS_FLOW) || request_looks_ims)
        context |= SIPADV_CTX_IMS;
    if (a->flags & SIPADV_A_DIGEST)
        context |= SIPADV_CTX_DIGEST;
    if (a->flags & SIPADV_A_AKA)
        context |= SIPADV_CTX_AKA;
    return context;
}

#endif
