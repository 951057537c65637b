/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sipadv's own tap ("sipadv"): what the statistics read, queued in every
 * pass that runs taps (tshark's one pass, tshark -2's second, the GUI's
 * retaps) from the result the first pass stored. One event per SIP message,
 * and in a first pass one per timer that ran out at the frame. Nothing is
 * built when no listener is attached.
 */
#ifndef SIPADV_TAP_H
#define SIPADV_TAP_H

#include <epan/packet.h>

#include "calls.h"
#include "findings.h"
#include "flow.h"

typedef enum {
    SIPADV_TAP_MESSAGE,         /* a SIP message of the frame */
    SIPADV_TAP_FLOW_TIMEOUT,    /* a transaction timer ran out at this frame (a first pass only) */
    SIPADV_TAP_CALL_TIMEOUT     /* a timer decided call at this frame (a first pass only) */
} sipadv_tap_event;

typedef struct {
    sipadv_tap_event          event;
    const sipadv_analysis    *analysis;   /* MESSAGE: kind, method, code, rule hits, Reason values */
    sipadv_flow_result        flow;       /* MESSAGE: transaction links and SIPADV_FLOW_* flags, as shown */
    const guint8             *bytes;      /* MESSAGE: the message itself, for a listener that reads more of it;
                                           * NULL when its bytes are not at hand */
    guint32                   length;
    const address            *sender;     /* MESSAGE: who sent it */
    guint32                   call;       /* MESSAGE, CALL_TIMEOUT: its call or registration (calls.h); 0: none */
    bool                      settles;    /* MESSAGE: it decided its call, as far as this pass knows */
    const sipadv_flow_timeout *timeout;   /* FLOW_TIMEOUT */
} sipadv_tap_data;

#define SIPADV_TAP_NAME "sipadv"

void sipadv_tap_register(void);
/* Whether a listener is attached: the only thing the dissector asks when none is. */
bool sipadv_tap_wanted(void);
void sipadv_tap_queue(packet_info *pinfo, const sipadv_tap_data *event);

/* A message's finding experts, as sipadv shows them (its rule hits, then its transaction's): fn(ctx, expert index). */
typedef void (*sipadv_tap_finding_fn)(void *ctx, unsigned expert);
void sipadv_tap_findings(const sipadv_tap_data *event, sipadv_tap_finding_fn fn, void *ctx);

/* The statistics that read the tap (stats_tree.c, stats_calls.c), registered with Wireshark's tap listeners. */
void sipadv_tap_register_statistics(void);
void sipadv_stats_tree_register(void);
void sipadv_stats_calls_register(void);
void sipadv_stats_kpi_register(void);

#endif
