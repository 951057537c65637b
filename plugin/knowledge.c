/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "knowledge.h"

const sipadv_status_info *
sipadv_status_lookup(unsigned code)
{
    size_t lo = 0, hi = sipadv_status_table_len;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sipadv_status_table[mid].code == code)
            return &sipadv_status_table[mid];
        if (sipadv_status_table[mid].code < code)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const sipadv_class_info *
sipadv_class_lookup(unsigned code)
{
    if (code < 100 || code > 699)
        return NULL;
    for (size_t i = 0; i < sipadv_class_table_len; i++) {
        if (sipadv_class_table[i].digit == code / 100)
            return &sipadv_class_table[i];
    }
    return NULL;
}
