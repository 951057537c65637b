/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The transaction state machine on message sequences, without Wireshark. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "flow.h"

#define MS INT64_C(1000000)

/* Builds a request or response with the given identity; branch NULL: an RFC 2543 Via. */
static const char *
request(char *out, size_t size, const char *method, const char *branch, const char *sent_by, unsigned cseq,
        const char *cseq_method)
{
    snprintf(out, size,
             "%s sip:bob@example.com SIP/2.0\r\n"
             "Via: SIP/2.0/UDP %s%s%s\r\n"
             "From: <sip:alice@example.com>;tag=a1\r\n"
             "To: <sip:bob@example.com>\r\n"
             "Call-ID: call-1@example.com\r\n"
             "CSeq: %u %s\r\n"
             "Content-Length: 0\r\n\r\n",
             method, sent_by, branch ? ";branch=" : "", branch ? branch : "", cseq, cseq_method);
    return out;
}

static const char *
response(char *out, size_t size, unsigned code, const char *branch, const char *sent_by, const char *to_tag,
         unsigned cseq, const char *cseq_method)
{
    snprintf(out, size,
             "SIP/2.0 %u Whatever\r\n"
             "Via: SIP/2.0/UDP %s%s%s\r\n"
             "From: <sip:alice@example.com>;tag=a1\r\n"
             "To: <sip:bob@example.com>%s%s\r\n"
             "Call-ID: call-1@example.com\r\n"
             "CSeq: %u %s\r\n"
             "Content-Length: 0\r\n\r\n",
             code, sent_by, branch ? ";branch=" : "", branch ? branch : "", to_tag ? ";tag=" : "",
             to_tag ? to_tag : "", cseq, cseq_method);
    return out;
}

/* The timers that ran out before the last message fed, as the plugin collects them. */
static sipadv_flow_timeout timed_out[8];
static unsigned n_timed_out;

static void
collect(void *ctx, const sipadv_flow_timeout *t)
{
    (void)ctx;
    if (n_timed_out < 8)
        timed_out[n_timed_out] = *t;
    n_timed_out++;
}

static int64_t steady_since = SIPADV_NO_TIME;   /* the last jump of the capture's clock: none unless a test says */

/* One message from host src to host dst (1: the client, 2: the server, ...), after the timers due by then. */
static sipadv_flow_result
feed_between(sipadv_flow *flow, const char *text, uint32_t frame, int64_t time_ns, bool reliable, uint64_t src,
             uint64_t dst)
{
    sipadv_message msg;
    sipadv_flow_packet pkt = { frame, time_ns, reliable, 0, src, dst, 5060, 5060, steady_since };
    sipadv_flow_result res;

    n_timed_out = 0;
    sipadv_flow_expire(flow, time_ns, collect, NULL);
    CHECK(sipadv_message_parse((const uint8_t *)text, strlen(text), &msg));
    sipadv_flow_message(flow, (const uint8_t *)text, &msg, &pkt, &res);
    return res;
}

static sipadv_flow_result
feed(sipadv_flow *flow, const char *text, uint32_t frame, int64_t time_ns, bool reliable)
{
    return feed_between(flow, text, frame, time_ns, reliable, 0, 0);
}

static const sipadv_flow_config config = { 500 * MS, 2000 * MS, 200 * MS, 0 };

static void
test_invite_transaction(void)
{
    sipadv_flow *flow = sipadv_flow_new(&config, 42);
    char b[1024];
    sipadv_flow_result r;

    r = feed(flow, request(b, sizeof b, "INVITE", "z9hG4bK-1", "10.0.0.1:5060", 1, "INVITE"), 1, 0, false);
    CHECK(r.flags == 0 && r.request_frame == 0);
    /* Timer A: the INVITE again on UDP. */
    r = feed(flow, request(b, sizeof b, "INVITE", "z9hG4bK-1", "10.0.0.1:5060", 1, "INVITE"), 2, 500 * MS, false);
    CHECK(r.original_frame == 1 && r.flags == (SIPADV_FLOW_REPEAT | SIPADV_FLOW_RETRANSMISSION));
    /* The first response 700 ms after the INVITE: late (§17.2.1); the later ones are not said again. */
    r = feed(flow, response(b, sizeof b, 100, "z9hG4bK-1", "10.0.0.1:5060", NULL, 1, "INVITE"), 3, 700 * MS, false);
    CHECK(r.request_frame == 1 && r.response_time_ns == 700 * MS && r.flags == SIPADV_FLOW_LATE_PROVISIONAL);
    r = feed(flow, response(b, sizeof b, 180, "z9hG4bK-1", "10.0.0.1:5060", "b1", 1, "INVITE"), 4, 900 * MS, false);
    CHECK(r.request_frame == 1 && r.flags == 0);
    /* A forked 180 (another To tag) is not a repeat; the same 180 again is. */
    r = feed(flow, response(b, sizeof b, 180, "z9hG4bK-1", "10.0.0.1:5060", "b2", 1, "INVITE"), 5, 950 * MS, false);
    CHECK(r.request_frame == 1 && r.flags == 0);
    /* 90 ms after it: the same packet captured twice; 600 ms after: sent again, but a 180 without 100rel
     * awaits no answer, so a repeat is no retransmission (a 200's is, below). */
    r = feed(flow, response(b, sizeof b, 180, "z9hG4bK-1", "10.0.0.1:5060", "b1", 1, "INVITE"), 6, 990 * MS, false);
    CHECK(r.original_frame == 4 && r.flags == (SIPADV_FLOW_REPEAT | SIPADV_FLOW_COPY) && r.copy_of == 4 &&
          r.since_original_ns == 90 * MS);
    r = feed(flow, response(b, sizeof b, 180, "z9hG4bK-1", "10.0.0.1:5060", "b1", 1, "INVITE"), 6, 1500 * MS, false);
    CHECK(r.original_frame == 4 && r.flags == SIPADV_FLOW_REPEAT);
    r = feed(flow, response(b, sizeof b, 200, "z9hG4bK-1", "10.0.0.1:5060", "b1", 1, "INVITE"), 7, 3000 * MS, false);
    CHECK(r.request_frame == 1 && r.response_time_ns == 3000 * MS && r.flags == 0);
    /* CANCEL shares the branch but is its own transaction (§9.1, §17.2.3). */
    r = feed(flow, request(b, sizeof b, "CANCEL", "z9hG4bK-1", "10.0.0.1:5060", 1, "CANCEL"), 8, 3100 * MS, false);
    CHECK(r.flags == 0);
    r = feed(flow, response(b, sizeof b, 200, "z9hG4bK-1", "10.0.0.1:5060", "b1", 1, "CANCEL"), 9, 3200 * MS, false);
    CHECK(r.request_frame == 8 && r.response_time_ns == 100 * MS);
    /* A response whose sender rewrote the Via sent-by (a port) still answers its request: the client matches
     * on branch and method (§17.1.3). */
    feed(flow, request(b, sizeof b, "OPTIONS", "z9hG4bK-2", "10.0.0.1:5260", 1, "OPTIONS"), 10, 3300 * MS, false);
    r = feed(flow, response(b, sizeof b, 200, "z9hG4bK-2", "10.0.0.1:5860", "b1", 1, "OPTIONS"), 11, 3350 * MS, false);
    CHECK(r.request_frame == 10 && r.flags == 0);
    sipadv_flow_free(flow);
}

static void
test_late_provisional_near_misses(void)
{
    sipadv_flow *flow = sipadv_flow_new(&config, 5);
    char b[1024];
    sipadv_flow_result r;

    /* A 100 within 200 ms; a final response within 200 ms needs none; a non-INVITE is never late. */
    feed(flow, request(b, sizeof b, "INVITE", "z9hG4bK-a", "h", 1, "INVITE"), 1, 0, false);
    r = feed(flow, response(b, sizeof b, 100, "z9hG4bK-a", "h", NULL, 1, "INVITE"), 2, 150 * MS, false);
    CHECK(r.flags == 0);
    feed(flow, request(b, sizeof b, "INVITE", "z9hG4bK-b", "h", 2, "INVITE"), 3, 1000 * MS, false);
    r = feed(flow, response(b, sizeof b, 486, "z9hG4bK-b", "h", "t", 2, "INVITE"), 4, 1190 * MS, false);
    CHECK(r.flags == 0);
    feed(flow, request(b, sizeof b, "OPTIONS", "z9hG4bK-c", "h", 3, "OPTIONS"), 5, 2000 * MS, false);
    r = feed(flow, response(b, sizeof b, 200, "z9hG4bK-c", "h", "t", 3, "OPTIONS"), 6, 3000 * MS, false);
    CHECK(r.flags == 0);
    /* A final response after 200 ms with no provisional before it is late too. */
    feed(flow, request(b, sizeof b, "INVITE", "z9hG4bK-d", "h", 4, "INVITE"), 7, 4000 * MS, false);
    r = feed(flow, response(b, sizeof b, 503, "z9hG4bK-d", "h", "t", 4, "INVITE"), 8, 4300 * MS, false);
    CHECK(r.flags == SIPADV_FLOW_LATE_PROVISIONAL);
    sipadv_flow_free(flow);
}

static const char *
register_msg(char *out, size_t size, const char *branch, unsigned cseq, const char *credentials)
{
    snprintf(out, size,
             "REGISTER sip:ims.example.net SIP/2.0\r\nVia: SIP/2.0/UDP ue;branch=%s\r\nFrom: <sip:u@x>;tag=f\r\n"
             "To: <sip:u@x>\r\nCall-ID: reg@x\r\nCSeq: %u REGISTER\r\n%s%sContent-Length: 0\r\n\r\n",
             branch, cseq, credentials ? credentials : "", credentials ? "\r\n" : "");
    return out;
}

static const char *
challenge_msg(char *out, size_t size, const char *branch, unsigned cseq, const char *challenge)
{
    snprintf(out, size,
             "SIP/2.0 401 Unauthorized\r\nVia: SIP/2.0/UDP ue;branch=%s\r\nFrom: <sip:u@x>;tag=f\r\n"
             "To: <sip:u@x>;tag=s\r\nCall-ID: reg@x\r\nCSeq: %u REGISTER\r\n%s\r\nContent-Length: 0\r\n\r\n",
             branch, cseq, challenge);
    return out;
}

static void
test_auth_rejected(void)
{
    sipadv_flow *flow = sipadv_flow_new(&config, 11);
    char b[1024];
    sipadv_flow_result r;
    const char *creds = "Authorization: Digest username=\"u\", realm=\"ims.example.net\", nonce=\"n1\", response=\"x\"";

    /* The first challenge is normal; a second one to credentials for the same realm rejects them. */
    feed(flow, register_msg(b, sizeof b, "z9hG4bK-r1", 1, NULL), 1, 0, false);
    r = feed(flow, challenge_msg(b, sizeof b, "z9hG4bK-r1", 1, "WWW-Authenticate: Digest realm=\"ims.example.net\", nonce=\"n1\""), 2, 10 * MS, false);
    CHECK(r.flags == 0);
    feed(flow, register_msg(b, sizeof b, "z9hG4bK-r2", 2, creds), 3, 20 * MS, false);
    r = feed(flow, challenge_msg(b, sizeof b, "z9hG4bK-r2", 2, "WWW-Authenticate: Digest realm=\"IMS.example.net\", nonce=\"n2\""), 4, 30 * MS, false);
    CHECK(r.flags == SIPADV_FLOW_AUTH_REJECTED && r.request_frame == 3);
    /* stale=true: only the nonce was old. Another realm: a new challenge, not a rejection. */
    feed(flow, register_msg(b, sizeof b, "z9hG4bK-r3", 3, creds), 5, 40 * MS, false);
    r = feed(flow, challenge_msg(b, sizeof b, "z9hG4bK-r3", 3, "WWW-Authenticate: Digest realm=\"ims.example.net\", nonce=\"n3\", stale=TRUE"), 6, 50 * MS, false);
    CHECK(r.flags == 0);
    feed(flow, register_msg(b, sizeof b, "z9hG4bK-r4", 4, creds), 7, 60 * MS, false);
    r = feed(flow, challenge_msg(b, sizeof b, "z9hG4bK-r4", 4, "WWW-Authenticate: Digest realm=\"other.net\", nonce=\"n4\""), 8, 70 * MS, false);
    CHECK(r.flags == 0);
    sipadv_flow_free(flow);
}

static void
test_reliable_and_orphans(void)
{
    sipadv_flow *flow = sipadv_flow_new(&config, 7);
    char b[1024];
    sipadv_flow_result r;

    feed(flow, request(b, sizeof b, "OPTIONS", "z9hG4bK-o", "h:5060", 5, "OPTIONS"), 1, 0, true);
    /* Seen again over TCP: the same message, but not a SIP retransmission. */
    r = feed(flow, request(b, sizeof b, "OPTIONS", "z9hG4bK-o", "h:5060", 5, "OPTIONS"), 2, 10 * MS, true);
    CHECK(r.original_frame == 1 && r.flags == (SIPADV_FLOW_REPEAT | SIPADV_FLOW_COPY) && r.copy_of == 1);
    /* A response to a request the capture does not hold. */
    r = feed(flow, response(b, sizeof b, 200, "z9hG4bK-x", "h:5060", "t", 9, "BYE"), 3, 20 * MS, false);
    CHECK(r.flags == SIPADV_FLOW_ORPHAN && r.request_frame == 0);
    /* Said once per transaction: the final response after it links to nothing, and its repeat is found. */
    r = feed(flow, response(b, sizeof b, 487, "z9hG4bK-x", "h:5060", "t", 9, "BYE"), 31, 21 * MS, false);
    CHECK(r.flags == 0 && r.request_frame == 0);
    r = feed(flow, response(b, sizeof b, 487, "z9hG4bK-x", "h:5060", "t", 9, "BYE"), 32, 522 * MS, false);
    CHECK(r.original_frame == 31 && r.flags == (SIPADV_FLOW_REPEAT | SIPADV_FLOW_RETRANSMISSION));
    /* CSeq method decides: a 200 for BYE does not answer the OPTIONS of the same branch. */
    r = feed(flow, response(b, sizeof b, 200, "z9hG4bK-o", "h:5060", "t", 5, "BYE"), 4, 30 * MS, false);
    CHECK(r.flags == SIPADV_FLOW_ORPHAN);
    /* Without a Via nothing can be matched: no finding either way. */
    {
        const char *no_via = "SIP/2.0 200 OK\r\nCall-ID: c\r\nCSeq: 1 BYE\r\n\r\n";
        r = feed(flow, no_via, 5, 40 * MS, false);
        CHECK(r.flags == 0 && r.request_frame == 0);
    }
    sipadv_flow_free(flow);
}

static void
test_rfc2543(void)
{
    sipadv_flow *flow = sipadv_flow_new(&config, 9);
    char b[1024];
    sipadv_flow_result r;

    feed(flow, request(b, sizeof b, "INVITE", NULL, "old.example.com", 1, "INVITE"), 1, 0, false);
    r = feed(flow, response(b, sizeof b, 486, NULL, "old.example.com", "x", 1, "INVITE"), 2, 40 * MS, false);
    CHECK(r.request_frame == 1 && r.response_time_ns == 40 * MS);
    /* A branch without the cookie is ignored: matched on Call-ID, CSeq, From tag and sent-by. */
    r = feed(flow, response(b, sizeof b, 486, "1234", "old.example.com", "x", 1, "INVITE"), 3, 90 * MS, false);
    CHECK(r.request_frame == 1 && r.original_frame == 2);
    r = feed(flow, response(b, sizeof b, 486, NULL, "old.example.com", "x", 2, "INVITE"), 4, 95 * MS, false);
    CHECK(r.flags == SIPADV_FLOW_ORPHAN);
    sipadv_flow_free(flow);
}

/* A million transactions that end: memory stays at what the last minute needs. */
static void
test_bounded(void)
{
    sipadv_flow *flow = sipadv_flow_new(&config, 1);
    char b[1024], branch[32];
    size_t most = 0;

    for (uint32_t i = 0; i < 1000000; i++) {
        int64_t now = (int64_t)i * 10 * MS;   /* 100 new transactions a second */
        snprintf(branch, sizeof branch, "z9hG4bK%u", i);
        feed(flow, request(b, sizeof b, "OPTIONS", branch, "h", i, "OPTIONS"), i + 1, now, false);
        if (sipadv_flow_live(flow) > most)
            most = sipadv_flow_live(flow);
    }
    /* Kept 64×T1 + 5 s = 37 s after the last message: 3,700 at this rate, plus one sweep interval. */
    CHECK_MSG(most < 3700 + 4096 + 1, "most live transactions %zu", most);
    sipadv_flow_free(flow);

    /* Answered ones are kept T2 + 1 s = 5 s: 500 at this rate, plus one sweep interval (two messages each). */
    flow = sipadv_flow_new(&config, 2);
    most = 0;
    for (uint32_t i = 0; i < 200000; i++) {
        int64_t now = (int64_t)i * 10 * MS;
        snprintf(branch, sizeof branch, "z9hG4bK%u", i);
        feed(flow, request(b, sizeof b, "OPTIONS", branch, "h", i, "OPTIONS"), 2 * i + 1, now, false);
        feed(flow, response(b, sizeof b, 200, branch, "h", "t", i, "OPTIONS"), 2 * i + 2, now + MS, false);
        if (sipadv_flow_live(flow) > most)
            most = sipadv_flow_live(flow);
    }
    CHECK_MSG(most < 500 + 2048 + 2, "most live answered transactions %zu", most);
    sipadv_flow_free(flow);
}

static void
test_reliable_provisionals(void)
{
    sipadv_flow *flow = sipadv_flow_new(&config, 10);
    char b[1024];
    sipadv_flow_result r;
    static const char rel[] = "SIP/2.0 183 Session Progress\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK-r\r\n"
                              "From: <sip:a@x>;tag=a1\r\nTo: <sip:b@x>;tag=b1\r\nCall-ID: c@x\r\n"
                              "CSeq: 1 INVITE\r\nRequire: 100rel\r\nRSeq: %u\r\nContent-Length: 0\r\n\r\n";

    feed(flow, request(b, sizeof b, "INVITE", "z9hG4bK-r", "h", 1, "INVITE"), 1, 0, false);
    snprintf(b, sizeof b, rel, 1u);
    feed(flow, b, 2, 100 * MS, false);
    /* A second reliable 183 (RSeq 2) is a new response (RFC 3262 §3); the same RSeq again is a copy. */
    snprintf(b, sizeof b, rel, 2u);
    r = feed(flow, b, 3, 900 * MS, false);
    CHECK(r.flags == 0 && r.original_frame == 0);
    r = feed(flow, b, 4, 1900 * MS, false);
    CHECK(r.original_frame == 3 && (r.flags & SIPADV_FLOW_RETRANSMISSION));
    sipadv_flow_free(flow);
}

static void
test_no_final_response(void)
{
    sipadv_flow *flow = sipadv_flow_new(&config, 7);
    char b[1024];

    /* Timer F: an OPTIONS unanswered, retransmitted; said once 64×T1 after its first transmission. */
    feed(flow, request(b, sizeof b, "OPTIONS", "z9hG4bK-o", "h", 1, "OPTIONS"), 1, 0, false);
    feed(flow, request(b, sizeof b, "OPTIONS", "z9hG4bK-o", "h", 1, "OPTIONS"), 2, 500 * MS, false);
    /* Timer B: an INVITE that never gets a response; one ringing (Timer C); one answered. */
    feed(flow, request(b, sizeof b, "INVITE", "z9hG4bK-b", "h", 1, "INVITE"), 3, 1000 * MS, false);
    feed(flow, request(b, sizeof b, "INVITE", "z9hG4bK-c", "h", 2, "INVITE"), 4, 1000 * MS, false);
    feed(flow, response(b, sizeof b, 180, "z9hG4bK-c", "h", "t", 2, "INVITE"), 5, 2000 * MS, false);
    feed(flow, request(b, sizeof b, "INVITE", "z9hG4bK-d", "h", 3, "INVITE"), 6, 1000 * MS, false);
    feed(flow, response(b, sizeof b, 486, "z9hG4bK-d", "h", "t", 3, "INVITE"), 7, 1100 * MS, false);
    feed(flow, request(b, sizeof b, "ACK", "z9hG4bK-d", "h", 3, "ACK"), 8, 1101 * MS, false);
    feed(flow, request(b, sizeof b, "OPTIONS", "z9hG4bK-x", "h", 9, "OPTIONS"), 9, 31999 * MS, false);
    CHECK(n_timed_out == 0);
    feed(flow, request(b, sizeof b, "OPTIONS", "z9hG4bK-y", "h", 9, "OPTIONS"), 10, 32000 * MS, false);
    CHECK_MSG(n_timed_out == 1 && timed_out[0].frame == 1 && timed_out[0].flag == SIPADV_FLOW_NO_FINAL &&
                  timed_out[0].waited_ns == 32000 * MS && timed_out[0].method == SIPADV_METHOD_OPTIONS,
              "%u timeouts", n_timed_out);
    feed(flow, request(b, sizeof b, "OPTIONS", "z9hG4bK-z", "h", 9, "OPTIONS"), 11, 33000 * MS, false);
    CHECK(n_timed_out == 1 && timed_out[0].frame == 3 && timed_out[0].method == SIPADV_METHOD_INVITE);
    /* The ringing INVITE: Timer C, 3 minutes after its last message (the 180 at 2 s), then 64×T1. */
    feed(flow, request(b, sizeof b, "OPTIONS", "z9hG4bK-v", "h", 9, "OPTIONS"), 12, 213999 * MS, false);
    CHECK_MSG(n_timed_out == 3 && timed_out[0].frame == 9 && timed_out[2].frame == 11, "%u timeouts", n_timed_out);
    feed(flow, request(b, sizeof b, "OPTIONS", "z9hG4bK-w", "h", 9, "OPTIONS"), 13, 214000 * MS, false);
    CHECK_MSG(n_timed_out == 1 && timed_out[0].frame == 4 && timed_out[0].waited_ns == 213000 * MS,
              "%u timeouts", n_timed_out);
    sipadv_flow_free(flow);
}

static void
test_missing_ack(void)
{
    sipadv_flow *flow = sipadv_flow_new(&config, 8);
    char b[1024];
    sipadv_flow_result r;

    /* A 200 resent twice before any ACK: said on the second resend (one resend may only mean a late ACK),
     * once, and not again when Timer H runs out. */
    feed_between(flow, request(b, sizeof b, "INVITE", "z9hG4bK-1", "h", 1, "INVITE"), 1, 0, false, 1, 2);
    feed_between(flow, response(b, sizeof b, 200, "z9hG4bK-1", "h", "t", 1, "INVITE"), 2, 100 * MS, false, 2, 1);
    r = feed_between(flow, response(b, sizeof b, 200, "z9hG4bK-1", "h", "t", 1, "INVITE"), 3, 600 * MS, false, 2, 1);
    CHECK(r.flags == (SIPADV_FLOW_REPEAT | SIPADV_FLOW_RETRANSMISSION | SIPADV_FLOW_ANSWER_RESENT));
    r = feed_between(flow, response(b, sizeof b, 200, "z9hG4bK-1", "h", "t", 1, "INVITE"), 4, 1600 * MS, false, 2, 1);
    CHECK(r.flags == (SIPADV_FLOW_REPEAT | SIPADV_FLOW_RETRANSMISSION | SIPADV_FLOW_ANSWER_RESENT | SIPADV_FLOW_MISSING_ACK));
    r = feed_between(flow, response(b, sizeof b, 200, "z9hG4bK-1", "h", "t", 1, "INVITE"), 14, 3600 * MS, false, 2, 1);
    CHECK(!(r.flags & SIPADV_FLOW_MISSING_ACK));
    /* A 486 over TCP never acknowledged: Timer H; the same over UDP, never resent: acknowledged out of sight.
     * A 200 acknowledged in time, then retransmitted (crossed the ACK): nothing. */
    feed_between(flow, request(b, sizeof b, "INVITE", "z9hG4bK-2", "h", 2, "INVITE"), 5, 1000 * MS, true, 1, 2);
    feed_between(flow, response(b, sizeof b, 486, "z9hG4bK-2", "h", "t", 2, "INVITE"), 6, 1100 * MS, true, 2, 1);
    feed_between(flow, request(b, sizeof b, "INVITE", "z9hG4bK-4", "h", 4, "INVITE"), 12, 1000 * MS, false, 1, 2);
    feed_between(flow, response(b, sizeof b, 486, "z9hG4bK-4", "h", "t", 4, "INVITE"), 13, 1100 * MS, false, 2, 1);
    feed_between(flow, request(b, sizeof b, "INVITE", "z9hG4bK-3", "h", 3, "INVITE"), 7, 1000 * MS, false, 1, 2);
    feed_between(flow, response(b, sizeof b, 200, "z9hG4bK-3", "h", "t", 3, "INVITE"), 8, 1100 * MS, false, 2, 1);
    feed_between(flow, request(b, sizeof b, "ACK", "z9hG4bK-3a", "h", 3, "ACK"), 9, 1200 * MS, false, 1, 2);
    r = feed_between(flow, response(b, sizeof b, 200, "z9hG4bK-3", "h", "t", 3, "INVITE"), 10, 1600 * MS, false, 2, 1);
    CHECK(r.flags == (SIPADV_FLOW_REPEAT | SIPADV_FLOW_RETRANSMISSION | SIPADV_FLOW_ANSWER_RESENT));
    feed_between(flow, request(b, sizeof b, "OPTIONS", "z9hG4bK-o", "h", 9, "OPTIONS"), 11, 40000 * MS, false, 1, 2);
    CHECK_MSG(n_timed_out == 1, "%u timeouts", n_timed_out);
    CHECK(timed_out[0].flag == SIPADV_FLOW_MISSING_ACK && timed_out[0].frame == 6 && timed_out[0].code == 486 &&
          timed_out[0].waited_ns == 32000 * MS);
    /* A 200 over TCP never resent: its UAS resends a 2xx until the ACK whatever the transport (§13.3.1.4),
     * so it was acknowledged out of sight; Timer H says nothing. */
    n_timed_out = 0;
    feed_between(flow, request(b, sizeof b, "INVITE", "z9hG4bK-5", "h", 5, "INVITE"), 20, 41000 * MS, true, 1, 2);
    feed_between(flow, response(b, sizeof b, 200, "z9hG4bK-5", "h", "t", 5, "INVITE"), 21, 41100 * MS, true, 2, 1);
    feed_between(flow, request(b, sizeof b, "OPTIONS", "z9hG4bK-p", "h", 9, "OPTIONS"), 22, 80000 * MS, false, 1, 2);
    CHECK_MSG(n_timed_out == 1 && timed_out[0].flag == SIPADV_FLOW_NO_FINAL, "%u timeouts", n_timed_out);
    sipadv_flow_free(flow);
}

/*
 * A UAS core resends a 2xx to INVITE until the ACK comes whatever the transport (RFC 3261 §13.3.1.4): over
 * TCP too its resends tell the ACK is missing, as over UDP (said on the second resend), but no
 * retransmission is said there. A 486 repeated over TCP is no resend (only UDP retransmits it): nothing.
 */
static void
test_missing_ack_reliable(void)
{
    sipadv_flow *flow = sipadv_flow_new(&config, 18);
    char b[1024];
    sipadv_flow_result r;

    feed_between(flow, request(b, sizeof b, "INVITE", "z9hG4bK-1", "h", 1, "INVITE"), 1, 0, true, 1, 2);
    feed_between(flow, response(b, sizeof b, 200, "z9hG4bK-1", "h", "t", 1, "INVITE"), 2, 100 * MS, true, 2, 1);
    /* Within T1/2: the same packet captured twice, not a resend. */
    r = feed_between(flow, response(b, sizeof b, 200, "z9hG4bK-1", "h", "t", 1, "INVITE"), 3, 200 * MS, true, 2, 1);
    CHECK(r.flags == (SIPADV_FLOW_REPEAT | SIPADV_FLOW_COPY));
    r = feed_between(flow, response(b, sizeof b, 200, "z9hG4bK-1", "h", "t", 1, "INVITE"), 4, 600 * MS, true, 2, 1);
    CHECK(r.flags == (SIPADV_FLOW_REPEAT | SIPADV_FLOW_ANSWER_RESENT));
    r = feed_between(flow, response(b, sizeof b, 200, "z9hG4bK-1", "h", "t", 1, "INVITE"), 5, 1600 * MS, true, 2, 1);
    CHECK(r.flags == (SIPADV_FLOW_REPEAT | SIPADV_FLOW_ANSWER_RESENT | SIPADV_FLOW_MISSING_ACK));
    r = feed_between(flow, response(b, sizeof b, 200, "z9hG4bK-1", "h", "t", 1, "INVITE"), 6, 3600 * MS, true, 2, 1);
    CHECK(r.flags == (SIPADV_FLOW_REPEAT | SIPADV_FLOW_ANSWER_RESENT));
    /* Near misses: a 200 over TCP once, then its ACK; a 486 repeated over TCP, then its ACK. */
    feed_between(flow, request(b, sizeof b, "INVITE", "z9hG4bK-2", "h", 2, "INVITE"), 7, 4000 * MS, true, 1, 2);
    r = feed_between(flow, response(b, sizeof b, 200, "z9hG4bK-2", "h", "t", 2, "INVITE"), 8, 4100 * MS, true, 2, 1);
    CHECK(r.flags == 0);
    feed_between(flow, request(b, sizeof b, "ACK", "z9hG4bK-2a", "h", 2, "ACK"), 9, 4200 * MS, true, 1, 2);
    feed_between(flow, request(b, sizeof b, "INVITE", "z9hG4bK-3", "h", 3, "INVITE"), 10, 5000 * MS, true, 1, 2);
    feed_between(flow, response(b, sizeof b, 486, "z9hG4bK-3", "h", "t", 3, "INVITE"), 11, 5100 * MS, true, 2, 1);
    r = feed_between(flow, response(b, sizeof b, 486, "z9hG4bK-3", "h", "t", 3, "INVITE"), 12, 6100 * MS, true, 2, 1);
    CHECK(r.flags == SIPADV_FLOW_REPEAT);
    r = feed_between(flow, response(b, sizeof b, 486, "z9hG4bK-3", "h", "t", 3, "INVITE"), 13, 8100 * MS, true, 2, 1);
    CHECK(r.flags == SIPADV_FLOW_REPEAT);
    feed_between(flow, request(b, sizeof b, "ACK", "z9hG4bK-3", "h", 3, "ACK"), 14, 8200 * MS, true, 1, 2);
    /* Timer H: neither the acknowledged 486 nor the 200 said twice. */
    feed_between(flow, request(b, sizeof b, "OPTIONS", "z9hG4bK-o", "h", 9, "OPTIONS"), 15, 50000 * MS, true, 1, 2);
    CHECK_MSG(n_timed_out == 0, "%u timeouts", n_timed_out);
    sipadv_flow_free(flow);
}

/* A request from a UE to its P-CSCF: one Via and extra headers (Security-Client, P-Preferred-Identity, ...). */
static const char *
ue_request(char *out, size_t size, const char *method, const char *branch, unsigned cseq, const char *vias,
           const char *extra)
{
    snprintf(out, size,
             "%s sip:ims.example.net SIP/2.0\r\n"
             "Via: SIP/2.0/UDP [2001:db8::1]:5060;branch=%s%s\r\n"
             "From: <sip:ue@ims.example.net>;tag=u1\r\n"
             "To: <sip:ue@ims.example.net>\r\n"
             "Call-ID: ue-%s@example.net\r\n"
             "CSeq: %u %s\r\n%s\r\n"
             "Content-Length: 0\r\n\r\n",
             method, branch, vias, branch, cseq, method, extra);
    return out;
}

/*
 * T1 per leg: a UE's request to its P-CSCF is timed with 3GPP TS 24.229's T1 of 2 s (Timers B, F: 128 s),
 * any other with RFC 3261's 500 ms (32 s); with the UE leg not told apart (t1_ue_ns 0), 32 s for all.
 */
static void
test_ue_leg(void)
{
    static const char *const ue_marks[] = { "Security-Client: ipsec-3gpp;alg=hmac-sha-1-96;spi-c=1;spi-s=2",
                                            "Security-Verify: ipsec-3gpp;q=0.1", "P-Preferred-Identity: <sip:ue@x>",
                                            "P-Access-Network-Info: 3GPP-E-UTRAN-FDD;utran-cell-id-3gpp=001010001" };
    char b[1024];

    for (unsigned i = 0; i < 4; i++) {
        sipadv_flow *flow = sipadv_flow_new(&config, 30 + i);
        sipadv_flow_result r;

        r = feed(flow, ue_request(b, sizeof b, i % 2 ? "INVITE" : "REGISTER", "z9hG4bK-ue", 1, "", ue_marks[i]), 1,
                 0, false);
        CHECK_MSG(r.flags == SIPADV_FLOW_UE_LEG, "mark %u", i);
        /* The same request without what only a UE sends: RFC 3261's T1. */
        r = feed(flow, ue_request(b, sizeof b, "REGISTER", "z9hG4bK-any", 1, "", "Expires: 600"), 2, 0, false);
        CHECK(r.flags == 0);
        feed(flow, request(b, sizeof b, "OPTIONS", "z9hG4bK-o1", "h", 1, "OPTIONS"), 3, 31999 * MS, false);
        CHECK(n_timed_out == 0);
        feed(flow, request(b, sizeof b, "OPTIONS", "z9hG4bK-o2", "h", 1, "OPTIONS"), 4, 32000 * MS, false);
        CHECK_MSG(n_timed_out == 1 && timed_out[0].frame == 2 && timed_out[0].waited_ns == 32000 * MS, "%u",
                  n_timed_out);
        feed(flow, request(b, sizeof b, "OPTIONS", "z9hG4bK-o3", "h", 1, "OPTIONS"), 5, 127999 * MS, false);
        /* The OPTIONS of frames 3 and 4 ran out too (32 s each), not the UE's request. */
        CHECK_MSG(n_timed_out == 2 && timed_out[0].frame == 3 && timed_out[1].frame == 4, "%u", n_timed_out);
        feed(flow, request(b, sizeof b, "OPTIONS", "z9hG4bK-o4", "h", 1, "OPTIONS"), 6, 128000 * MS, false);
        CHECK_MSG(n_timed_out == 1 && timed_out[0].frame == 1 && timed_out[0].waited_ns == 128000 * MS, "%u",
                  n_timed_out);
        sipadv_flow_free(flow);
    }
    {
        /* Not from a UE: a second Via (a proxy relayed it); P-Access-Network-Info with P-Asserted-Identity
         * (the P-CSCF asserted the identity). From a UE, but the UE leg not told apart: 32 s. */
        static const sipadv_flow_config rfc_only = { 500 * MS, 0, 200 * MS, 0 };
        sipadv_flow *flow = sipadv_flow_new(&config, 40), *plain = sipadv_flow_new(&rfc_only, 41);
        sipadv_flow_result r;

        r = feed(flow, ue_request(b, sizeof b, "INVITE", "z9hG4bK-2v", 1, ", SIP/2.0/UDP 10.0.0.9;branch=z9hG4bK-9",
                                  ue_marks[0]), 1, 0, false);
        CHECK(r.flags == 0);
        r = feed(flow, ue_request(b, sizeof b, "INVITE", "z9hG4bK-pai", 1, "",
                                  "P-Access-Network-Info: 3GPP-E-UTRAN-FDD\r\nP-Asserted-Identity: <sip:ue@x>"),
                 2, 0, false);
        CHECK(r.flags == 0);
        r = feed(plain, ue_request(b, sizeof b, "REGISTER", "z9hG4bK-ue", 1, "", ue_marks[0]), 1, 0, false);
        CHECK(r.flags == 0);
        feed(plain, request(b, sizeof b, "OPTIONS", "z9hG4bK-o", "h", 1, "OPTIONS"), 2, 32000 * MS, false);
        CHECK(n_timed_out == 1 && timed_out[0].frame == 1);
        sipadv_flow_free(flow);
        sipadv_flow_free(plain);
    }
}

/*
 * A broken capture clock (clock.h): a step back, or forward by more than an hour, counts as no time. The
 * timers run out only after time the capture visibly ran, and a response time across a jump is unknown
 * (never negative, never years).
 */
static void
test_clock_jumps(void)
{
    const int64_t year = INT64_C(365) * 86400 * 1000 * MS, later = INT64_C(1530001712) * 1000 * MS;
    sipadv_clock clock;
    sipadv_flow *flow = sipadv_flow_new(&config, 50);
    sipadv_flow_result r;
    char b[1024];
    int64_t t;

    sipadv_clock_init(&clock);
    CHECK(sipadv_clock_tick(&clock, 1000 * MS) == 1000 * MS && clock.steady_since == SIPADV_NO_TIME);
    CHECK(sipadv_clock_tick(&clock, 2000 * MS) == 2000 * MS);
    t = sipadv_clock_tick(&clock, 2000 * MS + 3600 * 1000 * MS);   /* an hour: still time */
    CHECK(t == 2000 * MS + 3600 * 1000 * MS && clock.jumps == 0);
    t = sipadv_clock_tick(&clock, 6 * year);                        /* years on: no time */
    CHECK(t == 2000 * MS + 3600 * 1000 * MS + 1 && clock.steady_since == t && clock.jumps == 1);
    CHECK(sipadv_clock_tick(&clock, 5 * year) == t + 1 && clock.steady_since == t + 1);   /* back: no time */
    t = sipadv_clock_tick(&clock, 5 * year + 500 * MS);
    CHECK(t == 2000 * MS + 3600 * 1000 * MS + 2 + 500 * MS);
    CHECK(sipadv_clock_tick(&clock, INT64_MAX) == t + 1 && sipadv_clock_tick(&clock, INT64_MIN) == t + 2);
    /* Frames a little out of order: 5 ms back is no time and no jump; the next frame counts from the latest. */
    sipadv_clock_init(&clock);
    sipadv_clock_tick(&clock, 1000 * MS);
    CHECK(sipadv_clock_tick(&clock, 995 * MS) == 1000 * MS && clock.jumps == 0 && clock.steady_since == SIPADV_NO_TIME);
    CHECK(sipadv_clock_tick(&clock, 1010 * MS) == 1010 * MS && clock.jumps == 0);
    CHECK(sipadv_clock_tick(&clock, 800 * MS) == 1010 * MS + 1 && clock.jumps == 1);   /* 210 ms back: a jump */

    /* As the plugin feeds it: an INVITE, then years later (heplify's IPv6 sample) its 100 and 200. */
    sipadv_clock_init(&clock);
#define FEED(text, frame, raw) \
    (t = sipadv_clock_tick(&clock, raw), steady_since = clock.steady_since, feed(flow, text, frame, t, false))
    FEED(request(b, sizeof b, "INVITE", "z9hG4bK-j", "h", 1, "INVITE"), 1, INT64_C(1328589362) * 1000 * MS);
    FEED(request(b, sizeof b, "OPTIONS", "z9hG4bK-k", "h", 1, "OPTIONS"), 2, INT64_C(1328589363) * 1000 * MS);
    r = FEED(response(b, sizeof b, 100, "z9hG4bK-j", "h", NULL, 1, "INVITE"), 3, INT64_C(1529707907) * 1000 * MS);
    CHECK(n_timed_out == 0 && r.request_frame == 1 && r.response_time_ns == SIPADV_NO_TIME);
    CHECK(!(r.flags & (SIPADV_FLOW_ORPHAN | SIPADV_FLOW_LATE_PROVISIONAL)));
    r = FEED(response(b, sizeof b, 200, "z9hG4bK-j", "h", "t", 1, "INVITE"), 4, INT64_C(1530001712) * 1000 * MS);
    CHECK(n_timed_out == 0 && r.request_frame == 1 && r.response_time_ns == SIPADV_NO_TIME && r.flags == 0);
    /* A response timed before its request (a capture out of order): unknown, not negative. */
    FEED(request(b, sizeof b, "BYE", "z9hG4bK-l", "h", 2, "BYE"), 5, INT64_C(1530001713) * 1000 * MS);
    r = FEED(response(b, sizeof b, 200, "z9hG4bK-l", "h", "t", 2, "BYE"), 6, INT64_C(1530001712) * 1000 * MS);
    CHECK(r.request_frame == 5 && r.response_time_ns == SIPADV_NO_TIME);
    /* The OPTIONS of frame 2 runs out only after 32 s the capture visibly ran since it: 1 s between frames 4
     * and 5, then 31 s more. */
    FEED(request(b, sizeof b, "OPTIONS", "z9hG4bK-m", "h", 3, "OPTIONS"), 7, later + 30999 * MS);
    CHECK_MSG(n_timed_out == 0, "%u", n_timed_out);
    FEED(request(b, sizeof b, "OPTIONS", "z9hG4bK-n", "h", 3, "OPTIONS"), 8, later + 31000 * MS);
    CHECK_MSG(n_timed_out == 1 && timed_out[0].frame == 2, "%u", n_timed_out);
    /* After the jump, time counts again: a response within the steady stretch has its time. */
    r = FEED(response(b, sizeof b, 200, "z9hG4bK-n", "h", "t", 3, "OPTIONS"), 9, later + 31250 * MS);
    CHECK(r.request_frame == 8 && r.response_time_ns == 250 * MS);
#undef FEED
    steady_since = SIPADV_NO_TIME;
    sipadv_flow_free(flow);
}

/*
 * One event, one finding: the same response relayed by a proxy (another top Via) within T1/2 is a
 * copy of the first sighting; the next hop's retransmission later is not, nor a response of another fork.
 */
static void
test_copies(void)
{
    sipadv_flow *flow = sipadv_flow_new(&config, 10);
    char b[1024];
    sipadv_flow_result r;

    r = feed_between(flow, response(b, sizeof b, 488, "z9hG4bK-leg1", "p", "t", 3, "INVITE"), 1, 0, false, 1, 2);
    CHECK(!(r.flags & SIPADV_FLOW_COPY));
    r = feed_between(flow, response(b, sizeof b, 488, "z9hG4bK-leg2", "u", "t", 3, "INVITE"), 2, 2 * MS, false, 2, 3);
    CHECK(r.flags & SIPADV_FLOW_COPY && r.copy_of == 1 && !(r.flags & SIPADV_FLOW_REPEAT));
    r = feed_between(flow, response(b, sizeof b, 488, "z9hG4bK-leg2", "u", "t2", 3, "INVITE"), 3, 3 * MS, false, 2, 3);
    CHECK(!(r.flags & SIPADV_FLOW_COPY));
    r = feed_between(flow, response(b, sizeof b, 488, "z9hG4bK-leg1", "p", "t", 3, "INVITE"), 4, 500 * MS, false, 1, 2);
    CHECK(!(r.flags & SIPADV_FLOW_COPY) && (r.flags & SIPADV_FLOW_RETRANSMISSION));
    r = feed_between(flow, response(b, sizeof b, 488, "z9hG4bK-leg2", "u", "t", 3, "INVITE"), 5, 503 * MS, false, 2, 3);
    CHECK(r.flags & SIPADV_FLOW_COPY && r.copy_of == 4);
    sipadv_flow_free(flow);
}

static const char *
failed_with_retry_after(char *out, size_t size, const char *branch, unsigned cseq, unsigned seconds)
{
    snprintf(out, size,
             "SIP/2.0 503 Service Unavailable\r\nVia: SIP/2.0/UDP h;branch=%s\r\nFrom: <sip:a@x>;tag=a1\r\n"
             "To: <sip:b@x>;tag=s\r\nCall-ID: call-1@example.com\r\nCSeq: %u INVITE\r\nRetry-After: %u\r\n"
             "Content-Length: 0\r\n\r\n",
             branch, cseq, seconds);
    return out;
}

static void
test_retry_after(void)
{
    sipadv_flow *flow = sipadv_flow_new(&config, 9);
    char b[1024];
    sipadv_flow_result r;

    feed_between(flow, request(b, sizeof b, "INVITE", "z9hG4bK-1", "h", 1, "INVITE"), 1, 0, false, 1, 2);
    feed_between(flow, failed_with_retry_after(b, sizeof b, "z9hG4bK-1", 1, 5), 2, 100 * MS, false, 2, 1);
    /* Its ACK, and another client's INVITE to that server, and the client's INVITE to another server: fine. */
    r = feed_between(flow, request(b, sizeof b, "ACK", "z9hG4bK-1", "h", 1, "ACK"), 3, 110 * MS, false, 1, 2);
    CHECK(r.flags == 0);
    r = feed_between(flow, request(b, sizeof b, "INVITE", "z9hG4bK-2", "h", 2, "INVITE"), 4, 200 * MS, false, 3, 2);
    CHECK(r.flags == 0);
    r = feed_between(flow, request(b, sizeof b, "INVITE", "z9hG4bK-3", "h", 3, "INVITE"), 5, 200 * MS, false, 1, 4);
    CHECK(r.flags == 0);
    /* The same client to the same server 1 s later: ignored, said once. */
    r = feed_between(flow, request(b, sizeof b, "INVITE", "z9hG4bK-4", "h", 2, "INVITE"), 6, 1100 * MS, false, 1, 2);
    CHECK(r.flags == SIPADV_FLOW_RETRY_IGNORED && r.retry_frame == 2 && r.since_retry_ns == 1000 * MS);
    r = feed_between(flow, request(b, sizeof b, "INVITE", "z9hG4bK-5", "h", 3, "INVITE"), 7, 1200 * MS, false, 1, 2);
    CHECK(r.flags == 0);
    /* Honoured: a new 503, and the next request 6 s later. */
    feed_between(flow, failed_with_retry_after(b, sizeof b, "z9hG4bK-5", 3, 5), 8, 1300 * MS, false, 2, 1);
    r = feed_between(flow, request(b, sizeof b, "INVITE", "z9hG4bK-6", "h", 4, "INVITE"), 9, 7300 * MS, false, 1, 2);
    CHECK(r.flags == 0 && r.retry_frame == 0);
    /* The capture's clock jumped after the 503: how long the client waited is unknown, nothing is said. */
    feed_between(flow, failed_with_retry_after(b, sizeof b, "z9hG4bK-6", 4, 5), 10, 7400 * MS, false, 2, 1);
    steady_since = 7401 * MS;
    r = feed_between(flow, request(b, sizeof b, "INVITE", "z9hG4bK-7", "h", 5, "INVITE"), 11, 7402 * MS, false, 1, 2);
    CHECK(r.flags == 0 && r.retry_frame == 0);
    steady_since = SIPADV_NO_TIME;
    sipadv_flow_free(flow);
}

/* A request with a To tag, credentials and a body of its own, as the transaction analysis keeps them for its responses. */
static const char *
request_with(char *out, size_t size, const char *method, const char *branch, unsigned cseq, const char *to_tag,
             const char *extra, const char *body)
{
    snprintf(out, size,
             "%s sip:bob@example.com SIP/2.0\r\n"
             "Via: SIP/2.0/UDP 10.0.0.1;branch=%s\r\n"
             "From: <sip:alice@example.com>;tag=a1\r\n"
             "To: <sip:bob@example.com>%s%s\r\n"
             "Call-ID: call-9@example.com\r\n"
             "CSeq: %u %s\r\n%s"
             "Content-Length: %zu\r\n\r\n%s",
             method, branch, to_tag ? ";tag=" : "", to_tag ? to_tag : "", cseq, method, extra, strlen(body), body);
    return out;
}

/* What a response answers (issue 11): initial or in-dialog, with credentials, and the offer a failure refuses. */
static void
test_request_context_and_offer(void)
{
    static const char t38[] = "v=0\r\no=- 1 2 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
                              "m=image 6002 udptl t38\r\na=T38FaxVersion:0\r\n";
    static const char g711[] = "v=0\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0 8 101\r\n"
                               "a=rtpmap:101 telephone-event/8000\r\n";
    sipadv_flow *flow = sipadv_flow_new(&config, 7);
    char req[1024], rsp[512];
    sipadv_flow_result r;

    feed(flow, request_with(req, sizeof req, "INVITE", "z9hG4bKc1", 1, NULL, "Content-Type: application/sdp\r\n", g711), 1,
         0, false);
    r = feed(flow, response(rsp, sizeof rsp, 180, "z9hG4bKc1", "10.0.0.1", "b1", 1, "INVITE"), 2, 10 * MS, false);
    CHECK(r.request_frame == 1 && r.request_context == SIPADV_CTX_INITIAL && r.offer == 0);   /* not a failure */
    r = feed(flow, response(rsp, sizeof rsp, 488, "z9hG4bKc1", "10.0.0.1", "b1", 1, "INVITE"), 3, 20 * MS, false);
    CHECK(r.offer == (1u << SIPADV_OFFER_AUDIO | 1u << SIPADV_OFFER_PCMU | 1u << SIPADV_OFFER_PCMA |
                      1u << SIPADV_OFFER_TEL_EVENT));
    /* A T.38 re-INVITE inside the dialog. */
    feed(flow, request_with(req, sizeof req, "INVITE", "z9hG4bKc2", 2, "b1", "Content-Type: application/sdp\r\n", t38), 4,
         30 * MS, false);
    r = feed(flow, response(rsp, sizeof rsp, 488, "z9hG4bKc2", "10.0.0.1", "b1", 2, "INVITE"), 5, 40 * MS, false);
    CHECK(r.request_context == SIPADV_CTX_IN_DIALOG && r.offer == (1u << SIPADV_OFFER_T38));
    /* Credentials answering a challenge; a REGISTER keeps no offer. */
    feed(flow, request_with(req, sizeof req, "REGISTER", "z9hG4bKc3", 3, NULL,
                            "Authorization: Digest username=\"a\", realm=\"x\", nonce=\"n\", response=\"r\"\r\n", ""),
         6, 50 * MS, false);
    r = feed(flow, response(rsp, sizeof rsp, 403, "z9hG4bKc3", "10.0.0.1", "b2", 3, "REGISTER"), 7, 60 * MS, false);
    CHECK(r.request_context == (SIPADV_CTX_INITIAL | SIPADV_CTX_CREDENTIALS) && r.offer == 0);
    /* An orphan response knows nothing of its request. */
    r = feed(flow, response(rsp, sizeof rsp, 488, "z9hG4bKnone", "10.0.0.1", "b3", 9, "INVITE"), 8, 70 * MS, false);
    CHECK(r.request_frame == 0 && r.request_context == 0 && r.offer == 0);
    sipadv_flow_free(flow);
}

int
main(void)
{
    test_invite_transaction();
    test_late_provisional_near_misses();
    test_auth_rejected();
    test_reliable_and_orphans();
    test_rfc2543();
    test_reliable_provisionals();
    test_no_final_response();
    test_missing_ack();
    test_missing_ack_reliable();
    test_ue_leg();
    test_clock_jumps();
    test_copies();
    test_retry_after();
    test_bounded();
    test_request_context_and_offer();
    return check_report();
}
