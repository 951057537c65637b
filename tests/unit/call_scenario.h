/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Feeding the call analysis (calls.h) SIP messages built from a few words, as the plugin would: for unit tests. */
#ifndef SIPADV_CALL_SCENARIO_H
#define SIPADV_CALL_SCENARIO_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "calls.h"
#include "check.h"

#define MS INT64_C(1000000)

typedef struct {
    sipadv_calls *calls;
    uint32_t      frame;
    int64_t       now;
} scenario;

/* One message: "REQ METHOD CSEQ FROMTAG TOTAG [extra header]" or "RSP CODE CSEQ METHOD FROMTAG TOTAG [extra]". */
static bool auth_rejected_next;   /* what the transaction analysis says of the next message */
static bool answer_resent_next;   /* likewise: a repeat is a 2xx its UAS sent again */
static bool ue_leg_next;          /* likewise: a request from a UE to its P-CSCF */
static int64_t steady_since = SIPADV_NO_TIME;   /* the last jump of the capture's clock (clock.h) */

static inline sipadv_call_result
send_msg(scenario *s, int64_t after_ms, const char *sender, bool repeat, const char *start_line, unsigned cseq,
         const char *cseq_method, const char *from_tag, const char *to_tag, const char *extra)
{
    char text[1024];
    sipadv_message msg;
    sipadv_call_packet pkt;
    sipadv_call_result res;

    snprintf(text, sizeof text,
             "%s\r\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK%u\r\nFrom: <sip:a@x>;tag=%s\r\nTo: <sip:b@x>%s%s\r\n"
             "Call-ID: c1@x\r\nCSeq: %u %s\r\n%s%sContent-Length: 0\r\n\r\n",
             start_line, cseq, from_tag, to_tag ? ";tag=" : "", to_tag ? to_tag : "", cseq, cseq_method,
             extra ? extra : "", extra ? "\r\n" : "");
    CHECK(sipadv_message_parse((const uint8_t *)text, strlen(text), &msg));
    s->now += after_ms * MS;
    pkt = (sipadv_call_packet){ ++s->frame, s->now, repeat, repeat && answer_resent_next, false, auth_rejected_next, 0, 0,
                                ue_leg_next, steady_since };
    answer_resent_next = ue_leg_next = false;
    auth_rejected_next = false;
    sipadv_calls_message(s->calls, (const uint8_t *)text, &msg, &pkt, &res);
    if (res.deciding)
        sipadv_calls_set_sender(s->calls, res.call, sender);
    return res;
}

#define INVITE(s, ms, cseq, to) send_msg(s, ms, "ue", false, "INVITE sip:b@x SIP/2.0", cseq, "INVITE", "A", to, NULL)
#define RESP(s, ms, who, line, cseq, method, to, extra) \
    send_msg(s, ms, who, false, "SIP/2.0 " line, cseq, method, "A", to, extra)

#endif
