/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The rule engine on hand-written responses: each rule fires, and its near miss does not. */
#include <stdint.h>

#include "check.h"
#include "rules.h"
#include "sipadv_tables.h"

#define HDRS "Via: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@h>;tag=1\r\nCall-ID: c1\r\n"
#define TO_TAG "To: <sip:b@h>;tag=2\r\n"
#define END "Content-Length: 0\r\n\r\n"

static int
expert_index(const char *name)
{
    for (size_t i = 0; i < sipadv_rule_experts_len; i++)
        if (strcmp(sipadv_rule_experts[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* The names of the experts a response fires, space-separated. */
static const char *
fired(const char *text, const bool *enabled)
{
    static char out[1024];
    sipadv_message resp;
    sipadv_rule_hit hits[SIPADV_RULE_EXPERT_COUNT];
    size_t n;

    out[0] = '\0';
    if (!sipadv_message_parse((const uint8_t *)text, strlen(text), &resp) || resp.kind != SIPADV_KIND_RESPONSE)
        return "(not a response)";
    n = sipadv_rules_evaluate((const uint8_t *)text, &resp, enabled, hits, SIPADV_RULE_EXPERT_COUNT);
    for (size_t i = 0; i < n; i++) {
        strcat(out, " ");
        strcat(out, sipadv_rule_experts[hits[i].rule->expert].name);
    }
    strcat(out, " ");
    return out;
}

static bool
fires(const char *text, const char *name)
{
    char want[128];

    snprintf(want, sizeof want, " %s ", name);
    return strstr(fired(text, NULL), want) != NULL;
}

#define FIRES(text, name) CHECK_MSG(fires(text, name), "%s should fire on:\n%s\nfired:%s", name, text, fired(text, NULL))
#define QUIET(text, name) CHECK_MSG(!fires(text, name), "%s must not fire on:\n%s", name, text)

static void
test_missing_headers(void)
{
    FIRES("SIP/2.0 503 Service Unavailable\r\n" HDRS TO_TAG "CSeq: 1 INVITE\r\n" END, "missing_retry_after");
    QUIET("SIP/2.0 503 Service Unavailable\r\n" HDRS TO_TAG "CSeq: 1 INVITE\r\nretry-after: 30\r\n" END,
          "missing_retry_after");
    FIRES("SIP/2.0 405 Method Not Allowed\r\n" HDRS TO_TAG "CSeq: 1 MESSAGE\r\n" END, "missing_allow");
    QUIET("SIP/2.0 405 Method Not Allowed\r\n" HDRS TO_TAG "CSeq: 1 MESSAGE\r\nALLOW: INVITE\r\n" END,
          "missing_allow");
    FIRES("SIP/2.0 401 Unauthorized\r\n" HDRS TO_TAG "CSeq: 1 REGISTER\r\n" END, "missing_www_authenticate");
    QUIET("SIP/2.0 401 Unauthorized\r\n" HDRS TO_TAG "CSeq: 1 REGISTER\r\nWWW-Authenticate: Digest\r\n  realm=\"x\"\r\n" END,
          "missing_www_authenticate");
    FIRES("SIP/2.0 415 Unsupported Media Type\r\n" HDRS TO_TAG "CSeq: 1 INVITE\r\n" END, "missing_accept");
    QUIET("SIP/2.0 415 Unsupported Media Type\r\n" HDRS TO_TAG "CSeq: 1 INVITE\r\nAccept-Language: en\r\n" END,
          "missing_accept");
}

static void
test_mandatory_and_tags(void)
{
    const char *no_cseq = "SIP/2.0 200 OK\r\n" HDRS TO_TAG END;
    FIRES(no_cseq, "missing_mandatory");
    QUIET("SIP/2.0 200 OK\r\nv: SIP/2.0/UDP h\r\nf: <sip:a@h>;tag=1\r\nt: <sip:b@h>;tag=2\r\ni: x\r\nCSeq: 1 OPTIONS\r\n" END,
          "missing_mandatory");
    FIRES("SIP/2.0 180 Ringing\r\n" HDRS "To: <sip:b@h>\r\nCSeq: 1 INVITE\r\n" END, "missing_to_tag");
    QUIET("SIP/2.0 100 Trying\r\n" HDRS "To: <sip:b@h>\r\nCSeq: 1 INVITE\r\n" END, "missing_to_tag");
    QUIET("SIP/2.0 180 Ringing\r\n" HDRS "To: \"Bob;tag\" <sip:b@h;tag=no>;TAG=3\r\nCSeq: 1 INVITE\r\nContact: <sip:b@h>\r\n" END,
          "missing_to_tag");
    FIRES("SIP/2.0 180 Ringing\r\n" HDRS "To: \"Bob;tag=x\" <sip:b@h;tag=no>\r\nCSeq: 1 INVITE\r\n" END, "missing_to_tag");
    /* REGISTER creates no dialog: its own expert, graded lower. */
    FIRES("SIP/2.0 200 OK\r\n" HDRS "To: <sip:a@h>\r\nCSeq: 2 REGISTER\r\nContact: <sip:a@u>\r\n" END,
          "register_response_without_to_tag");
    QUIET("SIP/2.0 200 OK\r\n" HDRS "To: <sip:a@h>\r\nCSeq: 2 REGISTER\r\nContact: <sip:a@u>\r\n" END, "missing_to_tag");
    QUIET("SIP/2.0 180 Ringing\r\n" HDRS "To: <sip:b@h>\r\nCSeq: 1 INVITE\r\n" END, "register_response_without_to_tag");
}

/* Content-Length: a MUST on a stream (TCP, TLS), a SHOULD elsewhere (RFC 3261 §20.14, §18.3). */
static void
test_content_length(void)
{
#define NO_CL_TAIL "From: <sip:a@h>;tag=1\r\nTo: <sip:b@h>;tag=2\r\nCall-ID: c1\r\nCSeq: 1 OPTIONS\r\n\r\n"
    FIRES("SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\n" NO_CL_TAIL, "missing_content_length");
    FIRES("SIP/2.0 200 OK\r\nVia: SIP/2.0/tls h;branch=z9hG4bK1\r\n" NO_CL_TAIL, "missing_content_length");
    QUIET("SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\n" NO_CL_TAIL, "content_length_advised");
    FIRES("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n" NO_CL_TAIL, "content_length_advised");
    FIRES("SIP/2.0 200 OK\r\nVia: SIP/2.0/WSS h;branch=z9hG4bK1\r\n" NO_CL_TAIL, "content_length_advised");
    QUIET("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n" NO_CL_TAIL, "missing_content_length");
    QUIET("SIP/2.0 200 OK\r\nVia: SIP/2.0/SCTP h;branch=z9hG4bK1\r\n" NO_CL_TAIL, "missing_content_length");
    QUIET("SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nl: 0\r\n" NO_CL_TAIL, "missing_content_length");
#undef NO_CL_TAIL
}

static void
test_contact(void)
{
    /* A redirect's Contact is a SHOULD (RFC 3261 §13.3.1.2): its own expert; 305's stays a MUST. */
    FIRES("SIP/2.0 302 Moved Temporarily\r\n" HDRS TO_TAG "CSeq: 1 INVITE\r\n" END, "redirect_without_contact");
    QUIET("SIP/2.0 302 Moved Temporarily\r\n" HDRS TO_TAG "CSeq: 1 INVITE\r\n" END, "missing_contact");
    QUIET("SIP/2.0 302 Moved Temporarily\r\n" HDRS TO_TAG "CSeq: 1 INVITE\r\nm: <sip:c@h>\r\n" END, "redirect_without_contact");
    FIRES("SIP/2.0 305 Use Proxy\r\n" HDRS TO_TAG "CSeq: 1 INVITE\r\n" END, "missing_contact");
    QUIET("SIP/2.0 305 Use Proxy\r\n" HDRS TO_TAG "CSeq: 1 INVITE\r\n" END, "redirect_without_contact");
    FIRES("SIP/2.0 200 OK\r\n" HDRS TO_TAG "CSeq: 1 INVITE\r\n" END, "missing_contact");
    QUIET("SIP/2.0 200 OK\r\n" HDRS TO_TAG "CSeq: 1 BYE\r\n" END, "missing_contact");
    FIRES("SIP/2.0 183 Session Progress\r\n" HDRS TO_TAG "CSeq: 1 INVITE\r\n" END, "missing_contact");
    QUIET("SIP/2.0 183 Session Progress\r\n" HDRS "To: <sip:b@h>\r\nCSeq: 1 INVITE\r\n" END, "missing_contact");
}

static void
test_methods_and_conditions(void)
{
    FIRES("SIP/2.0 487 Request Terminated\r\n" HDRS TO_TAG "CSeq: 1 CANCEL\r\n" END, "cancel_terminated");
    QUIET("SIP/2.0 487 Request Terminated\r\n" HDRS TO_TAG "CSeq: 1 INVITE\r\n" END, "cancel_terminated");
    FIRES("SIP/2.0 180 Ringing\r\n" HDRS TO_TAG "CSeq: 1 MESSAGE\r\n" END, "provisional_non_invite");
    QUIET("SIP/2.0 180 Ringing\r\n" HDRS TO_TAG "CSeq: 1 INVITE\r\nContact: <sip:b@h>\r\n" END, "provisional_non_invite");
    QUIET("SIP/2.0 100 Trying\r\n" HDRS TO_TAG "CSeq: 1 REGISTER\r\n" END, "provisional_non_invite");
    FIRES("SIP/2.0 183 Session Progress\r\n" HDRS TO_TAG "CSeq: 1 INVITE\r\nContact: <sip:b@h>\r\nRequire: precondition, 100rel\r\n" END,
          "missing_rseq");
    QUIET("SIP/2.0 183 Session Progress\r\n" HDRS TO_TAG "CSeq: 1 INVITE\r\nContact: <sip:b@h>\r\nRequire: 100rel\r\nRSeq: 1\r\n" END,
          "missing_rseq");
    QUIET("SIP/2.0 183 Session Progress\r\n" HDRS TO_TAG "CSeq: 1 INVITE\r\nContact: <sip:b@h>\r\nSupported: 100rel\r\n" END,
          "missing_rseq");
    FIRES("SIP/2.0 488 Not Acceptable Here\r\n" HDRS TO_TAG "CSeq: 1 INVITE\r\n" END, "missing_warning");
    QUIET("SIP/2.0 488 Not Acceptable Here\r\n" HDRS TO_TAG "CSeq: 1 UPDATE\r\n" END, "missing_warning");
}

static void
test_phrases(void)
{
    FIRES("SIP/2.0 503 OK\r\n" HDRS TO_TAG "CSeq: 1 INVITE\r\nRetry-After: 5\r\n" END, "reason_phrase_mismatch");
    QUIET("SIP/2.0 503 service unavailable\r\n" HDRS TO_TAG "CSeq: 1 INVITE\r\nRetry-After: 5\r\n" END,
          "reason_phrase_mismatch");
    QUIET("SIP/2.0 503 Overloaded\r\n" HDRS TO_TAG "CSeq: 1 INVITE\r\nRetry-After: 5\r\n" END, "reason_phrase_mismatch");
    FIRES("SIP/2.0 400 Bad Request\r\n" HDRS TO_TAG "CSeq: 1 INVITE\r\n" END, "bare_400_phrase");
    QUIET("SIP/2.0 400 Missing Call-ID header field\r\n" HDRS TO_TAG "CSeq: 1 INVITE\r\n" END, "bare_400_phrase");
    FIRES("SIP/2.0 503 Service Unavailable\r\n" HDRS TO_TAG "CSeq: 1 INVITE\r\nRetry-After: soon\r\n" END,
          "retry_after_invalid");
    QUIET("SIP/2.0 503 Service Unavailable\r\n" HDRS TO_TAG "CSeq: 1 INVITE\r\nRetry-After: 18000;duration=3600\r\n" END,
          "retry_after_invalid");
    FIRES("SIP/2.0 200 OK\r\n" HDRS TO_TAG "CSeq: 1 BYE\r\nCSeq: 2 BYE\r\n" END, "duplicate_header");
    QUIET("SIP/2.0 200 OK\r\n" HDRS TO_TAG "CSeq: 1 BYE\r\nVia: SIP/2.0/UDP other\r\n" END, "duplicate_header");
}

static void
test_switching_off(void)
{
    bool enabled[SIPADV_RULE_EXPERT_COUNT];
    const char *m = "SIP/2.0 503 Service Unavailable\r\n" HDRS TO_TAG "CSeq: 1 INVITE\r\n" END;
    int i = expert_index("missing_retry_after");

    CHECK(i >= 0);
    for (size_t k = 0; k < SIPADV_RULE_EXPERT_COUNT; k++)
        enabled[k] = true;
    CHECK(strstr(fired(m, enabled), " missing_retry_after ") != NULL);
    if (i >= 0)
        enabled[i] = false;
    CHECK(strstr(fired(m, enabled), " missing_retry_after ") == NULL);
}

static void
test_several_at_once(void)
{
    const char *m = "SIP/2.0 405 Method Not Allowed\r\nVia: SIP/2.0/UDP h\r\nTo: <sip:b@h>\r\nCSeq: 1 INVITE\r\n" END;
    FIRES(m, "missing_allow");
    FIRES(m, "missing_to_tag");
    FIRES(m, "missing_mandatory");
    CHECK(strcmp(fired("SIP/2.0 abc Broken\r\n\r\n", NULL), " ") == 0);
}

/* Requests break no rule, even those a response with their words would break. */
static void
test_requests_break_none(void)
{
#define NO_FROM "Via: SIP/2.0/UDP h\r\nTo: <sip:b@h>\r\nCSeq: 1 BYE\r\n" END
    const char *bye = "BYE sip:b@h SIP/2.0\r\n" NO_FROM;
    sipadv_message req;

    FIRES("SIP/2.0 200 OK\r\n" NO_FROM, "missing_mandatory");
    sipadv_rule_hit hits[SIPADV_RULE_EXPERT_COUNT];

    CHECK(sipadv_message_parse((const uint8_t *)bye, strlen(bye), &req) && req.kind == SIPADV_KIND_REQUEST);
    CHECK(sipadv_rules_evaluate((const uint8_t *)bye, &req, NULL, hits, SIPADV_RULE_EXPERT_COUNT) == 0);
    CHECK(strcmp(fired(bye, NULL), "(not a response)") == 0);
}

/* At most max_hits hits, the first ones in table order, and one per expert. */
static void
test_hit_limits(void)
{
    const char *m = "SIP/2.0 405 Method Not Allowed\r\nVia: SIP/2.0/UDP h\r\nTo: <sip:b@h>\r\nCSeq: 1 INVITE\r\n" END;
    sipadv_message resp;
    sipadv_rule_hit all[SIPADV_RULE_EXPERT_COUNT], one[1];
    size_t n;

    CHECK(sipadv_message_parse((const uint8_t *)m, strlen(m), &resp));
    n = sipadv_rules_evaluate((const uint8_t *)m, &resp, NULL, all, SIPADV_RULE_EXPERT_COUNT);
    CHECK(n >= 3);
    CHECK(sipadv_rules_evaluate((const uint8_t *)m, &resp, NULL, one, 1) == 1 && one[0].rule == all[0].rule);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            CHECK(all[i].rule->expert != all[j].rule->expert && all[i].rule < all[j].rule);
}

int
main(void)
{
    CHECK(sipadv_rule_experts_len == SIPADV_RULE_EXPERT_COUNT && SIPADV_RULE_EXPERT_COUNT <= 64);
    for (size_t i = 0; i < sipadv_rule_experts_len; i++)
        CHECK(strncmp(sipadv_rule_experts[i].abbrev, "sipadv.", 7) == 0);
    test_missing_headers();
    test_mandatory_and_tags();
    test_contact();
    test_content_length();
    test_methods_and_conditions();
    test_phrases();
    test_switching_off();
    test_several_at_once();
    test_requests_break_none();
    test_hit_limits();
    return check_report();
}
