/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * While a listener is on the export-PDU tap, SIP queues each message's tvb to
 * it (export_sip_pdu() in packet-sip.c) as soon as it has read the start line,
 * with or without a protocol tree, before anything in the message can throw.
 * A postdissector can read those entries with fetch_tapped_data() before the
 * taps run: that is how sipadv sees every message of a plain listing or of the
 * Expert dialog. Taps run only in epan_dissect_run_with_taps(); where they do
 * not (tshark -2's first pass, a GUI packet selection), SIP's own items at
 * the top of the tree serve.
 */
#include "extract.h"

#include "compat.h"

#include <string.h>
#include <wireshark.h>
#include <epan/proto.h>
#include <epan/exported_pdu.h>
#include <epan/tap.h>

static int export_tap = -1;
static int proto_sip = -1;
static int proto_icmp = -1;
static int proto_icmpv6 = -1;

#if SIPADV_FAKES_TOP_PROTOCOLS
/*
 * Wireshark 4.6 fakes a protocol's top-level item when nothing refers to the
 * protocol, so a first pass with a tree but without taps (tshark -2 with a
 * filter that names no SIP field) would show no SIP message. Marking SIP as
 * referenced, as a filter naming "sip" does, keeps its item and forces no tree.
 * Freeing a tree clears the mark (each frame where SIP's item was kept), so it
 * is set again when the frame's packet scope is freed, which comes after.
 */
static bool
keep_sip_item(wmem_allocator_t *pool _U_, wmem_cb_event_t event _U_, void *data _U_)
{
    header_field_info *sip = proto_sip >= 0 ? proto_registrar_get_nth(proto_sip) : NULL;

    if (sip && sip->ref_type == HF_REF_TYPE_NONE)
        sip->ref_type = HF_REF_TYPE_DIRECT;
    return false;
}
#endif

void
sipadv_extract_register(void)
{
    GString *error;

    proto_sip = proto_get_id_by_filter_name("sip");
    proto_icmp = proto_get_id_by_filter_name("icmp");
    proto_icmpv6 = proto_get_id_by_filter_name("icmpv6");
#if SIPADV_FAKES_TOP_PROTOCOLS
    keep_sip_item(NULL, WMEM_CB_FREE_EVENT, NULL);
#endif
    export_tap = find_tap_id(EXPORT_PDU_TAP_NAME_LAYER_7);
    if (export_tap < 0)
        return;
    /* No callbacks: the listener only makes SIP queue its messages for fetch_tapped_data(). */
    error = register_tap_listener(EXPORT_PDU_TAP_NAME_LAYER_7, &export_tap, NULL, TL_REQUIRES_NOTHING, NULL, NULL,
                                  NULL, NULL);
    if (error)
        g_string_free(error, TRUE);
}

sipadv_frame_sip
sipadv_frame_layers(const packet_info *pinfo)
{
    bool icmp = false;

    for (wmem_list_frame_t *f = wmem_list_head(pinfo->layers); f; f = wmem_list_frame_next(f)) {
        int proto = GPOINTER_TO_INT(wmem_list_frame_data(f));
        if (proto == proto_icmp || proto == proto_icmpv6)
            icmp = true;
        else if (proto == proto_sip)
            return icmp ? SIPADV_SIP_IN_ICMP_ERROR : SIPADV_SIP;
    }
    return SIPADV_NO_SIP;
}

/* Other protocols export their PDUs too: SIP's name the "sip" dissector in their first tag. */
static bool
exported_by_sip(const exp_pdu_data_t *exp)
{
    const guint8 *t = exp->tlv_buffer;

    return exp->pdu_tvb && t && exp->tlv_buffer_len >= 8 && t[0] == 0 && t[1] == EXP_PDU_TAG_DISSECTOR_NAME &&
           t[2] == 0 && t[3] >= 3 && memcmp(t + 4, "sip", 3) == 0 && (t[3] == 3 || t[7] == '\0');
}

/* The sources found so far: in the caller's array while they fit, then in a packet-scoped copy. */
typedef struct {
    packet_info   *pinfo;
    sipadv_source *v;
    guint          n, cap;
} source_list;

static void
add_source(source_list *l, sipadv_source src)
{
    if (l->n == l->cap) {
        sipadv_source *grown = wmem_alloc_array(l->pinfo->pool, sipadv_source, l->cap * 2);
        memcpy(grown, l->v, l->n * sizeof *grown);
        l->v = grown;
        l->cap *= 2;
    }
    l->v[l->n++] = src;
}

static void
from_tap(source_list *found)
{
    const exp_pdu_data_t *exp;
    tvbuff_t *previous = NULL;

    for (int i = 0; (exp = (const exp_pdu_data_t *)fetch_tapped_data(export_tap, i)) != NULL; i++) {
        tvbuff_t *tvb = exp->pdu_tvb;
        if (!exported_by_sip(exp))
            continue;
        tvbuff_t *ds = tvb_get_ds_tvb(tvb);
        sipadv_source src = {
            .tvb = ds,
            .offset = (gint)(tvb_offset_from_real_beginning(tvb) - tvb_offset_from_real_beginning(ds)),
            .limit = tvb_captured_length(tvb),
            .follows = tvb == previous,
        };
        previous = tvb;
        add_source(found, src);
    }
}

/* SIP puts each message's protocol item at the top of the tree. */
static void
collect_sip_item(proto_node *node, gpointer data)
{
    field_info *fi = PNODE_FINFO(node);

    if (fi && fi->hfinfo && fi->hfinfo->id == proto_sip && fi->ds_tvb && fi->start >= 0) {
        gint avail = tvb_captured_length_remaining(fi->ds_tvb, fi->start);
        sipadv_source src = { fi->ds_tvb, fi->start, (fi->length > 0 && fi->length < avail) ? fi->length : avail,
                              false };
        if (avail > 0)
            add_source((source_list *)data, src);
    }
}

guint
sipadv_extract(packet_info *pinfo, proto_tree *tree, sipadv_source *room, guint room_len, sipadv_source **out)
{
    source_list found = { pinfo, room, 0, room_len };

#if SIPADV_FAKES_TOP_PROTOCOLS
    if (tree)
        wmem_register_callback(pinfo->pool, keep_sip_item, NULL);
#endif
    if (export_tap >= 0)
        from_tap(&found);
    if (found.n == 0 && tree)
        proto_tree_children_foreach(tree, collect_sip_item, &found);
    *out = found.v;
    return found.n;
}
