/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "deadlines.h"

#include <stdlib.h>

bool
sipadv_deadlines_push(sipadv_deadlines *q, const sipadv_deadline *d)
{
    if (q->count == q->capacity) {
        size_t cap = q->capacity ? q->capacity * 2 : 256;
        sipadv_deadline *grown = malloc(cap * sizeof *grown);
        if (!grown)
            return false;
        for (size_t i = 0; i < q->count; i++)
            grown[i] = q->ring[(q->head + i) & (q->capacity - 1)];
        free(q->ring);
        q->ring = grown;
        q->capacity = cap;
        q->head = 0;
    }
    q->ring[(q->head + q->count++) & (q->capacity - 1)] = *d;
    return true;
}

bool
sipadv_deadlines_pop_due(sipadv_deadlines *q, int64_t now, sipadv_deadline *out)
{
    if (q->count == 0 || q->ring[q->head].due_ns > now)
        return false;
    *out = q->ring[q->head];
    q->head = (q->head + 1) & (q->capacity - 1);
    q->count--;
    return true;
}

void
sipadv_deadlines_free(sipadv_deadlines *q)
{
    free(q->ring);
    *q = (sipadv_deadlines){ 0 };
}
