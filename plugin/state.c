/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "state.h"

#include <string.h>

/*
 * Each frame's result is one file-scope block: the count, each message's place,
 * a byte per message saying which transaction links it has, those links, then
 * each packed analysis. Most messages have one link or none, so links cost
 * their 8 bytes only where they exist. An index by frame number finds the
 * block: 8 bytes a frame, where p_add_proto_data() would cost a list node and
 * a record per frame, a tenth of tshark's own memory on a SIP-only capture.
 */
typedef struct {
    guint32 offset, length;
} place;

/* A frame and the time since it, in microseconds (G_MAXUINT32: longer than 71 minutes). */
typedef struct {
    guint32 frame, us;
} link;

#define LINK_REQUEST 0x80u   /* in a message's byte beside its SIPADV_FLOW_* flags: request_frame is set */

struct sipadv_frame_result {
    guint32 n;
    place   place[];   /* one per message; then a byte each, the links, the packed analyses */
};

static const guint8 *
kinds_of(const sipadv_frame_result *r)
{
    return (const guint8 *)&r->place[r->n];
}

static size_t
links_at(guint n)
{
    return (sizeof(sipadv_frame_result) + n * sizeof(place) + n + 3) & ~(size_t)3;
}

static guint
links_in(guint8 kind)
{
    return ((kind & LINK_REQUEST) != 0) + ((kind & SIPADV_FLOW_REPEAT) != 0);
}

/* Where a result's packed analyses start: after the links, at the 8-byte alignment they keep (findings.h). */
static size_t
analyses_at(guint n, guint n_links)
{
    return (links_at(n) + n_links * sizeof(link) + 7) & ~(size_t)7;
}

static const sipadv_frame_result **by_frame;
static guint32 n_frames;
static sipadv_flow *flow;

void
sipadv_state_init(void)
{
    const sipadv_flow_config cfg = { 500 * G_GINT64_CONSTANT(1000000), 0 };

    by_frame = NULL;
    n_frames = 0;
    flow = sipadv_flow_new(&cfg, ((guint64)g_random_int() << 32) | g_random_int());
}

void
sipadv_state_cleanup(void)
{
    g_free(by_frame);
    by_frame = NULL;
    n_frames = 0;
    sipadv_flow_free(flow);
    flow = NULL;
}

sipadv_flow *
sipadv_state_flow(void)
{
    return flow;
}

const sipadv_frame_result *
sipadv_state_lookup(const packet_info *pinfo)
{
    return pinfo->num < n_frames ? by_frame[pinfo->num] : NULL;
}

static void
remember(guint32 frame, const sipadv_frame_result *r)
{
    if (frame >= n_frames) {
        guint32 grown = MAX(frame + 1, n_frames ? n_frames * 2 : 4096);
        by_frame = g_renew(const sipadv_frame_result *, by_frame, grown);
        memset(by_frame + n_frames, 0, (grown - n_frames) * sizeof *by_frame);
        n_frames = grown;
    }
    by_frame[frame] = r;
}

/* Clamped: a capture out of time order gives negative durations. */
static guint32
microseconds(gint64 ns)
{
    gint64 us = ns / 1000;

    return us < 0 ? 0 : us >= G_MAXUINT32 ? G_MAXUINT32 : (guint32)us;
}

static guint8
kind_of(const sipadv_flow_result *f)
{
    return (guint8)((f->flags & (SIPADV_FLOW_REPEAT | SIPADV_FLOW_RETRANSMISSION | SIPADV_FLOW_ORPHAN)) |
                    (f->request_frame ? LINK_REQUEST : 0));
}

const sipadv_frame_result *
sipadv_state_store(const packet_info *pinfo, guint n, const guint32 *offsets, const guint32 *lengths,
                   const sipadv_findings *const *findings, const sipadv_flow_result *flows)
{
    guint n_links = 0;
    size_t size;
    sipadv_frame_result *r;
    guint8 *kinds, *packed;
    link *links;

    for (guint i = 0; i < n; i++)
        n_links += links_in(kind_of(&flows[i]));
    size = analyses_at(n, n_links);
    for (guint i = 0; i < n; i++)
        size += sipadv_findings_packed_size(findings[i]);
    r = (sipadv_frame_result *)wmem_alloc(wmem_file_scope(), size);
    r->n = n;
    kinds = (guint8 *)&r->place[n];
    links = (link *)((guint8 *)r + links_at(n));
    packed = (guint8 *)r + analyses_at(n, n_links);
    for (guint i = 0; i < n; i++) {
        const sipadv_flow_result *f = &flows[i];
        r->place[i] = (place){ offsets[i], lengths[i] };
        kinds[i] = kind_of(f);
        if (kinds[i] & LINK_REQUEST)
            *links++ = (link){ f->request_frame, microseconds(f->response_time_ns) };
        if (kinds[i] & SIPADV_FLOW_REPEAT)
            *links++ = (link){ f->original_frame, microseconds(f->since_original_ns) };
        packed += sipadv_analysis_size(sipadv_findings_pack(findings[i], packed));
    }
    remember(pinfo->num, r);
    return r;
}

guint
sipadv_state_count(const sipadv_frame_result *r)
{
    return r->n;
}

sipadv_stored_message
sipadv_state_message(const sipadv_frame_result *r, guint i, const void **cursor)
{
    const guint8 *kinds = kinds_of(r);
    const link *l = (const link *)((const guint8 *)r + links_at(r->n));
    guint before = 0, all = 0;
    const sipadv_analysis *a;
    sipadv_stored_message m = { r->place[i].offset, r->place[i].length, NULL, { 0 } };

    for (guint j = 0; j < r->n; j++) {
        before += j < i ? links_in(kinds[j]) : 0;
        all += links_in(kinds[j]);
    }
    a = *cursor ? *cursor : (const void *)((const guint8 *)r + analyses_at(r->n, all));
    l += before;
    m.analysis = a;
    m.flow.flags = kinds[i] & (SIPADV_FLOW_REPEAT | SIPADV_FLOW_RETRANSMISSION | SIPADV_FLOW_ORPHAN);
    if (kinds[i] & LINK_REQUEST) {
        m.flow.request_frame = l->frame;
        m.flow.response_time_ns = (gint64)l->us * 1000;
        l++;
    }
    if (kinds[i] & SIPADV_FLOW_REPEAT) {
        m.flow.original_frame = l->frame;
        m.flow.since_original_ns = (gint64)l->us * 1000;
    }
    *cursor = (const guint8 *)a + sipadv_analysis_size(a);
    return m;
}
