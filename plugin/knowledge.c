/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "knowledge.h"

/* Every table is sorted by its key (the generator checks it): one binary search serves all. */
#define FIND_SORTED(table, len, field, key)                                   \
    do {                                                                      \
        size_t lo_ = 0, hi_ = (len);                                          \
        while (lo_ < hi_) {                                                   \
            size_t mid_ = lo_ + (hi_ - lo_) / 2;                              \
            if ((table)[mid_].field == (key))                                 \
                return &(table)[mid_];                                        \
            if ((table)[mid_].field < (key))                                  \
                lo_ = mid_ + 1;                                               \
            else                                                              \
                hi_ = mid_;                                                   \
        }                                                                     \
        return NULL;                                                          \
    } while (0)

const sipadv_status_info *
sipadv_status_lookup(unsigned code)
{
    FIND_SORTED(sipadv_status_table, sipadv_status_table_len, code, code);
}

const sipadv_cause_info *
sipadv_q850_lookup(unsigned cause)
{
    FIND_SORTED(sipadv_q850_table, sipadv_q850_table_len, cause, cause);
}

const sipadv_warning_info *
sipadv_warning_lookup(unsigned code)
{
    FIND_SORTED(sipadv_warning_table, sipadv_warning_table_len, code, code);
}

const sipadv_class_info *
sipadv_class_lookup(unsigned code)
{
    if (code < 100 || code > 699)
        return NULL;
    FIND_SORTED(sipadv_class_table, sipadv_class_table_len, digit, code / 100);
}

bool
sipadv_cause_contradicts(const sipadv_cause_info *cause, unsigned status)
{
    /* Provisional responses (199 among them) may carry any cause (RFC 6228). */
    if (!cause || !cause->statuses || status < 300)
        return false;
    for (size_t i = 0; i < cause->n_statuses; i++)
        if (cause->statuses[i] == status)
            return false;
    return true;
}

const sipadv_context_info *
sipadv_context_lookup(unsigned code, unsigned method, unsigned context)
{
    /* A few dozen rows, in the table's order (the first that fits wins): a scan. */
    for (size_t i = 0; i < sipadv_context_table_len; i++) {
        const sipadv_context_info *c = &sipadv_context_table[i];
        if (c->code == code && method < 32 && (c->methods >> method & 1u) && (c->when & ~context) == 0 &&
            (c->unless & context) == 0)
            return c;
    }
    return NULL;
}

static bool
lists_code(const sipadv_offer_advice *a, unsigned code)
{
    for (unsigned i = 0; i < a->n_codes; i++)
        if (a->codes[i] == code)
            return true;
    return false;
}

bool
sipadv_offer_refused_by(unsigned code)
{
    for (size_t i = 0; i < sipadv_offer_advice_table_len; i++)
        if (lists_code(&sipadv_offer_advice_table[i], code))
            return true;
    return false;
}

const sipadv_offer_advice *
sipadv_offer_advice_lookup(unsigned code, uint32_t offer, const unsigned *warnings, size_t n_warnings)
{
    for (size_t i = 0; i < sipadv_offer_advice_table_len; i++) {
        const sipadv_offer_advice *a = &sipadv_offer_advice_table[i];
        bool warned = a->warning == 0;
        for (size_t w = 0; w < n_warnings && !warned; w++)
            warned = warnings[w] == a->warning;
        if ((offer >> a->feature & 1u) && warned && lists_code(a, code))
            return a;
    }
    return NULL;
}
