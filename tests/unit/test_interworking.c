/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Q.850 and Warning tables, the cause/status cross-check, and the Reason, Warning and 3GPP body readers. */
#include <stdint.h>

#include "check.h"
#include "interworking.h"

/* Every cause value of ITU-T Q.850 Table 1 (with Addendum 1 and Amendment 1), written out independently. */
static const unsigned q850_causes[] = {
    1, 2, 3, 4, 5, 6, 7, 8, 9, 14, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
    34, 38, 39, 40, 41, 42, 43, 44, 46, 47, 49, 50, 53, 55, 57, 58, 62, 63, 65, 66, 69, 70, 79,
    81, 82, 83, 84, 85, 86, 87, 88, 90, 91, 95, 96, 97, 98, 99, 100, 101, 102, 103, 110, 111, 127,
};

/* IANA SIP warn-codes. */
static const unsigned warn_codes[] = { 300, 301, 302, 303, 304, 305, 306, 307, 308, 330, 331, 370, 380, 381, 399 };

static bool
has_chinese(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (p[0] >= 0xE4 && p[0] <= 0xE9 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80)
            return true;
    return false;
}

static bool
span_is(const char *text, sipadv_span s, const char *want)
{
    return s.len == strlen(want) && memcmp(text + s.off, want, s.len) == 0;
}

static void
test_q850_table(void)
{
    size_t n = sizeof q850_causes / sizeof q850_causes[0];

    CHECK_MSG(sipadv_q850_table_len == n, "%zu causes, Q.850 defines %zu", sipadv_q850_table_len, n);
    for (size_t i = 0; i < n; i++) {
        const sipadv_cause_info *c = sipadv_q850_lookup(q850_causes[i]);
        CHECK_MSG(c != NULL, "cause %u missing", q850_causes[i]);
        if (!c)
            continue;
        CHECK_MSG(c->name[0] && c->meaning.en[0] && !has_chinese(c->meaning.en), "cause %u English", c->cause);
        CHECK_MSG(has_chinese(c->meaning.zh) && has_chinese(c->guidance.full.zh), "cause %u Chinese", c->cause);
        CHECK_MSG(c->guidance.n_steps >= 1 && c->guidance.full.en[0], "cause %u guidance", c->cause);
    }
    CHECK(sipadv_q850_lookup(0) == NULL && sipadv_q850_lookup(12) == NULL && sipadv_q850_lookup(128) == NULL);
}

static void
test_warning_table(void)
{
    size_t n = sizeof warn_codes / sizeof warn_codes[0];

    CHECK(sipadv_warning_table_len == n);
    for (size_t i = 0; i < n; i++) {
        const sipadv_warning_info *w = sipadv_warning_lookup(warn_codes[i]);
        CHECK_MSG(w && w->text[0] && has_chinese(w->meaning.zh) && has_chinese(w->guidance.full.zh),
                  "warn-code %u", warn_codes[i]);
    }
    CHECK(strcmp(sipadv_warning_lookup(305)->text, "Incompatible media format") == 0);
    CHECK(strcmp(sipadv_warning_lookup(370)->text, "Insufficient bandwidth") == 0);
    CHECK(sipadv_warning_lookup(399) != NULL && sipadv_warning_lookup(398) == NULL);
}

static void
test_cause_versus_status(void)
{
    CHECK(sipadv_cause_contradicts(sipadv_q850_lookup(1), 486));    /* unallocated number on Busy Here */
    CHECK(!sipadv_cause_contradicts(sipadv_q850_lookup(1), 404));
    CHECK(!sipadv_cause_contradicts(sipadv_q850_lookup(17), 486));
    CHECK(sipadv_cause_contradicts(sipadv_q850_lookup(17), 404));   /* user busy on Not Found */
    CHECK(!sipadv_cause_contradicts(sipadv_q850_lookup(16), 487));  /* normal clearing goes with anything */
    CHECK(!sipadv_cause_contradicts(sipadv_q850_lookup(31), 500));
    CHECK(!sipadv_cause_contradicts(sipadv_q850_lookup(1), 183));   /* provisional: never */
    CHECK(!sipadv_cause_contradicts(NULL, 486));
    /* Every mapped cause allows at least one final status and lists only real codes. */
    for (size_t i = 0; i < sipadv_q850_table_len; i++) {
        const sipadv_cause_info *c = &sipadv_q850_table[i];
        for (size_t k = 0; c->statuses && k < c->n_statuses; k++)
            CHECK_MSG(c->statuses[k] >= 300 && c->statuses[k] <= 699, "cause %u lists %u", c->cause, c->statuses[k]);
        CHECK(c->statuses == NULL || c->n_statuses > 0);
    }
}

static void
test_reason_parsing(void)
{
    const char *v = "Q.850 ;cause=17 ;text=\"User busy\"";
    sipadv_reason_value r;

    CHECK(sipadv_parse_reason((const uint8_t *)v, (sipadv_span){ 0, strlen(v) }, &r));
    CHECK(r.kind == SIPADV_REASON_Q850 && r.has_cause && r.cause == 17);
    CHECK(span_is(v, r.text, "User busy") && span_is(v, r.protocol, "Q.850"));

    const char *s = "sip;cause=200;text=\"Call completed elsewhere\"";
    CHECK(sipadv_parse_reason((const uint8_t *)s, (sipadv_span){ 0, strlen(s) }, &r));
    CHECK(r.kind == SIPADV_REASON_SIP && r.cause == 200);

    const char *bad = "Q.850;cause=abc";
    CHECK(sipadv_parse_reason((const uint8_t *)bad, (sipadv_span){ 0, strlen(bad) }, &r));
    CHECK(r.kind == SIPADV_REASON_Q850 && !r.has_cause);
    const char *huge = "Q.850;cause=99999999999";
    CHECK(sipadv_parse_reason((const uint8_t *)huge, (sipadv_span){ 0, strlen(huge) }, &r) && !r.has_cause);
    const char *other = "RELEASE_CAUSE;cause=3";
    CHECK(sipadv_parse_reason((const uint8_t *)other, (sipadv_span){ 0, strlen(other) }, &r));
    CHECK(r.kind == SIPADV_REASON_OTHER && r.cause == 3);
    CHECK(!sipadv_parse_reason((const uint8_t *)";cause=1", (sipadv_span){ 0, 8 }, &r));
}

static void
test_warning_parsing(void)
{
    const char *v = "305 pcscf.ims.example \"Incompatible media format: AMR-WB only\"";
    sipadv_warning_value w;

    CHECK(sipadv_parse_warning((const uint8_t *)v, (sipadv_span){ 0, strlen(v) }, &w));
    CHECK(w.has_code && w.code == 305 && span_is(v, w.agent, "pcscf.ims.example"));
    CHECK(span_is(v, w.text, "Incompatible media format: AMR-WB only"));
    const char *bad = "30x agent \"t\"";
    CHECK(sipadv_parse_warning((const uint8_t *)bad, (sipadv_span){ 0, strlen(bad) }, &w) && !w.has_code);
    const char *lone = "399";
    CHECK(sipadv_parse_warning((const uint8_t *)lone, (sipadv_span){ 0, 3 }, &w) && w.code == 399 && w.text.len == 0);
}

static void
test_ims_body(void)
{
    const char *b = "<?xml version=\"1.0\"?>\n<ims-3gpp version=\"1\">\n <alternative-service>\n"
                    "  <type>emergency</type>\n  <reason>Emergency number</reason>\n"
                    "  <action>emergency-registration</action>\n </alternative-service>\n</ims-3gpp>\n";
    sipadv_ims_body ib;

    sipadv_parse_ims_body((const uint8_t *)b, (sipadv_span){ 0, strlen(b) }, &ib);
    CHECK(ib.found && span_is(b, ib.type, "emergency") && span_is(b, ib.reason, "Emergency number"));
    CHECK(span_is(b, ib.action, "emergency-registration"));

    const char *cut = "<ims-3gpp><alternative-service><type>restor";
    sipadv_parse_ims_body((const uint8_t *)cut, (sipadv_span){ 0, strlen(cut) }, &ib);
    CHECK(ib.type.len == 0 && ib.action.len == 0);
    sipadv_parse_ims_body((const uint8_t *)"v=0\r\n", (sipadv_span){ 0, 5 }, &ib);
    CHECK(!ib.found);
    sipadv_parse_ims_body((const uint8_t *)"", (sipadv_span){ 0, 0 }, &ib);
    CHECK(!ib.found);
}

static void
test_auth_params(void)
{
    const char *c = "Digest realm=\"ims.example\", nonce=\"a,b\",algorithm = AKAv1-MD5,qop=\"auth\"";
    sipadv_span v;

    CHECK(sipadv_auth_param((const uint8_t *)c, (sipadv_span){ 0, strlen(c) }, "algorithm", &v) && span_is(c, v, "AKAv1-MD5"));
    CHECK(sipadv_auth_param((const uint8_t *)c, (sipadv_span){ 0, strlen(c) }, "REALM", &v) && span_is(c, v, "ims.example"));
    CHECK(sipadv_auth_param((const uint8_t *)c, (sipadv_span){ 0, strlen(c) }, "nonce", &v) && span_is(c, v, "a,b"));
    CHECK(!sipadv_auth_param((const uint8_t *)c, (sipadv_span){ 0, strlen(c) }, "opaque", &v));
    CHECK(!sipadv_auth_param((const uint8_t *)"Digest", (sipadv_span){ 0, 6 }, "algorithm", &v));
}

static void
test_looks_ims(void)
{
    sipadv_response r;
    const char *ims = "SIP/2.0 200 OK\r\nFrom: <sip:+8613800000000@ims.mnc001.mcc460.3GPPNETWORK.ORG>;tag=1\r\n\r\n";
    const char *pani = "SIP/2.0 200 OK\r\nP-Access-Network-Info: 3GPP-E-UTRAN-FDD\r\n\r\n";
    const char *plain = "SIP/2.0 200 OK\r\nFrom: <sip:a@example.com>;tag=1\r\n\r\n";

    CHECK(sipadv_response_parse((const uint8_t *)ims, strlen(ims), &r) && sipadv_looks_ims((const uint8_t *)ims, &r));
    CHECK(sipadv_response_parse((const uint8_t *)pani, strlen(pani), &r) && sipadv_looks_ims((const uint8_t *)pani, &r));
    CHECK(sipadv_response_parse((const uint8_t *)plain, strlen(plain), &r) && !sipadv_looks_ims((const uint8_t *)plain, &r));
}

int
main(void)
{
    test_q850_table();
    test_warning_table();
    test_cause_versus_status();
    test_reason_parsing();
    test_warning_parsing();
    test_ims_body();
    test_auth_params();
    test_looks_ims();
    return check_report();
}
