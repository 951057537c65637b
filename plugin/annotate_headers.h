/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Reason, Warning and the 3GPP TS 24.229 specifics, explained beside the status. */
#ifndef SIPADV_ANNOTATE_HEADERS_H
#define SIPADV_ANNOTATE_HEADERS_H

#include <epan/packet.h>

#include "annotate.h"
#include "sip_message.h"

/* Every Reason value; status is the response's code, or 0 for a BYE or CANCEL. */
void sipadv_annotate_reasons(proto_tree *tree, const sipadv_msg_ctx *ctx, const sipadv_repeats *reasons,
                             unsigned status);
void sipadv_annotate_warnings(proto_tree *tree, const sipadv_msg_ctx *ctx, const sipadv_response *resp);
/* 380/504 bodies, 401 and 494 to REGISTER, and IMS hints; at carries the experts. */
void sipadv_annotate_ims(proto_tree *tree, const sipadv_msg_ctx *ctx, proto_item *at, const sipadv_response *resp);

#endif
