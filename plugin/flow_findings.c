/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "flow_findings.h"

#include "sipadv_tables.h"

unsigned
sipadv_flow_findings(const sipadv_flow_result *f, uint32_t frame, sipadv_flow_finding out[SIPADV_FLOW_FINDINGS_MAX])
{
    unsigned n = 0;

#define FOUND(r, fr, ns) (out[n++] = (sipadv_flow_finding){ (r), (fr), (ns) })
    if (f->flags & SIPADV_FLOW_RETRANSMISSION)
        FOUND(SIPADV_RULE_RETRANSMISSION, f->original_frame, f->since_original_ns);
    if (f->flags & SIPADV_FLOW_ORPHAN)
        FOUND(SIPADV_RULE_ORPHAN_RESPONSE, 0, 0);
    if (f->flags & SIPADV_FLOW_AUTH_REJECTED)
        FOUND(SIPADV_RULE_AUTH_REJECTED, f->request_frame, f->response_time_ns);
    if (f->flags & SIPADV_FLOW_LATE_PROVISIONAL)
        FOUND(SIPADV_RULE_LATE_PROVISIONAL, f->request_frame, f->response_time_ns);
    if (f->retry_frame)
        FOUND(SIPADV_RULE_RETRY_AFTER_IGNORED, f->retry_frame, f->since_retry_ns);
    /* A final response sent again (over TCP too, for a 2xx): since its first copy; a timeout marked on the
     * message: the time waited. */
    if ((f->flags & SIPADV_FLOW_MISSING_ACK) && (f->flags & SIPADV_FLOW_REPEAT))
        FOUND(SIPADV_RULE_MISSING_ACK, f->original_frame, f->since_original_ns);
    else if (f->flags & SIPADV_FLOW_MISSING_ACK)
        FOUND(SIPADV_RULE_MISSING_ACK, frame, f->waited_ns);
    if (f->flags & SIPADV_FLOW_NO_FINAL)
        FOUND(SIPADV_RULE_NO_FINAL_RESPONSE, frame, f->waited_ns);
#undef FOUND
    return n;
}
