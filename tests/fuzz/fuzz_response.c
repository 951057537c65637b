/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libFuzzer harness for the pure-C core of sipadv (no libwireshark). It drives
 * sipadv_analyze, the one analysis the plugin runs (plugin/packet-sipadv.c),
 * the way the plugin does: message after message along the input as over a
 * TCP stream, each result packed one after the other into one block as
 * plugin/state.c stores a frame's. Every span of the stored analysis is
 * checked to lie inside its message and is read byte by byte, so
 * AddressSanitizer sees any span that points outside; the caps on values
 * (SIPADV_MAX_VALUES, SIPADV_SHOW_VALUES per kind) are checked too.
 * The messages are then fed to the transaction and call analyses
 * (plugin/flow.c, plugin/calls.c) as frames of a capture, twice over (so
 * repeats are found), with times taken from the input and a sweep every few
 * messages, checking that each link points back to an earlier frame, that a
 * call's record is consistent, and that memory stays bounded.
 * The lower-level readers (message parser and framing, header iterator, list
 * splitter, parameters, Reason / Warning / 3GPP-body / Digest readers, rules)
 * are also driven directly, on the whole input.
 *
 * Build and run: tests/fuzz/run-libfuzzer.sh (see README, "Robustness").
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "calls.h"
#include "findings.h"
#include "flow.h"
#include "knowledge.h"
#include "rules.h"
#include "sip_message.h"
#include "sip_values.h"
#include "sipadv_tables.h"

/* Messages analysed per input at most, as a frame holds only so many. */
#define MAX_MESSAGES 16

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

/* Walks a comma-separated header value item by item, as sipadv_analyze does. */
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
    if (r->n > SIPADV_MAX_REPEATS || (r->more && r->n != SIPADV_MAX_REPEATS))
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
    if (rv.has_cause && rv.cause > UINT16_MAX)
        abort();
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
    touch(buf, len, sipadv_security_mechanism(buf, item));
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

/* The stored analysis of one message of len bytes: spans inside, caps kept, values sane. */
static void
check_analysis(const uint8_t *buf, size_t len, const sipadv_analysis *a)
{
    const sipadv_hit *hits = sipadv_analysis_hits(a);
    const sipadv_value *values = sipadv_analysis_values(a);
    unsigned per_type[SIPADV_VALUE_MORE + 1] = { 0 };
    uint64_t experts = 0;

    if (a->kind != SIPADV_KIND_REQUEST && a->kind != SIPADV_KIND_RESPONSE)
        abort();
    touch(buf, len, a->start);
    touch(buf, len, a->phrase);
    touch(buf, len, a->cseq_method);
    if (a->n_values > SIPADV_MAX_VALUES || a->n_hits > SIPADV_RULE_EXPERT_COUNT)
        abort();
    if (a->kind == SIPADV_KIND_REQUEST && a->n_hits)
        abort();  /* requests break no rule */
    for (unsigned i = 0; i < a->n_hits; i++) {
        unsigned expert;
        if (hits[i].rule >= sipadv_rules_len)
            abort();
        expert = sipadv_rules[hits[i].rule].expert;
        if (expert >= sipadv_rule_experts_len || ((experts >> expert) & 1u))
            abort();  /* one hit per expert */
        experts |= (uint64_t)1 << expert;
    }
    for (unsigned i = 0; i < a->n_values; i++) {
        const sipadv_value *v = &values[i];
        if (v->type > SIPADV_VALUE_MORE)
            abort();
        per_type[v->type]++;
        touch(buf, len, v->a);
        touch(buf, len, v->b);
        touch(buf, len, v->c);
        /* The kinds counted beyond SIPADV_SHOW_VALUES: Reason, Warning, mechanisms, and a REGISTER 2xx's lists. */
        if (v->type == SIPADV_VALUE_MORE &&
            ((v->of != SIPADV_VALUE_REASON && v->of != SIPADV_VALUE_WARNING && v->of != SIPADV_VALUE_MECHANISM &&
              v->of != SIPADV_VALUE_BINDING && v->of != SIPADV_VALUE_ASSOCIATED_URI &&
              v->of != SIPADV_VALUE_SERVICE_ROUTE && v->of != SIPADV_VALUE_PATH) ||
             v->number == 0))
            abort();
        if (v->type == SIPADV_VALUE_IMS_HINT && v->number >= SIPADV_MSG_COUNT)
            abort();
    }
    if (per_type[SIPADV_VALUE_REASON] > SIPADV_SHOW_VALUES || per_type[SIPADV_VALUE_WARNING] > SIPADV_SHOW_VALUES ||
        per_type[SIPADV_VALUE_MECHANISM] > SIPADV_SHOW_VALUES)
        abort();
}

/*
 * The plugin's pass over one frame: messages one after the other, each
 * analysed, then all packed into one block and read back from there.
 */
/* A timer that ran out must name a message already seen. */
static uint32_t fuzz_frame;

static void
flow_timeout_seen(void *ctx, const sipadv_flow_timeout *t)
{
    (void)ctx;
    if (t->frame == 0 || t->frame > fuzz_frame || (t->flag != SIPADV_FLOW_NO_FINAL && t->flag != SIPADV_FLOW_MISSING_ACK))
        abort();
}

static void
call_timeout_seen(void *ctx, uint32_t call)
{
    const sipadv_call *c = sipadv_calls_get(ctx, call);

    if (!c || c->settled_frame > fuzz_frame || !(c->flags & SIPADV_CALL_TIMEOUT))
        abort();
}

/* The messages at offsets as consecutive frames, all of them twice; times, transports, hosts from their bytes. */
static void
flow_sequence(const uint8_t *buf, const size_t *offsets, const size_t *lengths, unsigned n)
{
    const sipadv_flow_config cfg = { 500 * INT64_C(1000000), 2000 * INT64_C(1000000), 200 * INT64_C(1000000), 3 };
    sipadv_flow *flow = sipadv_flow_new(&cfg, 1);
    sipadv_calls *calls = sipadv_calls_new(cfg.t1_ns, cfg.t1_ue_ns, 2);
    int64_t now = 0;
    uint32_t frame = 0;

    if (!flow || !calls)
        abort();
    for (unsigned round = 0; round < 2; round++) {
        for (unsigned i = 0; i < n; i++) {
            const uint8_t *m = buf + offsets[i];
            sipadv_message msg;
            sipadv_flow_result res;
            sipadv_flow_packet pkt;

            /* Steps of up to 64 s, sometimes backwards: captures merged out of order. */
            now += ((int64_t)m[0] - 96) * 500 * INT64_C(1000000);
            /* Raw times, back and forth (the plugin smooths them with clock.h first): nothing may break. */
            pkt = (sipadv_flow_packet){ ++frame, now, (m[lengths[i] - 1] & 1) != 0, (uint8_t)i,
                                        (uint64_t)(m[1] & 3), (uint64_t)(m[2] & 3), 5060, 5060, SIPADV_NO_TIME };
            fuzz_frame = frame - 1;
            sipadv_flow_expire(flow, now, flow_timeout_seen, NULL);
            sipadv_calls_expire(calls, now, call_timeout_seen, calls);
            if (!sipadv_message_parse(m, lengths[i], &msg))
                abort();
            sipadv_flow_message(flow, m, &msg, &pkt, &res);
            if (res.request_frame >= frame || res.original_frame >= frame || res.retry_frame >= frame)
                abort();   /* a link to a frame not yet seen */
            if ((res.flags & SIPADV_FLOW_RETRANSMISSION) && (!(res.flags & SIPADV_FLOW_REPEAT) || pkt.reliable))
                abort();
            if (sipadv_flow_live(flow) > frame)
                abort();
            {
                sipadv_call_packet cp = { frame, now, (res.flags & SIPADV_FLOW_REPEAT) != 0,
                                          (res.flags & SIPADV_FLOW_ANSWER_RESENT) != 0, pkt.reliable,
                                          (res.flags & SIPADV_FLOW_AUTH_REJECTED) != 0, res.request_context,
                                          res.offer, (res.flags & SIPADV_FLOW_UE_LEG) != 0, SIPADV_NO_TIME };
                sipadv_call_result cr;
                const sipadv_call *c;
                sipadv_calls_message(calls, m, &msg, &cp, &cr);
                if (cr.deciding)
                    sipadv_calls_set_sender(calls, cr.call, "sender");
                if (cr.call && (c = sipadv_calls_get(calls, cr.call)) == NULL)
                    abort();   /* a call number not given out */
                if (cr.call && (c->first_frame > frame || c->settled_frame > frame ||
                                (c->kind == SIPADV_KIND_CALL ? c->outcome >= SIPADV_OUTCOME_COUNT
                                                             : c->outcome >= SIPADV_REG_OUTCOME_COUNT) ||
                                memchr(c->sender, '\0', sizeof c->sender) == NULL))
                    abort();
                if (sipadv_calls_count(calls) > frame)
                    abort();
            }
        }
    }
    sipadv_flow_free(flow);
    sipadv_calls_free(calls);
}

static void
analyze_as_plugin(const uint8_t *buf, size_t size, const sipadv_options *opt)
{
    static sipadv_findings found[MAX_MESSAGES];
    size_t offsets[MAX_MESSAGES], lengths[MAX_MESSAGES], total = 0, off = 0;
    unsigned n = 0;
    uint8_t *block, *p;

    while (off < size && n < MAX_MESSAGES) {
        sipadv_message msg, again;
        size_t len = sipadv_analyze(buf + off, size - off, opt, &msg, &found[n]);

        if (len == 0) {
            if (msg.kind != SIPADV_KIND_NOT_SIP)
                abort();
            break;
        }
        if (len > size - off || msg.kind == SIPADV_KIND_NOT_SIP || found[n].head.kind != (uint8_t)msg.kind)
            abort();
        /* The length it returns is the framed one. */
        if (!sipadv_message_parse(buf + off, size - off, &again) ||
            sipadv_message_frame(buf + off, size - off, &again) != len ||
            (again.headers_complete && again.body.off + again.body.len != len))
            abort();
        offsets[n] = off;
        lengths[n] = len;
        total += sipadv_findings_packed_size(&found[n]);
        off += len;
        n++;
    }
    if (n == 0)
        return;
    flow_sequence(buf, offsets, lengths, n);
    /* An exact-size block, as plugin/state.c allocates: ASan sees a pack past its size. */
    block = malloc(total);
    if (!block)
        abort();
    p = block;
    for (unsigned i = 0; i < n; i++) {
        const sipadv_findings *f = &found[i];
        const sipadv_analysis *a = sipadv_findings_pack(f, p);
        if ((const uint8_t *)a != p || memcmp(a, &f->head, sizeof f->head) != 0 ||
            memcmp(sipadv_analysis_hits(a), f->hits, a->n_hits * sizeof f->hits[0]) != 0 ||
            memcmp(sipadv_analysis_values(a), f->values, a->n_values * sizeof f->values[0]) != 0)
            abort();
        check_analysis(buf + offsets[i], lengths[i], a);
        p += sipadv_findings_packed_size(f);
        if ((const uint8_t *)(sipadv_analysis_values(a) + a->n_values) != p)
            abort();
    }
    free(block);
}

static void
message(const uint8_t *buf, size_t len)
{
    sipadv_message msg;
    sipadv_rule_hit hits[64];
    sipadv_span s;
    size_t n, framed;
    unsigned status;

    if (!sipadv_message_parse(buf, len, &msg)) {
        if (msg.kind != SIPADV_KIND_NOT_SIP)
            abort();
        return;
    }
    touch(buf, len, msg.status.line);
    touch(buf, len, msg.status.code_text);
    touch(buf, len, msg.status.reason);
    touch(buf, len, msg.method);
    touch(buf, len, msg.request_uri);
    touch(buf, len, msg.id.call_id);
    touch(buf, len, msg.id.cseq_method);
    touch(buf, len, msg.id.via_branch);
    touch(buf, len, msg.id.via_sent_by);
    touch(buf, len, msg.id.from_tag);
    touch(buf, len, msg.id.to_tag);
    touch(buf, len, msg.body);
    for (unsigned id = 0; id < SIPADV_HDR_COUNT; id++)
        if (sipadv_message_has(&msg, (sipadv_header_id)id))
            touch(buf, len, msg.first[id]);
    if (msg.kind == SIPADV_KIND_REQUEST && sipadv_method_lookup(buf + msg.method.off, msg.method.len) != msg.method_id)
        abort();
    sink += (unsigned)strlen(sipadv_method_name(msg.method_id)) + (unsigned)strlen(sipadv_method_name(msg.id.cseq_method_id));

    /* All rules on (NULL), then every other expert switched off. */
    n = sipadv_rules_evaluate(buf, &msg, NULL, hits, sizeof hits / sizeof hits[0]);
    if (n > sizeof hits / sizeof hits[0] || (n && msg.kind != SIPADV_KIND_RESPONSE))
        abort();
    {
        bool *enabled = calloc(sipadv_rule_experts_len + 1, sizeof *enabled);
        if (!enabled)
            abort();
        for (size_t i = 0; i < sipadv_rule_experts_len; i++)
            enabled[i] = i % 2 == 0;
        n = sipadv_rules_evaluate(buf, &msg, enabled, hits, 2);
        if (n > 2)
            abort();
        free(enabled);
    }

    status = msg.kind == SIPADV_KIND_RESPONSE && msg.status.kind == SIPADV_STATUS_OK ? msg.status.code : 0;
    each_repeat(buf, len, &msg.reasons, reason_item, status);
    each_repeat(buf, len, &msg.warnings, warning_item, 0);
    ims_body(buf, len, msg.body);
    sink += sipadv_looks_ims(buf, &msg);
    if (sipadv_message_has(&msg, SIPADV_HDR_WWW_AUTHENTICATE) &&
        sipadv_auth_param(buf, msg.first[SIPADV_HDR_WWW_AUTHENTICATE], "algorithm", &s))
        touch(buf, len, s);
    if (sipadv_message_has(&msg, SIPADV_HDR_TO)) {
        sink += sipadv_value_has_param(buf, msg.first[SIPADV_HDR_TO], "tag");
        sink += sipadv_value_is_number(buf, msg.first[SIPADV_HDR_TO]);
    }
    if (sipadv_message_has(&msg, SIPADV_HDR_REQUIRE))
        sink += sipadv_value_has_token(buf, msg.first[SIPADV_HDR_REQUIRE], "100rel");
    if (sipadv_message_has(&msg, SIPADV_HDR_SECURITY_SERVER))
        each_item(buf, len, msg.first[SIPADV_HDR_SECURITY_SERVER], security_item, 0);
    if (sipadv_message_has(&msg, SIPADV_HDR_RETRY_AFTER)) {
        unsigned v;
        s = sipadv_leading_digits(buf, msg.first[SIPADV_HDR_RETRY_AFTER]);
        touch(buf, len, s);
        sink += sipadv_span_number(buf, s, 9, &v) ? v : 0;
    }

    /* Framing last: it cuts the body to the Content-Length. */
    framed = sipadv_message_frame(buf, len, &msg);
    if (framed > len || framed == 0)
        abort();
    touch(buf, framed, msg.body);
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
    bool *enabled;

    if (!buf)
        return 0;
    memcpy(buf, data, size);

    /* What the plugin runs: IMS profile auto with every rule, then on with every other rule. */
    enabled = calloc(sipadv_rule_experts_len + 1, sizeof *enabled);
    if (!enabled)
        abort();
    for (size_t i = 0; i < sipadv_rule_experts_len; i++)
        enabled[i] = i % 2 == 1;
    {
        const sipadv_options auto_opt = { SIPADV_IMS_AUTO, NULL }, on_opt = { SIPADV_IMS_ON, enabled };
        analyze_as_plugin(buf, size, &auto_opt);
        analyze_as_plugin(buf, size, &on_opt);
    }
    free(enabled);

    if (sipadv_parse_status_line(buf, size, &sl)) {
        touch(buf, size, sl.line);
        touch(buf, size, sl.code_text);
        touch(buf, size, sl.reason);
    }
    message(buf, size);
    headers(buf, size);
    /* The readers and list splitter on the whole input as one span, too. */
    {
        sipadv_reason_value rv;
        sipadv_warning_value wv;
        sipadv_span all = { 0, (uint32_t)size }, s;
        ims_body(buf, size, all);
        if (sipadv_parse_reason(buf, all, &rv)) {
            touch(buf, size, rv.protocol);
            touch(buf, size, rv.cause_text);
            touch(buf, size, rv.text);
        }
        if (sipadv_parse_warning(buf, all, &wv)) {
            touch(buf, size, wv.code_text);
            touch(buf, size, wv.agent);
            touch(buf, size, wv.text);
        }
        if (sipadv_auth_param(buf, all, "nonce", &s))
            touch(buf, size, s);
        if (sipadv_param_value(buf, all, "tag", &s))
            touch(buf, size, s);
        each_item(buf, size, all, reason_item, 486);
    }
    free(buf);
    return 0;
}
