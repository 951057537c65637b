/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The containers under the transaction and call analyses: record pool, key table, timer queue. */
#include "check.h"

#include "deadlines.h"
#include "key_table.h"
#include "record_pool.h"

#include <stdint.h>

typedef struct {
    uint64_t key;
    uint32_t value;
} entry;

static void
test_pool_reuses_records_given_back(void)
{
    sipadv_record_pool p;
    uint32_t a, b, c;

    sipadv_record_pool_init(&p, sizeof(entry));
    a = sipadv_record_pool_take(&p);
    b = sipadv_record_pool_take(&p);
    CHECK(a == 1 && b == 2);
    ((entry *)sipadv_record_pool_at(&p, b))->value = 7;
    sipadv_record_pool_give_back(&p, b);
    c = sipadv_record_pool_take(&p);
    CHECK(c == b);
    CHECK(((entry *)sipadv_record_pool_at(&p, c))->value == 0);   /* handed out zeroed again */
    /* Records stay where they are while the pool grows past many chunks. */
    entry *first = sipadv_record_pool_at(&p, a);
    first->value = 42;
    for (int i = 0; i < 100000; i++) {
        uint32_t n = sipadv_record_pool_take(&p);
        CHECK_MSG(n != 0, "take %d", i);
        ((entry *)sipadv_record_pool_at(&p, n))->value = n;
    }
    CHECK(sipadv_record_pool_at(&p, a) == first && first->value == 42);
    CHECK(((entry *)sipadv_record_pool_at(&p, 100002))->value == 100002);
    CHECK(p.used == 100002);
    sipadv_record_pool_free(&p);
}

static bool
odd_value(const void *record, const void *ctx)
{
    (void)ctx;
    return ((const entry *)record)->value % 2 == 1;
}

static void
test_key_table_grows_removes_and_reuses(void)
{
    sipadv_key_table t;
    bool added;
    const uint32_t n = 50000;

    CHECK(sipadv_key_table_init(&t, sizeof(entry), 16));
    for (uint32_t i = 1; i <= n; i++) {
        entry *e = sipadv_key_table_put(&t, (uint64_t)i * 0x9E3779B97F4A7C15u, &added);
        CHECK_MSG(e && added && e->value == 0, "put %u", i);
        e->value = i;
    }
    CHECK(t.live == n && t.capacity >= 2 * n);
    for (uint32_t i = 1; i <= n; i++) {
        entry *e = sipadv_key_table_find(&t, (uint64_t)i * 0x9E3779B97F4A7C15u);
        CHECK_MSG(e && e->value == i, "find %u", i);
    }
    sipadv_key_table_put(&t, 0x9E3779B97F4A7C15u, &added);
    CHECK(!added);
    sipadv_key_table_remove_if(&t, odd_value, NULL);
    CHECK(t.live == n / 2);
    for (uint32_t i = 1; i <= n; i++) {
        entry *e = sipadv_key_table_find(&t, (uint64_t)i * 0x9E3779B97F4A7C15u);
        CHECK_MSG(i % 2 ? e == NULL : (e && e->value == i), "after sweep %u", i);
    }
    sipadv_key_table_remove(&t, 2 * 0x9E3779B97F4A7C15u);
    CHECK(sipadv_key_table_find(&t, 2 * 0x9E3779B97F4A7C15u) == NULL && t.live == n / 2 - 1);
    /* New keys take the records the removed ones gave back: no fresh memory. */
    uint32_t used = t.records.used;
    for (uint32_t i = 1; i <= n / 2; i++) {
        entry *e = sipadv_key_table_put(&t, (uint64_t)(n + i) * 0x9E3779B97F4A7C15u, &added);
        CHECK_MSG(e && added && e->value == 0, "put again %u", i);
    }
    CHECK(t.records.used == used);
    sipadv_key_table_free(&t);
}

static void
test_deadlines_in_order_across_chunks(void)
{
    sipadv_deadlines q = { 0 };
    sipadv_deadline d;
    int64_t expected = 0;
    int popped = 0;

    CHECK(!sipadv_deadlines_pop_due(&q, INT64_MAX, &d));
    /* Armed and fired in waves, as a capture's timers are: the queue crosses many chunks. */
    for (int64_t t = 0; t < 30000; t++) {
        sipadv_deadlines_arm(&q, t + 1000, (uint64_t)t, 1, (uint32_t)t);
        while (sipadv_deadlines_pop_due(&q, t, &d)) {
            CHECK_MSG(d.due_ns == expected + 1000 && d.key == (uint64_t)expected, "pop %lld", (long long)expected);
            expected++;
            popped++;
        }
    }
    CHECK(popped == 30000 - 1000);
    while (sipadv_deadlines_pop_due(&q, INT64_MAX, &d))
        popped++;
    CHECK(popped == 30000);
    CHECK(!sipadv_deadlines_pop_due(&q, INT64_MAX, &d));
    sipadv_deadlines_arm(&q, 5, 5, 0, 0);
    CHECK(!sipadv_deadlines_pop_due(&q, 4, &d));
    CHECK(sipadv_deadlines_pop_due(&q, 5, &d) && d.key == 5);
    sipadv_deadlines_free(&q);
}

int
main(void)
{
    test_pool_reuses_records_given_back();
    test_key_table_grows_removes_and_reuses();
    test_deadlines_in_order_across_chunks();
    return check_report();
}
