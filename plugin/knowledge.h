/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Knowledge about status codes, Q.850 causes and warn-codes, compiled from tables/ at build time. */
#ifndef SIPADV_KNOWLEDGE_H
#define SIPADV_KNOWLEDGE_H

#include <stdbool.h>
#include <stddef.h>

#include "vocabulary.h"

#define SIPADV_MAX_STEPS 6

/* Text in both languages; a guidance is also kept as its separate steps. */
typedef struct {
    const char *en;
    const char *zh;
} sipadv_text;

typedef struct {
    sipadv_text full;                    /* "1) ... 2) ..." */
    const char *steps_en[SIPADV_MAX_STEPS];
    const char *steps_zh[SIPADV_MAX_STEPS];
    unsigned    n_steps;
} sipadv_guidance;

/* How a call ended, in words (tables/outcomes.tsv). */
typedef struct {
    const char *name;                    /* sipadv.call.outcome */
    sipadv_text hint;                    /* for the Info column */
    sipadv_text diagnosis;               /* template of sipadv.call.diagnosis */
} sipadv_outcome_text;

typedef struct {
    unsigned        code;
    const char     *reason;              /* standard reason phrase */
    sipadv_text     hint;                /* a few words for the Info column */
    sipadv_text     meaning;
    sipadv_guidance guidance;
    const char     *ref;
} sipadv_status_info;

typedef struct {
    unsigned        digit;               /* 1..6 */
    sipadv_text     label;               /* "4xx Request Failure", "4xx 请求失败" */
    sipadv_text     name;
    sipadv_text     meaning;             /* for codes outside the registry */
    sipadv_guidance guidance;
    const char     *ref;
} sipadv_class_info;

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
