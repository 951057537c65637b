/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Drawing a message's call or registration: outcome, who ended it, its times, and the one-line diagnosis. */
#include "show.h"

#include <string.h>

#include <wireshark.h>
#include <epan/proto.h>

#include "expert.h"
#include "knowledge.h"
#include "rules.h"
#include "sipadv.h"
#include "state.h"
#include "text.h"

static const sipadv_call *
call_of(const sipadv_shown *m)
{
    sipadv_calls *calls = sipadv_state_calls();

    return m->call && m->call->call && calls ? sipadv_calls_get(calls, m->call->call) : NULL;
}

/* Whether this message decided its call: as known now in a first pass, as the capture ended afterwards. */
static bool
decides(const sipadv_shown *m, const sipadv_call *c)
{
    return m->final_view ? c->settled_frame == m->pinfo->num : m->call->settles;
}

const char *
sipadv_party_text(sipadv_party p, bool zh)
{
    static const sipadv_msg_id ids[] = { [SIPADV_PARTY_UNKNOWN] = SIPADV_MSG_PARTY_UNKNOWN,
                                         [SIPADV_PARTY_CALLER] = SIPADV_MSG_PARTY_CALLER,
                                         [SIPADV_PARTY_CALLEE] = SIPADV_MSG_PARTY_CALLEE };

    return sipadv_text_in(&sipadv_messages[ids[p <= SIPADV_PARTY_CALLEE ? p : SIPADV_PARTY_UNKNOWN]], zh);
}

/* The deciding message in a few words: "503 Service Unavailable", or its method. */
static const char *
event_text(wmem_allocator_t *pool, const sipadv_call *c)
{
    if (c->event_code) {
        const sipadv_status_info *st = sipadv_status_lookup(c->event_code);
        return wmem_strdup_printf(pool, "%u %s", c->event_code, st ? st->reason : "");
    }
    return c->event_method ? sipadv_method_name((sipadv_method)c->event_method) : "?";
}

/* What the deciding message says: Retry-After, Reason, Warning, in one language. */
static const char *
details_text(wmem_allocator_t *pool, const sipadv_call *c, bool zh)
{
    wmem_strbuf_t *out = wmem_strbuf_new(pool, "");
    message_values v = { 0 };

    if (c->flags & SIPADV_CALL_RETRY_AFTER) {
        v.count = wmem_strdup_printf(pool, "%u", c->retry_after);
        wmem_strbuf_append(out, sipadv_expand_message(pool, sipadv_text_in(&sipadv_messages[SIPADV_MSG_DIAG_RETRY_AFTER], zh), &v));
    }
    if (c->flags & (SIPADV_CALL_REASON_Q850 | SIPADV_CALL_REASON_SIP)) {
        const sipadv_cause_info *cause = (c->flags & SIPADV_CALL_REASON_Q850) ? sipadv_q850_lookup(c->reason_cause) : NULL;
        v.detail = (c->flags & SIPADV_CALL_REASON_Q850)
                       ? wmem_strdup_printf(pool, "Q.850 %u%s%s%s", c->reason_cause, cause ? " (" : "",
                                            cause ? cause->name : "", cause ? ")" : "")
                       : wmem_strdup_printf(pool, "SIP %u", c->reason_cause);
        wmem_strbuf_append(out, sipadv_expand_message(pool, sipadv_text_in(&sipadv_messages[SIPADV_MSG_DIAG_REASON], zh), &v));
    }
    if (c->flags & SIPADV_CALL_WARNING) {
        v.code = wmem_strdup_printf(pool, "%u", c->warning_code);
        wmem_strbuf_append(out, sipadv_expand_message(pool, sipadv_text_in(&sipadv_messages[SIPADV_MSG_DIAG_WARNING], zh), &v));
    }
    if (c->ims & SIPADV_IMS_RESYNC)
        wmem_strbuf_append(out, sipadv_text_in(&sipadv_messages[SIPADV_MSG_DIAG_AKA_RESYNC], zh));
    if (c->ims & SIPADV_IMS_SEC_MISSING)
        wmem_strbuf_append(out, sipadv_text_in(&sipadv_messages[SIPADV_MSG_DIAG_SEC_VERIFY_MISSING], zh));
    return wmem_strbuf_get_str(out);
}

/* The first thing to check: the guidance of the deciding code, else of its Q.850 cause. */
static const char *
check_text(const sipadv_call *c, bool zh)
{
    const sipadv_guidance *g = NULL;
    const bool ims = (c->context & SIPADV_CTX_IMS) != 0;

    if (c->flags & SIPADV_CALL_AUTH_REJECTED)
        return sipadv_text_in(&sipadv_messages[SIPADV_MSG_DIAG_AUTH_REJECTED], zh);
    if (c->ims & SIPADV_IMS_SEC_MISSING)
        return sipadv_text_in(&sipadv_messages[SIPADV_MSG_DIAG_CHECK_SEC_AGREE], zh);
    if (c->event_code) {
        const sipadv_status_info *st = sipadv_status_lookup(c->event_code);
        const sipadv_class_info *cls = sipadv_class_lookup(c->event_code);
        const unsigned warning = c->warning_code;
        const sipadv_offer_advice *refused =
            c->offer ? sipadv_offer_advice_lookup(c->event_code, c->offer, &warning, c->warning_code ? 1 : 0) : NULL;
        const sipadv_context_info *context = st ? sipadv_context_lookup(c->event_code, c->event_method, c->context) : NULL;
        if (refused)
            return sipadv_text_in(&refused->advice, zh);
        g = context ? &context->guidance : st ? &st->guidance : cls ? &cls->guidance : NULL;
    } else if (c->flags & SIPADV_CALL_REASON_Q850) {
        const sipadv_cause_info *cause = sipadv_q850_lookup(c->reason_cause);
        g = cause ? &cause->guidance : NULL;
    }
    if (g && g->n_steps)
        return zh ? g->steps_zh[sipadv_first_step(g, ims)] : g->steps_en[sipadv_first_step(g, ims)];
    return sipadv_text_in(&sipadv_messages[SIPADV_MSG_DIAG_NO_CHECK], zh);
}

/* The address that sent the deciding message and, as the message tells, who generated it: "10.0.0.5 (Server: X)". */
static const char *
sender_text(wmem_allocator_t *pool, const sipadv_call *c)
{
    const char *sender = c->sender[0] ? c->sender : "?";

    if (!c->generator[0] || strcmp(c->generator, sender) == 0)
        return sender;
    return wmem_strdup_printf(pool, "%s (%s: %s)", sender, sipadv_header_name((sipadv_header_id)c->generator_from),
                              c->generator);
}

/* A duration of the call, "?" when unknown (sipadv_call_span). */
static const char *
span_text(wmem_allocator_t *pool, const sipadv_call *c, int64_t from, int64_t to)
{
    int64_t ns;

    return sipadv_call_span(c, from, to, &ns) ? sipadv_duration_text(pool, ns) : "?";
}

static void
diagnosis_values(wmem_allocator_t *pool, const sipadv_call *c, message_values *v, bool zh)
{
    v->elapsed = span_text(pool, c, c->start_ns, c->settled_frame ? c->settled_ns : SIPADV_NO_TIME);
    v->event = event_text(pool, c);
    v->sender = sender_text(pool, c);
    v->details = details_text(pool, c, zh);
    v->check = check_text(c, zh);
    v->by = sipadv_party_text((sipadv_party)c->ended_by, zh);
    v->setup = span_text(pool, c, c->start_ns, c->answer_ns);
    v->duration = span_text(pool, c, c->answer_ns, c->end_ns);
}

/* The words of the record's outcome (tables/outcomes.tsv, tables/registration_outcomes.tsv). */
static const sipadv_outcome_text *
outcome_text(const sipadv_call *c)
{
    if (c->kind == SIPADV_KIND_REGISTRATION)
        return &sipadv_reg_outcomes[c->outcome < SIPADV_REG_OUTCOME_COUNT ? c->outcome : SIPADV_REG_PENDING];
    return &sipadv_outcomes[sipadv_call_outcome(c)];
}

/*
 * The diagnosis template: the outcome's; for a call a timer decided, the
 * timer's (messages.tsv diag_no_*); for a session that ran out unrefreshed,
 * diag_session_expired.
 */
static const sipadv_text *
diagnosis_template(const sipadv_call *c)
{
    if (c->flags & SIPADV_CALL_TIMEOUT)
        return &sipadv_messages[c->event_method == SIPADV_METHOD_ACK ? SIPADV_MSG_DIAG_NO_ACK
                                                                     : SIPADV_MSG_DIAG_NO_FINAL_RESPONSE];
    if (c->flags & SIPADV_CALL_SESSION_EXPIRED)
        return &sipadv_messages[SIPADV_MSG_DIAG_SESSION_EXPIRED];
    return &outcome_text(c)->diagnosis;
}

/* "no challenge", "1 challenge" or "{count} challenges" (a registration's). */
static sipadv_msg_id
challenges_phrase(const sipadv_call *c)
{
    return c->challenges == 0 ? SIPADV_MSG_CHALLENGES_NONE
           : c->challenges == 1 ? SIPADV_MSG_CHALLENGES_ONE : SIPADV_MSG_CHALLENGES_MANY;
}

/* The diagnosis in one language. */
const char *
sipadv_call_diagnosis(wmem_allocator_t *pool, const sipadv_call *c, bool zh)
{
    message_values v = { 0 };

    diagnosis_values(pool, c, &v, zh);
    v.count = wmem_strdup_printf(pool, "%u",
                                 c->kind == SIPADV_KIND_REGISTRATION ? c->challenges : c->session_interval);
    v.challenges = sipadv_expand_message(pool, sipadv_text_in(&sipadv_messages[challenges_phrase(c)], zh), &v);
    v.expires = wmem_strdup_printf(pool, "%u", c->expires);
    v.frame = wmem_strdup_printf(pool, "%u", c->settled_frame);
    return sipadv_expand_message(pool, sipadv_text_in(diagnosis_template(c), zh), &v);
}

typedef struct {
    const sipadv_call *c;
} call_context;

static void
call_expert_values(packet_info *pinfo, const void *ctx, message_values *en, message_values *zh)
{
    const sipadv_call *c = ((const call_context *)ctx)->c;

    en->diagnosis = sipadv_call_diagnosis(pinfo->pool, c, false);
    zh->diagnosis = sipadv_call_diagnosis(pinfo->pool, c, true);
}

static void
add_time(proto_tree *tree, int hf, tvbuff_t *tvb, const sipadv_call *c, int64_t from, int64_t to)
{
    int64_t ns;

    if (sipadv_call_span(c, from, to, &ns))
        sipadv_add_generated_time(tree, hf, tvb, ns);
}

static void
add_string(proto_tree *tree, int hf, tvbuff_t *tvb, const char *value, bool visible)
{
    proto_item *item = proto_tree_add_string(tree, hf, tvb, 0, 0, value);

    proto_item_set_generated(item);
    if (!visible)
        proto_item_set_hidden(item);
}

static void
raise_call_expert(const sipadv_shown *m, proto_item *top, const sipadv_call *c)
{
    sipadv_outcome o = sipadv_call_outcome(c);
    unsigned rule_index;
    const sipadv_rule *rule;
    call_context ctx = { c };

    if (c->kind == SIPADV_KIND_REGISTRATION) {
        if (c->outcome != SIPADV_REG_FAILED)
            return;
        rule_index = SIPADV_RULE_REGISTRATION_FAILED;
    } else if (o == SIPADV_OUTCOME_FAILED || o == SIPADV_OUTCOME_REJECTED)
        rule_index = SIPADV_RULE_CALL_FAILED;
    else if (o == SIPADV_OUTCOME_DROPPED)
        rule_index = SIPADV_RULE_CALL_DROPPED;
    else
        return;
    rule = &sipadv_rules[rule_index];
    if (sipadv_prefs.rule_enabled[rule->expert])
        sipadv_expert(m->pinfo, m->tree, top, &sipadv_ids.ei_rules[rule->expert], &rule->text, call_expert_values,
                      &ctx, NULL);
}

bool
sipadv_call_shown(const sipadv_shown *m)
{
    const sipadv_call *c = call_of(m);

    return c && (m->final_view || decides(m, c));
}

const char *
sipadv_call_hint(const sipadv_shown *m)
{
    const sipadv_call *c = call_of(m);

    return c && decides(m, c) ? sipadv_pick_text(m->pinfo, &outcome_text(c)->hint) : NULL;
}

/* The outcome item, with the record's details under it. */
static proto_tree *
outcome_subtree(const sipadv_shown *m, proto_tree *tree, int hf_outcome, const sipadv_call *c)
{
    proto_item *item = proto_tree_add_string(tree, hf_outcome, m->tvb, 0, 0, outcome_text(c)->name);

    proto_item_set_generated(item);
    return proto_item_add_subtree(item, sipadv_ids.ett_call);
}

/*
 * Each diagnosis is built only where it is seen or filtered on: two passes
 * give every message of a call its summary, and a filter on the outcome alone
 * would otherwise build two sentences per message for nothing.
 */
static void
add_diagnoses(const sipadv_shown *m, proto_tree *sub, int hf_en, int hf_zh, const sipadv_call *c)
{
    if (proto_field_is_referenced(sub, hf_en))
        add_string(sub, hf_en, m->tvb, sipadv_call_diagnosis(m->pinfo->pool, c, false), sipadv_show_en());
    if (proto_field_is_referenced(sub, hf_zh))
        add_string(sub, hf_zh, m->tvb, sipadv_call_diagnosis(m->pinfo->pool, c, true), sipadv_show_zh());
}

/* The sipadv.reg.sec_agree value of a registration's security agreement; NULL when none was offered. */
static const char *
sec_agree_text(const sipadv_call *c)
{
#define SEC_AGREE_NAME(e, name, doc) name,
    static const char *const names[] = { SIPADV_SEC_AGREE(SEC_AGREE_NAME) };
#undef SEC_AGREE_NAME

    if (c->ims & SIPADV_IMS_SEC_MISSING)
        return names[SIPADV_SEC_AGREE_NOT_VERIFIED];
    if (c->ims & SIPADV_IMS_SEC_VERIFIED)
        return names[SIPADV_SEC_AGREE_COMPLETE];
    return (c->ims & SIPADV_IMS_SEC_CLIENT) ? names[SIPADV_SEC_AGREE_OFFERED] : NULL;
}

static void
show_registration(const sipadv_shown *m, proto_tree *tree, const sipadv_call *c)
{
    proto_tree *sub = outcome_subtree(m, tree, sipadv_ids.hf_reg_outcome, c);
    const char *sec_agree = sec_agree_text(c);

    if (c->outcome == SIPADV_REG_REGISTERED)
        sipadv_add_generated_uint(sub, sipadv_ids.hf_reg_expires, m->tvb, c->expires);
    add_time(sub, sipadv_ids.hf_reg_time, m->tvb, c, c->start_ns, c->answer_ns);
    sipadv_add_generated_uint(sub, sipadv_ids.hf_reg_challenges, m->tvb, c->challenges);
    sipadv_add_generated_uint(sub, sipadv_ids.hf_reg_first_frame, m->tvb, c->first_frame);
    if (c->ims & SIPADV_IMS_RESYNC)
        proto_item_set_generated(proto_tree_add_boolean(sub, sipadv_ids.hf_reg_resync, m->tvb, 0, 0, TRUE));
    if (sec_agree)
        add_string(sub, sipadv_ids.hf_reg_sec_agree, m->tvb, sec_agree, true);
    add_diagnoses(m, sub, sipadv_ids.hf_reg_diagnosis, sipadv_ids.hf_reg_diagnosis_zh, c);
}

static void
show_call_fields(const sipadv_shown *m, proto_tree *tree, const sipadv_call *c)
{
    proto_tree *sub = outcome_subtree(m, tree, sipadv_ids.hf_call_outcome, c);

    if (c->final_code)
        sipadv_add_generated_uint(sub, sipadv_ids.hf_call_final_code, m->tvb, c->final_code);
    add_string(sub, sipadv_ids.hf_call_ended_by, m->tvb, sipadv_party_text((sipadv_party)c->ended_by, false), true);
    add_time(sub, sipadv_ids.hf_call_pdd, m->tvb, c, c->start_ns, c->provisional_ns);
    add_time(sub, sipadv_ids.hf_call_setup_time, m->tvb, c, c->start_ns, c->answer_ns);
    add_time(sub, sipadv_ids.hf_call_duration, m->tvb, c, c->answer_ns, c->end_ns);
    sipadv_add_generated_uint(sub, sipadv_ids.hf_call_first_frame, m->tvb, c->first_frame);
    add_diagnoses(m, sub, sipadv_ids.hf_call_diagnosis, sipadv_ids.hf_call_diagnosis_zh, c);
}

void
sipadv_show_call(const sipadv_shown *m, proto_tree *tree, proto_item *top)
{
    const sipadv_call *c = call_of(m);

    if (!c || !(m->final_view || decides(m, c)))
        return;
    if (c->kind == SIPADV_KIND_REGISTRATION)
        show_registration(m, tree, c);
    else
        show_call_fields(m, tree, c);
    if (decides(m, c))
        raise_call_expert(m, top, c);
}

const char *
sipadv_show_call_timeout(packet_info *pinfo, proto_tree *tree, tvbuff_t *tvb, guint32 call)
{
    const sipadv_call_result settled = { call, true, false };
    proto_item *top = proto_tree_add_item(tree, sipadv_ids.proto, tvb, 0, 0, ENC_NA);
    proto_tree *sub = proto_item_add_subtree(top, sipadv_ids.ett_advisor);
    sipadv_shown m = { pinfo, tree, tvb, 0, 0, NULL, NULL, &settled, false };
    const sipadv_call *c = call_of(&m);

    if (c)
        proto_item_append_text(top, ": timer ran out for the call of frame %u", c->first_frame);
    sipadv_show_call(&m, sub, top);
    /* This frame's own messages may belong to another call: the hint names the call it is about. */
    return c ? wmem_strdup_printf(pinfo->pool, "frame %u: %s", c->first_frame, sipadv_call_hint(&m)) : NULL;
}
