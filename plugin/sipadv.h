/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The protocol's registered identifiers and preferences, shared by its files. */
#ifndef SIPADV_H
#define SIPADV_H

#include <epan/packet.h>
#include <epan/expert.h>

#include "compat.h"
#include "sipadv_tables.h"

typedef enum {
    SIPADV_LANG_EN,
    SIPADV_LANG_ZH,
    SIPADV_LANG_BOTH
} sipadv_language;

typedef struct {
    int              language;     /* sipadv_language */
    sipadv_pref_bool info_hint;
    sipadv_pref_bool rule_pref[SIPADV_RULE_EXPERT_COUNT];
    bool             rule_enabled[SIPADV_RULE_EXPERT_COUNT];   /* rule_pref, as the engine takes it */
} sipadv_prefs_t;

typedef struct {
    int proto;
    int hf_code;
    int hf_class;
    int hf_reason;
    int hf_meaning;
    int hf_meaning_zh;
    int hf_guidance;
    int hf_guidance_zh;
    int hf_ref;
    int hf_method;
    int hf_line;
    gint ett_advisor;
    gint ett_text;
    expert_field ei_error_response;
    expert_field ei_unregistered_code;
    expert_field ei_malformed_status_line;
    expert_field ei_incomplete_headers;
    expert_field ei_rules[SIPADV_RULE_EXPERT_COUNT];   /* one per expert of tables/rules.tsv */
    int expert_tap;           /* Wireshark's own, to know whether expert texts are read */
    int hf_expert_message;    /* _ws.expert.message, likewise */
    int proto_expert;         /* _ws.expert */
} sipadv_ids_t;

/* Written only while Wireshark registers protocols and applies preferences. */
extern sipadv_ids_t sipadv_ids;
extern sipadv_prefs_t sipadv_prefs;

void proto_register_sipadv(void);
void proto_reg_handoff_sipadv(void);

#endif
