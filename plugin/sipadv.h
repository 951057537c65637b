/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The protocol's registered identifiers and preferences, shared by its files. */
#ifndef SIPADV_H
#define SIPADV_H

#include <epan/packet.h>
#include <epan/expert.h>

#include "compat.h"
#include "findings.h"
#include "sipadv_tables.h"

typedef enum {
    SIPADV_LANG_EN,
    SIPADV_LANG_ZH,
    SIPADV_LANG_BOTH
} sipadv_language;

typedef struct {
    int              language;     /* sipadv_language */
    int              ims_profile;  /* sipadv_ims_profile */
    int              profile;      /* sipadv_profile: which rules are raised */
    sipadv_pref_bool info_hint;
    guint            t1_ms;          /* RFC 3261 T1 */
    guint            t1_ims_ms;      /* T1 on the IMS UE–P-CSCF leg */
    guint            provisional_ms; /* an INVITE's first response later than this is late */
    sipadv_pref_bool rule_pref[SIPADV_RULE_EXPERT_COUNT];
    bool             rule_enabled[SIPADV_RULE_EXPERT_COUNT];   /* rule_pref within the profile, as the engine takes it */
} sipadv_prefs_t;

typedef struct {
    int proto;
    int hf_code;
    int hf_class;
    int hf_class_zh;
    int hf_standard_phrase;
    int hf_hint;
    int hf_meaning;
    int hf_meaning_zh;
    int hf_guidance;
    int hf_guidance_zh;
    int hf_ref;
    int hf_method;
    int hf_line;
    int hf_reason_protocol;
    int hf_reason_cause;
    int hf_reason_text;
    int hf_reason_meaning;
    int hf_reason_meaning_zh;
    int hf_reason_guidance;
    int hf_reason_guidance_zh;
    int hf_warning_code;
    int hf_warning_text;
    int hf_warning_meaning;
    int hf_warning_meaning_zh;
    int hf_warning_guidance;
    int hf_warning_guidance_zh;
    int hf_ims_type;
    int hf_ims_reason;
    int hf_ims_action;
    int hf_ims_hint;
    int hf_ims_hint_zh;
    int hf_auth_algorithm;
    int hf_security_mechanism;
    int hf_not_shown;
    int hf_request_frame;
    int hf_response_time;
    int hf_original_frame;
    int hf_copy_of;
    int hf_auth_stale;
    int hf_timeout_frame;
    int hf_retry_after_frame;
    int hf_call_outcome;
    int hf_call_final_code;
    int hf_call_ended_by;
    int hf_call_pdd;
    int hf_call_setup_time;
    int hf_call_duration;
    int hf_call_first_frame;
    int hf_call_diagnosis;
    int hf_call_diagnosis_zh;
    int hf_reg_outcome;
    int hf_reg_expires;
    int hf_reg_time;
    int hf_reg_challenges;
    int hf_reg_first_frame;
    int hf_reg_resync;
    int hf_reg_sec_agree;
    int hf_reg_diagnosis;
    int hf_reg_diagnosis_zh;
    int hf_offer;
    int hf_generator;
    int hf_reg_binding;
    int hf_reg_binding_expires;
    int hf_reg_associated_uri;
    int hf_reg_service_route;
    int hf_reg_path;
    int hf_offer_advice;
    int hf_offer_advice_zh;
    gint ett_advisor;
    gint ett_text;
    gint ett_reason;
    gint ett_warning;
    gint ett_call;
    gint ett_offer;
    expert_field ei_error_response;
    expert_field ei_unregistered_code;
    expert_field ei_malformed_status_line;
    expert_field ei_incomplete_headers;
    expert_field ei_reason_status_mismatch;
    expert_field ei_ims_advice;
    expert_field ei_rules[SIPADV_RULE_EXPERT_COUNT];   /* one per expert of tables/rules.tsv */
    int expert_tap;           /* Wireshark's own, to know whether expert texts are read */
    int hf_expert_message;    /* _ws.expert.message, likewise */
} sipadv_ids_t;

/* Written only while Wireshark registers protocols and applies preferences. */
extern sipadv_ids_t sipadv_ids;
extern sipadv_prefs_t sipadv_prefs;

void proto_register_sipadv(void);
void proto_reg_handoff_sipadv(void);

#endif
