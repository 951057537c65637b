/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The grammars of the header values and bodies the advisor explains: Reason
 * (RFC 3326), Warning (RFC 3261 §20.43), the 3GPP IM CN subsystem XML body
 * (3GPP TS 24.229 §7.6), Digest challenges, Security-Server (RFC 3329),
 * Retry-After. No libwireshark here; nothing is read outside the given span.
 */
#ifndef SIPADV_SIP_VALUES_H
#define SIPADV_SIP_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sip_message.h"

typedef enum {
    SIPADV_REASON_OTHER,
    SIPADV_REASON_Q850,
    SIPADV_REASON_SIP
} sipadv_reason_protocol;

/* One value of a Reason header: protocol ;cause=N ;text="..." */
typedef struct {
    sipadv_reason_protocol kind;
    sipadv_span            protocol;
    bool                   has_cause;   /* a number of at most 65535 */
    unsigned               cause;
    sipadv_span            cause_text;
    sipadv_span            text;        /* without its quotes; empty if absent */
} sipadv_reason_value;

bool sipadv_parse_reason(const uint8_t *buf, sipadv_span item, sipadv_reason_value *out);

/* One value of a Warning header: warn-code SP warn-agent SP warn-text */
typedef struct {
    bool        has_code;
    unsigned    code;
    sipadv_span code_text;
    sipadv_span agent;
    sipadv_span text;                   /* without its quotes */
} sipadv_warning_value;

bool sipadv_parse_warning(const uint8_t *buf, sipadv_span item, sipadv_warning_value *out);

/* The 3GPP IM CN subsystem XML body (3GPP TS 24.229 §7.6): <alternative-service>. */
typedef struct {
    bool        found;
    sipadv_span type;                   /* emergency, restoration */
    sipadv_span reason;
    sipadv_span action;                 /* emergency-registration, initial-registration, ... */
} sipadv_ims_body;

void sipadv_parse_ims_body(const uint8_t *buf, sipadv_span body, sipadv_ims_body *out);

/* A parameter of a Digest challenge (WWW-Authenticate), its quotes removed. */
bool sipadv_auth_param(const uint8_t *buf, sipadv_span challenge, const char *name, sipadv_span *out);

/*
 * Whether a request was sent by a UE to its P-CSCF (the IMS Gm leg, where
 * 3GPP TS 24.229 §7.7 sets T1 = 2 s): docs/flows.md gives the reasoning.
 */
bool sipadv_sent_by_ue(const uint8_t *buf, const sipadv_message *msg);

/* The mechanism name that starts a Security-Server value (ipsec-3gpp, tls, ...). */
sipadv_span sipadv_security_mechanism(const uint8_t *buf, sipadv_span item);

/* The decimal digits a value starts with (Retry-After's delta-seconds); empty if none. */
sipadv_span sipadv_leading_digits(const uint8_t *buf, sipadv_span value);

/* A decimal number of at most max_digits filling the whole span. */
bool sipadv_span_number(const uint8_t *buf, sipadv_span s, size_t max_digits, unsigned *out);

/*
 * Who generated a message, as it tells: the warn-agent of its first Warning
 * (the server that added it, RFC 3261 §20.43), else its Server, else its
 * User-Agent (§20.35, §20.41). *from says which header; empty if none.
 */
sipadv_span sipadv_generator(const uint8_t *buf, const sipadv_message *msg, sipadv_header_id *from);

/* Whether the message comes from an IMS network (3gppnetwork.org, P-headers). */
bool sipadv_looks_ims(const uint8_t *buf, const sipadv_message *msg);

#endif
