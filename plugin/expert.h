/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Raising sipadv's expert infos, with or without a protocol tree. */
#ifndef SIPADV_EXPERT_H
#define SIPADV_EXPERT_H

#include <epan/packet.h>
#include <epan/expert.h>

#include "knowledge.h"
#include "text.h"

/* Fills the placeholders of an expert's text, English and Chinese; ctx is the caller's. */
typedef void (*sipadv_fill_values)(packet_info *pinfo, const void *ctx, message_values *en, message_values *zh);

/*
 * Raises ei on item (NULL: on the packet alone, as without a tree). Where
 * something reads expert texts (a tree shown or filtered on them, the expert
 * tap of the Expert dialog or -z expert) the text is tmpl filled by fill in
 * the configured language, with suffix appended (may be NULL); elsewhere
 * building it would be wasted and the expert carries its registered summary.
 */
void sipadv_expert(packet_info *pinfo, proto_tree *tree, proto_item *item, expert_field *ei,
                   const sipadv_text *tmpl, sipadv_fill_values fill, const void *ctx, const char *suffix);

#endif
