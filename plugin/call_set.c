/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "call_set.h"

#include <stdio.h>
#include <string.h>

#include <wireshark.h>
#include <epan/tap.h>

#include "sip_message.h"
#include "state.h"
#include "tap.h"

/* A URI longer than this is cut: enough for sip:+8613800138000@ims.mnc000.mcc460.3gppnetwork.org;user=phone. */
#define URI_MAX 96

typedef struct {
    char from[URI_MAX];
    char to[URI_MAX];
    bool selected;      /* a message of it matched the filter (every record, without one) */
} member;

struct sipadv_call_set {
    char                   *filter;
    GArray                 *members;        /* of member, by call number */
    gint64                  capture_start_ns;
    bool                    started;
    sipadv_call_set_draw_fn draw;
    void                   *user;
    char                    selector;       /* the filtered listener's own tapdata */
};

/* The URI of a From or To value: inside <...>, else up to its parameters; printable, cut to URI_MAX - 1 bytes. */
static void
copy_uri(char *out, const guint8 *buf, sipadv_span value)
{
    sipadv_span uri = sipadv_addr_uri(buf, value);
    const guint8 *p = buf + uri.off, *end = p + uri.len;
    size_t n = 0;

    for (; p < end && n < URI_MAX - 1; p++)
        out[n++] = (*p >= 0x20 && *p < 0x7f) ? (char)*p : '?';
    out[n] = '\0';
}

static member *
member_of(sipadv_call_set *set, guint32 number)
{
    if (number >= set->members->len)
        g_array_set_size(set->members, MAX(number + 1, set->members->len * 2));
    return &g_array_index(set->members, member, number);
}

/* A record's first request: keep who called whom (who registered). */
static void
learn_parties(member *m, const sipadv_tap_data *e, const sipadv_call *c, guint32 frame)
{
    sipadv_message msg;

    if (m->from[0] || m->to[0] || c->first_frame != frame || !e->bytes || e->analysis->kind != SIPADV_KIND_REQUEST ||
        (e->analysis->method != SIPADV_METHOD_INVITE && e->analysis->method != SIPADV_METHOD_REGISTER))
        return;
    if (!sipadv_message_parse(e->bytes, e->length, &msg))
        return;
    if (sipadv_message_has(&msg, SIPADV_HDR_FROM))
        copy_uri(m->from, e->bytes, msg.first[SIPADV_HDR_FROM]);
    if (sipadv_message_has(&msg, SIPADV_HDR_TO))
        copy_uri(m->to, e->bytes, msg.first[SIPADV_HDR_TO]);
}

/* Every event: the parties, the capture's start, and without a filter the selection. */
static tap_packet_status
see_all(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data, tap_flags_t flags _U_)
{
    sipadv_call_set *set = tapdata;
    const sipadv_tap_data *e = data;
    sipadv_calls *calls = sipadv_state_calls();
    const sipadv_call *c;
    member *m;

    if (!set->started) {
        set->capture_start_ns = ((gint64)pinfo->abs_ts.secs - pinfo->rel_ts.secs) * 1000000000 +
                                (pinfo->abs_ts.nsecs - pinfo->rel_ts.nsecs);
        set->started = true;
    }
    if (e->event != SIPADV_TAP_MESSAGE || !e->call || !calls || !(c = sipadv_calls_get(calls, e->call)))
        return TAP_PACKET_DONT_REDRAW;
    m = member_of(set, e->call);
    learn_parties(m, e, c, pinfo->num);
    if (!set->filter)
        m->selected = true;
    return TAP_PACKET_REDRAW;
}

static tap_packet_status
see_matching(void *tapdata, packet_info *pinfo _U_, epan_dissect_t *edt _U_, const void *data, tap_flags_t flags _U_)
{
    sipadv_call_set *set = (sipadv_call_set *)((char *)tapdata - offsetof(sipadv_call_set, selector));
    const sipadv_tap_data *e = data;

    if (e->event != SIPADV_TAP_MESSAGE || !e->call)
        return TAP_PACKET_DONT_REDRAW;
    member_of(set, e->call)->selected = true;
    return TAP_PACKET_REDRAW;
}

static void
reset(void *tapdata)
{
    sipadv_call_set *set = tapdata;

    g_array_set_size(set->members, 0);
    set->started = false;
}

static void
draw(void *tapdata)
{
    sipadv_call_set *set = tapdata;

    set->draw(set, set->user);
}

sipadv_call_set *
sipadv_call_set_new(const char *filter, sipadv_call_set_draw_fn draw_fn, void *user, GString **error)
{
    sipadv_call_set *set = g_new0(sipadv_call_set, 1);

    set->filter = filter && *filter ? g_strdup(filter) : NULL;
    set->members = g_array_new(FALSE, TRUE, sizeof(member));
    set->draw = draw_fn;
    set->user = user;
    if (set->filter) {
        *error = register_tap_listener(SIPADV_TAP_NAME, &set->selector, set->filter, TL_REQUIRES_NOTHING, NULL,
                                       see_matching, NULL, NULL);
        if (*error)
            goto failed;
    }
    *error = register_tap_listener(SIPADV_TAP_NAME, set, NULL, TL_REQUIRES_NOTHING, reset, see_all, draw, NULL);
    if (*error) {
        if (set->filter)
            remove_tap_listener(&set->selector);
        goto failed;
    }
    return set;
failed:
    g_array_free(set->members, TRUE);
    g_free(set->filter);
    g_free(set);
    return NULL;
}

bool
sipadv_call_set_start(const char *opt_arg, const char *prefix, sipadv_call_set_draw_fn draw_fn)
{
    const char *filter = opt_arg + strlen(prefix);
    GString *error = NULL;

    if (*filter == ',')
        filter++;
    if (sipadv_call_set_new(filter, draw_fn, NULL, &error))
        return true;
    fprintf(stderr, "tshark: -z %s: %s\n", prefix, error ? error->str : "cannot listen to sipadv's tap");
    if (error)
        g_string_free(error, TRUE);
    return false;
}

const char *
sipadv_call_set_filter(const sipadv_call_set *set)
{
    return set->filter;
}

guint32
sipadv_call_set_last(const sipadv_call_set *set _U_)
{
    sipadv_calls *calls = sipadv_state_calls();

    return calls ? (guint32)sipadv_calls_count(calls) : 0;
}

const sipadv_call *
sipadv_call_set_get(const sipadv_call_set *set, guint32 number, const char **from, const char **to)
{
    sipadv_calls *calls = sipadv_state_calls();
    const member *m;

    if (!calls || number >= set->members->len)
        return NULL;
    m = &g_array_index(set->members, member, number);
    if (!m->selected)
        return NULL;
    *from = m->from;
    *to = m->to;
    return sipadv_calls_get(calls, number);
}

gint64
sipadv_call_set_capture_start_ns(const sipadv_call_set *set)
{
    return set->capture_start_ns;
}
