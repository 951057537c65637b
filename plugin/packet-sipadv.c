/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SIP Response Advisor: a postdissector that finds every SIP message Wireshark's
 * SIP dissector put in the tree (UDP, reassembled TCP, decrypted TLS or ESP
 * alike), reads the message text and explains each response.
 */
#include <string.h>
#include <wireshark.h>
#include <epan/packet.h>
#include <epan/prefs.h>
#include <epan/proto.h>
#include <epan/tap.h>

#include "annotate.h"
#include "info_column.h"
#include "rules.h"
#include "sip_message.h"
#include "sipadv.h"

sipadv_ids_t sipadv_ids = {
    .proto = -1, .hf_code = -1, .hf_class = -1, .hf_reason = -1, .hf_meaning = -1,
    .hf_meaning_zh = -1, .hf_guidance = -1, .hf_guidance_zh = -1, .hf_ref = -1,
    .hf_method = -1, .hf_line = -1, .hf_reason_protocol = -1, .hf_reason_cause = -1,
    .hf_reason_text = -1, .hf_reason_meaning = -1, .hf_reason_meaning_zh = -1, .hf_reason_guidance = -1,
    .hf_reason_guidance_zh = -1, .hf_warning_code = -1, .hf_warning_text = -1, .hf_warning_meaning = -1,
    .hf_warning_meaning_zh = -1, .hf_warning_guidance = -1, .hf_warning_guidance_zh = -1, .hf_ims_type = -1,
    .hf_ims_reason = -1, .hf_ims_action = -1, .hf_ims_hint = -1, .hf_ims_hint_zh = -1,
    .hf_auth_algorithm = -1, .hf_security_mechanism = -1,
    .ett_advisor = -1, .ett_text = -1, .ett_reason = -1, .ett_warning = -1,
    .ei_error_response = EI_INIT, .ei_unregistered_code = EI_INIT,
    .ei_malformed_status_line = EI_INIT, .ei_incomplete_headers = EI_INIT,
    .ei_reason_status_mismatch = EI_INIT, .ei_ims_advice = EI_INIT,
    .expert_tap = -1, .hf_expert_message = -1, .proto_expert = -1,
};

sipadv_prefs_t sipadv_prefs = { .language = SIPADV_LANG_EN, .ims_profile = SIPADV_IMS_AUTO, .info_hint = TRUE };

static int proto_sip = -1;
static dissector_handle_t sipadv_handle;

static const enum_val_t language_vals[] = {
    { "english", "English", SIPADV_LANG_EN },
    { "chinese", "简体中文 (Simplified Chinese)", SIPADV_LANG_ZH },
    { "both", "Both / 中英双语", SIPADV_LANG_BOTH },
    { NULL, NULL, 0 }
};

static const enum_val_t ims_profile_vals[] = {
    { "auto", "Auto (3gppnetwork.org domain or IMS P-headers)", SIPADV_IMS_AUTO },
    { "on", "On", SIPADV_IMS_ON },
    { "off", "Off", SIPADV_IMS_OFF },
    { NULL, NULL, 0 }
};

/* SIP puts each message's protocol item at the top of the tree, where Wireshark never fakes it. */
static void
collect_sip_message(proto_node *node, gpointer data)
{
    field_info *fi = PNODE_FINFO(node);

    if (fi && fi->hfinfo && fi->hfinfo->id == proto_sip)
        wmem_array_append_one((wmem_array_t *)data, fi);
}

/* BYE and CANCEL say in their Reason headers why a call or an attempt ended (RFC 3326). */
static void
annotate_call_end(const sipadv_msg_ctx *ctx)
{
    sipadv_request req;

    if (!sipadv_request_parse(ctx->bytes, (size_t)ctx->len, &req) || req.reasons.n == 0)
        return;
    if ((req.method.len == 3 && memcmp(ctx->bytes, "BYE", 3) == 0) ||
        (req.method.len == 6 && memcmp(ctx->bytes, "CANCEL", 6) == 0))
        sipadv_annotate_request(ctx, &req);
}

static int
advise_messages(packet_info *pinfo, proto_tree *tree, wmem_array_t *messages)
{
    guint n = wmem_array_get_count(messages);
    const char **hints = wmem_alloc0_array(pinfo->pool, const char *, n);
    int responses = 0;

    for (guint i = 0; i < n; i++) {
        field_info *fi = *(field_info **)wmem_array_index(messages, i);
        sipadv_response resp;
        sipadv_msg_ctx ctx;
        gint avail;

        if (!fi->ds_tvb || fi->start < 0)
            continue;
        avail = tvb_captured_length_remaining(fi->ds_tvb, fi->start);
        if (avail <= 0)
            continue;
        ctx.tvb = fi->ds_tvb;
        ctx.offset = fi->start;
        ctx.len = (fi->length > 0 && fi->length < avail) ? fi->length : avail;
        ctx.bytes = tvb_get_ptr(fi->ds_tvb, fi->start, ctx.len);
        ctx.pinfo = pinfo;
        ctx.tree = tree;
        if (sipadv_response_parse(ctx.bytes, (size_t)ctx.len, &resp)) {
            hints[i] = sipadv_annotate_response(&ctx, &resp);
            responses++;
        } else {
            annotate_call_end(&ctx);
        }
    }
    if (responses && sipadv_prefs.info_hint)
        sipadv_info_add_hints(pinfo, hints, n);
    return responses;
}

/*
 * Whether anything will read the full explanation: a visible tree, a filter,
 * column or -e field naming sipadv or an expert text, an expert tap, or the
 * Expert column. Otherwise only the Info column hints are worth their cost.
 */
static bool
details_wanted(packet_info *pinfo, proto_tree *tree)
{
    if (!tree)
        return false;
    return proto_field_is_referenced(tree, sipadv_ids.proto) ||
           (sipadv_ids.hf_expert_message >= 0 && proto_field_is_referenced(tree, sipadv_ids.hf_expert_message)) ||
           (sipadv_ids.proto_expert >= 0 && proto_field_is_referenced(tree, sipadv_ids.proto_expert)) ||
           (sipadv_ids.expert_tap >= 0 && have_tap_listener(sipadv_ids.expert_tap)) ||
           sipadv_column_shown(pinfo->cinfo, COL_EXPERT);
}

/* Whether SIP dissected part of this frame; pinfo->layers lists protocol ids. */
static bool
frame_has_sip(const packet_info *pinfo)
{
    for (wmem_list_frame_t *f = wmem_list_head(pinfo->layers); f; f = wmem_list_frame_next(f)) {
        if (GPOINTER_TO_INT(wmem_list_frame_data(f)) == proto_sip)
            return true;
    }
    return false;
}

/*
 * When something reads it, every SIP message is explained in full. Otherwise
 * (tshark listing a file, or filtering on other fields) no tree is forced on
 * every frame for us, which would cost a fifth of tshark's time, and nothing
 * unread is computed: the Info column gets its hints from SIP's own status
 * lines there.
 */
static int
dissect_sipadv(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    int responses = 0;

    if (details_wanted(pinfo, tree)) {
        wmem_array_t *messages = wmem_array_new(pinfo->pool, sizeof(field_info *));
        proto_tree_children_foreach(tree, collect_sip_message, messages);
        if (wmem_array_get_count(messages))
            responses = advise_messages(pinfo, tree, messages);
    } else if (sipadv_prefs.info_hint && frame_has_sip(pinfo)) {
        sipadv_info_hints_from_column(pinfo);
    }
    return responses ? (int)tvb_captured_length(tvb) : 0;
}

/* Wireshark's expert tap and fields exist only once epan is up, after our handoff. */
static void
init_sipadv(void)
{
    sipadv_ids.expert_tap = find_tap_id("expert");
    sipadv_ids.hf_expert_message = proto_registrar_get_id_byname("_ws.expert.message");
    sipadv_ids.proto_expert = proto_registrar_get_id_byname("_ws.expert");
}

static void
apply_prefs(void)
{
    for (size_t i = 0; i < sipadv_rule_experts_len; i++)
        sipadv_prefs.rule_enabled[i] = sipadv_prefs.rule_pref[i];
}

/* Each row of tables/rules.tsv names an expert users can filter, re-grade and switch off. */
static void
register_rules(expert_module_t *expert, module_t *module)
{
    static const int severity[] = {
        [SIPADV_SEVERITY_WARN] = PI_WARN,
        [SIPADV_SEVERITY_NOTE] = PI_NOTE,
        [SIPADV_SEVERITY_CHAT] = PI_CHAT,
    };
    ei_register_info *ei = g_new0(ei_register_info, sipadv_rule_experts_len);

    for (size_t i = 0; i < sipadv_rule_experts_len; i++) {
        const sipadv_rule_expert *r = &sipadv_rule_experts[i];
        ei_register_info info = { &sipadv_ids.ei_rules[i],
                                  { r->abbrev, PI_PROTOCOL, severity[r->severity], r->title, EXPFILL } };

        sipadv_ids.ei_rules[i] = (expert_field)EI_INIT;
        ei[i] = info;
        sipadv_prefs.rule_pref[i] = TRUE;
        prefs_register_bool_preference(module, r->name, g_strdup_printf("Rule %s", r->abbrev),
                                       r->title, &sipadv_prefs.rule_pref[i]);
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
          { "Class", "sipadv.class", FT_STRING, BASE_NONE, NULL, 0x0,
            "Response class (RFC 3261 §21), in English and Chinese", HFILL } },
        { &sipadv_ids.hf_reason,
          { "Standard reason phrase", "sipadv.reason", FT_STRING, BASE_NONE, NULL, 0x0,
            "The reason phrase the IANA registry gives this code", HFILL } },
        { &sipadv_ids.hf_meaning,
          { "Meaning", "sipadv.meaning", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the status code means", HFILL } },
        { &sipadv_ids.hf_meaning_zh,
          { "Meaning (中文)", "sipadv.meaning_zh", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the status code means, in Simplified Chinese", HFILL } },
        { &sipadv_ids.hf_guidance,
          { "Guidance", "sipadv.guidance", FT_STRING, BASE_NONE, NULL, 0x0,
            "What to check next", HFILL } },
        { &sipadv_ids.hf_guidance_zh,
          { "Guidance (中文)", "sipadv.guidance_zh", FT_STRING, BASE_NONE, NULL, 0x0,
            "What to check next, in Simplified Chinese", HFILL } },
        { &sipadv_ids.hf_ref,
          { "Reference", "sipadv.ref", FT_STRING, BASE_NONE, NULL, 0x0,
            "Where the code is defined (RFC or 3GPP clause)", HFILL } },
        { &sipadv_ids.hf_method,
          { "CSeq method", "sipadv.method", FT_STRING, BASE_NONE, NULL, 0x0,
            "The method of the request this response answers", HFILL } },
        { &sipadv_ids.hf_reason_protocol,
          { "Reason", "sipadv.reason.protocol", FT_STRING, BASE_NONE, NULL, 0x0,
            "Protocol of a Reason header value (RFC 3326): Q.850, SIP, ...", HFILL } },
        { &sipadv_ids.hf_reason_cause,
          { "Cause", "sipadv.reason.cause", FT_UINT16, BASE_DEC, NULL, 0x0,
            "The cause of a Reason header value", HFILL } },
        { &sipadv_ids.hf_reason_text,
          { "Text", "sipadv.reason.text", FT_STRING, BASE_NONE, NULL, 0x0,
            "The text parameter of a Reason header value", HFILL } },
        { &sipadv_ids.hf_reason_meaning,
          { "Meaning", "sipadv.reason.meaning", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the Reason cause means", HFILL } },
        { &sipadv_ids.hf_reason_meaning_zh,
          { "Meaning (中文)", "sipadv.reason.meaning_zh", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the Reason cause means, in Simplified Chinese", HFILL } },
        { &sipadv_ids.hf_reason_guidance,
          { "Guidance", "sipadv.reason.guidance", FT_STRING, BASE_NONE, NULL, 0x0,
            "What to check for this cause", HFILL } },
        { &sipadv_ids.hf_reason_guidance_zh,
          { "Guidance (中文)", "sipadv.reason.guidance_zh", FT_STRING, BASE_NONE, NULL, 0x0,
            "What to check for this cause, in Simplified Chinese", HFILL } },
        { &sipadv_ids.hf_warning_code,
          { "Warning", "sipadv.warning.code", FT_UINT16, BASE_DEC, NULL, 0x0,
            "A Warning header's warn-code (RFC 3261 §20.43)", HFILL } },
        { &sipadv_ids.hf_warning_text,
          { "Text", "sipadv.warning.text", FT_STRING, BASE_NONE, NULL, 0x0,
            "A Warning header's warn-text, as sent", HFILL } },
        { &sipadv_ids.hf_warning_meaning,
          { "Meaning", "sipadv.warning.meaning", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the warn-code means", HFILL } },
        { &sipadv_ids.hf_warning_meaning_zh,
          { "Meaning (中文)", "sipadv.warning.meaning_zh", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the warn-code means, in Simplified Chinese", HFILL } },
        { &sipadv_ids.hf_warning_guidance,
          { "Guidance", "sipadv.warning.guidance", FT_STRING, BASE_NONE, NULL, 0x0,
            "What to check for this warn-code", HFILL } },
        { &sipadv_ids.hf_warning_guidance_zh,
          { "Guidance (中文)", "sipadv.warning.guidance_zh", FT_STRING, BASE_NONE, NULL, 0x0,
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
          { "IMS hint (中文)", "sipadv.ims.hint_zh", FT_STRING, BASE_NONE, NULL, 0x0,
            "What this response asks of the UE or network in IMS, in Simplified Chinese", HFILL } },
        { &sipadv_ids.hf_auth_algorithm,
          { "Challenged algorithm", "sipadv.auth.algorithm", FT_STRING, BASE_NONE, NULL, 0x0,
            "The algorithm of WWW-Authenticate: AKAv1-MD5, AKAv2-MD5, MD5, ...", HFILL } },
        { &sipadv_ids.hf_security_mechanism,
          { "Security mechanism", "sipadv.security.mechanism", FT_STRING, BASE_NONE, NULL, 0x0,
            "A mechanism offered in Security-Server (RFC 3329): ipsec-3gpp, tls, ...", HFILL } },
        { &sipadv_ids.hf_line,
          { "Text", "sipadv.line", FT_NONE, BASE_NONE, NULL, 0x0,
            "One line of a long text, for display only", HFILL } },
    };
    static gint *ett[] = { &sipadv_ids.ett_advisor, &sipadv_ids.ett_text, &sipadv_ids.ett_reason,
                           &sipadv_ids.ett_warning };
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
        "Apply the IMS (3GPP TS 24.229) hints: auto when a From/To domain ends in 3gppnetwork.org "
        "or P-Access-Network-Info / P-Asserted-Identity is present",
        &sipadv_prefs.ims_profile, ims_profile_vals, FALSE);
    prefs_register_bool_preference(module, "info_hint", "Info column hint",
        "Append a short meaning of each response's status code to the Info column",
        &sipadv_prefs.info_hint);
    register_rules(expert, module);

    sipadv_handle = register_dissector("sipadv", dissect_sipadv, sipadv_ids.proto);
}

void
proto_reg_handoff_sipadv(void)
{
    proto_sip = proto_get_id_by_filter_name("sip");
    register_postdissector(sipadv_handle);
#if SIPADV_WANT_SIP_ITEMS
    {
        GArray *wanted = g_array_sized_new(FALSE, FALSE, (guint)sizeof(int), 1);
        g_array_append_val(wanted, proto_sip);
        set_postdissector_wanted_hfids(sipadv_handle, wanted);
    }
#endif
    register_init_routine(init_sipadv);
}
