/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Transactions across messages (RFC 3261 §17): which request a response
 * answers, how long it took, which messages were sent again. Fed every SIP
 * message once, in capture order, by the first pass; no libwireshark here, so
 * the unit tests and the fuzzer drive it with plain message sequences.
 *
 * A transaction is keyed as its server would match it (§17.2.3): the top Via
 * branch and sent-by with the method (a response: its CSeq method; ACK for a
 * non-2xx belongs to the INVITE). Peers without the "z9hG4bK" branch cookie
 * (RFC 2543) are keyed on Call-ID, CSeq number, From tag and top Via sent-by.
 * Keys are kept as seeded 64-bit hashes; a transaction is forgotten once no
 * message of it can be expected any more (bounded memory on any capture).
 */
#ifndef SIPADV_FLOW_H
#define SIPADV_FLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sip_message.h"

typedef struct sipadv_flow sipadv_flow;

typedef struct {
    int64_t  t1_ns;             /* RFC 3261 T1: 500 ms, 2 s on the IMS UE–P-CSCF leg (3GPP TS 24.229 §7.7) */
    int64_t  provisional_ns;    /* an INVITE's first response later than this is late (RFC 3261 §17.2.1: 200 ms) */
    uint32_t sweep_every;       /* messages between two sweeps of ended transactions; 0: the default */
} sipadv_flow_config;

/* Where and when a message was seen. */
typedef struct {
    uint32_t frame;
    int64_t  time_ns;           /* capture time */
    bool     reliable;          /* TCP, TLS, SCTP, WebSocket: SIP does not retransmit there */
} sipadv_flow_packet;

#define SIPADV_FLOW_REPEAT         0x1u   /* the same request or response seen before: original_frame */
#define SIPADV_FLOW_RETRANSMISSION 0x2u   /* a repeat on an unreliable transport: sent again by SIP */
#define SIPADV_FLOW_ORPHAN         0x4u   /* a response whose request is not in the capture */
#define SIPADV_FLOW_LATE_PROVISIONAL 0x8u /* the first response to an INVITE, later than provisional_ns */
#define SIPADV_FLOW_AUTH_REJECTED  0x10u  /* a 401/407 to a request that carried credentials for that realm, not stale */

typedef struct {
    uint32_t request_frame;     /* responses: the first transmission of the request answered; 0: unknown */
    uint32_t original_frame;    /* repeats: the first transmission of this message */
    int64_t  since_original_ns; /* repeats: time since that first transmission */
    int64_t  response_time_ns;  /* with request_frame: from the request's first transmission */
    uint32_t flags;             /* SIPADV_FLOW_* */
} sipadv_flow_result;

/* A duration as 32-bit microseconds, as stored: clamped at 0 (a capture out of time order) and at UINT32_MAX (over 71 minutes). */
static inline uint32_t
sipadv_flow_microseconds(int64_t ns)
{
    int64_t us = ns / 1000;

    return us < 0 ? 0 : us > UINT32_MAX ? UINT32_MAX : (uint32_t)us;
}

/* seed: for the key hashes (a capture cannot aim collisions at an unknown seed). */
sipadv_flow *sipadv_flow_new(const sipadv_flow_config *cfg, uint64_t seed);
void sipadv_flow_free(sipadv_flow *flow);

/* One message, in capture order; msg as sipadv_message_parse() read it from buf. */
void sipadv_flow_message(sipadv_flow *flow, const uint8_t *buf, const sipadv_message *msg,
                         const sipadv_flow_packet *pkt, sipadv_flow_result *out);

/* Transactions still kept: for the tests of bounded memory. */
size_t sipadv_flow_live(const sipadv_flow *flow);

#endif
