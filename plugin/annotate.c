/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "annotate.h"

#include <string.h>
#include <wireshark.h>
#include <epan/expert.h>
#include <epan/proto.h>
#include <epan/tap.h>

#include "knowledge.h"
#include "rules.h"
#include "sipadv.h"
#include "text.h"
#include "annotate_headers.h"
#include "sipadv_tables.h"


/* What one response is explained with: a registry row, or its class for other codes. */
typedef struct {
    unsigned               code;
    const char            *reason;      /* NULL outside the registry */
    sipadv_text            class_name;
    const char            *class_label;
    sipadv_text            hint;
    const sipadv_text     *meaning;
    const sipadv_guidance *guidance;
    const char            *ref;
    unsigned               base;        /* the code an unknown one is handled as */
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

static bool
explain(unsigned code, explanation *ex)
{
    const sipadv_status_info *row = sipadv_status_lookup(code);
    const sipadv_class_info *cls = sipadv_class_lookup(code);

    if (!cls)
        return false;
    memset(ex, 0, sizeof *ex);
    ex->code = code;
    ex->class_name = cls->name;
    ex->class_label = cls->label;
    /* RFC 3261 §8.1.3.2: an unknown final x?? is handled as x00, an unknown 1xx as 183. */
    ex->base = code / 100 == 1 ? 183 : code / 100 * 100;
    three_digits(ex->code_str, code);
    three_digits(ex->base_str, ex->base);
    if (row) {
        ex->reason = row->reason;
        ex->hint = row->hint;
        ex->meaning = &row->meaning;
        ex->guidance = &row->guidance;
        ex->ref = row->ref;
    } else {
        ex->meaning = &cls->meaning;
        ex->guidance = &cls->guidance;
        ex->ref = cls->ref;
    }
    return true;
}

static const char *
annotate_malformed(const sipadv_msg_ctx *ctx, const sipadv_response *resp, proto_tree *tree,
                   proto_item *top)
{
    static const sipadv_msg_id detail_of[] = {
        [SIPADV_PROBLEM_NONE] = SIPADV_MSG_STATUS_NO_CODE,
        [SIPADV_PROBLEM_NO_CODE] = SIPADV_MSG_STATUS_NO_CODE,
        [SIPADV_PROBLEM_NOT_NUMBER] = SIPADV_MSG_STATUS_NOT_NUMBER,
        [SIPADV_PROBLEM_NOT_THREE_DIGITS] = SIPADV_MSG_STATUS_NOT_THREE_DIGITS,
        [SIPADV_PROBLEM_OUT_OF_RANGE] = SIPADV_MSG_STATUS_OUT_OF_RANGE,
    };
    const sipadv_status_line *st = &resp->status;
    const sipadv_text *detail = &sipadv_messages[detail_of[st->problem]];
    message_values en = { .detail = detail->en }, zh = { .detail = detail->zh };
    proto_item *at = top;

    if (st->has_code)
        at = proto_tree_add_uint(tree, sipadv_ids.hf_code, ctx->tvb, ctx->offset + (gint)st->code_text.off,
                                 (gint)st->code_text.len, st->code);
    if (sipadv_expert_text_wanted(ctx, &sipadv_ids.ei_malformed_status_line))
        expert_add_info_format(ctx->pinfo, at, &sipadv_ids.ei_malformed_status_line, "%s",
                               sipadv_localized_message(ctx->pinfo, SIPADV_MSG_MALFORMED_STATUS_LINE, &en, &zh));
    else
        expert_add_info(ctx->pinfo, at, &sipadv_ids.ei_malformed_status_line);
    const char *hint = sipadv_pick_text(ctx->pinfo, &sipadv_messages[SIPADV_MSG_MALFORMED_HINT]);
    proto_item_append_text(top, ": %s", hint);
    return hint;
}

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

/* Says why header checks were skipped: the capture cut the message, or the message stops. */
static void
note_incomplete(const sipadv_msg_ctx *ctx, proto_item *at)
{
    gint reported = tvb_reported_length_remaining(ctx->tvb, ctx->offset);
    gint captured = tvb_captured_length_remaining(ctx->tvb, ctx->offset);
    message_values en = { 0 }, zh = { 0 };

    if (!sipadv_expert_text_wanted(ctx, &sipadv_ids.ei_incomplete_headers)) {
        expert_add_info(ctx->pinfo, at, &sipadv_ids.ei_incomplete_headers);
        return;
    }
    /* Cut by the capture only if bytes are missing and the message runs up to the
     * captured end: trailing bytes after it (Ethernet padding) were captured. */
    if (reported > captured && ctx->len >= captured) {
        const sipadv_text *t = &sipadv_messages[SIPADV_MSG_CUT_BY_CAPTURE];
        message_values v = { .captured = wmem_strdup_printf(ctx->pinfo->pool, "%d", ctx->len),
                             .length = wmem_strdup_printf(ctx->pinfo->pool, "%d", reported) };
        en.detail = sipadv_expand_message(ctx->pinfo->pool, t->en, &v);
        zh.detail = sipadv_expand_message(ctx->pinfo->pool, t->zh, &v);
    } else {
        en.detail = sipadv_messages[SIPADV_MSG_CUT_IN_MESSAGE].en;
        zh.detail = sipadv_messages[SIPADV_MSG_CUT_IN_MESSAGE].zh;
    }
    expert_add_info_format(ctx->pinfo, at, &sipadv_ids.ei_incomplete_headers, "%s",
                           sipadv_localized_message(ctx->pinfo, SIPADV_MSG_INCOMPLETE_HEADERS, &en, &zh));
}

/* Fires the expert of every rule the response breaks, with the clause it cites. */
static void
apply_rules(const sipadv_msg_ctx *ctx, const sipadv_response *resp, proto_item *at, const char *code_str)
{
    sipadv_rule_hit hits[SIPADV_RULE_EXPERT_COUNT];
    size_t n = sipadv_rules_evaluate(ctx->bytes, resp, sipadv_prefs.rule_enabled, hits, G_N_ELEMENTS(hits));
    packet_info *pinfo = ctx->pinfo;

    for (size_t i = 0; i < n; i++) {
        const sipadv_rule *rule = hits[i].rule;
        expert_field *ei = &sipadv_ids.ei_rules[rule->expert];

        if (!sipadv_expert_text_wanted(ctx, ei)) {
            expert_add_info(pinfo, at, ei);
            continue;
        }
        message_values v = {
            .code = code_str,
            .method = tvb_format_text(pinfo->pool, ctx->tvb, ctx->offset + (gint)resp->cseq_method.off,
                                      (gint)resp->cseq_method.len),
            .missing = header_list(pinfo, hits[i].headers),
            .other = wmem_strdup_printf(pinfo->pool, "%u", hits[i].other_code),
            .phrase = tvb_format_text(pinfo->pool, ctx->tvb, ctx->offset + (gint)resp->status.reason.off,
                                      (gint)resp->status.reason.len),
        };
        const char *text = sipadv_localized(pinfo, &rule->text, &v, &v);
        expert_add_info_format(pinfo, at, ei, "%s",
                               sipadv_fit_label(wmem_strdup_printf(pinfo->pool, "%s (%s)", text, rule->clause)));
    }
}

/* The registry's hint, or for an unregistered code what it is handled as. */
static sipadv_text
hint_of(packet_info *pinfo, const explanation *ex)
{
    const sipadv_text *t = &sipadv_messages[SIPADV_MSG_UNREGISTERED_HINT];
    message_values v = { .base = ex->base_str };
    sipadv_text hint;

    if (ex->reason)
        return ex->hint;
    hint.en = sipadv_expand_message(pinfo->pool, t->en, &v);
    hint.zh = sipadv_expand_message(pinfo->pool, t->zh, &v);
    return hint;
}

const char *
sipadv_hint_for_code(packet_info *pinfo, unsigned code)
{
    const sipadv_status_info *row = sipadv_status_lookup(code);
    explanation ex;
    sipadv_text hint;

    if (row) /* the common case, on every response of a listing */
        return sipadv_pick_text(pinfo, &row->hint);
    if (!explain(code, &ex))
        return NULL;
    hint = hint_of(pinfo, &ex);
    return sipadv_pick_text(pinfo, &hint);
}

const char *
sipadv_annotate_response(const sipadv_msg_ctx *ctx, const sipadv_response *resp)
{
    const sipadv_status_line *st = &resp->status;
    packet_info *pinfo = ctx->pinfo;
    proto_item *top, *code_item;
    proto_tree *tree;
    explanation ex;
    sipadv_text hint;

    top = proto_tree_add_item(ctx->tree, sipadv_ids.proto, ctx->tvb, ctx->offset, ctx->len, ENC_NA);
    tree = proto_item_add_subtree(top, sipadv_ids.ett_advisor);
    if (st->kind != SIPADV_STATUS_OK || !explain(st->code, &ex))
        return annotate_malformed(ctx, resp, tree, top);

    code_item = proto_tree_add_uint(tree, sipadv_ids.hf_code, ctx->tvb, ctx->offset + (gint)st->code_text.off,
                                    3, ex.code);
    proto_item_set_generated(proto_tree_add_string(tree, sipadv_ids.hf_class, ctx->tvb,
                                                   ctx->offset + (gint)st->code_text.off, 1, ex.class_label));
    if (ex.reason)
        proto_item_set_generated(proto_tree_add_string(tree, sipadv_ids.hf_reason, ctx->tvb,
                                                       ctx->offset + (gint)st->reason.off,
                                                       (gint)st->reason.len, ex.reason));
    if (resp->cseq_method.len)
        proto_tree_add_item(tree, sipadv_ids.hf_method, ctx->tvb, ctx->offset + (gint)resp->cseq_method.off,
                            (gint)resp->cseq_method.len, ENC_UTF_8);
    sipadv_add_text(tree, ctx, sipadv_ids.hf_meaning, ex.meaning->en, NULL, 0, sipadv_show_en());
    sipadv_add_text(tree, ctx, sipadv_ids.hf_meaning_zh, ex.meaning->zh, NULL, 0, sipadv_show_zh());
    sipadv_add_text(tree, ctx, sipadv_ids.hf_guidance, ex.guidance->full.en, ex.guidance->steps_en,
             ex.guidance->n_steps, sipadv_show_en());
    sipadv_add_text(tree, ctx, sipadv_ids.hf_guidance_zh, ex.guidance->full.zh, ex.guidance->steps_zh,
             ex.guidance->n_steps, sipadv_show_zh());
    proto_item_set_generated(proto_tree_add_string(tree, sipadv_ids.hf_ref, ctx->tvb, ctx->offset, 0, ex.ref));

    hint = hint_of(pinfo, &ex);
    if (!ex.reason && !sipadv_expert_text_wanted(ctx, &sipadv_ids.ei_unregistered_code)) {
        expert_add_info(pinfo, code_item, &sipadv_ids.ei_unregistered_code);
    } else if (!ex.reason) {
        message_values en = { .code = ex.code_str, .base = ex.base_str }, zh = en;
        expert_add_info_format(pinfo, code_item, &sipadv_ids.ei_unregistered_code, "%s",
                               sipadv_localized_message(pinfo, SIPADV_MSG_UNREGISTERED_CODE, &en, &zh));
    }
    if (ex.code >= 400 && !sipadv_expert_text_wanted(ctx, &sipadv_ids.ei_error_response)) {
        expert_add_info(pinfo, code_item, &sipadv_ids.ei_error_response);
    } else if (ex.code >= 400) {
        message_values en = { .code = ex.code_str, .reason = ex.reason ? ex.reason : ex.class_name.en,
                              .hint = hint.en, .step = ex.guidance->steps_en[0] };
        message_values zh = { .code = ex.code_str, .reason = ex.reason ? ex.reason : ex.class_name.zh,
                              .hint = hint.zh, .step = ex.guidance->steps_zh[0] };
        expert_add_info_format(pinfo, code_item, &sipadv_ids.ei_error_response, "%s",
                               sipadv_localized_message(pinfo, SIPADV_MSG_ERROR_RESPONSE, &en, &zh));
    }
    if (!resp->headers_complete)
        note_incomplete(ctx, top);
    apply_rules(ctx, resp, top, ex.code_str);
    sipadv_annotate_reasons(tree, ctx, &resp->reasons, ex.code);
    sipadv_annotate_warnings(tree, ctx, resp);
    sipadv_annotate_ims(tree, ctx, top, resp);
    const char *picked = sipadv_pick_text(pinfo, &hint);
    proto_item_append_text(top, ": %u %s \u2014 %s", ex.code, ex.reason ? ex.reason : sipadv_text_in(&ex.class_name, false),
                           picked);
    return picked;
}

void
sipadv_annotate_request(const sipadv_msg_ctx *ctx, const sipadv_request *req)
{
    proto_item *top;
    proto_tree *tree;

    top = proto_tree_add_item(ctx->tree, sipadv_ids.proto, ctx->tvb, ctx->offset, ctx->len, ENC_NA);
    proto_item_append_text(top, ": %s", tvb_format_text(ctx->pinfo->pool, ctx->tvb, ctx->offset, (gint)req->method.len));
    tree = proto_item_add_subtree(top, sipadv_ids.ett_advisor);
    proto_tree_add_item(tree, sipadv_ids.hf_method, ctx->tvb, ctx->offset + (gint)req->method.off,
                        (gint)req->method.len, ENC_UTF_8);
    sipadv_annotate_reasons(tree, ctx, &req->reasons, 0);
}
