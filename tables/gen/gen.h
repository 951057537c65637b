/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Shared by the parts of the build-time table generator (sipadv-gentables). */
#ifndef SIPADV_GEN_H
#define SIPADV_GEN_H

#include <stdio.h>

#include "knowledge.h"
#include "vocabulary.h"

#define MAX_COLS  16
#define MAX_STEPS SIPADV_MAX_STEPS

typedef struct {
    const char *path;
    int         line;
    char       *cell[MAX_COLS];
    int         n_cells;
} row;

typedef struct {
    const char *path;
    char       *text;     /* whole file, cut in place into cells */
    char       *next;     /* parse position */
    int         line;
    const char *const *columns;
    int         n_columns;
} table_reader;

#define N_COLUMNS(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* tsv.c: reading and checking tables */
void die(const char *path, int line, const char *fmt, ...) __attribute__((noreturn, format(printf, 3, 4)));
void open_table(table_reader *r, const char *path, const char *const *columns, int n_columns);
int next_row(table_reader *r, row *out);
void close_table(table_reader *r);
char *trim(char *s);
/* Cuts s in place at its commas into at most max trimmed items; returns how many. */
int split_list(const row *rw, char *s, char **items, int max);
/* The index of a cell's word among names (n of them), or an error naming the column (gen_rules.c). */
int word_of(const row *rw, const char *s, const char *const *names, int n, const char *column);
int is_digits(const char *s, size_t n);

/* emit.c: writing C initializers */
void put_literal(FILE *out, const char *s);
void put_text(FILE *out, const char *en, const char *zh);
void put_guidance(FILE *out, const row *rw, char *en, char *zh);
void put_meaning(FILE *out, const row *rw, const char *en, const char *zh);
unsigned placeholder_mask(const row *rw, const char *s);
unsigned rule_placeholders(void);
unsigned message_placeholders(void);

/* the tables */
void write_statuses(FILE *out, const char *path);
void write_classes(FILE *out, const char *path);
void write_contexts(FILE *out, const char *path);
void write_offer_advice(FILE *out, const char *path);
void write_outcomes(FILE *out, FILE *hdr, const char *calls_path, const char *registrations_path);
void write_messages(FILE *out, FILE *hdr, const char *path);
void write_kpis(FILE *out, FILE *hdr, const char *path);
void write_rules(FILE *out, FILE *hdr, const char *path);
void write_causes(FILE *out, const char *causes_path, const char *map_path);
void write_warnings(FILE *out, const char *path);
void write_timers(FILE *hdr, const char *path);
int parse_severity(const row *rw, const char *s);
extern const char *const severity_docs[];
int parse_profile(const row *rw, const char *s);
extern const char *const profile_docs[];
int write_docs(const char *rules_path, const char *examples_path, const char *out_path);
extern const char *const rule_columns[];
enum { COL_NAME, COL_CODES, COL_METHODS, COL_WHEN, COL_CHECK, COL_SEVERITY, COL_GROUP, COL_PROFILE, COL_CLAUSE, COL_SUMMARY, COL_EN, COL_ZH };
extern const int n_rule_columns;

#endif
