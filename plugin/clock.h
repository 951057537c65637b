/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The capture's clock as the transaction and call analyses see it. Frame
 * times may go back (files merged, several taps) or jump by years (a broken
 * capture clock: heplify's IPv6 sample); taken at face value, every timer
 * would run out at once and response times would be negative. A step back
 * by more than SIPADV_CLOCK_MAX_REORDER_NS, or forward by more than
 * SIPADV_CLOCK_MAX_GAP_NS, between two SIP messages counts as no time (1 ns,
 * so that the times on either side stay apart): the analysis time never goes
 * back, and timers count only time the capture visibly ran. A duration across
 * a jump is not known: steady_since says when the last jump came. A smaller
 * step back is frames a little out of order: no time, and no jump. No
 * libwireshark here.
 */
#ifndef SIPADV_CLOCK_H
#define SIPADV_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "deadlines.h"

/* A time or duration the capture does not tell (a jump of its clock came in between). */
#define SIPADV_NO_TIME INT64_MIN

/*
 * An hour without a single SIP message: a live SIP link carries at least
 * registration refreshes and keep-alives in that time, and the timers judged
 * here last seconds to minutes (64×T1, Timer C + 64×T1), so a longer gap is a
 * clock that jumped or a capture paused, not time the timers may count.
 */
#define SIPADV_CLOCK_MAX_GAP_NS (3600 * SIPADV_NS_PER_S)

/*
 * Frames a little out of order (two interfaces merged, a NIC's queues) step
 * back by microseconds to milliseconds: such a step is no time, but no jump
 * either, so the durations of everything open stay known.
 */
#define SIPADV_CLOCK_MAX_REORDER_NS (SIPADV_NS_PER_S / 10)

typedef struct {
    int64_t last_raw;       /* the previous SIP frame's time as captured */
    int64_t now;            /* analysis time */
    int64_t steady_since;   /* analysis time of the last jump; INT64_MIN: none yet */
    bool    started;
    uint32_t jumps;         /* how many so far */
} sipadv_clock;

static inline void
sipadv_clock_init(sipadv_clock *c)
{
    *c = (sipadv_clock){ 0, 0, INT64_MIN, false, 0 };
}

/* The analysis time of a frame captured at raw (nanoseconds), frames in capture order. */
static inline int64_t
sipadv_clock_tick(sipadv_clock *c, int64_t raw)
{
    int64_t step;

    if (!c->started) {
        c->started = true;
        c->now = raw;
    } else if (__builtin_sub_overflow(raw, c->last_raw, &step) || step < -SIPADV_CLOCK_MAX_REORDER_NS ||
               step > SIPADV_CLOCK_MAX_GAP_NS) {
        c->now += 1;
        c->steady_since = c->now;
        c->jumps++;
    } else if (step < 0) {
        return c->now;   /* reordered: the later frame keeps the clock where it was */
    } else {
        c->now += step;
    }
    c->last_raw = raw;
    return c->now;
}

/* Whether a duration from since to the clock's now is known: no jump came in between. */
static inline bool
sipadv_clock_steady(int64_t steady_since, int64_t since)
{
    return since >= steady_since;
}

#endif
