/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -z sipadv,calls[,filter] and -z sipadv,regs[,filter]: one row per call or
 * registration of the capture (or of those with a message matching the
 * filter), as its record ended, with its diagnosis in the language preference.
 */
#include <stdio.h>
#include <string.h>

#include <wireshark.h>
#include <epan/stat_tap_ui.h>

#include "call_set.h"
#include "stats_table.h"
#include "compat.h"
#include "state.h"
#include "show.h"
#include "sipadv.h"
#include "tap.h"
#include "text.h"

static const char *
diagnosis(wmem_allocator_t *pool, const sipadv_call *c)
{
    /* Only what is shown is built: the other language's sentence costs as much. */
    return sipadv_prefs.language == SIPADV_LANG_ZH ? sipadv_call_diagnosis(pool, c, true)
           : sipadv_prefs.language == SIPADV_LANG_EN
               ? sipadv_call_diagnosis(pool, c, false)
               : sipadv_in_language(pool, sipadv_call_diagnosis(pool, c, false), sipadv_call_diagnosis(pool, c, true));
}

/* A duration of the record's, "-" when unknown (sipadv_call_span). */
static const char *
span_text(wmem_allocator_t *pool, const sipadv_call *c, gint64 from, gint64 to)
{
    int64_t ns;

    return sipadv_call_span(c, from, to, &ns) ? sipadv_duration_text(pool, ns) : "-";
}

static const char *
number_or_dash(wmem_allocator_t *pool, guint32 n)
{
    return n ? wmem_strdup_printf(pool, "%u", n) : "-";
}

/* How many records the table shows, of how many of its kind the capture has. */
static void
print_count(wmem_allocator_t *pool, unsigned shown, unsigned all)
{
    message_values v = { 0 };

    v.count = wmem_strdup_printf(pool, "%u", shown);
    v.other = wmem_strdup_printf(pool, "%u", all);
    printf("%s\n", sipadv_expand_message(pool, sipadv_stats_message(pool, SIPADV_MSG_TITLE_COUNT), &v));
}

typedef void (*fill_row_fn)(wmem_allocator_t *pool, const char **row, const sipadv_call *c, const char *from,
                            const char *to, gint64 capture_start_ns);

/* The records of one kind the set holds, one row each in the order they began; the header says of how many. */
static void
print_records(const sipadv_call_set *set, sipadv_record_kind kind, sipadv_msg_id title, const sipadv_msg_id *columns,
              unsigned n_columns, fill_row_fn fill)
{
    sipadv_stats_table t;
    const sipadv_calls *calls = sipadv_state_calls();
    unsigned all = 0;

    sipadv_stats_table_init(&t, columns, n_columns);
    for (guint32 n = 1; n <= sipadv_call_set_last(set); n++) {
        const sipadv_call *record = calls ? sipadv_calls_get(calls, n) : NULL;
        const char *from = "", *to = "";
        const sipadv_call *c = sipadv_call_set_get(set, n, &from, &to);

        all += record && record->kind == kind;
        if (c && c->kind == kind)
            fill(t.pool, sipadv_stats_table_add_row(&t), c, from, to, sipadv_call_set_capture_start_ns(set));
    }
    sipadv_stats_print_title(t.pool, title, sipadv_call_set_filter(set));
    print_count(t.pool, t.rows->len - 1, all);
    sipadv_stats_table_print(&t);
    sipadv_stats_print_rule();
    sipadv_stats_table_free(&t);
}

static const char *
start_text(wmem_allocator_t *pool, const sipadv_call *c, gint64 capture_start_ns)
{
    return wmem_strdup_printf(pool, "%.3f", (double)(c->start_ns - capture_start_ns) / 1e9);
}

static const char *
uri_or_dash(const char *uri)
{
    return *uri ? uri : "-";
}

static const sipadv_msg_id call_columns[] = { SIPADV_MSG_COL_FRAME, SIPADV_MSG_COL_START, SIPADV_MSG_COL_CALLER,
                                              SIPADV_MSG_COL_CALLEE, SIPADV_MSG_COL_OUTCOME, SIPADV_MSG_COL_FINAL_CODE,
                                              SIPADV_MSG_COL_PDD, SIPADV_MSG_COL_SETUP, SIPADV_MSG_COL_DURATION,
                                              SIPADV_MSG_COL_ENDED_BY, SIPADV_MSG_COL_DIAGNOSIS };
_Static_assert(G_N_ELEMENTS(call_columns) <= SIPADV_STATS_MAX_COLUMNS, "a row has room for every column");

static void
fill_call(wmem_allocator_t *pool, const char **row, const sipadv_call *c, const char *from, const char *to,
          gint64 capture_start_ns)
{
    unsigned i = 0;

    row[i++] = wmem_strdup_printf(pool, "%u", c->first_frame);
    row[i++] = start_text(pool, c, capture_start_ns);
    row[i++] = uri_or_dash(from);
    row[i++] = uri_or_dash(to);
    row[i++] = sipadv_outcomes[sipadv_call_outcome(c)].name;
    row[i++] = number_or_dash(pool, c->final_code);
    row[i++] = span_text(pool, c, c->start_ns, c->provisional_ns);
    row[i++] = span_text(pool, c, c->start_ns, c->answer_ns);
    row[i++] = span_text(pool, c, c->answer_ns, c->end_ns);
    row[i++] = sipadv_in_language(pool, sipadv_party_text((sipadv_party)c->ended_by, false),
                                  sipadv_party_text((sipadv_party)c->ended_by, true));
    row[i++] = diagnosis(pool, c);
}

static const sipadv_msg_id registration_columns[] = { SIPADV_MSG_COL_FRAME, SIPADV_MSG_COL_START, SIPADV_MSG_COL_AOR,
                                                      SIPADV_MSG_COL_OUTCOME, SIPADV_MSG_COL_FINAL_CODE,
                                                      SIPADV_MSG_COL_EXPIRES, SIPADV_MSG_COL_REG_TIME,
                                                      SIPADV_MSG_COL_CHALLENGES, SIPADV_MSG_COL_DIAGNOSIS };
_Static_assert(G_N_ELEMENTS(registration_columns) <= SIPADV_STATS_MAX_COLUMNS, "a row has room for every column");

static void
fill_registration(wmem_allocator_t *pool, const char **row, const sipadv_call *c, const char *from _U_,
                  const char *to, gint64 capture_start_ns)
{
    unsigned i = 0;

    row[i++] = wmem_strdup_printf(pool, "%u", c->first_frame);
    row[i++] = start_text(pool, c, capture_start_ns);
    row[i++] = uri_or_dash(to);
    row[i++] = sipadv_reg_outcomes[c->outcome < SIPADV_REG_OUTCOME_COUNT ? c->outcome : SIPADV_REG_PENDING].name;
    row[i++] = number_or_dash(pool, c->final_code);
    row[i++] = c->outcome == SIPADV_REG_REGISTERED ? wmem_strdup_printf(pool, "%u", c->expires) : "-";
    row[i++] = span_text(pool, c, c->start_ns, c->answer_ns);
    row[i++] = wmem_strdup_printf(pool, "%u", c->challenges);
    row[i++] = diagnosis(pool, c);
}

static void
draw_calls(const sipadv_call_set *set, void *user _U_)
{
    print_records(set, SIPADV_KIND_CALL, SIPADV_MSG_TITLE_CALLS, call_columns, G_N_ELEMENTS(call_columns), fill_call);
}

static void
draw_registrations(const sipadv_call_set *set, void *user _U_)
{
    print_records(set, SIPADV_KIND_REGISTRATION, SIPADV_MSG_TITLE_REGISTRATIONS, registration_columns,
                  G_N_ELEMENTS(registration_columns), fill_registration);
}

static SIPADV_STAT_INIT_RESULT
calls_init(const char *opt_arg, void *userdata _U_)
{
    SIPADV_STAT_INIT_END(sipadv_call_set_start(opt_arg, "sipadv,calls", draw_calls));
}

static SIPADV_STAT_INIT_RESULT
registrations_init(const char *opt_arg, void *userdata _U_)
{
    SIPADV_STAT_INIT_END(sipadv_call_set_start(opt_arg, "sipadv,regs", draw_registrations));
}

void
sipadv_stats_calls_register(void)
{
    static tap_param filter[] = { { PARAM_FILTER, "filter", "Filter", NULL, TRUE } };
    static stat_tap_ui calls_ui = { SIPADV_GROUP_TELEPHONY, "SIP Advisor calls", "sipadv,calls",
                                    calls_init, G_N_ELEMENTS(filter), filter };
    static stat_tap_ui registrations_ui = { SIPADV_GROUP_TELEPHONY, "SIP Advisor registrations",
                                            "sipadv,regs", registrations_init, G_N_ELEMENTS(filter), filter };

    register_stat_tap_ui(&calls_ui, NULL);
    register_stat_tap_ui(&registrations_ui, NULL);
}
