/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Integrity of the compiled knowledge tables: status codes, classes, messages, Q.850 causes, warn-codes. */
#include <stdbool.h>
#include <stdint.h>

#include "check.h"
#include "knowledge.h"
#include "sip_message.h"
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

/* Every cause value of ITU-T Q.850 Table 1 (with Addendum 1 and Amendment 1), written out independently. */
static const unsigned q850_causes[] = {
    1, 2, 3, 4, 5, 6, 7, 8, 9, 14, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
    34, 38, 39, 40, 41, 42, 43, 44, 46, 47, 49, 50, 53, 55, 57, 58, 62, 63, 65, 66, 69, 70, 79,
    81, 82, 83, 84, 85, 86, 87, 88, 90, 91, 95, 96, 97, 98, 99, 100, 101, 102, 103, 110, 111, 127,
};

/* IANA SIP warn-codes. */
static const unsigned warn_codes[] = { 300, 301, 302, 303, 304, 305, 306, 307, 308, 330, 331, 370, 380, 381, 399 };

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
        CHECK(nonempty(c->name.en) && strstr(c->label.en, c->name.en) && strstr(c->label.zh, c->name.zh));
        /* "5xx Server Failure" / "5xx 服务器失败": the class, then its name in that language only. */
        char want[128];
        snprintf(want, sizeof want, "%uxx %s", d, c->name.en);
        CHECK_MSG(strcmp(c->label.en, want) == 0, "%uxx English label \"%s\"", d, c->label.en);
        snprintf(want, sizeof want, "%uxx %s", d, c->name.zh);
        CHECK_MSG(strcmp(c->label.zh, want) == 0, "%uxx Chinese label \"%s\"", d, c->label.zh);
        CHECK(all_ascii_or_punct(c->label.en));
        CHECK(has_chinese(c->meaning.zh) && nonempty(c->meaning.en));
        CHECK_MSG(reference_well_formed(c->ref), "%uxx reference \"%s\"", d, c->ref);
        CHECK(strstr(c->ref, "RFC 3261 \302\2478.1.3.2") != NULL);
        check_guidance(d * 100, &c->guidance);
    }
    CHECK(strcmp(sipadv_class_lookup(503)->label.en, "5xx Server Failure") == 0);
    CHECK(strcmp(sipadv_class_lookup(503)->label.zh, "5xx \346\234\215\345\212\241\345\231\250\345\244\261\350\264\245") == 0);
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

/* True if s holds CJK or full-width punctuation (U+3000..U+303F, U+FF00..U+FFEF) or curly quotes. */
static bool
has_cjk_punct(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((p[0] == 0xE3 && p[1] == 0x80) || (p[0] == 0xEF && (p[1] == 0xBC || p[1] == 0xBD)) ||
            (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x9C || p[2] == 0x9D)))
            return true;
    }
    return false;
}

/*
 * True if the English text has no word to translate: outside its {placeholders}
 * every run of letters is a header name, which stays English in both languages.
 */
static bool
only_header_names(const char *en)
{
    for (const char *p = en; *p;) {
        if (*p == '{') {
            const char *close = strchr(p, '}');
            if (!close)
                return false;
            p = close + 1;
        } else if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
            const char *start = p;
            while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || *p == '-')
                p++;
            if (sipadv_header_lookup((const uint8_t *)start, (size_t)(p - start)) == SIPADV_HDR_OTHER)
                return false;
        } else {
            p++;
        }
    }
    return true;
}

static void
test_messages(void)
{
    for (int i = 0; i < SIPADV_MSG_COUNT; i++) {
        const sipadv_text *m = &sipadv_messages[i];
        CHECK_MSG(nonempty(m->en) && all_ascii_or_punct(m->en), "message %d en", i);
        /* A fragment such as ' (Warning {code} "{detail}")' has no word to translate: its punctuation is. */
        if (only_header_names(m->en))
            CHECK_MSG(strcmp(m->zh, m->en) != 0 && has_cjk_punct(m->zh), "message %d zh: \"%s\"", i, m->zh);
        else
            CHECK_MSG(has_chinese(m->zh), "message %d zh", i);
    }
    CHECK(only_header_names(" (Warning {code} \"{detail}\")"));
    CHECK(!only_header_names("{count} more Reason values not shown"));
    CHECK(!only_header_names("cause {detail}"));
    CHECK(reference_well_formed("RFC 3261 \302\24721.5.4; 3GPP TS 24.229 \302\2475.2.7"));
    CHECK(!reference_well_formed("RFC3261"));
    CHECK(!reference_well_formed("RFC 3261 \302\247"));
    CHECK(!reference_well_formed("RFC 3261 section 21"));
    CHECK(!reference_well_formed("RFC 3261 \302\24721.5.4;RFC 3262"));
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

/* Guidance by context (issue 11): each context the issue names picks its own row, and only there. */
static void
test_contexts(void)
{
    const unsigned initial = SIPADV_CTX_INITIAL, dialog = SIPADV_CTX_IN_DIALOG;
    const sipadv_context_info *reg = sipadv_context_lookup(200, SIPADV_METHOD_REGISTER, initial);
    const sipadv_context_info *inv = sipadv_context_lookup(200, SIPADV_METHOD_INVITE, initial);
    const sipadv_context_info *reinv = sipadv_context_lookup(200, SIPADV_METHOD_INVITE, dialog);
    const sipadv_context_info *md5 = sipadv_context_lookup(401, SIPADV_METHOD_REGISTER, initial | SIPADV_CTX_DIGEST);
    const sipadv_context_info *aka = sipadv_context_lookup(401, SIPADV_METHOD_REGISTER, initial | SIPADV_CTX_AKA);
    const sipadv_context_info *refused = sipadv_context_lookup(403, SIPADV_METHOD_REGISTER, initial | SIPADV_CTX_CREDENTIALS);
    const sipadv_context_info *fax = sipadv_context_lookup(488, SIPADV_METHOD_INVITE, dialog);

    CHECK(reg && inv && reinv && md5 && aka && refused && fax && inv != reinv && md5 != aka);
    /* Generic where nothing more is known, or the context has no row of its own. */
    CHECK(sipadv_context_lookup(488, SIPADV_METHOD_INVITE, initial) == NULL);
    CHECK(sipadv_context_lookup(488, SIPADV_METHOD_INVITE, 0) == NULL);
    CHECK(sipadv_context_lookup(403, SIPADV_METHOD_REGISTER, initial) == NULL);
    CHECK(sipadv_context_lookup(401, SIPADV_METHOD_REGISTER, initial) == NULL);
    CHECK(sipadv_context_lookup(486, SIPADV_METHOD_INVITE, initial) == NULL);
    CHECK(sipadv_context_lookup(481, SIPADV_METHOD_INVITE, initial) == NULL);
    CHECK(sipadv_context_lookup(481, SIPADV_METHOD_UPDATE, dialog) != NULL);
    CHECK(sipadv_context_lookup(481, SIPADV_METHOD_BYE, 0) != sipadv_context_lookup(481, SIPADV_METHOD_CANCEL, 0));
    /* Events, messages, queries: their own rows; 408 inside a dialog only. */
    CHECK(sipadv_context_lookup(200, SIPADV_METHOD_SUBSCRIBE, initial) && sipadv_context_lookup(200, SIPADV_METHOD_MESSAGE, initial) &&
          sipadv_context_lookup(200, SIPADV_METHOD_OPTIONS, initial) && sipadv_context_lookup(481, SIPADV_METHOD_NOTIFY, dialog));
    CHECK(sipadv_context_lookup(200, SIPADV_METHOD_NOTIFY, dialog) == NULL);
    CHECK(sipadv_context_lookup(408, SIPADV_METHOD_BYE, dialog) != NULL && sipadv_context_lookup(408, SIPADV_METHOD_INVITE, initial) == NULL &&
          sipadv_context_lookup(408, SIPADV_METHOD_REGISTER, initial) == NULL);
    if (reg && inv && reinv && md5 && aka && refused && fax) {
        CHECK(strstr(reg->guidance.steps_en[0], "expires") && !strstr(reg->guidance.full.en, "ACK"));
        CHECK(strstr(inv->guidance.steps_en[0], "ACK") && !strstr(inv->guidance.full.en, "REGISTER"));
        CHECK(!strstr(md5->guidance.full.en, "AKA") && !strstr(md5->meaning.en, "IMS") && strstr(aka->guidance.full.en, "auts"));
        CHECK(!strstr(refused->guidance.full.en, "HSS") && strstr(refused->meaning.en, "credentials"));
        CHECK(strstr(fax->meaning.en, "stays up") && strstr(fax->meaning.en, "§14.1"));
    }
    /* IMS-only steps ("IMS: ") stay out of the general guidance, which is renumbered. */
    if (reg) {
        CHECK(reg->guidance.ims_steps == 0xcu && reg->guidance.first_general == 0 && reg->guidance.general.en &&
              !strstr(reg->guidance.general.en, "P-Associated-URI") && !strstr(reg->guidance.general.en, "3)") &&
              strstr(reg->guidance.full.en, "4) IMS: ") && strstr(reg->guidance.general.zh, "2)"));
    }
    for (size_t i = 0; i < sipadv_context_table_len; i++) {
        const sipadv_context_info *c = &sipadv_context_table[i];
        CHECK_MSG(sipadv_status_lookup(c->code) != NULL, "context row of %u: not a registered code", c->code);
        CHECK_MSG(c->guidance.n_steps > 0 && c->guidance.steps_zh[0] && (c->meaning.en == NULL) == (c->meaning.zh == NULL),
                  "context row of %u", c->code);
    }
}

/* No IMS-only step or IMS meaning leaks into what other flows are shown. */
static void
check_general(const sipadv_text *general_meaning, const sipadv_guidance *g, unsigned code)
{
    CHECK_MSG(g->first_general < g->n_steps && !(g->ims_steps >> g->first_general & 1u), "%u: first general step", code);
    CHECK_MSG(strncmp(g->steps_en[g->first_general], "IMS: ", 5) != 0, "%u", code);
    CHECK_MSG(!g->general.en || (!strstr(g->general.en, "IMS: ") && !strstr(g->general.zh, "IMS\xef\xbc\x9a")), "%u", code);
    CHECK_MSG(!g->ims_steps == !g->general.en, "%u: general guidance exactly when a step is IMS-only", code);
    CHECK_MSG(!general_meaning->en || (!strstr(general_meaning->en, "IMS: ") && !strstr(general_meaning->zh, "IMS\xef\xbc\x9a")),
              "%u: general meaning", code);
}

static void
test_ims_only_parts(void)
{
    for (size_t i = 0; i < sipadv_status_table_len; i++)
        check_general(&sipadv_status_table[i].general_meaning, &sipadv_status_table[i].guidance, sipadv_status_table[i].code);
    for (size_t i = 0; i < sipadv_context_table_len; i++)
        check_general(&sipadv_context_table[i].general_meaning, &sipadv_context_table[i].guidance,
                      sipadv_context_table[i].code);
}

/* The advice on a refused offer: by feature, code and Warning, the most telling first. */
static void
test_offer_advice(void)
{
    const uint32_t audio = 1u << SIPADV_OFFER_AUDIO | 1u << SIPADV_OFFER_AMR_WB;
    const uint32_t fax = 1u << SIPADV_OFFER_T38;
    const uint32_t video = audio | 1u << SIPADV_OFFER_VIDEO | 1u << SIPADV_OFFER_H264;
    const unsigned w304[] = { 304 }, w370[] = { 370 };
    const sipadv_offer_advice *a;

    CHECK(sipadv_offer_refused_by(488) && sipadv_offer_refused_by(606) && sipadv_offer_refused_by(415) &&
          sipadv_offer_refused_by(380) && !sipadv_offer_refused_by(486) && !sipadv_offer_refused_by(200));
    a = sipadv_offer_advice_lookup(488, fax | audio, NULL, 0);
    CHECK(a && a->feature == SIPADV_OFFER_T38 && strstr(a->advice.en, "G.711 pass-through"));
    a = sipadv_offer_advice_lookup(488, audio, NULL, 0);
    CHECK(a && a->feature == SIPADV_OFFER_AUDIO && strstr(a->advice.en, "codecs"));
    a = sipadv_offer_advice_lookup(606, video, w304, 1);
    CHECK(a && a->feature == SIPADV_OFFER_VIDEO && a->warning == 304);
    a = sipadv_offer_advice_lookup(606, video, NULL, 0);
    CHECK(a && a->feature == SIPADV_OFFER_VIDEO && a->warning == 0);
    a = sipadv_offer_advice_lookup(488, audio | 1u << SIPADV_OFFER_BANDWIDTH, w370, 1);
    CHECK(a && a->feature == SIPADV_OFFER_BANDWIDTH);
    a = sipadv_offer_advice_lookup(488, audio | 1u << SIPADV_OFFER_BANDWIDTH, w304, 1);
    CHECK(a && a->feature == SIPADV_OFFER_AUDIO);
    a = sipadv_offer_advice_lookup(420, audio | 1u << SIPADV_OFFER_PRECONDITION, NULL, 0);
    CHECK(a && a->feature == SIPADV_OFFER_PRECONDITION);
    CHECK(sipadv_offer_advice_lookup(420, audio, NULL, 0) == NULL);
    CHECK(sipadv_offer_advice_lookup(486, audio, NULL, 0) == NULL);
    for (size_t i = 0; i < sipadv_offer_advice_table_len; i++)
        CHECK_MSG(sipadv_offer_advice_table[i].advice.zh && sipadv_offer_advice_table[i].n_codes > 0, "offer row %zu", i);
}

int
main(void)
{
    test_registry_coverage();
    test_rows();
    test_classes();
    test_seed_corrections();
    test_messages();
    test_q850_table();
    test_warning_table();
    test_cause_versus_status();
    test_contexts();
    test_offer_advice();
    test_ims_only_parts();
    return check_report();
}
