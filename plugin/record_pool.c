/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "record_pool.h"

#include <stdlib.h>
#include <string.h>

#include "key_table.h"

/* About 64 KB of records a chunk: one allocation for hundreds of records, little unused at the end. */
#define CHUNK_BYTES ((size_t)64 * 1024)

void
sipadv_record_pool_init(sipadv_record_pool *p, size_t record_size)
{
    memset(p, 0, sizeof *p);
    p->record_size = record_size < sizeof(uint32_t) ? sizeof(uint32_t) : record_size;
    while (((size_t)2 << p->chunk_shift) * p->record_size <= CHUNK_BYTES)
        p->chunk_shift++;
}

void
sipadv_record_pool_free(sipadv_record_pool *p)
{
    for (size_t i = 0; i < p->n_chunks; i++)
        sipadv_pages_free(p->chunks[i], p->record_size << p->chunk_shift);
    free(p->chunks);
    sipadv_record_pool_init(p, p->record_size);
}

static bool
add_chunk(sipadv_record_pool *p)
{
    uint8_t *chunk;

    if (p->n_chunks == p->cap_chunks) {
        size_t cap = p->cap_chunks ? p->cap_chunks * 2 : 16;
        uint8_t **grown = realloc(p->chunks, cap * sizeof *grown);
        if (!grown)
            return false;
        p->chunks = grown;
        p->cap_chunks = cap;
    }
    if ((chunk = sipadv_pages_alloc(p->record_size << p->chunk_shift)) == NULL)
        return false;
    p->chunks[p->n_chunks++] = chunk;
    return true;
}

uint32_t
sipadv_record_pool_take(sipadv_record_pool *p)
{
    uint32_t n;
    void *r;

    if (p->free_head) {
        n = p->free_head;
        r = sipadv_record_pool_at(p, n);
        memcpy(&p->free_head, r, sizeof p->free_head);
        memset(r, 0, p->record_size);
        return n;
    }
    if (p->used == UINT32_MAX)
        return 0;
    /* Fresh records come zeroed from their pages. */
    if (((size_t)p->used >> p->chunk_shift) == p->n_chunks && !add_chunk(p))
        return 0;
    return ++p->used;
}

void
sipadv_record_pool_give_back(sipadv_record_pool *p, uint32_t n)
{
    memcpy(sipadv_record_pool_at(p, n), &p->free_head, sizeof p->free_head);
    p->free_head = n;
}
