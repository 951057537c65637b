/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "findings.h"

#include <string.h>

#include "knowledge.h"

typedef struct {
    const uint8_t  *buf;
    const sipadv_message *msg;
    sipadv_findings *out;
} analysis;

static sipadv_value *
add_value(analysis *an, sipadv_value_type type)
{
    sipadv_analysis *head = &an->out->head;

    /* SIPADV_MAX_VALUES leaves room for every kind at its cap: never reached. */
    if (head->n_values == SIPADV_MAX_VALUES)
        return NULL;
    sipadv_value *v = &an->out->values[head->n_values++];
    memset(v, 0, sizeof *v);
    v->type = (uint8_t)type;
    return v;
}

static void
add_more(analysis *an, sipadv_value_type of, uint32_t count)
{
    sipadv_value *v;

    if (count == 0 || !(v = add_value(an, SIPADV_VALUE_MORE)))
        return;
    v->of = (uint8_t)of;
    v->number = count;
}

static void
add_span(analysis *an, sipadv_value_type type, sipadv_span s)
{
    sipadv_value *v;

    if (s.len && (v = add_value(an, type)))
        v->a = s;
}

static void
add_hint(analysis *an, sipadv_msg_id id, sipadv_span detail)
{
    sipadv_value *v = add_value(an, SIPADV_VALUE_IMS_HINT);

    if (v) {
        v->number = (uint32_t)id;
        v->a = detail;
    }
}

typedef void (*item_reader)(analysis *an, sipadv_span item);

/*
 * Reads the first SIPADV_SHOW_VALUES values of a repeated, comma-separated
 * header and counts the rest, so a flood of values costs a scan, not output.
 */
static void
read_list(analysis *an, const sipadv_repeats *r, sipadv_value_type type, item_reader read)
{
    uint32_t shown = 0, more = r->more;

    for (unsigned i = 0; i < r->n; i++) {
        size_t pos = r->value[i].off;
        sipadv_span item;
        while (sipadv_next_list_item(an->buf, r->value[i], &pos, &item)) {
            if (shown < SIPADV_SHOW_VALUES) {
                read(an, item);
                shown++;
            } else {
                more++;
            }
        }
    }
    add_more(an, type, more);
}

static void
read_reason(analysis *an, sipadv_span item)
{
    sipadv_reason_value rv;
    sipadv_value *v;

    if (!sipadv_parse_reason(an->buf, item, &rv) || !(v = add_value(an, SIPADV_VALUE_REASON)))
        return;
    v->kind = (uint8_t)rv.kind;
    v->a = rv.protocol;
    v->b = rv.cause_text;
    v->c = rv.text;
    if (rv.has_cause) {
        v->flags |= SIPADV_VALUE_HAS_NUMBER;
        v->number = rv.cause;
    }
    if (rv.kind == SIPADV_REASON_Q850 && rv.has_cause && an->out->head.code &&
        sipadv_cause_contradicts(sipadv_q850_lookup(rv.cause), an->out->head.code))
        v->flags |= SIPADV_VALUE_MISMATCH;
}

static void
read_warning(analysis *an, sipadv_span item)
{
    sipadv_warning_value wv;
    sipadv_value *v;

    if (!sipadv_parse_warning(an->buf, item, &wv) || !wv.has_code || !(v = add_value(an, SIPADV_VALUE_WARNING)))
        return;
    v->flags = SIPADV_VALUE_HAS_NUMBER;
    v->number = wv.code;
    v->a = wv.code_text;
    v->b = wv.agent;
    v->c = wv.text;
}

static void
read_mechanism(analysis *an, sipadv_span item)
{
    add_span(an, SIPADV_VALUE_MECHANISM, sipadv_security_mechanism(an->buf, item));
}

static bool
ims_applies(const analysis *an, const sipadv_options *opt)
{
    switch (opt->ims_profile) {
    case SIPADV_IMS_ON:
        return true;
    case SIPADV_IMS_OFF:
        return false;
    default:
        return sipadv_looks_ims(an->buf, an->msg);
    }
}

/* 380 and 504 may carry the 3GPP IM CN subsystem XML body: what it asks the UE to do. */
static void
read_ims_body(analysis *an)
{
    const uint8_t *buf = an->buf;
    sipadv_ims_body body;
    sipadv_msg_id advice;

    sipadv_parse_ims_body(buf, an->msg->body, &body);
    if (!body.found)
        return;
    add_span(an, SIPADV_VALUE_IMS_TYPE, body.type);
    add_span(an, SIPADV_VALUE_IMS_REASON, body.reason);
    add_span(an, SIPADV_VALUE_IMS_ACTION, body.action);
    if (sipadv_span_equals(buf, body.action, "emergency-registration"))
        advice = SIPADV_MSG_IMS_EMERGENCY_REGISTRATION;
    else if (sipadv_span_equals(buf, body.action, "anonymous-emergencycall"))
        advice = SIPADV_MSG_IMS_ANONYMOUS_EMERGENCY;
    else if (sipadv_span_equals(buf, body.action, "initial-registration") ||
             sipadv_span_equals(buf, body.type, "restoration"))
        advice = SIPADV_MSG_IMS_RESTORATION;
    else if (sipadv_span_equals(buf, body.type, "emergency"))
        advice = SIPADV_MSG_IMS_EMERGENCY_REDIAL;
    else
        advice = SIPADV_MSG_IMS_BODY_OTHER;
    add_hint(an, advice, body.type);
}

static void
read_challenge(analysis *an, bool ims)
{
    sipadv_span algorithm;

    if (!sipadv_message_has(an->msg, SIPADV_HDR_WWW_AUTHENTICATE) ||
        !sipadv_auth_param(an->buf, an->msg->first[SIPADV_HDR_WWW_AUTHENTICATE], "algorithm", &algorithm) ||
        algorithm.len == 0)
        return;
    add_span(an, SIPADV_VALUE_ALGORITHM, algorithm);
    if (ims)
        add_hint(an, algorithm.len >= 3 && memcmp(an->buf + algorithm.off, "AKA", 3) == 0 ? SIPADV_MSG_IMS_AKA
                                                                                           : SIPADV_MSG_IMS_DIGEST,
                 algorithm);
}

/* Which algorithm a 401/407 challenges with, for the guidance that fits it (RFC 3310 §3.1: AKAv1-MD5). */
static uint8_t
challenge_kind(const analysis *an, sipadv_header_id challenge)
{
    sipadv_span value = an->msg->first[challenge], algorithm;

    if (!sipadv_message_has(an->msg, challenge) || !sipadv_span_starts(an->buf, value, "Digest"))
        return 0;
    if (!sipadv_auth_param(an->buf, value, "algorithm", &algorithm) || algorithm.len == 0)
        return SIPADV_A_DIGEST;   /* RFC 2617 §3.2.1: absent means MD5 */
    if (sipadv_span_starts(an->buf, algorithm, "AKA"))
        return SIPADV_A_AKA;
    return sipadv_span_starts(an->buf, algorithm, "MD5") ? SIPADV_A_DIGEST : 0;
}

/* A Contact of a 2xx to REGISTER: its URI and the expires granted to it, else the Expires header's (RFC 3261 §10.3). */
static void
read_binding(analysis *an, sipadv_span item)
{
    sipadv_span uri = sipadv_addr_uri(an->buf, item), expires;
    unsigned secs;
    sipadv_value *v;

    if (uri.len == 0 || !(v = add_value(an, SIPADV_VALUE_BINDING)))
        return;
    v->a = uri;
    if (!sipadv_param_value(an->buf, item, "expires", &expires))
        expires = an->msg->first[SIPADV_HDR_EXPIRES];
    if (expires.len && sipadv_span_number(an->buf, sipadv_leading_digits(an->buf, expires), 10, &secs)) {
        v->flags |= SIPADV_VALUE_HAS_NUMBER;
        v->number = secs;
    }
}

/*
 * A 2xx to REGISTER: every binding the registrar holds with its expires, and
 * the IMS identities and routes (P-Associated-URI, Service-Route, Path), each
 * header read in every occurrence, SIPADV_SHOW_VALUES values of each kind shown.
 */
static void
read_registration(analysis *an)
{
    static const struct {
        const char       *name;
        sipadv_value_type type;
    } routes[] = { { "P-Associated-URI", SIPADV_VALUE_ASSOCIATED_URI },
                   { "Service-Route", SIPADV_VALUE_SERVICE_ROUTE },
                   { "Path", SIPADV_VALUE_PATH } };
    uint32_t shown[4] = { 0 }, more[4] = { 0 };
    sipadv_header_iter it;
    sipadv_header h;

    sipadv_header_iter_init(&it, an->buf, an->msg->body.off);
    while (sipadv_header_next(&it, &h)) {
        int kind = h.id == SIPADV_HDR_CONTACT ? 0 : -1;
        for (int r = 0; kind < 0 && r < 3; r++)
            if (h.id == SIPADV_HDR_OTHER && sipadv_span_equals(an->buf, h.name, routes[r].name))
                kind = r + 1;
        if (kind < 0)
            continue;
        size_t pos = h.value.off;
        sipadv_span item;
        while (sipadv_next_list_item(an->buf, h.value, &pos, &item)) {
            if (shown[kind]++ >= SIPADV_SHOW_VALUES)
                more[kind]++;
            else if (kind == 0)
                read_binding(an, item);
            else
                add_span(an, routes[kind - 1].type, item);
        }
    }
    add_more(an, SIPADV_VALUE_BINDING, more[0]);
    for (int r = 0; r < 3; r++)
        add_more(an, routes[r].type, more[r + 1]);
}

/* Who generated a failure response, as it tells (sipadv_generator). */
static void
read_generator(analysis *an)
{
    sipadv_header_id from;
    sipadv_span g = sipadv_generator(an->buf, an->msg, &from);
    sipadv_value *v;

    if (g.len && (v = add_value(an, SIPADV_VALUE_GENERATOR)) != NULL) {
        v->a = g;
        v->number = (uint32_t)from;
    }
}

/* Whether a 401/407 says the credentials were stale (RFC 2617 §3.2.1: only the nonce was old) or not. */
static void
read_stale(analysis *an, sipadv_header_id challenge)
{
    sipadv_span stale = { 0, 0 };
    sipadv_value *v;
    bool is_stale;

    if (!sipadv_message_has(an->msg, challenge))
        return;
    is_stale = sipadv_auth_param(an->buf, an->msg->first[challenge], "stale", &stale) &&
               sipadv_span_equals(an->buf, stale, "true");
    if ((v = add_value(an, SIPADV_VALUE_STALE)) != NULL) {
        v->number = is_stale;
        v->a = stale;
    }
}

static void
read_security_server(analysis *an, bool ims)
{
    const sipadv_message *msg = an->msg;
    sipadv_repeats one = { .value = { msg->first[SIPADV_HDR_SECURITY_SERVER] }, .n = 1 };
    uint8_t before = an->out->head.n_values;

    if (!sipadv_message_has(msg, SIPADV_HDR_SECURITY_SERVER))
        return;
    read_list(an, &one, SIPADV_VALUE_MECHANISM, read_mechanism);
    if (!ims)
        return;
    for (uint8_t i = before; i < an->out->head.n_values; i++) {
        const sipadv_value *v = &an->out->values[i];
        if (v->type == SIPADV_VALUE_MECHANISM && sipadv_span_equals(an->buf, v->a, "ipsec-3gpp")) {
            add_hint(an, SIPADV_MSG_IMS_SEC_AGREE, v->a);
            return;
        }
    }
}

/* IMS hints that need no more than the status, the CSeq method and a header. */
static void
read_ims_status(analysis *an)
{
    const sipadv_message *msg = an->msg;
    unsigned code = an->out->head.code;

    if (code == 403 && msg->id.cseq_method_id == SIPADV_METHOD_REGISTER) {
        sipadv_warning_value wv;
        sipadv_value *v = add_value(an, SIPADV_VALUE_IMS_HINT);
        if (!v)
            return;
        v->number = SIPADV_MSG_IMS_REGISTER_FORBIDDEN;
        size_t pos = msg->warnings.n ? msg->warnings.value[0].off : 0;
        sipadv_span first;
        if (msg->warnings.n && sipadv_next_list_item(an->buf, msg->warnings.value[0], &pos, &first) &&
            sipadv_parse_warning(an->buf, first, &wv) && wv.text.len) {
            v->b = wv.code_text;
            v->c = wv.text;
        }
    }
    if (code == 503 && sipadv_message_has(msg, SIPADV_HDR_RETRY_AFTER)) {
        sipadv_span digits = sipadv_leading_digits(an->buf, msg->first[SIPADV_HDR_RETRY_AFTER]);
        if (digits.len)
            add_hint(an, SIPADV_MSG_IMS_OVERLOAD_RETRY, digits);
    }
    if (code == 580)
        add_hint(an, SIPADV_MSG_IMS_PRECONDITION, (sipadv_span){ 0, 0 });
}

static void
analyze_response(analysis *an, const sipadv_options *opt)
{
    const sipadv_message *msg = an->msg;
    sipadv_findings *out = an->out;
    sipadv_analysis *head = &out->head;
    sipadv_rule_hit hits[SIPADV_RULE_EXPERT_COUNT];
    size_t n;
    bool ims;

    head->start = msg->status.code_text;
    head->phrase = msg->status.reason;
    head->code = msg->status.has_code ? (uint16_t)msg->status.code : 0;
    if (msg->status.kind != SIPADV_STATUS_OK) {
        head->problem = (uint8_t)msg->status.problem;
        return;
    }
    n = sipadv_rules_evaluate(an->buf, msg, opt->rule_enabled, hits, SIPADV_RULE_EXPERT_COUNT);
    for (size_t i = 0; i < n; i++) {
        out->hits[i].rule = (uint16_t)(hits[i].rule - sipadv_rules);
        out->hits[i].other_code = (uint16_t)hits[i].other_code;
        out->hits[i].headers = hits[i].headers;
    }
    head->n_hits = (uint8_t)n;

    /* The IMS hints: only these codes have them. */
    if (ims_applies(an, opt))
        head->flags |= SIPADV_A_IMS_FLOW;
    ims = (head->code == 401 || head->code == 403 || head->code == 494 || head->code == 503 || head->code == 580) &&
          (head->flags & SIPADV_A_IMS_FLOW);
    if (ims)
        head->flags |= SIPADV_A_IMS;
    read_list(an, &msg->reasons, SIPADV_VALUE_REASON, read_reason);
    read_list(an, &msg->warnings, SIPADV_VALUE_WARNING, read_warning);
    if ((head->code == 380 || head->code == 504) && msg->body.len)
        read_ims_body(an);
    if (head->code == 401 && msg->id.cseq_method_id == SIPADV_METHOD_REGISTER)
        read_challenge(an, ims);
    if (head->code == 401 || head->code == 407) {
        sipadv_header_id challenge = head->code == 401 ? SIPADV_HDR_WWW_AUTHENTICATE : SIPADV_HDR_PROXY_AUTHENTICATE;
        read_stale(an, challenge);
        head->flags |= challenge_kind(an, challenge);
    }
    if (head->code == 494)
        read_security_server(an, ims);
    if (head->code >= 200 && head->code < 300 && msg->id.cseq_method_id == SIPADV_METHOD_REGISTER)
        read_registration(an);
    if (head->code >= 300)
        read_generator(an);
    if (ims)
        read_ims_status(an);
}

size_t
sipadv_analyze(const uint8_t *buf, size_t len, const sipadv_options *opt, sipadv_message *msg,
               sipadv_findings *out)
{
    analysis an = { buf, msg, out };
    sipadv_analysis *head = &out->head;
    size_t framed;

    if (!sipadv_message_parse(buf, len, msg))
        return 0;
    framed = sipadv_message_frame(buf, len, msg);
    memset(head, 0, sizeof *head);
    head->kind = (uint8_t)msg->kind;
    head->cseq_method = msg->id.cseq_method;
    if (msg->headers_complete)
        head->flags |= SIPADV_A_HEADERS_COMPLETE;
    if (msg->kind == SIPADV_KIND_RESPONSE) {
        head->method = (uint8_t)msg->id.cseq_method_id;
        analyze_response(&an, opt);
    } else {
        /* BYE and CANCEL say in Reason why a call or an attempt ended (RFC 3326). */
        head->method = (uint8_t)msg->method_id;
        head->start = msg->method;
        read_list(&an, &msg->reasons, SIPADV_VALUE_REASON, read_reason);
    }
    return framed;
}

size_t
sipadv_findings_packed_size(const sipadv_findings *f)
{
    return sipadv_analysis_size(&f->head);
}

const sipadv_analysis *
sipadv_findings_pack(const sipadv_findings *f, void *out)
{
    uint8_t *p = out;

    memcpy(p, &f->head, sizeof f->head);
    p += sizeof f->head;
    memcpy(p, f->hits, f->head.n_hits * sizeof f->hits[0]);
    p += f->head.n_hits * sizeof f->hits[0];
    memcpy(p, f->values, f->head.n_values * sizeof f->values[0]);
    return out;
}
