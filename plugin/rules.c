/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "rules.h"

#include <string.h>

#include "sipadv_tables.h"

static inline int
lowest_bit(uint64_t m)
{
    return __builtin_ctzll(m);
}

static bool
code_matches(const sipadv_rule *rule, unsigned code)
{
    if (rule->n_codes == 0)
        return true;
    for (unsigned i = 0; i < rule->n_codes; i++)
        if (code >= rule->codes[i].lo && code <= rule->codes[i].hi)
            return true;
    return false;
}

/* Methods are case-sensitive (RFC 3261 §7.1); an unknown method matches no list. */
static bool
method_matches(const sipadv_rule *rule, const uint8_t *msg, sipadv_span method)
{
    bool listed = false;

    if (rule->n_methods == 0)
        return true;
    if (method.len == 0)
        return false;
    for (unsigned i = 0; i < rule->n_methods && !listed; i++)
        listed = strlen(rule->methods[i]) == method.len &&
                 memcmp(rule->methods[i], msg + method.off, method.len) == 0;
    return listed != rule->methods_negated;
}

/* The registered code, other than this one, whose standard phrase the response carries. */
static unsigned
phrase_owner(const uint8_t *msg, const sipadv_message *resp)
{
    const sipadv_status_info *own = sipadv_status_lookup(resp->status.code);

    if (resp->status.reason.len == 0 || (own && sipadv_span_equals(msg, resp->status.reason, own->reason)))
        return 0;
    for (size_t i = 0; i < sipadv_status_table_len; i++)
        if (sipadv_span_equals(msg, resp->status.reason, sipadv_status_table[i].reason))
            return sipadv_status_table[i].code;
    return 0;
}

/* A header section cut short proves no header absent: those checks need all of it. */
static bool
needs_whole_header(sipadv_check check)
{
    return check == SIPADV_CHECK_ABSENT || check == SIPADV_CHECK_ABSENT_ALL ||
           check == SIPADV_CHECK_ABSENT_EACH || check == SIPADV_CHECK_NO_TO_TAG;
}

static bool
breaks(const sipadv_rule *rule, const uint8_t *msg, const sipadv_message *resp, sipadv_rule_hit *hit)
{
    uint64_t missing = rule->headers & ~resp->present;

    if (!resp->headers_complete && needs_whole_header(rule->check))
        return false;
    switch (rule->check) {
    case SIPADV_CHECK_ABSENT:
    case SIPADV_CHECK_ABSENT_ALL:
        return missing == rule->headers;
    case SIPADV_CHECK_ABSENT_EACH:
        hit->headers = missing;
        return missing != 0;
    case SIPADV_CHECK_NO_TO_TAG:
        return ((resp->present >> SIPADV_HDR_TO) & 1u) && !(resp->flags & SIPADV_F_TO_TAG);
    case SIPADV_CHECK_ALWAYS:
        return true;
    case SIPADV_CHECK_DEFAULT_PHRASE: {
        const sipadv_status_info *own = sipadv_status_lookup(resp->status.code);
        return own && sipadv_span_equals(msg, resp->status.reason, own->reason);
    }
    case SIPADV_CHECK_PHRASE_OTHER_CODE:
        hit->other_code = phrase_owner(msg, resp);
        return hit->other_code != 0;
    case SIPADV_CHECK_NOT_NUMBER:
        for (uint64_t m = rule->headers & resp->present; m; m &= m - 1)
            if (!sipadv_value_is_number(msg, resp->first[lowest_bit(m)]))
                return true;
        return false;
    case SIPADV_CHECK_REPEATED:
        for (uint64_t m = rule->headers & resp->present; m; m &= m - 1)
            if (resp->count[lowest_bit(m)] > 1)
                hit->headers |= m & -m;
        return hit->headers != 0;
    case SIPADV_CHECK_FLOW:     /* flow.c decides these */
    case SIPADV_CHECK_COUNT:
        break;
    }
    return false;
}

_Static_assert(SIPADV_RULE_EXPERT_COUNT <= SIPADV_MAX_RULE_EXPERTS, "fired experts are a 64-bit mask");

/* For each status code, the rules whose codes it matches, as a bit set in table order; built on first use. */
#define RULE_WORDS ((SIPADV_RULE_COUNT + 63) / 64)
static uint64_t rules_of_code[600][RULE_WORDS];

static void
index_rules(void)
{
    for (unsigned code = 100; code < 700; code++)
        for (size_t i = 0; i < sipadv_rules_len; i++)
            if (sipadv_rules[i].check != SIPADV_CHECK_FLOW && code_matches(&sipadv_rules[i], code))
                rules_of_code[code - 100][i / 64] |= (uint64_t)1 << (i % 64);
}

size_t
sipadv_rules_evaluate(const uint8_t *msg, const sipadv_message *resp, const bool *enabled,
                      sipadv_rule_hit *hits, size_t max_hits)
{
    static bool indexed;
    uint64_t fired = 0;   /* experts already reported, so one expert fires once */
    size_t n = 0;

    if (resp->kind != SIPADV_KIND_RESPONSE || resp->status.kind != SIPADV_STATUS_OK)
        return 0;
    if (!indexed) {
        index_rules();
        indexed = true;
    }
    for (size_t w = 0; w < RULE_WORDS; w++) {
        for (uint64_t m = rules_of_code[resp->status.code - 100][w]; m && n < max_hits; m &= m - 1) {
            const sipadv_rule *rule = &sipadv_rules[w * 64 + (size_t)lowest_bit(m)];
            sipadv_rule_hit hit = { rule, 0, 0 };

            if ((enabled && !enabled[rule->expert]) || ((fired >> rule->expert) & 1u))
                continue;
            if (!method_matches(rule, msg, resp->id.cseq_method))
                continue;
            if ((resp->flags & rule->when) != rule->when || (resp->flags & rule->when_not) ||
                !breaks(rule, msg, resp, &hit))
                continue;
            fired |= (uint64_t)1 << rule->expert;
            hits[n++] = hit;
        }
    }
    return n;
}
