/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A response's status explained (code, class, meaning, guidance), its rule findings, and a request's Reason. */
#include "show.h"

#include <string.h>
#include <wireshark.h>
#include <epan/proto.h>

#include "expert.h"
#include "knowledge.h"
#include "rules.h"
#include "sipadv.h"
#include "text.h"

/* What one response is explained with: a registry row, or its class for other codes. */
typedef struct {
    unsigned               code;
    const char            *phrase;      /* NULL outside the registry */
    const sipadv_class_info *cls;
    sipadv_text            hint;
    const sipadv_text     *meaning;
    const sipadv_guidance *guidance;
    const char            *ref;
    unsigned               base;        /* the code an unknown one is handled as */
    bool                   ims;         /* an IMS flow: the IMS-only steps and meaning shown */
    char                   code_str[4]; /* both as text, for the expert messages */
    char                   base_str[4];
} explanation;

/* Codes explained are 100..699: three digits, written without printf's cost. */
static void
three_digits(char out[4], unsigned v)
{
    out[0] = (char)('0' + v / 100 % 10);
    out[1] = (char)('0' + v / 10 % 10);
    out[2] = (char)('0' + v % 10);
    out[3] = '\0';
}

/* The registry's hint, or for an unregistered code what it is handled as. */
static sipadv_text
hint_of(packet_info *pinfo, const explanation *ex)
{
    const sipadv_text *t = &sipadv_messages[SIPADV_MSG_UNREGISTERED_HINT];
    message_values v = { .base = ex->base_str };
    sipadv_text hint;

    if (ex->phrase)
        return ex->hint;
    hint.en = sipadv_expand_message(pinfo->pool, t->en, &v);
    hint.zh = sipadv_expand_message(pinfo->pool, t->zh, &v);
    return hint;
}

/*
 * method and context: what the response answers (sipadv_method, SIPADV_CTX_*),
 * for a meaning and guidance that fit it (tables/guidance_contexts.tsv); 0 when unknown.
 */
static bool
explain(packet_info *pinfo, unsigned code, unsigned method, unsigned context_bits, explanation *ex)
{
    const sipadv_status_info *row = sipadv_status_lookup(code);
    const sipadv_context_info *context = row && method ? sipadv_context_lookup(code, method, context_bits) : NULL;
    const sipadv_class_info *cls = sipadv_class_lookup(code);

    if (!cls)
        return false;
    memset(ex, 0, sizeof *ex);
    ex->code = code;
    ex->cls = cls;
    ex->ims = (context_bits & SIPADV_CTX_IMS) != 0;
    /* RFC 3261 §8.1.3.2: an unknown final x?? is handled as x00, an unknown 1xx as 183. */
    ex->base = code / 100 == 1 ? 183 : code / 100 * 100;
    three_digits(ex->code_str, code);
    three_digits(ex->base_str, ex->base);
    if (row) {
        ex->phrase = row->reason;
        ex->hint = row->hint;
        ex->meaning = sipadv_meaning_for(&row->meaning, &row->general_meaning, ex->ims);
        ex->guidance = &row->guidance;
        ex->ref = row->ref;
        if (context) {
            if (context->meaning.en)
                ex->meaning = sipadv_meaning_for(&context->meaning, &context->general_meaning, ex->ims);
            ex->guidance = &context->guidance;
        }
    } else {
        ex->meaning = sipadv_meaning_for(&cls->meaning, &cls->general_meaning, ex->ims);
        ex->guidance = &cls->guidance;
        ex->ref = cls->ref;
        ex->hint = hint_of(pinfo, ex);
    }
    return true;
}

const char *
sipadv_hint_for_code(packet_info *pinfo, unsigned code)
{
    const sipadv_status_info *row = sipadv_status_lookup(code);
    explanation ex;

    if (row) /* the common case, on every response of a listing */
        return sipadv_pick_text(pinfo, &row->hint);
    if (!explain(pinfo, code, 0, 0, &ex))
        return NULL;
    return sipadv_pick_text(pinfo, &ex.hint);
}

const char *
sipadv_message_hint(packet_info *pinfo, const sipadv_analysis *a)
{
    if (a->kind != SIPADV_KIND_RESPONSE)
        return NULL;
    if (a->problem != SIPADV_PROBLEM_NONE)
        return sipadv_pick_text(pinfo, &sipadv_messages[SIPADV_MSG_MALFORMED_HINT]);
    return sipadv_hint_for_code(pinfo, a->code);
}

const char *
sipadv_span_text(const sipadv_shown *m, sipadv_span s)
{
    if (!m->tvb || s.len == 0)
        return "";
    return sipadv_quote(m->pinfo->pool, m->tvb, m->offset + (gint)s.off, s.len);
}

gint
sipadv_span_at(const sipadv_shown *m, sipadv_span s)
{
    return m->tvb ? m->offset + (gint)s.off : 0;
}

gint
sipadv_span_width(const sipadv_shown *m, sipadv_span s)
{
    return m->tvb ? (gint)s.len : 0;
}


static void
malformed_values(packet_info *pinfo _U_, const void *ctx, message_values *en, message_values *zh)
{
    const sipadv_text *detail = ctx;

    en->detail = detail->en;
    zh->detail = detail->zh;
}

static const char *
show_malformed(const sipadv_shown *m, proto_tree *tree, proto_item *top)
{
    static const sipadv_msg_id detail_of[] = {
        [SIPADV_PROBLEM_NONE] = SIPADV_MSG_STATUS_NO_CODE,
        [SIPADV_PROBLEM_NO_CODE] = SIPADV_MSG_STATUS_NO_CODE,
        [SIPADV_PROBLEM_NOT_NUMBER] = SIPADV_MSG_STATUS_NOT_NUMBER,
        [SIPADV_PROBLEM_NOT_THREE_DIGITS] = SIPADV_MSG_STATUS_NOT_THREE_DIGITS,
        [SIPADV_PROBLEM_OUT_OF_RANGE] = SIPADV_MSG_STATUS_OUT_OF_RANGE,
    };
    const sipadv_analysis *a = m->a;
    proto_item *item = top;
    const char *hint = sipadv_pick_text(m->pinfo, &sipadv_messages[SIPADV_MSG_MALFORMED_HINT]);

    /* A three-digit code outside 100..699 is still shown as the number it is. */
    if (a->problem == SIPADV_PROBLEM_OUT_OF_RANGE)
        item = proto_tree_add_uint(tree, sipadv_ids.hf_code, m->tvb, sipadv_span_at(m, a->start), sipadv_span_width(m, a->start), a->code);
    sipadv_expert(m->pinfo, m->tree, item, &sipadv_ids.ei_malformed_status_line,
                  &sipadv_messages[SIPADV_MSG_MALFORMED_STATUS_LINE], malformed_values,
                  &sipadv_messages[detail_of[a->problem < G_N_ELEMENTS(detail_of) ? a->problem : 0]], NULL);
    proto_item_append_text(top, ": %s", hint);
    return hint;
}

static void
incomplete_values(packet_info *pinfo, const void *ctx, message_values *en, message_values *zh)
{
    const sipadv_shown *m = ctx;
    gint reported = m->tvb ? tvb_reported_length_remaining(m->tvb, m->offset) : 0;
    gint captured = m->tvb ? tvb_captured_length_remaining(m->tvb, m->offset) : 0;

    /* Cut by the capture only if bytes are missing and the message runs up to the
     * captured end: trailing bytes after it (Ethernet padding) were captured. */
    if (reported > captured && m->len >= captured) {
        const sipadv_text *t = &sipadv_messages[SIPADV_MSG_CUT_BY_CAPTURE];
        message_values v = { .captured = wmem_strdup_printf(pinfo->pool, "%d", m->len),
                             .length = wmem_strdup_printf(pinfo->pool, "%d", reported) };
        en->detail = sipadv_expand_message(pinfo->pool, t->en, &v);
        zh->detail = sipadv_expand_message(pinfo->pool, t->zh, &v);
    } else {
        en->detail = sipadv_messages[SIPADV_MSG_CUT_IN_MESSAGE].en;
        zh->detail = sipadv_messages[SIPADV_MSG_CUT_IN_MESSAGE].zh;
    }
}

typedef struct {
    const sipadv_shown *m;
    const sipadv_hit   *hit;
    const char         *code_str;
} rule_context;

static const char *
header_list(packet_info *pinfo, uint64_t headers)
{
    wmem_strbuf_t *out = wmem_strbuf_new(pinfo->pool, "");

    for (int id = 0; id < SIPADV_HDR_COUNT; id++) {
        if ((headers >> id) & 1u) {
            if (wmem_strbuf_get_len(out))
                wmem_strbuf_append(out, ", ");
            wmem_strbuf_append(out, sipadv_header_name((sipadv_header_id)id));
        }
    }
    return wmem_strbuf_get_str(out);
}

const char *
sipadv_shown_method(const sipadv_shown *m)
{
    return m->a->method != SIPADV_METHOD_OTHER ? sipadv_method_name(m->a->method) : sipadv_span_text(m, m->a->cseq_method);
}

void
sipadv_add_generated_uint(proto_tree *tree, int hf, tvbuff_t *tvb, guint32 value)
{
    proto_item_set_generated(proto_tree_add_uint(tree, hf, tvb, 0, 0, value));
}

void
sipadv_add_generated_time(proto_tree *tree, int hf, tvbuff_t *tvb, gint64 ns)
{
    nstime_t t = { (time_t)(ns / 1000000000), (int)(ns % 1000000000) };

    proto_item_set_generated(proto_tree_add_time(tree, hf, tvb, 0, 0, &t));
}

static void
rule_values(packet_info *pinfo, const void *ctx, message_values *en, message_values *zh)
{
    const rule_context *rc = ctx;
    const sipadv_analysis *a = rc->m->a;

    en->code = rc->code_str;
    en->method = sipadv_shown_method(rc->m);
    en->missing = header_list(pinfo, rc->hit->headers);
    en->other = wmem_strdup_printf(pinfo->pool, "%u", rc->hit->other_code);
    en->phrase = sipadv_span_text(rc->m, a->phrase);
    *zh = *en;
}

/* Raises the expert of every rule the response breaks, with the clause it cites. */
static void
show_rules(const sipadv_shown *m, proto_item *top, const char *code_str)
{
    const sipadv_hit *hits = sipadv_analysis_hits(m->a);

    for (unsigned i = 0; i < m->a->n_hits; i++) {
        const sipadv_rule *rule = &sipadv_rules[hits[i].rule];
        rule_context rc = { m, &hits[i], code_str };
        sipadv_expert(m->pinfo, m->tree, top, &sipadv_ids.ei_rules[rule->expert], &rule->text, rule_values, &rc,
                      wmem_strdup_printf(m->pinfo->pool, " (%s)", rule->clause));
    }
}

static void
unregistered_values(packet_info *pinfo _U_, const void *ctx, message_values *en, message_values *zh)
{
    const explanation *ex = ctx;

    en->code = ex->code_str;
    en->base = ex->base_str;
    *zh = *en;
}

static void
error_values(packet_info *pinfo _U_, const void *ctx, message_values *en, message_values *zh)
{
    const explanation *ex = ctx;

    en->code = zh->code = ex->code_str;
    en->reason = ex->phrase ? ex->phrase : ex->cls->name.en;
    zh->reason = ex->phrase ? ex->phrase : ex->cls->name.zh;
    en->hint = ex->hint.en;
    zh->hint = ex->hint.zh;
    en->step = ex->guidance->steps_en[sipadv_first_step(ex->guidance, ex->ims)];
    zh->step = ex->guidance->steps_zh[sipadv_first_step(ex->guidance, ex->ims)];
}

static proto_item *
add_generated_string(proto_tree *tree, int hf, const sipadv_shown *m, sipadv_span s, const char *value, bool visible)
{
    proto_item *item = proto_tree_add_string(tree, hf, m->tvb, sipadv_span_at(m, s), sipadv_span_width(m, s), value);

    proto_item_set_generated(item);
    if (!visible)
        proto_item_set_hidden(item);
    return item;
}

static bool
is_copy(const sipadv_shown *m)
{
    return m->flow && (m->flow->flags & SIPADV_FLOW_COPY);
}

/* A response's explanation and its experts (on code_item, the status code), then its transaction, call and values. */
static void
explain_fully(const sipadv_shown *m, proto_tree *tree, proto_item *top, proto_item *code_item, const explanation *ex)
{
    packet_info *pinfo = m->pinfo;

    sipadv_show_explanation(m, tree, (const int[4]){ sipadv_ids.hf_meaning, sipadv_ids.hf_meaning_zh,
                                                     sipadv_ids.hf_guidance, sipadv_ids.hf_guidance_zh },
                            ex->meaning, ex->guidance, ex->ims);
    proto_item_set_generated(proto_tree_add_string(tree, sipadv_ids.hf_ref, m->tvb, sipadv_span_at(m, m->a->start), 0, ex->ref));

    if (!ex->phrase)
        sipadv_expert(pinfo, m->tree, code_item, &sipadv_ids.ei_unregistered_code,
                      &sipadv_messages[SIPADV_MSG_UNREGISTERED_CODE], unregistered_values, ex, NULL);
    if (ex->code >= 400)
        sipadv_expert(pinfo, m->tree, code_item, &sipadv_ids.ei_error_response,
                      &sipadv_messages[SIPADV_MSG_ERROR_RESPONSE], error_values, ex, NULL);
    if (!(m->a->flags & SIPADV_A_HEADERS_COMPLETE))
        sipadv_expert(pinfo, m->tree, top, &sipadv_ids.ei_incomplete_headers,
                      &sipadv_messages[SIPADV_MSG_INCOMPLETE_HEADERS], incomplete_values, m, NULL);
    show_rules(m, top, ex->code_str);
    sipadv_show_flow(m, tree, top);
    sipadv_show_offer(m, tree);
    sipadv_show_call(m, tree, top);
    sipadv_show_values(m, tree, top);
}

unsigned
sipadv_message_context(const sipadv_shown *m)
{
    return sipadv_response_context(m->a, m->flow, sipadv_prefs.ims_profile == SIPADV_IMS_OFF);
}

static const char *
show_response(const sipadv_shown *m, proto_tree *tree, proto_item *top)
{
    const sipadv_analysis *a = m->a;
    packet_info *pinfo = m->pinfo;
    sipadv_span class_digit = { a->start.off, 1 };
    proto_item *code_item;
    explanation ex;
    const char *hint;

    if (a->problem != SIPADV_PROBLEM_NONE || !explain(pinfo, a->code, a->method, sipadv_message_context(m), &ex))
        return show_malformed(m, tree, top);
    hint = sipadv_pick_text(pinfo, &ex.hint);
    code_item = proto_tree_add_uint(tree, sipadv_ids.hf_code, m->tvb, sipadv_span_at(m, a->start), sipadv_span_width(m, a->start), ex.code);
    add_generated_string(tree, sipadv_ids.hf_class, m, class_digit, ex.cls->label.en, sipadv_show_en());
    add_generated_string(tree, sipadv_ids.hf_class_zh, m, class_digit, ex.cls->label.zh, sipadv_show_zh());
    if (ex.phrase)
        add_generated_string(tree, sipadv_ids.hf_standard_phrase, m, a->phrase, ex.phrase, true);
    add_generated_string(tree, sipadv_ids.hf_hint, m, a->start, hint, true);
    if (a->cseq_method.len && m->tvb)
        proto_tree_add_string(tree, sipadv_ids.hf_method, m->tvb, sipadv_span_at(m, a->cseq_method), sipadv_span_width(m, a->cseq_method),
                              sipadv_span_text(m, a->cseq_method));
    /* A copy is explained, and raises its findings, at its first sighting only: one event, one finding. */
    if (is_copy(m))
        sipadv_show_copy(m, tree, top);
    else
        explain_fully(m, tree, top, code_item, &ex);
    proto_item_append_text(top, ": %u %s \u2014 %s", ex.code, ex.phrase ? ex.phrase : ex.cls->name.en, hint);
    return hint;
}

/* A BYE or CANCEL: why the call or the attempt ended (its Reason values). */
static void
show_request(const sipadv_shown *m, proto_tree *tree, proto_item *top)
{
    const char *method = sipadv_method_name(m->a->method);

    proto_item_append_text(top, ": %s", method);
    proto_tree_add_string(tree, sipadv_ids.hf_method, m->tvb, sipadv_span_at(m, m->a->start), sipadv_span_width(m, m->a->start), method);
    if (is_copy(m)) {
        sipadv_show_copy(m, tree, top);
        return;
    }
    sipadv_show_flow(m, tree, top);
    sipadv_show_call(m, tree, top);
    sipadv_show_values(m, tree, top);
}

/*
 * A request gets a subtree when it was seen before, has a finding of its
 * transaction, shows its call, or is a BYE or CANCEL that says why (Reason).
 */
static bool
request_worth_showing(const sipadv_shown *m)
{
    return (m->flow && (m->flow->original_frame || m->flow->retry_frame || m->flow->copy_of ||
                        (m->flow->flags & (SIPADV_FLOW_NO_FINAL | SIPADV_FLOW_MISSING_ACK)))) ||
           sipadv_call_shown(m) ||
           ((m->a->method == SIPADV_METHOD_BYE || m->a->method == SIPADV_METHOD_CANCEL) && m->a->n_values > 0);
}

const char *
sipadv_show_message(const sipadv_shown *m)
{
    proto_item *top;
    proto_tree *tree;

    if (m->a->kind == SIPADV_KIND_REQUEST && !request_worth_showing(m))
        return NULL;
    top = proto_tree_add_item(m->tree, sipadv_ids.proto, m->tvb, m->tvb ? m->offset : 0, m->tvb ? m->len : 0,
                              ENC_NA);
    tree = proto_item_add_subtree(top, sipadv_ids.ett_advisor);
    if (m->a->kind == SIPADV_KIND_REQUEST) {
        show_request(m, tree, top);
        return NULL;
    }
    return show_response(m, tree, top);
}
