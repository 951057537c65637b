/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The RFC 6076 and E.411 KPIs (plugin/kpi.c) on call and registration records, without Wireshark. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "call_scenario.h"
#include "calls.h"
#include "check.h"
#include "kpi.h"

#define NO SIPADV_NO_TIME

static sipadv_call
record(sipadv_record_kind kind, int64_t start_ns)
{
    sipadv_call c;

    memset(&c, 0, sizeof c);
    c.kind = (uint8_t)kind;
    c.start_ns = c.settled_ns = start_ns;
    c.provisional_ns = c.answer_ns = c.end_ns = c.disconnect_ns = NO;
    return c;
}

/* A call answered by a 2xx, still up. */
static sipadv_call
answered(int64_t start, int64_t provisional, int64_t answer)
{
    sipadv_call c = record(SIPADV_KIND_CALL, start);

    c.provisional_ns = provisional;
    c.answer_ns = c.settled_ns = answer;
    c.outcome = SIPADV_OUTCOME_ANSWERED;
    c.final_code = c.event_code = 200;
    c.event_method = SIPADV_METHOD_INVITE;
    return c;
}

/* ... then ended by a BYE, answered by a 2xx at ok (NO: not answered in the capture). */
static sipadv_call
ended_by_bye(sipadv_call c, int64_t bye, int64_t ok, sipadv_outcome outcome)
{
    c.end_ns = c.settled_ns = bye;
    c.disconnect_ns = ok;
    c.outcome = (uint8_t)outcome;
    c.event_method = SIPADV_METHOD_BYE;
    c.event_code = 0;
    return c;
}

/* A call a final response other than a 2xx decided. */
static sipadv_call
refused(int64_t start, int64_t provisional, int64_t final, unsigned code, sipadv_outcome outcome)
{
    sipadv_call c = record(SIPADV_KIND_CALL, start);

    c.provisional_ns = provisional;
    c.settled_ns = final;
    c.outcome = (uint8_t)outcome;
    c.final_code = c.event_code = (uint16_t)code;
    c.event_method = SIPADV_METHOD_INVITE;
    return c;
}

static sipadv_call
registration(int64_t start, int64_t answer, sipadv_reg_outcome outcome, unsigned code)
{
    sipadv_call c = record(SIPADV_KIND_REGISTRATION, start);

    c.answer_ns = answer;
    c.outcome = (uint8_t)outcome;
    c.final_code = (uint16_t)code;
    return c;
}

static void
report(const sipadv_kpi *k, sipadv_kpi_row rows[SIPADV_KPI_COUNT])
{
    sipadv_kpi_report(k, rows);
    for (int i = 0; i < SIPADV_KPI_COUNT; i++)
        CHECK_MSG(!isnan(rows[i].value) && !isinf(rows[i].value) && (rows[i].has_value || rows[i].value == 0),
                  "%s: value %g", rows[i].key, rows[i].value);
}

static bool
near(double a, double b)
{
    return fabs(a - b) <= 1e-9 * (fabs(b) > 1 ? fabs(b) : 1);
}

/* A KPI's expected ratio: hits of total attempts; total 0: no value at all. */
typedef struct {
    sipadv_kpi_id id;
    int           hits, total;
} ratio_case;

static void
check_ratio(const sipadv_kpi_row *rows, ratio_case e)
{
    const sipadv_kpi_row *r = &rows[e.id];

    if (e.total == 0)
        CHECK_MSG(!r->has_value && r->count == 0 && r->value == 0 && r->denominator == 0,
                  "%s: expected no value, got %g / %g", r->key, r->numerator, r->denominator);
    else
        CHECK_MSG(r->has_value && r->numerator == e.hits && r->denominator == e.total &&
                      near(r->value, 100.0 * e.hits / e.total),
                  "%s: %g / %g = %g, expected %d / %d", r->key, r->numerator, r->denominator, r->value, e.hits,
                  e.total);
}

#define CHECK_RATIOS(rows, ...)                                                                      \
    do {                                                                                             \
        static const ratio_case expected_[] = { __VA_ARGS__ };                                       \
        for (size_t i_ = 0; i_ < sizeof expected_ / sizeof expected_[0]; i_++)                       \
            check_ratio(rows, expected_[i_]);                                                        \
    } while (0)

/* A delay: its samples, their sum, least and greatest in nanoseconds; the row in its unit. */
static void
check_delay(const sipadv_kpi *k, const sipadv_kpi_row *rows, sipadv_kpi_id id, uint64_t n, int64_t sum_ns,
            int64_t min_ns, int64_t max_ns)
{
    const sipadv_kpi_tally *t = &k->kpi[id];
    double per_unit = strcmp(rows[id].unit, "s") == 0 ? 1e9 : 1e6;

    CHECK_MSG(t->count == n && t->sum_ns == sum_ns && t->min_ns == min_ns && t->max_ns == max_ns,
              "%s: n %llu sum %lld min %lld max %lld", rows[id].key, (unsigned long long)t->count,
              (long long)t->sum_ns, (long long)t->min_ns, (long long)t->max_ns);
    CHECK_MSG(rows[id].has_value && rows[id].denominator == (double)n &&
                  near(rows[id].numerator, (double)sum_ns / per_unit) &&
                  near(rows[id].value, (double)sum_ns / per_unit / (double)n) &&
                  near(rows[id].min, (double)min_ns / per_unit) && near(rows[id].max, (double)max_ns / per_unit),
              "%s: mean %g %s", rows[id].key, rows[id].value, rows[id].unit);
}

/*
 * The twelve calls of captures/calls-udp.pcapng as the call analysis records
 * them (times of the frames, from the first): the worked example of docs/kpi.md.
 */
static size_t
calls_udp(sipadv_call *out)
{
    size_t n = 0;
    sipadv_call c;

    out[n++] = ended_by_bye(answered(0, 55432561, 107890871), 411309761, 411440069, SIPADV_OUTCOME_COMPLETED);
    /* Frame 13's BYE says Q.850 cause 41: dropped, yet ended by a BYE that was answered. */
    out[n++] = ended_by_bye(answered(1216231738, 1267714288, 1319904778), 1623808100, 1624012059,
                            SIPADV_OUTCOME_DROPPED);
    out[n++] = answered(2296195669, 2352154725, 2404055382);
    out[n++] = ended_by_bye(answered(3280364170, 4536133945, 4592194093), 4695786699, 4696013551,
                            SIPADV_OUTCOME_COMPLETED);
    out[n++] = ended_by_bye(answered(5504110433, 5559708079, 5611453741), 5919867523, 5920023621,
                            SIPADV_OUTCOME_COMPLETED);
    /* No provisional; a 481 to the re-INVITE ended it. */
    c = answered(6608265278, NO, 6608746235);
    c.end_ns = c.settled_ns = 6816204388;
    c.event_code = 481;
    c.outcome = SIPADV_OUTCOME_DROPPED;
    out[n++] = c;
    /* A 401 answered by a new INVITE: one call, timed from the first INVITE. */
    out[n++] = ended_by_bye(answered(7499424321, 7555393365, 7608488149), 7711966077, 7712156140,
                            SIPADV_OUTCOME_COMPLETED);
    c = refused(8395923686, NO, 8398188715, 401, SIPADV_OUTCOME_REJECTED);
    c.flags = SIPADV_CALL_AUTH_REJECTED;
    out[n++] = c;
    out[n++] = refused(9080078942, 9131362573, 10135971797, 480, SIPADV_OUTCOME_NO_ANSWER);
    c = refused(10823554819, 10875563122, 11381252412, 487, SIPADV_OUTCOME_CANCELLED);
    c.flags = SIPADV_CALL_CANCELLED | SIPADV_CALL_PROVISIONAL;
    out[n++] = c;
    out[n++] = refused(12175941510, NO, 12176440030, 503, SIPADV_OUTCOME_FAILED);
    out[n++] = refused(12855471086, 12908223116, 13111657978, 486, SIPADV_OUTCOME_BUSY);
    return n;
}

/* The numbers docs/kpi.md works out by hand for captures/calls-udp.pcapng. */
static void
test_worked_example(void)
{
    sipadv_call calls[16];
    size_t n = calls_udp(calls);
    sipadv_kpi k = { 0 };
    sipadv_kpi_row rows[SIPADV_KPI_COUNT];

    for (size_t i = 0; i < n; i++)
        sipadv_kpi_add(&k, &calls[i]);
    report(&k, rows);
    CHECK(k.calls == 12 && k.calls_in_setup == 0 && k.registrations == 0);
    CHECK_RATIOS(rows,
                 { SIPADV_KPI_SER, 7, 12 },
                 { SIPADV_KPI_SEER, 9, 12 },
                 { SIPADV_KPI_ISA, 1, 12 },
                 { SIPADV_KPI_SCR, 5, 11 },
                 { SIPADV_KPI_ASR, 7, 12 },
                 { SIPADV_KPI_NER, 9, 12 },
                 { SIPADV_KPI_RRD, 0, 0 },
                 { SIPADV_KPI_IRA, 0, 0 });
    check_delay(&k, rows, SIPADV_KPI_SRD_SUCCESS, 7, 1530691589, 480957, 1255769775);
    check_delay(&k, rows, SIPADV_KPI_SRD_FAILURE, 4, 156542484, 498520, 52752030);
    check_delay(&k, rows, SIPADV_KPI_SDD, 5, 907280, 130308, 226852);
    check_delay(&k, rows, SIPADV_KPI_SDT_SUCCESS, 5, 1122806528, 103477928, 308413782);
    check_delay(&k, rows, SIPADV_KPI_SDT_FAILURE, 1, 207458153, 207458153, 207458153);
    CHECK(near(rows[SIPADV_KPI_SER].value, 58.333333333333336) && near(rows[SIPADV_KPI_SCR].value, 45.45454545454545));
    CHECK(near(rows[SIPADV_KPI_SRD_SUCCESS].value, 218.670227) && near(rows[SIPADV_KPI_SDT_SUCCESS].value, 0.2245613056));
    /* Labels are the table's, in both languages. */
    CHECK(strcmp(rows[SIPADV_KPI_SEER].abbrev, "SEER") == 0 && strcmp(rows[SIPADV_KPI_SEER].key, "seer") == 0);
    CHECK(strcmp(rows[SIPADV_KPI_SEER].name->en, "Session Establishment Effectiveness Ratio") == 0);
    CHECK(strcmp(rows[SIPADV_KPI_SER].name->zh, "会话建立率") == 0 && strcmp(rows[SIPADV_KPI_SDT_SUCCESS].unit, "s") == 0);
    CHECK(strcmp(rows[SIPADV_KPI_ASR].source, "ITU-T E.411") == 0 && !rows[SIPADV_KPI_ASR].is_delay);
}

static void
test_registrations(void)
{
    sipadv_kpi k = { 0 };
    sipadv_kpi_row rows[SIPADV_KPI_COUNT];
    sipadv_call r;

    r = registration(0, 101 * MS, SIPADV_REG_REGISTERED, 200);
    r.challenges = 1;
    sipadv_kpi_add(&k, &r);
    r = registration(1000 * MS, 1020 * MS, SIPADV_REG_DEREGISTERED, 200);
    sipadv_kpi_add(&k, &r);
    r = registration(2000 * MS, NO, SIPADV_REG_FAILED, 403);
    sipadv_kpi_add(&k, &r);
    r = registration(3000 * MS, NO, SIPADV_REG_FAILED, 401);   /* credentials rejected */
    r.flags = SIPADV_CALL_AUTH_REJECTED;
    sipadv_kpi_add(&k, &r);
    r = registration(4000 * MS, NO, SIPADV_REG_PENDING, 0);
    sipadv_kpi_add(&k, &r);
    report(&k, rows);
    CHECK(k.registrations == 5 && k.registrations_pending == 1 && k.calls == 0);
    CHECK_RATIOS(rows, { SIPADV_KPI_IRA, 2, 4 });
    check_delay(&k, rows, SIPADV_KPI_RRD, 2, 121 * MS, 20 * MS, 101 * MS);
    CHECK(near(rows[SIPADV_KPI_RRD].value, 60.5));
    CHECK_RATIOS(rows,
                 { SIPADV_KPI_SER, 0, 0 },
                 { SIPADV_KPI_SRD_SUCCESS, 0, 0 });
}

/* The two registrations of captures/crafted/ims-aka.pcap: docs/kpi.md's second worked example. */
static void
test_worked_example_registrations(void)
{
    sipadv_kpi k = { 0 };
    sipadv_kpi_row rows[SIPADV_KPI_COUNT];
    sipadv_call r = registration(0, 5000 * MS, SIPADV_REG_REGISTERED, 200);

    r.challenges = 2;
    sipadv_kpi_add(&k, &r);
    r = registration(6000 * MS, NO, SIPADV_REG_FAILED, 494);
    r.challenges = 1;
    sipadv_kpi_add(&k, &r);
    report(&k, rows);
    CHECK_RATIOS(rows, { SIPADV_KPI_IRA, 1, 2 });
    check_delay(&k, rows, SIPADV_KPI_RRD, 1, 5000 * MS, 5000 * MS, 5000 * MS);
}

static void
test_empty(void)
{
    sipadv_kpi k = { 0 };
    sipadv_kpi_row rows[SIPADV_KPI_COUNT];

    report(&k, rows);
    for (int i = 0; i < SIPADV_KPI_COUNT; i++)
        check_ratio(rows, (ratio_case){ (sipadv_kpi_id)i, 0, 0 });
}

/* Calls whose INVITE only met challenges, registrations left in their challenge rounds. */
static void
test_only_challenges(void)
{
    sipadv_kpi k = { 0 };
    sipadv_kpi_row rows[SIPADV_KPI_COUNT];

    for (int i = 0; i < 2; i++) {
        /* As calls.c leaves a 407 nobody answered: in setup, challenged; sipadv_call_outcome() says rejected. */
        sipadv_call c = refused(i * 1000 * MS, NO, i * 1000 * MS + 5 * MS, 407, SIPADV_OUTCOME_SETUP);
        sipadv_call r = registration(i * 1000 * MS, NO, SIPADV_REG_PENDING, 0);

        c.flags = SIPADV_CALL_CHALLENGED;
        r.challenges = 1;
        r.flags = SIPADV_CALL_CHALLENGED;
        sipadv_kpi_add(&k, &c);
        sipadv_kpi_add(&k, &r);
    }
    report(&k, rows);
    CHECK(k.calls == 2 && k.calls_in_setup == 0 && k.registrations_pending == 2);
    CHECK_RATIOS(rows,
                 { SIPADV_KPI_SER, 0, 2 },
                 { SIPADV_KPI_SEER, 0, 2 },
                 { SIPADV_KPI_ISA, 0, 2 },
                 { SIPADV_KPI_SCR, 0, 2 },
                 { SIPADV_KPI_ASR, 0, 2 },
                 { SIPADV_KPI_NER, 0, 2 },
                 { SIPADV_KPI_SRD_FAILURE, 0, 0 }, /* a challenge is no failure (RFC 6076 §4.3.2) */
                 { SIPADV_KPI_IRA, 0, 0 },
                 { SIPADV_KPI_RRD, 0, 0 });
}

static void
test_only_redirects(void)
{
    sipadv_kpi k = { 0 };
    sipadv_kpi_row rows[SIPADV_KPI_COUNT];

    for (int i = 0; i < 3; i++) {
        sipadv_call c = refused(i * 1000 * MS, NO, i * 1000 * MS + 20 * MS, 301 + i, SIPADV_OUTCOME_REDIRECTED);
        sipadv_kpi_add(&k, &c);
    }
    report(&k, rows);
    CHECK_RATIOS(rows,
                 { SIPADV_KPI_SER, 0, 0 }, /* RFC 6076 §4.6, §4.7: 3xx leave the denominator */
                 { SIPADV_KPI_SEER, 0, 0 },
                 { SIPADV_KPI_ASR, 0, 3 }, /* E.411: every seizure counts */
                 { SIPADV_KPI_NER, 0, 3 },
                 { SIPADV_KPI_ISA, 0, 3 },
                 { SIPADV_KPI_SCR, 0, 3 },
                 { SIPADV_KPI_SRD_SUCCESS, 0, 0 },
                 { SIPADV_KPI_SRD_FAILURE, 0, 0 });
}

static void
test_all_in_setup(void)
{
    sipadv_kpi k = { 0 };
    sipadv_kpi_row rows[SIPADV_KPI_COUNT];

    for (int i = 0; i < 3; i++) {
        sipadv_call c = record(SIPADV_KIND_CALL, i * 1000 * MS);
        c.provisional_ns = i * 1000 * MS + 50 * MS;   /* ringing, no final response yet */
        c.flags = SIPADV_CALL_PROVISIONAL;
        sipadv_kpi_add(&k, &c);
    }
    report(&k, rows);
    CHECK(k.calls == 3 && k.calls_in_setup == 3);
    for (int i = 0; i < SIPADV_KPI_COUNT; i++)
        check_ratio(rows, (ratio_case){ (sipadv_kpi_id)i, 0, 0 });
}

/* A call the capture's clock jumped in (clock.h) counts in the ratios, but gives no delay: its times are not comparable. */
static void
test_clock_jump(void)
{
    sipadv_kpi k = { 0 };
    sipadv_kpi_row rows[SIPADV_KPI_COUNT];
    sipadv_call c = ended_by_bye(answered(0, 50 * MS, 100 * MS), 900 * MS, 901 * MS, SIPADV_OUTCOME_COMPLETED);

    c.flags |= SIPADV_CALL_CLOCK_JUMP;
    sipadv_kpi_add(&k, &c);
    report(&k, rows);
    CHECK_RATIOS(rows, { SIPADV_KPI_SER, 1, 1 }, { SIPADV_KPI_SCR, 1, 1 });
    CHECK(!rows[SIPADV_KPI_SRD_SUCCESS].has_value && !rows[SIPADV_KPI_SDD].has_value &&
          !rows[SIPADV_KPI_SDT_SUCCESS].has_value);
}

/* Timers: Timer B counts as a 408 (ISA) but has no status-indicative response; no ACK ends it without BYE. */
static void
test_timeouts(void)
{
    sipadv_kpi k = { 0 };
    sipadv_kpi_row rows[SIPADV_KPI_COUNT];
    sipadv_call c = record(SIPADV_KIND_CALL, 0);

    c.outcome = SIPADV_OUTCOME_FAILED;
    c.flags = SIPADV_CALL_TIMEOUT;
    c.event_method = SIPADV_METHOD_INVITE;
    c.settled_ns = 32000 * MS;
    sipadv_kpi_add(&k, &c);
    c = answered(0, NO, 1000 * MS);
    c.outcome = SIPADV_OUTCOME_DROPPED;
    c.flags = SIPADV_CALL_TIMEOUT | SIPADV_CALL_ANSWER_RESENT;
    c.event_method = SIPADV_METHOD_ACK;
    c.end_ns = c.settled_ns = 33000 * MS;
    sipadv_kpi_add(&k, &c);
    /* An answered call ended by a BYE nobody answered in the capture; one whose session expired. */
    c = ended_by_bye(answered(0, NO, 1000 * MS), 5000 * MS, NO, SIPADV_OUTCOME_COMPLETED);
    sipadv_kpi_add(&k, &c);
    c = ended_by_bye(answered(0, NO, 1000 * MS), 91000 * MS, 91001 * MS, SIPADV_OUTCOME_DROPPED);
    c.flags = SIPADV_CALL_SESSION_EXPIRED;
    sipadv_kpi_add(&k, &c);
    report(&k, rows);
    CHECK_RATIOS(rows,
                 { SIPADV_KPI_ISA, 1, 4 },
                 { SIPADV_KPI_SER, 3, 4 },
                 { SIPADV_KPI_SCR, 0, 4 },
                 { SIPADV_KPI_SRD_FAILURE, 0, 0 });
    check_delay(&k, rows, SIPADV_KPI_SDT_FAILURE, 1, 32000 * MS, 32000 * MS, 32000 * MS);
    check_delay(&k, rows, SIPADV_KPI_SDT_SUCCESS, 2, 94000 * MS, 4000 * MS, 90000 * MS);
    check_delay(&k, rows, SIPADV_KPI_SDD, 1, 1 * MS, 1 * MS, 1 * MS);
}

/* Merging two accumulators gives what one accumulator of both sets of records gives. */
static void
test_merge(void)
{
    sipadv_call calls[16], r;
    size_t n = calls_udp(calls);
    sipadv_kpi one = { 0 }, a = { 0 }, b = { 0 }, empty = { 0 };

    for (size_t i = 0; i < n; i++) {
        sipadv_kpi_add(&one, &calls[i]);
        sipadv_kpi_add(i % 3 == 0 ? &a : &b, &calls[i]);
    }
    r = registration(0, 101 * MS, SIPADV_REG_REGISTERED, 200);
    sipadv_kpi_add(&one, &r);
    sipadv_kpi_add(&b, &r);
    r = registration(0, 7 * MS, SIPADV_REG_REGISTERED, 200);
    sipadv_kpi_add(&one, &r);
    sipadv_kpi_add(&a, &r);
    sipadv_kpi_merge(&a, &b);
    CHECK(memcmp(&a, &one, sizeof a) == 0);
    CHECK(a.kpi[SIPADV_KPI_RRD].min_ns == 7 * MS && a.kpi[SIPADV_KPI_RRD].max_ns == 101 * MS);
    sipadv_kpi_merge(&a, &empty);
    CHECK(memcmp(&a, &one, sizeof a) == 0);
    sipadv_kpi_merge(&empty, &one);
    CHECK(memcmp(&empty, &one, sizeof one) == 0);
}

/* The call analysis itself, fed messages (call_scenario.h), gives the records the KPIs count. */
static void
test_from_messages(void)
{
    scenario s = { sipadv_calls_new(500 * MS, 2000 * MS, 21), 0, 0 };
    sipadv_kpi k = { 0 };
    sipadv_kpi_row rows[SIPADV_KPI_COUNT];

    /* Completed: rings at 105 ms, answered, caller's BYE after 3 s answered in 2 ms. */
    INVITE(&s, 0, 1, NULL);
    RESP(&s, 5, "callee", "100 Trying", 1, "INVITE", "B", NULL);
    RESP(&s, 100, "callee", "180 Ringing", 1, "INVITE", "B", NULL);
    RESP(&s, 1000, "callee", "200 OK", 1, "INVITE", "B", NULL);
    send_msg(&s, 1, "ue", false, "ACK sip:b@x SIP/2.0", 1, "ACK", "A", "B", NULL);
    send_msg(&s, 2999, "ue", false, "BYE sip:b@x SIP/2.0", 2, "BYE", "A", "B", NULL);
    RESP(&s, 2, "callee", "200 OK", 2, "BYE", "B", NULL);
    /* Busy after 50 ms. */
    INVITE(&s, 60000, 10, NULL);
    RESP(&s, 50, "callee", "486 Busy Here", 10, "INVITE", "B", NULL);
    /* Challenged, then rings 120 ms after the first INVITE; the callee's BYE answered in 3 ms. */
    INVITE(&s, 60000, 20, NULL);
    RESP(&s, 10, "callee", "407 Proxy Authentication Required", 20, "INVITE", "B", NULL);
    INVITE(&s, 10, 21, NULL);
    RESP(&s, 100, "callee", "180 Ringing", 21, "INVITE", "B", NULL);
    RESP(&s, 400, "callee", "200 OK", 21, "INVITE", "B", NULL);
    send_msg(&s, 2000, "ue", false, "BYE sip:a@x SIP/2.0", 5, "BYE", "B", "A", NULL);
    send_msg(&s, 3, "ue", false, "SIP/2.0 200 OK", 5, "BYE", "B", "A", NULL);
    /* Redirected; failed by a 503 after 30 ms; answered after 50 ms and still up. */
    INVITE(&s, 60000, 30, NULL);
    RESP(&s, 20, "callee", "302 Moved Temporarily", 30, "INVITE", "B", NULL);
    INVITE(&s, 60000, 40, NULL);
    RESP(&s, 30, "callee", "503 Service Unavailable", 40, "INVITE", "B", NULL);
    INVITE(&s, 60000, 50, NULL);
    RESP(&s, 50, "callee", "200 OK", 50, "INVITE", "B", NULL);
    /* A registration with one challenge round: 100 ms from the first REGISTER to the 200. */
    send_msg(&s, 1000, "ue", false, "REGISTER sip:x SIP/2.0", 60, "REGISTER", "R", NULL, NULL);
    send_msg(&s, 20, "ue", false, "SIP/2.0 401 Unauthorized", 60, "REGISTER", "R", "S", NULL);
    send_msg(&s, 30, "ue", false, "REGISTER sip:x SIP/2.0", 61, "REGISTER", "R", NULL, NULL);
    send_msg(&s, 50, "ue", false, "SIP/2.0 200 OK", 61, "REGISTER", "R", "S", NULL);

    CHECK(sipadv_calls_count(s.calls) == 7);
    for (uint32_t i = 1; i <= sipadv_calls_count(s.calls); i++)
        sipadv_kpi_add(&k, sipadv_calls_get(s.calls, i));
    report(&k, rows);
    CHECK(k.calls == 6 && k.registrations == 1 && k.calls_in_setup == 0);
    CHECK_RATIOS(rows,
                 { SIPADV_KPI_SER, 3, 5 },
                 { SIPADV_KPI_SEER, 4, 5 },
                 { SIPADV_KPI_ASR, 3, 6 },
                 { SIPADV_KPI_NER, 4, 6 },
                 { SIPADV_KPI_ISA, 1, 6 },
                 { SIPADV_KPI_SCR, 2, 5 },
                 { SIPADV_KPI_IRA, 0, 1 });
    check_delay(&k, rows, SIPADV_KPI_SRD_SUCCESS, 3, 275 * MS, 50 * MS, 120 * MS);
    check_delay(&k, rows, SIPADV_KPI_SRD_FAILURE, 2, 80 * MS, 30 * MS, 50 * MS);
    check_delay(&k, rows, SIPADV_KPI_SDD, 2, 5 * MS, 2 * MS, 3 * MS);
    check_delay(&k, rows, SIPADV_KPI_SDT_SUCCESS, 2, 5000 * MS, 2000 * MS, 3000 * MS);
    check_delay(&k, rows, SIPADV_KPI_RRD, 1, 100 * MS, 100 * MS, 100 * MS);
    CHECK_RATIOS(rows, { SIPADV_KPI_SDT_FAILURE, 0, 0 });
    sipadv_calls_free(s.calls);
}

int
main(void)
{
    test_worked_example();
    test_registrations();
    test_worked_example_registrations();
    test_empty();
    test_only_challenges();
    test_only_redirects();
    test_all_in_setup();
    test_timeouts();
    test_clock_jump();
    test_merge();
    test_from_messages();
    return check_report();
}
