/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "tap.h"

#include <wireshark.h>
#include <epan/tap.h>

#include "flow_findings.h"
#include "rules.h"
#include "sipadv.h"

static int sipadv_tap_id = -1;

void
sipadv_tap_register(void)
{
    sipadv_tap_id = register_tap(SIPADV_TAP_NAME);
}

void
sipadv_tap_register_statistics(void)
{
    sipadv_stats_tree_register();
    sipadv_stats_calls_register();
    sipadv_stats_kpi_register();
}

bool
sipadv_tap_wanted(void)
{
    return sipadv_tap_id >= 0 && have_tap_listener(sipadv_tap_id);
}

void
sipadv_tap_queue(packet_info *pinfo, const sipadv_tap_data *event)
{
    /* Taps read their data after the frame is dissected: it lives as long as the frame's pool. */
    tap_queue_packet(sipadv_tap_id, pinfo, wmem_memdup(pinfo->pool, event, sizeof *event));
}

static void
flow_finding(unsigned rule, sipadv_tap_finding_fn fn, void *ctx)
{
    unsigned expert = sipadv_rules[rule].expert;

    if (sipadv_prefs.rule_enabled[expert])
        fn(ctx, expert);
}

/* As show.c and show_flow.c raise them: a copy and a malformed status line raise none. */
void
sipadv_tap_findings(const sipadv_tap_data *e, sipadv_tap_finding_fn fn, void *ctx)
{
    const sipadv_flow_result *f = &e->flow;
    sipadv_flow_finding found[SIPADV_FLOW_FINDINGS_MAX];
    unsigned n;

    if (e->event == SIPADV_TAP_FLOW_TIMEOUT) {
        flow_finding(e->timeout->flag == SIPADV_FLOW_NO_FINAL ? SIPADV_RULE_NO_FINAL_RESPONSE : SIPADV_RULE_MISSING_ACK,
                     fn, ctx);
        return;
    }
    if (e->event != SIPADV_TAP_MESSAGE || (f->flags & SIPADV_FLOW_COPY) ||
        (e->analysis->kind == SIPADV_KIND_RESPONSE && e->analysis->problem != SIPADV_PROBLEM_NONE))
        return;
    for (unsigned i = 0; i < e->analysis->n_hits; i++)
        fn(ctx, sipadv_rules[sipadv_analysis_hits(e->analysis)[i].rule].expert);
    n = sipadv_flow_findings(f, 0, found);
    for (unsigned i = 0; i < n; i++)
        flow_finding(found[i].rule, fn, ctx);
}
