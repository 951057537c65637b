/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -z sipadv,stat[,filter] and Statistics › SIP Advisor: the capture at a
 * glance from sipadv's tap. Responses, findings, failing senders and Reason
 * causes are counted per message; calls and registrations by their outcome.
 *
 * An outcome is known only once the call's last message (or the timer that
 * decided it) has been seen, and one pass learns it as it goes: a call is
 * counted under the outcome it has, and moved when a later event of the call
 * changes it. Under a filter the tree sees only matching messages, so a second
 * listener without filter moves the calls the tree counted: one pass and two
 * passes end with the same tree.
 */
#include <stdio.h>
#include <string.h>

#include <wireshark.h>
#include <epan/packet.h>
#include <epan/stat_tap_ui.h>
#include <epan/stats_tree.h>
#include <epan/stats_tree_priv.h>
#include <epan/tap.h>
#include <epan/to_str.h>

#include "calls.h"
#include "compat.h"
#include "sipadv.h"
#include "show.h"
#include "state.h"
#include "tap.h"
#include "text.h"

#define FIRST_CODE 100
#define LAST_CODE  699

/* The tree's sections, in the order they are shown. */
enum { RESPONSES, FINDINGS, CALLS, REGISTRATIONS, SENDERS, REASONS, SECTION_COUNT };

typedef struct {
    stats_tree *st;
    wmem_allocator_t *labels;                          /* every label, until the tree is tapped anew */
    int         section_node[SECTION_COUNT];
    const char *section_label[SECTION_COUNT];
    int         class_node[7];                         /* by first digit; 0: not yet */
    const char *class_label[7];
    const char *code_label[LAST_CODE - FIRST_CODE + 1];
    const char *malformed_label;
    const char *outcome_label[SIPADV_OUTCOME_COUNT];
    const char *reg_outcome_label[SIPADV_REG_OUTCOME_COUNT];
    int         call_count[SIPADV_OUTCOME_COUNT];
    int         reg_count[SIPADV_REG_OUTCOME_COUNT];
    GByteArray *counted;                               /* per call number: 1 + the outcome it is counted under; 0: not counted */
    bool        mover_registered;
    unsigned    refs;                                  /* the tree, and the mover while registered */
} tree_state;

static GHashTable *states;   /* stats_tree * -> tree_state * */

/* A label in the language preference. */
static const char *
label_of(tree_state *s, const sipadv_text *t)
{
    return sipadv_in_language(s->labels, t->en, t->zh);
}

static const char *
outcome_label(tree_state *s, const sipadv_outcome_text *o)
{
    return wmem_strdup_printf(s->labels, "%s - %s", o->name, label_of(s, &o->hint));
}

static void
forget_labels(tree_state *s)
{
    memset(s->code_label, 0, sizeof s->code_label);
    memset(s->section_label, 0, sizeof s->section_label);
    memset(s->class_label, 0, sizeof s->class_label);
    memset(s->outcome_label, 0, sizeof s->outcome_label);
    memset(s->reg_outcome_label, 0, sizeof s->reg_outcome_label);
    s->malformed_label = NULL;
    wmem_free_all(s->labels);
}

/* A section counts each thing counted under it. */
static void
tick_section(tree_state *s, unsigned which)
{
    tick_stat_node(s->st, s->section_label[which], 0, TRUE);
}

/*
 * "486 Busy Here - callee busy on this device", made at the code's first
 * sighting. Labels keep to ASCII punctuation: tshark pads the columns by bytes.
 */
static const char *
code_label(tree_state *s, packet_info *pinfo, unsigned code)
{
    const char **label = &s->code_label[code - FIRST_CODE];

    if (!*label) {
        const sipadv_status_info *st = sipadv_status_lookup(code);
        const char *hint = sipadv_hint_for_code(pinfo, code);
        *label = wmem_strdup_printf(s->labels, "%u%s%s%s%s", code, st ? " " : "", st ? st->reason : "",
                                    hint ? " - " : "", hint ? hint : "");
    }
    return *label;
}

static void
count_response(tree_state *s, packet_info *pinfo, const sipadv_tap_data *e)
{
    const sipadv_analysis *a = e->analysis;
    const sipadv_class_info *cls;
    int *class_node;

    tick_section(s, RESPONSES);
    if (a->problem != SIPADV_PROBLEM_NONE || a->code < FIRST_CODE || a->code > LAST_CODE) {
        tick_stat_node(s->st, s->malformed_label, s->section_node[RESPONSES], FALSE);
        return;
    }
    cls = sipadv_class_lookup(a->code);
    class_node = &s->class_node[a->code / 100];
    if (!*class_node) {
        s->class_label[a->code / 100] = label_of(s, &cls->label);
        *class_node = stats_tree_create_node(s->st, s->class_label[a->code / 100], s->section_node[RESPONSES],
                                             STAT_DT_INT, TRUE);
    }
    tick_stat_node(s->st, s->class_label[a->code / 100], s->section_node[RESPONSES], TRUE);
    tick_stat_node(s->st, code_label(s, pinfo, a->code), *class_node, FALSE);
    if (a->code >= 400) {
        char addr[64];
        int sender;

        address_to_str_buf(e->sender, addr, sizeof addr);
        tick_section(s, SENDERS);
        sender = tick_stat_node(s->st, addr, s->section_node[SENDERS], TRUE);
        tick_stat_node(s->st, code_label(s, pinfo, a->code), sender, FALSE);
    }
}

static void
count_reasons(tree_state *s, packet_info *pinfo, const sipadv_tap_data *e)
{
    const sipadv_value *v = sipadv_analysis_values(e->analysis);

    for (unsigned i = 0; i < e->analysis->n_values; i++) {
        char label[160];

        if (v[i].type != SIPADV_VALUE_REASON || !(v[i].flags & SIPADV_VALUE_HAS_NUMBER))
            continue;
        if (v[i].kind == SIPADV_REASON_Q850) {
            const sipadv_cause_info *cause = sipadv_q850_lookup(v[i].number);
            g_snprintf(label, sizeof label, "Q.850 %u %s", v[i].number,
                       cause ? cause->name : label_of(s, &sipadv_messages[SIPADV_MSG_STAT_CAUSE_UNDEFINED]));
        } else if (v[i].kind == SIPADV_REASON_SIP) {
            const char *hint = v[i].number >= FIRST_CODE && v[i].number <= LAST_CODE
                                   ? code_label(s, pinfo, v[i].number) : "";
            g_snprintf(label, sizeof label, "SIP %s", *hint ? hint : "?");
        } else if (e->bytes && v[i].a.len && v[i].a.off + v[i].a.len <= e->length) {
            /* Another protocol, named as sent (printable, cut): "X-VENDOR 7". */
            char name[32];
            guint n = MIN(v[i].a.len, sizeof name - 1);
            for (guint k = 0; k < n; k++)
                name[k] = g_ascii_isprint(e->bytes[v[i].a.off + k]) ? (char)e->bytes[v[i].a.off + k] : '?';
            name[n] = '\0';
            g_snprintf(label, sizeof label, "%s %u", name, v[i].number);
        } else {
            g_snprintf(label, sizeof label, "%s %u", label_of(s, &sipadv_messages[SIPADV_MSG_STAT_REASON_OTHER]),
                       v[i].number);
        }
        g_strchomp(label);
        tick_section(s, REASONS);
        tick_stat_node(s->st, label, s->section_node[REASONS], FALSE);
    }
}

static void
count_finding(void *ctx, unsigned expert)
{
    tree_state *s = ctx;
    const sipadv_rule_expert *x = &sipadv_rule_experts[expert];
    char label[200];

    g_snprintf(label, sizeof label, "%s - %s", x->abbrev, x->summary);
    tick_section(s, FINDINGS);
    tick_stat_node(s->st, label, s->section_node[FINDINGS], FALSE);
}

/* Counts the call under the outcome it has now (moving it from the one it was under), or for the first time. */
static void
count_call(tree_state *s, guint32 number, bool first)
{
    sipadv_calls *calls = sipadv_state_calls();
    const sipadv_call *c = calls ? sipadv_calls_get(calls, number) : NULL;
    bool reg;
    guint8 now, *was;
    int section, *counts;
    const char **labels;

    if (!c)
        return;
    if (number >= s->counted->len) {
        guint old = s->counted->len;
        g_byte_array_set_size(s->counted, MAX(number + 1, old * 2));
        memset(s->counted->data + old, 0, s->counted->len - old);
    }
    was = &s->counted->data[number];
    if (!*was && !first)
        return;   /* not a call this tree counts */
    reg = c->kind == SIPADV_KIND_REGISTRATION;
    now = (guint8)(1 + (reg ? MIN(c->outcome, SIPADV_REG_OUTCOME_COUNT - 1) : sipadv_call_outcome(c)));
    if (*was == now)
        return;
    counts = reg ? s->reg_count : s->call_count;
    labels = reg ? s->reg_outcome_label : s->outcome_label;
    section = reg ? s->section_node[REGISTRATIONS] : s->section_node[CALLS];
    if (*was) {
        counts[*was - 1]--;
        set_stat_node(s->st, labels[*was - 1], section, FALSE, counts[*was - 1]);
    } else {
        tick_section(s, reg ? REGISTRATIONS : CALLS);
    }
    counts[now - 1]++;
    set_stat_node(s->st, labels[now - 1], section, FALSE, counts[now - 1]);
    *was = now;
}

static tap_packet_status
sipadv_stat_packet(stats_tree *st, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data,
                   tap_flags_t flags _U_)
{
    tree_state *s = g_hash_table_lookup(states, st);
    const sipadv_tap_data *e = data;

    if (!s)
        return TAP_PACKET_DONT_REDRAW;
    sipadv_tap_findings(e, count_finding, s);
    if (e->event == SIPADV_TAP_MESSAGE) {
        /* A resent or copied message is one event: counted where it was first seen. */
        if (!(e->flow.flags & (SIPADV_FLOW_REPEAT | SIPADV_FLOW_COPY))) {
            if (e->analysis->kind == SIPADV_KIND_RESPONSE)
                count_response(s, pinfo, e);
            count_reasons(s, pinfo, e);
        }
    }
    if (e->call)
        count_call(s, e->call, e->event == SIPADV_TAP_MESSAGE);
    return TAP_PACKET_REDRAW;
}

/* Every event of a counted call, matching the filter or not, may change its outcome. */
static tap_packet_status
move_calls(void *tapdata, packet_info *pinfo _U_, epan_dissect_t *edt _U_, const void *data, tap_flags_t flags _U_)
{
    tree_state *s = tapdata;
    const sipadv_tap_data *e = data;

    if (!e->call)
        return TAP_PACKET_DONT_REDRAW;
    count_call(s, e->call, false);
    return TAP_PACKET_REDRAW;
}

/* The sections, in the order of the enum (the root's children are shown in the order they were made). */
static void
add_sections(tree_state *s)
{
    static const sipadv_msg_id titles[SECTION_COUNT] = {
        [RESPONSES] = SIPADV_MSG_STAT_RESPONSES, [FINDINGS] = SIPADV_MSG_STAT_FINDINGS,
        [CALLS] = SIPADV_MSG_STAT_CALLS, [REGISTRATIONS] = SIPADV_MSG_STAT_REGISTRATIONS,
        [SENDERS] = SIPADV_MSG_STAT_FAILURE_SENDERS, [REASONS] = SIPADV_MSG_STAT_REASONS,
    };

    for (unsigned i = 0; i < SECTION_COUNT; i++) {
        s->section_label[i] = label_of(s, &sipadv_messages[titles[i]]);
        s->section_node[i] = stats_tree_create_node(s->st, s->section_label[i], 0, STAT_DT_INT, TRUE);
    }
}

static void
release(tree_state *s)
{
    if (--s->refs)
        return;
    wmem_destroy_allocator(s->labels);
    g_byte_array_free(s->counted, TRUE);
    g_free(s);
}

/*
 * The mover is removed with its tree; when tshark frees every listener at exit
 * it goes first (registered after its tree, it stands before it in the list),
 * and its tree must not remove it again.
 */
static void
mover_finished(void *tapdata)
{
    tree_state *s = tapdata;

    s->mover_registered = false;
    release(s);
}

/* Also called again on the same tree when the GUI taps the file anew. */
static void
sipadv_stat_init(stats_tree *st)
{
    tree_state *s;

    if (!states)
        states = g_hash_table_new(g_direct_hash, g_direct_equal);
    s = g_hash_table_lookup(states, st);
    if (!s) {
        s = g_new0(tree_state, 1);
        s->st = st;
        s->counted = g_byte_array_new();
        s->labels = wmem_allocator_new(WMEM_ALLOCATOR_SIMPLE);
        s->refs = 1;
        g_hash_table_insert(states, st, s);
    }
    forget_labels(s);
    memset(s->class_node, 0, sizeof s->class_node);
    memset(s->call_count, 0, sizeof s->call_count);
    memset(s->reg_count, 0, sizeof s->reg_count);
    g_byte_array_set_size(s->counted, 0);
    add_sections(s);
    s->malformed_label = label_of(s, &sipadv_messages[SIPADV_MSG_STAT_MALFORMED]);
    /* Every outcome has its line, in the order of tables/outcomes.tsv, whether any call has it or not. */
    for (unsigned i = 0; i < SIPADV_OUTCOME_COUNT; i++) {
        s->outcome_label[i] = outcome_label(s, &sipadv_outcomes[i]);
        stats_tree_create_node(st, s->outcome_label[i], s->section_node[CALLS], STAT_DT_INT, FALSE);
    }
    for (unsigned i = 0; i < SIPADV_REG_OUTCOME_COUNT; i++) {
        s->reg_outcome_label[i] = outcome_label(s, &sipadv_reg_outcomes[i]);
        stats_tree_create_node(st, s->reg_outcome_label[i], s->section_node[REGISTRATIONS], STAT_DT_INT, FALSE);
    }
    if (!s->mover_registered) {
        GString *error = register_tap_listener(SIPADV_TAP_NAME, s, NULL, TL_REQUIRES_NOTHING, NULL, move_calls,
                                               NULL, mover_finished);
        if (error) {
            g_string_free(error, TRUE);
        } else {
            s->mover_registered = true;
            s->refs++;
        }
    }
}

static void
sipadv_stat_cleanup(stats_tree *st)
{
    tree_state *s = states ? g_hash_table_lookup(states, st) : NULL;

    if (!s)
        return;
    g_hash_table_remove(states, st);
    if (s->mover_registered)
        remove_tap_listener(s);
    release(s);
}

static void
draw_tree(void *tapdata)
{
    stats_tree *st = tapdata;
    GString *text = stats_tree_format_as_str(st, ST_FORMAT_PLAIN, stats_tree_get_default_sort_col(st),
                                             stats_tree_is_default_sort_DESC(st));

    printf("%s", text->str);
    g_string_free(text, TRUE);
}

static void
free_tree(void *tapdata)
{
    stats_tree_free(tapdata);
}

/*
 * -z sipadv,stat[,filter], the name tshark users know from sip,stat; tshark
 * also lists the same tree as sipadv,tree, the name it gives every stats tree.
 */
static SIPADV_STAT_INIT_RESULT
stat_init(const char *opt_arg, void *userdata _U_)
{
    const char *filter = opt_arg + strlen("sipadv,stat");
    stats_tree_cfg *cfg = stats_tree_get_cfg_by_abbr(SIPADV_TAP_NAME);
    stats_tree *st;
    GString *error;

    if (*filter == ',')
        filter++;
    st = cfg ? stats_tree_new(cfg, NULL, *filter ? filter : NULL) : NULL;
    if (!st)
        SIPADV_STAT_INIT_END(false);
    error = register_tap_listener(SIPADV_TAP_NAME, st, st->filter, TL_REQUIRES_NOTHING, stats_tree_reset,
                                  stats_tree_packet, draw_tree, free_tree);
    if (error) {
        fprintf(stderr, "tshark: -z sipadv,stat: %s\n", error->str);
        g_string_free(error, TRUE);
        stats_tree_free(st);
        SIPADV_STAT_INIT_END(false);
    }
    sipadv_stat_init(st);
    SIPADV_STAT_INIT_END(true);
}

void
sipadv_stats_tree_register(void)
{
    static tap_param filter[] = { { PARAM_FILTER, "filter", "Filter", NULL, TRUE } };
    static stat_tap_ui stat_ui = { SIPADV_GROUP_TELEPHONY, "SIP Advisor", "sipadv,stat", stat_init,
                                   G_N_ELEMENTS(filter), filter };

    /* Children sorted by name: the same order whatever the pass, codes in numeric order. */
    stats_tree_register_plugin(SIPADV_TAP_NAME, SIPADV_TAP_NAME, "SIP Advisor",
                               (ST_SORT_COL_NAME << ST_FLG_SRTCOL_SHIFT), sipadv_stat_packet, sipadv_stat_init,
                               sipadv_stat_cleanup);
    register_stat_tap_ui(&stat_ui, NULL);
}
