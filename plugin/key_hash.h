/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Seeded 64-bit hashes of SIP identities (branches, hosts, Call-IDs, tags),
 * the keys of the transaction and call tables. Header-only: two tables use it.
 */
#ifndef SIPADV_KEY_HASH_H
#define SIPADV_KEY_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "sip_message.h"

/*
 * The key's parts, each with its length, mixed eight bytes at a time (then a
 * final splitmix64). Letter case is folded by setting bit 5, which maps the
 * capitals to small letters and keeps every other character a branch or a
 * host can hold distinct (branch and sent-by compare case-insensitively,
 * RFC 3261 §7.3.1).
 */
typedef struct {
    uint64_t h;
} key_hash;

#define MIX_PRIME UINT64_C(0x9e3779b97f4a7c15)

static inline void
mix(key_hash *k, uint64_t w)
{
    uint64_t h = (k->h ^ w) * MIX_PRIME;

    k->h = h ^ (h >> 32);
}

static inline void
hash_bytes(key_hash *k, const uint8_t *p, size_t len, bool fold)
{
    const uint64_t case_bits = fold ? UINT64_C(0x2020202020202020) : 0;
    size_t i = 0;
    uint64_t w;

    mix(k, len);
    for (; i + 8 <= len; i += 8) {
        memcpy(&w, p + i, 8);
        mix(k, w | case_bits);
    }
    if (i < len) {
        w = 0;
        memcpy(&w, p + i, len - i);
        mix(k, w | (case_bits >> (8 * (8 - (len - i)))));
    }
}

static inline void
hash_span(key_hash *k, const uint8_t *buf, sipadv_span s, bool fold)
{
    hash_bytes(k, buf + s.off, s.len, fold);
}

static inline void
hash_number(key_hash *k, uint64_t n)
{
    mix(k, n);
}

static inline uint64_t
hash_end(key_hash *k)
{
    uint64_t z = k->h + MIX_PRIME;

    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    z ^= z >> 31;
    return z ? z : 1;   /* 0 marks an empty slot */
}

#endif
