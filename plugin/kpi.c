/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "kpi.h"

#include <string.h>

#include "sipadv_tables.h"

#define NS_PER_MS 1e6
#define NS_PER_S  1e9

enum { RATIO, DELAY };

static const struct {
    const char *key;
    int         kind;
    const char *unit;
    const char *source;
} kpi_info[SIPADV_KPI_COUNT] = {
#define KPI_INFO(e, id, kind, unit, source) { id, kind, unit, source },
    SIPADV_KPIS(KPI_INFO)
#undef KPI_INFO
};

static void
count_attempt(sipadv_kpi *k, sipadv_kpi_id id, bool scores)
{
    k->kpi[id].count++;
    if (scores)
        k->kpi[id].hits++;
}

/* A delay of c's; none when its length is not known (sipadv_call_span: the capture's clock jumped while c was open). */
static void
add_sample(sipadv_kpi *k, sipadv_kpi_id id, const sipadv_call *c, int64_t from_ns, int64_t to_ns)
{
    sipadv_kpi_tally *t = &k->kpi[id];
    int64_t d;

    if (!sipadv_call_span(c, from_ns, to_ns, &d))
        return;

    if (t->count == 0 || d < t->min_ns)
        t->min_ns = d;
    if (t->count == 0 || d > t->max_ns)
        t->max_ns = d;
    t->count++;
    t->sum_ns += d;
}

/* The codes RFC 6076 §4.7 counts as effective besides a 2xx: the callee's own doing (busy, away, declined). */
static bool
user_determined(unsigned code)
{
    return code == 480 || code == 486 || code == 600 || code == 603;
}

/* RFC 6076 §4.2 and §4.3.2: 401, 402 and 407 are challenges, not failures. */
static bool
failure_code(unsigned code)
{
    return code >= 400 && code < 700 && code != 401 && code != 402 && code != 407;
}

/*
 * RFC 6076 §4.3: the status-indicative response ends the SRD: the first
 * non-100 provisional, or the final response when none came before it.
 */
static int64_t
status_indicative_ns(const sipadv_call *c, int64_t final_ns)
{
    return c->provisional_ns != SIPADV_NO_TIME && c->provisional_ns < final_ns ? c->provisional_ns : final_ns;
}

static void
add_call(sipadv_kpi *k, const sipadv_call *c)
{
    sipadv_outcome o = sipadv_call_outcome(c);
    unsigned code = c->final_code;
    bool answered = c->answer_ns != SIPADV_NO_TIME;
    bool redirected = code >= 300 && code < 400;
    bool by_bye = answered && c->end_ns != SIPADV_NO_TIME && c->event_method == SIPADV_METHOD_BYE;
    /* A UAC whose INVITE times out acts as on a 408 (RFC 3261 §8.1.3.1): Timer B or C decided it. */
    bool timed_out = !answered && (c->flags & SIPADV_CALL_TIMEOUT) && c->event_method == SIPADV_METHOD_INVITE;

    k->calls++;
    if (o == SIPADV_OUTCOME_SETUP) {
        k->calls_in_setup++;
        return;
    }
    if (!redirected) {
        count_attempt(k, SIPADV_KPI_SER, answered);
        count_attempt(k, SIPADV_KPI_SEER, answered || user_determined(code));
    }
    count_attempt(k, SIPADV_KPI_ASR, answered);
    count_attempt(k, SIPADV_KPI_NER, answered || user_determined(code));
    count_attempt(k, SIPADV_KPI_ISA, timed_out || code == 408 || code == 500 || code == 503 || code == 504);
    /* Still up when the capture ends: whether it completes is unknown. */
    if (o != SIPADV_OUTCOME_ANSWERED)
        count_attempt(k, SIPADV_KPI_SCR, by_bye && c->disconnect_ns != SIPADV_NO_TIME &&
                                             !(c->flags & SIPADV_CALL_SESSION_EXPIRED));
    if (answered)
        add_sample(k, SIPADV_KPI_SRD_SUCCESS, c, c->start_ns, status_indicative_ns(c, c->answer_ns));
    else if (failure_code(code) && !timed_out && c->event_code == code && c->event_method == SIPADV_METHOD_INVITE)
        add_sample(k, SIPADV_KPI_SRD_FAILURE, c, c->start_ns, status_indicative_ns(c, c->settled_ns));
    if (c->disconnect_ns != SIPADV_NO_TIME)
        add_sample(k, SIPADV_KPI_SDD, c, c->end_ns, c->disconnect_ns);
    if (answered && c->end_ns != SIPADV_NO_TIME)
        add_sample(k, by_bye ? SIPADV_KPI_SDT_SUCCESS : SIPADV_KPI_SDT_FAILURE, c, c->answer_ns, c->end_ns);
}

static void
add_registration(sipadv_kpi *k, const sipadv_call *c)
{
    k->registrations++;
    if (c->outcome == SIPADV_REG_PENDING) {
        k->registrations_pending++;
        return;
    }
    count_attempt(k, SIPADV_KPI_IRA, c->outcome == SIPADV_REG_FAILED);
    /* From the first REGISTER, its challenge rounds included (RFC 6076 §4.1), to the 2xx. */
    if (c->answer_ns != SIPADV_NO_TIME)
        add_sample(k, SIPADV_KPI_RRD, c, c->start_ns, c->answer_ns);
}

void
sipadv_kpi_add(sipadv_kpi *k, const sipadv_call *c)
{
    if (c->kind == SIPADV_KIND_REGISTRATION)
        add_registration(k, c);
    else
        add_call(k, c);
}

void
sipadv_kpi_merge(sipadv_kpi *into, const sipadv_kpi *from)
{
    for (int i = 0; i < SIPADV_KPI_COUNT; i++) {
        sipadv_kpi_tally *t = &into->kpi[i];
        const sipadv_kpi_tally *f = &from->kpi[i];

        if (f->count && (t->count == 0 || f->min_ns < t->min_ns))
            t->min_ns = f->min_ns;
        if (f->count && (t->count == 0 || f->max_ns > t->max_ns))
            t->max_ns = f->max_ns;
        t->count += f->count;
        t->hits += f->hits;
        t->sum_ns += f->sum_ns;
    }
    into->calls += from->calls;
    into->registrations += from->registrations;
    into->calls_in_setup += from->calls_in_setup;
    into->registrations_pending += from->registrations_pending;
}

void
sipadv_kpi_report(const sipadv_kpi *k, sipadv_kpi_row rows[SIPADV_KPI_COUNT])
{
    for (int i = 0; i < SIPADV_KPI_COUNT; i++) {
        const sipadv_kpi_tally *t = &k->kpi[i];
        sipadv_kpi_row *r = &rows[i];
        bool delay = kpi_info[i].kind == DELAY;
        double per_unit = strcmp(kpi_info[i].unit, "s") == 0 ? NS_PER_S : NS_PER_MS;

        *r = (sipadv_kpi_row){ .id = (sipadv_kpi_id)i,
                               .key = kpi_info[i].key,
                               .abbrev = sipadv_kpi_texts[i].abbrev,
                               .name = &sipadv_kpi_texts[i].name,
                               .unit = kpi_info[i].unit,
                               .source = kpi_info[i].source,
                               .is_delay = delay,
                               .count = t->count,
                               .numerator = delay ? (double)t->sum_ns / per_unit : (double)t->hits,
                               .denominator = (double)t->count,
                               .has_value = t->count > 0 };
        if (!r->has_value)
            continue;
        r->value = delay ? r->numerator / r->denominator : 100.0 * r->numerator / r->denominator;
        if (delay) {
            r->min = (double)t->min_ns / per_unit;
            r->max = (double)t->max_ns / per_unit;
        }
    }
}
