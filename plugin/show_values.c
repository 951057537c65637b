/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the values beside the status code say, as the analysis found them:
 * each Reason value (RFC 3326), each Warning (RFC 3261 §20.43), and in IMS the
 * 3GPP TS 24.229 specifics (alternative-service body, challenge, sec-agree,
 * hints), with a count of the values not shown.
 */
#include "show.h"

#include <wireshark.h>
#include <epan/proto.h>

#include "expert.h"
#include "knowledge.h"
#include "sipadv.h"
#include "text.h"


/* Sender text as a field: cut to SIPADV_MAX_QUOTE bytes; absent when the bytes are unknown. */
static proto_item *
add_sender_text(proto_tree *tree, int hf, const sipadv_shown *m, sipadv_span s)
{
    if (!m->tvb || s.len == 0)
        return NULL;
    return proto_tree_add_string(tree, hf, m->tvb, sipadv_span_at(m, s), sipadv_span_width(m, s), sipadv_span_text(m, s));
}

void
sipadv_show_explanation(const sipadv_shown *m, proto_tree *tree, const int hf[4], const sipadv_text *meaning,
                        const sipadv_guidance *guidance, bool ims)
{
    bool en = sipadv_show_en(), zh = sipadv_show_zh();
    const char *steps_en[SIPADV_MAX_STEPS], *steps_zh[SIPADV_MAX_STEPS];
    const sipadv_text *full;
    unsigned n = 0;

    sipadv_add_text(tree, m->pinfo, m->tvb, m->offset, hf[0], meaning->en, NULL, 0, en);
    sipadv_add_text(tree, m->pinfo, m->tvb, m->offset, hf[1], meaning->zh, NULL, 0, zh);
    if (!guidance)
        return;
    full = ims || !guidance->general.en ? &guidance->full : &guidance->general;
    for (unsigned i = 0; i < guidance->n_steps; i++) {
        if (!ims && (guidance->ims_steps >> i & 1u))
            continue;
        steps_en[n] = guidance->steps_en[i];
        steps_zh[n++] = guidance->steps_zh[i];
    }
    sipadv_add_text(tree, m->pinfo, m->tvb, m->offset, hf[2], full->en, steps_en, n, en);
    sipadv_add_text(tree, m->pinfo, m->tvb, m->offset, hf[3], full->zh, steps_zh, n, zh);
}

/* Whether the message is of an IMS flow (context.h). */
static bool
shown_ims(const sipadv_shown *m)
{
    return (sipadv_message_context(m) & SIPADV_CTX_IMS) != 0;
}

/* A fixed message (messages.tsv) with its placeholders filled, as a tree text in both languages. */
static void
add_message(const sipadv_shown *m, proto_tree *tree, const int hf[2], sipadv_msg_id id, const message_values *v)
{
    const sipadv_text *t = &sipadv_messages[id];
    wmem_allocator_t *pool = m->pinfo->pool;

    if (!tree)
        return;
    sipadv_add_text(tree, m->pinfo, m->tvb, m->offset, hf[0], sipadv_expand_message(pool, t->en, v), NULL, 0,
                    sipadv_show_en());
    sipadv_add_text(tree, m->pinfo, m->tvb, m->offset, hf[1], sipadv_expand_message(pool, t->zh, v), NULL, 0,
                    sipadv_show_zh());
}

typedef struct {
    const sipadv_shown     *m;
    const sipadv_value     *v;
    const sipadv_cause_info *cause;
} value_context;

static void
mismatch_values(packet_info *pinfo, const void *ctx, message_values *en, message_values *zh)
{
    const value_context *vc = ctx;
    wmem_strbuf_t *expected = wmem_strbuf_new(pinfo->pool, "");

    for (size_t i = 0; i < vc->cause->n_statuses; i++)
        wmem_strbuf_append_printf(expected, "%s%u", i ? "/" : "", vc->cause->statuses[i]);
    en->code = wmem_strdup_printf(pinfo->pool, "%u", vc->m->a->code);
    en->detail = wmem_strdup_printf(pinfo->pool, "%u", vc->v->number);
    en->reason = vc->cause->name;
    en->other = wmem_strbuf_get_str(expected);
    *zh = *en;
}

static void
show_reason(const sipadv_shown *m, proto_tree *parent, const sipadv_value *v)
{
    const int hf[4] = { sipadv_ids.hf_reason_meaning, sipadv_ids.hf_reason_meaning_zh,
                        sipadv_ids.hf_reason_guidance, sipadv_ids.hf_reason_guidance_zh };
    proto_item *ti, *cause_item = NULL;
    proto_tree *tree;
    message_values detail = { 0 };

    ti = proto_tree_add_string(parent, sipadv_ids.hf_reason_protocol, m->tvb, sipadv_span_at(m, v->a), sipadv_span_width(m, v->a),
                               sipadv_span_text(m, v->a));
    tree = proto_item_add_subtree(ti, sipadv_ids.ett_reason);
    if (v->flags & SIPADV_VALUE_HAS_NUMBER)
        cause_item = proto_tree_add_uint(tree, sipadv_ids.hf_reason_cause, m->tvb, sipadv_span_at(m, v->b), sipadv_span_width(m, v->b),
                                         v->number);
    add_sender_text(tree, sipadv_ids.hf_reason_text, m, v->c);
    if (v->kind == SIPADV_REASON_Q850 && (v->flags & SIPADV_VALUE_HAS_NUMBER)) {
        const sipadv_cause_info *cause = sipadv_q850_lookup(v->number);
        if (cause) {
            value_context vc = { m, v, cause };
            proto_item_append_text(ti, ": cause %u %s", v->number, cause->name);
            sipadv_show_explanation(m, tree, hf, &cause->meaning, &cause->guidance, shown_ims(m));
            if (v->flags & SIPADV_VALUE_MISMATCH)
                sipadv_expert(m->pinfo, m->tree, cause_item ? cause_item : ti, &sipadv_ids.ei_reason_status_mismatch,
                              &sipadv_messages[SIPADV_MSG_REASON_STATUS_MISMATCH], mismatch_values, &vc, NULL);
        } else {
            detail.detail = sipadv_span_text(m, v->b);
            add_message(m, tree, hf, SIPADV_MSG_REASON_UNKNOWN_CAUSE, &detail);
        }
    } else if (v->kind == SIPADV_REASON_SIP && (v->flags & SIPADV_VALUE_HAS_NUMBER)) {
        const sipadv_status_info *row = sipadv_status_lookup(v->number);
        if (row) {
            proto_item_append_text(ti, ": %u %s", v->number, row->reason);
            sipadv_show_explanation(m, tree, hf, sipadv_meaning_for(&row->meaning, &row->general_meaning, shown_ims(m)), &row->guidance, shown_ims(m));
        }
    } else if (v->kind == SIPADV_REASON_OTHER) {
        detail.detail = sipadv_span_text(m, v->a);
        add_message(m, tree, hf, SIPADV_MSG_REASON_OTHER_PROTOCOL, &detail);
    }
}

static void
show_warning(const sipadv_shown *m, proto_tree *parent, const sipadv_value *v)
{
    const int hf[4] = { sipadv_ids.hf_warning_meaning, sipadv_ids.hf_warning_meaning_zh,
                        sipadv_ids.hf_warning_guidance, sipadv_ids.hf_warning_guidance_zh };
    const sipadv_warning_info *info = sipadv_warning_lookup(v->number);
    proto_item *ti;
    proto_tree *tree;

    ti = proto_tree_add_uint(parent, sipadv_ids.hf_warning_code, m->tvb, sipadv_span_at(m, v->a), sipadv_span_width(m, v->a), v->number);
    tree = proto_item_add_subtree(ti, sipadv_ids.ett_warning);
    add_sender_text(tree, sipadv_ids.hf_warning_text, m, v->c);
    if (info) {
        proto_item_append_text(ti, " %s", info->text);
        sipadv_show_explanation(m, tree, hf, &info->meaning, &info->guidance, shown_ims(m));
    } else {
        const sipadv_text *t = &sipadv_messages[SIPADV_MSG_WARNING_UNREGISTERED];
        message_values mv = { .code = wmem_strdup_printf(m->pinfo->pool, "%03u", v->number) };
        sipadv_text meaning = { sipadv_expand_message(m->pinfo->pool, t->en, &mv),
                                sipadv_expand_message(m->pinfo->pool, t->zh, &mv) };
        sipadv_show_explanation(m, tree, hf, &meaning, NULL, true);
    }
}

static void
hint_values(packet_info *pinfo, const void *ctx, message_values *en, message_values *zh)
{
    const value_context *vc = ctx;
    const sipadv_shown *m = vc->m;
    const sipadv_value *v = vc->v;

    en->detail = sipadv_span_text(m, v->a);
    if (v->c.len) {   /* a 403's Warning, quoted in its hint */
        message_values q = { .code = sipadv_span_text(m, v->b), .detail = sipadv_span_text(m, v->c) };
        const sipadv_text *t = &sipadv_messages[SIPADV_MSG_WARNING_QUOTE];
        en->detail = sipadv_expand_message(pinfo->pool, t->en, &q);
        zh->detail = sipadv_expand_message(pinfo->pool, t->zh, &q);
        return;
    }
    zh->detail = en->detail;
}

/* An IMS hint: in the tree in both languages, and as an expert in the configured one. */
static void
show_hint(const sipadv_shown *m, proto_tree *tree, proto_item *top, const sipadv_value *v)
{
    const int hf[2] = { sipadv_ids.hf_ims_hint, sipadv_ids.hf_ims_hint_zh };
    const sipadv_text *t = &sipadv_messages[v->number];
    value_context vc = { m, v, NULL };
    message_values en = { 0 }, zh = { 0 };

    if (tree) {
        hint_values(m->pinfo, &vc, &en, &zh);
        sipadv_add_text(tree, m->pinfo, m->tvb, m->offset, hf[0], sipadv_expand_message(m->pinfo->pool, t->en, &en),
                        NULL, 0, sipadv_show_en());
        sipadv_add_text(tree, m->pinfo, m->tvb, m->offset, hf[1], sipadv_expand_message(m->pinfo->pool, t->zh, &zh),
                        NULL, 0, sipadv_show_zh());
    }
    sipadv_expert(m->pinfo, m->tree, top, &sipadv_ids.ei_ims_advice, t, hint_values, &vc, NULL);
}

static void
show_not_shown(const sipadv_shown *m, proto_tree *tree, const sipadv_value *v)
{
    sipadv_msg_id id = v->of == SIPADV_VALUE_REASON      ? SIPADV_MSG_NOT_SHOWN_REASON
                       : v->of == SIPADV_VALUE_WARNING   ? SIPADV_MSG_NOT_SHOWN_WARNING
                       : v->of == SIPADV_VALUE_MECHANISM ? SIPADV_MSG_NOT_SHOWN_MECHANISM
                       : v->of == SIPADV_VALUE_BINDING   ? SIPADV_MSG_NOT_SHOWN_BINDING
                                                         : SIPADV_MSG_NOT_SHOWN_ROUTE;
    message_values mv = { .count = wmem_strdup_printf(m->pinfo->pool, "%u", v->number) };
    proto_item *item;

    item = proto_tree_add_uint_format(tree, sipadv_ids.hf_not_shown, m->tvb, m->offset, 0, v->number, "%s",
                                      sipadv_localized(m->pinfo, &sipadv_messages[id], &mv, &mv));
    proto_item_set_generated(item);
}

/* A binding a 2xx to REGISTER lists: its Contact URI, and the expires granted to it. */
static void
show_binding(const sipadv_shown *m, proto_tree *tree, const sipadv_value *v)
{
    proto_item *item = add_sender_text(tree, sipadv_ids.hf_reg_binding, m, v->a);

    if (!item || !(v->flags & SIPADV_VALUE_HAS_NUMBER))
        return;
    proto_item_append_text(item, " (expires %u s)", v->number);
    sipadv_add_generated_uint(proto_item_add_subtree(item, sipadv_ids.ett_text), sipadv_ids.hf_reg_binding_expires,
                              m->tvb, v->number);
}

void
sipadv_show_values(const sipadv_shown *m, proto_tree *tree, proto_item *top)
{
    /* Values shown as the sender wrote them, each in its field. */
    const int *const sender_field[] = {
        [SIPADV_VALUE_MECHANISM] = &sipadv_ids.hf_security_mechanism,
        [SIPADV_VALUE_IMS_TYPE] = &sipadv_ids.hf_ims_type,
        [SIPADV_VALUE_IMS_REASON] = &sipadv_ids.hf_ims_reason,
        [SIPADV_VALUE_IMS_ACTION] = &sipadv_ids.hf_ims_action,
        [SIPADV_VALUE_ALGORITHM] = &sipadv_ids.hf_auth_algorithm,
        [SIPADV_VALUE_ASSOCIATED_URI] = &sipadv_ids.hf_reg_associated_uri,
        [SIPADV_VALUE_SERVICE_ROUTE] = &sipadv_ids.hf_reg_service_route,
        [SIPADV_VALUE_PATH] = &sipadv_ids.hf_reg_path,
    };
    const sipadv_value *values = sipadv_analysis_values(m->a);

    for (unsigned i = 0; i < m->a->n_values; i++) {
        const sipadv_value *v = &values[i];
        switch ((sipadv_value_type)v->type) {
        case SIPADV_VALUE_REASON:
            show_reason(m, tree, v);
            break;
        case SIPADV_VALUE_WARNING:
            show_warning(m, tree, v);
            break;
        case SIPADV_VALUE_MECHANISM:
        case SIPADV_VALUE_IMS_TYPE:
        case SIPADV_VALUE_IMS_REASON:
        case SIPADV_VALUE_IMS_ACTION:
        case SIPADV_VALUE_ALGORITHM:
        case SIPADV_VALUE_ASSOCIATED_URI:
        case SIPADV_VALUE_SERVICE_ROUTE:
        case SIPADV_VALUE_PATH:
            add_sender_text(tree, *sender_field[v->type], m, v->a);
            break;
        case SIPADV_VALUE_BINDING:
            show_binding(m, tree, v);
            break;
        case SIPADV_VALUE_GENERATOR: {
            proto_item *item = add_sender_text(tree, sipadv_ids.hf_generator, m, v->a);
            if (item)
                proto_item_append_text(item, " (%s)", sipadv_header_name((sipadv_header_id)v->number));
            break;
        }
        case SIPADV_VALUE_IMS_HINT:
            show_hint(m, tree, top, v);
            break;
        case SIPADV_VALUE_MORE:
            show_not_shown(m, tree, v);
            break;
        case SIPADV_VALUE_STALE:
            proto_item_set_generated(proto_tree_add_boolean(tree, sipadv_ids.hf_auth_stale, m->tvb,
                                                            sipadv_span_at(m, v->a), sipadv_span_width(m, v->a),
                                                            v->number != 0));
            break;
        }
    }
}
