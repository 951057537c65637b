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
