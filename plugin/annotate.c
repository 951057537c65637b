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
#include "sipadv_tables.h"

/* Wireshark cuts tree labels at ITEM_LABEL_LENGTH (240 bytes); longer texts are wrapped. */
#define WRAP_BYTES 160

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

typedef struct {
    const char *code, *reason, *hint, *step, *base, *detail, *method, *missing, *other, *phrase;
    const char *captured, *length;
} message_values;

static const char *
text_in(const sipadv_text *t, bool zh)
{
    return zh ? t->zh : t->en;
}

/* Fills a messages.tsv template; unknown placeholders were rejected at build time. */
static char *
expand_message(wmem_allocator_t *pool, const char *tmpl, const message_values *v)
{
    static const struct { const char *name; size_t offset; } slots[] = {
        { "{code}", offsetof(message_values, code) },
        { "{reason}", offsetof(message_values, reason) },
        { "{hint}", offsetof(message_values, hint) },
        { "{step}", offsetof(message_values, step) },
        { "{base}", offsetof(message_values, base) },
        { "{detail}", offsetof(message_values, detail) },
        { "{method}", offsetof(message_values, method) },
        { "{missing}", offsetof(message_values, missing) },
        { "{other}", offsetof(message_values, other) },
        { "{phrase}", offsetof(message_values, phrase) },
        { "{captured}", offsetof(message_values, captured) },
        { "{length}", offsetof(message_values, length) },
    };
    wmem_strbuf_t *out = wmem_strbuf_sized_new(pool, 256, 0);

    for (const char *p = tmpl; *p;) {
        const char *open = strchr(p, '{');
        size_t i;

        if (!open) {
            wmem_strbuf_append(out, p);
            break;
        }
        wmem_strbuf_append_len(out, p, (gsize)(open - p));
        p = open;
        for (i = 0; i < G_N_ELEMENTS(slots); i++) {
            size_t n = strlen(slots[i].name);
            if (strncmp(p, slots[i].name, n) == 0) {
                const char *value = *(const char *const *)((const char *)v + slots[i].offset);
                wmem_strbuf_append(out, value ? value : "");
                p += n;
                break;
            }
        }
        if (i == G_N_ELEMENTS(slots))
            wmem_strbuf_append_c(out, *p++);
    }
    return wmem_strbuf_finalize(out);
}

/* Expert texts are cut at ITEM_LABEL_LENGTH bytes; cut them first, on a character boundary. */
static char *
fit_label(char *text)
{
    const size_t max = ITEM_LABEL_LENGTH - sizeof "\u2026";
    size_t len = strlen(text);

    if (len < ITEM_LABEL_LENGTH)
        return text;
    len = max;
    while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
        len--;
    memcpy(text + len, "\u2026", sizeof "\u2026");
    return text;
}

/* The text in the configured language; "both" gives English, then Chinese. */
static char *
localized(packet_info *pinfo, const sipadv_text *t, const message_values *en, const message_values *zh)
{
    switch (sipadv_prefs.language) {
    case SIPADV_LANG_ZH:
        return fit_label(expand_message(pinfo->pool, t->zh, zh));
    case SIPADV_LANG_BOTH:
        return fit_label(wmem_strdup_printf(pinfo->pool, "%s / %s", expand_message(pinfo->pool, t->en, en),
                                            expand_message(pinfo->pool, t->zh, zh)));
    default:
        return fit_label(expand_message(pinfo->pool, t->en, en));
    }
}

static char *
localized_message(packet_info *pinfo, sipadv_msg_id id, const message_values *en, const message_values *zh)
{
    return localized(pinfo, &sipadv_messages[id], en, zh);
}

/*
 * Building an expert's text costs more than everything else here: where nothing
 * shows it (no visible tree, no expert tap, no filter on it), the expert is added
 * with its registered summary instead.
 */
static bool
expert_text_wanted(const sipadv_msg_ctx *ctx, expert_field *ei)
{
    return proto_field_is_referenced(ctx->tree, ei->hf) ||
           (sipadv_ids.hf_expert_message >= 0 &&
            proto_field_is_referenced(ctx->tree, sipadv_ids.hf_expert_message)) ||
           (sipadv_ids.expert_tap >= 0 && have_tap_listener(sipadv_ids.expert_tap));
}

static bool
show_en(void)
{
    return sipadv_prefs.language != SIPADV_LANG_ZH;
}

static bool
show_zh(void)
{
    return sipadv_prefs.language != SIPADV_LANG_EN;
}

/* Cuts text into display lines at UTF-8 character boundaries, preferring spaces. */
static void
add_wrapped_lines(proto_tree *tree, const sipadv_msg_ctx *ctx, const char *text)
{
    size_t len = strlen(text);

    for (size_t pos = 0; pos < len;) {
        size_t end = pos + WRAP_BYTES, cut;
        if (end >= len) {
            end = len;
        } else {
            while (end > pos && ((unsigned char)text[end] & 0xC0) == 0x80)
                end--;
            for (cut = end; cut > pos + WRAP_BYTES / 2 && text[cut] != ' '; cut--)
                ;
            if (text[cut] == ' ')
                end = cut;
        }
        proto_tree_add_none_format(tree, sipadv_ids.hf_line, ctx->tvb, ctx->offset, 0,
                                   "%.*s", (int)(end - pos), text + pos);
        pos = end;
        while (pos < len && text[pos] == ' ')
            pos++;
    }
}

/* The first max bytes of text, cut on a UTF-8 character boundary, with "…" if cut. */
static const char *
shortened(wmem_allocator_t *pool, const char *text, size_t max)
{
    size_t len = strlen(text);

    if (len <= max)
        return text;
    while (max > 0 && ((unsigned char)text[max] & 0xC0) == 0x80)
        max--;
    return wmem_strdup_printf(pool, "%.*s\u2026", (int)max, text);
}

/*
 * A text field. A long one shows its beginning (the value stays whole for
 * filters and -e) and its full text underneath: one line per guidance step,
 * or wrapped lines.
 */
static void
add_text(proto_tree *tree, const sipadv_msg_ctx *ctx, int hf, const char *text,
         const char *const *steps, unsigned n_steps, bool visible)
{
    bool shown = visible && proto_field_is_referenced(tree, hf);
    bool long_text = shown && (n_steps >= 2 || strlen(text) > WRAP_BYTES);
    proto_item *item;
    proto_tree *sub;

    if (long_text)
        item = proto_tree_add_string_format_value(tree, hf, ctx->tvb, ctx->offset, 0, text, "%s",
                                                  shortened(ctx->pinfo->pool, text, WRAP_BYTES - 40));
    else
        item = proto_tree_add_string(tree, hf, ctx->tvb, ctx->offset, 0, text);
    proto_item_set_generated(item);
    if (!visible) {
        proto_item_set_hidden(item);
        return;
    }
    if (!long_text)
        return;
    sub = proto_item_add_subtree(item, sipadv_ids.ett_text);
    if (n_steps >= 2) {
        for (unsigned i = 0; i < n_steps; i++) {
            char *line = wmem_strdup_printf(ctx->pinfo->pool, "%u) %s", i + 1, steps[i]);
            add_wrapped_lines(sub, ctx, line);
        }
    } else {
        add_wrapped_lines(sub, ctx, text);
    }
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
pick_text(packet_info *pinfo, const sipadv_text *t)
{
    switch (sipadv_prefs.language) {
    case SIPADV_LANG_ZH:
        return t->zh;
    case SIPADV_LANG_BOTH:
        return wmem_strdup_printf(pinfo->pool, "%s / %s", t->en, t->zh);
    default:
        return t->en;
    }
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
    if (expert_text_wanted(ctx, &sipadv_ids.ei_malformed_status_line))
        expert_add_info_format(ctx->pinfo, at, &sipadv_ids.ei_malformed_status_line, "%s",
                               localized_message(ctx->pinfo, SIPADV_MSG_MALFORMED_STATUS_LINE, &en, &zh));
    else
        expert_add_info(ctx->pinfo, at, &sipadv_ids.ei_malformed_status_line);
    const char *hint = pick_text(ctx->pinfo, &sipadv_messages[SIPADV_MSG_MALFORMED_HINT]);
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
    message_values en = { 0 }, zh = { 0 };

    if (!expert_text_wanted(ctx, &sipadv_ids.ei_incomplete_headers)) {
        expert_add_info(ctx->pinfo, at, &sipadv_ids.ei_incomplete_headers);
        return;
    }
    if (reported > ctx->len) {
        const sipadv_text *t = &sipadv_messages[SIPADV_MSG_CUT_BY_CAPTURE];
        message_values v = { .captured = wmem_strdup_printf(ctx->pinfo->pool, "%d", ctx->len),
                             .length = wmem_strdup_printf(ctx->pinfo->pool, "%d", reported) };
        en.detail = expand_message(ctx->pinfo->pool, t->en, &v);
        zh.detail = expand_message(ctx->pinfo->pool, t->zh, &v);
    } else {
        en.detail = sipadv_messages[SIPADV_MSG_CUT_IN_MESSAGE].en;
        zh.detail = sipadv_messages[SIPADV_MSG_CUT_IN_MESSAGE].zh;
    }
    expert_add_info_format(ctx->pinfo, at, &sipadv_ids.ei_incomplete_headers, "%s",
                           localized_message(ctx->pinfo, SIPADV_MSG_INCOMPLETE_HEADERS, &en, &zh));
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

        if (!expert_text_wanted(ctx, ei)) {
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
        const char *text = localized(pinfo, &rule->text, &v, &v);
        expert_add_info_format(pinfo, at, ei, "%s",
                               fit_label(wmem_strdup_printf(pinfo->pool, "%s (%s)", text, rule->clause)));
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
    hint.en = expand_message(pinfo->pool, t->en, &v);
    hint.zh = expand_message(pinfo->pool, t->zh, &v);
    return hint;
}

const char *
sipadv_hint_for_code(packet_info *pinfo, unsigned code)
{
    explanation ex;
    sipadv_text hint;

    if (!explain(code, &ex))
        return NULL;
    hint = hint_of(pinfo, &ex);
    return pick_text(pinfo, &hint);
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
    add_text(tree, ctx, sipadv_ids.hf_meaning, ex.meaning->en, NULL, 0, show_en());
    add_text(tree, ctx, sipadv_ids.hf_meaning_zh, ex.meaning->zh, NULL, 0, show_zh());
    add_text(tree, ctx, sipadv_ids.hf_guidance, ex.guidance->full.en, ex.guidance->steps_en,
             ex.guidance->n_steps, show_en());
    add_text(tree, ctx, sipadv_ids.hf_guidance_zh, ex.guidance->full.zh, ex.guidance->steps_zh,
             ex.guidance->n_steps, show_zh());
    proto_item_set_generated(proto_tree_add_string(tree, sipadv_ids.hf_ref, ctx->tvb, ctx->offset, 0, ex.ref));

    hint = hint_of(pinfo, &ex);
    if (!ex.reason && !expert_text_wanted(ctx, &sipadv_ids.ei_unregistered_code)) {
        expert_add_info(pinfo, code_item, &sipadv_ids.ei_unregistered_code);
    } else if (!ex.reason) {
        message_values en = { .code = ex.code_str, .base = ex.base_str }, zh = en;
        expert_add_info_format(pinfo, code_item, &sipadv_ids.ei_unregistered_code, "%s",
                               localized_message(pinfo, SIPADV_MSG_UNREGISTERED_CODE, &en, &zh));
    }
    if (ex.code >= 400 && !expert_text_wanted(ctx, &sipadv_ids.ei_error_response)) {
        expert_add_info(pinfo, code_item, &sipadv_ids.ei_error_response);
    } else if (ex.code >= 400) {
        message_values en = { .code = ex.code_str, .reason = ex.reason ? ex.reason : ex.class_name.en,
                              .hint = hint.en, .step = ex.guidance->steps_en[0] };
        message_values zh = { .code = ex.code_str, .reason = ex.reason ? ex.reason : ex.class_name.zh,
                              .hint = hint.zh, .step = ex.guidance->steps_zh[0] };
        expert_add_info_format(pinfo, code_item, &sipadv_ids.ei_error_response, "%s",
                               localized_message(pinfo, SIPADV_MSG_ERROR_RESPONSE, &en, &zh));
    }
    if (!resp->headers_complete)
        note_incomplete(ctx, top);
    apply_rules(ctx, resp, top, ex.code_str);
    const char *picked = pick_text(pinfo, &hint);
    proto_item_append_text(top, ": %u %s \u2014 %s", ex.code, ex.reason ? ex.reason : text_in(&ex.class_name, false),
                           picked);
    return picked;
}
