/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "deadlines.h"

#include "key_table.h"

/* 96 KB of timers a chunk. */
#define CHUNK_ENTRIES 4096

struct sipadv_deadline_chunk {
    sipadv_deadline_chunk *next;
    sipadv_deadline        entries[CHUNK_ENTRIES];
};

static sipadv_deadline_chunk *
new_chunk(sipadv_deadlines *q)
{
    sipadv_deadline_chunk *c = q->spare;

    if (c)
        q->spare = NULL;
    else if ((c = sipadv_pages_alloc(sizeof *c)) == NULL)
        return NULL;
    c->next = NULL;
    return c;
}

bool
sipadv_deadlines_push(sipadv_deadlines *q, const sipadv_deadline *d)
{
    if (!q->tail || q->filled == CHUNK_ENTRIES) {
        sipadv_deadline_chunk *c = new_chunk(q);
        if (!c)
            return false;
        if (q->tail)
            q->tail->next = c;
        else
            q->head = c;
        q->tail = c;
        q->filled = 0;
    }
    q->tail->entries[q->filled++] = *d;
    return true;
}

bool
sipadv_deadlines_pop_due(sipadv_deadlines *q, int64_t now, sipadv_deadline *out)
{
    sipadv_deadline_chunk *drained;

    if (!q->head || (q->head == q->tail && q->taken == q->filled) || q->head->entries[q->taken].due_ns > now)
        return false;
    *out = q->head->entries[q->taken++];
    if (q->taken < CHUNK_ENTRIES)
        return true;
    /* Head drained: keep it for the next chunk needed, unless one is kept already. */
    drained = q->head;
    q->head = drained->next;
    q->taken = 0;
    if (!q->head)
        q->tail = NULL;
    if (q->spare)
        sipadv_pages_free(drained, sizeof *drained);
    else
        q->spare = drained;
    return true;
}

void
sipadv_deadlines_free(sipadv_deadlines *q)
{
    while (q->head) {
        sipadv_deadline_chunk *next = q->head->next;
        sipadv_pages_free(q->head, sizeof *q->head);
        q->head = next;
    }
    sipadv_pages_free(q->spare, sizeof *q->spare);
    *q = (sipadv_deadlines){ 0 };
}
