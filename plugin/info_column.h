/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef SIPADV_INFO_COLUMN_H
#define SIPADV_INFO_COLUMN_H

#include <epan/packet.h>

/*
 * Puts each response's hint after its own part of the Info column, which the
 * SIP dissector writes as "Status: 180 Ringing | Request: BYE sip:b@h | ".
 * hints[i] belongs to the frame's i-th SIP message (NULL for a request); when
 * SIP's parts and the messages do not pair up, the parts' own status codes say.
 */
void sipadv_info_add_hints(packet_info *pinfo, const char *const *hints, guint n_messages);

/*
 * Without a tree there is no message text to read: the hints then come from the
 * status lines SIP wrote into the Info column ("Status: 503 Service ...").
 */
void sipadv_info_hints_from_column(packet_info *pinfo);

#endif
