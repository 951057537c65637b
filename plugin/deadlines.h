/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Timers of the transaction and call analyses (RFC 3261 Timers B, F, H):
 * what must have happened by when. Each analysis arms its timers with one
 * delay, so in capture order they fall due in the order they were armed and
 * a FIFO ring serves as the timer wheel. An entry is checked when it falls
 * due, against the state it names, so an event that came in time needs no
 * cancelling. The queue holds one delay's worth of armed timers, in chunks
 * that are used again once drained: it touches no new memory while the
 * number of armed timers stays level.
 */
#ifndef SIPADV_DEADLINES_H
#define SIPADV_DEADLINES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    int64_t  due_ns;
    uint64_t key;       /* what it is about: a table key, or a record's index */
    uint32_t what;      /* the caller's kind of timer */
    uint32_t check;     /* the caller's: what must still hold for the timer to fire (a CSeq, a frame) */
} sipadv_deadline;

typedef struct sipadv_deadline_chunk sipadv_deadline_chunk;

typedef struct {
    sipadv_deadline_chunk *head, *tail, *spare;
    size_t                 taken;   /* entries of head already taken off */
    size_t                 filled;  /* entries of tail in use */
} sipadv_deadlines;

#define SIPADV_NS_PER_S   INT64_C(1000000000)
/* Timer C at proxies: "greater than 3 minutes" (RFC 3261 §16.6 step 11). */
#define SIPADV_TIMER_C_NS (180 * SIPADV_NS_PER_S)

/*
 * Legs timed with their own T1, each with its own rings (a ring keeps one
 * delay): RFC 3261's, and 3GPP TS 24.229 §7.7's between a UE and its P-CSCF.
 */
#define SIPADV_LEG_ANY 0
#define SIPADV_LEG_UE  1
#define SIPADV_LEGS    2

/* The T1 of each leg: t1_ue_ns 0 means the leg has none of its own. */
static inline void
sipadv_legs_t1(int64_t t1[SIPADV_LEGS], int64_t t1_ns, int64_t t1_ue_ns)
{
    t1[SIPADV_LEG_ANY] = t1_ns;
    t1[SIPADV_LEG_UE] = t1_ue_ns ? t1_ue_ns : t1_ns;
}

/* Arms a timer; false when memory runs out (the timer is then lost, never the analysis). */
bool sipadv_deadlines_push(sipadv_deadlines *q, const sipadv_deadline *d);

/* Arms a timer from its parts; when memory runs out it is lost, as above. */
static inline void
sipadv_deadlines_arm(sipadv_deadlines *q, int64_t due_ns, uint64_t key, uint32_t what, uint32_t check)
{
    const sipadv_deadline d = { due_ns, key, what, check };

    (void)sipadv_deadlines_push(q, &d);
}
/* The oldest timer due at now, taken off the queue; false when none is due. */
bool sipadv_deadlines_pop_due(sipadv_deadlines *q, int64_t now, sipadv_deadline *out);
void sipadv_deadlines_free(sipadv_deadlines *q);

#endif
