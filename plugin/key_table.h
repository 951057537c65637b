/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A table from 64-bit keys (key_hash.h; 0 is no key) to fixed-size records:
 * open addressing with linear probing over the keys and their records'
 * numbers, so that a lookup reads 8 bytes a probe. The records live in a
 * record pool (record_pool.h) and never move: growing copies 12 bytes an
 * entry, and a removed entry's record is the next one handed out. It grows
 * at half full; removal moves the rest of the probe run back, so no
 * tombstones accumulate.
 */
#ifndef SIPADV_KEY_TABLE_H
#define SIPADV_KEY_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "record_pool.h"

typedef struct {
    uint64_t          *keys;
    uint32_t          *slots;     /* the record number of each key */
    sipadv_record_pool records;
    size_t             capacity;  /* a power of two */
    size_t             live;
} sipadv_key_table;

/*
 * Zeroed memory for the big tables of the capture (transactions, calls), in
 * pages of its own where the system has them: kept apart from the heap
 * Wireshark's small per-frame objects live in, the tables neither scatter
 * those objects nor slow down their release when the file closes (measured:
 * a 14 MB table grown in the heap added 0.2 s to tshark's exit on 100,000
 * messages). NULL when memory runs out.
 */
void *sipadv_pages_alloc(size_t size);
void sipadv_pages_free(void *p, size_t size);

bool sipadv_key_table_init(sipadv_key_table *t, size_t record_size, size_t capacity);
void sipadv_key_table_free(sipadv_key_table *t);

/* The record of key, or NULL. */
void *sipadv_key_table_find(const sipadv_key_table *t, uint64_t key);
/* The record of key, zeroed if the key is new (*added set); NULL when memory runs out. */
void *sipadv_key_table_put(sipadv_key_table *t, uint64_t key, bool *added);

/* Removes key's entry, if any. */
void sipadv_key_table_remove(sipadv_key_table *t, uint64_t key);
/* Removes every entry whose record gone() says is done with; ctx is passed through. */
void sipadv_key_table_remove_if(sipadv_key_table *t, bool (*gone)(const void *record, const void *ctx),
                                const void *ctx);

#endif
