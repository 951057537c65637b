/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Call outcomes from message sequences, without Wireshark. */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#include "call_scenario.h"
#include "calls.h"
#include "check.h"

static const sipadv_call *
call_of(scenario *s, sipadv_call_result r)
{
    return sipadv_calls_get(s->calls, r.call);
}

static void
test_completed_through_proxy(void)
{
    scenario s = { sipadv_calls_new(500 * MS, 2000 * MS, 1), 0, 0 };
    sipadv_call_result r, first;
    const sipadv_call *c;

    first = INVITE(&s, 0, 1, NULL);
    CHECK(first.call == 1 && !first.settles);
    r = INVITE(&s, 5, 1, NULL);   /* the proxy's copy toward the callee */
    CHECK(r.call == 1 && !r.settles);
    RESP(&s, 5, "proxy", "100 Trying", 1, "INVITE", NULL, NULL);
    RESP(&s, 300, "callee", "180 Ringing", 1, "INVITE", "B", NULL);
    r = RESP(&s, 2000, "callee", "200 OK", 1, "INVITE", "B", NULL);
    c = call_of(&s, r);
    CHECK(!r.settles && c->settled_frame == s.frame && c->outcome == SIPADV_OUTCOME_ANSWERED && c->final_code == 200);
    CHECK(c->provisional_ns - c->start_ns == 310 * MS && c->answer_ns - c->start_ns == 2310 * MS);
    r = RESP(&s, 1, "proxy", "200 OK", 1, "INVITE", "B", NULL);   /* relayed: decides nothing again */
    CHECK(!r.settles);
    r = send_msg(&s, 30000, "callee", false, "BYE sip:a@x SIP/2.0", 7, "BYE", "B", "A", "Reason: Q.850;cause=16");
    c = call_of(&s, r);
    CHECK(r.settles && c->outcome == SIPADV_OUTCOME_COMPLETED && c->ended_by == SIPADV_PARTY_CALLEE);
    CHECK(c->end_ns - c->answer_ns == 30001 * MS && strcmp(c->sender, "callee") == 0);
    CHECK(sipadv_calls_count(s.calls) == 1);
    sipadv_calls_free(s.calls);
}

static void
test_dropped_and_failures(void)
{
    scenario s = { sipadv_calls_new(500 * MS, 2000 * MS, 2), 0, 0 };
    sipadv_call_result r;
    const sipadv_call *c;

    INVITE(&s, 0, 1, NULL);
    RESP(&s, 100, "callee", "200 OK", 1, "INVITE", "B", NULL);
    r = send_msg(&s, 5000, "pcscf", false, "BYE sip:b@x SIP/2.0", 2, "BYE", "A", "B",
                 "Reason: Q.850;cause=41;text=\"temporary failure\"");
    c = call_of(&s, r);
    CHECK(c->outcome == SIPADV_OUTCOME_DROPPED && c->ended_by == SIPADV_PARTY_CALLER);
    CHECK((c->flags & SIPADV_CALL_REASON_Q850) && c->reason_cause == 41);

    /* Call-ID reused after the end: a new call; a 503 with Retry-After fails it. */
    r = INVITE(&s, 60000, 10, NULL);
    CHECK(r.call == 2);
    r = RESP(&s, 1200, "10.0.0.5", "503 Service Unavailable", 10, "INVITE", "X", "Retry-After: 30");
    c = call_of(&s, r);
    CHECK(c->outcome == SIPADV_OUTCOME_FAILED && c->retry_after == 30 && (c->flags & SIPADV_CALL_RETRY_AFTER));
    CHECK(c->ended_by == SIPADV_PARTY_CALLEE && c->settled_ns - c->start_ns == 1200 * MS);

    /* 408 after ringing: nobody answered; without ringing: a failure. */
    INVITE(&s, 60000, 20, NULL);
    RESP(&s, 100, "callee", "180 Ringing", 20, "INVITE", "B", NULL);
    r = RESP(&s, 30000, "proxy", "408 Request Timeout", 20, "INVITE", "B", NULL);
    CHECK(call_of(&s, r)->outcome == SIPADV_OUTCOME_NO_ANSWER);
    INVITE(&s, 60000, 30, NULL);
    r = RESP(&s, 32000, "proxy", "408 Request Timeout", 30, "INVITE", "P", NULL);
    CHECK(call_of(&s, r)->outcome == SIPADV_OUTCOME_FAILED);
    sipadv_calls_free(s.calls);
}

static void
test_steps_and_cancel(void)
{
    scenario s = { sipadv_calls_new(500 * MS, 2000 * MS, 3), 0, 0 };
    sipadv_call_result r;
    const sipadv_call *c;

    /* A 407 the caller answers with a new INVITE is a step. */
    INVITE(&s, 0, 1, NULL);
    r = RESP(&s, 10, "proxy", "407 Proxy Authentication Required", 1, "INVITE", "P", NULL);
    c = call_of(&s, r);
    CHECK(!r.settles && sipadv_call_outcome(c) == SIPADV_OUTCOME_REJECTED && c->settled_frame == s.frame);
    r = send_msg(&s, 1, "proxy", false, "SIP/2.0 407 Proxy Authentication Required", 1, "INVITE", "A", "P", NULL);
    CHECK(!r.settles);   /* the challenge relayed on another leg */
    r = INVITE(&s, 10, 2, NULL);
    c = call_of(&s, r);
    CHECK(r.call == 1 && sipadv_call_outcome(c) == SIPADV_OUTCOME_SETUP && c->final_code == 0);
    RESP(&s, 500, "callee", "180 Ringing", 2, "INVITE", "B", NULL);
    send_msg(&s, 4000, "ue", false, "CANCEL sip:b@x SIP/2.0", 2, "CANCEL", "A", NULL, NULL);
    r = RESP(&s, 10, "callee", "487 Request Terminated", 2, "INVITE", "B", NULL);
    c = call_of(&s, r);
    CHECK(r.settles && c->outcome == SIPADV_OUTCOME_CANCELLED && c->ended_by == SIPADV_PARTY_CALLER);
    CHECK(c->final_code == 487 && sipadv_calls_count(s.calls) == 1);

    /* Busy, declined, redirected, rejected. */
    {
        static const struct {
            const char *line;
            sipadv_outcome outcome;
        } finals[] = {
            { "SIP/2.0 486 Busy Here", SIPADV_OUTCOME_BUSY },
            { "SIP/2.0 600 Busy Everywhere", SIPADV_OUTCOME_BUSY },
            { "SIP/2.0 603 Decline", SIPADV_OUTCOME_DECLINED },
            { "SIP/2.0 480 Temporarily Unavailable", SIPADV_OUTCOME_NO_ANSWER },
            { "SIP/2.0 302 Moved Temporarily", SIPADV_OUTCOME_REDIRECTED },
            { "SIP/2.0 404 Not Found", SIPADV_OUTCOME_REJECTED },
            { "SIP/2.0 487 Request Terminated", SIPADV_OUTCOME_REJECTED },
            { "SIP/2.0 500 Server Internal Error", SIPADV_OUTCOME_FAILED },
        };
        for (unsigned i = 0; i < sizeof finals / sizeof finals[0]; i++) {
            INVITE(&s, 60000, 100 + i, NULL);
            r = send_msg(&s, 50, "callee", false, finals[i].line, 100 + i, "INVITE", "A", "B", NULL);
            CHECK_MSG(call_of(&s, r)->outcome == finals[i].outcome, "%s", finals[i].line);
        }
    }
    /* A repeat decides nothing; an answered call stays answered without BYE; 481 to a re-INVITE drops it. */
    INVITE(&s, 60000, 200, NULL);
    r = RESP(&s, 50, "callee", "200 OK", 200, "INVITE", "B", NULL);
    r = send_msg(&s, 10, "ue", true, "SIP/2.0 200 OK", 200, "INVITE", "A", "B", NULL);
    CHECK(!r.settles && call_of(&s, r)->outcome == SIPADV_OUTCOME_ANSWERED);
    INVITE(&s, 10000, 201, "B");
    r = RESP(&s, 50, "callee", "481 Call/Transaction Does Not Exist", 201, "INVITE", "B", NULL);
    CHECK(r.settles && call_of(&s, r)->outcome == SIPADV_OUTCOME_DROPPED);
    /* Near miss: a CANCEL that crossed the 200 gets a 481 (RFC 3261 §9.2), and the call goes on. */
    INVITE(&s, 60000, 300, NULL);
    RESP(&s, 50, "callee", "200 OK", 300, "INVITE", "B", NULL);
    send_msg(&s, 1, "ue", false, "CANCEL sip:b@x SIP/2.0", 300, "CANCEL", "A", NULL, NULL);
    r = RESP(&s, 1, "callee", "481 Call/Transaction Does Not Exist", 300, "CANCEL", "B", NULL);
    CHECK(!r.settles && call_of(&s, r)->outcome == SIPADV_OUTCOME_ANSWERED);
    send_msg(&s, 1000, "ue", false, "BYE sip:b@x SIP/2.0", 301, "BYE", "A", "B", NULL);
    r = RESP(&s, 1, "callee", "200 OK", 301, "BYE", "B", NULL);
    CHECK(call_of(&s, r)->outcome == SIPADV_OUTCOME_COMPLETED);
    /* Who generated the deciding failure, as it tells: a Warning's agent first, else Server. */
    INVITE(&s, 60000, 400, NULL);
    r = RESP(&s, 50, "callee", "488 Not Acceptable Here", 400, "INVITE", "B",
             "Server: gw-1\r\nWarning: 305 sbc.example.net \"Incompatible media format\"");
    c = call_of(&s, r);
    CHECK(r.settles && strcmp(c->generator, "sbc.example.net") == 0 && c->generator_from == SIPADV_HDR_WARNING);
    INVITE(&s, 60000, 401, NULL);
    r = RESP(&s, 50, "callee", "503 Service Unavailable", 401, "INVITE", "B", "Server: gw-1 \xc3\xa9");
    c = call_of(&s, r);
    CHECK(strcmp(c->generator, "gw-1 ??") == 0 && c->generator_from == SIPADV_HDR_SERVER);
    sipadv_calls_free(s.calls);
}

#define REGISTER(s, ms, cseq, extra) \
    send_msg(s, ms, "ue", false, "REGISTER sip:ims.example.net SIP/2.0", cseq, "REGISTER", "A", NULL, extra)

static void
test_registrations(void)
{
    scenario s = { sipadv_calls_new(500 * MS, 2000 * MS, 4), 0, 0 };
    sipadv_call_result r;
    const sipadv_call *c;

    r = REGISTER(&s, 0, 1, "Contact: <sip:u@10.0.0.1>");
    CHECK(r.call == 1 && call_of(&s, r)->kind == SIPADV_KIND_REGISTRATION);
    r = RESP(&s, 20, "scscf", "401 Unauthorized", 1, "REGISTER", "S", NULL);
    CHECK(!r.settles && call_of(&s, r)->outcome == SIPADV_REG_PENDING && call_of(&s, r)->challenges == 1);
    r = RESP(&s, 1, "pcscf", "401 Unauthorized", 1, "REGISTER", "S", NULL);   /* relayed by the P-CSCF */
    CHECK(call_of(&s, r)->challenges == 1);
    r = REGISTER(&s, 30, 2, "Contact: <sip:u@10.0.0.1>");
    CHECK(r.call == 1);
    r = RESP(&s, 50, "scscf", "200 OK", 2, "REGISTER", "S", "Contact: <sip:u@10.0.0.1>;expires=600");
    c = call_of(&s, r);
    CHECK(r.settles && c->outcome == SIPADV_REG_REGISTERED && c->expires == 600 && c->challenges == 1);
    CHECK(c->answer_ns - c->start_ns == 101 * MS);

    /* A REGISTER with Expires 0 is a new attempt, and its 2xx deregisters. */
    r = REGISTER(&s, 60000, 3, "Expires: 0");
    CHECK(r.call == 2);
    r = RESP(&s, 20, "scscf", "200 OK", 3, "REGISTER", "S", NULL);
    CHECK(r.settles && call_of(&s, r)->outcome == SIPADV_REG_DEREGISTERED);

    /* Credentials rejected: the second challenge fails it; a 403 fails it at once. */
    REGISTER(&s, 60000, 4, NULL);
    RESP(&s, 20, "scscf", "401 Unauthorized", 4, "REGISTER", "S", NULL);
    REGISTER(&s, 20, 5, "Authorization: Digest username=\"u\"");
    auth_rejected_next = true;
    r = RESP(&s, 20, "scscf", "401 Unauthorized", 5, "REGISTER", "S", NULL);
    c = call_of(&s, r);
    CHECK(r.settles && c->outcome == SIPADV_REG_FAILED && c->final_code == 401 && c->challenges == 1);
    r = REGISTER(&s, 60000, 6, NULL);
    CHECK(r.call == 4);
    r = RESP(&s, 20, "scscf", "403 Forbidden", 6, "REGISTER", "S", "Warning: 399 scscf \"Roaming not allowed\"");
    c = call_of(&s, r);
    CHECK(r.settles && c->outcome == SIPADV_REG_FAILED && (c->flags & SIPADV_CALL_WARNING) && c->warning_code == 399);
    /* An INVITE on a registration's Call-ID starts a call. */
    r = INVITE(&s, 10, 7, NULL);
    CHECK(r.call == 5 && call_of(&s, r)->kind == SIPADV_KIND_CALL);
    sipadv_calls_free(s.calls);
}

static uint32_t expired[4];
static unsigned n_expired;

static void
collect(void *ctx, uint32_t call)
{
    (void)ctx;
    if (n_expired < 4)
        expired[n_expired] = call;
    n_expired++;
}

/* The calls timers due after ms more: as the plugin runs them before each message. */
static void
wait_ms(scenario *s, int64_t ms)
{
    s->now += ms * MS;
    n_expired = 0;
    sipadv_calls_expire(s->calls, s->now, collect, NULL);
}

static void
test_timers(void)
{
    scenario s = { sipadv_calls_new(500 * MS, 2000 * MS, 6), 0, 0 };
    sipadv_call_result r, answered, ringing;
    const sipadv_call *c;

    /* An INVITE nobody answers: failed 64×T1 after it, on the INVITE. */
    r = INVITE(&s, 0, 1, NULL);
    wait_ms(&s, 31999);
    CHECK(n_expired == 0);
    wait_ms(&s, 1);
    c = call_of(&s, r);
    CHECK(n_expired == 1 && expired[0] == r.call && c->outcome == SIPADV_OUTCOME_FAILED);
    CHECK((c->flags & SIPADV_CALL_TIMEOUT) && c->event_method == SIPADV_METHOD_INVITE && c->settled_frame == 1);
    CHECK(c->settled_ns - c->start_ns == 32000 * MS);

    /* Answered, no ACK: dropped 64×T1 after the 2xx; answered and acknowledged: still up. */
    sipadv_calls_free(s.calls);
    s = (scenario){ sipadv_calls_new(500 * MS, 2000 * MS, 7), 0, 0 };
    answered = INVITE(&s, 0, 1, NULL);
    RESP(&s, 1000, "callee", "200 OK", 1, "INVITE", "B", NULL);
    answer_resent_next = true;
    send_msg(&s, 500, "callee", true, "SIP/2.0 200 OK", 1, "INVITE", "A", "B", NULL);
    wait_ms(&s, 30500);
    CHECK(n_expired == 0);
    wait_ms(&s, 1000);
    c = call_of(&s, answered);
    CHECK(n_expired == 1 && c->outcome == SIPADV_OUTCOME_DROPPED && c->event_method == SIPADV_METHOD_ACK);
    CHECK(c->settled_frame == 2 && c->end_ns - c->answer_ns == 32000 * MS);
    r = send_msg(&s, 10, "callee", false, "BYE sip:a@x SIP/2.0", 2, "BYE", "B", "A", NULL);
    CHECK(!r.settles && call_of(&s, r)->outcome == SIPADV_OUTCOME_DROPPED);

    /* A 2xx over UDP never sent again was acknowledged, on a path the capture does not show. */
    sipadv_calls_free(s.calls);
    s = (scenario){ sipadv_calls_new(500 * MS, 2000 * MS, 10), 0, 0 };
    answered = INVITE(&s, 0, 1, NULL);
    RESP(&s, 1000, "callee", "200 OK", 1, "INVITE", "B", NULL);
    wait_ms(&s, 40000);
    CHECK(n_expired == 0 && call_of(&s, answered)->outcome == SIPADV_OUTCOME_ANSWERED);

    sipadv_calls_free(s.calls);
    s = (scenario){ sipadv_calls_new(500 * MS, 2000 * MS, 8), 0, 0 };
    answered = INVITE(&s, 0, 1, NULL);
    RESP(&s, 1000, "callee", "200 OK", 1, "INVITE", "B", NULL);
    send_msg(&s, 10, "ue", false, "ACK sip:b@x SIP/2.0", 1, "ACK", "A", "B", NULL);
    /* Ringing: Timer B stops; only a proxy's Timer C (3 minutes) and 64×T1 more end it. */
    ringing = send_msg(&s, 0, "ue", false, "INVITE sip:b@x SIP/2.0", 1, "INVITE", "A2", NULL, NULL);
    CHECK(ringing.call == 1);   /* the same Call-ID, a live call: no new call */
    wait_ms(&s, 40000);
    CHECK(n_expired == 0 && call_of(&s, answered)->outcome == SIPADV_OUTCOME_ANSWERED);
    sipadv_calls_free(s.calls);

    /* Only a 100 from the next hop: Timer B stops too; Timer C counts from the INVITE. */
    s = (scenario){ sipadv_calls_new(500 * MS, 2000 * MS, 15), 0, 0 };
    ringing = INVITE(&s, 0, 1, NULL);
    RESP(&s, 5, "proxy", "100 Trying", 1, "INVITE", NULL, NULL);
    wait_ms(&s, 40000);
    CHECK(n_expired == 0 && call_of(&s, ringing)->outcome == SIPADV_OUTCOME_SETUP);
    wait_ms(&s, 172000);
    CHECK(n_expired == 1 && call_of(&s, ringing)->outcome == SIPADV_OUTCOME_FAILED);
    sipadv_calls_free(s.calls);

    s = (scenario){ sipadv_calls_new(500 * MS, 2000 * MS, 9), 0, 0 };
    ringing = INVITE(&s, 0, 1, NULL);
    RESP(&s, 500, "callee", "180 Ringing", 1, "INVITE", "B", NULL);
    wait_ms(&s, 40000);
    CHECK(n_expired == 0 && call_of(&s, ringing)->outcome == SIPADV_OUTCOME_SETUP);
    wait_ms(&s, 172500);
    CHECK(n_expired == 1 && call_of(&s, ringing)->outcome == SIPADV_OUTCOME_FAILED);
    sipadv_calls_free(s.calls);
}

static void
test_forks_and_session_timer(void)
{
    scenario s = { sipadv_calls_new(500 * MS, 2000 * MS, 11), 0, 0 };
    sipadv_call_result first, r;
    const sipadv_call *c;

    /* Forked: fork C rings then refuses (the leg behind the proxy), fork B answers: answered, then completed. */
    first = INVITE(&s, 0, 1, NULL);
    INVITE(&s, 1, 1, NULL);   /* the proxy's INVITE to fork C */
    RESP(&s, 100, "forkC", "180 Ringing", 1, "INVITE", "C", NULL);
    r = RESP(&s, 100, "forkC", "486 Busy Here", 1, "INVITE", "C", NULL);
    CHECK(r.settles && call_of(&s, r)->outcome == SIPADV_OUTCOME_BUSY);
    r = INVITE(&s, 1, 1, NULL);   /* the proxy's INVITE to fork B, after C failed: still the same call */
    CHECK(r.call == first.call && sipadv_calls_count(s.calls) == 1);
    RESP(&s, 100, "forkB", "180 Ringing", 1, "INVITE", "B", NULL);
    r = RESP(&s, 900, "forkB", "200 OK", 1, "INVITE", "B", NULL);
    c = call_of(&s, r);
    CHECK(r.call == first.call && c->outcome == SIPADV_OUTCOME_ANSWERED && c->final_code == 200);
    /* The same 486 relayed again on another leg decides nothing. */
    r = RESP(&s, 1, "proxy", "486 Busy Here", 1, "INVITE", "C", NULL);
    CHECK(!r.settles && call_of(&s, r)->outcome == SIPADV_OUTCOME_ANSWERED);
    r = send_msg(&s, 5000, "ue", false, "BYE sip:b@x SIP/2.0", 2, "BYE", "A", "B", NULL);
    CHECK(call_of(&s, r)->outcome == SIPADV_OUTCOME_COMPLETED);
    sipadv_calls_free(s.calls);

    /* Session timer of 90 s: refreshed by a re-INVITE at 40 s, the BYE at 100 s is fine; a BYE 90 s after
     * the last refresh ends a session that ran out (RFC 4028 §10). */
    s = (scenario){ sipadv_calls_new(500 * MS, 2000 * MS, 12), 0, 0 };
    INVITE(&s, 0, 1, NULL);
    RESP(&s, 100, "callee", "200 OK", 1, "INVITE", "B", "Session-Expires: 90;refresher=uac");
    send_msg(&s, 40000, "ue", false, "INVITE sip:b@x SIP/2.0", 2, "INVITE", "A", "B", NULL);
    RESP(&s, 10, "callee", "200 OK", 2, "INVITE", "B", "Session-Expires: 90;refresher=uac");
    r = send_msg(&s, 59990, "ue", false, "BYE sip:b@x SIP/2.0", 3, "BYE", "A", "B", NULL);
    c = call_of(&s, r);
    CHECK(c->outcome == SIPADV_OUTCOME_COMPLETED && !(c->flags & SIPADV_CALL_SESSION_EXPIRED));
    sipadv_calls_free(s.calls);
    s = (scenario){ sipadv_calls_new(500 * MS, 2000 * MS, 13), 0, 0 };
    INVITE(&s, 0, 1, NULL);
    RESP(&s, 100, "callee", "200 OK", 1, "INVITE", "B", "Session-Expires: 90;refresher=uac");
    r = send_msg(&s, 90000, "callee", false, "BYE sip:a@x SIP/2.0", 1, "BYE", "B", "A", NULL);
    c = call_of(&s, r);
    CHECK(r.settles && c->outcome == SIPADV_OUTCOME_DROPPED && (c->flags & SIPADV_CALL_SESSION_EXPIRED) &&
          c->session_interval == 90 && c->ended_by == SIPADV_PARTY_CALLEE);
    sipadv_calls_free(s.calls);
}

static void
test_ims_registration(void)
{
    scenario s = { sipadv_calls_new(500 * MS, 2000 * MS, 14), 0, 0 };
    sipadv_call_result r;
    const sipadv_call *c;

    /* Security-Client, 401 with Security-Server, REGISTER with auts and Security-Verify, 401, REGISTER, 200. */
    send_msg(&s, 0, "ue", false, "REGISTER sip:x SIP/2.0", 1, "REGISTER", "A", NULL, "Security-Client: ipsec-3gpp");
    RESP(&s, 10, "pcscf", "401 Unauthorized", 1, "REGISTER", "P", "Security-Server: ipsec-3gpp;q=0.1");
    send_msg(&s, 10, "ue", false, "REGISTER sip:x SIP/2.0", 2, "REGISTER", "A", NULL,
             "Authorization: Digest nonce=\"n1\",response=\"\",auts=\"xyz\"\r\nSecurity-Verify: ipsec-3gpp;q=0.1");
    RESP(&s, 10, "pcscf", "401 Unauthorized", 2, "REGISTER", "P", "Security-Server: ipsec-3gpp;q=0.1");
    send_msg(&s, 10, "ue", false, "REGISTER sip:x SIP/2.0", 3, "REGISTER", "A", NULL,
             "Authorization: Digest nonce=\"n2\",response=\"r\"\r\nSecurity-Verify: ipsec-3gpp;q=0.1");
    r = RESP(&s, 10, "pcscf", "200 OK", 3, "REGISTER", "P", NULL);
    c = call_of(&s, r);
    CHECK_MSG(c->outcome == SIPADV_REG_REGISTERED && c->challenges == 2 &&
                  c->ims == (SIPADV_IMS_RESYNC | SIPADV_IMS_SEC_CLIENT | SIPADV_IMS_SEC_SERVER | SIPADV_IMS_SEC_VERIFIED),
              "ims 0x%x", c->ims);
    /* The REGISTER answering the Security-Server without Security-Verify. */
    send_msg(&s, 10, "ue", false, "REGISTER sip:x SIP/2.0", 1, "REGISTER", "B", NULL, "Security-Client: ipsec-3gpp");
    RESP(&s, 10, "pcscf", "401 Unauthorized", 1, "REGISTER", "P", "Security-Server: ipsec-3gpp;q=0.1");
    send_msg(&s, 10, "ue", false, "REGISTER sip:x SIP/2.0", 2, "REGISTER", "B", NULL, "Security-Client: ipsec-3gpp");
    r = RESP(&s, 10, "pcscf", "494 Security Agreement Required", 2, "REGISTER", "P", NULL);
    c = call_of(&s, r);
    CHECK(c->outcome == SIPADV_REG_FAILED && (c->ims & SIPADV_IMS_SEC_MISSING) && !(c->ims & SIPADV_IMS_SEC_VERIFIED));
    sipadv_calls_free(s.calls);
}

/* A UE's INVITE to its P-CSCF is timed with that leg's T1 (2 s): failed 128 s on, not 32 s; its 2xx resent, no ACK:
 * dropped 128 s after the 2xx. */
static void
test_ue_leg_timers(void)
{
    scenario s = { sipadv_calls_new(500 * MS, 2000 * MS, 16), 0, 0 };
    sipadv_call_result ue;

    ue_leg_next = true;
    ue = INVITE(&s, 0, 1, NULL);
    wait_ms(&s, 40000);
    CHECK(n_expired == 0 && call_of(&s, ue)->outcome == SIPADV_OUTCOME_SETUP);
    wait_ms(&s, 87999);
    CHECK(n_expired == 0);
    wait_ms(&s, 1);
    CHECK(n_expired == 1 && expired[0] == ue.call && call_of(&s, ue)->outcome == SIPADV_OUTCOME_FAILED);
    CHECK(call_of(&s, ue)->settled_ns - call_of(&s, ue)->start_ns == 128000 * MS);
    sipadv_calls_free(s.calls);

    s = (scenario){ sipadv_calls_new(500 * MS, 2000 * MS, 17), 0, 0 };
    ue_leg_next = true;
    ue = INVITE(&s, 0, 1, NULL);
    RESP(&s, 1000, "callee", "200 OK", 1, "INVITE", "B", NULL);
    answer_resent_next = true;
    send_msg(&s, 2000, "callee", true, "SIP/2.0 200 OK", 1, "INVITE", "A", "B", NULL);
    wait_ms(&s, 40000);
    CHECK(n_expired == 0 && call_of(&s, ue)->outcome == SIPADV_OUTCOME_ANSWERED);
    wait_ms(&s, 85999);
    CHECK(n_expired == 0);
    wait_ms(&s, 1);
    CHECK(n_expired == 1 && call_of(&s, ue)->outcome == SIPADV_OUTCOME_DROPPED);
    CHECK(call_of(&s, ue)->end_ns - call_of(&s, ue)->answer_ns == 128000 * MS);
    sipadv_calls_free(s.calls);
}

/* The capture's clock jumped while the call was open: its durations are unknown; the next call's are not. */
static void
test_clock_jump(void)
{
    scenario s = { sipadv_calls_new(500 * MS, 2000 * MS, 18), 0, 0 };
    sipadv_call_result r, before;
    const sipadv_call *c;

    before = INVITE(&s, 0, 1, NULL);
    RESP(&s, 100, "callee", "180 Ringing", 1, "INVITE", "B", NULL);
    steady_since = s.now + 1;   /* a jump here: the clock counts it as 1 ns */
    RESP(&s, 1, "callee", "200 OK", 1, "INVITE", "B", NULL);
    r = send_msg(&s, 5000, "callee", false, "BYE sip:a@x SIP/2.0", 2, "BYE", "B", "A", NULL);
    c = call_of(&s, r);
    CHECK(r.call == before.call && r.settles && c->outcome == SIPADV_OUTCOME_COMPLETED);
    CHECK(c->flags & SIPADV_CALL_CLOCK_JUMP);
    sipadv_calls_free(s.calls);

    s = (scenario){ sipadv_calls_new(500 * MS, 2000 * MS, 19), 0, 0 };
    steady_since = 5 * MS;
    r = INVITE(&s, 10, 1, NULL);   /* begun after the jump */
    RESP(&s, 100, "callee", "200 OK", 1, "INVITE", "B", NULL);
    r = send_msg(&s, 5000, "callee", false, "BYE sip:a@x SIP/2.0", 2, "BYE", "B", "A", NULL);
    CHECK(!(call_of(&s, r)->flags & SIPADV_CALL_CLOCK_JUMP));
    steady_since = SIPADV_NO_TIME;
    sipadv_calls_free(s.calls);
}

int
main(void)
{
    test_completed_through_proxy();
    test_dropped_and_failures();
    test_steps_and_cancel();
    test_registrations();
    test_timers();
    test_forks_and_session_timer();
    test_ims_registration();
    test_ue_leg_timers();
    test_clock_jump();
    return check_report();
}
