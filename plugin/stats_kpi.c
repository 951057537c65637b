/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -z sipadv,kpi[,filter]: the RFC 6076 KPIs and ITU-T E.411's ASR and NER
 * (kpi.h, docs/kpi.md) over the capture's calls and registrations, or those
 * with a message matching the filter, as their records ended. Each row gives
 * its numerator and denominator (a delay: the sum of its samples, in its unit
 * to the nanosecond, and their number), so the rows of several captures add
 * up (scripts/sipadv-batch does).
 */
#include <stdio.h>

#include <wireshark.h>
#include <epan/stat_tap_ui.h>

#include "call_set.h"
#include "compat.h"
#include "kpi.h"
#include "stats_table.h"
#include "tap.h"
#include "text.h"

static const sipadv_msg_id kpi_columns[] = { SIPADV_MSG_COL_KPI,         SIPADV_MSG_COL_KPI_NAME,
                                             SIPADV_MSG_COL_VALUE,       SIPADV_MSG_COL_NUMERATOR,
                                             SIPADV_MSG_COL_DENOMINATOR, SIPADV_MSG_COL_RANGE,
                                             SIPADV_MSG_COL_SOURCE,      SIPADV_MSG_COL_KEY };
_Static_assert(G_N_ELEMENTS(kpi_columns) <= SIPADV_STATS_MAX_COLUMNS, "a row has room for every column");

/* Decimals that keep a delay in its unit to the nanosecond. */
static int
exact_decimals(const sipadv_kpi_row *r)
{
    return strcmp(r->unit, "s") == 0 ? 9 : 6;
}

static void
fill_kpi(wmem_allocator_t *pool, const char **row, const sipadv_kpi_row *r)
{
    unsigned i = 0;

    row[i++] = r->abbrev;
    row[i++] = sipadv_in_language(pool, r->name->en, r->name->zh);
    row[i++] = !r->has_value ? sipadv_stats_message(pool, SIPADV_MSG_KPI_NO_VALUE)
               : r->is_delay ? wmem_strdup_printf(pool, "%.3f %s", r->value, r->unit)
                             : wmem_strdup_printf(pool, "%.2f %%", r->value);
    row[i++] = r->is_delay ? wmem_strdup_printf(pool, "%.*f %s", exact_decimals(r), r->numerator, r->unit)
                           : wmem_strdup_printf(pool, "%.0f", r->numerator);
    row[i++] = wmem_strdup_printf(pool, "%.0f", r->denominator);
    row[i++] = r->is_delay && r->has_value ? wmem_strdup_printf(pool, "%.3f-%.3f %s", r->min, r->max, r->unit) : "-";
    row[i++] = r->source;
    row[i++] = r->key;
}

static void
draw_kpis(const sipadv_call_set *set, void *user _U_)
{
    sipadv_kpi k = { 0 };
    sipadv_kpi_row rows[SIPADV_KPI_COUNT];
    sipadv_stats_table t;
    message_values v = { 0 };

    for (guint32 n = 1; n <= sipadv_call_set_last(set); n++) {
        const char *from, *to;
        const sipadv_call *c = sipadv_call_set_get(set, n, &from, &to);
        if (c)
            sipadv_kpi_add(&k, c);
    }
    sipadv_kpi_report(&k, rows);
    sipadv_stats_table_init(&t, kpi_columns, G_N_ELEMENTS(kpi_columns));
    for (unsigned i = 0; i < SIPADV_KPI_COUNT; i++)
        fill_kpi(t.pool, sipadv_stats_table_add_row(&t), &rows[i]);
    sipadv_stats_print_title(t.pool, SIPADV_MSG_TITLE_KPIS, sipadv_call_set_filter(set));
    v.count = wmem_strdup_printf(t.pool, "%" PRIu64, k.calls);
    v.other = wmem_strdup_printf(t.pool, "%" PRIu64, k.calls_in_setup);
    v.detail = wmem_strdup_printf(t.pool, "%" PRIu64, k.registrations);
    v.frame = wmem_strdup_printf(t.pool, "%" PRIu64, k.registrations_pending);
    printf("%s\n", sipadv_expand_message(t.pool, sipadv_stats_message(t.pool, SIPADV_MSG_KPI_RECORDS), &v));
    sipadv_stats_table_print(&t);
    sipadv_stats_print_rule();
    sipadv_stats_table_free(&t);
}

static SIPADV_STAT_INIT_RESULT
kpi_init(const char *opt_arg, void *userdata _U_)
{
    SIPADV_STAT_INIT_END(sipadv_call_set_start(opt_arg, "sipadv,kpi", draw_kpis));
}

void
sipadv_stats_kpi_register(void)
{
    static tap_param filter[] = { { PARAM_FILTER, "filter", "Filter", NULL, TRUE } };
    static stat_tap_ui kpi_ui = { SIPADV_GROUP_TELEPHONY, "SIP Advisor KPIs", "sipadv,kpi", kpi_init,
                                  G_N_ELEMENTS(filter), filter };

    register_stat_tap_ui(&kpi_ui, NULL);
}
