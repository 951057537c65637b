/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The status codes, classes and message texts (plugin/knowledge.h, sipadv_tables.h). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"
#include "sip_message.h"


/*
 * Both tables end alike from column k on: name or hint (en, zh), meaning (en, zh),
 * guidance (en, zh), reference; written as the rest of the initializer.
 */
static void
put_explanation(FILE *out, row *rw, int k)
{
    fputs(",\n    ", out);
    put_text(out, rw->cell[k], rw->cell[k + 1]);
    fputs(",\n    ", out);
    put_meaning(out, rw, rw->cell[k + 2], rw->cell[k + 3]);
    fputs(",\n    ", out);
    put_guidance(out, rw, rw->cell[k + 4], rw->cell[k + 5]);
    fputs(",\n    ", out);
    put_literal(out, rw->cell[k + 6]);
    fputs(" },\n", out);
}

static const char *const status_columns[] = {
    "code", "class", "reason", "short_en", "short_zh", "meaning_en",
    "meaning_zh", "guidance_en", "guidance_zh", "ref"
};
static const char *const class_columns[] = {
    "class", "name_en", "name_zh", "meaning_en", "meaning_zh",
    "guidance_en", "guidance_zh", "ref"
};

static const char *const message_columns[] = { "id", "en", "zh" };

void
write_classes(FILE *out, const char *path)
{
    table_reader r;
    row rw;
    int count = 0, seen[10] = { 0 };

    open_table(&r, path, class_columns, N_COLUMNS(class_columns));
    fputs("const sipadv_class_info sipadv_class_table[] = {\n", out);
    while (next_row(&r, &rw)) {
        char label_en[512], label_zh[512];
        const char *c = rw.cell[0];
        if (strlen(c) != 3 || c[0] < '1' || c[0] > '6' || strcmp(c + 1, "xx") != 0)
            die(path, rw.line, "class \"%s\" is not 1xx..6xx", c);
        if (seen[c[0] - '0']++)
            die(path, rw.line, "class %s listed twice", c);
        if (c[0] - '0' != count + 1)
            die(path, rw.line, "classes must be in order 1xx..6xx (the plugin searches them)");
        snprintf(label_en, sizeof label_en, "%s %s", c, rw.cell[1]);
        snprintf(label_zh, sizeof label_zh, "%s %s", c, rw.cell[2]);
        fprintf(out, "  { %c, ", c[0]);
        put_text(out, label_en, label_zh);
        put_explanation(out, &rw, 1);
        count++;
    }
    if (count != 6)
        die(path, r.line, "%d classes, expected 1xx..6xx", count);
    fprintf(out, "};\nconst size_t sipadv_class_table_len = %d;\n\n", count);
    close_table(&r);
}

void
write_statuses(FILE *out, const char *path)
{
    table_reader r;
    row rw;
    int count = 0, last = 0;

    open_table(&r, path, status_columns, N_COLUMNS(status_columns));
    fputs("const sipadv_status_info sipadv_status_table[] = {\n", out);
    while (next_row(&r, &rw)) {
        int code;
        if (!is_digits(rw.cell[0], 3) || (code = atoi(rw.cell[0])) < 100 || code > 699)
            die(path, rw.line, "code \"%s\" is not 100..699", rw.cell[0]);
        if (code <= last)
            die(path, rw.line, "code %d out of order or repeated", code);
        if (strlen(rw.cell[1]) != 3 || rw.cell[1][0] != rw.cell[0][0] || strcmp(rw.cell[1] + 1, "xx") != 0)
            die(path, rw.line, "class \"%s\" does not match code %d", rw.cell[1], code);
        last = code;
        fprintf(out, "  { %d, ", code);
        put_literal(out, rw.cell[2]);
        put_explanation(out, &rw, 3);
        count++;
    }
    if (count == 0)
        die(path, r.line, "no status codes");
    fprintf(out, "};\nconst size_t sipadv_status_table_len = %d;\n\n", count);
    close_table(&r);
}

void
write_messages(FILE *out, FILE *hdr, const char *path)
{
    table_reader r;
    row rw;

    open_table(&r, path, message_columns, N_COLUMNS(message_columns));
    fputs("typedef enum {\n", hdr);
    fputs("const sipadv_text sipadv_messages[] = {\n", out);
    while (next_row(&r, &rw)) {
        for (const char *p = rw.cell[0]; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || *p == '_'))
                die(path, rw.line, "id \"%s\" is not lower_case", rw.cell[0]);
        if (placeholder_mask(&rw, rw.cell[1]) != placeholder_mask(&rw, rw.cell[2]))
            die(path, rw.line, "English and Chinese use different placeholders");
        if (placeholder_mask(&rw, rw.cell[1]) & ~message_placeholders())
            die(path, rw.line, "placeholder not available in messages");
        fputs("    SIPADV_MSG_", hdr);
        for (const char *p = rw.cell[0]; *p; p++)
            fputc(toupper((unsigned char)*p), hdr);
        fputs(",\n", hdr);
        fputs("  ", out);
        put_text(out, rw.cell[1], rw.cell[2]);
        fputs(",\n", out);
    }
    fputs("    SIPADV_MSG_COUNT\n} sipadv_msg_id;\n\n"
          "extern const sipadv_text sipadv_messages[SIPADV_MSG_COUNT];\n", hdr);
    fputs("};\n", out);
    close_table(&r);
}

/* A table with one row per word of a vocabulary.h list, in its order: the C enum and the table cannot drift apart. */
static void
expect_row(const row *rw, const char *what, const char *const *names, int n_names, int n)
{
    if (n >= n_names || strcmp(rw->cell[0], names[n]) != 0)
        die(rw->path, rw->line, "expected the row of %s \"%s\" here (plugin/vocabulary.h order)", what,
            n < n_names ? names[n] : "(none: all are listed)");
}

static void
expect_all_rows(const table_reader *r, const char *what, const char *const *names, int n_names, int n)
{
    if (n != n_names)
        die(r->path, r->line, "%s \"%s\" has no row", what, names[n]);
}

static const char *const outcome_columns[] = { "outcome", "hint_en", "hint_zh", "diagnosis_en", "diagnosis_zh" };

/* One row per outcome of vocabulary.h, in its order. */
static void
write_outcome_table(FILE *out, FILE *hdr, const char *path, const char *array, const char *count,
                    const char *const *names, int n_names)
{
    table_reader r;
    row rw;
    int n = 0;

    open_table(&r, path, outcome_columns, N_COLUMNS(outcome_columns));
    fprintf(out, "const sipadv_outcome_text %s[] = {\n", array);
    while (next_row(&r, &rw)) {
        expect_row(&rw, "outcome", names, n_names, n);
        for (int c = 1; c <= 3; c += 2)
            if (placeholder_mask(&rw, rw.cell[c]) != placeholder_mask(&rw, rw.cell[c + 1]))
                die(path, rw.line, "English and Chinese use different placeholders");
        if ((placeholder_mask(&rw, rw.cell[1]) | placeholder_mask(&rw, rw.cell[3])) & ~message_placeholders())
            die(path, rw.line, "placeholder not available in outcomes");
        fputs("  { ", out);
        put_literal(out, rw.cell[0]);
        fputs(", ", out);
        put_text(out, rw.cell[1], rw.cell[2]);
        fputs(", ", out);
        put_text(out, rw.cell[3], rw.cell[4]);
        fputs(" },\n", out);
        n++;
    }
    expect_all_rows(&r, "outcome", names, n_names, n);
    fputs("};\n", out);
    fprintf(hdr, "extern const sipadv_outcome_text %s[%s];\n", array, count);
    close_table(&r);
}

void
write_outcomes(FILE *out, FILE *hdr, const char *calls_path, const char *registrations_path)
{
#define OUTCOME_NAME(e, name, doc) name,
    static const char *const calls[] = { SIPADV_OUTCOMES(OUTCOME_NAME) };
    static const char *const registrations[] = { SIPADV_REG_OUTCOMES(OUTCOME_NAME) };

    write_outcome_table(out, hdr, calls_path, "sipadv_outcomes", "SIPADV_OUTCOME_COUNT", calls, SIPADV_OUTCOME_COUNT);
    write_outcome_table(out, hdr, registrations_path, "sipadv_reg_outcomes", "SIPADV_REG_OUTCOME_COUNT",
                        registrations, SIPADV_REG_OUTCOME_COUNT);
}

static const char *const kpi_columns[] = { "kpi", "abbrev", "name_en", "name_zh" };

/* One row per KPI of vocabulary.h, in its order, as for the outcomes. */
void
write_kpis(FILE *out, FILE *hdr, const char *path)
{
#define KPI_ID(e, id, kind, unit, source) id,
    static const char *const ids[] = { SIPADV_KPIS(KPI_ID) };
    table_reader r;
    row rw;
    int n = 0;

    open_table(&r, path, kpi_columns, N_COLUMNS(kpi_columns));
    fputs("const sipadv_kpi_text sipadv_kpi_texts[] = {\n", out);
    while (next_row(&r, &rw)) {
        expect_row(&rw, "KPI", ids, SIPADV_KPI_COUNT, n);
        fputs("  { ", out);
        put_literal(out, rw.cell[1]);
        fputs(", ", out);
        put_text(out, rw.cell[2], rw.cell[3]);
        fputs(" },\n", out);
        n++;
    }
    expect_all_rows(&r, "KPI", ids, SIPADV_KPI_COUNT, n);
    fputs("};\n", out);
    fputs("extern const sipadv_kpi_text sipadv_kpi_texts[SIPADV_KPI_COUNT];\n", hdr);
    close_table(&r);
}

static const char *const context_columns[] = { "code",        "methods",     "when",       "meaning_en",
                                               "meaning_zh",  "guidance_en", "guidance_zh" };

#define CONTEXT_NAME(e, name, doc) name,
static const char *const context_names[] = { SIPADV_CONTEXTS(CONTEXT_NAME) };

/* The method mask of a "methods" cell: "*" or a comma list of methods the plugin knows. */
static unsigned
context_methods(const row *rw, char *spec)
{
    unsigned mask = 0;

    if (strcmp(spec, "*") == 0)
        return ~0u;
    char *items[SIPADV_METHOD_OTHER];
    int n = split_list(rw, spec, items, SIPADV_METHOD_OTHER);

    for (int i = 0; i < n; i++) {
        sipadv_method m = sipadv_method_lookup((const uint8_t *)items[i], strlen(items[i]));
        if (m == SIPADV_METHOD_NONE || m == SIPADV_METHOD_OTHER)
            die(rw->path, rw->line, "method \"%s\" is not one the plugin knows (plugin/sip_message.h)", items[i]);
        mask |= 1u << m;
    }
    return mask;
}

/* The "when" cell: "-", or context words separated by spaces, each perhaps negated with "!". */
static void
context_when(const row *rw, char *spec, unsigned *when, unsigned *unless)
{
    *when = *unless = 0;
    if (strcmp(spec, "-") == 0)
        return;
    for (char *tok = spec, *next; tok; tok = next) {
        int negated, i;
        if ((next = strchr(tok, ' ')) != NULL)
            *next++ = '\0';
        negated = tok[0] == '!';
        i = word_of(rw, tok + negated, context_names, SIPADV_CONTEXT_COUNT, "context");
        *(negated ? unless : when) |= 1u << i;
    }
    if (*when & *unless)
        die(rw->path, rw->line, "a context both required and excluded");
}

/*
 * Rows in file order, the first that fits a response winning (knowledge.c):
 * a row that an earlier one of its code always beats is an error.
 */
void
write_contexts(FILE *out, const char *path)
{
    enum { MAX_CONTEXT_ROWS = 128 };
    static struct { int code, line; unsigned methods, when, unless; } kept[MAX_CONTEXT_ROWS];
    table_reader r;
    row rw;
    int count = 0;

    open_table(&r, path, context_columns, N_COLUMNS(context_columns));
    fputs("const sipadv_context_info sipadv_context_table[] = {\n", out);
    while (next_row(&r, &rw)) {
        int code;
        unsigned methods, when, unless;
        if (!is_digits(rw.cell[0], 3) || (code = atoi(rw.cell[0])) < 100 || code > 699)
            die(path, rw.line, "code \"%s\" is not 100..699", rw.cell[0]);
        if ((strcmp(rw.cell[3], "-") == 0) != (strcmp(rw.cell[4], "-") == 0))
            die(path, rw.line, "meaning: \"-\" in one language only");
        methods = context_methods(&rw, rw.cell[1]);
        context_when(&rw, rw.cell[2], &when, &unless);
        for (int i = 0; i < count; i++)
            if (kept[i].code == code && (methods & ~kept[i].methods) == 0 && (kept[i].when & ~when) == 0 &&
                (kept[i].unless & ~unless) == 0)
                die(path, rw.line, "never chosen: the row of line %d fits first wherever this one fits", kept[i].line);
        if (count == MAX_CONTEXT_ROWS)
            die(path, rw.line, "more than %d rows", MAX_CONTEXT_ROWS);
        kept[count].code = code;
        kept[count].line = rw.line;
        kept[count].methods = methods;
        kept[count].when = when;
        kept[count].unless = unless;
        fprintf(out, "  { %d, 0x%xu, 0x%xu, 0x%xu,\n    ", code, when, unless, methods);
        if (strcmp(rw.cell[3], "-") == 0)
            fputs("{ NULL, NULL }, { NULL, NULL }", out);
        else
            put_meaning(out, &rw, rw.cell[3], rw.cell[4]);
        fputs(",\n    ", out);
        put_guidance(out, &rw, rw.cell[5], rw.cell[6]);
        fputs(" },\n", out);
        count++;
    }
    if (count == 0)
        die(path, r.line, "no rows");
    fprintf(out, "};\nconst size_t sipadv_context_table_len = %d;\n\n", count);
    close_table(&r);
}

static const char *const offer_columns[] = { "feature", "codes", "warning", "advice_en", "advice_zh" };

#define OFFER_NAME(e, name, doc) name,
static const char *const offer_names[] = { SIPADV_OFFER_FEATURES(OFFER_NAME) };

/* Rows in file order, the first that fits winning (knowledge.c). */
void
write_offer_advice(FILE *out, const char *path)
{
    table_reader r;
    row rw;
    int count = 0;

    open_table(&r, path, offer_columns, N_COLUMNS(offer_columns));
    fputs("const sipadv_offer_advice sipadv_offer_advice_table[] = {\n", out);
    while (next_row(&r, &rw)) {
        int feature, n, warning = 0, code[SIPADV_OFFER_ADVICE_CODES];
        char *items[SIPADV_OFFER_ADVICE_CODES];
        feature = word_of(&rw, rw.cell[0], offer_names, SIPADV_OFFER_COUNT, "offer feature");
        if (strcmp(rw.cell[2], "-") != 0 && (!is_digits(rw.cell[2], 3) || (warning = atoi(rw.cell[2])) < 300))
            die(path, rw.line, "warning \"%s\" is not \"-\" or a warn-code 300..999", rw.cell[2]);
        n = split_list(&rw, rw.cell[1], items, SIPADV_OFFER_ADVICE_CODES);
        for (int i = 0; i < n; i++) {
            if (!is_digits(items[i], 3) || (code[i] = atoi(items[i])) < 300 || code[i] > 699)
                die(path, rw.line, "code \"%s\" is not a failure code 300..699", items[i]);
        }
        fprintf(out, "  { %d, %d, %d, {", feature, n, warning);
        for (int i = 0; i < n; i++)
            fprintf(out, " %d,", code[i]);
        fputs(" },\n    ", out);
        put_text(out, rw.cell[3], rw.cell[4]);
        fputs(" },\n", out);
        count++;
    }
    if (count == 0)
        die(path, r.line, "no rows");
    fprintf(out, "};\nconst size_t sipadv_offer_advice_table_len = %d;\n\n", count);
    close_table(&r);
}
