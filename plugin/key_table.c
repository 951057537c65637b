/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "key_table.h"

#include <stdlib.h>
#include <string.h>
#if defined(__unix__)
#include <sys/mman.h>
#endif

void *
sipadv_pages_alloc(size_t size)
{
#if defined(MAP_ANONYMOUS)
    void *p = mmap(NULL, size ? size : 1, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
#else
    return calloc(1, size ? size : 1);
#endif
}

void
sipadv_pages_free(void *p, size_t size)
{
    if (!p)
        return;
#if defined(MAP_ANONYMOUS)
    munmap(p, size ? size : 1);
#else
    (void)size;
    free(p);
#endif
}

bool
sipadv_key_table_init(sipadv_key_table *t, size_t record_size, size_t capacity)
{
    t->keys = sipadv_pages_alloc(capacity * sizeof *t->keys);
    t->records = sipadv_pages_alloc(capacity * record_size);
    t->record_size = record_size;
    t->capacity = capacity;
    t->live = 0;
    if (!t->keys || !t->records) {
        sipadv_key_table_free(t);
        return false;
    }
    return true;
}

void
sipadv_key_table_free(sipadv_key_table *t)
{
    sipadv_pages_free(t->keys, t->capacity * sizeof *t->keys);
    sipadv_pages_free(t->records, t->capacity * t->record_size);
    t->keys = NULL;
    t->records = NULL;
    t->capacity = t->live = 0;
}

void *
sipadv_key_table_at(const sipadv_key_table *t, size_t i)
{
    return t->records + i * t->record_size;
}

/* The slot holding key, or the empty slot where it would go. */
static size_t
probe(const sipadv_key_table *t, uint64_t key)
{
    size_t mask = t->capacity - 1, i = key & mask;

    while (t->keys[i] != 0 && t->keys[i] != key)
        i = (i + 1) & mask;
    return i;
}

void *
sipadv_key_table_find(const sipadv_key_table *t, uint64_t key)
{
    size_t i = probe(t, key);

    return t->keys[i] ? sipadv_key_table_at(t, i) : NULL;
}

static bool
grow(sipadv_key_table *t)
{
    sipadv_key_table bigger;

    if (!sipadv_key_table_init(&bigger, t->record_size, t->capacity * 2))
        return false;
    for (size_t i = 0; i < t->capacity; i++) {
        if (t->keys[i]) {
            size_t j = probe(&bigger, t->keys[i]);
            bigger.keys[j] = t->keys[i];
            memcpy(sipadv_key_table_at(&bigger, j), sipadv_key_table_at(t, i), t->record_size);
        }
    }
    bigger.live = t->live;
    sipadv_key_table_free(t);
    *t = bigger;
    return true;
}

void *
sipadv_key_table_put(sipadv_key_table *t, uint64_t key, bool *added)
{
    size_t i = probe(t, key);
    void *record;

    *added = false;
    if (t->keys[i])
        return sipadv_key_table_at(t, i);
    if ((t->live + 1) * 2 > t->capacity) {
        if (!grow(t))
            return NULL;
        i = probe(t, key);
    }
    t->keys[i] = key;
    t->live++;
    record = sipadv_key_table_at(t, i);
    memset(record, 0, t->record_size);
    *added = true;
    return record;
}

void
sipadv_key_table_remove_at(sipadv_key_table *t, size_t i)
{
    size_t mask = t->capacity - 1;

    for (size_t j = (i + 1) & mask; t->keys[j]; j = (j + 1) & mask) {
        size_t home = t->keys[j] & mask;
        /* Entry j may move to i if its home is not cyclically within (i, j]. */
        if (((j - home) & mask) >= ((j - i) & mask)) {
            t->keys[i] = t->keys[j];
            memcpy(sipadv_key_table_at(t, i), sipadv_key_table_at(t, j), t->record_size);
            i = j;
        }
    }
    t->keys[i] = 0;
    t->live--;
}

void
sipadv_key_table_remove(sipadv_key_table *t, uint64_t key)
{
    size_t i = probe(t, key);

    if (t->keys[i])
        sipadv_key_table_remove_at(t, i);
}

void
sipadv_key_table_remove_if(sipadv_key_table *t, bool (*gone)(const void *record, const void *ctx), const void *ctx)
{
    for (size_t i = 0; i < t->capacity;) {
        /* Removal may move a later entry into slot i: look at it again. */
        if (t->keys[i] && gone(sipadv_key_table_at(t, i), ctx))
            sipadv_key_table_remove_at(t, i);
        else
            i++;
    }
}
