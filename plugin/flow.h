/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Transactions across messages (RFC 3261 §17): which request a response
 * answers, how long it took, which messages were sent again. Fed every SIP
 * message once, in capture order, by the first pass; no libwireshark here, so
 * the unit tests and the fuzzer drive it with plain message sequences.
 *
 * A transaction is keyed as its client matches a response (§17.1.3): the top
 * Via branch with the method (a response: its CSeq method); the server's rule
 * (§17.2.3) adds the sent-by, which a peer may rewrite in its response, and
 * only a broken client reuses a branch. Peers without the "z9hG4bK" branch
 * cookie (RFC 2543) are keyed on Call-ID, CSeq number, From tag and top Via
 * sent-by.
 * Keys are kept as seeded 64-bit hashes; a transaction is forgotten once no
 * message of it can be expected any more (bounded memory on any capture).
 */
#ifndef SIPADV_FLOW_H
#define SIPADV_FLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "clock.h"
#include "sip_message.h"

typedef struct sipadv_flow sipadv_flow;

typedef struct {
    int64_t  t1_ns;             /* RFC 3261 T1: 500 ms */
    int64_t  t1_ue_ns;          /* T1 on the IMS UE–P-CSCF leg (3GPP TS 24.229 §7.7: 2 s); 0: that leg is not
                                 * told apart (sipadv.ims_profile off) */
    int64_t  provisional_ns;    /* an INVITE's first response later than this is late (RFC 3261 §17.2.1: 200 ms) */
    uint32_t sweep_every;       /* messages between two sweeps of ended transactions; 0: the default */
} sipadv_flow_config;

/* Where and when a message was seen. */
typedef struct {
    uint32_t frame;
    int64_t  time_ns;           /* capture time */
    bool     reliable;          /* TCP, TLS, SCTP, WebSocket: SIP does not retransmit there */
    uint8_t  index;             /* of the message in its frame (several on TCP) */
    uint64_t src_host, dst_host;   /* the addresses, hashed by the caller; 0: unknown */
    uint16_t src_port, dst_port;
    int64_t  steady_since;      /* the last jump of the capture's clock (clock.h): durations across it are unknown */
} sipadv_flow_packet;

#define SIPADV_FLOW_REPEAT         0x1u   /* the same request or response seen before: original_frame */
#define SIPADV_FLOW_RETRANSMISSION 0x2u   /* a repeat on an unreliable transport: sent again by SIP */
#define SIPADV_FLOW_ORPHAN         0x4u   /* a response whose request is not in the capture */
#define SIPADV_FLOW_LATE_PROVISIONAL 0x8u /* the first response to an INVITE, later than provisional_ns */
#define SIPADV_FLOW_AUTH_REJECTED  0x10u  /* a 401/407 to a request that carried credentials for that realm, not stale */
#define SIPADV_FLOW_MISSING_ACK    0x20u  /* a final response to INVITE sent again, no ACK seen yet; or (a timeout) none came */
#define SIPADV_FLOW_RETRY_IGNORED  0x40u  /* a new request to a server whose 500/503 Retry-After has not expired */
#define SIPADV_FLOW_NO_FINAL       0x80u  /* (a timeout) a request with no final response in time */
#define SIPADV_FLOW_COPY           0x1000u /* the same message seen within T1/2 on any leg: copy_of; explained there */
/* For the call analysis, never stored: */
#define SIPADV_FLOW_ANSWER_RESENT  0x2000u /* a 2xx to INVITE sent again by its UAS, over any transport (§13.3.1.4) */
#define SIPADV_FLOW_UE_LEG         0x4000u /* a request that starts a transaction on the UE–P-CSCF leg: timed with t1_ue_ns */

typedef struct {
    uint32_t request_frame;     /* responses: the first transmission of the request answered; 0: unknown */
    uint32_t original_frame;    /* repeats: the first transmission of this message */
    uint32_t copy_of;           /* COPY: the first sighting of this very message */
    uint32_t offer;             /* with request_frame: the SDP offer of the request answered (sdp_offer.h); 0: none */
    int64_t  since_original_ns; /* repeats: time since that first transmission */
    int64_t  response_time_ns;  /* with request_frame: from the request's first transmission; SIPADV_NO_TIME
                                 * when the capture's clock jumped in between */
    uint32_t retry_frame;       /* RETRY_IGNORED: the response that said Retry-After */
    int64_t  since_retry_ns;    /* since it */
    int64_t  waited_ns;         /* timeouts: how long was waited (the timer) */
    uint32_t flags;             /* SIPADV_FLOW_* */
    uint8_t  request_context;   /* with request_frame: what the request was (SIPADV_CTX_INITIAL, IN_DIALOG,
                                 * CREDENTIALS; IMS when it looks IMS, whatever the preference) */
} sipadv_flow_result;

/* A timer that ran out: a request never answered, a final response to INVITE never acknowledged. */
typedef struct {
    uint32_t frame;             /* the request (NO_FINAL) or the final response (MISSING_ACK), first transmission */
    uint8_t  index;             /* of that message in its frame */
    uint8_t  method;            /* sipadv_method of the request */
    uint16_t code;              /* MISSING_ACK: the final response's code */
    uint32_t flag;              /* SIPADV_FLOW_NO_FINAL or SIPADV_FLOW_MISSING_ACK */
    int64_t  waited_ns;         /* the timer that ran out */
} sipadv_flow_timeout;

typedef void (*sipadv_flow_timeout_fn)(void *ctx, const sipadv_flow_timeout *t);

/* A duration as 32-bit microseconds, as stored: clamped at 0 and at over 71 minutes; UINT32_MAX for SIPADV_NO_TIME. */
static inline uint32_t
sipadv_flow_microseconds(int64_t ns)
{
    int64_t us = ns / 1000;

    return ns == SIPADV_NO_TIME ? UINT32_MAX : us < 0 ? 0 : us >= UINT32_MAX ? UINT32_MAX - 1 : (uint32_t)us;
}

/* A duration as stored back in nanoseconds. */
static inline int64_t
sipadv_flow_nanoseconds(uint32_t us)
{
    return us == UINT32_MAX ? SIPADV_NO_TIME : (int64_t)us * 1000;
}

/* seed: for the key hashes (a capture cannot aim collisions at an unknown seed). */
sipadv_flow *sipadv_flow_new(const sipadv_flow_config *cfg, uint64_t seed);
void sipadv_flow_free(sipadv_flow *flow);

/* One message, in capture order; msg as sipadv_message_parse() read it from buf. */
void sipadv_flow_message(sipadv_flow *flow, const uint8_t *buf, const sipadv_message *msg,
                         const sipadv_flow_packet *pkt, sipadv_flow_result *out);

/*
 * The timers run out by now (RFC 3261 Timers B and F: 64×T1 with no final
 * response; an INVITE answered only provisionally, 3 minutes (Timer C, §16.6)
 * after its last message; Timer H: 64×T1 without ACK for a final response to
 * INVITE), each given to fn. Call it with each frame's time, after its
 * messages (an answer in that frame came in time): a timer runs out only while
 * the capture goes on.
 */
void sipadv_flow_expire(sipadv_flow *flow, int64_t now, sipadv_flow_timeout_fn fn, void *ctx);

/* Transactions still kept: for the tests of bounded memory. */
size_t sipadv_flow_live(const sipadv_flow *flow);

#endif
