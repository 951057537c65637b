/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The expert rules (plugin/rules.h). */
#include <stdlib.h>
#include <string.h>

#include "gen.h"
#include "sip_message.h"

#define RULE_PLACEHOLDERS 0x3C1u  /* code, method, missing, other, phrase */

const char *const rule_columns[] = {
    "name", "codes", "methods", "when", "check", "severity", "clause", "text_en", "text_zh"
};
const int n_rule_columns = N_COLUMNS(rule_columns);

#define MAX_EXPERTS 64   /* experts fired are tracked in a 64-bit mask (plugin/rules.c) */

typedef struct {
    char name[64];
    char title[256];
    int  severity;
} expert_row;

int
parse_severity(const row *rw, const char *s)
{
    static const char *const names[] = { "warn", "note", "chat" };   /* sipadv_severity order */

    for (int i = 0; i < 3; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    die(rw->path, rw->line, "severity \"%s\" is not warn, note or chat", s);
    return -1;
}

static void
put_codes(FILE *out, const row *rw, char *spec)
{
    int n = 0;

    fputs("{ ", out);
    if (strcmp(spec, "*") != 0) {
        for (char *tok = strtok(spec, ","); tok; tok = strtok(NULL, ",")) {
            int lo, hi;
            char *dash = strchr(tok, '-');
            tok = trim(tok);
            if (strlen(tok) == 3 && tok[0] >= '1' && tok[0] <= '6' && strcmp(tok + 1, "xx") == 0) {
                lo = (tok[0] - '0') * 100;
                hi = lo + 99;
            } else if (dash && dash - tok == 3) {
                *dash = '\0';
                if (!is_digits(tok, 3) || !is_digits(dash + 1, 3))
                    die(rw->path, rw->line, "bad code range");
                lo = atoi(tok);
                hi = atoi(dash + 1);
            } else if (is_digits(tok, 3)) {
                lo = hi = atoi(tok);
            } else {
                die(rw->path, rw->line, "bad code item \"%s\"", tok);
                return;
            }
            if (lo < 100 || hi > 699 || lo > hi)
                die(rw->path, rw->line, "code item out of 100..699");
            if (n == 4)
                die(rw->path, rw->line, "more than 4 code items");
            fprintf(out, "{ %d, %d }, ", lo, hi);
            n++;
        }
    }
    fprintf(out, "%s}, %d,\n    ", n ? "" : "{ 0, 0 } ", n);
}

static void
put_methods(FILE *out, const row *rw, char *spec)
{
    int n = 0, negated = spec[0] == '!';

    fputs("{ ", out);
    if (strcmp(spec, "*") != 0) {
        for (char *tok = strtok(spec + negated, ","); tok; tok = strtok(NULL, ",")) {
            tok = trim(tok);
            for (const char *p = tok; *p; p++)
                if (*p < 'A' || *p > 'Z')
                    die(rw->path, rw->line, "method \"%s\" is not an upper-case token", tok);
            if (n == 4)
                die(rw->path, rw->line, "more than 4 methods");
            put_literal(out, tok);
            fputs(", ", out);
            n++;
        }
        if (n == 0)
            die(rw->path, rw->line, "no method");
    }
    fprintf(out, "%s}, %d, %s,\n    ", n ? "" : "NULL ", n, negated ? "true" : "false");
}

static const char *
parse_when(const row *rw, const char *s)
{
    if (strcmp(s, "-") == 0) return "0";
    if (strcmp(s, "to_tag") == 0) return "SIPADV_F_TO_TAG";
    if (strcmp(s, "require_100rel") == 0) return "SIPADV_F_REQUIRE_100REL";
    if (strcmp(s, "require_timer") == 0) return "SIPADV_F_REQUIRE_TIMER";
    die(rw->path, rw->line, "unknown condition \"%s\"", s);
    return NULL;
}

/* Writes "SIPADV_CHECK_X, headers" from "kind" or "kind:Header,Header". */
static void
put_check(FILE *out, const row *rw, char *spec)
{
    static const struct { const char *name, *c; int needs_headers; } kinds[] = {
        { "absent", "SIPADV_CHECK_ABSENT", 1 },
        { "absent_all", "SIPADV_CHECK_ABSENT_ALL", 2 },
        { "absent_each", "SIPADV_CHECK_ABSENT_EACH", 2 },
        { "no_to_tag", "SIPADV_CHECK_NO_TO_TAG", 0 },
        { "always", "SIPADV_CHECK_ALWAYS", 0 },
        { "default_phrase", "SIPADV_CHECK_DEFAULT_PHRASE", 0 },
        { "phrase_other_code", "SIPADV_CHECK_PHRASE_OTHER_CODE", 0 },
        { "not_number", "SIPADV_CHECK_NOT_NUMBER", 1 },
        { "repeated", "SIPADV_CHECK_REPEATED", 2 },
    };
    char *colon = strchr(spec, ':');
    unsigned long long mask = 0;
    int n = 0;
    size_t k;

    if (colon)
        *colon = '\0';
    for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        if (strcmp(spec, kinds[k].name) == 0)
            break;
    if (k == sizeof kinds / sizeof kinds[0])
        die(rw->path, rw->line, "unknown check \"%s\"", spec);
    if (colon) {
        for (char *tok = strtok(colon + 1, ","); tok; tok = strtok(NULL, ",")) {
            sipadv_header_id id;
            tok = trim(tok);
            id = sipadv_header_lookup((const uint8_t *)tok, strlen(tok));
            if (id == SIPADV_HDR_OTHER || strcmp(sipadv_header_name(id), tok) != 0)
                die(rw->path, rw->line, "header \"%s\" is not one the engine knows (plugin/sip_message.c)", tok);
            mask |= 1ULL << id;
            n++;
        }
    }
    if ((kinds[k].needs_headers == 0 && n) || (kinds[k].needs_headers == 1 && n != 1) ||
        (kinds[k].needs_headers == 2 && n < 1))
        die(rw->path, rw->line, "check \"%s\" takes %s", kinds[k].name,
            kinds[k].needs_headers == 0 ? "no header" : kinds[k].needs_headers == 1 ? "one header" : "headers");
    fprintf(out, "%s, 0x%llxULL,\n    ", kinds[k].c, mask);
}

void
write_rules(FILE *out, FILE *hdr, const char *path)
{
    static expert_row experts[MAX_EXPERTS];
    table_reader r;
    row rw;
    int n_rules = 0, n_experts = 0;

    open_table(&r, path, rule_columns, n_rule_columns);
    fputs("const sipadv_rule sipadv_rules[] = {\n", out);
    while (next_row(&r, &rw)) {
        int e, severity = parse_severity(&rw, rw.cell[5]);
        const char *name = rw.cell[0];

        for (const char *p = name; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || *p == '_' || (*p >= '0' && *p <= '9')))
                die(path, rw.line, "name \"%s\" is not lower_case", name);
        if (strlen(name) >= sizeof experts[0].name)
            die(path, rw.line, "name too long");
        for (e = 0; e < n_experts; e++)
            if (strcmp(experts[e].name, name) == 0)
                break;
        if (e == n_experts) {
            if (n_experts == MAX_EXPERTS)
                die(path, rw.line, "more than %d rule experts", MAX_EXPERTS);
            strcpy(experts[e].name, name);
            experts[e].severity = severity;
            snprintf(experts[e].title, sizeof experts[e].title, "%s", rw.cell[7]);
            n_experts++;
        } else if (experts[e].severity != severity) {
            die(path, rw.line, "rows of %s differ in severity; one expert has one severity", name);
        }
        if (placeholder_mask(&rw, rw.cell[7]) != placeholder_mask(&rw, rw.cell[8]))
            die(path, rw.line, "English and Chinese use different placeholders");
        if (placeholder_mask(&rw, rw.cell[7]) & ~RULE_PLACEHOLDERS)
            die(path, rw.line, "placeholder not available in rules");

        fprintf(out, "  { %d, ", e);
        put_codes(out, &rw, rw.cell[1]);
        put_methods(out, &rw, rw.cell[2]);
        fprintf(out, "%s, ", parse_when(&rw, rw.cell[3]));
        put_check(out, &rw, rw.cell[4]);
        put_literal(out, rw.cell[6]);
        fputs(",\n    ", out);
        put_text(out, rw.cell[7], rw.cell[8]);
        fputs(" },\n", out);
        n_rules++;
    }
    fprintf(out, "};\nconst size_t sipadv_rules_len = %d;\n\n", n_rules);
    fputs("const sipadv_rule_expert sipadv_rule_experts[] = {\n", out);
    for (int e = 0; e < n_experts; e++) {
        fputs("  { \"sipadv.\" ", out);
        put_literal(out, experts[e].name);
        fputs(", ", out);
        put_literal(out, experts[e].name);
        fputs(", ", out);
        put_literal(out, experts[e].title);
        fprintf(out, ", %d },\n", experts[e].severity);
    }
    fprintf(out, "};\nconst size_t sipadv_rule_experts_len = %d;\n", n_experts);
    fprintf(hdr, "\n#define SIPADV_RULE_EXPERT_COUNT %d\n", n_experts);
    close_table(&r);
}
