/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "flow.h"
#include "copies.h"
#include "deadlines.h"
#include "key_hash.h"
#include "key_table.h"
#include "sdp_offer.h"
#include "sip_values.h"

#include <stdlib.h>
#include <string.h>

/* Responses told apart per transaction (code and To tag); later distinct ones are not checked for repeats. */
#define MAX_RESPONSES 5

typedef struct {
    uint32_t sig;               /* code and To tag, hashed: told apart within one transaction */
    uint32_t after_us;          /* since the request's first transmission */
    uint32_t frame;
} seen_response;

typedef struct {
    int64_t       request_time; /* first transmission */
    int64_t       last_time;    /* last message of it */
    uint32_t      request_frame;
    uint32_t      realm[2];     /* hash of the realm the request's Authorization, Proxy-Authorization answered; 0: none */
    uint32_t      offer;        /* the request's SDP offer (sdp_offer.h), for the response that refuses it */
    uint16_t      final_code;   /* 0: none yet */
    uint8_t       method;       /* sipadv_method of the request */
    uint8_t       context;      /* SIPADV_CTX_INITIAL or IN_DIALOG, and CREDENTIALS */
    uint8_t       n_responses;  /* distinct ones seen (at most MAX_RESPONSES kept) */
    uint8_t       request_index;/* of the request in its frame */
    uint8_t       leg;          /* SIPADV_LEG_*: which T1 times it */
    seen_response responses[MAX_RESPONSES];
} transaction;

/* A final response to INVITE waiting for its ACK (RFC 3261 §13.3.1.4, §17.2.1). */
typedef struct {
    uint32_t frame;             /* the final response's first transmission */
    uint16_t code;
    uint8_t  index;
    uint8_t  state;             /* ACK_* */
    uint8_t  resends;           /* copies sent again before any ACK */
    bool     reliable;          /* sent over TCP, TLS, SCTP: no retransmission would tell the ACK is missing */
    uint8_t  leg;               /* its transaction's */
} awaiting_ack;

#define ACK_WAITING 0
#define ACK_SEEN    1
#define ACK_SAID    2           /* missing_ack already raised on a retransmission */

/* A 500 or 503 Retry-After a server gave a client (RFC 3261 §20.33, §21.5.4). */
typedef struct {
    int64_t  until;
    int64_t  at;
    uint32_t frame;
} retry_after;

/* Timers: one delay per ring, so each ring falls due in order (deadlines.h). */
#define TIMER_FINAL 0           /* Timers B and F: a request's final response, 64×T1 */
#define TIMER_ACK   1           /* Timer H: the ACK of a final response to INVITE, 64×T1 */
#define TIMER_C     2           /* an INVITE answered provisionally only: 3 minutes after its last message */


struct sipadv_flow {
    sipadv_flow_config cfg;
    uint64_t           seed;
    int64_t            t1[SIPADV_LEGS];
    sipadv_key_table   transactions;   /* of transaction records */
    sipadv_key_table   acks;           /* Call-ID, CSeq, From tag, the client's host -> awaiting_ack */
    sipadv_key_table   retries;        /* server host and port, client host -> retry_after */
    sipadv_deadlines   timers[SIPADV_LEGS];   /* TIMER_FINAL and TIMER_ACK, due 64×T1 of the leg after they are armed */
    sipadv_deadlines   timers_c[SIPADV_LEGS]; /* TIMER_C */
    sipadv_copies      copies;         /* the same message seen again within T1/2, on any leg */
    uint32_t           until_sweep;
};

#define INITIAL_CAPACITY 1024
#define SWEEP_EVERY      4096

/* How long a transaction is kept after its last message (RFC 3261 §17, Table 4). */
static int64_t
linger(const sipadv_flow *flow, const transaction *t)
{
    /* An INVITE without a final answer may ring for minutes (Timer C at proxies: over 3 minutes). */
    const int64_t t1 = flow->t1[t->leg];

    if (t->method == SIPADV_METHOD_INVITE && t->final_code == 0)
        return 64 * t1 + 200 * SIPADV_NS_PER_S;
    /*
     * Once answered, a copy can only follow the last one within T2 (retransmission
     * intervals cap at T2 = 8×T1, RFC 3261 §17.1.1.2, §17.2.1): each refreshes it.
     * An ACK gets no answer: its copies answer copies of the final response,
     * which come that often too. Unanswered, the client tries for 64×T1 (Timers
     * B and F).
     */
    if (t->final_code || t->method == SIPADV_METHOD_ACK)
        return 8 * t1 + SIPADV_NS_PER_S;
    return 64 * t1 + 5 * SIPADV_NS_PER_S;
}

static bool
has_magic_cookie(const uint8_t *buf, sipadv_span branch)
{
    static const char cookie[] = "z9hG4bK";
    const uint8_t *b = buf + branch.off;

    if (branch.len <= sizeof cookie - 1)
        return false;
    for (size_t i = 0; i < sizeof cookie - 1; i++)
        if (b[i] != (uint8_t)cookie[i])
            return false;
    return true;
}

/*
 * The transaction key of a message for a given method (the request's; for a
 * response its CSeq method), or 0 when the message cannot be matched.
 */
static uint64_t
transaction_key(const sipadv_flow *flow, const uint8_t *buf, const sipadv_message *msg, sipadv_method method,
                sipadv_span method_token)
{
    const sipadv_identity *id = &msg->id;
    key_hash k = { flow->seed };

    if (id->via_sent_by.len == 0 || method == SIPADV_METHOD_NONE)
        return 0;
    if (has_magic_cookie(buf, id->via_branch)) {
        /* The branch alone, as the client matches a response (§17.1.3): a peer that rewrites its
         * Via sent-by in the response (seen: the port) still answers the request. */
        hash_number(&k, 3261);
        hash_span(&k, buf, id->via_branch, true);
    } else {
        /* RFC 2543 peers (§17.2.3's backward-compatible matching). */
        if (id->call_id.len == 0 || !id->has_cseq)
            return 0;
        hash_number(&k, 2543);
        hash_span(&k, buf, id->call_id, false);
        hash_number(&k, id->cseq);
        hash_span(&k, buf, id->from_tag, false);
        hash_span(&k, buf, id->via_sent_by, true);
    }
    hash_number(&k, method);
    if (method == SIPADV_METHOD_OTHER)
        hash_span(&k, buf, method_token, false);
    return hash_end(&k);
}

static uint32_t
response_signature(const sipadv_flow *flow, const uint8_t *buf, const sipadv_message *msg)
{
    key_hash k = { flow->seed ^ UINT64_C(0x5bd1e995) };

    hash_number(&k, msg->status.code);
    hash_span(&k, buf, msg->id.to_tag, false);
    /* Reliable provisional responses of one code differ by RSeq (RFC 3262 §3): a second 183 is not a copy. */
    if (sipadv_message_has(msg, SIPADV_HDR_RSEQ))
        hash_span(&k, buf, msg->first[SIPADV_HDR_RSEQ], false);
    return (uint32_t)hash_end(&k);
}

/*
 * An ACK and the final response it acknowledges share Call-ID, CSeq number
 * and From tag, on a 2xx as on a failure (RFC 3261 §13.2.2.4, §17.1.1.3); the
 * host the response went to, the ACK comes from, tells one hop from another.
 */
static uint64_t
ack_key(const sipadv_flow *flow, const uint8_t *buf, const sipadv_message *msg, uint64_t client_host)
{
    key_hash k = { flow->seed ^ UINT64_C(0x61636b) };

    if (msg->id.call_id.len == 0 || !msg->id.has_cseq)
        return 0;
    hash_span(&k, buf, msg->id.call_id, false);
    hash_number(&k, msg->id.cseq);
    hash_span(&k, buf, msg->id.from_tag, false);
    hash_number(&k, client_host);
    return hash_end(&k);
}

/* A server (host and port) and a client host: whom a Retry-After binds. */
static uint64_t
retry_key(const sipadv_flow *flow, uint64_t server_host, uint16_t server_port, uint64_t client_host)
{
    key_hash k = { flow->seed ^ UINT64_C(0x7265747279) };

    hash_number(&k, server_host);
    hash_number(&k, server_port);
    hash_number(&k, client_host);
    return hash_end(&k);
}

typedef struct {
    const sipadv_flow *flow;
    int64_t            now;
} sweep_context;

/* Whether no message can belong to t any more, seen from now. */
static bool
outlived(const sipadv_flow *flow, const transaction *t, int64_t now)
{
    return now - t->last_time > linger(flow, t);
}

static bool
transaction_over(const void *record, const void *ctx)
{
    const sweep_context *sc = ctx;

    return outlived(sc->flow, record, sc->now);
}

static bool
retry_after_over(const void *record, const void *ctx)
{
    return ((const sweep_context *)ctx)->now > ((const retry_after *)record)->until;
}

/* Forgets the transactions no message can belong to any more, and the Retry-Afters expired, seen from now. */
static void
sweep(sipadv_flow *flow, int64_t now)
{
    const sweep_context sc = { flow, now };

    sipadv_key_table_remove_if(&flow->transactions, transaction_over, &sc);
    sipadv_key_table_remove_if(&flow->retries, retry_after_over, &sc);
    sipadv_copies_sweep(&flow->copies, now);
}

sipadv_flow *
sipadv_flow_new(const sipadv_flow_config *cfg, uint64_t seed)
{
    sipadv_flow *flow = calloc(1, sizeof *flow);

    if (!flow)
        return NULL;
    if (!sipadv_key_table_init(&flow->transactions, sizeof(transaction), INITIAL_CAPACITY) ||
        !sipadv_key_table_init(&flow->acks, sizeof(awaiting_ack), 64) ||
        !sipadv_key_table_init(&flow->retries, sizeof(retry_after), 16) ||
        !sipadv_copies_init(&flow->copies, cfg->t1_ns / 2, seed ^ UINT64_C(0x636f70696573))) {
        sipadv_flow_free(flow);
        return NULL;
    }
    flow->cfg = *cfg;
    flow->seed = seed;
    sipadv_legs_t1(flow->t1, cfg->t1_ns, cfg->t1_ue_ns);
    if (!flow->cfg.sweep_every)
        flow->cfg.sweep_every = SWEEP_EVERY;
    flow->until_sweep = flow->cfg.sweep_every;
    return flow;
}

void
sipadv_flow_free(sipadv_flow *flow)
{
    if (flow) {
        sipadv_key_table_free(&flow->transactions);
        sipadv_key_table_free(&flow->acks);
        sipadv_key_table_free(&flow->retries);
        sipadv_copies_free(&flow->copies);
        for (unsigned leg = 0; leg < SIPADV_LEGS; leg++) {
            sipadv_deadlines_free(&flow->timers[leg]);
            sipadv_deadlines_free(&flow->timers_c[leg]);
        }
        free(flow);
    }
}

size_t
sipadv_flow_live(const sipadv_flow *flow)
{
    return flow->transactions.live;
}

/* Which credentials a request carries, and which challenge a response makes: [0] Authorization/401, [1] Proxy-/407. */
static const sipadv_header_id credentials_header[2] = { SIPADV_HDR_AUTHORIZATION, SIPADV_HDR_PROXY_AUTHORIZATION };
static const sipadv_header_id challenge_header[2] = { SIPADV_HDR_WWW_AUTHENTICATE, SIPADV_HDR_PROXY_AUTHENTICATE };

/* The realm parameter of a credentials or challenge header, hashed (never 0: "present, no realm" is 1). */
static uint32_t
realm_of(const sipadv_flow *flow, const uint8_t *buf, const sipadv_message *msg, sipadv_header_id h)
{
    sipadv_span realm;
    key_hash k = { flow->seed ^ UINT64_C(0x7265616c6d) };

    if (!sipadv_auth_param(buf, msg->first[h], "realm", &realm))
        return 1;
    hash_span(&k, buf, realm, true);
    return (uint32_t)hash_end(&k) | 2;
}

/*
 * Credentials that answer a challenge carry its nonce. An IMS UE's first
 * REGISTER carries Authorization with an empty nonce and response (3GPP TS
 * 24.229 §5.1.1.2.1), and an AKA resynchronisation sends auts instead of an
 * answer (RFC 3310 §3.4): a new challenge follows either, as it should.
 */
static bool
answers_challenge(const uint8_t *buf, sipadv_span credentials)
{
    sipadv_span nonce, auts;

    return sipadv_auth_param(buf, credentials, "nonce", &nonce) && nonce.len > 0 &&
           !sipadv_auth_param(buf, credentials, "auts", &auts);
}

/*
 * RFC 2617 §3.2.1, RFC 3261 §22: a challenge to a request that already
 * answered one for the same realm means the answer was wrong, unless the
 * challenge says stale=true (only the nonce was old).
 */
static bool
auth_rejected(const sipadv_flow *flow, const uint8_t *buf, const sipadv_message *msg, const transaction *t)
{
    unsigned which = msg->status.code == 407;
    uint32_t challenged;
    sipadv_span stale;

    if (!t->realm[which] || !sipadv_message_has(msg, challenge_header[which]))
        return false;
    if (sipadv_auth_param(buf, msg->first[challenge_header[which]], "stale", &stale) &&
        sipadv_span_equals(buf, stale, "true"))
        return false;
    challenged = realm_of(flow, buf, msg, challenge_header[which]);
    return challenged == 1 || t->realm[which] == 1 || challenged == t->realm[which];
}

/*
 * A repeat is SIP sending again only over an unreliable transport, and only
 * T1/2 or more after the first copy: the first retransmission comes T1 after
 * it (RFC 3261 §17.1.1.2, §17.1.2.2, §17.2.1). Sooner, it is the same packet
 * captured twice (a mirror, a second tap). A UAS core resends a 2xx to INVITE
 * over any transport (§13.3.1.4: "independent of whatever transport"): then
 * any_transport; a repeat the TCP layer made never reaches SIP's dissector.
 */
static bool
sent_again(const sipadv_flow *flow, const sipadv_flow_packet *pkt, int64_t since_first, bool any_transport)
{
    return (any_transport || !pkt->reliable) && since_first >= flow->cfg.t1_ns / 2;
}

/* A new transaction begun by the message in pkt; NULL when memory runs out. */
static transaction *
add(sipadv_flow *flow, uint64_t key, const sipadv_flow_packet *pkt, sipadv_method method)
{
    bool added;
    transaction *t = sipadv_key_table_put(&flow->transactions, key, &added);

    if (!t)
        return NULL;
    t->request_frame = pkt->frame;
    t->request_time = t->last_time = pkt->time_ns;
    t->method = (uint8_t)method;
    return t;
}

/* An ACK: the final response it acknowledges needs no more (and the ACK gets no response). */
static void
on_ack(sipadv_flow *flow, const uint8_t *buf, const sipadv_message *msg, const sipadv_flow_packet *pkt)
{
    awaiting_ack *a = sipadv_key_table_find(&flow->acks, ack_key(flow, buf, msg, pkt->src_host));

    if (a)
        a->state = ACK_SEEN;
}

/*
 * RFC 3261 §21.5.4: after a 503 with Retry-After, a client SHOULD NOT send
 * other requests to that server until it expires (§20.33 gives 500 the same
 * meaning). Only new requests outside a dialog count: an ACK, a CANCEL or a
 * BYE ending a call adds no load the server asked to be spared. Said once per
 * Retry-After.
 */
static void
check_retry_after(sipadv_flow *flow, const sipadv_message *msg, const sipadv_flow_packet *pkt,
                  sipadv_flow_result *out)
{
    uint64_t key;
    retry_after *r;

    if (flow->retries.live == 0 || !pkt->dst_host || msg->id.has_to_tag || msg->method_id == SIPADV_METHOD_ACK ||
        msg->method_id == SIPADV_METHOD_CANCEL)
        return;
    key = retry_key(flow, pkt->dst_host, pkt->dst_port, pkt->src_host);
    if ((r = sipadv_key_table_find(&flow->retries, key)) == NULL)
        return;
    /* Across a jump of the capture's clock, how long the client waited is not known (clock.h). */
    if (pkt->time_ns < r->until && sipadv_clock_steady(pkt->steady_since, r->at)) {
        out->flags |= SIPADV_FLOW_RETRY_IGNORED;
        out->retry_frame = r->frame;
        out->since_retry_ns = pkt->time_ns - r->at;
    }
    /* Honoured or said: either way this Retry-After is done with. */
    sipadv_key_table_remove(&flow->retries, key);
}

/*
 * The transaction of key as of now, or NULL: one past its lifetime is gone
 * even before a sweep forgets it, so a message hours later (or a capture with
 * broken timestamps) starts anew instead of matching it.
 */
static transaction *
live_transaction(sipadv_flow *flow, uint64_t key, int64_t now)
{
    transaction *t = sipadv_key_table_find(&flow->transactions, key);

    if (t && outlived(flow, t, now)) {
        sipadv_key_table_remove(&flow->transactions, key);
        return NULL;
    }
    return t;
}

static void
on_request(sipadv_flow *flow, const uint8_t *buf, const sipadv_message *msg, const sipadv_flow_packet *pkt,
           sipadv_flow_result *out)
{
    uint64_t key = transaction_key(flow, buf, msg, msg->method_id, msg->method);
    transaction *t;

    if (msg->method_id == SIPADV_METHOD_ACK)
        on_ack(flow, buf, msg, pkt);
    if (!key)
        return;
    if ((t = live_transaction(flow, key, pkt->time_ns)) != NULL) {
        out->original_frame = t->request_frame;
        out->since_original_ns = pkt->time_ns - t->request_time;
        out->flags |= SIPADV_FLOW_REPEAT | (sent_again(flow, pkt, out->since_original_ns, false) ? SIPADV_FLOW_RETRANSMISSION : 0);
        t->last_time = pkt->time_ns;
        return;
    }
    check_retry_after(flow, msg, pkt, out);
    if ((t = add(flow, key, pkt, msg->method_id)) == NULL)
        return;
    t->request_index = pkt->index;
    if (msg->method_id != SIPADV_METHOD_ACK) {
        if (flow->cfg.t1_ue_ns && sipadv_sent_by_ue(buf, msg)) {
            t->leg = SIPADV_LEG_UE;
            out->flags |= SIPADV_FLOW_UE_LEG;
        }
        sipadv_deadlines_arm(&flow->timers[t->leg], pkt->time_ns + 64 * flow->t1[t->leg], key, TIMER_FINAL, 0);
    }
    t->context = msg->id.has_to_tag ? SIPADV_CTX_IN_DIALOG : SIPADV_CTX_INITIAL;
    if (sipadv_looks_ims(buf, msg))
        t->context |= SIPADV_CTX_IMS;   /* as it looks: the preference is applied where it is shown */
    for (unsigned i = 0; i < 2; i++)
        if (sipadv_message_has(msg, credentials_header[i]) && answers_challenge(buf, msg->first[credentials_header[i]])) {
            t->realm[i] = realm_of(flow, buf, msg, credentials_header[i]);
            t->context |= SIPADV_CTX_CREDENTIALS;
        }
    if (msg->method_id == SIPADV_METHOD_INVITE || msg->method_id == SIPADV_METHOD_UPDATE ||
        msg->method_id == SIPADV_METHOD_PRACK)
        t->offer = sipadv_sdp_offer(buf, msg);
}

/* A final response to INVITE: its ACK is due within 64×T1 (Timer H). A copy on another hop's leg waits for its own. */
static void
await_ack(sipadv_flow *flow, const uint8_t *buf, const sipadv_message *msg, const sipadv_flow_packet *pkt,
          unsigned leg)
{
    uint64_t key = ack_key(flow, buf, msg, pkt->dst_host);
    awaiting_ack *a;
    bool added;

    if (!key || (a = sipadv_key_table_put(&flow->acks, key, &added)) == NULL || !added)
        return;
    *a = (awaiting_ack){ pkt->frame, (uint16_t)msg->status.code, pkt->index, ACK_WAITING, 0, pkt->reliable,
                         (uint8_t)leg };
    sipadv_deadlines_arm(&flow->timers[leg], pkt->time_ns + 64 * flow->t1[leg], key, TIMER_ACK, 0);
}

/*
 * The server sends its final response to INVITE again when no ACK came (RFC
 * 3261 §13.3.1.4, §17.2.1). One resend followed by the ACK is a late ACK on a
 * slow path (real traffic: the ACK 530 ms after the 200), which the
 * retransmission finding already tells; the ACK is missing once the response
 * went out a third time (1.5 s with T1 = 500 ms). Said once.
 */
static void
check_ack_retransmission(sipadv_flow *flow, const uint8_t *buf, const sipadv_message *msg,
                         const sipadv_flow_packet *pkt, sipadv_flow_result *out)
{
    awaiting_ack *a = sipadv_key_table_find(&flow->acks, ack_key(flow, buf, msg, pkt->dst_host));

    if (a && a->state == ACK_WAITING && ++a->resends >= 2) {
        a->state = ACK_SAID;
        out->flags |= SIPADV_FLOW_MISSING_ACK;
    }
}

static void
remember_retry_after(sipadv_flow *flow, const uint8_t *buf, const sipadv_message *msg,
                     const sipadv_flow_packet *pkt)
{
    unsigned secs;
    retry_after *r;
    bool added;

    if (!sipadv_span_number(buf, sipadv_leading_digits(buf, msg->first[SIPADV_HDR_RETRY_AFTER]), 9, &secs) ||
        secs == 0)
        return;
    r = sipadv_key_table_put(&flow->retries, retry_key(flow, pkt->src_host, pkt->src_port, pkt->dst_host), &added);
    if (r)
        *r = (retry_after){ pkt->time_ns + (int64_t)secs * SIPADV_NS_PER_S, pkt->time_ns, pkt->frame };
}

static void
on_response(sipadv_flow *flow, const uint8_t *buf, const sipadv_message *msg, const sipadv_flow_packet *pkt,
            sipadv_flow_result *out)
{
    uint64_t key = transaction_key(flow, buf, msg, msg->id.cseq_method_id, msg->id.cseq_method);
    transaction *t;
    uint32_t sig;

    if (!key || msg->status.kind != SIPADV_STATUS_OK)
        return;
    if ((t = live_transaction(flow, key, pkt->time_ns)) == NULL) {
        /* Said once per transaction: its later responses are then matched (and their repeats found) as usual. */
        out->flags |= SIPADV_FLOW_ORPHAN;
        if ((t = add(flow, key, pkt, msg->id.cseq_method_id)) == NULL)
            return;
        t->request_frame = 0;
    } else if (t->request_frame) {
        out->request_frame = t->request_frame;
        out->response_time_ns = sipadv_clock_steady(pkt->steady_since, t->request_time) ? pkt->time_ns - t->request_time
                                                                                          : SIPADV_NO_TIME;
        out->request_context = t->context;
        out->offer = msg->status.code >= 300 ? t->offer : 0;   /* what a failure refused */
    }
    t->last_time = pkt->time_ns;
    sig = response_signature(flow, buf, msg);
    for (unsigned i = 0; i < t->n_responses && i < MAX_RESPONSES; i++) {
        if (t->responses[i].sig == sig) {
            out->original_frame = t->responses[i].frame;
            out->since_original_ns = pkt->time_ns - (t->request_time + (int64_t)t->responses[i].after_us * 1000);
            /* A 1xx sent without 100rel awaits no answer: repeating it keeps a long INVITE alive (§13.3.1.1). */
            bool awaits_answer = msg->status.code >= 200 || (msg->flags & SIPADV_F_REQUIRE_100REL);
            out->flags |= SIPADV_FLOW_REPEAT |
                          (awaits_answer && sent_again(flow, pkt, out->since_original_ns, false) ? SIPADV_FLOW_RETRANSMISSION : 0);
            if (t->method == SIPADV_METHOD_INVITE && msg->status.code >= 200 &&
                sent_again(flow, pkt, out->since_original_ns, msg->status.code < 300)) {
                if (msg->status.code < 300)
                    out->flags |= SIPADV_FLOW_ANSWER_RESENT;
                check_ack_retransmission(flow, buf, msg, pkt, out);
            }
            return;
        }
    }
    if ((msg->status.code == 401 || msg->status.code == 407) && auth_rejected(flow, buf, msg, t))
        out->flags |= SIPADV_FLOW_AUTH_REJECTED;
    /* RFC 3261 §17.2.1: a 100 within 200 ms, unless the final response comes that soon. */
    if (t->n_responses == 0 && t->request_frame && t->method == SIPADV_METHOD_INVITE &&
        out->response_time_ns > flow->cfg.provisional_ns)
        out->flags |= SIPADV_FLOW_LATE_PROVISIONAL;
    if (t->n_responses < MAX_RESPONSES)
        t->responses[t->n_responses++] = (seen_response){ sig, sipadv_flow_microseconds(pkt->time_ns - t->request_time),
                                                          pkt->frame };
    else if (t->n_responses < UINT8_MAX)
        t->n_responses++;
    if (msg->status.code >= 200 && t->final_code == 0) {
        t->final_code = (uint16_t)msg->status.code;
        if (t->method == SIPADV_METHOD_INVITE && t->request_frame)
            await_ack(flow, buf, msg, pkt, t->leg);
    }
    if ((msg->status.code == 503 || msg->status.code == 500) && pkt->src_host &&
        sipadv_message_has(msg, SIPADV_HDR_RETRY_AFTER))
        remember_retry_after(flow, buf, msg, pkt);
}

static void
expire_final(sipadv_flow *flow, const sipadv_deadline *d, int64_t now, sipadv_flow_timeout_fn fn, void *ctx)
{
    const transaction *t = sipadv_key_table_find(&flow->transactions, d->key);
    sipadv_flow_timeout out;

    if (!t || t->final_code || !t->request_frame)
        return;
    /* A provisional response stops Timer B: a proxy's Timer C ends the INVITE, reset by each message,
     * and the client waits 64×T1 more. */
    if (t->method == SIPADV_METHOD_INVITE && t->n_responses > 0) {
        int64_t due = t->last_time + SIPADV_TIMER_C_NS + 64 * flow->t1[t->leg];
        if (due > now) {
            sipadv_deadlines_arm(&flow->timers_c[t->leg], due, d->key, TIMER_C, 0);
            return;
        }
    }
    out = (sipadv_flow_timeout){ t->request_frame, t->request_index, t->method, 0, SIPADV_FLOW_NO_FINAL,
                                 d->what == TIMER_C ? d->due_ns - t->request_time : 64 * flow->t1[t->leg] };
    fn(ctx, &out);
}

/*
 * A UAS resends a 2xx until the ACK comes whatever the transport (RFC 3261
 * §13.3.1.4), and over UDP any final response, so a response never resent was
 * acknowledged, perhaps on a path the capture does not see (missing_ack is
 * then said on the resends, if any). Only a non-2xx final response over a
 * reliable transport is never resent: there Timer H alone tells.
 */
static void
expire_ack(sipadv_flow *flow, const sipadv_deadline *d, sipadv_flow_timeout_fn fn, void *ctx)
{
    const awaiting_ack *a = sipadv_key_table_find(&flow->acks, d->key);

    if (a && a->state == ACK_WAITING && a->reliable && a->code >= 300) {
        sipadv_flow_timeout out = { a->frame, a->index, SIPADV_METHOD_INVITE, a->code, SIPADV_FLOW_MISSING_ACK,
                                    64 * flow->t1[a->leg] };
        fn(ctx, &out);
    }
    sipadv_key_table_remove(&flow->acks, d->key);
}

void
sipadv_flow_expire(sipadv_flow *flow, int64_t now, sipadv_flow_timeout_fn fn, void *ctx)
{
    sipadv_deadline d;

    for (unsigned leg = 0; leg < SIPADV_LEGS; leg++) {
        while (sipadv_deadlines_pop_due(&flow->timers[leg], now, &d)) {
            if (d.what == TIMER_ACK)
                expire_ack(flow, &d, fn, ctx);
            else
                expire_final(flow, &d, now, fn, ctx);
        }
        while (sipadv_deadlines_pop_due(&flow->timers_c[leg], now, &d))
            expire_final(flow, &d, now, fn, ctx);
    }
}

void
sipadv_flow_message(sipadv_flow *flow, const uint8_t *buf, const sipadv_message *msg, const sipadv_flow_packet *pkt,
                    sipadv_flow_result *out)
{
    memset(out, 0, sizeof *out);
    if (--flow->until_sweep == 0) {
        sweep(flow, pkt->time_ns);
        flow->until_sweep = flow->cfg.sweep_every;
    }
    /* Within T1/2 nothing is sent again (sent_again): a sighting that soon is the same event. */
    if ((out->copy_of = sipadv_copies_check(&flow->copies, buf, msg, pkt->frame, pkt->time_ns)) != 0)
        out->flags |= SIPADV_FLOW_COPY;
    if (msg->kind == SIPADV_KIND_REQUEST)
        on_request(flow, buf, msg, pkt, out);
    else if (msg->kind == SIPADV_KIND_RESPONSE)
        on_response(flow, buf, msg, pkt, out);
}
