/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "state.h"

#include <string.h>

/*
 * Each frame's result is one file-scope block: the count, each message's place,
 * a 16-bit word per message saying which links it has (to its transaction's request,
 * to its first copy, to its call), those links as 32-bit words, then each
 * packed analysis. Links cost their words only where they exist. An index by frame number finds the
 * block: 8 bytes a frame, where p_add_proto_data() would cost a list node and
 * a record per frame, a tenth of tshark's own memory on a SIP-only capture.
 */
typedef struct {
    guint32 offset, length;
} place;

/* In a message's kind word beside its SIPADV_FLOW_* flags: which links follow. */
#define LINK_REQUEST 0x100u   /* request frame, microseconds since it (G_MAXUINT32: over 71 minutes) */
#define LINK_CALL    0x200u   /* call number */
#define CALL_SETTLES 0x400u   /* the message decided its call's outcome */
#define LINK_RETRY   0x800u   /* the response that said Retry-After, microseconds since it */
#define REQUEST_IN_DIALOG   0x2000u   /* with LINK_REQUEST: the request had a To tag (without: it was initial) */
#define REQUEST_CREDENTIALS 0x4000u   /* with LINK_REQUEST: the request carried credentials */
#define LINK_OFFER   0x8000u  /* the SDP offer (sdp_offer.h) of the request a failure response answers */
#define REQUEST_IMS  0x80u    /* with LINK_REQUEST: the request looked IMS (SIPADV_FLOW_NO_FINAL, never stored, has this bit) */
#define FLOW_FLAGS   (SIPADV_FLOW_REPEAT | SIPADV_FLOW_RETRANSMISSION | SIPADV_FLOW_ORPHAN | SIPADV_FLOW_LATE_PROVISIONAL | \
                      SIPADV_FLOW_AUTH_REJECTED | SIPADV_FLOW_MISSING_ACK | SIPADV_FLOW_RETRY_IGNORED | SIPADV_FLOW_COPY)
_Static_assert(FLOW_FLAGS <= 0xffffu, "the kind word has 16 bits");
_Static_assert((FLOW_FLAGS & (LINK_REQUEST | LINK_CALL | CALL_SETTLES | LINK_RETRY | REQUEST_IN_DIALOG |
                              REQUEST_CREDENTIALS | LINK_OFFER | REQUEST_IMS)) == 0, "one word holds both");

struct sipadv_frame_result {
    guint32 n;
    place   place[];   /* one per message; then a 16-bit kind each, the links, the packed analyses */
};

static const guint16 *
kinds_of(const sipadv_frame_result *r)
{
    return (const guint16 *)&r->place[r->n];
}

static size_t
links_at(guint n)
{
    return (sizeof(sipadv_frame_result) + n * sizeof(place) + 2 * n + 3) & ~(size_t)3;
}

/* 32-bit words of links a message has. */
static guint
links_in(guint16 kind)
{
    return 2 * ((kind & LINK_REQUEST) != 0) + 2 * ((kind & SIPADV_FLOW_REPEAT) != 0) + ((kind & LINK_CALL) != 0) +
           2 * ((kind & LINK_RETRY) != 0) + ((kind & SIPADV_FLOW_COPY) != 0) + ((kind & LINK_OFFER) != 0);
}

/* Where a result's packed analyses start: after the links, at the 8-byte alignment they keep (findings.h). */
static size_t
analyses_at(guint n, guint n_words)
{
    return (links_at(n) + n_words * sizeof(guint32) + 7) & ~(size_t)7;
}

/* A timer that ran out on a message after the first pass had shown it: shown on it in later passes. */
typedef struct {
    guint32 frame;
    guint8  index;
    guint8  flag;       /* SIPADV_FLOW_NO_FINAL or SIPADV_FLOW_MISSING_ACK */
    guint32 waited_us;
} timeout_mark;

static const sipadv_frame_result **by_frame;
static guint32 n_frames;
static sipadv_flow *flow;
static sipadv_calls *calls;
static sipadv_clock clock_;   /* the capture's, as the analyses see it */
static GArray *marks;        /* of timeout_mark; few: only what timed out */
static gboolean marks_sorted;

void
sipadv_state_init(const sipadv_flow_config *flow_config)
{
    by_frame = NULL;
    n_frames = 0;
    flow = sipadv_flow_new(flow_config, ((guint64)g_random_int() << 32) | g_random_int());
    calls = sipadv_calls_new(flow_config->t1_ns, flow_config->t1_ue_ns,
                             ((guint64)g_random_int() << 32) | g_random_int());
    marks = g_array_new(FALSE, FALSE, sizeof(timeout_mark));
    marks_sorted = TRUE;
    sipadv_clock_init(&clock_);
}

void
sipadv_state_cleanup(void)
{
    g_free(by_frame);
    by_frame = NULL;
    n_frames = 0;
    if (marks)
        g_array_free(marks, TRUE);
    marks = NULL;
    sipadv_flow_free(flow);
    flow = NULL;
    sipadv_calls_free(calls);
    calls = NULL;
}

sipadv_flow *
sipadv_state_flow(void)
{
    return flow;
}

sipadv_calls *
sipadv_state_calls(void)
{
    return calls;
}

sipadv_clock *
sipadv_state_clock(void)
{
    return &clock_;
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

static guint16
kind_of(const sipadv_flow_result *f, const sipadv_call_result *c)
{
    guint16 kind = (guint16)((f->flags & FLOW_FLAGS) | (c->call ? LINK_CALL : 0) |
                             (c->call && c->settles ? CALL_SETTLES : 0) | (f->retry_frame ? LINK_RETRY : 0));

    if (f->request_frame)
        kind |= LINK_REQUEST | (f->request_context & SIPADV_CTX_IN_DIALOG ? REQUEST_IN_DIALOG : 0) |
                (f->request_context & SIPADV_CTX_CREDENTIALS ? REQUEST_CREDENTIALS : 0) |
                (f->request_context & SIPADV_CTX_IMS ? REQUEST_IMS : 0) | (f->offer ? LINK_OFFER : 0);
    return kind;
}

void
sipadv_state_mark_timeout(const sipadv_flow_timeout *t)
{
    timeout_mark m = { t->frame, t->index, (guint8)t->flag, sipadv_flow_microseconds(t->waited_ns) };

    if (!marks)
        return;
    if (marks->len && g_array_index(marks, timeout_mark, marks->len - 1).frame > m.frame)
        marks_sorted = FALSE;
    g_array_append_val(marks, m);
}

static gint
mark_order(gconstpointer a, gconstpointer b)
{
    const timeout_mark *x = a, *y = b;

    return x->frame < y->frame ? -1 : x->frame > y->frame;
}

guint32
sipadv_state_timeouts(guint32 frame, guint index, gint64 *waited_ns)
{
    guint lo = 0, hi;
    guint32 flags = 0;

    if (!marks || marks->len == 0)
        return 0;
    if (!marks_sorted) {
        g_array_sort(marks, mark_order);
        marks_sorted = TRUE;
    }
    for (hi = marks->len; lo < hi;) {
        guint mid = (lo + hi) / 2;
        if (g_array_index(marks, timeout_mark, mid).frame < frame)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < marks->len && g_array_index(marks, timeout_mark, lo).frame == frame; lo++) {
        const timeout_mark *m = &g_array_index(marks, timeout_mark, lo);
        if (m->index == index) {
            flags |= m->flag;
            *waited_ns = sipadv_flow_nanoseconds(m->waited_us);
        }
    }
    return flags;
}

const sipadv_frame_result *
sipadv_state_store(const packet_info *pinfo, guint n, const guint32 *offsets, const guint32 *lengths,
                   const sipadv_findings *const *findings, const sipadv_flow_result *flows,
                   const sipadv_call_result *call_results)
{
    guint n_words = 0;
    size_t size;
    sipadv_frame_result *r;
    guint16 *kinds;
    guint8 *packed;
    guint32 *words;

    for (guint i = 0; i < n; i++)
        n_words += links_in(kind_of(&flows[i], &call_results[i]));
    size = analyses_at(n, n_words);
    for (guint i = 0; i < n; i++)
        size += sipadv_findings_packed_size(findings[i]);
    r = (sipadv_frame_result *)wmem_alloc(wmem_file_scope(), size);
    r->n = n;
    kinds = (guint16 *)&r->place[n];
    words = (guint32 *)((guint8 *)r + links_at(n));
    packed = (guint8 *)r + analyses_at(n, n_words);
    for (guint i = 0; i < n; i++) {
        const sipadv_flow_result *f = &flows[i];
        r->place[i] = (place){ offsets[i], lengths[i] };
        kinds[i] = kind_of(f, &call_results[i]);
        if (kinds[i] & LINK_REQUEST) {
            *words++ = f->request_frame;
            *words++ = sipadv_flow_microseconds(f->response_time_ns);
        }
        if (kinds[i] & SIPADV_FLOW_REPEAT) {
            *words++ = f->original_frame;
            *words++ = sipadv_flow_microseconds(f->since_original_ns);
        }
        if (kinds[i] & LINK_CALL)
            *words++ = call_results[i].call;
        if (kinds[i] & LINK_RETRY) {
            *words++ = f->retry_frame;
            *words++ = sipadv_flow_microseconds(f->since_retry_ns);
        }
        if (kinds[i] & SIPADV_FLOW_COPY)
            *words++ = f->copy_of;
        if (kinds[i] & LINK_OFFER)
            *words++ = f->offer;
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
    const guint16 *kinds = kinds_of(r);
    const guint32 *w = (const guint32 *)((const guint8 *)r + links_at(r->n));
    guint before = 0, all = 0;
    const sipadv_analysis *a;
    sipadv_stored_message m = { r->place[i].offset, r->place[i].length, NULL, { 0 }, { 0, false, false } };

    for (guint j = 0; j < r->n; j++) {
        before += j < i ? links_in(kinds[j]) : 0;
        all += links_in(kinds[j]);
    }
    a = *cursor ? *cursor : (const void *)((const guint8 *)r + analyses_at(r->n, all));
    w += before;
    m.analysis = a;
    m.flow.flags = kinds[i] & FLOW_FLAGS;
    if (kinds[i] & LINK_REQUEST) {
        m.flow.request_frame = w[0];
        m.flow.response_time_ns = sipadv_flow_nanoseconds(w[1]);
        m.flow.request_context = (guint8)((kinds[i] & REQUEST_IN_DIALOG ? SIPADV_CTX_IN_DIALOG : SIPADV_CTX_INITIAL) |
                                          (kinds[i] & REQUEST_CREDENTIALS ? SIPADV_CTX_CREDENTIALS : 0) |
                                          (kinds[i] & REQUEST_IMS ? SIPADV_CTX_IMS : 0));
        w += 2;
    }
    if (kinds[i] & SIPADV_FLOW_REPEAT) {
        m.flow.original_frame = w[0];
        m.flow.since_original_ns = sipadv_flow_nanoseconds(w[1]);
        w += 2;
    }
    if (kinds[i] & LINK_CALL) {
        m.call.call = w[0];
        m.call.settles = (kinds[i] & CALL_SETTLES) != 0;
        w++;
    }
    if (kinds[i] & LINK_RETRY) {
        m.flow.retry_frame = w[0];
        m.flow.since_retry_ns = sipadv_flow_nanoseconds(w[1]);
        w += 2;
    }
    if (kinds[i] & SIPADV_FLOW_COPY)
        m.flow.copy_of = *w++;
    if (kinds[i] & LINK_OFFER)
        m.flow.offer = w[0];
    *cursor = (const guint8 *)a + sipadv_analysis_size(a);
    return m;
}
