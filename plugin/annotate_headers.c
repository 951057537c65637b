/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the headers beside the status code say: each Reason value (RFC 3326),
 * each Warning (RFC 3261 §20.43), and in IMS the 3GPP TS 24.229 specifics:
 * the alternative-service body of 380 and 504, the challenge of a 401 to
 * REGISTER, the mechanisms of a 494, and hints for 403, 503 and 580.
 */
#include "annotate_headers.h"

#include <string.h>
#include <wireshark.h>
#include <epan/expert.h>
#include <epan/proto.h>

#include "interworking.h"
#include "sipadv.h"
#include "text.h"

static const char *
span_text(const sipadv_msg_ctx *ctx, sipadv_span s)
{
    return tvb_format_text(ctx->pinfo->pool, ctx->tvb, ctx->offset + (gint)s.off, (gint)s.len);
}

/* A meaning and a guidance in both languages under tree; hidden by language like the rest. */
static void
add_explanation(proto_tree *tree, const sipadv_msg_ctx *ctx, const int hf[4], const sipadv_text *meaning,
                const sipadv_guidance *guidance)
{
    sipadv_add_text(tree, ctx, hf[0], meaning->en, NULL, 0, sipadv_show_en());
    sipadv_add_text(tree, ctx, hf[1], meaning->zh, NULL, 0, sipadv_show_zh());
    if (guidance) {
        sipadv_add_text(tree, ctx, hf[2], guidance->full.en, guidance->steps_en, guidance->n_steps, sipadv_show_en());
        sipadv_add_text(tree, ctx, hf[3], guidance->full.zh, guidance->steps_zh, guidance->n_steps, sipadv_show_zh());
    }
}

/* A fixed message (messages.tsv) with {detail} filled, as a tree text in both languages. */
static void
add_message(proto_tree *tree, const sipadv_msg_ctx *ctx, const int hf[2], sipadv_msg_id id, const char *detail)
{
    message_values v = { .detail = detail };
    const sipadv_text *t = &sipadv_messages[id];

    sipadv_add_text(tree, ctx, hf[0], sipadv_expand_message(ctx->pinfo->pool, t->en, &v), NULL, 0, sipadv_show_en());
    sipadv_add_text(tree, ctx, hf[1], sipadv_expand_message(ctx->pinfo->pool, t->zh, &v), NULL, 0, sipadv_show_zh());
}

static void
check_cause_against_status(const sipadv_msg_ctx *ctx, proto_item *at, const sipadv_reason_value *rv,
                           const sipadv_cause_info *cause, unsigned status)
{
    expert_field *ei = &sipadv_ids.ei_reason_status_mismatch;
    wmem_strbuf_t *expected;
    char code_str[8];

    if (!sipadv_cause_contradicts(cause, status))
        return;
    if (!sipadv_expert_text_wanted(ctx, ei)) {
        expert_add_info(ctx->pinfo, at, ei);
        return;
    }
    expected = wmem_strbuf_new(ctx->pinfo->pool, "");
    for (size_t i = 0; i < cause->n_statuses; i++)
        wmem_strbuf_append_printf(expected, "%s%u", i ? "/" : "", cause->statuses[i]);
    snprintf(code_str, sizeof code_str, "%u", status);
    message_values v = {
        .code = code_str,
        .detail = wmem_strdup_printf(ctx->pinfo->pool, "cause %u (%s)", rv->cause, cause->name),
        .other = wmem_strbuf_get_str(expected),
    };
    expert_add_info_format(ctx->pinfo, at, ei, "%s",
                           sipadv_localized_message(ctx->pinfo, SIPADV_MSG_REASON_STATUS_MISMATCH, &v, &v));
}

/* One Reason value; status is the response's code, or 0 on a BYE or CANCEL. */
static void
annotate_reason(proto_tree *parent, const sipadv_msg_ctx *ctx, sipadv_span item, unsigned status)
{
    const int hf[4] = { sipadv_ids.hf_reason_meaning, sipadv_ids.hf_reason_meaning_zh,
                        sipadv_ids.hf_reason_guidance, sipadv_ids.hf_reason_guidance_zh };
    sipadv_reason_value rv;
    proto_item *ti, *cause_item = NULL;
    proto_tree *tree;

    if (!sipadv_parse_reason(ctx->bytes, item, &rv))
        return;
    ti = proto_tree_add_item(parent, sipadv_ids.hf_reason_protocol, ctx->tvb, ctx->offset + (gint)rv.protocol.off,
                             (gint)rv.protocol.len, ENC_UTF_8);
    tree = proto_item_add_subtree(ti, sipadv_ids.ett_reason);
    if (rv.has_cause)
        cause_item = proto_tree_add_uint(tree, sipadv_ids.hf_reason_cause, ctx->tvb,
                                         ctx->offset + (gint)rv.cause_text.off, (gint)rv.cause_text.len, rv.cause);
    if (rv.text.len)
        proto_tree_add_item(tree, sipadv_ids.hf_reason_text, ctx->tvb, ctx->offset + (gint)rv.text.off,
                            (gint)rv.text.len, ENC_UTF_8);
    if (rv.kind == SIPADV_REASON_Q850 && rv.has_cause) {
        const sipadv_cause_info *cause = sipadv_q850_lookup(rv.cause);
        if (cause) {
            proto_item_append_text(ti, ": cause %u %s", rv.cause, cause->name);
            add_explanation(tree, ctx, hf, &cause->meaning, &cause->guidance);
            check_cause_against_status(ctx, cause_item ? cause_item : ti, &rv, cause, status);
        } else {
            add_message(tree, ctx, hf, SIPADV_MSG_REASON_UNKNOWN_CAUSE, span_text(ctx, rv.cause_text));
        }
    } else if (rv.kind == SIPADV_REASON_SIP && rv.has_cause) {
        const sipadv_status_info *row = sipadv_status_lookup(rv.cause);
        if (row) {
            proto_item_append_text(ti, ": %u %s", rv.cause, row->reason);
            add_explanation(tree, ctx, hf, &row->meaning, &row->guidance);
        }
    } else if (rv.kind == SIPADV_REASON_OTHER) {
        add_message(tree, ctx, hf, SIPADV_MSG_REASON_OTHER_PROTOCOL, span_text(ctx, rv.protocol));
    }
}

void
sipadv_annotate_reasons(proto_tree *tree, const sipadv_msg_ctx *ctx, const sipadv_repeats *reasons,
                        unsigned status)
{
    for (unsigned i = 0; i < reasons->n; i++) {
        size_t pos = reasons->value[i].off;
        sipadv_span item;
        while (sipadv_next_list_item(ctx->bytes, reasons->value[i], &pos, &item))
            annotate_reason(tree, ctx, item, status);
    }
}

static void
annotate_warning(proto_tree *parent, const sipadv_msg_ctx *ctx, sipadv_span item)
{
    const int hf[4] = { sipadv_ids.hf_warning_meaning, sipadv_ids.hf_warning_meaning_zh,
                        sipadv_ids.hf_warning_guidance, sipadv_ids.hf_warning_guidance_zh };
    const sipadv_warning_info *info;
    sipadv_warning_value wv;
    proto_item *ti;
    proto_tree *tree;

    if (!sipadv_parse_warning(ctx->bytes, item, &wv) || !wv.has_code)
        return;
    ti = proto_tree_add_uint(parent, sipadv_ids.hf_warning_code, ctx->tvb, ctx->offset + (gint)wv.code_text.off,
                             3, wv.code);
    tree = proto_item_add_subtree(ti, sipadv_ids.ett_warning);
    if (wv.text.len)
        proto_tree_add_item(tree, sipadv_ids.hf_warning_text, ctx->tvb, ctx->offset + (gint)wv.text.off,
                            (gint)wv.text.len, ENC_UTF_8);
    info = sipadv_warning_lookup(wv.code);
    if (info) {
        proto_item_append_text(ti, " %s", info->text);
        add_explanation(tree, ctx, hf, &info->meaning, &info->guidance);
    } else {
        message_values v = { .code = span_text(ctx, wv.code_text) };
        const sipadv_text *t = &sipadv_messages[SIPADV_MSG_WARNING_UNREGISTERED];
        sipadv_text meaning = { sipadv_expand_message(ctx->pinfo->pool, t->en, &v),
                                sipadv_expand_message(ctx->pinfo->pool, t->zh, &v) };
        add_explanation(tree, ctx, hf, &meaning, NULL);
    }
}

void
sipadv_annotate_warnings(proto_tree *tree, const sipadv_msg_ctx *ctx, const sipadv_response *resp)
{
    for (unsigned i = 0; i < resp->warnings.n; i++) {
        size_t pos = resp->warnings.value[i].off;
        sipadv_span item;
        while (sipadv_next_list_item(ctx->bytes, resp->warnings.value[i], &pos, &item))
            annotate_warning(tree, ctx, item);
    }
}

/* An IMS hint: in the tree in both languages, and as an expert in the configured one. */
static void
add_ims_hint(proto_tree *tree, const sipadv_msg_ctx *ctx, proto_item *at, sipadv_msg_id id, const char *detail)
{
    const int hf[2] = { sipadv_ids.hf_ims_hint, sipadv_ids.hf_ims_hint_zh };
    expert_field *ei = &sipadv_ids.ei_ims_advice;
    message_values v = { .detail = detail };

    add_message(tree, ctx, hf, id, detail);
    if (sipadv_expert_text_wanted(ctx, ei))
        expert_add_info_format(ctx->pinfo, at, ei, "%s", sipadv_localized_message(ctx->pinfo, id, &v, &v));
    else
        expert_add_info(ctx->pinfo, at, ei);
}

static bool
ims_profile_applies(const sipadv_msg_ctx *ctx, const sipadv_response *resp)
{
    switch (sipadv_prefs.ims_profile) {
    case SIPADV_IMS_ON:
        return true;
    case SIPADV_IMS_OFF:
        return false;
    default:
        return sipadv_looks_ims(ctx->bytes, resp);
    }
}

/* 380 and 504 may carry the 3GPP IM CN subsystem XML body: what it asks the UE to do. */
static void
annotate_ims_body(proto_tree *tree, const sipadv_msg_ctx *ctx, proto_item *at, const sipadv_response *resp)
{
    sipadv_ims_body body;
    sipadv_msg_id advice;

    sipadv_parse_ims_body(ctx->bytes, resp->body, &body);
    if (!body.found)
        return;
    if (body.type.len)
        proto_tree_add_item(tree, sipadv_ids.hf_ims_type, ctx->tvb, ctx->offset + (gint)body.type.off,
                            (gint)body.type.len, ENC_UTF_8);
    if (body.reason.len)
        proto_tree_add_item(tree, sipadv_ids.hf_ims_reason, ctx->tvb, ctx->offset + (gint)body.reason.off,
                            (gint)body.reason.len, ENC_UTF_8);
    if (body.action.len)
        proto_tree_add_item(tree, sipadv_ids.hf_ims_action, ctx->tvb, ctx->offset + (gint)body.action.off,
                            (gint)body.action.len, ENC_UTF_8);
    if (sipadv_span_equals(ctx->bytes, body.action, "emergency-registration"))
        advice = SIPADV_MSG_IMS_EMERGENCY_REGISTRATION;
    else if (sipadv_span_equals(ctx->bytes, body.action, "anonymous-emergencycall"))
        advice = SIPADV_MSG_IMS_ANONYMOUS_EMERGENCY;
    else if (sipadv_span_equals(ctx->bytes, body.action, "initial-registration") ||
             sipadv_span_equals(ctx->bytes, body.type, "restoration"))
        advice = SIPADV_MSG_IMS_RESTORATION;
    else if (sipadv_span_equals(ctx->bytes, body.type, "emergency"))
        advice = SIPADV_MSG_IMS_EMERGENCY_REDIAL;
    else
        advice = SIPADV_MSG_IMS_BODY_OTHER;
    add_ims_hint(tree, ctx, at, advice, span_text(ctx, body.type));
}

static void
annotate_challenge(proto_tree *tree, const sipadv_msg_ctx *ctx, proto_item *at, const sipadv_response *resp,
                   bool ims)
{
    sipadv_span algorithm;

    if (!sipadv_response_has(resp, SIPADV_HDR_WWW_AUTHENTICATE) ||
        !sipadv_auth_param(ctx->bytes, resp->first[SIPADV_HDR_WWW_AUTHENTICATE], "algorithm", &algorithm) ||
        algorithm.len == 0)
        return;
    proto_tree_add_item(tree, sipadv_ids.hf_auth_algorithm, ctx->tvb, ctx->offset + (gint)algorithm.off,
                        (gint)algorithm.len, ENC_UTF_8);
    if (!ims)
        return;
    if (algorithm.len >= 3 && memcmp(ctx->bytes + algorithm.off, "AKA", 3) == 0)
        add_ims_hint(tree, ctx, at, SIPADV_MSG_IMS_AKA, span_text(ctx, algorithm));
    else
        add_ims_hint(tree, ctx, at, SIPADV_MSG_IMS_DIGEST, span_text(ctx, algorithm));
}

static void
annotate_security_server(proto_tree *tree, const sipadv_msg_ctx *ctx, proto_item *at, const sipadv_response *resp,
                         bool ims)
{
    sipadv_span value = resp->first[SIPADV_HDR_SECURITY_SERVER], item;
    size_t pos = value.off;
    bool ipsec = false;

    if (!sipadv_response_has(resp, SIPADV_HDR_SECURITY_SERVER))
        return;
    while (sipadv_next_list_item(ctx->bytes, value, &pos, &item)) {
        size_t len = 0;
        while (len < item.len && ctx->bytes[item.off + len] != ';' && ctx->bytes[item.off + len] != ' ')
            len++;
        proto_tree_add_item(tree, sipadv_ids.hf_security_mechanism, ctx->tvb, ctx->offset + (gint)item.off,
                            (gint)len, ENC_UTF_8);
        ipsec |= sipadv_span_equals(ctx->bytes, (sipadv_span){ item.off, len }, "ipsec-3gpp");
    }
    if (ims && ipsec)
        add_ims_hint(tree, ctx, at, SIPADV_MSG_IMS_SEC_AGREE, "ipsec-3gpp");
}

static bool
method_is(const sipadv_msg_ctx *ctx, const sipadv_response *resp, const char *method)
{
    return resp->cseq_method.len == strlen(method) &&
           memcmp(ctx->bytes + resp->cseq_method.off, method, resp->cseq_method.len) == 0;
}

void
sipadv_annotate_ims(proto_tree *tree, const sipadv_msg_ctx *ctx, proto_item *at, const sipadv_response *resp)
{
    unsigned code = resp->status.code;
    bool ims = ims_profile_applies(ctx, resp);

    if ((code == 380 || code == 504) && resp->body.len)
        annotate_ims_body(tree, ctx, at, resp);
    if (code == 401 && method_is(ctx, resp, "REGISTER"))
        annotate_challenge(tree, ctx, at, resp, ims);
    if (code == 494)
        annotate_security_server(tree, ctx, at, resp, ims);
    if (!ims)
        return;
    if (code == 403 && method_is(ctx, resp, "REGISTER")) {
        sipadv_warning_value wv;
        const char *detail = "";
        if (resp->warnings.n && sipadv_parse_warning(ctx->bytes, resp->warnings.value[0], &wv) && wv.text.len)
            detail = wmem_strdup_printf(ctx->pinfo->pool, " (Warning %s \"%s\")", span_text(ctx, wv.code_text),
                                        span_text(ctx, wv.text));
        add_ims_hint(tree, ctx, at, SIPADV_MSG_IMS_REGISTER_FORBIDDEN, detail);
    }
    if (code == 503 && sipadv_response_has(resp, SIPADV_HDR_RETRY_AFTER) &&
        sipadv_value_is_number(ctx->bytes, resp->first[SIPADV_HDR_RETRY_AFTER])) {
        sipadv_span ra = resp->first[SIPADV_HDR_RETRY_AFTER];
        size_t digits = 0;
        while (digits < ra.len && ctx->bytes[ra.off + digits] >= '0' && ctx->bytes[ra.off + digits] <= '9')
            digits++;
        add_ims_hint(tree, ctx, at, SIPADV_MSG_IMS_OVERLOAD_RETRY, span_text(ctx, (sipadv_span){ ra.off, digits }));
    }
    if (code == 580)
        add_ims_hint(tree, ctx, at, SIPADV_MSG_IMS_PRECONDITION, NULL);
}
