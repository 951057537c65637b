/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "expert.h"

#include <wireshark.h>
#include <epan/proto.h>
#include <epan/tap.h>

#include "sipadv.h"

static bool
text_wanted(proto_tree *tree, expert_field *ei)
{
    return (sipadv_ids.expert_tap >= 0 && have_tap_listener(sipadv_ids.expert_tap)) ||
           proto_field_is_referenced(tree, ei->hf) ||
           (sipadv_ids.hf_expert_message >= 0 && proto_field_is_referenced(tree, sipadv_ids.hf_expert_message));
}

void
sipadv_expert(packet_info *pinfo, proto_tree *tree, proto_item *item, expert_field *ei,
              const sipadv_text *tmpl, sipadv_fill_values fill, const void *ctx, const char *suffix)
{
    message_values en = { 0 }, zh = { 0 };
    char *text;

    if (!text_wanted(tree, ei)) {
        expert_add_info(pinfo, item, ei);
        return;
    }
    if (fill)
        fill(pinfo, ctx, &en, &zh);
    text = sipadv_localized(pinfo, tmpl, &en, &zh);
    if (suffix)
        text = sipadv_fit_label(wmem_strdup_printf(pinfo->pool, "%s%s", text, suffix));
    expert_add_info_format(pinfo, item, ei, "%s", text);
}
