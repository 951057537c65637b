/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "copies.h"

#include "key_hash.h"

typedef struct {
    int64_t  time;
    uint32_t frame;
} sighting;

bool
sipadv_copies_init(sipadv_copies *c, int64_t window_ns, uint64_t seed)
{
    c->window_ns = window_ns;
    c->seed = seed;
    return sipadv_key_table_init(&c->seen, sizeof(sighting), 1024);
}

void
sipadv_copies_free(sipadv_copies *c)
{
    sipadv_key_table_free(&c->seen);
}

/* What stays the same from hop to hop: Call-ID, CSeq, From and To tags, and the method or the code. */
static uint64_t
identity(const sipadv_copies *c, const uint8_t *buf, const sipadv_message *msg)
{
    key_hash k = { c->seed };

    /* Each hop makes its own 100 and never forwards one (RFC 3261 §16.7): two 100s are two events. */
    if (msg->id.call_id.len == 0 || !msg->id.has_cseq || (msg->kind == SIPADV_KIND_RESPONSE && msg->status.code == 100))
        return 0;
    hash_span(&k, buf, msg->id.call_id, false);
    hash_number(&k, msg->id.cseq);
    hash_span(&k, buf, msg->id.cseq_method, false);
    hash_span(&k, buf, msg->id.from_tag, false);
    hash_span(&k, buf, msg->id.to_tag, false);
    if (msg->kind == SIPADV_KIND_RESPONSE)
        hash_number(&k, 1000u + msg->status.code);
    else
        hash_span(&k, buf, msg->method, false);
    return hash_end(&k);
}

uint32_t
sipadv_copies_check(sipadv_copies *c, const uint8_t *buf, const sipadv_message *msg, uint32_t frame, int64_t now)
{
    uint64_t key = identity(c, buf, msg);
    sighting *s;
    bool added;

    if (!key || (s = sipadv_key_table_put(&c->seen, key, &added)) == NULL)
        return 0;
    if (!added && s->frame != frame && now - s->time >= 0 && now - s->time < c->window_ns)
        return s->frame;
    *s = (sighting){ now, frame };
    return 0;
}

/* ctx: the oldest time a later message can still be a copy of. */
static bool
stale(const void *record, const void *ctx)
{
    return ((const sighting *)record)->time <= *(const int64_t *)ctx;
}

void
sipadv_copies_sweep(sipadv_copies *c, int64_t now)
{
    const int64_t oldest = now - c->window_ns;

    sipadv_key_table_remove_if(&c->seen, stale, &oldest);
}
