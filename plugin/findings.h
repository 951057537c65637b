/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What one SIP message says, decided once: the rules it breaks, its Reason and
 * Warning values with what they mean, the IMS specifics. No libwireshark here:
 * the plugin, the unit tests and the fuzzer call the same sipadv_analyze().
 * The result refers to the message's bytes by spans, so it can be stored per
 * frame in a compact form and drawn on any later pass without parsing again.
 */
#ifndef SIPADV_FINDINGS_H
#define SIPADV_FINDINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rules.h"
#include "sip_message.h"
#include "sip_values.h"
#include "sipadv_tables.h"

/* Values shown per kind (Reason, Warning, security mechanism); the rest are counted. */
#define SIPADV_SHOW_VALUES 8
#define SIPADV_MAX_VALUES  96

typedef enum {
    SIPADV_IMS_AUTO,               /* a 3gppnetwork.org domain or IMS P-headers */
    SIPADV_IMS_ON,
    SIPADV_IMS_OFF
} sipadv_ims_profile;

typedef struct {
    sipadv_ims_profile ims_profile;
    const bool        *rule_enabled;   /* per rule expert; NULL: all */
} sipadv_options;

typedef enum {
    SIPADV_VALUE_REASON,       /* a: protocol, b: cause text, c: text; number: cause; kind: protocol */
    SIPADV_VALUE_WARNING,      /* a: code text, b: agent, c: text; number: warn-code */
    SIPADV_VALUE_MECHANISM,    /* a: a Security-Server mechanism */
    SIPADV_VALUE_IMS_TYPE,     /* a: <type> of the 3GPP body */
    SIPADV_VALUE_IMS_REASON,   /* a: <reason> */
    SIPADV_VALUE_IMS_ACTION,   /* a: <action> */
    SIPADV_VALUE_ALGORITHM,    /* a: the challenged algorithm */
    SIPADV_VALUE_IMS_HINT,     /* number: sipadv_msg_id; a: its {detail}; b, c: a Warning's code and text */
    SIPADV_VALUE_STALE,        /* number: 1 if a 401/407 challenge says stale=true, else 0; a: the parameter */
    SIPADV_VALUE_BINDING,      /* a 2xx to REGISTER: a: a Contact's URI; number (HAS_NUMBER): its granted expires */
    SIPADV_VALUE_ASSOCIATED_URI, /* a: a P-Associated-URI value (RFC 7315) */
    SIPADV_VALUE_SERVICE_ROUTE,  /* a: a Service-Route value (RFC 3608) */
    SIPADV_VALUE_PATH,           /* a: a Path value (RFC 3327) */
    SIPADV_VALUE_GENERATOR,      /* a failure response: a: who generated it; number: the sipadv_header_id telling it */
    SIPADV_VALUE_MORE          /* number: values of kind "of" not shown */
} sipadv_value_type;

#define SIPADV_VALUE_HAS_NUMBER 0x1u   /* a cause or warn-code was read */
#define SIPADV_VALUE_MISMATCH   0x2u   /* a Q.850 cause that contradicts the status */

typedef struct {
    uint8_t     type;          /* sipadv_value_type */
    uint8_t     kind;          /* REASON: sipadv_reason_protocol */
    uint8_t     flags;         /* SIPADV_VALUE_* */
    uint8_t     of;            /* MORE: the sipadv_value_type not shown */
    uint32_t    number;
    sipadv_span a, b, c;
} sipadv_value;

typedef struct {
    uint16_t rule;             /* index into sipadv_rules */
    uint16_t other_code;       /* PHRASE_OTHER_CODE: whose phrase it is */
    uint64_t headers;          /* ABSENT_EACH: missing ones; REPEATED: repeated ones */
} sipadv_hit;

#define SIPADV_A_HEADERS_COMPLETE 0x1u   /* the blank line ending the headers was seen */
#define SIPADV_A_IMS              0x2u   /* the IMS profile applies (asked only of codes with IMS specifics) */
#define SIPADV_A_DIGEST           0x4u   /* a 401/407 challenging with Digest and MD5 (or no algorithm) */
#define SIPADV_A_AKA              0x8u   /* a 401/407 challenging with IMS AKA (AKAv1-MD5, AKAv2-MD5) */
#define SIPADV_A_IMS_FLOW         0x10u  /* a response the IMS profile applies to: its guidance keeps the IMS-only steps */

/* The stored form: this header, then n_hits hits, then n_values values. */
typedef struct {
    uint8_t     kind;          /* sipadv_kind */
    uint8_t     method;        /* requests: the method; responses: the CSeq method */
    uint16_t    code;          /* responses: the three digits of the status line, if there are three */
    uint8_t     problem;       /* sipadv_status_problem: not NONE when the status line is malformed */
    uint8_t     flags;         /* SIPADV_A_* */
    uint8_t     n_hits;
    uint8_t     n_values;
    sipadv_span start;         /* responses: the code token; requests: the method */
    sipadv_span phrase;        /* responses: the reason phrase */
    sipadv_span cseq_method;
} sipadv_analysis;

_Static_assert(sizeof(sipadv_analysis) % 8 == 0 && sizeof(sipadv_hit) % 8 == 0 && sizeof(sipadv_value) % 8 == 0,
               "the stored form packs these one after the other");

static inline const sipadv_hit *
sipadv_analysis_hits(const sipadv_analysis *a)
{
    return (const sipadv_hit *)(a + 1);
}

static inline const sipadv_value *
sipadv_analysis_values(const sipadv_analysis *a)
{
    return (const sipadv_value *)(sipadv_analysis_hits(a) + a->n_hits);
}

/* The working form sipadv_analyze fills; sipadv_findings_pack makes the stored one. */
typedef struct {
    sipadv_analysis head;
    sipadv_hit      hits[SIPADV_RULE_EXPERT_COUNT];
    sipadv_value    values[SIPADV_MAX_VALUES];
} sipadv_findings;

/*
 * Parses the message that starts buf into msg and decides its findings.
 * Returns the message's length (sipadv_message_frame), or 0, with nothing
 * filled but msg->kind, when buf starts no SIP request or response.
 */
size_t sipadv_analyze(const uint8_t *buf, size_t len, const sipadv_options *opt, sipadv_message *msg,
                    sipadv_findings *out);

/* Bytes a stored analysis takes: its header, hits and values. */
static inline size_t
sipadv_analysis_size(const sipadv_analysis *a)
{
    return sizeof *a + a->n_hits * sizeof(sipadv_hit) + a->n_values * sizeof(sipadv_value);
}

/* Bytes the stored form of f takes; sipadv_findings_pack writes it there. */
size_t sipadv_findings_packed_size(const sipadv_findings *f);
const sipadv_analysis *sipadv_findings_pack(const sipadv_findings *f, void *out);

#endif
