/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The readers of header values and bodies: Reason, Warning, the 3GPP body, Digest, Security-Server, numbers, IMS. */
#include <stdint.h>
#include <stdio.h>

#include "check.h"
#include "sdp_offer.h"
#include "sip_values.h"

static bool
span_is(const char *text, sipadv_span s, const char *want)
{
    return s.len == strlen(want) && memcmp(text + s.off, want, s.len) == 0;
}

static sipadv_span
whole(const char *text)
{
    return (sipadv_span){ 0, (uint32_t)strlen(text) };
}

static void
test_reason_parsing(void)
{
    const char *v = "Q.850 ;cause=17 ;text=\"User busy\"";
    sipadv_reason_value r;

    CHECK(sipadv_parse_reason((const uint8_t *)v, (sipadv_span){ 0, strlen(v) }, &r));
    CHECK(r.kind == SIPADV_REASON_Q850 && r.has_cause && r.cause == 17);
    CHECK(span_is(v, r.text, "User busy") && span_is(v, r.protocol, "Q.850"));

    const char *s = "sip;cause=200;text=\"Call completed elsewhere\"";
    CHECK(sipadv_parse_reason((const uint8_t *)s, (sipadv_span){ 0, strlen(s) }, &r));
    CHECK(r.kind == SIPADV_REASON_SIP && r.cause == 200);

    const char *bad = "Q.850;cause=abc";
    CHECK(sipadv_parse_reason((const uint8_t *)bad, (sipadv_span){ 0, strlen(bad) }, &r));
    CHECK(r.kind == SIPADV_REASON_Q850 && !r.has_cause);
    const char *huge = "Q.850;cause=99999999999";
    CHECK(sipadv_parse_reason((const uint8_t *)huge, (sipadv_span){ 0, strlen(huge) }, &r) && !r.has_cause);
    const char *other = "RELEASE_CAUSE;cause=3";
    CHECK(sipadv_parse_reason((const uint8_t *)other, (sipadv_span){ 0, strlen(other) }, &r));
    CHECK(r.kind == SIPADV_REASON_OTHER && r.cause == 3);
    CHECK(!sipadv_parse_reason((const uint8_t *)";cause=1", (sipadv_span){ 0, 8 }, &r));
}

static void
test_warning_parsing(void)
{
    const char *v = "305 pcscf.ims.example \"Incompatible media format: AMR-WB only\"";
    sipadv_warning_value w;

    CHECK(sipadv_parse_warning((const uint8_t *)v, (sipadv_span){ 0, strlen(v) }, &w));
    CHECK(w.has_code && w.code == 305 && span_is(v, w.agent, "pcscf.ims.example"));
    CHECK(span_is(v, w.text, "Incompatible media format: AMR-WB only"));
    const char *bad = "30x agent \"t\"";
    CHECK(sipadv_parse_warning((const uint8_t *)bad, (sipadv_span){ 0, strlen(bad) }, &w) && !w.has_code);
    const char *lone = "399";
    CHECK(sipadv_parse_warning((const uint8_t *)lone, (sipadv_span){ 0, 3 }, &w) && w.code == 399 && w.text.len == 0);
}

static void
test_ims_body(void)
{
    const char *b = "<?xml version=\"1.0\"?>\n<ims-3gpp version=\"1\">\n <alternative-service>\n"
                    "  <type>emergency</type>\n  <reason>Emergency number</reason>\n"
                    "  <action>emergency-registration</action>\n </alternative-service>\n</ims-3gpp>\n";
    sipadv_ims_body ib;

    sipadv_parse_ims_body((const uint8_t *)b, (sipadv_span){ 0, strlen(b) }, &ib);
    CHECK(ib.found && span_is(b, ib.type, "emergency") && span_is(b, ib.reason, "Emergency number"));
    CHECK(span_is(b, ib.action, "emergency-registration"));

    const char *cut = "<ims-3gpp><alternative-service><type>restor";
    sipadv_parse_ims_body((const uint8_t *)cut, (sipadv_span){ 0, strlen(cut) }, &ib);
    CHECK(ib.type.len == 0 && ib.action.len == 0);
    sipadv_parse_ims_body((const uint8_t *)"v=0\r\n", (sipadv_span){ 0, 5 }, &ib);
    CHECK(!ib.found);
    sipadv_parse_ims_body((const uint8_t *)"", (sipadv_span){ 0, 0 }, &ib);
    CHECK(!ib.found);
}

static void
test_auth_params(void)
{
    const char *c = "Digest realm=\"ims.example\", nonce=\"a,b\",algorithm = AKAv1-MD5,qop=\"auth\"";
    sipadv_span v;

    CHECK(sipadv_auth_param((const uint8_t *)c, (sipadv_span){ 0, strlen(c) }, "algorithm", &v) && span_is(c, v, "AKAv1-MD5"));
    CHECK(sipadv_auth_param((const uint8_t *)c, (sipadv_span){ 0, strlen(c) }, "REALM", &v) && span_is(c, v, "ims.example"));
    CHECK(sipadv_auth_param((const uint8_t *)c, (sipadv_span){ 0, strlen(c) }, "nonce", &v) && span_is(c, v, "a,b"));
    CHECK(!sipadv_auth_param((const uint8_t *)c, (sipadv_span){ 0, strlen(c) }, "opaque", &v));
    CHECK(!sipadv_auth_param((const uint8_t *)"Digest", (sipadv_span){ 0, 6 }, "algorithm", &v));
}

/* cause is a 16-bit number (RFC 3326 leaves it to the protocol; Q.850 causes are far below). */
static void
test_reason_cause_bounds(void)
{
    sipadv_reason_value r;
    const char *max = "Q.850;cause=65535";
    const char *over = "Q.850;cause=65536";
    const char *five = "Q.850;cause=99999";
    const char *zero = "Q.850;cause=0";
    const char *empty = "Q.850;cause=";
    const char *sign = "Q.850;cause=-1";
    const char *quoted = "Q.850;cause=\"17\"";

    CHECK(sipadv_parse_reason((const uint8_t *)max, whole(max), &r) && r.has_cause && r.cause == 65535);
    CHECK(span_is(max, r.cause_text, "65535"));
    CHECK(sipadv_parse_reason((const uint8_t *)over, whole(over), &r) && !r.has_cause);
    CHECK(span_is(over, r.cause_text, "65536"));
    CHECK(sipadv_parse_reason((const uint8_t *)five, whole(five), &r) && !r.has_cause);
    CHECK(sipadv_parse_reason((const uint8_t *)zero, whole(zero), &r) && r.has_cause && r.cause == 0);
    CHECK(sipadv_parse_reason((const uint8_t *)empty, whole(empty), &r) && !r.has_cause);
    CHECK(sipadv_parse_reason((const uint8_t *)sign, whole(sign), &r) && !r.has_cause);
    CHECK(sipadv_parse_reason((const uint8_t *)quoted, whole(quoted), &r) && !r.has_cause);

    /* No cause at all; a text without quotes is kept as it is. */
    const char *bare = "SIP;text=plain";
    CHECK(sipadv_parse_reason((const uint8_t *)bare, whole(bare), &r) && r.kind == SIPADV_REASON_SIP);
    CHECK(!r.has_cause && r.cause_text.len == 0 && span_is(bare, r.text, "plain"));
    /* Only the span is read: the protocol stops at its end. */
    CHECK(sipadv_parse_reason((const uint8_t *)"Q.850;cause=17", (sipadv_span){ 0, 5 }, &r));
    CHECK(r.kind == SIPADV_REASON_Q850 && !r.has_cause);
}

static void
test_ims_body_nesting(void)
{
    sipadv_ims_body ib;
    const char *nested = "<ims-3gpp><alternative-service><type><type>emergency</type></type>"
                         "<action>emergency-registration</action></alternative-service></ims-3gpp>";
    sipadv_parse_ims_body((const uint8_t *)nested, whole(nested), &ib);
    CHECK(ib.found);
    CHECK_MSG(span_is(nested, ib.type, "emergency"), "type \"%.*s\"", (int)ib.type.len, nested + ib.type.off);
    CHECK(span_is(nested, ib.action, "emergency-registration"));

    const char *unclosed = "<ims-3gpp><alternative-service><type>emergency"
                           "<action>initial-registration</action></alternative-service>";
    sipadv_parse_ims_body((const uint8_t *)unclosed, whole(unclosed), &ib);
    CHECK(ib.found && ib.type.len == 0);
    CHECK(span_is(unclosed, ib.action, "initial-registration"));

    /* An element that is only closed, or opened after its closing tag, gives nothing. */
    const char *close_only = "<alternative-service></type>restoration</alternative-service>";
    sipadv_parse_ims_body((const uint8_t *)close_only, whole(close_only), &ib);
    CHECK(ib.found && ib.type.len == 0);

    /* Tags outside <alternative-service> do not count. */
    const char *outside = "<type>emergency</type><alternative-service><reason>r</reason></alternative-service>";
    sipadv_parse_ims_body((const uint8_t *)outside, whole(outside), &ib);
    CHECK(ib.found && ib.type.len == 0 && span_is(outside, ib.reason, "r"));

    /* Every prefix of the body: no read past the span (ASan), never markup in a value. */
    size_t n = strlen(nested);
    for (size_t len = 0; len <= n; len++) {
        sipadv_parse_ims_body((const uint8_t *)nested, (sipadv_span){ 0, (uint32_t)len }, &ib);
        CHECK(ib.type.off + ib.type.len <= len && memchr(nested + ib.type.off, '<', ib.type.len) == NULL);
        CHECK(ib.action.off + ib.action.len <= len && memchr(nested + ib.action.off, '<', ib.action.len) == NULL);
    }
}

static void
test_small_readers(void)
{
    const char *sec = "ipsec-3gpp;alg=hmac-sha-1-96;spi-c=1, tls ;q=0.1, digest";
    sipadv_span value = whole(sec), item;
    size_t pos = 0;

    CHECK(sipadv_next_list_item((const uint8_t *)sec, value, &pos, &item));
    CHECK(span_is(sec, sipadv_security_mechanism((const uint8_t *)sec, item), "ipsec-3gpp"));
    CHECK(sipadv_next_list_item((const uint8_t *)sec, value, &pos, &item));
    CHECK(span_is(sec, sipadv_security_mechanism((const uint8_t *)sec, item), "tls"));
    CHECK(sipadv_next_list_item((const uint8_t *)sec, value, &pos, &item));
    CHECK(span_is(sec, sipadv_security_mechanism((const uint8_t *)sec, item), "digest"));
    CHECK(sipadv_security_mechanism((const uint8_t *)";x", whole(";x")).len == 0);

    const char *ra = "120;duration=3600 (busy)";
    CHECK(span_is(ra, sipadv_leading_digits((const uint8_t *)ra, whole(ra)), "120"));
    CHECK(sipadv_leading_digits((const uint8_t *)"soon", whole("soon")).len == 0);
    CHECK(sipadv_leading_digits((const uint8_t *)"", whole("")).len == 0);
    CHECK(sipadv_leading_digits((const uint8_t *)"12345", (sipadv_span){ 1, 2 }).len == 2);

    unsigned v = 99;
    CHECK(sipadv_span_number((const uint8_t *)"404", whole("404"), 3, &v) && v == 404);
    CHECK(!sipadv_span_number((const uint8_t *)"4040", whole("4040"), 3, &v));
    CHECK(!sipadv_span_number((const uint8_t *)"4a4", whole("4a4"), 3, &v));
    CHECK(!sipadv_span_number((const uint8_t *)"", whole(""), 3, &v));
    CHECK(sipadv_span_number((const uint8_t *)"4294967295", whole("4294967295"), 10, &v) && v == 4294967295u);
}

static void
test_looks_ims(void)
{
    sipadv_message r;
    const char *ims = "SIP/2.0 200 OK\r\nFrom: <sip:+8613800000000@ims.mnc001.mcc460.3GPPNETWORK.ORG>;tag=1\r\n\r\n";
    const char *pani = "SIP/2.0 200 OK\r\nP-Access-Network-Info: 3GPP-E-UTRAN-FDD\r\n\r\n";
    const char *plain = "SIP/2.0 200 OK\r\nFrom: <sip:a@example.com>;tag=1\r\n\r\n";
    const char *to = "SIP/2.0 200 OK\r\nTo: <tel:+1;phone-context=ims.mnc001.mcc001.3gppnetwork.org>\r\n\r\n";
    const char *pai = "SIP/2.0 200 OK\r\nP-Asserted-Identity: <sip:a@example.com>\r\n\r\n";
    const char *req = "INVITE sip:b@ims.mnc001.mcc001.3gppnetwork.org SIP/2.0\r\n"
                      "From: <sip:a@ims.mnc001.mcc001.3gppnetwork.org>;tag=1\r\n\r\n";
    const char *body = "SIP/2.0 200 OK\r\nFrom: <sip:a@example.com>;tag=1\r\n\r\nsip:x@3gppnetwork.org";

    CHECK(sipadv_message_parse((const uint8_t *)ims, strlen(ims), &r) && sipadv_looks_ims((const uint8_t *)ims, &r));
    CHECK(sipadv_message_parse((const uint8_t *)pani, strlen(pani), &r) && sipadv_looks_ims((const uint8_t *)pani, &r));
    CHECK(sipadv_message_parse((const uint8_t *)plain, strlen(plain), &r) && !sipadv_looks_ims((const uint8_t *)plain, &r));
    CHECK(sipadv_message_parse((const uint8_t *)to, strlen(to), &r) && sipadv_looks_ims((const uint8_t *)to, &r));
    CHECK(sipadv_message_parse((const uint8_t *)pai, strlen(pai), &r) && sipadv_looks_ims((const uint8_t *)pai, &r));
    CHECK(sipadv_message_parse((const uint8_t *)req, strlen(req), &r) && sipadv_looks_ims((const uint8_t *)req, &r));
    CHECK(sipadv_message_parse((const uint8_t *)body, strlen(body), &r) && !sipadv_looks_ims((const uint8_t *)body, &r));
}

/* The offer of a request with this Content-Type, extra headers and body. */
static uint32_t
offer_of(const char *type, const char *extra, const char *body)
{
    static char text[2048];
    sipadv_message msg;

    snprintf(text, sizeof text,
             "INVITE sip:b@x SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\n"
             "%s%s%s%sContent-Length: %zu\r\n\r\n%s",
             type ? "Content-Type: " : "", type ? type : "", type ? "\r\n" : "", extra, strlen(body), body);
    CHECK(sipadv_message_parse((const uint8_t *)text, strlen(text), &msg));
    return sipadv_sdp_offer((const uint8_t *)text, &msg);
}

#define OFFER(f) (1u << SIPADV_OFFER_##f)

static void
test_sdp_offer(void)
{
    /* VoLTE: AMR-WB and EVS by rtpmap, DTMF, bandwidth, QoS preconditions. */
    CHECK(offer_of("application/sdp", "",
                   "v=0\r\nm=audio 6000 RTP/AVP 96 97 98\r\nb=AS:41\r\na=rtpmap:96 AMR-WB/16000/1\r\n"
                   "a=rtpmap:97 EVS/16000\r\na=rtpmap:98 telephone-event/16000\r\na=curr:qos local none\r\n") ==
          (OFFER(AUDIO) | OFFER(AMR_WB) | OFFER(EVS) | OFFER(TEL_EVENT) | OFFER(BANDWIDTH) | OFFER(PRECONDITION)));
    /* Static payload types without rtpmap (RFC 3551), a bare LF, the last line without one. */
    CHECK(offer_of("application/sdp", "", "m=audio 6000 RTP/AVP 0 8 18 9\nm=video 6002 RTP/AVP 99\na=rtpmap:99 h264/90000") ==
          (OFFER(AUDIO) | OFFER(PCMU) | OFFER(PCMA) | OFFER(G729) | OFFER(G722) | OFFER(VIDEO) | OFFER(H264)));
    /* A number that is no static type, or one in a video line, names no codec. */
    CHECK(offer_of("application/sdp", "", "m=audio 6000 RTP/AVP 80 100\r\nm=video 1 RTP/AVP 0\r\n") ==
          (OFFER(AUDIO) | OFFER(VIDEO)));
    CHECK(offer_of("application/sdp", "", "m=image 6002 udptl t38\r\n") == OFFER(T38));
    CHECK(offer_of("application/sdp", "", "m=image 6002 tcp t38x\r\n") == 0);
    CHECK(offer_of("application/SDP", "", "m=audio 1 RTP/SAVP 0\r\na=sendonly\r\n") ==
          (OFFER(AUDIO) | OFFER(PCMU) | OFFER(SRTP) | OFFER(HOLD)));
    CHECK(offer_of("application/sdp", "Require: 100rel, precondition\r\n", "m=audio 1 RTP/AVP 8\r\n") ==
          (OFFER(AUDIO) | OFFER(PCMA) | OFFER(PRECONDITION)));
    /* SDP inside a multipart body (SIP-I: SDP and ISUP). */
    CHECK(offer_of("multipart/mixed;boundary=b", "",
                   "--b\r\nContent-Type: application/sdp\r\n\r\nm=audio 1 RTP/AVP 0\r\n--b\r\n"
                   "Content-Type: application/isup\r\n\r\nxx\r\n--b--\r\n") == (OFFER(AUDIO) | OFFER(PCMU)));
    /* No SDP: another body type, no body, no media line, no Content-Type. */
    CHECK(offer_of("text/plain", "", "m=audio 1 RTP/AVP 0\r\n") == 0);
    CHECK(offer_of("application/sdp", "", "") == 0);
    CHECK(offer_of("application/sdp", "", "v=0\r\na=sendonly\r\n") == 0);
    CHECK(offer_of(NULL, "", "m=audio 1 RTP/AVP 0\r\n") == 0);
    CHECK(offer_of("application/sdp", "", "m=\r\na=\r\na=rtpmap:\r\na=rtpmap:9\r\nb=\r\n=\r\n") == 0);
}

int
main(void)
{
    test_reason_parsing();
    test_reason_cause_bounds();
    test_warning_parsing();
    test_ims_body();
    test_ims_body_nesting();
    test_auth_params();
    test_small_readers();
    test_looks_ims();
    test_sdp_offer();
    return check_report();
}
