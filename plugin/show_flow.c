/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Drawing a message's place in its transaction: the request it answers, how long that took, repeats. */
#include "show.h"

#include <wireshark.h>
#include <epan/proto.h>

#include "expert.h"
#include "rules.h"
#include "sipadv.h"

typedef struct {
    const sipadv_shown *m;
    const char         *code;
} flow_context;

static const char *
method_of(const sipadv_shown *m)
{
    return m->a->method != SIPADV_METHOD_OTHER ? sipadv_method_name(m->a->method) : sipadv_span_text(m, m->a->cseq_method);
}

static const char *
elapsed_text(packet_info *pinfo, gint64 ns)
{
    return ns < G_GINT64_CONSTANT(1000000000)
               ? wmem_strdup_printf(pinfo->pool, "%u ms", (unsigned)(ns / 1000000))
               : wmem_strdup_printf(pinfo->pool, "%.2f s", (double)ns / 1e9);
}

static void
flow_values(packet_info *pinfo, const void *ctx, message_values *en, message_values *zh)
{
    const flow_context *fc = ctx;
    const sipadv_shown *m = fc->m;
    const char *method = method_of(m);
    guint32 first = m->flow->original_frame;

    en->code = zh->code = fc->code;
    en->method = zh->method = method;
    en->frame = zh->frame = wmem_strdup_printf(pinfo->pool, "%u", first);
    en->elapsed = zh->elapsed = NULL;
    if (m->a->kind == SIPADV_KIND_REQUEST) {
        en->what = zh->what = method;
    } else {
        en->what = wmem_strdup_printf(pinfo->pool, "%s to %s", fc->code, method);
        zh->what = wmem_strdup_printf(pinfo->pool, "%s 的 %s", method, fc->code);
    }
    if (first)
        en->elapsed = zh->elapsed = elapsed_text(pinfo, m->flow->since_original_ns);
    if (!en->elapsed)
        en->elapsed = zh->elapsed = "?";
}

static void
raise_flow_expert(const sipadv_shown *m, proto_item *item, unsigned rule_index, const char *code)
{
    const sipadv_rule *rule = &sipadv_rules[rule_index];
    flow_context fc = { m, code };

    if (m->pinfo && sipadv_prefs.rule_enabled[rule->expert])
        sipadv_expert(m->pinfo, m->tree, item, &sipadv_ids.ei_rules[rule->expert], &rule->text, flow_values, &fc,
                      wmem_strdup_printf(m->pinfo->pool, " (%s)", rule->clause));
}

void
sipadv_show_flow(const sipadv_shown *m, proto_tree *tree, proto_item *top)
{
    const sipadv_flow_result *f = m->flow;
    char code[8];
    proto_item *item;

    if (!f)
        return;
    g_snprintf(code, sizeof code, "%u", m->a->code);
    if (f->request_frame) {
        nstime_t rt = { (time_t)(f->response_time_ns / 1000000000), (int)(f->response_time_ns % 1000000000) };
        item = proto_tree_add_uint(tree, sipadv_ids.hf_request_frame, m->tvb, 0, 0, f->request_frame);
        proto_item_set_generated(item);
        item = proto_tree_add_time(tree, sipadv_ids.hf_response_time, m->tvb, 0, 0, &rt);
        proto_item_set_generated(item);
    }
    if (f->original_frame) {
        item = proto_tree_add_uint(tree, sipadv_ids.hf_original_frame, m->tvb, 0, 0, f->original_frame);
        proto_item_set_generated(item);
    }
    if (f->flags & SIPADV_FLOW_RETRANSMISSION)
        raise_flow_expert(m, top, SIPADV_RULE_RETRANSMISSION, code);
    if (f->flags & SIPADV_FLOW_ORPHAN)
        raise_flow_expert(m, top, SIPADV_RULE_ORPHAN_RESPONSE, code);
}
