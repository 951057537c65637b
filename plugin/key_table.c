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

static bool
init_slots(sipadv_key_table *t, size_t capacity)
{
    t->keys = sipadv_pages_alloc(capacity * sizeof *t->keys);
    t->slots = sipadv_pages_alloc(capacity * sizeof *t->slots);
    t->capacity = capacity;
    if (!t->keys || !t->slots) {
        sipadv_pages_free(t->keys, capacity * sizeof *t->keys);
        sipadv_pages_free(t->slots, capacity * sizeof *t->slots);
        t->keys = NULL;
        t->slots = NULL;
        t->capacity = 0;
        return false;
    }
    return true;
}

bool
sipadv_key_table_init(sipadv_key_table *t, size_t record_size, size_t capacity)
{
    t->live = 0;
    sipadv_record_pool_init(&t->records, record_size);
    return init_slots(t, capacity);
}

void
sipadv_key_table_free(sipadv_key_table *t)
{
    sipadv_pages_free(t->keys, t->capacity * sizeof *t->keys);
    sipadv_pages_free(t->slots, t->capacity * sizeof *t->slots);
    sipadv_record_pool_free(&t->records);
    t->keys = NULL;
    t->slots = NULL;
    t->capacity = t->live = 0;
}

static void *
record_at(const sipadv_key_table *t, size_t i)
{
    return sipadv_record_pool_at(&t->records, t->slots[i]);
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

    return t->keys[i] ? record_at(t, i) : NULL;
}

static bool
grow(sipadv_key_table *t)
{
    sipadv_key_table bigger = { .records = t->records, .live = t->live };

    if (!init_slots(&bigger, t->capacity * 2))
        return false;
    for (size_t i = 0; i < t->capacity; i++) {
        if (t->keys[i]) {
            size_t j = probe(&bigger, t->keys[i]);
            bigger.keys[j] = t->keys[i];
            bigger.slots[j] = t->slots[i];
        }
    }
    sipadv_pages_free(t->keys, t->capacity * sizeof *t->keys);
    sipadv_pages_free(t->slots, t->capacity * sizeof *t->slots);
    *t = bigger;
    return true;
}

void *
sipadv_key_table_put(sipadv_key_table *t, uint64_t key, bool *added)
{
    size_t i = probe(t, key);
    uint32_t n;

    *added = false;
    if (t->keys[i])
        return record_at(t, i);
    if ((t->live + 1) * 2 > t->capacity) {
        if (!grow(t))
            return NULL;
        i = probe(t, key);
    }
    if ((n = sipadv_record_pool_take(&t->records)) == 0)
        return NULL;
    t->keys[i] = key;
    t->slots[i] = n;
    t->live++;
    *added = true;
    return record_at(t, i);
}

/* Removes slot i; another entry may move into it, so look at slot i again. */
static void
remove_at(sipadv_key_table *t, size_t i)
{
    size_t mask = t->capacity - 1;

    sipadv_record_pool_give_back(&t->records, t->slots[i]);
    for (size_t j = (i + 1) & mask; t->keys[j]; j = (j + 1) & mask) {
        size_t home = t->keys[j] & mask;
        /* Entry j may move to i if its home is not cyclically within (i, j]. */
        if (((j - home) & mask) >= ((j - i) & mask)) {
            t->keys[i] = t->keys[j];
            t->slots[i] = t->slots[j];
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
        remove_at(t, i);
}

void
sipadv_key_table_remove_if(sipadv_key_table *t, bool (*gone)(const void *record, const void *ctx), const void *ctx)
{
    for (size_t i = 0; i < t->capacity;) {
        /* Removal may move a later entry into slot i: look at it again. */
        if (t->keys[i] && gone(record_at(t, i), ctx))
            remove_at(t, i);
        else
            i++;
    }
}
