/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Knowledge about status codes, Q.850 causes and warn-codes, compiled from tables/ at build time. */
#ifndef SIPADV_KNOWLEDGE_H
#define SIPADV_KNOWLEDGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vocabulary.h"

#define SIPADV_MAX_STEPS 6

/* Text in both languages; a guidance is also kept as its separate steps. */
typedef struct {
    const char *en;
    const char *zh;
} sipadv_text;

/*
 * A step written "IMS: ..." (the Chinese "IMS：...") applies to IMS flows only
 * (ims_steps); general is the guidance without those steps, renumbered, for
 * other flows ({ NULL, NULL } when no step is IMS-only).
 */
typedef struct {
    sipadv_text full;                    /* "1) ... 2) ..." */
    const char *steps_en[SIPADV_MAX_STEPS];
    const char *steps_zh[SIPADV_MAX_STEPS];
    unsigned    n_steps;
    sipadv_text general;
    uint8_t     ims_steps;               /* bit i: step i is IMS-only */
    uint8_t     first_general;           /* the first step that is not */
} sipadv_guidance;

/* How a call ended, in words (tables/outcomes.tsv). */
typedef struct {
    const char *name;                    /* sipadv.call.outcome */
    sipadv_text hint;                    /* for the Info column */
    sipadv_text diagnosis;               /* template of sipadv.call.diagnosis */
} sipadv_outcome_text;

typedef struct {
    const char *abbrev;                  /* "SER": as RFC 6076 or ITU-T E.411 names it */
    sipadv_text name;                    /* "Session Establishment Ratio", "会话建立率" */
} sipadv_kpi_text;

typedef struct {
    unsigned        code;
    const char     *reason;              /* standard reason phrase */
    sipadv_text     hint;                /* a few words for the Info column */
    sipadv_text     meaning;
    sipadv_text     general_meaning;     /* the meaning before its "IMS: " part; { NULL, NULL }: all general */
    sipadv_guidance guidance;
    const char     *ref;
} sipadv_status_info;

typedef struct {
    unsigned        digit;               /* 1..6 */
    sipadv_text     label;               /* "4xx Request Failure", "4xx 请求失败" */
    sipadv_text     name;
    sipadv_text     meaning;             /* for codes outside the registry */
    sipadv_text     general_meaning;     /* as in sipadv_status_info */
    sipadv_guidance guidance;
    const char     *ref;
} sipadv_class_info;

/*
 * A status code's meaning and guidance in one context (tables/guidance_contexts.tsv):
 * for responses to one of its methods whose context (SIPADV_CTX_*) has every
 * bit of when and none of unless.
 */
typedef struct {
    uint16_t        code;
    uint8_t         when, unless;        /* SIPADV_CTX_* */
    uint32_t        methods;             /* bit (1 << sipadv_method) of each */
    sipadv_text     meaning;             /* { NULL, NULL }: the generic one */
    sipadv_text     general_meaning;     /* as in sipadv_status_info */
    sipadv_guidance guidance;
} sipadv_context_info;

/* The meaning for a flow: all of it for an IMS flow, else its general part (when it has an IMS part). */
static inline const sipadv_text *
sipadv_meaning_for(const sipadv_text *meaning, const sipadv_text *general, bool ims)
{
    return ims || !general->en ? meaning : general;
}

/* The first step of a guidance that applies to a flow. */
static inline unsigned
sipadv_first_step(const sipadv_guidance *g, bool ims)
{
    return ims ? 0 : g->first_general;
}

extern const sipadv_context_info sipadv_context_table[];
extern const size_t sipadv_context_table_len;

/*
 * The first row that fits a response of code to a request of method in
 * context (SIPADV_CTX_*), or NULL: the generic explanation holds.
 */
const sipadv_context_info *sipadv_context_lookup(unsigned code, unsigned method, unsigned context);

/*
 * What a response refusing an SDP offer means for one feature of that offer
 * (tables/offer_advice.tsv): for a response of one of codes to an offer with
 * feature, and a Warning of warn-code warning when it is not 0.
 */
#define SIPADV_OFFER_ADVICE_CODES 6
typedef struct {
    uint8_t     feature;                 /* sipadv_offer_feature */
    uint8_t     n_codes;
    uint16_t    warning;
    uint16_t    codes[SIPADV_OFFER_ADVICE_CODES];
    sipadv_text advice;
} sipadv_offer_advice;

extern const sipadv_offer_advice sipadv_offer_advice_table[];
extern const size_t sipadv_offer_advice_table_len;

/* Whether some row's codes hold code: the responses that refuse an offer. */
bool sipadv_offer_refused_by(unsigned code);
/*
 * The first row that fits a response of code, with the Warning codes warnings,
 * to an offer with the features offer (sdp_offer.h); NULL if none fits.
 */
const sipadv_offer_advice *sipadv_offer_advice_lookup(unsigned code, uint32_t offer, const unsigned *warnings,
                                                      size_t n_warnings);

/* Generated from the tables/ TSV files, sorted by code. */
extern const sipadv_status_info sipadv_status_table[];
extern const size_t sipadv_status_table_len;
extern const sipadv_class_info sipadv_class_table[];
extern const size_t sipadv_class_table_len;

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

/* NULL when the code is not in the IANA registry. */
const sipadv_status_info *sipadv_status_lookup(unsigned code);

/* The class of a code 100..699; NULL for any other value. */
const sipadv_class_info *sipadv_class_lookup(unsigned code);

const sipadv_cause_info *sipadv_q850_lookup(unsigned cause);
const sipadv_warning_info *sipadv_warning_lookup(unsigned code);

/*
 * True when a final response's status clearly contradicts the Q.850 cause in its
 * Reason header under the interworking mapping (tables/q850_sip_map.tsv).
 */
bool sipadv_cause_contradicts(const sipadv_cause_info *cause, unsigned status);

#endif
