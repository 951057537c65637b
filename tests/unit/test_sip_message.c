/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The message-text reader on well-formed, unusual and broken SIP. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <strings.h>

#include "check.h"
#include "sip_message.h"

static sipadv_message r;

/* True only for a response, as the reader of responses alone used to answer. */
static bool
parse(const char *text)
{
    return sipadv_message_parse((const uint8_t *)text, strlen(text), &r) && r.kind == SIPADV_KIND_RESPONSE;
}

/* True only for a request. */
static bool
parse_request(const char *text, sipadv_message *q)
{
    return sipadv_message_parse((const uint8_t *)text, strlen(text), q) && q->kind == SIPADV_KIND_REQUEST;
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
    CHECK(span_is(m, r.id.cseq_method, "INVITE"));
    CHECK(span_is(m, r.first[SIPADV_HDR_CALL_ID], "abc"));
    CHECK(sipadv_message_has(&r, SIPADV_HDR_VIA));
    CHECK(sipadv_message_has(&r, SIPADV_HDR_CONTENT_LENGTH));
    CHECK(!sipadv_message_has(&r, SIPADV_HDR_RETRY_AFTER));
    CHECK(r.headers_complete);
    /* A response has no request parts. */
    CHECK(r.method.len == 0 && r.method_id == SIPADV_METHOD_NONE && r.request_uri.len == 0);
}

static void
test_requests_are_not_responses(void)
{
    const char *invite = "INVITE sip:b@example.com SIP/2.0\r\nCSeq: 1 INVITE\r\n\r\n";

    CHECK(!parse(invite));
    CHECK(r.kind == SIPADV_KIND_REQUEST);
    CHECK(r.status.kind == SIPADV_NOT_A_RESPONSE && !r.status.has_code);
    /* Nothing SIP at all: false, and the kind says so. */
    CHECK(!sipadv_message_parse((const uint8_t *)"", 0, &r) && r.kind == SIPADV_KIND_NOT_SIP);
    CHECK(!sipadv_message_parse((const uint8_t *)"\r\n\r\n", 4, &r) && r.kind == SIPADV_KIND_NOT_SIP);
    CHECK(!sipadv_message_parse((const uint8_t *)"SI", 2, &r) && r.kind == SIPADV_KIND_NOT_SIP);
    CHECK(!sipadv_message_parse((const uint8_t *)"HTTP/1.1 200 OK\r\n\r\n", 19, &r) && r.kind == SIPADV_KIND_NOT_SIP);
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
    CHECK(sipadv_message_has(&r, SIPADV_HDR_VIA));
    CHECK(sipadv_message_has(&r, SIPADV_HDR_FROM));
    CHECK(sipadv_message_has(&r, SIPADV_HDR_TO));
    CHECK(sipadv_message_has(&r, SIPADV_HDR_CALL_ID));
    CHECK(sipadv_message_has(&r, SIPADV_HDR_CONTACT));
    CHECK(sipadv_message_has(&r, SIPADV_HDR_SUPPORTED));
    CHECK(sipadv_message_has(&r, SIPADV_HDR_CONTENT_LENGTH));
    CHECK(sipadv_message_has(&r, SIPADV_HDR_ALLOW));
    CHECK(sipadv_message_has(&r, SIPADV_HDR_RETRY_AFTER));
    CHECK(span_is(m, r.first[SIPADV_HDR_RETRY_AFTER], "5"));
    CHECK(span_is(m, r.id.cseq_method, "OPTIONS"));
    CHECK(sipadv_header_lookup((const uint8_t *)"WWW-AUTHENTICATE", 16) == SIPADV_HDR_WWW_AUTHENTICATE);
    CHECK(sipadv_header_lookup((const uint8_t *)"q", 1) == SIPADV_HDR_OTHER);
    CHECK(sipadv_header_lookup((const uint8_t *)"Allo", 4) == SIPADV_HDR_OTHER);
    for (int id = 0; id < SIPADV_HDR_COUNT; id++) {   /* names of one length and first letter kept apart */
        const char *name = sipadv_header_name((sipadv_header_id)id);
        CHECK_MSG(sipadv_header_lookup((const uint8_t *)name, strlen(name)) == (sipadv_header_id)id, "%s", name);
    }
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
    CHECK(span_is(folded, r.id.cseq_method, "BYE"));
    CHECK(r.id.has_cseq && r.id.cseq == 3 && r.id.cseq_method_id == SIPADV_METHOD_BYE);
    CHECK(span_is(folded, r.first[SIPADV_HDR_ALLOW], "INVITE,\r\n\tACK"));
    CHECK(r.count[SIPADV_HDR_ALLOW] == 1);
    CHECK_MSG(!sipadv_message_has(&r, SIPADV_HDR_RETRY_AFTER), "a body line was read as a header");
    CHECK(r.headers_complete);

    const char *lf = "SIP/2.0 180 Ringing\nCSeq: 1 INVITE\nTo: <sip:b@h>;tag=x\n\n";
    CHECK(parse(lf));
    CHECK(r.status.code == 180);
    CHECK(span_is(lf, r.status.reason, "Ringing"));
    CHECK(span_is(lf, r.id.cseq_method, "INVITE"));
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
    CHECK_MSG(r.id.cseq_method.len == 0, "a CSeq without sequence number must give no method");
    CHECK(!r.id.has_cseq && r.id.cseq_method_id == SIPADV_METHOD_NONE);
    CHECK(sipadv_message_has(&r, SIPADV_HDR_TO));
    CHECK(!r.id.has_to_tag);
    CHECK(!r.headers_complete);

    CHECK(parse("SIP/2.0 200 OK\r\nCSeq: 5\r\n\r\n"));
    CHECK(r.id.cseq_method.len == 0);
    CHECK(r.id.has_cseq && r.id.cseq == 5 && r.id.cseq_method_id == SIPADV_METHOD_NONE);
}

static void
test_nul_and_binary(void)
{
    static const uint8_t m[] = "SIP/2.0 480 Temp\0rarily\xff\xfe\r\nCSeq: 1 INV\0ITE\r\n\r\n";
    CHECK(sipadv_message_parse(m, sizeof m - 1, &r) && r.kind == SIPADV_KIND_RESPONSE);
    CHECK(r.status.code == 480);
    CHECK(r.status.reason.len == 13);
    CHECK(r.id.cseq_method.len == 7);
    CHECK(r.id.cseq_method_id == SIPADV_METHOD_OTHER);
}

/* Every prefix of a message must parse without reading past its end (run under ASan). */
static void
test_every_prefix(void)
{
    const char *m = "SIP/2.0 401 Unauthorized\r\n"
                    "Via: SIP/2.0/UDP h\r\n"
                    "WWW-Authenticate: Digest realm=\"ims\",\r\n nonce=\"x\"\r\n"
                    "CSeq: 9 REGISTER\r\n"
                    "Content-Length: 0\r\n"
                    "\r\n";
    size_t n = strlen(m);
    int responses = 0;

    for (size_t len = 0; len <= n; len++) {
        uint8_t *copy = malloc(len ? len : 1);
        memcpy(copy, m, len);
        if (sipadv_message_parse(copy, len, &r)) {
            responses += r.kind == SIPADV_KIND_RESPONSE;
            CHECK(sipadv_message_frame(copy, len, &r) <= len);
        }
        free(copy);
    }
    CHECK(responses == (int)n - 3);
}

/* The same for a request, whose start line is read by another grammar. */
static void
test_every_request_prefix(void)
{
    const char *m = "BYE sip:bob@example.com SIP/2.0\r\n"
                    "Via: SIP/2.0/UDP h;branch=z9hG4bKx\r\n"
                    "Reason: Q.850;cause=16\r\n"
                    "CSeq: 2 BYE\r\n"
                    "\r\n";
    size_t n = strlen(m), line = strlen("BYE sip:bob@example.com SIP/");
    int requests = 0;

    for (size_t len = 0; len <= n; len++) {
        uint8_t *copy = malloc(len ? len : 1);
        memcpy(copy, m, len);
        if (sipadv_message_parse(copy, len, &r)) {
            CHECK(r.kind == SIPADV_KIND_REQUEST);
            requests++;
            CHECK(sipadv_message_frame(copy, len, &r) <= len);
        } else {
            CHECK(r.kind == SIPADV_KIND_NOT_SIP);
        }
        free(copy);
    }
    /* A request line is one once its SIP/ version starts. */
    CHECK_MSG(requests == (int)(n - line + 1), "%d requests among the prefixes", requests);
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

    /* The URI of a name-addr, of an unclosed one, and of an addr-spec. */
    const char *na = "\"Bob\" <sip:b@h;lr>;tag=1", *open_na = "<sip:b@h;x", *spec = "sip:b@h;tag=2";
    CHECK(span_is(na, sipadv_addr_uri((const uint8_t *)na, (sipadv_span){ 0, (uint32_t)strlen(na) }), "sip:b@h;lr"));
    CHECK(span_is(open_na, sipadv_addr_uri((const uint8_t *)open_na, (sipadv_span){ 0, (uint32_t)strlen(open_na) }),
                  "sip:b@h;x"));
    CHECK(span_is(spec, sipadv_addr_uri((const uint8_t *)spec, (sipadv_span){ 0, (uint32_t)strlen(spec) }), "sip:b@h"));

    /* A '<' that nothing closes hides neither commas nor parameters. */
    const char *open = "<sip:a@h;p=1, sip:b@h;q=2";
    sipadv_span ov = { 0, strlen(open) };
    pos = 0;
    CHECK(sipadv_next_list_item((const uint8_t *)open, ov, &pos, &item) && span_is(open, item, "<sip:a@h;p=1"));
    CHECK(sipadv_param_value((const uint8_t *)open, item, "p", &p) && span_is(open, p, "1"));
    CHECK(sipadv_next_list_item((const uint8_t *)open, ov, &pos, &item) && span_is(open, item, "sip:b@h;q=2"));
    CHECK(!sipadv_next_list_item((const uint8_t *)open, ov, &pos, &item));
}

/*
 * The parameter reader's meaning, written byte by byte: a ';' counts outside
 * quoted strings (a backslash escapes) and outside a '<' closed by a '>'
 * before any other '<'; a '<' that is not closed so is an ordinary byte.
 */
static size_t
reference_semicolon(const char *s, size_t pos, size_t end)
{
    while (pos < end) {
        if (s[pos] == ';')
            return pos;
        if (s[pos] == '"') {
            for (pos++; pos < end && s[pos] != '"'; pos++)
                if (s[pos] == '\\')
                    pos++;
            pos++;
        } else if (s[pos] == '<') {
            size_t close = pos + 1;
            while (close < end && s[close] != '>' && s[close] != '<')
                close++;
            pos = close < end && s[close] == '>' ? close + 1 : pos + 1;
        } else {
            pos++;
        }
    }
    return end;
}

static bool
reference_param(const char *s, size_t end, const char *name, sipadv_span *out)
{
    for (size_t pos = reference_semicolon(s, 0, end); pos < end; pos = reference_semicolon(s, pos + 1, end)) {
        size_t start = pos + 1, name_end, v, v_end;
        while (start < end && sipadv_is_lws((uint8_t)s[start]))
            start++;
        for (name_end = start; name_end < end && (isalnum((unsigned char)s[name_end]) ||
                                                 (s[name_end] && strchr("-.!%*_+`'~", s[name_end])));
             name_end++)
            ;
        if (name_end - start != strlen(name) || strncasecmp(s + start, name, name_end - start) != 0)
            continue;
        v = name_end;
        while (v < end && sipadv_is_lws((uint8_t)s[v]))
            v++;
        if (v < end && s[v] == '=')
            for (v++; v < end && sipadv_is_lws((uint8_t)s[v]); v++)
                ;
        v_end = reference_semicolon(s, v, end);
        while (v_end > v && sipadv_is_lws((uint8_t)s[v_end - 1]))
            v_end--;
        *out = (sipadv_span){ (uint32_t)v, (uint32_t)(v_end - v) };
        return true;
    }
    return false;
}

/* The reader (which takes shortcuts on items without quotes) agrees with its meaning on random items. */
static void
test_param_value_matches_reference(void)
{
    static const char *const pieces[] = { ";", ";tag", "=", "tag=", "<", ">", "\"", "\\", "x", ",", " ", "\t" };
    char s[48];
    unsigned seed = 12345;
    int differ = 0, found = 0;

    for (int round = 0; round < 200000; round++) {
        size_t len = 0, n = (size_t)(round % 11);
        sipadv_span got, want;
        bool g, w;
        for (size_t i = 0; i < n; i++) {
            const char *piece;
            seed = seed * 1103515245u + 12345u;
            piece = pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])];
            memcpy(s + len, piece, strlen(piece));
            len += strlen(piece);
        }
        s[len] = '\0';
        g = sipadv_param_value((const uint8_t *)s, (sipadv_span){ 0, (uint32_t)len }, "tag", &got);
        w = reference_param(s, len, "tag", &want);
        found += w;
        if (g != w || (g && (got.off != want.off || got.len != want.len))) {
            if (differ++ < 3)
                fprintf(stderr, "param_value differs on [%s]\n", s);
        }
    }
    CHECK_MSG(differ == 0, "%d items read otherwise than their meaning", differ);
    CHECK_MSG(found > 1000, "only %d random items had a tag: the test would not see a difference", found);
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
    CHECK(r.warnings.more == 0 && r.reasons.more == 0);
    CHECK(span_is(m, r.warnings.value[1], "370 h \"bw\", 399 h \"x\""));
    CHECK(span_is(m, r.body, "v=0\r\n"));

    sipadv_message q;
    const char *bye = "BYE sip:a@h SIP/2.0\r\nReason: Q.850;cause=16\r\nreason: SIP;cause=200\r\n\r\n";
    CHECK(parse_request(bye, &q));
    CHECK(span_is(bye, q.method, "BYE") && q.reasons.n == 2 && q.headers_complete);
    CHECK(!parse_request(m, &q) && q.kind == SIPADV_KIND_RESPONSE);
    CHECK(!sipadv_message_parse((const uint8_t *)"BYE\r\n", 5, &q) && q.kind == SIPADV_KIND_NOT_SIP);
    CHECK(!sipadv_message_parse((const uint8_t *)"BYE sip:a@h HTTP/1.1\r\n", 22, &q) && q.kind == SIPADV_KIND_NOT_SIP);
    CHECK(!sipadv_message_parse((const uint8_t *)"", 0, &q) && q.kind == SIPADV_KIND_NOT_SIP);
}

/* Past SIPADV_MAX_REPEATS occurrences, Reason and Warning headers are counted in more. */
static void
test_repeats_overflow(void)
{
    char m[2048] = "SIP/2.0 486 Busy Here\r\n";

    for (int i = 0; i < 12; i++)
        strcat(m, "Reason: Q.850;cause=17\r\n");
    for (int i = 0; i < SIPADV_MAX_REPEATS; i++)
        strcat(m, "Warning: 399 h \"x\"\r\n");
    strcat(m, "\r\n");
    CHECK(parse(m));
    CHECK(r.reasons.n == SIPADV_MAX_REPEATS && r.reasons.more == 12 - SIPADV_MAX_REPEATS);
    CHECK(r.warnings.n == SIPADV_MAX_REPEATS && r.warnings.more == 0);
    CHECK(r.count[SIPADV_HDR_REASON] == 12);
    for (unsigned i = 0; i < r.reasons.n; i++)
        CHECK(span_is(m, r.reasons.value[i], "Q.850;cause=17"));
}

static void
test_request_identity(void)
{
    const char *m = "INVITE sip:bob@example.com;transport=tcp SIP/2.0\r\n"
                    "Via: SIP/2.0/TCP client.example.com:5061;branch=z9hG4bKtop;received=192.0.2.1, "
                    "SIP/2.0/UDP second.example.com;branch=z9hG4bKsecond\r\n"
                    "Via: SIP/2.0/UDP third.example.com;branch=z9hG4bKthird\r\n"
                    "From: \"Alice\" <sip:alice@example.com>;tag=fromtag1\r\n"
                    "To: <sip:bob@example.com>\r\n"
                    "i: call-123@example.com\r\n"
                    "CSeq: 314159 INVITE\r\n"
                    "Content-Length: 0\r\n"
                    "\r\n";
    sipadv_message q;

    CHECK(parse_request(m, &q));
    CHECK(q.method_id == SIPADV_METHOD_INVITE && span_is(m, q.method, "INVITE"));
    CHECK(span_is(m, q.request_uri, "sip:bob@example.com;transport=tcp"));
    CHECK(q.status.kind == SIPADV_NOT_A_RESPONSE);
    CHECK(span_is(m, q.id.call_id, "call-123@example.com"));
    CHECK(q.id.has_cseq && q.id.cseq == 314159);
    CHECK(span_is(m, q.id.cseq_method, "INVITE") && q.id.cseq_method_id == SIPADV_METHOD_INVITE);
    CHECK_MSG(span_is(m, q.id.via_branch, "z9hG4bKtop"), "branch of the top Via value only");
    CHECK(span_is(m, q.id.via_sent_by, "client.example.com:5061"));
    CHECK(span_is(m, q.id.from_tag, "fromtag1"));
    CHECK(!q.id.has_to_tag && q.id.to_tag.len == 0 && !(q.flags & SIPADV_F_TO_TAG));
    CHECK(q.count[SIPADV_HDR_VIA] == 2);

    /* Every method the advisor knows, by its request line and by its CSeq. */
    static const struct {
        const char *name;
        sipadv_method id;
    } methods[] = {
        { "INVITE", SIPADV_METHOD_INVITE },       { "ACK", SIPADV_METHOD_ACK },
        { "BYE", SIPADV_METHOD_BYE },             { "CANCEL", SIPADV_METHOD_CANCEL },
        { "REGISTER", SIPADV_METHOD_REGISTER },   { "OPTIONS", SIPADV_METHOD_OPTIONS },
        { "PRACK", SIPADV_METHOD_PRACK },         { "UPDATE", SIPADV_METHOD_UPDATE },
        { "INFO", SIPADV_METHOD_INFO },           { "SUBSCRIBE", SIPADV_METHOD_SUBSCRIBE },
        { "NOTIFY", SIPADV_METHOD_NOTIFY },       { "REFER", SIPADV_METHOD_REFER },
        { "MESSAGE", SIPADV_METHOD_MESSAGE },     { "PUBLISH", SIPADV_METHOD_PUBLISH },
        { "FOO", SIPADV_METHOD_OTHER },           { "invite", SIPADV_METHOD_OTHER },
        { "INVITEX", SIPADV_METHOD_OTHER },
    };
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++) {
        char req[256];
        snprintf(req, sizeof req, "%s sip:x@h SIP/2.0\r\nCSeq: 1 %s\r\n\r\n", methods[i].name, methods[i].name);
        CHECK_MSG(parse_request(req, &q) && q.method_id == methods[i].id && q.id.cseq_method_id == methods[i].id,
                  "method %s", methods[i].name);
        CHECK(span_is(req, q.method, methods[i].name) && span_is(req, q.request_uri, "sip:x@h"));
        if (methods[i].id != SIPADV_METHOD_OTHER)
            CHECK(strcmp(sipadv_method_name(methods[i].id), methods[i].name) == 0);
        CHECK(sipadv_method_lookup((const uint8_t *)methods[i].name, strlen(methods[i].name)) == methods[i].id);
    }
    CHECK(sipadv_method_lookup((const uint8_t *)"", 0) == SIPADV_METHOD_NONE);
    CHECK(strcmp(sipadv_method_name(SIPADV_METHOD_NONE), "") == 0);
    CHECK(strcmp(sipadv_method_name(SIPADV_METHOD_OTHER), "") == 0);

    /* An extension method is a request too; a line without a Request-URI is not. */
    CHECK(parse_request("X-PING sip:h SIP/2.0\r\n\r\n", &q) && q.method_id == SIPADV_METHOD_OTHER);
    CHECK(!sipadv_message_parse((const uint8_t *)"INVITE SIP/2.0\r\n\r\n", 18, &q));
}

static void
test_response_identity(void)
{
    const char *m = "SIP/2.0 180 Ringing\r\n"
                    "Via: SIP/2.0/UDP  proxy.example.com:5060 ;BRANCH=z9hG4bKproxy\r\n"
                    "Via: SIP/2.0/UDP ua.example.com;branch=z9hG4bKua\r\n"
                    "From: <sip:alice@example.com>;tag=a1\r\n"
                    "To: \"Bob;tag=no\" <sip:bob@example.com;tag=uri>;tag=b2\r\n"
                    "Call-ID: first-call-id\r\n"
                    "Call-ID: second-call-id\r\n"
                    "CSeq: 4294967295 CANCEL\r\n"
                    "\r\n";

    CHECK(parse(m));
    CHECK_MSG(span_is(m, r.id.via_branch, "z9hG4bKproxy"), "the top Via header's branch only");
    CHECK(span_is(m, r.id.via_sent_by, "proxy.example.com:5060"));
    CHECK(span_is(m, r.id.from_tag, "a1"));
    CHECK(r.id.has_to_tag && span_is(m, r.id.to_tag, "b2") && (r.flags & SIPADV_F_TO_TAG));
    CHECK(span_is(m, r.id.call_id, "first-call-id"));
    CHECK(r.id.has_cseq && r.id.cseq == UINT32_MAX);
    CHECK(span_is(m, r.id.cseq_method, "CANCEL") && r.id.cseq_method_id == SIPADV_METHOD_CANCEL);

    /* CSeq numbers are 32-bit (RFC 3261 §8.1.1.5): one past is not a number, nor is a huge one. */
    CHECK(parse("SIP/2.0 200 OK\r\nCSeq: 4294967296 INVITE\r\n\r\n"));
    CHECK(!r.id.has_cseq && r.id.cseq_method.len == 0 && r.id.cseq_method_id == SIPADV_METHOD_NONE);
    CHECK(parse("SIP/2.0 200 OK\r\nCSeq: 99999999999999999999999 BYE\r\n\r\n"));
    CHECK(!r.id.has_cseq && r.id.cseq_method.len == 0);
    CHECK(parse("SIP/2.0 200 OK\r\nCSeq: 0000000000004294967295 BYE\r\n\r\n"));
    CHECK(r.id.has_cseq && r.id.cseq == UINT32_MAX && r.id.cseq_method_id == SIPADV_METHOD_BYE);
    CHECK(parse("SIP/2.0 200 OK\r\nCSeq: 0 ACK\r\n\r\n"));
    CHECK(r.id.has_cseq && r.id.cseq == 0 && r.id.cseq_method_id == SIPADV_METHOD_ACK);

    /* No Via, From, To, Call-ID or CSeq: empty identity. */
    CHECK(parse("SIP/2.0 200 OK\r\n\r\n"));
    CHECK(r.id.call_id.len == 0 && !r.id.has_cseq && r.id.via_branch.len == 0 && r.id.via_sent_by.len == 0);
    CHECK(r.id.from_tag.len == 0 && !r.id.has_to_tag);

    /* A Via without parameters: sent-by, no branch; compact v: and f: forms. */
    const char *c = "SIP/2.0 200 OK\r\nv: SIP/2.0/TCP [2001:db8::1]:5070\r\nf: <sip:a@h>\r\nt: <sip:b@h>;tag=z\r\n\r\n";
    CHECK(parse(c));
    CHECK(span_is(c, r.id.via_sent_by, "[2001:db8::1]:5070") && r.id.via_branch.len == 0);
    CHECK(r.id.from_tag.len == 0);
    CHECK(r.id.has_to_tag && span_is(c, r.id.to_tag, "z"));
}

/* A To value with a '<' that no '>' closes still gives its tag; one in <...> is no tag. */
static void
test_to_tag_unclosed(void)
{
    const char *open = "SIP/2.0 180 Ringing\r\nTo: <sip:bob@example.com;tag=abc\r\nCSeq: 1 INVITE\r\n\r\n";
    CHECK(parse(open));
    CHECK(r.id.has_to_tag && span_is(open, r.id.to_tag, "abc") && (r.flags & SIPADV_F_TO_TAG));

    const char *both = "SIP/2.0 180 Ringing\r\nTo: <sip:bob@example.com;tag=x>;tag=real\r\nCSeq: 1 INVITE\r\n\r\n";
    CHECK(parse(both));
    CHECK(r.id.has_to_tag && span_is(both, r.id.to_tag, "real"));

    const char *inside = "SIP/2.0 180 Ringing\r\nTo: <sip:bob@example.com;tag=x>\r\nCSeq: 1 INVITE\r\n\r\n";
    CHECK(parse(inside));
    CHECK(!r.id.has_to_tag && !(r.flags & SIPADV_F_TO_TAG));

    /* Only the first To counts. */
    const char *two = "SIP/2.0 180 Ringing\r\nTo: <sip:b@h>\r\nTo: <sip:b@h>;tag=second\r\n\r\n";
    CHECK(parse(two));
    CHECK(!r.id.has_to_tag);
}

/* Frames a message as Wireshark's SIP dissector does, by Content-Length. */
static size_t
frame(const char *buf, size_t len)
{
    if (!sipadv_message_parse((const uint8_t *)buf, len, &r))
        return (size_t)-1;
    return sipadv_message_frame((const uint8_t *)buf, len, &r);
}

static void
test_message_frame(void)
{
    const char *first = "SIP/2.0 200 OK\r\nCSeq: 1 INVITE\r\nContent-Length: 5\r\n\r\nhello";
    const char *second = "BYE sip:a@h SIP/2.0\r\nCSeq: 2 BYE\r\nl: 3\r\n\r\nabc";
    char both[512];
    size_t n1 = strlen(first), n;

    snprintf(both, sizeof both, "%s%s", first, second);
    n = strlen(both);
    CHECK_MSG(frame(both, n) == n1, "the first message ends where the second starts");
    CHECK(r.kind == SIPADV_KIND_RESPONSE && span_is(both, r.body, "hello"));
    CHECK(frame(both + n1, n - n1) == strlen(second));
    CHECK(r.kind == SIPADV_KIND_REQUEST && span_is(both + n1, r.body, "abc"));

    /* No Content-Length: all the bytes (SIP over UDP). */
    const char *udp = "SIP/2.0 200 OK\r\nCSeq: 1 INVITE\r\n\r\nv=0\r\n";
    CHECK(frame(udp, strlen(udp)) == strlen(udp) && span_is(udp, r.body, "v=0\r\n"));

    /* Content-Length not a number: counted as 0, the headers alone. */
    const char *abc = "SIP/2.0 200 OK\r\nContent-Length: abc\r\n\r\nbody bytes";
    CHECK(frame(abc, strlen(abc)) == strlen(abc) - strlen("body bytes"));
    CHECK(r.body.len == 0 && r.body.off == strlen(abc) - strlen("body bytes"));

    /* Larger than the bytes: all of them (the rest was not captured, or comes later). */
    const char *big = "SIP/2.0 200 OK\r\nContent-Length: 1000\r\n\r\nv=0\r\n";
    CHECK(frame(big, strlen(big)) == strlen(big) && span_is(big, r.body, "v=0\r\n"));

    /* Past 2^32 - 1 the value counts as absent. */
    const char *huge = "SIP/2.0 200 OK\r\nContent-Length: 99999999999\r\n\r\nv=0\r\n";
    CHECK(frame(huge, strlen(huge)) == strlen(huge) && span_is(huge, r.body, "v=0\r\n"));

    /* The body is cut to the Content-Length. */
    const char *cut = "SIP/2.0 200 OK\r\nContent-Length: 3\r\n\r\nv=0\r\nmore";
    CHECK(frame(cut, strlen(cut)) == strlen(cut) - strlen("\r\nmore") && span_is(cut, r.body, "v=0"));

    /* Content-Length: 0 ends at the blank line. */
    const char *zero = "SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\nSIP/2.0 180 Ringing\r\n\r\n";
    CHECK(frame(zero, strlen(zero)) == strlen("SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n") && r.body.len == 0);

    /* Headers not ended: all of the bytes, whatever the Content-Length says. */
    const char *open = "SIP/2.0 200 OK\r\nContent-Length: 0\r\nCSeq: 1 INV";
    CHECK(frame(open, strlen(open)) == strlen(open));

    /* LF line ends. */
    const char *lf = "SIP/2.0 200 OK\nContent-Length: 2\n\nokSIP/2.0";
    CHECK(frame(lf, strlen(lf)) == strlen("SIP/2.0 200 OK\nContent-Length: 2\n\nok") && span_is(lf, r.body, "ok"));
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
    test_every_request_prefix();
    test_lists_and_params();
    test_param_value_matches_reference();
    test_bodies_and_repeats();
    test_repeats_overflow();
    test_request_identity();
    test_response_identity();
    test_to_tag_unclosed();
    test_message_frame();
    return check_report();
}
