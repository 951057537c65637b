/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SIP Response Advisor: a postdissector that takes every SIP message Wireshark's
 * SIP dissector found (UDP, reassembled TCP, SCTP, WebSocket, decrypted TLS or
 * ESP alike), analyses it once and explains it: registration, preferences and
 * the per-frame pipeline extract → analyse (first pass) → store → show.
 */
#include <string.h>
#include <wireshark.h>
#include <epan/packet.h>
#include <epan/prefs.h>
#include <epan/proto.h>
#include <epan/tap.h>
#include <epan/address.h>
#include <epan/to_str.h>

#include "context.h"
#include "extract.h"
#include "info_column.h"
#include "rules.h"
#include "show.h"
#include "sipadv.h"
#include "sipadv_tables.h"
#include "state.h"
#include "tap.h"

sipadv_ids_t sipadv_ids = {
    .proto = -1, .hf_code = -1, .hf_class = -1, .hf_class_zh = -1, .hf_standard_phrase = -1, .hf_hint = -1,
    .hf_meaning = -1, .hf_meaning_zh = -1, .hf_guidance = -1, .hf_guidance_zh = -1, .hf_ref = -1,
    .hf_method = -1, .hf_line = -1, .hf_reason_protocol = -1, .hf_reason_cause = -1,
    .hf_reason_text = -1, .hf_reason_meaning = -1, .hf_reason_meaning_zh = -1, .hf_reason_guidance = -1,
    .hf_reason_guidance_zh = -1, .hf_warning_code = -1, .hf_warning_text = -1, .hf_warning_meaning = -1,
    .hf_warning_meaning_zh = -1, .hf_warning_guidance = -1, .hf_warning_guidance_zh = -1, .hf_ims_type = -1,
    .hf_ims_reason = -1, .hf_ims_action = -1, .hf_ims_hint = -1, .hf_ims_hint_zh = -1,
    .hf_auth_algorithm = -1, .hf_security_mechanism = -1, .hf_not_shown = -1,
    .hf_request_frame = -1, .hf_response_time = -1, .hf_original_frame = -1, .hf_copy_of = -1,
    .hf_auth_stale = -1, .hf_timeout_frame = -1, .hf_retry_after_frame = -1, .hf_call_outcome = -1, .hf_call_final_code = -1, .hf_call_ended_by = -1, .hf_call_pdd = -1,
    .hf_call_setup_time = -1, .hf_call_duration = -1, .hf_call_first_frame = -1, .hf_call_diagnosis = -1,
    .hf_call_diagnosis_zh = -1, .ett_call = -1, .hf_reg_outcome = -1, .hf_reg_expires = -1, .hf_reg_time = -1,
    .hf_reg_challenges = -1, .hf_reg_first_frame = -1, .hf_reg_resync = -1, .hf_reg_sec_agree = -1, .hf_reg_diagnosis = -1, .hf_reg_diagnosis_zh = -1,
    .hf_offer = -1, .hf_generator = -1, .hf_reg_binding = -1, .hf_reg_binding_expires = -1, .hf_reg_associated_uri = -1,
    .hf_reg_service_route = -1, .hf_reg_path = -1, .hf_offer_advice = -1, .hf_offer_advice_zh = -1, .ett_offer = -1,
    .ett_advisor = -1, .ett_text = -1, .ett_reason = -1, .ett_warning = -1,
    .ei_error_response = EI_INIT, .ei_unregistered_code = EI_INIT,
    .ei_malformed_status_line = EI_INIT, .ei_incomplete_headers = EI_INIT,
    .ei_reason_status_mismatch = EI_INIT, .ei_ims_advice = EI_INIT,
    .expert_tap = -1, .hf_expert_message = -1,
};

sipadv_prefs_t sipadv_prefs = { .language = SIPADV_LANG_EN, .ims_profile = SIPADV_IMS_AUTO,
                                .profile = SIPADV_PROFILE_TROUBLESHOOTING, .info_hint = TRUE,
                                .t1_ms = SIPADV_T1_MS, .t1_ims_ms = SIPADV_T1_IMS_MS, .provisional_ms = 200 };

static int proto_expert_id = -1;
static dissector_handle_t sipadv_handle;

static const enum_val_t language_vals[] = {
    { "english", "English", SIPADV_LANG_EN },
    { "chinese", "Simplified Chinese (简体中文)", SIPADV_LANG_ZH },
    { "both", "Both (English, then Simplified Chinese)", SIPADV_LANG_BOTH },
    { NULL, NULL, 0 }
};

static const enum_val_t ims_profile_vals[] = {
    { "auto", "Auto (3gppnetwork.org domain or IMS P-headers)", SIPADV_IMS_AUTO },
    { "on", "On", SIPADV_IMS_ON },
    { "off", "Off", SIPADV_IMS_OFF },
    { NULL, NULL, 0 }
};

#define PROFILE_VAL(e, name, label) { name, label, SIPADV_PROFILE_##e },
static const enum_val_t profile_vals[] = { SIPADV_PROFILES(PROFILE_VAL) { NULL, NULL, 0 } };

/* The frame's time; seconds beyond ±2^33 (year 2242) are clamped: nanoseconds must fit 64 bits. */
static gint64
packet_time_ns(const packet_info *pinfo)
{
    const gint64 limit = G_GINT64_CONSTANT(1) << 33;
    gint64 secs = (gint64)pinfo->abs_ts.secs;

    return CLAMP(secs, -limit, limit) * 1000000000 + pinfo->abs_ts.nsecs;
}

/*
 * How the hop sent it: the top Via's transport (RFC 3261 §18.1.1 updates it
 * when a UA moves to TCP), which also holds inside an encapsulation (HEP over
 * UDP carrying SIP over WebSocket); else the port type (TCP and SCTP reliable).
 */
static bool
reliable_transport(const packet_info *pinfo, const guint8 *buf, const sipadv_message *msg)
{
    if (msg->id.via_transport.len > 0)
        return !sipadv_span_equals(buf, msg->id.via_transport, "UDP");
    return pinfo->ptype == PT_TCP || pinfo->ptype == PT_SCTP;
}

/* What timers ran out at this frame (flow.h, calls.h): said here in a first pass, on their messages later. */
typedef struct {
    packet_info  *pinfo;
    wmem_array_t *flow;    /* of sipadv_flow_timeout; NULL: none */
    wmem_array_t *calls;   /* of guint32 call numbers; NULL: none */
} frame_timeouts;

static void
flow_timed_out(void *ctx, const sipadv_flow_timeout *t)
{
    frame_timeouts *ft = ctx;

    sipadv_state_mark_timeout(t);
    if (!ft->flow)
        ft->flow = wmem_array_new(ft->pinfo->pool, sizeof *t);
    wmem_array_append_one(ft->flow, *t);
}

static void
call_timed_out(void *ctx, guint32 call)
{
    frame_timeouts *ft = ctx;

    if (!ft->calls)
        ft->calls = wmem_array_new(ft->pinfo->pool, sizeof call);
    wmem_array_append_one(ft->calls, call);
}

/* An address, hashed for the flow's Retry-After bookkeeping; 0 when there is none. */
static guint64
host_key(const address *addr)
{
    return addr->type == AT_NONE ? 0 : add_address_to_hash64(0, addr) | 1;
}

/*
 * The first pass (or the first that sees the frame's messages): each message
 * is analysed once and the frame's result stored; the timers that ran out by
 * this frame's time, its messages counted, are collected in *timeouts.
 */
static const sipadv_frame_result *
analyse_frame(packet_info *pinfo, const sipadv_source *src, guint n, frame_timeouts *timeouts)
{
    const sipadv_options opt = { (sipadv_ims_profile)sipadv_prefs.ims_profile, sipadv_prefs.rule_enabled };
    const sipadv_findings **findings = wmem_alloc_array(pinfo->pool, const sipadv_findings *, n);
    sipadv_flow_result *flows = wmem_alloc_array(pinfo->pool, sipadv_flow_result, n);
    sipadv_call_result *call_results = wmem_alloc_array(pinfo->pool, sipadv_call_result, n);
    sipadv_calls *calls = sipadv_state_calls();
    guint32 *offsets = wmem_alloc_array(pinfo->pool, guint32, 2 * n), *lengths = offsets + n;
    sipadv_flow *flow = sipadv_state_flow();
    sipadv_clock *clock = sipadv_state_clock();
    const gint64 now = sipadv_clock_tick(clock, packet_time_ns(pinfo)), steady_since = clock->steady_since;
    const guint64 src_host = host_key(&pinfo->src), dst_host = host_key(&pinfo->dst);
    gint next = 0;
    guint found = 0;

    for (guint i = 0; i < n; i++) {
        gint start = src[i].follows ? next : src[i].offset;
        gint end = src[i].offset + src[i].limit;
        gint avail = MIN(end, (gint)tvb_captured_length(src[i].tvb)) - start;
        const guint8 *bytes;
        sipadv_findings *f;
        sipadv_message msg;
        size_t len;
        bool reliable;

        if (avail <= 0)
            continue;
        f = wmem_new(pinfo->pool, sipadv_findings);
        bytes = tvb_get_ptr(src[i].tvb, start, avail);
        len = sipadv_analyze(bytes, (size_t)avail, &opt, &msg, f);
        next = start + (gint)(len ? len : (size_t)avail);
        if (!len)
            continue;
        reliable = reliable_transport(pinfo, bytes, &msg);
        if (flow) {
            sipadv_flow_packet pkt = { pinfo->num, now, reliable, (guint8)MIN(found, 255),
                                       src_host, dst_host, (guint16)pinfo->srcport, (guint16)pinfo->destport,
                                       steady_since };
            sipadv_flow_message(flow, bytes, &msg, &pkt, &flows[found]);
        } else {
            memset(&flows[found], 0, sizeof flows[found]);
        }
        if (calls) {
            const guint32 ff = flows[found].flags;
            /* A copy is the event its first sighting was: counted once. */
            sipadv_call_packet cp = { pinfo->num, now, (ff & (SIPADV_FLOW_REPEAT | SIPADV_FLOW_COPY)) != 0,
                                      (ff & SIPADV_FLOW_ANSWER_RESENT) != 0, reliable,
                                      (ff & SIPADV_FLOW_AUTH_REJECTED) != 0,
                                      (guint8)sipadv_response_context(&f->head, &flows[found],
                                                                      sipadv_prefs.ims_profile == SIPADV_IMS_OFF),
                                      flows[found].offer, (ff & SIPADV_FLOW_UE_LEG) != 0, steady_since };
            sipadv_calls_message(calls, bytes, &msg, &cp, &call_results[found]);
            /* Formatting an address costs more than the rest: only for the message that decides a call. */
            if (call_results[found].deciding)
                sipadv_calls_set_sender(calls, call_results[found].call, address_to_str(pinfo->pool, &pinfo->src));
        } else {
            memset(&call_results[found], 0, sizeof call_results[found]);
        }
        /* A copy is explained, and raises its findings, at its first sighting only: keep just its head. */
        if (flows[found].flags & SIPADV_FLOW_COPY)
            f->head.n_hits = f->head.n_values = 0;
        findings[found] = f;
        offsets[found] = (guint32)start;
        lengths[found] = (guint32)len;
        found++;
    }
    /* After the frame's messages: an answer in this very frame came in time, however late its timestamp. */
    if (flow)
        sipadv_flow_expire(flow, now, flow_timed_out, timeouts);
    if (calls)
        sipadv_calls_expire(calls, now, call_timed_out, timeouts);
    return found ? sipadv_state_store(pinfo, found, offsets, lengths, findings, flows, call_results) : NULL;
}

/* The source holding a stored message: the i-th when the counts agree, else the one around its offset. */
static tvbuff_t *
source_of(const sipadv_source *src, guint n_src, guint n_stored, guint i, const sipadv_stored_message *m,
          guint *from)
{
    if (n_src == n_stored)
        return src[i].tvb;
    for (guint j = *from; j < n_src; j++) {
        if ((gint)m->offset >= src[j].offset && (gint)m->offset < src[j].offset + src[j].limit) {
            *from = j;
            return src[j].tvb;
        }
    }
    return NULL;
}

/* Whether anything sees expert infos without a tree: the Expert dialog and -z expert (the expert tap), the Expert column. */
static bool
experts_seen(packet_info *pinfo)
{
    return (sipadv_ids.expert_tap >= 0 && have_tap_listener(sipadv_ids.expert_tap)) ||
           sipadv_column_shown(pinfo->cinfo, COL_EXPERT);
}

/*
 * Whether anything will read the full explanation: a visible tree, a filter,
 * column or -e field naming sipadv or an expert text, or the experts seen as
 * above. Otherwise nothing but the Info hint can be seen (a plain listing),
 * and nothing else is drawn.
 */
static bool
details_wanted(packet_info *pinfo, proto_tree *tree)
{
    if (!tree)
        return false;
    return proto_field_is_referenced(tree, sipadv_ids.proto) ||
           (sipadv_ids.hf_expert_message >= 0 && proto_field_is_referenced(tree, sipadv_ids.hf_expert_message)) ||
           (proto_expert_id >= 0 && proto_field_is_referenced(tree, proto_expert_id)) || experts_seen(pinfo);
}

static const char *
joined(packet_info *pinfo, const char *hint, const char *more)
{
    return !more ? hint : hint ? wmem_strdup_printf(pinfo->pool, "%s; %s", hint, more) : more;
}

/* A message for the statistics: what was stored of it, its flags as shown, its bytes and sender. */
static void
tap_message(packet_info *pinfo, const sipadv_shown *shown, const sipadv_stored_message *m)
{
    sipadv_tap_data e = { .event = SIPADV_TAP_MESSAGE, .analysis = m->analysis, .flow = m->flow,
                          .length = m->length, .sender = &pinfo->src, .call = m->call.call,
                          .settles = m->call.settles };

    if (shown->tvb && tvb_bytes_exist(shown->tvb, (gint)m->offset, (gint)m->length))
        e.bytes = tvb_get_ptr(shown->tvb, (gint)m->offset, (gint)m->length);
    else
        e.length = 0;
    sipadv_tap_queue(pinfo, &e);
}

/*
 * fresh: analysed just now, so the calls are as far as the capture has come,
 * and the timers that ran out at this frame (timeouts) are said here; else as
 * the first pass left them, the timeouts marked on the messages they concern.
 */
static void
show_frame(packet_info *pinfo, proto_tree *tree, tvbuff_t *tvb, const sipadv_frame_result *res,
           const sipadv_source *src, guint n_src, bool fresh, const frame_timeouts *timeouts)
{
    guint n = sipadv_state_count(res), from = 0;
    guint n_flow = timeouts->flow ? wmem_array_get_count(timeouts->flow) : 0;
    guint n_calls = timeouts->calls ? wmem_array_get_count(timeouts->calls) : 0;
    const char **hints = wmem_alloc0_array(pinfo->pool, const char *, n);
    bool details = details_wanted(pinfo, tree), seen = details || experts_seen(pinfo), tapped = sipadv_tap_wanted();
    const void *cursor = NULL;

    for (guint i = 0; i < n; i++) {
        sipadv_stored_message m = sipadv_state_message(res, i, &cursor);
        sipadv_shown shown = { pinfo, details ? tree : NULL, source_of(src, n_src, n, i, &m, &from),
                               (gint)m.offset, (gint)m.length, m.analysis, &m.flow, &m.call, !fresh };
        const char *hint;

        if (!fresh)
            m.flow.flags |= sipadv_state_timeouts(pinfo->num, i, &m.flow.waited_ns);
        hint = seen ? sipadv_show_message(&shown) : sipadv_message_hint(pinfo, m.analysis);
        hints[i] = joined(pinfo, hint, sipadv_call_hint(&shown));
        if (tapped)
            tap_message(pinfo, &shown, &m);
    }
    for (guint i = 0; i < n_flow; i++) {
        const sipadv_flow_timeout *t = wmem_array_index(timeouts->flow, i);
        sipadv_show_timeout(pinfo, details ? tree : NULL, tvb, t);
        if (tapped)
            sipadv_tap_queue(pinfo, &(sipadv_tap_data){ .event = SIPADV_TAP_FLOW_TIMEOUT, .timeout = t });
    }
    /* A call a timer decided is said with the frame's last message: the Info column has a part per message. */
    for (guint i = 0; i < n_calls; i++) {
        guint32 call = *(const guint32 *)wmem_array_index(timeouts->calls, i);
        hints[n - 1] = joined(pinfo, hints[n - 1], sipadv_show_call_timeout(pinfo, details ? tree : NULL, tvb, call));
        if (tapped)
            sipadv_tap_queue(pinfo, &(sipadv_tap_data){ .event = SIPADV_TAP_CALL_TIMEOUT, .call = call });
    }
    if (sipadv_prefs.info_hint)
        sipadv_info_add_hints(pinfo, hints, n);
}

/*
 * Every SIP message is analysed in the first pass that sees it, with or
 * without a tree, and its result kept with the frame; every pass then raises
 * its experts, sets its Info hint and, where something reads them, adds its
 * tree items, from that result.
 */
static int
dissect_sipadv(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    sipadv_frame_sip sip = sipadv_frame_layers(pinfo);
    const sipadv_frame_result *res;
    sipadv_source room[8], *src = room;
    frame_timeouts timeouts = { pinfo, NULL, NULL };
    guint n_src = 0;
    bool fresh;

    if (sip == SIPADV_NO_SIP)
        return 0;
    if (sip == SIPADV_SIP)
        n_src = sipadv_extract(pinfo, tree, room, G_N_ELEMENTS(room), &src);
    res = sipadv_state_lookup(pinfo);
    fresh = !res;
    if (!res && n_src)
        res = analyse_frame(pinfo, src, n_src, &timeouts);
    if (!res) {
        /* Seen neither now nor before (tshark -2's first pass lists no SIP): SIP's own status lines serve. */
        if (sipadv_prefs.info_hint)
            sipadv_info_hints_from_column(pinfo);
        return 0;
    }
    show_frame(pinfo, tree, tvb, res, src, n_src, fresh, &timeouts);
    return (int)tvb_captured_length(tvb);
}

/* Wireshark's expert tap and fields exist only once epan is up, after our handoff. */
static void
init_sipadv(void)
{
    /* The IMS leg's T1 only where IMS may be (the profile auto or on). */
    const sipadv_flow_config flow_config = { (gint64)sipadv_prefs.t1_ms * 1000000,
                                             sipadv_prefs.ims_profile == SIPADV_IMS_OFF
                                                 ? 0 : (gint64)sipadv_prefs.t1_ims_ms * 1000000,
                                             (gint64)sipadv_prefs.provisional_ms * 1000000, 0 };

    sipadv_state_init(&flow_config);
    sipadv_ids.expert_tap = find_tap_id("expert");
    sipadv_ids.hf_expert_message = proto_registrar_get_id_byname("_ws.expert.message");
    proto_expert_id = proto_registrar_get_id_byname("_ws.expert");
}

static void
apply_prefs(void)
{
    for (size_t i = 0; i < sipadv_rule_experts_len; i++)
        sipadv_prefs.rule_enabled[i] = sipadv_prefs.rule_pref[i] && sipadv_rule_experts[i].profile <= (sipadv_profile)sipadv_prefs.profile;
}

/* Each row of tables/rules.tsv names an expert users can filter, re-grade and switch off. */
static void
register_rules(expert_module_t *expert, module_t *module)
{
#define SEVERITY_PI(e, name, doc) [SIPADV_SEVERITY_##e] = PI_##e,
#define GROUP_PI(e, name, pi) [SIPADV_GROUP_##e] = pi,
    static const int severity[] = { SIPADV_SEVERITIES(SEVERITY_PI) };
    static const int group[] = { SIPADV_GROUPS(GROUP_PI) };
    ei_register_info *ei = g_new0(ei_register_info, sipadv_rule_experts_len);

    for (size_t i = 0; i < sipadv_rule_experts_len; i++) {
        const sipadv_rule_expert *r = &sipadv_rule_experts[i];
        ei_register_info info = { &sipadv_ids.ei_rules[i],
                                  { r->abbrev, group[r->group], severity[r->severity], r->summary, EXPFILL } };

        sipadv_ids.ei_rules[i] = (expert_field)EI_INIT;
        ei[i] = info;
        sipadv_prefs.rule_pref[i] = TRUE;
        prefs_register_bool_preference(module, r->name, r->summary,
                                       g_strdup_printf("Check this rule (raised in %s): expert info %s (display filter)",
                                                       r->profile == SIPADV_PROFILE_CONFORMANCE ? "the conformance profile only"
                                                                                                : "both profiles",
                                                       r->abbrev),
                                       &sipadv_prefs.rule_pref[i]);
    }
    expert_register_field_array(expert, ei, (int)sipadv_rule_experts_len);
    apply_prefs();
}

void
proto_register_sipadv(void)
{
    static hf_register_info hf[] = {
        { &sipadv_ids.hf_code,
          { "Status code", "sipadv.code", FT_UINT16, BASE_DEC, NULL, 0x0,
            "The response's status code", HFILL } },
        { &sipadv_ids.hf_class,
          { "Status class", "sipadv.class", FT_STRING, BASE_NONE, NULL, 0x0,
            "Response class (RFC 3261 §21)", HFILL } },
        { &sipadv_ids.hf_class_zh,
          { "Status class (Chinese)", "sipadv.class_zh", FT_STRING, BASE_NONE, NULL, 0x0,
            "Response class (RFC 3261 §21), in Simplified Chinese", HFILL } },
        { &sipadv_ids.hf_standard_phrase,
          { "Standard reason phrase", "sipadv.standard_phrase", FT_STRING, BASE_NONE, NULL, 0x0,
            "The reason phrase the IANA registry gives this code", HFILL } },
        { &sipadv_ids.hf_hint,
          { "Status hint", "sipadv.hint", FT_STRING, BASE_NONE, NULL, 0x0,
            "A few words on what the status code means, in the configured language (good as a column)", HFILL } },
        { &sipadv_ids.hf_meaning,
          { "Status meaning", "sipadv.meaning", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the status code means", HFILL } },
        { &sipadv_ids.hf_meaning_zh,
          { "Status meaning (Chinese)", "sipadv.meaning_zh", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the status code means, in Simplified Chinese", HFILL } },
        { &sipadv_ids.hf_guidance,
          { "Status guidance", "sipadv.guidance", FT_STRING, BASE_NONE, NULL, 0x0,
            "What to check next", HFILL } },
        { &sipadv_ids.hf_guidance_zh,
          { "Status guidance (Chinese)", "sipadv.guidance_zh", FT_STRING, BASE_NONE, NULL, 0x0,
            "What to check next, in Simplified Chinese", HFILL } },
        { &sipadv_ids.hf_ref,
          { "Reference", "sipadv.ref", FT_STRING, BASE_NONE, NULL, 0x0,
            "Where the code is defined (RFC or 3GPP clause)", HFILL } },
        { &sipadv_ids.hf_method,
          { "Method", "sipadv.method", FT_STRING, BASE_NONE, NULL, 0x0,
            "A response's CSeq method (the request it answers); a BYE's or CANCEL's own method", HFILL } },
        { &sipadv_ids.hf_reason_protocol,
          { "Reason protocol", "sipadv.reason.protocol", FT_STRING, BASE_NONE, NULL, 0x0,
            "Protocol of a Reason header value (RFC 3326): Q.850, SIP, ...", HFILL } },
        { &sipadv_ids.hf_reason_cause,
          { "Reason cause", "sipadv.reason.cause", FT_UINT16, BASE_DEC, NULL, 0x0,
            "The cause of a Reason header value", HFILL } },
        { &sipadv_ids.hf_reason_text,
          { "Reason text", "sipadv.reason.text", FT_STRING, BASE_NONE, NULL, 0x0,
            "The text parameter of a Reason header value, as sent (cut when long)", HFILL } },
        { &sipadv_ids.hf_reason_meaning,
          { "Reason cause meaning", "sipadv.reason.meaning", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the Reason cause means", HFILL } },
        { &sipadv_ids.hf_reason_meaning_zh,
          { "Reason cause meaning (Chinese)", "sipadv.reason.meaning_zh", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the Reason cause means, in Simplified Chinese", HFILL } },
        { &sipadv_ids.hf_reason_guidance,
          { "Reason cause guidance", "sipadv.reason.guidance", FT_STRING, BASE_NONE, NULL, 0x0,
            "What to check for this cause", HFILL } },
        { &sipadv_ids.hf_reason_guidance_zh,
          { "Reason cause guidance (Chinese)", "sipadv.reason.guidance_zh", FT_STRING, BASE_NONE, NULL, 0x0,
            "What to check for this cause, in Simplified Chinese", HFILL } },
        { &sipadv_ids.hf_warning_code,
          { "Warning code", "sipadv.warning.code", FT_UINT16, BASE_DEC, NULL, 0x0,
            "A Warning header's warn-code (RFC 3261 §20.43)", HFILL } },
        { &sipadv_ids.hf_warning_text,
          { "Warning text", "sipadv.warning.text", FT_STRING, BASE_NONE, NULL, 0x0,
            "A Warning header's warn-text, as sent (cut when long)", HFILL } },
        { &sipadv_ids.hf_warning_meaning,
          { "Warning code meaning", "sipadv.warning.meaning", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the warn-code means", HFILL } },
        { &sipadv_ids.hf_warning_meaning_zh,
          { "Warning code meaning (Chinese)", "sipadv.warning.meaning_zh", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the warn-code means, in Simplified Chinese", HFILL } },
        { &sipadv_ids.hf_warning_guidance,
          { "Warning code guidance", "sipadv.warning.guidance", FT_STRING, BASE_NONE, NULL, 0x0,
            "What to check for this warn-code", HFILL } },
        { &sipadv_ids.hf_warning_guidance_zh,
          { "Warning code guidance (Chinese)", "sipadv.warning.guidance_zh", FT_STRING, BASE_NONE, NULL, 0x0,
            "What to check for this warn-code, in Simplified Chinese", HFILL } },
        { &sipadv_ids.hf_ims_type,
          { "3GPP alternative service type", "sipadv.ims.type", FT_STRING, BASE_NONE, NULL, 0x0,
            "<type> of the 3GPP IM CN subsystem XML body (3GPP TS 24.229)", HFILL } },
        { &sipadv_ids.hf_ims_reason,
          { "3GPP alternative service reason", "sipadv.ims.reason", FT_STRING, BASE_NONE, NULL, 0x0,
            "<reason> of the 3GPP IM CN subsystem XML body", HFILL } },
        { &sipadv_ids.hf_ims_action,
          { "3GPP alternative service action", "sipadv.ims.action", FT_STRING, BASE_NONE, NULL, 0x0,
            "<action> of the 3GPP IM CN subsystem XML body", HFILL } },
        { &sipadv_ids.hf_ims_hint,
          { "IMS hint", "sipadv.ims.hint", FT_STRING, BASE_NONE, NULL, 0x0,
            "What this response asks of the UE or network in IMS", HFILL } },
        { &sipadv_ids.hf_ims_hint_zh,
          { "IMS hint (Chinese)", "sipadv.ims.hint_zh", FT_STRING, BASE_NONE, NULL, 0x0,
            "What this response asks of the UE or network in IMS, in Simplified Chinese", HFILL } },
        { &sipadv_ids.hf_auth_algorithm,
          { "Challenged algorithm", "sipadv.auth.algorithm", FT_STRING, BASE_NONE, NULL, 0x0,
            "The algorithm of WWW-Authenticate: AKAv1-MD5, AKAv2-MD5, MD5, ...", HFILL } },
        { &sipadv_ids.hf_auth_stale,
          { "Challenge says stale", "sipadv.auth.stale", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "A 401/407 with stale=true: only the nonce was old, the credentials were right (RFC 2617 §3.2.1)", HFILL } },
        { &sipadv_ids.hf_reg_binding,
          { "Registered binding", "sipadv.reg.binding", FT_STRING, BASE_NONE, NULL, 0x0,
            "A Contact a 2xx to REGISTER lists: a binding the registrar now holds for the address-of-record", HFILL } },
        { &sipadv_ids.hf_reg_binding_expires,
          { "Binding expires", "sipadv.reg.binding_expires", FT_UINT32, BASE_DEC, NULL, 0x0,
            "Seconds the registrar granted to that binding (its expires parameter, else the Expires header)", HFILL } },
        { &sipadv_ids.hf_reg_associated_uri,
          { "Associated identity", "sipadv.reg.associated_uri", FT_STRING, BASE_NONE, NULL, 0x0,
            "A P-Associated-URI value of a 2xx to REGISTER: a public identity the user may use (RFC 7315)", HFILL } },
        { &sipadv_ids.hf_reg_service_route,
          { "Service route", "sipadv.reg.service_route", FT_STRING, BASE_NONE, NULL, 0x0,
            "A Service-Route value of a 2xx to REGISTER: the route the UE puts on its later requests (RFC 3608)", HFILL } },
        { &sipadv_ids.hf_reg_path,
          { "Path", "sipadv.reg.path", FT_STRING, BASE_NONE, NULL, 0x0,
            "A Path value of a 2xx to REGISTER: the proxy through which the registrar reaches the UE (RFC 3327)", HFILL } },
        { &sipadv_ids.hf_generator,
          { "Generated by", "sipadv.generator", FT_STRING, BASE_NONE, NULL, 0x0,
            "Who generated a failure response, as it tells: the agent of its first Warning, else its Server, else its User-Agent", HFILL } },
        { &sipadv_ids.hf_offer,
          { "Refused offer", "sipadv.offer", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the SDP offer of the request this response refuses asked for: media, codecs, preconditions, security, bandwidth, hold", HFILL } },
        { &sipadv_ids.hf_offer_advice,
          { "Refused offer advice", "sipadv.offer.advice", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the refusal of that offer means and what to check", HFILL } },
        { &sipadv_ids.hf_offer_advice_zh,
          { "Refused offer advice (Chinese)", "sipadv.offer.advice_zh", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the refusal of that offer means and what to check, in Simplified Chinese", HFILL } },
        { &sipadv_ids.hf_security_mechanism,
          { "Security mechanism", "sipadv.security.mechanism", FT_STRING, BASE_NONE, NULL, 0x0,
            "A mechanism offered in Security-Server (RFC 3329): ipsec-3gpp, tls, ...", HFILL } },
        { &sipadv_ids.hf_not_shown,
          { "Values not shown", "sipadv.not_shown", FT_UINT32, BASE_DEC, NULL, 0x0,
            "How many more values of a header were counted but not shown (at most 8 are shown)", HFILL } },
        { &sipadv_ids.hf_request_frame,
          { "Request in frame", "sipadv.request_frame", FT_FRAMENUM, BASE_NONE, FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0,
            "The first transmission of the request this response answers (its transaction, RFC 3261 §17)", HFILL } },
        { &sipadv_ids.hf_response_time,
          { "Response time", "sipadv.response_time", FT_RELATIVE_TIME, BASE_NONE, NULL, 0x0,
            "Time from the request's first transmission to this response", HFILL } },
        { &sipadv_ids.hf_original_frame,
          { "Same message first in frame", "sipadv.original_frame", FT_FRAMENUM, BASE_NONE,
            FRAMENUM_TYPE(FT_FRAMENUM_RETRANS_PREV), 0x0,
            "This request or response was seen before: its first transmission", HFILL } },
        { &sipadv_ids.hf_copy_of,
          { "Copy of the message in frame", "sipadv.copy_of", FT_FRAMENUM, BASE_NONE,
            FRAMENUM_TYPE(FT_FRAMENUM_DUP_ACK), 0x0,
            "The same request or response seen within T1/2 before, on this leg (captured twice) or another "
            "(mirrored, or relayed by a proxy: same Call-ID, CSeq, tags, code): explained and counted there", HFILL } },
        { &sipadv_ids.hf_timeout_frame,
          { "Timer ran out for frame", "sipadv.timeout_frame", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "A one-pass listing says a timeout on the first message after it: the request that got no final "
            "response, or the final response that got no ACK (later passes say it on that message)", HFILL } },
        { &sipadv_ids.hf_retry_after_frame,
          { "Retry-After given in frame", "sipadv.retry_after_frame", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "The 500/503 whose Retry-After this request did not wait for", HFILL } },
        { &sipadv_ids.hf_call_outcome,
          { "Call outcome", "sipadv.call.outcome", FT_STRING, BASE_NONE, NULL, 0x0,
            "How the call ended: completed, answered, dropped, busy, declined, no-answer, cancelled, redirected, "
            "rejected, failed or setup", HFILL } },
        { &sipadv_ids.hf_call_final_code,
          { "Call final response", "sipadv.call.final_code", FT_UINT16, BASE_DEC, NULL, 0x0,
            "The final response to the call's INVITE", HFILL } },
        { &sipadv_ids.hf_call_ended_by,
          { "Call ended by", "sipadv.call.ended_by", FT_STRING, BASE_NONE, NULL, 0x0,
            "caller, callee or unknown: who sent the BYE or CANCEL (a failure response counts for the callee)", HFILL } },
        { &sipadv_ids.hf_call_pdd,
          { "Post-dial delay", "sipadv.call.pdd", FT_RELATIVE_TIME, BASE_NONE, NULL, 0x0,
            "From the first INVITE to the first provisional response other than 100 (RFC 6076 SRD)", HFILL } },
        { &sipadv_ids.hf_call_setup_time,
          { "Call setup time", "sipadv.call.setup_time", FT_RELATIVE_TIME, BASE_NONE, NULL, 0x0,
            "From the first INVITE to the 2xx that answered it", HFILL } },
        { &sipadv_ids.hf_call_duration,
          { "Call duration", "sipadv.call.duration", FT_RELATIVE_TIME, BASE_NONE, NULL, 0x0,
            "From the answer to the BYE (or the failure) that ended the call", HFILL } },
        { &sipadv_ids.hf_call_first_frame,
          { "Call begins in frame", "sipadv.call.first_frame", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "The call's first INVITE", HFILL } },
        { &sipadv_ids.hf_call_diagnosis,
          { "Call diagnosis", "sipadv.call.diagnosis", FT_STRING, BASE_NONE, NULL, 0x0,
            "How the call ended, who ended it, why, and what to check first: one line for a ticket", HFILL } },
        { &sipadv_ids.hf_call_diagnosis_zh,
          { "Call diagnosis (Chinese)", "sipadv.call.diagnosis_zh", FT_STRING, BASE_NONE, NULL, 0x0,
            "The call diagnosis in Simplified Chinese", HFILL } },
        { &sipadv_ids.hf_reg_outcome,
          { "Registration outcome", "sipadv.reg.outcome", FT_STRING, BASE_NONE, NULL, 0x0,
            "How the REGISTER attempt ended: registered, deregistered, failed or pending", HFILL } },
        { &sipadv_ids.hf_reg_expires,
          { "Registration expires", "sipadv.reg.expires", FT_UINT32, BASE_DEC, NULL, 0x0,
            "Seconds the 2xx granted (the Contact's expires parameter, else Expires)", HFILL } },
        { &sipadv_ids.hf_reg_time,
          { "Registration time", "sipadv.reg.time", FT_RELATIVE_TIME, BASE_NONE, NULL, 0x0,
            "From the attempt's first REGISTER to its 2xx, challenge rounds included (RFC 6076 RRD)", HFILL } },
        { &sipadv_ids.hf_reg_challenges,
          { "Registration challenges", "sipadv.reg.challenges", FT_UINT8, BASE_DEC, NULL, 0x0,
            "401/407 challenges the attempt went through", HFILL } },
        { &sipadv_ids.hf_reg_first_frame,
          { "Registration begins in frame", "sipadv.reg.first_frame", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "The attempt's first REGISTER", HFILL } },
        { &sipadv_ids.hf_reg_resync,
          { "Registration AKA resync", "sipadv.reg.resync", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "A REGISTER of the attempt sent auts: the ISIM found the sequence number out of range and asked the HSS "
            "to resynchronise (RFC 3310 §3.4)", HFILL } },
        { &sipadv_ids.hf_reg_sec_agree,
          { "Registration security agreement", "sipadv.reg.sec_agree", FT_STRING, BASE_NONE, NULL, 0x0,
            "offered, complete or not verified: Security-Client, Security-Server in the 401, Security-Verify in the "
            "next REGISTER (RFC 3329, 3GPP TS 33.203)", HFILL } },
        { &sipadv_ids.hf_reg_diagnosis,
          { "Registration diagnosis", "sipadv.reg.diagnosis", FT_STRING, BASE_NONE, NULL, 0x0,
            "How the registration ended, why, and what to check first: one line for a ticket", HFILL } },
        { &sipadv_ids.hf_reg_diagnosis_zh,
          { "Registration diagnosis (Chinese)", "sipadv.reg.diagnosis_zh", FT_STRING, BASE_NONE, NULL, 0x0,
            "The registration diagnosis in Simplified Chinese", HFILL } },
        { &sipadv_ids.hf_line,
          { "Text line", "sipadv.line", FT_NONE, BASE_NONE, NULL, 0x0,
            "One line of a long text, for display only", HFILL } },
    };
    static gint *ett[] = { &sipadv_ids.ett_advisor, &sipadv_ids.ett_text, &sipadv_ids.ett_reason,
                           &sipadv_ids.ett_warning, &sipadv_ids.ett_call, &sipadv_ids.ett_offer };
    static ei_register_info ei[] = {
        { &sipadv_ids.ei_error_response,
          { "sipadv.error_response", PI_RESPONSE_CODE, PI_NOTE,
            "Error response (4xx, 5xx or 6xx)", EXPFILL } },
        { &sipadv_ids.ei_unregistered_code,
          { "sipadv.unregistered_code", PI_PROTOCOL, PI_NOTE,
            "Status code not in the IANA registry", EXPFILL } },
        { &sipadv_ids.ei_malformed_status_line,
          { "sipadv.malformed_status_line", PI_MALFORMED, PI_WARN,
            "Malformed status line", EXPFILL } },
        { &sipadv_ids.ei_incomplete_headers,
          { "sipadv.incomplete_headers", PI_MALFORMED, PI_NOTE,
            "Header section incomplete: missing-header checks skipped", EXPFILL } },
        { &sipadv_ids.ei_reason_status_mismatch,
          { "sipadv.reason_status_mismatch", PI_PROTOCOL, PI_NOTE,
            "Reason Q.850 cause contradicts the status code (3GPP TS 29.163, RFC 3398)", EXPFILL } },
        { &sipadv_ids.ei_ims_advice,
          { "sipadv.ims_advice", PI_RESPONSE_CODE, PI_NOTE,
            "What this IMS response asks the UE or network to do (3GPP TS 24.229)", EXPFILL } },
    };
    module_t *module;
    expert_module_t *expert;

    sipadv_ids.proto = proto_register_protocol("SIP Response Advisor", "SIPADV", "sipadv");
    proto_register_field_array(sipadv_ids.proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert = expert_register_protocol(sipadv_ids.proto);
    expert_register_field_array(expert, ei, array_length(ei));

    module = prefs_register_protocol(sipadv_ids.proto, apply_prefs);
    prefs_register_enum_preference(module, "language", "Language of summaries",
        "Language of the expert infos, the Info column hint and the visible explanation "
        "(the fields of both languages stay filterable)",
        &sipadv_prefs.language, language_vals, FALSE);
    prefs_register_enum_preference(module, "ims_profile", "IMS profile",
        "Apply the IMS (3GPP TS 24.229) hints and show the IMS-only guidance: auto when a From/To domain ends in "
        "3gppnetwork.org or P-Access-Network-Info / P-Asserted-Identity is present, in the response or its request",
        &sipadv_prefs.ims_profile, ims_profile_vals, FALSE);
    prefs_register_enum_preference(module, "profile", "Profile",
        "Which rules are raised: troubleshooting (default) raises what explains or predicts a failure and broken MUSTs; "
        "conformance raises every rule, SHOULD and MAY nits on flows that work too (docs/rules.md lists each rule's profile)",
        &sipadv_prefs.profile, profile_vals, FALSE);
    prefs_register_bool_preference(module, "info_hint", "Info column hint",
        "Append a short meaning of each response's status code to the Info column",
        &sipadv_prefs.info_hint);
    prefs_register_uint_preference(module, "t1_ms", "Timer T1 (ms)",
        "RFC 3261 T1, the round-trip estimate transactions and calls are timed with (default 500 ms, RFC 3261 "
        "§17.1.1.1): no final response or no ACK after 64*T1",
        10, &sipadv_prefs.t1_ms);
    prefs_register_uint_preference(module, "t1_ims_ms", "Timer T1 on the IMS UE to P-CSCF leg (ms)",
        "T1 for a request a UE sends to its P-CSCF and its answers (default 2000 ms, 3GPP TS 24.229 §7.7): "
        "one Via and Security-Client/-Verify, P-Preferred-Identity, or P-Access-Network-Info without "
        "P-Asserted-Identity; not used when the IMS profile is off",
        10, &sipadv_prefs.t1_ims_ms);
    prefs_register_uint_preference(module, "provisional_ms", "Late provisional response (ms)",
        "An INVITE whose first response comes later than this is late (RFC 3261 §17.2.1: 100 Trying within 200 ms); "
        "expert info sipadv.late_provisional",
        10, &sipadv_prefs.provisional_ms);
    register_rules(expert, module);

    sipadv_handle = register_dissector("sipadv", dissect_sipadv, sipadv_ids.proto);
    sipadv_tap_register();
}

void
proto_reg_handoff_sipadv(void)
{
    register_postdissector(sipadv_handle);
    /* No wanted fields: that would make Wireshark build a tree for every frame. */
    sipadv_extract_register();
    register_init_routine(init_sipadv);
    register_cleanup_routine(sipadv_state_cleanup);
}
