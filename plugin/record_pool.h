/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fixed-size records in chunks that never move, numbered from 1 (0 is no
 * record). A record given back is handed out again before any new one, so a
 * table whose entries come and go keeps touching the same memory: a fresh
 * page is a page fault, and growing by copying touches every page twice.
 */
#ifndef SIPADV_RECORD_POOL_H
#define SIPADV_RECORD_POOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint8_t **chunks;
    size_t    n_chunks, cap_chunks;
    size_t    record_size;     /* at least 4: a free record holds the next free one's number */
    unsigned  chunk_shift;     /* records per chunk: 1 << chunk_shift */
    uint32_t  used;            /* records handed out at least once */
    uint32_t  free_head;       /* the last record given back, 0: none */
} sipadv_record_pool;

void sipadv_record_pool_init(sipadv_record_pool *p, size_t record_size);
void sipadv_record_pool_free(sipadv_record_pool *p);

/* A zeroed record's number; 0 when memory runs out. */
uint32_t sipadv_record_pool_take(sipadv_record_pool *p);
/* Record n (taken and not given back) is free for the next take. */
void sipadv_record_pool_give_back(sipadv_record_pool *p, uint32_t n);

/* Record n's memory: n must be a taken record's number. */
static inline void *
sipadv_record_pool_at(const sipadv_record_pool *p, uint32_t n)
{
    size_t i = (size_t)n - 1;

    return p->chunks[i >> p->chunk_shift] + (i & (((size_t)1 << p->chunk_shift) - 1)) * p->record_size;
}

#endif
