/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer harness for the pure-C core of sipadv (no libwireshark): the
 * response and request parsers, the rule engine, and the Reason / Warning /
 * 3GPP-body / Digest parsers, driven the way plugin/annotate*.c drive them.
 * Every span a parser hands back is checked to lie inside the input and is
 * read byte by byte, so AddressSanitizer sees any span that points outside it.
 *
 * Build and run: tests/fuzz/run-libfuzzer.sh (see README, "Robustness").
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "interworking.h"
#include "rules.h"
#include "sip_message.h"

static volatile unsigned sink;

static void
touch(const uint8_t *buf, size_t len, sipadv_span s)
{
    if (s.off > len || s.len > len - s.off)
        abort();  /* a span outside the message */
    for (size_t i = 0; i < s.len; i++)
        sink += buf[s.off + i];
}

typedef void (*item_check)(const uint8_t *buf, size_t len, sipadv_span item, unsigned status);

/* Walks a comma-separated header value item by item, as the annotators do. */
static void
each_item(const uint8_t *buf, size_t len, sipadv_span value, item_check check, unsigned status)
{
    size_t pos = value.off;
    sipadv_span item;
    unsigned guard = 0;

    touch(buf, len, value);
    while (sipadv_next_list_item(buf, value, &pos, &item)) {
        touch(buf, len, item);
        if (++guard > len + 1)
            abort();  /* the list iterator does not advance */
        check(buf, len, item, status);
    }
}

static void
each_repeat(const uint8_t *buf, size_t len, const sipadv_repeats *r, item_check check, unsigned status)
{
    if (r->n > SIPADV_MAX_REPEATS)
        abort();
    for (unsigned i = 0; i < r->n; i++)
        each_item(buf, len, r->value[i], check, status);
}

static void
reason_item(const uint8_t *buf, size_t len, sipadv_span item, unsigned status)
{
    sipadv_reason_value rv;

    if (!sipadv_parse_reason(buf, item, &rv))
        return;
    touch(buf, len, rv.protocol);
    touch(buf, len, rv.cause_text);
    touch(buf, len, rv.text);
    if (rv.kind == SIPADV_REASON_Q850 && rv.has_cause) {
        const sipadv_cause_info *cause = sipadv_q850_lookup(rv.cause);
        if (cause && status >= 200)
            sink += sipadv_cause_contradicts(cause, status);
    }
}

static void
warning_item(const uint8_t *buf, size_t len, sipadv_span item, unsigned status)
{
    sipadv_warning_value wv;

    (void)status;
    if (!sipadv_parse_warning(buf, item, &wv))
        return;
    touch(buf, len, wv.code_text);
    touch(buf, len, wv.agent);
    touch(buf, len, wv.text);
    if (wv.has_code) {
        const sipadv_warning_info *info = sipadv_warning_lookup(wv.code);
        if (info)
            sink += (unsigned)strlen(info->text);
    }
}

static void
security_item(const uint8_t *buf, size_t len, sipadv_span item, unsigned status)
{
    sipadv_span port;

    (void)status;
    if (sipadv_param_value(buf, item, "port-s", &port))
        touch(buf, len, port);
}

static void
ims_body(const uint8_t *buf, size_t len, sipadv_span body_span)
{
    sipadv_ims_body body;

    sipadv_parse_ims_body(buf, body_span, &body);
    if (body.found) {
        touch(buf, len, body.type);
        touch(buf, len, body.reason);
        touch(buf, len, body.action);
    }
}

static void
response(const uint8_t *buf, size_t len)
{
    sipadv_response resp;
    sipadv_rule_hit hits[64];
    sipadv_span s;
    size_t n;

    if (!sipadv_response_parse(buf, len, &resp))
        return;
    touch(buf, len, resp.status.line);
    touch(buf, len, resp.status.code_text);
    touch(buf, len, resp.status.reason);
    touch(buf, len, resp.cseq_method);
    touch(buf, len, resp.body);
    for (unsigned id = 0; id < SIPADV_HDR_COUNT; id++)
        if (sipadv_response_has(&resp, (sipadv_header_id)id))
            touch(buf, len, resp.first[id]);

    /* All rules on (NULL), then every other expert switched off. */
    n = sipadv_rules_evaluate(buf, &resp, NULL, hits, sizeof hits / sizeof hits[0]);
    if (n > sizeof hits / sizeof hits[0])
        abort();
    {
        bool *enabled = calloc(sipadv_rule_experts_len + 1, sizeof *enabled);
        if (!enabled)
            abort();
        for (size_t i = 0; i < sipadv_rule_experts_len; i++)
            enabled[i] = i % 2 == 0;
        n = sipadv_rules_evaluate(buf, &resp, enabled, hits, 2);
        if (n > 2)
            abort();
        free(enabled);
    }

    each_repeat(buf, len, &resp.reasons, reason_item,
                resp.status.kind == SIPADV_STATUS_OK ? resp.status.code : 0);
    each_repeat(buf, len, &resp.warnings, warning_item, 0);
    ims_body(buf, len, resp.body);
    sink += sipadv_looks_ims(buf, &resp);
    if (sipadv_response_has(&resp, SIPADV_HDR_WWW_AUTHENTICATE) &&
        sipadv_auth_param(buf, resp.first[SIPADV_HDR_WWW_AUTHENTICATE], "algorithm", &s))
        touch(buf, len, s);
    if (sipadv_response_has(&resp, SIPADV_HDR_TO)) {
        sink += sipadv_value_has_param(buf, resp.first[SIPADV_HDR_TO], "tag");
        sink += sipadv_value_is_number(buf, resp.first[SIPADV_HDR_TO]);
    }
    if (sipadv_response_has(&resp, SIPADV_HDR_REQUIRE))
        sink += sipadv_value_has_token(buf, resp.first[SIPADV_HDR_REQUIRE], "100rel");
    if (sipadv_response_has(&resp, SIPADV_HDR_SECURITY_SERVER))
        each_item(buf, len, resp.first[SIPADV_HDR_SECURITY_SERVER], security_item, 0);
}

static void
request(const uint8_t *buf, size_t len)
{
    sipadv_request req;

    if (!sipadv_request_parse(buf, len, &req))
        return;
    touch(buf, len, req.method);
    each_repeat(buf, len, &req.reasons, reason_item, 0);
}

static void
headers(const uint8_t *buf, size_t len)
{
    sipadv_header_iter it;
    sipadv_header h;
    unsigned guard = 0;

    sipadv_header_iter_init(&it, buf, len);
    while (sipadv_header_next(&it, &h)) {
        touch(buf, len, h.name);
        touch(buf, len, h.value);
        touch(buf, len, h.field);
        if (h.id != sipadv_header_lookup(buf + h.name.off, h.name.len))
            abort();
        if (++guard > len + 1)
            abort();  /* the iterator does not advance */
    }
    sink += sipadv_header_iter_at_body(&it);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* An exact-size heap copy: ASan then catches a read one byte past the end. */
    uint8_t *buf = malloc(size ? size : 1);
    sipadv_status_line sl;

    if (!buf)
        return 0;
    memcpy(buf, data, size);
    if (sipadv_parse_status_line(buf, size, &sl)) {
        touch(buf, size, sl.line);
        touch(buf, size, sl.code_text);
        touch(buf, size, sl.reason);
    }
    response(buf, size);
    request(buf, size);
    headers(buf, size);
    /* The body parser and list splitter on the whole input as one span, too. */
    {
        sipadv_reason_value rv;
        sipadv_warning_value wv;
        sipadv_span all = { 0, size }, s;
        ims_body(buf, size, all);
        if (sipadv_parse_reason(buf, all, &rv)) {
            touch(buf, size, rv.protocol);
            touch(buf, size, rv.text);
        }
        if (sipadv_parse_warning(buf, all, &wv)) {
            touch(buf, size, wv.agent);
            touch(buf, size, wv.text);
        }
        if (sipadv_auth_param(buf, all, "nonce", &s))
            touch(buf, size, s);
    }
    free(buf);
    return 0;
}
