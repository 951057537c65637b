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

static void
reasons(const uint8_t *buf, size_t len, const sipadv_repeats *r, unsigned status)
{
    if (r->n > SIPADV_MAX_REPEATS)
        abort();
    for (unsigned i = 0; i < r->n; i++) {
        size_t pos = r->value[i].off;
        sipadv_span item;
        unsigned guard = 0;
        touch(buf, len, r->value[i]);
        while (sipadv_next_list_item(buf, r->value[i], &pos, &item)) {
            sipadv_reason_value rv;
            touch(buf, len, item);
            if (++guard > len + 1)
                abort();  /* the list iterator does not advance */
            if (!sipadv_parse_reason(buf, item, &rv))
                continue;
            touch(buf, len, rv.protocol);
            touch(buf, len, rv.cause_text);
            touch(buf, len, rv.text);
            if (rv.kind == SIPADV_REASON_Q850 && rv.has_cause) {
                const sipadv_cause_info *cause = sipadv_q850_lookup(rv.cause);
                if (cause && status >= 200)
                    sink += sipadv_cause_contradicts(cause, status);
            }
        }
    }
}

static void
warnings(const uint8_t *buf, size_t len, const sipadv_repeats *w)
{
    if (w->n > SIPADV_MAX_REPEATS)
        abort();
    for (unsigned i = 0; i < w->n; i++) {
        size_t pos = w->value[i].off;
        sipadv_span item;
        unsigned guard = 0;
        touch(buf, len, w->value[i]);
        while (sipadv_next_list_item(buf, w->value[i], &pos, &item)) {
            sipadv_warning_value wv;
            touch(buf, len, item);
            if (++guard > len + 1)
                abort();
            if (!sipadv_parse_warning(buf, item, &wv))
                continue;
            touch(buf, len, wv.code_text);
            touch(buf, len, wv.agent);
            touch(buf, len, wv.text);
            if (wv.has_code) {
                const sipadv_warning_info *info = sipadv_warning_lookup(wv.code);
                if (info)
                    sink += (unsigned)strlen(info->text);
            }
        }
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

    reasons(buf, len, &resp.reasons, resp.status.kind == SIPADV_STATUS_OK ? resp.status.code : 0);
    warnings(buf, len, &resp.warnings);

    {
        sipadv_ims_body body;
        sipadv_parse_ims_body(buf, resp.body, &body);
        if (body.found) {
            touch(buf, len, body.type);
            touch(buf, len, body.reason);
            touch(buf, len, body.action);
        }
    }
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
    if (sipadv_response_has(&resp, SIPADV_HDR_SECURITY_SERVER)) {
        sipadv_span value = resp.first[SIPADV_HDR_SECURITY_SERVER], item;
        size_t pos = value.off;
        unsigned guard = 0;
        while (sipadv_next_list_item(buf, value, &pos, &item)) {
            touch(buf, len, item);
            if (sipadv_param_value(buf, item, "port-s", &s))
                touch(buf, len, s);
            if (++guard > len + 1)
                abort();
        }
    }
}

static void
request(const uint8_t *buf, size_t len)
{
    sipadv_request req;

    if (!sipadv_request_parse(buf, len, &req))
        return;
    touch(buf, len, req.method);
    reasons(buf, len, &req.reasons, 0);
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
        sipadv_ims_body body;
        sipadv_reason_value rv;
        sipadv_warning_value wv;
        sipadv_span all = { 0, size }, s;
        sipadv_parse_ims_body(buf, all, &body);
        if (body.found) {
            touch(buf, size, body.type);
            touch(buf, size, body.reason);
            touch(buf, size, body.action);
        }
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
