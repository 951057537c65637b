/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The session offer a response refuses (488, 606, 415, 380, ...: the codes of
 * tables/offer_advice.tsv): what the request's SDP asked for, kept by the
 * transaction analysis, and what its refusal means with the response's Warning.
 */
#include "show.h"

#include <wireshark.h>
#include <epan/proto.h>

#include "knowledge.h"
#include "sdp_offer.h"
#include "sipadv.h"
#include "text.h"

/* "audio AMR-WB EVS telephone-event, precondition, b=AS": each m= kind with its codecs, then the rest. */
static const char *
offer_summary(wmem_allocator_t *pool, uint32_t offer)
{
    wmem_strbuf_t *out = wmem_strbuf_new(pool, "");

    for (int f = 0; f < SIPADV_OFFER_COUNT; f++) {
        bool media = f == SIPADV_OFFER_AUDIO || f == SIPADV_OFFER_VIDEO || f == SIPADV_OFFER_T38 ||
                     f == SIPADV_OFFER_TEXT || f >= SIPADV_OFFER_PRECONDITION;
        if (!(offer >> f & 1u))
            continue;
        if (wmem_strbuf_get_len(out))
            wmem_strbuf_append(out, media ? ", " : " ");
        wmem_strbuf_append(out, sipadv_offer_feature_name((sipadv_offer_feature)f));
    }
    return wmem_strbuf_get_str(out);
}

/* The Warning codes of the response, for the advice that names one. */
static size_t
warning_codes(const sipadv_analysis *a, unsigned *out, size_t max)
{
    const sipadv_value *v = sipadv_analysis_values(a);
    size_t n = 0;

    for (unsigned i = 0; i < a->n_values && n < max; i++)
        if (v[i].type == SIPADV_VALUE_WARNING && (v[i].flags & SIPADV_VALUE_HAS_NUMBER))
            out[n++] = v[i].number;
    return n;
}

void
sipadv_show_offer(const sipadv_shown *m, proto_tree *tree)
{
    unsigned warnings[SIPADV_SHOW_VALUES];
    const sipadv_offer_advice *advice;
    proto_item *item;
    proto_tree *sub;

    if (!tree || !m->flow || !m->flow->offer || !sipadv_offer_refused_by(m->a->code))
        return;
    item = proto_tree_add_string(tree, sipadv_ids.hf_offer, m->tvb, 0, 0, offer_summary(m->pinfo->pool, m->flow->offer));
    proto_item_set_generated(item);
    proto_item_append_text(item, " (frame %u)", m->flow->request_frame);
    advice = sipadv_offer_advice_lookup(m->a->code, m->flow->offer, warnings,
                                        warning_codes(m->a, warnings, G_N_ELEMENTS(warnings)));
    if (!advice)
        return;
    sub = proto_item_add_subtree(item, sipadv_ids.ett_offer);
    sipadv_add_text(sub, m->pinfo, m->tvb, m->offset, sipadv_ids.hf_offer_advice, advice->advice.en, NULL, 0,
                    sipadv_show_en());
    sipadv_add_text(sub, m->pinfo, m->tvb, m->offset, sipadv_ids.hf_offer_advice_zh, advice->advice.zh, NULL, 0,
                    sipadv_show_zh());
}
