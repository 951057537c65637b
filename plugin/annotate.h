/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Turns one parsed response into tree items, expert infos and an Info hint. */
#ifndef SIPADV_ANNOTATE_H
#define SIPADV_ANNOTATE_H

#include <stdbool.h>
#include <epan/packet.h>

#include "sip_message.h"

typedef struct {
    tvbuff_t      *tvb;      /* the data source holding the message */
    gint           offset;   /* where the message starts in tvb */
    gint           len;      /* captured bytes of the message */
    const guint8  *bytes;
    packet_info   *pinfo;
    proto_tree    *tree;
} sipadv_msg_ctx;

/* The short hint for a status code in the configured language; NULL outside 100..699. */
const char *sipadv_hint_for_code(packet_info *pinfo, unsigned code);

/* Returns the short hint for the Info column, in the configured language. */
const char *sipadv_annotate_response(const sipadv_msg_ctx *ctx, const sipadv_response *resp);


/* A BYE or CANCEL: why the call or the attempt ended (its Reason headers). */
void sipadv_annotate_request(const sipadv_msg_ctx *ctx, const sipadv_request *req);

#endif
