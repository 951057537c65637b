/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Integrity of the compiled knowledge tables. */
#include <stdbool.h>
#include <stdint.h>

#include "check.h"
#include "knowledge.h"
#include "sipadv_tables.h"

/* The IANA "Response Codes" registry of the SIP Parameters, written out independently of tables/. */
static const unsigned iana_codes[] = {
    100, 180, 181, 182, 183, 199,
    200, 202, 204,
    300, 301, 302, 305, 380,
    400, 401, 402, 403, 404, 405, 406, 407, 408, 410, 412, 413, 414, 415, 416, 417, 420, 421,
    422, 423, 424, 425, 428, 429, 430, 433, 436, 437, 438, 439, 440, 469, 470, 480, 481, 482,
    483, 484, 485, 486, 487, 488, 489, 491, 493, 494,
    500, 501, 502, 503, 504, 505, 513, 555, 580,
    600, 603, 604, 606, 607, 608,
};

static bool
nonempty(const char *s)
{
    return s && s[0];
}

/* True if s holds a CJK Unified Ideograph (U+4E00..U+9FFF). */
static bool
has_chinese(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (p[0] >= 0xE4 && p[0] <= 0xE9 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80)
            return true;
    }
    return false;
}

static bool
all_ascii_or_punct(const char *s)
{
    return !has_chinese(s);
}

static const char *
skip_digits(const char *p, int *n)
{
    *n = 0;
    while (*p >= '0' && *p <= '9') {
        p++;
        (*n)++;
    }
    return p;
}

/* "RFC 3261 §21.5.4" or "3GPP TS 24.229 §5.2.7", several joined by "; ". */
static bool
reference_well_formed(const char *ref)
{
    const char *p = ref;
    int n;

    for (;;) {
        if (strncmp(p, "RFC ", 4) == 0) {
            p = skip_digits(p + 4, &n);
            if (n == 0 || n > 4)
                return false;
        } else if (strncmp(p, "3GPP TS ", 8) == 0) {
            p = skip_digits(p + 8, &n);
            if (n != 2 || *p++ != '.')
                return false;
            p = skip_digits(p, &n);
            if (n != 3)
                return false;
        } else {
            return false;
        }
        if (strncmp(p, " \302\247", 3) == 0) {   /* " §" */
            p += 3;
            if (*p >= 'A' && *p <= 'Z')          /* 3GPP annexes, e.g. §A.2.1 */
                p++;
            else if (p = skip_digits(p, &n), n == 0)
                return false;
            while (*p == '.') {
                p = skip_digits(p + 1, &n);
                if (n == 0)
                    return false;
            }
        }
        if (*p == '\0')
            return true;
        if (strncmp(p, "; ", 2) != 0)
            return false;
        p += 2;
    }
}

static void
check_guidance(unsigned code, const sipadv_guidance *g)
{
    CHECK_MSG(g->n_steps >= 1 && g->n_steps <= SIPADV_MAX_STEPS, "%u: %u guidance steps", code, g->n_steps);
    CHECK_MSG(nonempty(g->full.en) && all_ascii_or_punct(g->full.en), "%u: English guidance", code);
    CHECK_MSG(has_chinese(g->full.zh), "%u: Chinese guidance has no Chinese", code);
    for (unsigned i = 0; i < g->n_steps; i++) {
        CHECK_MSG(nonempty(g->steps_en[i]) && nonempty(g->steps_zh[i]), "%u: empty step %u", code, i + 1);
        CHECK_MSG(strstr(g->full.en, g->steps_en[i]) != NULL, "%u: step %u not in full text", code, i + 1);
    }
}

static void
test_registry_coverage(void)
{
    size_t n = sizeof iana_codes / sizeof iana_codes[0];

    CHECK_MSG(sipadv_status_table_len == n, "table has %zu codes, registry %zu",
              sipadv_status_table_len, n);
    for (size_t i = 0; i < n; i++) {
        int seen = 0;
        for (size_t j = 0; j < sipadv_status_table_len; j++)
            seen += sipadv_status_table[j].code == iana_codes[i];
        CHECK_MSG(seen == 1, "code %u appears %d times", iana_codes[i], seen);
        CHECK_MSG(sipadv_status_lookup(iana_codes[i]) != NULL, "lookup(%u) failed", iana_codes[i]);
    }
    for (size_t j = 1; j < sipadv_status_table_len; j++)
        CHECK(sipadv_status_table[j - 1].code < sipadv_status_table[j].code);
}

static void
test_rows(void)
{
    for (size_t j = 0; j < sipadv_status_table_len; j++) {
        const sipadv_status_info *s = &sipadv_status_table[j];
        const sipadv_class_info *c = sipadv_class_lookup(s->code);

        CHECK_MSG(c != NULL && c->digit == s->code / 100, "%u: class does not match", s->code);
        CHECK_MSG(nonempty(s->reason) && all_ascii_or_punct(s->reason), "%u: reason phrase", s->code);
        CHECK_MSG(nonempty(s->hint.en) && all_ascii_or_punct(s->hint.en), "%u: English hint", s->code);
        CHECK_MSG(strlen(s->hint.en) <= 60, "%u: hint longer than 60 bytes", s->code);
        CHECK_MSG(has_chinese(s->hint.zh), "%u: Chinese hint has no Chinese", s->code);
        CHECK_MSG(nonempty(s->meaning.en) && all_ascii_or_punct(s->meaning.en), "%u: English meaning", s->code);
        CHECK_MSG(has_chinese(s->meaning.zh), "%u: Chinese meaning has no Chinese", s->code);
        CHECK_MSG(reference_well_formed(s->ref), "%u: reference \"%s\"", s->code, s->ref);
        check_guidance(s->code, &s->guidance);
    }
}

static void
test_classes(void)
{
    static const char *const seed_names[] = { "临时应答", "成功", "重定向", "请求失败", "服务器失败", "全局性错误" };

    CHECK(sipadv_class_table_len == 6);
    for (unsigned d = 1; d <= 6; d++) {
        const sipadv_class_info *c = sipadv_class_lookup(d * 100 + 99);
        CHECK_MSG(c && c->digit == d, "no class %uxx", d);
        if (!c)
            continue;
        CHECK_MSG(strcmp(c->name.zh, seed_names[d - 1]) == 0, "%uxx Chinese name \"%s\"", d, c->name.zh);
        CHECK(nonempty(c->name.en) && strstr(c->label, c->name.en) && strstr(c->label, c->name.zh));
        CHECK(has_chinese(c->meaning.zh) && nonempty(c->meaning.en));
        CHECK_MSG(reference_well_formed(c->ref), "%uxx reference \"%s\"", d, c->ref);
        CHECK(strstr(c->ref, "RFC 3261 \302\2478.1.3.2") != NULL);
        check_guidance(d * 100, &c->guidance);
    }
    CHECK(sipadv_class_lookup(99) == NULL);
    CHECK(sipadv_class_lookup(700) == NULL);
    CHECK(sipadv_class_lookup(0) == NULL);
    CHECK(sipadv_status_lookup(499) == NULL);
    CHECK(sipadv_status_lookup(0) == NULL);
    CHECK(sipadv_status_lookup(99999) == NULL);
}

/* The seed document's mistakes stay fixed. */
static void
test_seed_corrections(void)
{
    const sipadv_status_info *s;

    s = sipadv_status_lookup(181);
    CHECK(s && strcmp(s->reason, "Call Is Being Forwarded") == 0);
    s = sipadv_status_lookup(183);
    CHECK(s && strcmp(s->reason, "Session Progress") == 0);
    s = sipadv_status_lookup(305);
    CHECK(s && strcmp(s->reason, "Use Proxy") == 0 && strstr(s->meaning.en, "Contact") && strstr(s->meaning.en, "proxy"));
    CHECK(s && strstr(s->meaning.zh, "用户代理") == NULL);
    s = sipadv_status_lookup(406);
    CHECK(s && strcmp(s->reason, "Not Acceptable") == 0);
    s = sipadv_status_lookup(420);
    CHECK(s && strcmp(s->reason, "Bad Extension") == 0);
    s = sipadv_status_lookup(513);
    CHECK(s && strcmp(s->reason, "Message Too Large") == 0);
    s = sipadv_status_lookup(503);
    CHECK(s && strcmp(s->reason, "Service Unavailable") == 0 && strstr(s->ref, "RFC 3261 \302\24721.5.4") == s->ref);
}

static void
test_messages(void)
{
    for (int i = 0; i < SIPADV_MSG_COUNT; i++) {
        CHECK_MSG(nonempty(sipadv_messages[i].en) && all_ascii_or_punct(sipadv_messages[i].en), "message %d en", i);
        CHECK_MSG(has_chinese(sipadv_messages[i].zh), "message %d zh", i);
    }
    CHECK(reference_well_formed("RFC 3261 \302\24721.5.4; 3GPP TS 24.229 \302\2475.2.7"));
    CHECK(!reference_well_formed("RFC3261"));
    CHECK(!reference_well_formed("RFC 3261 \302\247"));
    CHECK(!reference_well_formed("RFC 3261 section 21"));
    CHECK(!reference_well_formed("RFC 3261 \302\24721.5.4;RFC 3262"));
}

int
main(void)
{
    test_registry_coverage();
    test_rows();
    test_classes();
    test_seed_corrections();
    test_messages();
    return check_report();
}
