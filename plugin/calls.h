/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Calls and registrations: the INVITE dialogs and the REGISTER attempts of a
 * Call-ID, followed message by message in capture order to their outcome
 * (vocabulary.h: SIPADV_OUTCOMES, SIPADV_REG_OUTCOMES), who ended them and
 * when, and what the message that decided it said (code, sender, Reason,
 * Retry-After, Warning) for the diagnosis. No libwireshark here.
 *
 * A registration attempt starts with a REGISTER on a Call-ID whose last
 * attempt is decided (or none); its challenge rounds (401/407, 423) belong to
 * it; a 2xx registers (or deregisters, for Expires 0), another final response
 * or a challenge to rejected credentials fails it.
 *
 * A call starts with an INVITE without a To tag. Copies of its messages on
 * other legs of the capture (a proxy relays the same Call-ID) belong to it and
 * decide nothing again; a 401/407 that the caller answers with a new INVITE of
 * the same Call-ID is a step, not the outcome. A new INVITE without a To tag
 * on a Call-ID whose call has ended starts another call.
 */
#ifndef SIPADV_CALLS_H
#define SIPADV_CALLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "clock.h"
#include "sip_message.h"
#include "vocabulary.h"

typedef struct sipadv_calls sipadv_calls;

typedef enum { SIPADV_PARTY_UNKNOWN, SIPADV_PARTY_CALLER, SIPADV_PARTY_CALLEE } sipadv_party;

#define SIPADV_SENDER_MAX 48
#define SIPADV_GENERATOR_MAX 40

#define SIPADV_CALL_REASON_Q850  0x01u   /* reason_cause is a Q.850 cause */
#define SIPADV_CALL_REASON_SIP   0x02u   /* reason_cause is a SIP status */
#define SIPADV_CALL_RETRY_AFTER  0x04u
#define SIPADV_CALL_WARNING      0x08u
#define SIPADV_CALL_PROVISIONAL  0x10u   /* an 18x (or other non-100 provisional) came */
#define SIPADV_CALL_CANCELLED    0x20u   /* the caller sent CANCEL */
#define SIPADV_CALL_CHALLENGED   0x40u   /* a 401/407 answered the INVITE; a new INVITE would make it a step */
#define SIPADV_CALL_DEREGISTER   0x80u   /* a registration: the REGISTER asked for Expires 0 */
#define SIPADV_CALL_AUTH_REJECTED 0x100u /* the deciding 401/407 refused credentials (flow.h) */
#define SIPADV_CALL_ACKED        0x200u  /* the caller acknowledged the 2xx */
#define SIPADV_CALL_TIMEOUT      0x400u  /* a timer decided: no final response (event_method INVITE), no ACK (ACK) */
#define SIPADV_CALL_ANSWER_RESENT 0x800u /* the 2xx was sent again (any transport, RFC 3261 §13.3.1.4): its sender saw no ACK */
#define SIPADV_CALL_CLOCK_JUMP   0x1000u /* the capture's clock jumped during it (clock.h): its durations are not known */
#define SIPADV_CALL_SESSION_EXPIRED 0x2000u /* the BYE came when the session interval ran out unrefreshed (RFC 4028) */
#define SIPADV_CALL_TRYING       0x4000u /* a 100 came: Timer B stops (RFC 3261 §17.1.1.2) */

typedef enum { SIPADV_KIND_CALL, SIPADV_KIND_REGISTRATION } sipadv_record_kind;

/* IMS AKA and security agreement in a registration's challenge rounds (3GPP TS 24.229 §5.1.1, TS 33.203, RFC 3329). */
#define SIPADV_IMS_RESYNC       0x01u   /* a REGISTER sent auts: SQN resynchronisation (RFC 3310 §3.4) */
#define SIPADV_IMS_SEC_CLIENT   0x02u   /* a REGISTER offered Security-Client */
#define SIPADV_IMS_SEC_SERVER   0x04u   /* a 401/407 answered with Security-Server */
#define SIPADV_IMS_SEC_VERIFIED 0x08u   /* the REGISTER after it echoed Security-Verify */
#define SIPADV_IMS_SEC_MISSING  0x10u   /* the REGISTER after it lacked Security-Verify */

typedef struct {
    uint32_t first_frame;         /* the first INVITE */
    uint32_t settled_frame;       /* the message that decided the current outcome; 0: none yet */
    int64_t  start_ns;            /* time of the first INVITE */
    int64_t  provisional_ns;      /* of the first non-100 provisional response (PDD), or SIPADV_NO_TIME */
    int64_t  answer_ns;           /* of the first 2xx, or SIPADV_NO_TIME */
    int64_t  end_ns;              /* of the BYE or the failure that ended an answered call, or SIPADV_NO_TIME */
    int64_t  disconnect_ns;       /* of the first 2xx to a BYE after the BYE that ended it (SDD), or SIPADV_NO_TIME */
    int64_t  settled_ns;          /* of settled_frame */
    uint16_t final_code;          /* the final response to the INVITE; 0: none */
    uint16_t event_code;          /* the deciding response's code; 0 when a request decided */
    uint8_t  event_method;        /* sipadv_method of the deciding message (its CSeq method for a response) */
    uint8_t  kind;                /* sipadv_record_kind */
    uint8_t  outcome;             /* sipadv_outcome, or sipadv_reg_outcome for a registration */
    uint8_t  challenges;          /* registration: 401/407 answered so far (saturating) */
    uint32_t expires;             /* registration: seconds the 2xx granted */
    uint8_t  ended_by;            /* sipadv_party */
    uint16_t flags;               /* SIPADV_CALL_* */
    uint16_t reason_cause;        /* of the deciding message's first Reason */
    uint16_t warning_code;
    uint32_t retry_after;         /* seconds */
    uint32_t session_interval;    /* seconds: the Session-Expires the last 2xx set (RFC 4028); 0: none */
    uint8_t  ims;                 /* registration: SIPADV_IMS_* seen in its challenge rounds */
    uint32_t offer;               /* the SDP offer the deciding failure response refused (sdp_offer.h); 0: none */
    uint8_t  context;             /* SIPADV_CTX_* of the deciding response: what it answered */
    uint8_t  generator_from;      /* sipadv_header_id the generator was read from (sipadv_generator) */
    char     sender[SIPADV_SENDER_MAX];   /* who sent the deciding message */
    char     generator[SIPADV_GENERATOR_MAX];   /* who generated it, as it tells (printable); "": untold */
} sipadv_call;

typedef struct {
    uint32_t    frame;
    int64_t     time_ns;
    bool        repeat;           /* the transaction analysis saw this message before */
    bool        answer_resent;    /* ... a 2xx to INVITE its UAS sent again, over any transport (flow.h) */
    bool        reliable;         /* TCP, TLS, SCTP, WebSocket */
    bool        auth_rejected;    /* a 401/407 to credentials for its realm (flow.h) */
    uint8_t     context;          /* a response: SIPADV_CTX_* (what it answers, its challenge) */
    uint32_t    offer;            /* a failure response: the SDP offer it refuses (flow.h) */
    bool        ue_leg;           /* a request a UE sent to its P-CSCF: timed with that leg's T1 (flow.h) */
    int64_t     steady_since;     /* the last jump of the capture's clock (clock.h): durations across it are unknown */
} sipadv_call_packet;

typedef struct {
    uint32_t call;                /* 1 + index of the call (sipadv_calls_get); 0: not part of a call */
    bool     settles;             /* this message decided the call's outcome as far as the capture has come */
    bool     deciding;            /* this message is now the call's settled_frame (a 2xx or a 401/407 too,
                                   * which only the rest of the capture confirms): give its sender */
} sipadv_call_result;

/*
 * The time from one of c's moments to a later one, in *ns; false when either
 * is missing or the capture's clock jumped while c was open (its times then
 * straddle the jump).
 */
static inline bool
sipadv_call_span(const sipadv_call *c, int64_t from, int64_t to, int64_t *ns)
{
    if (from == SIPADV_NO_TIME || to == SIPADV_NO_TIME || to < from || (c->flags & SIPADV_CALL_CLOCK_JUMP))
        return false;
    *ns = to - from;
    return true;
}

/*
 * The outcome as far as the capture goes: a call whose INVITE was last
 * answered by a 401/407 is rejected unless a new INVITE follows, which only
 * a later message can tell (so the 401/407 does not decide it on its own).
 */
static inline sipadv_outcome
sipadv_call_outcome(const sipadv_call *c)   /* a call's */
{
    return c->outcome == SIPADV_OUTCOME_SETUP && (c->flags & SIPADV_CALL_CHALLENGED) ? SIPADV_OUTCOME_REJECTED
                                                                                      : (sipadv_outcome)c->outcome;
}

/*
 * t1_ns: RFC 3261 T1, for the timers that decide calls whose messages stop
 * coming; t1_ue_ns: T1 for a call whose INVITE a UE sent to its P-CSCF (3GPP
 * TS 24.229 §7.7), 0 for t1_ns.
 */
sipadv_calls *sipadv_calls_new(int64_t t1_ns, int64_t t1_ue_ns, uint64_t seed);
void sipadv_calls_free(sipadv_calls *calls);

void sipadv_calls_message(sipadv_calls *calls, const uint8_t *buf, const sipadv_message *msg,
                          const sipadv_call_packet *pkt, sipadv_call_result *out);

/*
 * The calls timers decide by now, each number given to fn: failed, when an
 * INVITE got no final response within 64×T1 (Timer B), or after any 1xx, 3
 * minutes after (a proxy's Timer C, RFC 3261 §16.6); dropped, when the 2xx got
 * no ACK within 64×T1 (§13.3.1.4) and its sender saw none either: it resent
 * the 2xx, which a UAS does over any transport until the ACK comes (a 2xx
 * never resent was acknowledged, on a path the capture does not show). The
 * decision is dated when the timer ran out and belongs to the INVITE, or the
 * 2xx, as settled_frame. Call it with each frame's time, after its messages.
 */
typedef void (*sipadv_calls_timeout_fn)(void *ctx, uint32_t call);
void sipadv_calls_expire(sipadv_calls *calls, int64_t now, sipadv_calls_timeout_fn fn, void *ctx);

/* Who sent the deciding message (a printable address), for a result with deciding set. */
void sipadv_calls_set_sender(sipadv_calls *calls, uint32_t call, const char *sender);

/* The call of a result's call number; NULL for 0 or a number not given out. */
const sipadv_call *sipadv_calls_get(const sipadv_calls *calls, uint32_t call);
size_t sipadv_calls_count(const sipadv_calls *calls);

#endif
