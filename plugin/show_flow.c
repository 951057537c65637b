/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Drawing a message's place in its transaction: the request it answers, how long that took, repeats. */
#include "show.h"

#include <wireshark.h>
#include <epan/proto.h>

#include "expert.h"
#include "flow_findings.h"
#include "rules.h"
#include "sipadv.h"
#include "text.h"

typedef struct {
    const sipadv_shown *m;
    const char         *code;
    guint32             frame;      /* {frame}: the earlier message the finding refers to */
    gint64              elapsed_ns; /* {elapsed}: since it */
} flow_context;

/* The placeholders of a flow finding: {code}, {method}, {frame}, {elapsed}, and {what}: the method, or "code to method". */
static void
fill_flow_values(packet_info *pinfo, message_values *en, message_values *zh, const char *code, const char *method,
                 guint32 frame, gint64 elapsed_ns, bool request)
{
    en->code = zh->code = code;
    en->method = zh->method = method;
    en->frame = zh->frame = wmem_strdup_printf(pinfo->pool, "%u", frame);
    en->elapsed = zh->elapsed = elapsed_ns == SIPADV_NO_TIME ? "?" : sipadv_duration_text(pinfo->pool, elapsed_ns);
    if (request) {
        en->what = zh->what = method;
    } else {
        en->what = wmem_strdup_printf(pinfo->pool, "%s to %s", code, method);
        zh->what = wmem_strdup_printf(pinfo->pool, "%s 的 %s", method, code);
    }
}

static void
flow_values(packet_info *pinfo, const void *ctx, message_values *en, message_values *zh)
{
    const flow_context *fc = ctx;

    fill_flow_values(pinfo, en, zh, fc->code, sipadv_shown_method(fc->m), fc->frame, fc->elapsed_ns,
                     fc->m->a->kind == SIPADV_KIND_REQUEST);
}

static void
raise_rule(packet_info *pinfo, proto_tree *tree, proto_item *item, unsigned rule_index, sipadv_fill_values fill,
           const void *ctx)
{
    const sipadv_rule *rule = &sipadv_rules[rule_index];

    if (sipadv_prefs.rule_enabled[rule->expert])
        sipadv_expert(pinfo, tree, item, &sipadv_ids.ei_rules[rule->expert], &rule->text, fill, ctx,
                      wmem_strdup_printf(pinfo->pool, " (%s)", rule->clause));
}

static void
raise_flow_expert(const sipadv_shown *m, proto_item *item, unsigned rule_index, const char *code, guint32 frame,
                  gint64 elapsed_ns)
{
    flow_context fc = { m, code, frame, elapsed_ns };

    if (m->pinfo)
        raise_rule(m->pinfo, m->tree, item, rule_index, flow_values, &fc);
}

/* A response's request and the time since it. */
static void
show_request_link(const sipadv_shown *m, proto_tree *tree)
{
    if (m->flow->request_frame) {
        sipadv_add_generated_uint(tree, sipadv_ids.hf_request_frame, m->tvb, m->flow->request_frame);
        /* Unknown across a jump of the capture's clock (clock.h). */
        if (m->flow->response_time_ns != SIPADV_NO_TIME)
            sipadv_add_generated_time(tree, sipadv_ids.hf_response_time, m->tvb, m->flow->response_time_ns);
    }
}

void
sipadv_show_copy(const sipadv_shown *m, proto_tree *tree, proto_item *top)
{
    sipadv_add_generated_uint(tree, sipadv_ids.hf_copy_of, m->tvb, m->flow->copy_of);
    /* Its own hop's timing still tells how long that hop took. */
    show_request_link(m, tree);
    proto_item_append_text(top, " (copy of frame %u)", m->flow->copy_of);
}

void
sipadv_show_flow(const sipadv_shown *m, proto_tree *tree, proto_item *top)
{
    const sipadv_flow_result *f = m->flow;
    sipadv_flow_finding found[SIPADV_FLOW_FINDINGS_MAX];
    unsigned n;
    char code[8];

    if (!f)
        return;
    g_snprintf(code, sizeof code, "%u", m->a->code);
    show_request_link(m, tree);
    if (f->original_frame)
        sipadv_add_generated_uint(tree, sipadv_ids.hf_original_frame, m->tvb, f->original_frame);
    n = sipadv_flow_findings(f, m->pinfo ? m->pinfo->num : 0, found);
    for (unsigned i = 0; i < n; i++) {
        if (found[i].rule == SIPADV_RULE_RETRY_AFTER_IGNORED)
            sipadv_add_generated_uint(tree, sipadv_ids.hf_retry_after_frame, m->tvb, f->retry_frame);
        raise_flow_expert(m, top, found[i].rule, code, found[i].frame, found[i].elapsed_ns);
    }
}

typedef struct {
    const sipadv_flow_timeout *t;
} timeout_context;

static void
timeout_values(packet_info *pinfo, const void *ctx, message_values *en, message_values *zh)
{
    const sipadv_flow_timeout *t = ((const timeout_context *)ctx)->t;

    /* No final response: about the request; no ACK: about the final response. */
    fill_flow_values(pinfo, en, zh, wmem_strdup_printf(pinfo->pool, "%u", t->code),
                     sipadv_method_name((sipadv_method)t->method), t->frame, t->waited_ns,
                     t->flag == SIPADV_FLOW_NO_FINAL);
}

void
sipadv_show_timeout(packet_info *pinfo, proto_tree *tree, tvbuff_t *tvb, const sipadv_flow_timeout *t)
{
    proto_item *top = proto_tree_add_item(tree, sipadv_ids.proto, tvb, 0, 0, ENC_NA);
    proto_tree *sub = proto_item_add_subtree(top, sipadv_ids.ett_advisor);
    timeout_context ctx = { t };

    proto_item_append_text(top, ": timer ran out for frame %u", t->frame);
    sipadv_add_generated_uint(sub, sipadv_ids.hf_timeout_frame, tvb, t->frame);
    raise_rule(pinfo, tree, top,
               t->flag == SIPADV_FLOW_NO_FINAL ? SIPADV_RULE_NO_FINAL_RESPONSE : SIPADV_RULE_MISSING_ACK,
               timeout_values, &ctx);
}
