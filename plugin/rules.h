/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The rule engine: rules are rows of tables/rules.tsv, compiled in as
 * descriptors; one function decides which of them a response breaks.
 */
#ifndef SIPADV_RULES_H
#define SIPADV_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "knowledge.h"
#include "sip_message.h"

typedef enum {
    SIPADV_CHECK_ABSENT,             /* the header is missing */
    SIPADV_CHECK_ABSENT_ALL,         /* none of the headers is there */
    SIPADV_CHECK_ABSENT_EACH,        /* some of the headers are missing: name them */
    SIPADV_CHECK_NO_TO_TAG,          /* To without a tag parameter */
    SIPADV_CHECK_ALWAYS,             /* the code, method and condition alone are the finding */
    SIPADV_CHECK_DEFAULT_PHRASE,     /* the reason phrase is the registry's default */
    SIPADV_CHECK_PHRASE_OTHER_CODE,  /* the reason phrase is another code's phrase */
    SIPADV_CHECK_NOT_NUMBER,         /* the header's value is not a number */
    SIPADV_CHECK_REPEATED            /* a header that may appear once appears again */
} sipadv_check;

typedef enum {
    SIPADV_SEVERITY_WARN,            /* a MUST is broken */
    SIPADV_SEVERITY_NOTE,            /* a SHOULD is broken */
    SIPADV_SEVERITY_CHAT             /* advice */
} sipadv_severity;

#define SIPADV_RULE_MAX_RANGES  4
#define SIPADV_RULE_MAX_METHODS 4

typedef struct {
    unsigned lo, hi;
} sipadv_code_range;

typedef struct {
    unsigned          expert;        /* index into sipadv_rule_experts; rows may share one */
    sipadv_code_range codes[SIPADV_RULE_MAX_RANGES];
    unsigned          n_codes;       /* 0: every code */
    const char       *methods[SIPADV_RULE_MAX_METHODS];
    unsigned          n_methods;     /* 0: every method */
    bool              methods_negated;
    uint32_t          when;          /* SIPADV_F_* flags that must all be set */
    sipadv_check      check;
    uint64_t          headers;       /* bit (1 << sipadv_header_id) per header checked */
    const char       *clause;
    sipadv_text       text;
} sipadv_rule;

typedef struct {
    const char     *abbrev;          /* "sipadv.missing_allow" */
    const char     *name;            /* "missing_allow" */
    const char     *title;
    sipadv_severity severity;
} sipadv_rule_expert;

extern const sipadv_rule sipadv_rules[];
extern const size_t sipadv_rules_len;
extern const sipadv_rule_expert sipadv_rule_experts[];
extern const size_t sipadv_rule_experts_len;

typedef struct {
    const sipadv_rule *rule;
    uint64_t           headers;      /* ABSENT_EACH: missing ones; REPEATED: repeated ones */
    unsigned           other_code;   /* PHRASE_OTHER_CODE: whose phrase it is */
} sipadv_rule_hit;

/*
 * Fills hits with the rules the response breaks, in table order, at most one
 * hit per expert; enabled[expert] switches an expert off. Returns the count.
 */
size_t sipadv_rules_evaluate(const uint8_t *msg, const sipadv_response *resp, const bool *enabled,
                             sipadv_rule_hit *hits, size_t max_hits);

#endif
