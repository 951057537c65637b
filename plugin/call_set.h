/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The calls and registrations a statistic reads (-z sipadv,calls, -z
 * sipadv,regs, and where -z sipadv,kpi plugs in): every one of the capture,
 * or under a display filter those with at least one message matching it, read
 * when the statistic is drawn, once the records are final. Each comes with the
 * From and To URIs of its first request, which only the set keeps (a bounded
 * copy each, and only while a statistic listens).
 */
#ifndef SIPADV_CALL_SET_H
#define SIPADV_CALL_SET_H

#include <epan/packet.h>

#include "calls.h"

typedef struct sipadv_call_set sipadv_call_set;

/* Called when the statistic is drawn (tshark: at the end), with the set and the caller's user pointer. */
typedef void (*sipadv_call_set_draw_fn)(const sipadv_call_set *set, void *user);

/* Starts listening on sipadv's tap; NULL, with *error set (free it), when the filter is not valid. */
sipadv_call_set *sipadv_call_set_new(const char *filter, sipadv_call_set_draw_fn draw, void *user, GString **error);

/*
 * For a statistic's init: "PREFIX" or "PREFIX,FILTER" (its -z argument)
 * starts a set that draws with draw; false, with the reason on stderr, when
 * the filter is not valid.
 */
bool sipadv_call_set_start(const char *opt_arg, const char *prefix, sipadv_call_set_draw_fn draw_fn);

/* The filter given, or NULL. */
const char *sipadv_call_set_filter(const sipadv_call_set *set);

/* Call numbers run from 1 to this (calls.h: calls and registrations of the capture alike). */
guint32 sipadv_call_set_last(const sipadv_call_set *set);

/* The record of a call number when the set holds it, else NULL; from, to: its first request's URIs ("" unknown). */
const sipadv_call *sipadv_call_set_get(const sipadv_call_set *set, guint32 number, const char **from, const char **to);

/* The capture's first frame, to give a record's start relative to it. */
gint64 sipadv_call_set_capture_start_ns(const sipadv_call_set *set);

#endif
