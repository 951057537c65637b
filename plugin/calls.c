/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "calls.h"

#include <stdlib.h>
#include <string.h>

#include "deadlines.h"
#include "key_hash.h"
#include "key_table.h"
#include "record_pool.h"
#include "sip_values.h"

/* A call's own keys, kept beside its public record. */
typedef struct {
    sipadv_call pub;
    uint64_t    caller_tag;       /* hash of the From tag of the first INVITE */
    uint32_t    invite_cseq;      /* CSeq of the INVITE now in setup */
    uint32_t    current_frame;    /* the INVITE now in setup; once answered, the 2xx */
    uint32_t    decided_to_tag;   /* hash of the To tag of the final response that decided it */
    int64_t     refreshed_ns;     /* the answer, then each 2xx to a re-INVITE or UPDATE (RFC 4028 refreshes) */
    uint32_t    number;           /* its record number: 1 + its index among the capture's calls */
    uint8_t     leg;              /* SIPADV_LEG_*: the INVITE now in setup came from a UE to its P-CSCF (its T1) */
} call_record;

#define TIMER_SETUP   0          /* the INVITE's final response, 64×T1 */
#define TIMER_ACK     1          /* the 2xx's ACK, 64×T1 */
#define TIMER_RINGING 2          /* a ringing INVITE's final response: Timer C */


struct sipadv_calls {
    uint64_t         seed;
    int64_t          t1_ns[SIPADV_LEGS];
    sipadv_deadlines timers[SIPADV_LEGS];    /* TIMER_SETUP, TIMER_ACK: one delay a leg, due in order */
    sipadv_deadlines ringing[SIPADV_LEGS];   /* TIMER_RINGING */
    sipadv_key_table newest;      /* Call-ID hash -> uint32_t: 1 + index of its newest call */
    sipadv_record_pool calls;     /* call_record, every call of the capture, numbered in order */
};

#define INITIAL_CAPACITY 1024

static uint64_t
hash_of(const sipadv_calls *calls, const uint8_t *buf, sipadv_span s, uint64_t salt)
{
    key_hash k = { calls->seed ^ salt };

    hash_span(&k, buf, s, false);
    return hash_end(&k);
}

sipadv_calls *
sipadv_calls_new(int64_t t1_ns, int64_t t1_ue_ns, uint64_t seed)
{
    sipadv_calls *calls = calloc(1, sizeof *calls);

    if (!calls)
        return NULL;
    calls->seed = seed;
    sipadv_legs_t1(calls->t1_ns, t1_ns, t1_ue_ns);
    sipadv_record_pool_init(&calls->calls, sizeof(call_record));
    if (!sipadv_key_table_init(&calls->newest, sizeof(uint32_t), INITIAL_CAPACITY)) {
        free(calls);
        return NULL;
    }
    return calls;
}

void
sipadv_calls_free(sipadv_calls *calls)
{
    if (calls) {
        sipadv_key_table_free(&calls->newest);
        for (unsigned leg = 0; leg < SIPADV_LEGS; leg++) {
            sipadv_deadlines_free(&calls->timers[leg]);
            sipadv_deadlines_free(&calls->ringing[leg]);
        }
        sipadv_record_pool_free(&calls->calls);
        free(calls);
    }
}

size_t
sipadv_calls_count(const sipadv_calls *calls)
{
    return calls->calls.used;
}

static call_record *
record_of(const sipadv_calls *calls, uint32_t call)
{
    return call >= 1 && call <= calls->calls.used ? sipadv_record_pool_at(&calls->calls, call) : NULL;
}

void
sipadv_calls_set_sender(sipadv_calls *calls, uint32_t call, const char *sender)
{
    call_record *c = record_of(calls, call);

    if (c && sender) {
        char *to = c->pub.sender;
        strncpy(to, sender, SIPADV_SENDER_MAX - 1);
        to[SIPADV_SENDER_MAX - 1] = '\0';
    }
}

/* Whether the message comes from the caller: its From tag is the first INVITE's. */
static bool
from_caller(const sipadv_calls *calls, const call_record *c, const uint8_t *buf, const sipadv_message *msg)
{
    return hash_of(calls, buf, msg->id.from_tag, 1) == c->caller_tag;
}

/* The number a result gives out for a record: 1 + its index, so that 0 says "no call". */
static uint32_t
number_of(const sipadv_calls *calls, const call_record *c)
{
    (void)calls;
    return c->number;
}

/* A timer on a call, 64×T1 of its leg after now: it fires only if the call's INVITE is still the one it was armed for. */
static void
arm(sipadv_calls *calls, int64_t now, const call_record *c, uint32_t what)
{
    sipadv_deadlines_arm(&calls->timers[c->leg], now + 64 * calls->t1_ns[c->leg], number_of(calls, c), what,
                         c->invite_cseq);
}

const sipadv_call *
sipadv_calls_get(const sipadv_calls *calls, uint32_t call)
{
    const call_record *c = record_of(calls, call);

    return c ? &c->pub : NULL;
}

/* A new call or registration, the newest of its Call-ID, begun by this INVITE or REGISTER; NULL when memory runs out. */
static call_record *
start_record(sipadv_calls *calls, sipadv_record_kind kind, uint64_t key, const uint8_t *buf,
             const sipadv_message *msg, const sipadv_call_packet *pkt)
{
    call_record *c;
    uint32_t *newest;
    bool added;

    uint32_t number;

    if ((newest = sipadv_key_table_put(&calls->newest, key, &added)) == NULL ||
        (number = sipadv_record_pool_take(&calls->calls)) == 0)
        return NULL;
    *newest = number;
    c = sipadv_record_pool_at(&calls->calls, number);
    c->number = number;
    c->pub.first_frame = pkt->frame;
    c->pub.start_ns = pkt->time_ns;
    c->pub.provisional_ns = c->pub.answer_ns = c->pub.end_ns = c->pub.disconnect_ns = SIPADV_NO_TIME;
    c->pub.kind = (uint8_t)kind;
    c->pub.outcome = kind == SIPADV_KIND_CALL ? (uint8_t)SIPADV_OUTCOME_SETUP : (uint8_t)SIPADV_REG_PENDING;
    c->caller_tag = hash_of(calls, buf, msg->id.from_tag, 1);
    c->invite_cseq = msg->id.cseq;
    c->current_frame = pkt->frame;
    return c;
}

/* Who generated the deciding message, as printable text cut to fit. */
static void
keep_generator(sipadv_call *p, const uint8_t *buf, const sipadv_message *msg)
{
    sipadv_header_id from;
    sipadv_span g = sipadv_generator(buf, msg, &from);
    size_t n = g.len < SIPADV_GENERATOR_MAX - 1 ? g.len : SIPADV_GENERATOR_MAX - 1;

    for (size_t i = 0; i < n; i++) {
        uint8_t ch = buf[g.off + i];
        p->generator[i] = ch >= 0x20 && ch < 0x7f ? (char)ch : '?';
    }
    p->generator[n] = '\0';
    p->generator_from = (uint8_t)from;
}

/* What the deciding message says, for the diagnosis: who sent it, its Reason, Retry-After and Warning. */
static void
settle(call_record *c, unsigned outcome, const uint8_t *buf, const sipadv_message *msg,
       const sipadv_call_packet *pkt, sipadv_call_result *out)
{
    sipadv_call *p = &c->pub;
    sipadv_span item;
    size_t pos;

    p->outcome = (uint8_t)outcome;
    p->settled_frame = pkt->frame;
    p->settled_ns = pkt->time_ns;
    p->event_code = msg->kind == SIPADV_KIND_RESPONSE ? (uint16_t)msg->status.code : 0;
    p->event_method = (uint8_t)(msg->kind == SIPADV_KIND_RESPONSE ? msg->id.cseq_method_id : msg->method_id);
    p->flags &= (uint16_t)(SIPADV_CALL_PROVISIONAL | SIPADV_CALL_CANCELLED | SIPADV_CALL_CHALLENGED |
                           SIPADV_CALL_DEREGISTER | SIPADV_CALL_ACKED | SIPADV_CALL_ANSWER_RESENT | SIPADV_CALL_TRYING |
                           SIPADV_CALL_CLOCK_JUMP);
    if (pkt->auth_rejected)
        p->flags |= SIPADV_CALL_AUTH_REJECTED;
    p->reason_cause = p->warning_code = 0;
    p->retry_after = 0;
    p->sender[0] = '\0';
    p->context = pkt->context;
    p->offer = pkt->offer;
    keep_generator(p, buf, msg);
    pos = msg->reasons.n ? msg->reasons.value[0].off : 0;
    if (msg->reasons.n && sipadv_next_list_item(buf, msg->reasons.value[0], &pos, &item)) {
        sipadv_reason_value rv;
        if (sipadv_parse_reason(buf, item, &rv) && rv.has_cause && rv.kind != SIPADV_REASON_OTHER) {
            p->reason_cause = (uint16_t)rv.cause;
            p->flags |= rv.kind == SIPADV_REASON_Q850 ? SIPADV_CALL_REASON_Q850 : SIPADV_CALL_REASON_SIP;
        }
    }
    pos = msg->warnings.n ? msg->warnings.value[0].off : 0;
    if (msg->warnings.n && sipadv_next_list_item(buf, msg->warnings.value[0], &pos, &item)) {
        sipadv_warning_value wv;
        if (sipadv_parse_warning(buf, item, &wv) && wv.has_code) {
            p->warning_code = (uint16_t)wv.code;
            p->flags |= SIPADV_CALL_WARNING;
        }
    }
    if (sipadv_message_has(msg, SIPADV_HDR_RETRY_AFTER)) {
        unsigned secs;
        if (sipadv_span_number(buf, sipadv_leading_digits(buf, msg->first[SIPADV_HDR_RETRY_AFTER]), 9, &secs)) {
            p->retry_after = secs;
            p->flags |= SIPADV_CALL_RETRY_AFTER;
        }
    }
    out->settles = out->deciding = true;
}

static uint32_t
to_tag_of(const sipadv_calls *calls, const uint8_t *buf, const sipadv_message *msg)
{
    return (uint32_t)hash_of(calls, buf, msg->id.to_tag, 2);
}

/* A 2xx's Session-Expires, in seconds (RFC 4028 §4): it starts or refreshes the session interval. */
static void
refresh_session(call_record *c, const uint8_t *buf, const sipadv_message *msg, int64_t now)
{
    unsigned secs;

    c->refreshed_ns = now;
    if (sipadv_message_has(msg, SIPADV_HDR_SESSION_EXPIRES) &&
        sipadv_span_number(buf, sipadv_leading_digits(buf, msg->first[SIPADV_HDR_SESSION_EXPIRES]), 9, &secs))
        c->pub.session_interval = secs;
}

/*
 * RFC 4028 §10: without a refresh the session ends when the interval runs
 * out; the side that is not the refresher sends its BYE then, the refresher
 * up to min(32 s, interval/3) before. A BYE that late after the last refresh
 * ends a session that was not refreshed.
 */
static bool
session_expired(const call_record *c, int64_t now)
{
    int64_t interval = (int64_t)c->pub.session_interval * SIPADV_NS_PER_S, margin = interval / 3;

    if (!interval)
        return false;
    if (margin > 32 * SIPADV_NS_PER_S)
        margin = 32 * SIPADV_NS_PER_S;
    return now - c->refreshed_ns >= interval - margin;
}

/* The outcome a final failure response to the INVITE gives (RFC 3261 §21; 408 after an 18x: nobody answered). */
static sipadv_outcome
failure_outcome(const sipadv_call *c, unsigned code)
{
    if (code == 486 || code == 600)
        return SIPADV_OUTCOME_BUSY;
    if (code == 603)
        return SIPADV_OUTCOME_DECLINED;
    if (code == 480 || (code == 408 && (c->flags & SIPADV_CALL_PROVISIONAL)))
        return SIPADV_OUTCOME_NO_ANSWER;
    if (code == 487 && (c->flags & SIPADV_CALL_CANCELLED))
        return SIPADV_OUTCOME_CANCELLED;
    if (code >= 300 && code < 400)
        return SIPADV_OUTCOME_REDIRECTED;
    if (code >= 500 && code < 600)
        return SIPADV_OUTCOME_FAILED;
    if (code == 408)
        return SIPADV_OUTCOME_FAILED;
    return SIPADV_OUTCOME_REJECTED;
}

/* A BYE ends an answered call normally without Reason, or with Q.850 16 (normal clearing) or 31 (normal, unspecified). */
static bool
normal_clearing(const sipadv_call *c)
{
    if (c->flags & SIPADV_CALL_REASON_Q850)
        return c->reason_cause == 16 || c->reason_cause == 31;
    if (c->flags & SIPADV_CALL_REASON_SIP)
        return c->reason_cause == 200;
    return true;
}

static bool
ended(const sipadv_call *c)
{
    return c->kind != SIPADV_KIND_CALL || (c->outcome != SIPADV_OUTCOME_SETUP && c->outcome != SIPADV_OUTCOME_ANSWERED);
}

static void
on_invite(sipadv_calls *calls, uint64_t key, call_record *c, const uint8_t *buf,
          const sipadv_message *msg, const sipadv_call_packet *pkt, sipadv_call_result *out)
{
    sipadv_call *p = c ? &c->pub : NULL;

    /* Another leg's copy of the INVITE (a proxy forking it, perhaps after a fork failed), or a retransmission. */
    if (p && p->kind == SIPADV_KIND_CALL && msg->id.cseq == c->invite_cseq && from_caller(calls, c, buf, msg))
        return;
    /* The caller answers a challenge with a new INVITE: the 401/407 was a step (RFC 3261 §22.2). */
    if (p && (p->flags & SIPADV_CALL_CHALLENGED) && msg->id.cseq > c->invite_cseq &&
        from_caller(calls, c, buf, msg)) {
        p->flags &= (uint16_t)~SIPADV_CALL_CHALLENGED;
        p->final_code = p->event_code = 0;
        p->settled_frame = 0;
        p->ended_by = SIPADV_PARTY_UNKNOWN;
        c->invite_cseq = msg->id.cseq;
        c->current_frame = pkt->frame;
        c->leg = pkt->ue_leg ? SIPADV_LEG_UE : SIPADV_LEG_ANY;
        arm(calls, pkt->time_ns, c, TIMER_SETUP);
        return;
    }
    if (p && !ended(p))
        return;   /* an INVITE without To tag inside a live call: not a new call */
    c = start_record(calls, SIPADV_KIND_CALL, key, buf, msg, pkt);
    if (c) {
        out->call = number_of(calls, c);
        c->leg = pkt->ue_leg ? SIPADV_LEG_UE : SIPADV_LEG_ANY;
        arm(calls, pkt->time_ns, c, TIMER_SETUP);
    }
}

static void
on_response(sipadv_calls *calls, call_record *c, const uint8_t *buf, const sipadv_message *msg, const sipadv_call_packet *pkt,
            sipadv_call_result *out)
{
    sipadv_call *p = &c->pub;
    unsigned code = msg->status.code;
    bool initial = msg->id.cseq_method_id == SIPADV_METHOD_INVITE && msg->id.cseq == c->invite_cseq;

    if (msg->status.kind != SIPADV_STATUS_OK)
        return;
    /* A forked INVITE: one early dialog failed, another answers; the proxy forwards the 2xx (RFC 3261 §16.7). */
    if (initial && code >= 200 && code < 300 && p->event_code >= 300 && p->final_code == p->event_code &&
        !(p->flags & SIPADV_CALL_TIMEOUT) && to_tag_of(calls, buf, msg) != c->decided_to_tag) {
        p->outcome = SIPADV_OUTCOME_SETUP;
        p->flags &= (uint16_t)~SIPADV_CALL_CHALLENGED;
    }
    if (initial && p->outcome == SIPADV_OUTCOME_SETUP) {
        if (code == 100)
            p->flags |= SIPADV_CALL_TRYING;
        if (code > 100 && code < 200 && p->provisional_ns == SIPADV_NO_TIME) {
            p->provisional_ns = pkt->time_ns;
            p->flags |= SIPADV_CALL_PROVISIONAL;
        } else if (code >= 200 && code < 300) {
            p->answer_ns = pkt->time_ns;
            p->final_code = (uint16_t)code;
            c->current_frame = pkt->frame;
            settle(c, SIPADV_OUTCOME_ANSWERED, buf, msg, pkt, out);
            refresh_session(c, buf, msg, pkt->time_ns);
            arm(calls, pkt->time_ns, c, TIMER_ACK);
            /* "Answered" means still up when the capture ends: only the end of the capture decides it. */
            out->settles = false;
        } else if (code >= 300 && !(p->flags & SIPADV_CALL_CHALLENGED)) {
            sipadv_outcome o = failure_outcome(p, code);
            p->final_code = (uint16_t)code;
            c->decided_to_tag = to_tag_of(calls, buf, msg);
            settle(c, o, buf, msg, pkt, out);
            p->ended_by = o == SIPADV_OUTCOME_CANCELLED ? SIPADV_PARTY_CALLER : SIPADV_PARTY_CALLEE;
            /* A challenge decides only if no new INVITE answers it: kept in setup, said by sipadv_call_outcome().
             * A challenge to rejected credentials decides at once. */
            if ((code == 401 || code == 407) && !pkt->auth_rejected) {
                p->outcome = SIPADV_OUTCOME_SETUP;
                p->flags |= SIPADV_CALL_CHALLENGED;
                out->settles = false;
            }
        }
        return;
    }
    if (p->event_method == SIPADV_METHOD_BYE && p->end_ns != SIPADV_NO_TIME && p->disconnect_ns == SIPADV_NO_TIME &&
        msg->id.cseq_method_id == SIPADV_METHOD_BYE && code >= 200 && code < 300)
        p->disconnect_ns = pkt->time_ns;
    /* A re-INVITE or UPDATE answered inside the call refreshes the session (RFC 4028 §7.4, §8.2). */
    if (p->outcome == SIPADV_OUTCOME_ANSWERED && !initial && code >= 200 && code < 300 &&
        (msg->id.cseq_method_id == SIPADV_METHOD_INVITE || msg->id.cseq_method_id == SIPADV_METHOD_UPDATE))
        refresh_session(c, buf, msg, pkt->time_ns);
    /* The dialog is gone (§12.2.1.2): 408 or 481 to a request inside an answered call. A CANCEL is
     * not one: a 481 to it says the INVITE was answered first (§9.2), the call goes on. */
    if (p->outcome == SIPADV_OUTCOME_ANSWERED && !initial && (code == 408 || code == 481) &&
        msg->id.cseq_method_id != SIPADV_METHOD_CANCEL) {
        p->end_ns = pkt->time_ns;
        settle(c, SIPADV_OUTCOME_DROPPED, buf, msg, pkt, out);
        p->ended_by = SIPADV_PARTY_UNKNOWN;
    }
}

static void
on_request(sipadv_calls *calls, call_record *c, const uint8_t *buf, const sipadv_message *msg,
           const sipadv_call_packet *pkt, sipadv_call_result *out)
{
    sipadv_call *p = &c->pub;

    if (msg->method_id == SIPADV_METHOD_CANCEL && p->outcome == SIPADV_OUTCOME_SETUP) {
        p->flags |= SIPADV_CALL_CANCELLED;
        return;
    }
    if (msg->method_id == SIPADV_METHOD_ACK && msg->id.cseq == c->invite_cseq) {
        p->flags |= SIPADV_CALL_ACKED;
        return;
    }
    if (msg->method_id == SIPADV_METHOD_BYE && p->outcome == SIPADV_OUTCOME_ANSWERED) {
        bool by_caller = from_caller(calls, c, buf, msg);
        p->end_ns = pkt->time_ns;
        settle(c, SIPADV_OUTCOME_COMPLETED, buf, msg, pkt, out);
        if (session_expired(c, pkt->time_ns))
            p->flags |= SIPADV_CALL_SESSION_EXPIRED;
        if (!normal_clearing(p) || (p->flags & SIPADV_CALL_SESSION_EXPIRED))
            p->outcome = SIPADV_OUTCOME_DROPPED;
        p->ended_by = by_caller ? SIPADV_PARTY_CALLER : SIPADV_PARTY_CALLEE;
    }
}

/* Expires 0 (header, or the Contact's parameter) or Contact "*": the REGISTER removes the binding (RFC 3261 §10.2.2). */
static bool
deregisters(const uint8_t *buf, const sipadv_message *msg)
{
    sipadv_span contact = msg->first[SIPADV_HDR_CONTACT], expires;

    if (sipadv_message_has(msg, SIPADV_HDR_CONTACT) && contact.len == 1 && buf[contact.off] == '*')
        return true;
    if (sipadv_message_has(msg, SIPADV_HDR_CONTACT) && sipadv_param_value(buf, contact, "expires", &expires))
        return sipadv_span_equals(buf, expires, "0");
    return sipadv_message_has(msg, SIPADV_HDR_EXPIRES) && sipadv_span_equals(buf, msg->first[SIPADV_HDR_EXPIRES], "0");
}

/* The binding time a 2xx grants: the first Contact's expires parameter, else Expires (RFC 3261 §10.2.4). */
static uint32_t
granted(const uint8_t *buf, const sipadv_message *msg)
{
    sipadv_span expires = { 0, 0 };
    unsigned secs = 0;

    if (!(sipadv_message_has(msg, SIPADV_HDR_CONTACT) &&
          sipadv_param_value(buf, msg->first[SIPADV_HDR_CONTACT], "expires", &expires)) &&
        sipadv_message_has(msg, SIPADV_HDR_EXPIRES))
        expires = msg->first[SIPADV_HDR_EXPIRES];
    return sipadv_span_number(buf, sipadv_leading_digits(buf, expires), 9, &secs) ? secs : 0;
}

static void
on_register(sipadv_calls *calls, uint64_t key, call_record *c, const uint8_t *buf, const sipadv_message *msg,
            const sipadv_call_packet *pkt, sipadv_call_result *out)
{
    /* A new attempt unless this Call-ID's registration is still in its challenge rounds. */
    if (!c || c->pub.kind != SIPADV_KIND_REGISTRATION || c->pub.outcome != SIPADV_REG_PENDING)
        c = start_record(calls, SIPADV_KIND_REGISTRATION, key, buf, msg, pkt);
    if (!c)
        return;
    if (msg->id.cseq != c->invite_cseq && (c->pub.flags & SIPADV_CALL_CHALLENGED)) {
        /* This REGISTER answers the last challenge; one that offered Security-Server must be echoed. */
        c->pub.flags &= (uint16_t)~SIPADV_CALL_CHALLENGED;
        if (c->pub.ims & SIPADV_IMS_SEC_SERVER)
            c->pub.ims |= sipadv_message_has(msg, SIPADV_HDR_SECURITY_VERIFY) ? SIPADV_IMS_SEC_VERIFIED
                                                                              : SIPADV_IMS_SEC_MISSING;
    }
    if (sipadv_message_has(msg, SIPADV_HDR_AUTHORIZATION)) {
        sipadv_span auts;
        if (sipadv_auth_param(buf, msg->first[SIPADV_HDR_AUTHORIZATION], "auts", &auts))
            c->pub.ims |= SIPADV_IMS_RESYNC;
    }
    if (sipadv_message_has(msg, SIPADV_HDR_SECURITY_CLIENT))   /* RFC 3329 sec-agree */
        c->pub.ims |= SIPADV_IMS_SEC_CLIENT;
    c->invite_cseq = msg->id.cseq;
    if (deregisters(buf, msg))
        c->pub.flags |= SIPADV_CALL_DEREGISTER;
    else
        c->pub.flags &= (uint16_t)~SIPADV_CALL_DEREGISTER;
    out->call = number_of(calls, c);
}

static void
on_register_response(call_record *c, const uint8_t *buf, const sipadv_message *msg, const sipadv_call_packet *pkt,
                     sipadv_call_result *out)
{
    sipadv_call *p = &c->pub;
    unsigned code = msg->status.code;

    if (msg->status.kind != SIPADV_STATUS_OK || code < 200 || p->outcome != SIPADV_REG_PENDING ||
        msg->id.cseq != c->invite_cseq)
        return;
    if (code < 300) {
        p->final_code = (uint16_t)code;
        p->answer_ns = pkt->time_ns;
        p->expires = granted(buf, msg);
        settle(c, (p->flags & SIPADV_CALL_DEREGISTER) ? SIPADV_REG_DEREGISTERED : SIPADV_REG_REGISTERED, buf, msg,
               pkt, out);
    } else if ((code == 401 || code == 407 || code == 423) && !pkt->auth_rejected) {
        /* A challenge, or an interval too brief (RFC 3261 §10.2.8): a step; the next REGISTER answers it. */
        /* Counted once per REGISTER: a proxy relaying the challenge on another leg is the same one. */
        if (code != 423 && !(p->flags & SIPADV_CALL_CHALLENGED) && p->challenges < UINT8_MAX)
            p->challenges++;
        if (code != 423)
            p->flags |= SIPADV_CALL_CHALLENGED;
        if (code != 423 && sipadv_message_has(msg, SIPADV_HDR_SECURITY_SERVER))
            p->ims |= SIPADV_IMS_SEC_SERVER;
    } else {
        p->final_code = (uint16_t)code;
        settle(c, SIPADV_REG_FAILED, buf, msg, pkt, out);
    }
}

void
sipadv_calls_message(sipadv_calls *calls, const uint8_t *buf, const sipadv_message *msg,
                     const sipadv_call_packet *pkt, sipadv_call_result *out)
{
    const uint32_t *newest;
    call_record *c;
    uint64_t key;

    memset(out, 0, sizeof *out);
    if (msg->id.call_id.len == 0 || !msg->id.has_cseq)
        return;
    key = hash_of(calls, buf, msg->id.call_id, 0);
    newest = sipadv_key_table_find(&calls->newest, key);
    c = newest ? record_of(calls, *newest) : NULL;
    /* The capture's clock jumped while it was open: its durations are not known (clock.h). */
    if (c && !sipadv_clock_steady(pkt->steady_since, c->pub.start_ns) &&
        (c->pub.kind == SIPADV_KIND_CALL ? !ended(&c->pub) : c->pub.outcome == SIPADV_REG_PENDING))
        c->pub.flags |= SIPADV_CALL_CLOCK_JUMP;
    if (msg->kind == SIPADV_KIND_REQUEST && msg->method_id == SIPADV_METHOD_REGISTER) {
        if (!pkt->repeat)
            on_register(calls, key, c, buf, msg, pkt, out);
        else if (c && c->pub.kind == SIPADV_KIND_REGISTRATION)
            out->call = number_of(calls, c);
        return;
    }
    if (msg->kind == SIPADV_KIND_RESPONSE && msg->id.cseq_method_id == SIPADV_METHOD_REGISTER) {
        if (c && c->pub.kind == SIPADV_KIND_REGISTRATION) {
            out->call = number_of(calls, c);
            if (!pkt->repeat)
                on_register_response(c, buf, msg, pkt, out);
        }
        return;
    }
    if (msg->kind == SIPADV_KIND_REQUEST && msg->method_id == SIPADV_METHOD_INVITE && !msg->id.has_to_tag &&
        !pkt->repeat) {
        on_invite(calls, key, c, buf, msg, pkt, out);
        if (out->call)
            return;
    }
    if (!c || c->pub.kind != SIPADV_KIND_CALL)
        return;
    out->call = number_of(calls, c);
    if (pkt->repeat) {
        if (pkt->answer_resent && msg->id.cseq == c->invite_cseq)
            c->pub.flags |= SIPADV_CALL_ANSWER_RESENT;
        return;
    }
    if (msg->kind == SIPADV_KIND_RESPONSE)
        on_response(calls, c, buf, msg, pkt, out);
    else
        on_request(calls, c, buf, msg, pkt, out);
}

/* A timer decided the call: dated when it ran out, on the INVITE (no final response) or the 2xx (no ACK). */
static void
settle_by_timer(call_record *c, sipadv_outcome outcome, sipadv_method waited_for, int64_t due)
{
    sipadv_call *p = &c->pub;

    p->outcome = (uint8_t)outcome;
    p->settled_frame = c->current_frame;
    p->settled_ns = due;
    p->event_code = 0;
    p->event_method = (uint8_t)waited_for;
    p->flags &= (uint16_t)(SIPADV_CALL_PROVISIONAL | SIPADV_CALL_CANCELLED | SIPADV_CALL_CLOCK_JUMP);
    p->flags |= SIPADV_CALL_TIMEOUT;
    p->reason_cause = p->warning_code = 0;
    p->context = 0;
    p->offer = 0;
    p->generator[0] = '\0';
    p->retry_after = 0;
    p->sender[0] = '\0';
    p->ended_by = SIPADV_PARTY_UNKNOWN;
    if (outcome == SIPADV_OUTCOME_DROPPED)
        p->end_ns = due;
}

static void
expire(sipadv_calls *calls, const sipadv_deadline *d, int64_t now, sipadv_calls_timeout_fn fn, void *ctx)
{
    call_record *c;
    sipadv_call *p;

    if ((c = record_of(calls, (uint32_t)d->key)) == NULL)
        return;
    p = &c->pub;
    if (p->kind != SIPADV_KIND_CALL || c->invite_cseq != d->check)
        return;
    if (d->what == TIMER_ACK) {
        if (p->outcome == SIPADV_OUTCOME_ANSWERED && !(p->flags & SIPADV_CALL_ACKED) &&
            (p->flags & SIPADV_CALL_ANSWER_RESENT)) {
            settle_by_timer(c, SIPADV_OUTCOME_DROPPED, SIPADV_METHOD_ACK, d->due_ns);
            fn(ctx, number_of(calls, c));
        }
        return;
    }
    if (p->outcome != SIPADV_OUTCOME_SETUP || (p->flags & SIPADV_CALL_CHALLENGED))
        return;
    /* Any provisional response stops Timer B; a proxy's Timer C then ends the INVITE. */
    if (d->what == TIMER_SETUP && (p->flags & (SIPADV_CALL_PROVISIONAL | SIPADV_CALL_TRYING))) {
        int64_t due = (p->provisional_ns != SIPADV_NO_TIME ? p->provisional_ns : p->start_ns) + SIPADV_TIMER_C_NS +
                      64 * calls->t1_ns[c->leg];
        if (due > now) {
            sipadv_deadlines_arm(&calls->ringing[c->leg], due, number_of(calls, c), TIMER_RINGING, c->invite_cseq);
            return;
        }
    }
    settle_by_timer(c, SIPADV_OUTCOME_FAILED, SIPADV_METHOD_INVITE, d->due_ns);
    fn(ctx, number_of(calls, c));
}

void
sipadv_calls_expire(sipadv_calls *calls, int64_t now, sipadv_calls_timeout_fn fn, void *ctx)
{
    sipadv_deadline d;

    for (unsigned leg = 0; leg < SIPADV_LEGS; leg++) {
        while (sipadv_deadlines_pop_due(&calls->timers[leg], now, &d))
            expire(calls, &d, now, fn, ctx);
        while (sipadv_deadlines_pop_due(&calls->ringing[leg], now, &d))
            expire(calls, &d, now, fn, ctx);
    }
}
