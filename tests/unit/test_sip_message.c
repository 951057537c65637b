/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The message-text reader on well-formed, unusual and broken SIP. */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "sip_message.h"

static sipadv_response r;

static bool
parse(const char *text)
{
    return sipadv_response_parse((const uint8_t *)text, strlen(text), &r);
}

static bool
span_is(const char *text, sipadv_span s, const char *want)
{
    return s.len == strlen(want) && memcmp(text + s.off, want, s.len) == 0;
}

static void
test_plain_response(void)
{
    const char *m = "SIP/2.0 503 Service Unavailable\r\n"
                    "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1\r\n"
                    "From: <sip:a@example.com>;tag=1\r\n"
                    "To: <sip:b@example.com>;tag=2\r\n"
                    "Call-ID: abc\r\n"
                    "CSeq: 7 INVITE\r\n"
                    "Content-Length: 0\r\n"
                    "\r\n";
    CHECK(parse(m));
    CHECK(r.status.kind == SIPADV_STATUS_OK);
    CHECK(r.status.has_code && r.status.code == 503);
    CHECK(span_is(m, r.status.code_text, "503"));
    CHECK(span_is(m, r.status.reason, "Service Unavailable"));
    CHECK(span_is(m, r.cseq_method, "INVITE"));
    CHECK(span_is(m, r.first[SIPADV_HDR_CALL_ID], "abc"));
    CHECK(sipadv_response_has(&r, SIPADV_HDR_VIA));
    CHECK(sipadv_response_has(&r, SIPADV_HDR_CONTENT_LENGTH));
    CHECK(!sipadv_response_has(&r, SIPADV_HDR_RETRY_AFTER));
    CHECK(r.headers_complete);
}

static void
test_requests_are_not_responses(void)
{
    CHECK(!parse("INVITE sip:b@example.com SIP/2.0\r\nCSeq: 1 INVITE\r\n\r\n"));
    CHECK(r.status.kind == SIPADV_NOT_A_RESPONSE);
    CHECK(!parse(""));
    CHECK(!parse("\r\n\r\n"));
    CHECK(!parse("SI"));
    CHECK(!parse("HTTP/1.1 200 OK\r\n\r\n"));
}

static void
test_spellings(void)
{
    const char *m = "SIP/2.0 405 Method Not Allowed\r\n"
                    "v: SIP/2.0/UDP h;branch=z9hG4bK2\r\n"
                    "F: <sip:a@h>;tag=1\r\n"
                    "t: <sip:b@h>;tag=2\r\n"
                    "i: id1\r\n"
                    "cseq: 2 OPTIONS\r\n"
                    "allow: INVITE, ACK\r\n"
                    "m: <sip:b@h>\r\n"
                    "k: 100rel\r\n"
                    "L: 0\r\n"
                    "RETRY-AFTER : 5\r\n"
                    "x-vendor: 1\r\n"
                    "\r\n";
    CHECK(parse(m));
    CHECK(sipadv_response_has(&r, SIPADV_HDR_VIA));
    CHECK(sipadv_response_has(&r, SIPADV_HDR_FROM));
    CHECK(sipadv_response_has(&r, SIPADV_HDR_TO));
    CHECK(sipadv_response_has(&r, SIPADV_HDR_CALL_ID));
    CHECK(sipadv_response_has(&r, SIPADV_HDR_CONTACT));
    CHECK(sipadv_response_has(&r, SIPADV_HDR_SUPPORTED));
    CHECK(sipadv_response_has(&r, SIPADV_HDR_CONTENT_LENGTH));
    CHECK(sipadv_response_has(&r, SIPADV_HDR_ALLOW));
    CHECK(sipadv_response_has(&r, SIPADV_HDR_RETRY_AFTER));
    CHECK(span_is(m, r.first[SIPADV_HDR_RETRY_AFTER], "5"));
    CHECK(span_is(m, r.cseq_method, "OPTIONS"));
    CHECK(sipadv_header_lookup((const uint8_t *)"WWW-AUTHENTICATE", 16) == SIPADV_HDR_WWW_AUTHENTICATE);
    CHECK(sipadv_header_lookup((const uint8_t *)"q", 1) == SIPADV_HDR_OTHER);
    CHECK(sipadv_header_lookup((const uint8_t *)"Allo", 4) == SIPADV_HDR_OTHER);
}

static void
test_folding_and_line_ends(void)
{
    const char *folded = "SIP/2.0 200 OK\r\n"
                         "CSeq: 3\r\n"
                         "  BYE\r\n"
                         "Allow: INVITE,\r\n"
                         "\tACK\r\n"
                         "\r\n"
                         "Retry-After: 9\r\n";
    CHECK(parse(folded));
    CHECK(span_is(folded, r.cseq_method, "BYE"));
    CHECK(span_is(folded, r.first[SIPADV_HDR_ALLOW], "INVITE,\r\n\tACK"));
    CHECK(r.count[SIPADV_HDR_ALLOW] == 1);
    CHECK_MSG(!sipadv_response_has(&r, SIPADV_HDR_RETRY_AFTER), "a body line was read as a header");
    CHECK(r.headers_complete);

    const char *lf = "SIP/2.0 180 Ringing\nCSeq: 1 INVITE\nTo: <sip:b@h>;tag=x\n\n";
    CHECK(parse(lf));
    CHECK(r.status.code == 180);
    CHECK(span_is(lf, r.status.reason, "Ringing"));
    CHECK(span_is(lf, r.cseq_method, "INVITE"));
    CHECK(r.headers_complete);
}

static void
test_broken_status_lines(void)
{
    CHECK(parse("SIP/2.0 abc Bad\r\n\r\n"));
    CHECK(r.status.kind == SIPADV_STATUS_MALFORMED && !r.status.has_code);
    CHECK(r.status.problem == SIPADV_PROBLEM_NOT_NUMBER);

    CHECK(parse("SIP/2.0 99999 Huge\r\n\r\n"));
    CHECK(r.status.kind == SIPADV_STATUS_MALFORMED && !r.status.has_code);
    CHECK(r.status.problem == SIPADV_PROBLEM_NOT_THREE_DIGITS);

    CHECK(parse("SIP/2.0 700 Seven\r\n\r\n"));
    CHECK(r.status.kind == SIPADV_STATUS_MALFORMED && r.status.has_code && r.status.code == 700);
    CHECK(r.status.problem == SIPADV_PROBLEM_OUT_OF_RANGE);

    CHECK(parse("SIP/2.0 099 Low\r\n\r\n"));
    CHECK(r.status.problem == SIPADV_PROBLEM_OUT_OF_RANGE);

    CHECK(parse("SIP/2.0\r\n\r\n"));
    CHECK(r.status.problem == SIPADV_PROBLEM_NO_CODE);
    CHECK(parse("SIP/2.0 \r\n"));
    CHECK(r.status.problem == SIPADV_PROBLEM_NO_CODE);

    const char *no_phrase = "SIP/2.0 404\r\nCSeq: 1 INVITE\r\n\r\n";
    CHECK(parse(no_phrase));
    CHECK(r.status.kind == SIPADV_STATUS_OK && r.status.code == 404 && r.status.reason.len == 0);
}

static void
test_broken_headers(void)
{
    const char *m = "SIP/2.0 486 Busy Here\r\n"
                    "no colon here\r\n"
                    ": no name\r\n"
                    "CSeq: INVITE\r\n"
                    "CSeq: 4 INVITE\r\n"
                    "To: <sip:b@h>;ta";
    CHECK(parse(m));
    CHECK(r.count[SIPADV_HDR_CSEQ] == 2);
    CHECK_MSG(r.cseq_method.len == 0, "a CSeq without sequence number must give no method");
    CHECK(sipadv_response_has(&r, SIPADV_HDR_TO));
    CHECK(!r.headers_complete);

    CHECK(parse("SIP/2.0 200 OK\r\nCSeq: 5\r\n\r\n"));
    CHECK(r.cseq_method.len == 0);
}

static void
test_nul_and_binary(void)
{
    static const uint8_t m[] = "SIP/2.0 480 Temp\0rarily\xff\xfe\r\nCSeq: 1 INV\0ITE\r\n\r\n";
    CHECK(sipadv_response_parse(m, sizeof m - 1, &r));
    CHECK(r.status.code == 480);
    CHECK(r.status.reason.len == 13);
    CHECK(r.cseq_method.len == 7);
}

/* Every prefix of a message must parse without reading past its end (run under ASan). */
static void
test_every_prefix(void)
{
    const char *m = "SIP/2.0 401 Unauthorized\r\n"
                    "Via: SIP/2.0/UDP h\r\n"
                    "WWW-Authenticate: Digest realm=\"ims\",\r\n nonce=\"x\"\r\n"
                    "CSeq: 9 REGISTER\r\n"
                    "\r\n";
    size_t n = strlen(m);
    int responses = 0;

    for (size_t len = 0; len <= n; len++) {
        uint8_t *copy = malloc(len ? len : 1);
        memcpy(copy, m, len);
        responses += sipadv_response_parse(copy, len, &r);
        free(copy);
    }
    CHECK(responses == (int)n - 3);
}

static void
test_lists_and_params(void)
{
    const char *v = "SIP ;cause=200 ;text=\"Call completed, elsewhere\", Q.850;cause=16;text=\"a;b\"";
    sipadv_span value = { 0, strlen(v) }, item, p;
    size_t pos = 0;

    CHECK(sipadv_next_list_item((const uint8_t *)v, value, &pos, &item));
    CHECK(span_is(v, item, "SIP ;cause=200 ;text=\"Call completed, elsewhere\""));
    CHECK(sipadv_param_value((const uint8_t *)v, item, "CAUSE", &p) && span_is(v, p, "200"));
    CHECK(sipadv_param_value((const uint8_t *)v, item, "text", &p) && span_is(v, p, "\"Call completed, elsewhere\""));
    CHECK(sipadv_next_list_item((const uint8_t *)v, value, &pos, &item));
    CHECK(span_is(v, item, "Q.850;cause=16;text=\"a;b\""));
    CHECK(sipadv_param_value((const uint8_t *)v, item, "text", &p) && span_is(v, p, "\"a;b\""));
    CHECK(!sipadv_param_value((const uint8_t *)v, item, "caus", &p));
    CHECK(!sipadv_next_list_item((const uint8_t *)v, value, &pos, &item));

    const char *to = "<sip:b@h;tag=uri-param>;x;tag = 7";
    sipadv_span tv = { 0, strlen(to) };
    CHECK(sipadv_param_value((const uint8_t *)to, tv, "tag", &p) && span_is(to, p, "7"));
    CHECK(sipadv_param_value((const uint8_t *)to, tv, "x", &p) && p.len == 0);
}

static void
test_bodies_and_repeats(void)
{
    const char *m = "SIP/2.0 488 Not Acceptable Here\r\n"
                    "Warning: 305 p-cscf \"Incompatible media format\"\r\n"
                    "Reason: Q.850;cause=65\r\n"
                    "warning: 370 h \"bw\", 399 h \"x\"\r\n"
                    "Content-Type: application/sdp\r\n"
                    "\r\n"
                    "v=0\r\n";
    CHECK(parse(m));
    CHECK(r.warnings.n == 2 && r.reasons.n == 1);
    CHECK(span_is(m, r.warnings.value[1], "370 h \"bw\", 399 h \"x\""));
    CHECK(span_is(m, r.body, "v=0\r\n"));

    sipadv_request q;
    const char *bye = "BYE sip:a@h SIP/2.0\r\nReason: Q.850;cause=16\r\nreason: SIP;cause=200\r\n\r\n";
    CHECK(sipadv_request_parse((const uint8_t *)bye, strlen(bye), &q));
    CHECK(span_is(bye, q.method, "BYE") && q.reasons.n == 2 && q.headers_complete);
    CHECK(!sipadv_request_parse((const uint8_t *)m, strlen(m), &q));
    CHECK(!sipadv_request_parse((const uint8_t *)"BYE\r\n", 5, &q));
    CHECK(!sipadv_request_parse((const uint8_t *)"BYE sip:a@h HTTP/1.1\r\n", 22, &q));
    CHECK(!sipadv_request_parse((const uint8_t *)"", 0, &q));
}

int
main(void)
{
    test_plain_response();
    test_requests_are_not_responses();
    test_spellings();
    test_folding_and_line_ends();
    test_broken_status_lines();
    test_broken_headers();
    test_nul_and_binary();
    test_every_prefix();
    test_lists_and_params();
    test_bodies_and_repeats();
    return check_report();
}
