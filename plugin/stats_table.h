/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The text tables sipadv's -z statistics print (calls, registrations, KPIs): titled, padded, in the language preference. */
#ifndef SIPADV_STATS_TABLE_H
#define SIPADV_STATS_TABLE_H

#include <wireshark.h>

#include "sipadv_tables.h"

#define SIPADV_STATS_MAX_COLUMNS 11

typedef struct {
    wmem_allocator_t *pool;      /* the cells' */
    GPtrArray        *rows;      /* of const char *[SIPADV_STATS_MAX_COLUMNS]; the first is the header */
    unsigned          n_columns;
} sipadv_stats_table;

/* A table whose header row names columns (messages.tsv col_*) in the language preference. */
void sipadv_stats_table_init(sipadv_stats_table *t, const sipadv_msg_id *columns, unsigned n_columns);
void sipadv_stats_table_free(sipadv_stats_table *t);
const char **sipadv_stats_table_add_row(sipadv_stats_table *t);
/* Columns padded to their widest cell (a wide character takes two), the last one left as it is. */
void sipadv_stats_table_print(const sipadv_stats_table *t);

/* A message without placeholders in the language preference ("both": English, then Chinese). */
const char *sipadv_stats_message(wmem_allocator_t *pool, sipadv_msg_id id);
/* The rule, the title and, when there is one, the filter line. */
void sipadv_stats_print_title(wmem_allocator_t *pool, sipadv_msg_id title, const char *filter);
void sipadv_stats_print_rule(void);

#endif
