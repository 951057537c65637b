/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One event, one finding: the same request or response seen again within a
 * moment, on the same leg (a packet captured twice) or on another (mirrored
 * legs, the same response relayed by a proxy: same Call-ID, CSeq, tags and
 * code or method, another top Via). A copy points to the first sighting. A
 * retransmission comes at least T1/2 later and is no copy; nor is a 100,
 * which each hop makes itself.
 */
#ifndef SIPADV_COPIES_H
#define SIPADV_COPIES_H

#include <stdbool.h>
#include <stdint.h>

#include "key_table.h"
#include "sip_message.h"

typedef struct {
    sipadv_key_table seen;       /* message identity -> first sighting */
    int64_t          window_ns;  /* a later sighting within this is a copy */
    uint64_t         seed;
} sipadv_copies;

bool sipadv_copies_init(sipadv_copies *c, int64_t window_ns, uint64_t seed);
void sipadv_copies_free(sipadv_copies *c);

/* The first sighting's frame when this message is a copy of it, else 0 (this is a sighting of its own). */
uint32_t sipadv_copies_check(sipadv_copies *c, const uint8_t *buf, const sipadv_message *msg, uint32_t frame,
                             int64_t now);

/* Forgets sightings no message can be a copy of any more, seen from now. */
void sipadv_copies_sweep(sipadv_copies *c, int64_t now);

#endif
