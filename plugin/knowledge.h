/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Knowledge about SIP status codes, compiled from tables/ at build time. */
#ifndef SIPADV_KNOWLEDGE_H
#define SIPADV_KNOWLEDGE_H

#include <stddef.h>

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
    const char     *label;               /* "4xx Request Failure · 请求失败" */
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

/* NULL when the code is not in the IANA registry. */
const sipadv_status_info *sipadv_status_lookup(unsigned code);

/* The class of a code 100..699; NULL for any other value. */
const sipadv_class_info *sipadv_class_lookup(unsigned code);

#endif
