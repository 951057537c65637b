/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The only memory sipadv keeps across packets: what the first pass found in
 * each frame's SIP messages, kept per frame in file scope so that later
 * passes (GUI clicks, retaps, tshark -2, the Expert dialog) draw it again
 * without parsing.
 */
#ifndef SIPADV_STATE_H
#define SIPADV_STATE_H

#include <epan/packet.h>

#include "calls.h"
#include "findings.h"
#include "flow.h"

/* One message of the frame: where it lies in its data source, what it says, how it fits its transaction. */
typedef struct {
    guint32                offset;
    guint32                length;
    const sipadv_analysis *analysis;
    sipadv_flow_result     flow;
    sipadv_call_result     call;
} sipadv_stored_message;

/* A frame's stored messages, packed: read them with sipadv_state_message(). */
typedef struct sipadv_frame_result sipadv_frame_result;

/* Forgets every frame: a new file, or the same one dissected afresh. */
void sipadv_state_init(const sipadv_flow_config *flow_config);
void sipadv_state_cleanup(void);

/* The frame's stored result, or NULL when none was stored. */
const sipadv_frame_result *sipadv_state_lookup(const packet_info *pinfo);

/* Stores n analysed messages for this frame, packed into one file-scope block. */
const sipadv_frame_result *sipadv_state_store(const packet_info *pinfo, guint n, const guint32 *offsets,
                                              const guint32 *lengths, const sipadv_findings *const *findings,
                                              const sipadv_flow_result *flows, const sipadv_call_result *calls);

/* The transaction and call analyses of this file, fed in the first pass; NULL if they could not be made. */
sipadv_flow *sipadv_state_flow(void);
sipadv_calls *sipadv_state_calls(void);
/* The capture's clock as the analyses see it (clock.h), ticked by the first pass's SIP frames. */
sipadv_clock *sipadv_state_clock(void);

/*
 * A timer that ran out (flow.h): the message it is about was shown before the
 * capture told, so the mark shows on it in later passes.
 */
void sipadv_state_mark_timeout(const sipadv_flow_timeout *t);
/* The SIPADV_FLOW_* timeout flags marked on message index of frame, and how long was waited. */
guint32 sipadv_state_timeouts(guint32 frame, guint index, gint64 *waited_ns);

guint sipadv_state_count(const sipadv_frame_result *r);
/* The messages in order: start with *cursor = NULL. */
sipadv_stored_message sipadv_state_message(const sipadv_frame_result *r, guint i, const void **cursor);

#endif
