/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Drawing one analysed message: its subtree, its experts, its Info hint. Reads no state. */
#ifndef SIPADV_SHOW_H
#define SIPADV_SHOW_H

#include <epan/packet.h>

#include "calls.h"
#include "context.h"
#include "findings.h"
#include "flow.h"

typedef struct {
    packet_info           *pinfo;
    proto_tree            *tree;     /* the frame's tree; NULL without one */
    tvbuff_t              *tvb;      /* the data source holding the message; NULL when unknown */
    gint                   offset;   /* where the message starts in tvb */
    gint                   len;
    const sipadv_analysis *a;
    const sipadv_flow_result *flow;   /* its transaction links */
    const sipadv_call_result *call;   /* its call */
    bool                   final_view;   /* the first pass is over: show each message its call's outcome */
} sipadv_shown;

/* What a shown message answers and how (context.h), with the preference sipadv.ims_profile. */
unsigned sipadv_message_context(const sipadv_shown *m);

/* Adds the message's subtree (when there is a tree) and raises its experts; returns its Info hint or NULL. */
const char *sipadv_show_message(const sipadv_shown *m);

/* The Info hint of an analysed message alone, where nothing else of it would be seen; NULL for requests. */
const char *sipadv_message_hint(packet_info *pinfo, const sipadv_analysis *a);

/* The short hint for a status code in the configured language; NULL outside 100..699. */
const char *sipadv_hint_for_code(packet_info *pinfo, unsigned code);

/* A message's transaction: request frame, response time, repeats; their experts (show_flow.c). */
void sipadv_show_flow(const sipadv_shown *m, proto_tree *tree, proto_item *top);
/* A copy of a message seen just before (SIPADV_FLOW_COPY): the link to it and its own hop's timing, nothing more. */
void sipadv_show_copy(const sipadv_shown *m, proto_tree *tree, proto_item *top);
/* A timer that ran out by this frame, said in a first pass: an item of its own under tree, and its expert. */
void sipadv_show_timeout(packet_info *pinfo, proto_tree *tree, tvbuff_t *tvb, const sipadv_flow_timeout *t);

/*
 * A message's call (show_call.c): its outcome and diagnosis on the message
 * that decided it and, once the first pass is over, on every message of the
 * call; the call_failed / call_dropped experts on the deciding message.
 */
void sipadv_show_call(const sipadv_shown *m, proto_tree *tree, proto_item *top);
/*
 * A call that a timer decided by this frame, said in a first pass: its
 * summary and expert under an item of its own; returns its Info hint.
 */
const char *sipadv_show_call_timeout(packet_info *pinfo, proto_tree *tree, tvbuff_t *tvb, guint32 call);
/* Whether sipadv_show_call() shows anything for this message. */
bool sipadv_call_shown(const sipadv_shown *m);
/* The call's outcome in a few words, for the Info column of the message that decided it; else NULL. */
const char *sipadv_call_hint(const sipadv_shown *m);

/* A call's or registration's one-line diagnosis in one language (tables/outcomes.tsv), from pool. */
const char *sipadv_call_diagnosis(wmem_allocator_t *pool, const sipadv_call *c, bool zh);
/* caller, callee or unknown, in one language. */
const char *sipadv_party_text(sipadv_party p, bool zh);

/* The SDP offer a response refuses, and what the refusal means (show_offer.c). */
void sipadv_show_offer(const sipadv_shown *m, proto_tree *tree);

/* The values of a message: Reason, Warning, the IMS specifics (show_values.c). */
void sipadv_show_values(const sipadv_shown *m, proto_tree *tree, proto_item *top);

/* Where a span of the message lies in the tvb, and how wide; nowhere when the bytes are unknown. */
gint sipadv_span_at(const sipadv_shown *m, sipadv_span s);
gint sipadv_span_width(const sipadv_shown *m, sipadv_span s);

/*
 * A meaning and a guidance (may be NULL) in both languages under tree, in the
 * fields hf[0..3]: meaning, its Chinese, guidance, its Chinese; each hidden by
 * the language preference; ims: an IMS flow, for which the IMS-only steps are shown too.
 */
void sipadv_show_explanation(const sipadv_shown *m, proto_tree *tree, const int hf[4], const sipadv_text *meaning,
                             const sipadv_guidance *guidance, bool ims);

/* The method a message is about: a request's own, a response's CSeq method (as sent when not a known one). */
const char *sipadv_shown_method(const sipadv_shown *m);

/* Generated items computed by sipadv (no bytes of their own); a time only when both ends are known. */
void sipadv_add_generated_uint(proto_tree *tree, int hf, tvbuff_t *tvb, guint32 value);
void sipadv_add_generated_time(proto_tree *tree, int hf, tvbuff_t *tvb, gint64 ns);

/* Sender text at a span of the message, cut to SIPADV_MAX_QUOTE bytes; "" when the bytes are unknown. */
const char *sipadv_span_text(const sipadv_shown *m, sipadv_span s);

#endif
