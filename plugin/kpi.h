/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The RFC 6076 KPIs (§4.1-4.9) and ITU-T E.411's ASR and NER of a capture's
 * calls and registrations (calls.h), without libwireshark. An accumulator
 * takes the records one at a time, when the capture has been read; those of
 * several captures merge by adding, so a many-captures summary sums raw
 * numbers, not percentages. A report gives one row per KPI (vocabulary.h
 * SIPADV_KPIS, names in tables/kpis.tsv). docs/kpi.md says what each counts.
 *
 * A record still without an outcome (a call in setup, a registration pending
 * when the capture ends) counts in no KPI, only in calls_in_setup or
 * registrations_pending: its result is unknown.
 */
#ifndef SIPADV_KPI_H
#define SIPADV_KPI_H

#include <stdbool.h>
#include <stdint.h>

#include "calls.h"
#include "knowledge.h"
#include "vocabulary.h"

/* One KPI's raw numbers: integers only, so that merging is exact and in any order. */
typedef struct {
    uint64_t count;               /* a ratio: the attempts it counts (its denominator); a delay: its samples */
    uint64_t hits;                /* a ratio: the attempts that score (its numerator); a delay: 0 */
    int64_t  sum_ns;              /* a delay: the sum of its samples */
    int64_t  min_ns, max_ns;      /* a delay with samples: the least and the greatest */
} sipadv_kpi_tally;

/* Zero-initialised, it holds nothing. */
typedef struct {
    sipadv_kpi_tally kpi[SIPADV_KPI_COUNT];
    uint64_t calls;                   /* call records added */
    uint64_t registrations;           /* registration records added */
    uint64_t calls_in_setup;          /* of the calls: no outcome yet, counted in no KPI */
    uint64_t registrations_pending;   /* of the registrations: likewise */
} sipadv_kpi;

/* What a printer shows of one KPI. */
typedef struct {
    sipadv_kpi_id      id;
    const char        *key;           /* "ser": the kpi column of tables/kpis.tsv */
    const char        *abbrev;        /* "SER" */
    const sipadv_text *name;          /* English and Chinese */
    const char        *unit;          /* "%", "ms" or "s" */
    const char        *source;        /* "RFC 6076 §4.6" */
    bool               is_delay;
    uint64_t           count;         /* a ratio: the attempts counted; a delay: the samples */
    double             numerator;     /* a ratio: the attempts that score; a delay: the sum, in unit */
    double             denominator;   /* a ratio: the attempts counted; a delay: the samples */
    bool               has_value;     /* false when the denominator is 0: no value, never NaN */
    double             value;         /* a ratio: 100 × numerator / denominator; a delay: the mean, in unit */
    double             min, max;      /* a delay with a value: the least and greatest sample, in unit */
} sipadv_kpi_row;

/* Counts one call or registration (by c->kind) as the capture leaves it. */
void sipadv_kpi_add(sipadv_kpi *k, const sipadv_call *c);

/* Adds the numbers of from to into: the result is that of one accumulator given both sets of records. */
void sipadv_kpi_merge(sipadv_kpi *into, const sipadv_kpi *from);

/* One row per KPI, in vocabulary.h order. */
void sipadv_kpi_report(const sipadv_kpi *k, sipadv_kpi_row rows[SIPADV_KPI_COUNT]);

#endif
