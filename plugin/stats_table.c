/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "stats_table.h"

#include <stdio.h>

#include "text.h"

const char *
sipadv_stats_message(wmem_allocator_t *pool, sipadv_msg_id id)
{
    return sipadv_in_language(pool, sipadv_messages[id].en, sipadv_messages[id].zh);
}

void
sipadv_stats_table_init(sipadv_stats_table *t, const sipadv_msg_id *columns, unsigned n_columns)
{
    const char **header;

    t->pool = wmem_allocator_new(WMEM_ALLOCATOR_SIMPLE);
    t->rows = g_ptr_array_new();
    t->n_columns = MIN(n_columns, SIPADV_STATS_MAX_COLUMNS);
    header = sipadv_stats_table_add_row(t);
    for (unsigned i = 0; i < t->n_columns; i++)
        header[i] = sipadv_stats_message(t->pool, columns[i]);
}

void
sipadv_stats_table_free(sipadv_stats_table *t)
{
    g_ptr_array_free(t->rows, TRUE);
    wmem_destroy_allocator(t->pool);
}

const char **
sipadv_stats_table_add_row(sipadv_stats_table *t)
{
    const char **row = wmem_alloc0(t->pool, SIPADV_STATS_MAX_COLUMNS * sizeof *row);

    g_ptr_array_add(t->rows, row);
    return row;
}

/* Columns a text takes on a terminal: two for a wide (CJK) character. */
static size_t
columns_of(const char *text)
{
    size_t n = 0;

    for (const char *p = text ? text : ""; *p; p = g_utf8_next_char(p))
        n += g_unichar_iswide(g_utf8_get_char(p)) ? 2 : 1;
    return n;
}

void
sipadv_stats_table_print(const sipadv_stats_table *t)
{
    size_t width[SIPADV_STATS_MAX_COLUMNS] = { 0 };

    for (guint r = 0; r < t->rows->len; r++) {
        const char **row = g_ptr_array_index(t->rows, r);
        for (unsigned i = 0; i + 1 < t->n_columns; i++)
            width[i] = MAX(width[i], columns_of(row[i]));
    }
    for (guint r = 0; r < t->rows->len; r++) {
        const char **row = g_ptr_array_index(t->rows, r);
        for (unsigned i = 0; i + 1 < t->n_columns; i++)
            printf("%s%*s  ", row[i] ? row[i] : "", (int)(width[i] - columns_of(row[i])), "");
        printf("%s\n", row[t->n_columns - 1] ? row[t->n_columns - 1] : "");
    }
}

void
sipadv_stats_print_rule(void)
{
    printf("===================================================================\n");
}

void
sipadv_stats_print_title(wmem_allocator_t *pool, sipadv_msg_id title, const char *filter)
{
    message_values v = { 0 };

    printf("\n");
    sipadv_stats_print_rule();
    printf("%s\n", sipadv_stats_message(pool, title));
    if (filter) {
        v.detail = filter;
        printf("%s\n", sipadv_expand_message(pool, sipadv_stats_message(pool, SIPADV_MSG_TITLE_FILTER), &v));
    }
}
