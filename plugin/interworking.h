/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the headers beside the status code say: Reason (RFC 3326) with its
 * Q.850 cause, Warning (RFC 3261 §20.43), and the 3GPP TS 24.229 bits of IMS
 * responses. Tables come from tables/ at build time; no libwireshark here.
 */
#ifndef SIPADV_INTERWORKING_H
#define SIPADV_INTERWORKING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "knowledge.h"
#include "sip_message.h"

typedef struct {
    unsigned              cause;
    const char           *name;
    sipadv_text           meaning;
    sipadv_guidance       guidance;
    const unsigned short *statuses;    /* final statuses that go with it; NULL: any */
    size_t                n_statuses;
} sipadv_cause_info;

typedef struct {
    unsigned        code;
    const char     *text;               /* registered warn-text */
    sipadv_text     meaning;
    sipadv_guidance guidance;
    const char     *ref;
} sipadv_warning_info;

extern const sipadv_cause_info sipadv_q850_table[];
extern const size_t sipadv_q850_table_len;
extern const sipadv_warning_info sipadv_warning_table[];
extern const size_t sipadv_warning_table_len;

const sipadv_cause_info *sipadv_q850_lookup(unsigned cause);
const sipadv_warning_info *sipadv_warning_lookup(unsigned code);

/*
 * True when a final response's status clearly contradicts the Q.850 cause in its
 * Reason header under the interworking mapping (tables/q850_sip_map.tsv).
 */
bool sipadv_cause_contradicts(const sipadv_cause_info *cause, unsigned status);

typedef enum {
    SIPADV_REASON_OTHER,
    SIPADV_REASON_Q850,
    SIPADV_REASON_SIP
} sipadv_reason_protocol;

/* One value of a Reason header: protocol ;cause=N ;text="..." */
typedef struct {
    sipadv_reason_protocol kind;
    sipadv_span            protocol;
    bool                   has_cause;
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

/* Whether the response comes from an IMS network (3gppnetwork.org, P-headers). */
bool sipadv_looks_ims(const uint8_t *buf, const sipadv_response *resp);

#endif
