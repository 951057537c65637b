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
#include "vocabulary.h"

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
    uint32_t          when;          /* SIPADV_F_* flags (vocabulary.h) that must all be set */
    uint32_t          when_not;      /* ... and those that must all be clear ("!stream") */
    sipadv_check      check;
    uint64_t          headers;       /* bit (1 << sipadv_header_id) per header checked */
    const char       *clause;
    sipadv_text       text;
} sipadv_rule;

typedef struct {
    const char     *abbrev;          /* "sipadv.missing_allow" */
    const char     *name;            /* "missing_allow" */
    const char     *summary;         /* the registered text: "503 without Retry-After" */
    sipadv_severity severity;
    sipadv_group    group;
    sipadv_profile  profile;         /* the least profile that raises it */
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

/* Experts fired are tracked in a 64-bit mask. */
#define SIPADV_MAX_RULE_EXPERTS 64

/*
 * Fills hits with the rules a response breaks, in table order, at most one
 * hit per expert; enabled[expert] (NULL: all) switches an expert off. Returns
 * the count; requests break no rule.
 */
size_t sipadv_rules_evaluate(const uint8_t *buf, const sipadv_message *msg, const bool *enabled,
                             sipadv_rule_hit *hits, size_t max_hits);

#endif
