/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "state.h"

#include <string.h>

/*
 * Each frame's result is one file-scope block: the count, each message's place,
 * then each packed analysis. An index by frame number finds it: 8 bytes a
 * frame, where p_add_proto_data() would cost a list node and a record per
 * frame, a tenth of tshark's own memory on a SIP-only capture.
 */
struct sipadv_frame_result {
    guint32 n;
    guint32 place[];   /* offset, length of each message; packed analyses follow */
};

/* Where a result's packed analyses start: after the places, at the 8-byte alignment they keep (findings.h). */
static size_t
analyses_at(guint n)
{
    return (sizeof(sipadv_frame_result) + 2 * n * sizeof(guint32) + 7) & ~(size_t)7;
}

static const sipadv_frame_result **by_frame;
static guint32 n_frames;

void
sipadv_state_init(void)
{
    by_frame = NULL;
    n_frames = 0;
}

void
sipadv_state_cleanup(void)
{
    g_free(by_frame);
    by_frame = NULL;
    n_frames = 0;
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

const sipadv_frame_result *
sipadv_state_store(const packet_info *pinfo, guint n, const guint32 *offsets, const guint32 *lengths,
                   const sipadv_findings *const *findings)
{
    size_t head = analyses_at(n), size = head;
    sipadv_frame_result *r;
    guint8 *packed;

    for (guint i = 0; i < n; i++)
        size += sipadv_findings_packed_size(findings[i]);
    r = (sipadv_frame_result *)wmem_alloc(wmem_file_scope(), size);
    r->n = n;
    packed = (guint8 *)r + head;
    for (guint i = 0; i < n; i++) {
        r->place[2 * i] = offsets[i];
        r->place[2 * i + 1] = lengths[i];
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
    const sipadv_analysis *a = *cursor ? *cursor : (const void *)((const guint8 *)r + analyses_at(r->n));
    sipadv_stored_message m = { r->place[2 * i], r->place[2 * i + 1], a };

    *cursor = (const guint8 *)a + sipadv_analysis_size(a);
    return m;
}
