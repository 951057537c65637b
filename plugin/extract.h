/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Where a frame's SIP messages come from, with or without a protocol tree. */
#ifndef SIPADV_EXTRACT_H
#define SIPADV_EXTRACT_H

#include <stdbool.h>
#include <epan/packet.h>

/*
 * Bytes that hold one SIP message: tvb is a data source of the frame, the
 * message starts at offset; its end is not known before it is parsed, only
 * that it lies within limit bytes. With "follows" the message starts where
 * the previous one of the list ends (several messages in one TCP segment).
 */
typedef struct {
    tvbuff_t *tvb;
    gint      offset;
    gint      limit;
    bool      follows;
} sipadv_source;

/*
 * Whether SIP dissected part of this frame (pinfo->layers lists protocol ids),
 * and whether only inside an ICMP error: a message quoted there is a copy of
 * one seen before, not a new one.
 */
typedef enum { SIPADV_NO_SIP, SIPADV_SIP, SIPADV_SIP_IN_ICMP_ERROR } sipadv_frame_sip;
sipadv_frame_sip sipadv_frame_layers(const packet_info *pinfo);

/* Registers the tap listener that makes SIP hand over its messages. */
void sipadv_extract_register(void);

/*
 * The SIP messages Wireshark's SIP dissector found in this frame (one whose
 * layers say SIPADV_SIP), in order:
 * from the export-PDU tap when taps run (with or without a tree), else from
 * SIP's items at the top of the tree. Returns how many; *out is room (the
 * caller's room_len > 0 sources) while they fit, else packet-scoped.
 */
guint sipadv_extract(packet_info *pinfo, proto_tree *tree, sipadv_source *room, guint room_len,
                     sipadv_source **out);

#endif
