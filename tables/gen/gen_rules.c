/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The expert rules (plugin/rules.h). */
#include <stdlib.h>
#include <string.h>

#include "gen.h"
#include "rules.h"
#include "sip_message.h"

const char *const rule_columns[] = {
    "name", "codes", "methods", "when", "check", "severity", "group", "profile", "clause", "summary", "text_en", "text_zh"
};
const int n_rule_columns = N_COLUMNS(rule_columns);

typedef struct {
    char name[64];
    char summary[128];
    int  severity;
    int  group;
    int  profile;
} expert_row;

#define SEVERITY_NAME(e, name, doc) name,
#define SEVERITY_DOC(e, name, doc) doc,
static const char *const severity_names[] = { SIPADV_SEVERITIES(SEVERITY_NAME) };
#define GROUP_NAME(e, name, pi) name,
static const char *const group_names[] = { SIPADV_GROUPS(GROUP_NAME) };

const char *const severity_docs[] = { SIPADV_SEVERITIES(SEVERITY_DOC) };
#define PROFILE_NAME(e, name, doc) name,
#define PROFILE_DOC(e, name, doc) doc,
static const char *const profile_names[] = { SIPADV_PROFILES(PROFILE_NAME) };
const char *const profile_docs[] = { SIPADV_PROFILES(PROFILE_DOC) };

/* The index of a cell's word among the vocabulary's names for one column. */
int
word_of(const row *rw, const char *s, const char *const *names, int n, const char *column)
{
    for (int i = 0; i < n; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    die(rw->path, rw->line, "unknown %s \"%s\" (see plugin/vocabulary.h)", column, s);
    return -1;
}

static int
parse_group(const row *rw, const char *s)
{
    return word_of(rw, s, group_names, SIPADV_GROUP_COUNT, "group");
}

int
parse_profile(const row *rw, const char *s)
{
    return word_of(rw, s, profile_names, SIPADV_PROFILE_COUNT, "profile");
}

int
parse_severity(const row *rw, const char *s)
{
    return word_of(rw, s, severity_names, SIPADV_SEVERITY_COUNT, "severity");
}

/* A summary is registered with Wireshark as is: no placeholders, short enough for a column. */
static void
check_summary(const row *rw, const char *s)
{
    if (strchr(s, '{') || strchr(s, '}'))
        die(rw->path, rw->line, "summary \"%s\" has a brace: it is shown as is", s);
    if (strlen(s) == 0 || strlen(s) >= sizeof ((expert_row *)0)->summary)
        die(rw->path, rw->line, "summary empty or longer than %zu bytes", sizeof ((expert_row *)0)->summary - 1);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p >= 0x80)
            die(rw->path, rw->line, "summary must be English (ASCII): it is Wireshark's registered text");
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

#define CONDITION_NAME(e, name, doc) name,
static const char *const condition_names[] = { SIPADV_CONDITIONS(CONDITION_NAME) };

/* Writes the "when" and "when_not" masks of a "when" cell: "-", a condition name, or "!" and one. */
static void
put_when(FILE *out, const row *rw, const char *s)
{
    int negated = s[0] == '!';

    if (strcmp(s, "-") == 0) {
        fputs("0x0u, 0x0u, ", out);
        return;
    }
    for (int i = 0; i < SIPADV_CONDITION_COUNT; i++)
        if (strcmp(s + negated, condition_names[i]) == 0) {
            fprintf(out, negated ? "0x0u, 0x%xu, " : "0x%xu, 0x0u, ", 1u << i);
            return;
        }
    die(rw->path, rw->line, "unknown condition \"%s\" (see plugin/vocabulary.h)", s);
}

/* Writes "SIPADV_CHECK_X, headers" from "kind" or "kind:Header,Header". */
static void
put_check(FILE *out, const row *rw, char *spec)
{
#define CHECK_KIND(e, name, headers, doc) { name, "SIPADV_CHECK_" #e, headers },
    static const struct { const char *name, *c; int needs_headers; } kinds[] = { SIPADV_CHECKS(CHECK_KIND) };
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
    static expert_row experts[SIPADV_MAX_RULE_EXPERTS];
    table_reader r;
    row rw;
    int n_rules = 0, n_experts = 0;

    open_table(&r, path, rule_columns, n_rule_columns);
    fputs("const sipadv_rule sipadv_rules[] = {\n", out);
    while (next_row(&r, &rw)) {
        int e, severity = parse_severity(&rw, rw.cell[COL_SEVERITY]), group = parse_group(&rw, rw.cell[COL_GROUP]),
               profile = parse_profile(&rw, rw.cell[COL_PROFILE]);
        const char *name = rw.cell[COL_NAME];

        for (const char *p = name; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || *p == '_' || (*p >= '0' && *p <= '9')))
                die(path, rw.line, "name \"%s\" is not lower_case", name);
        if (strlen(name) >= sizeof experts[0].name)
            die(path, rw.line, "name too long");
        for (e = 0; e < n_experts; e++)
            if (strcmp(experts[e].name, name) == 0)
                break;
        check_summary(&rw, rw.cell[COL_SUMMARY]);
        if (e == n_experts) {
            if (n_experts == SIPADV_MAX_RULE_EXPERTS)
                die(path, rw.line, "more than %d rule experts", SIPADV_MAX_RULE_EXPERTS);
            strcpy(experts[e].name, name);
            experts[e].severity = severity;
            experts[e].group = group;
            experts[e].profile = profile;
            strcpy(experts[e].summary, rw.cell[COL_SUMMARY]);
            n_experts++;
        } else if (experts[e].group != group) {
            die(path, rw.line, "rows of %s differ in group; one expert has one group", name);
        } else if (experts[e].severity != severity) {
            die(path, rw.line, "rows of %s differ in severity; one expert has one severity", name);
        } else if (experts[e].profile != profile) {
            die(path, rw.line, "rows of %s differ in profile; one expert is raised in one profile", name);
        } else if (strcmp(experts[e].summary, rw.cell[COL_SUMMARY]) != 0) {
            die(path, rw.line, "rows of %s differ in summary; one expert has one summary", name);
        }
        for (int i = 0; i < e; i++)
            if (strcmp(experts[i].summary, rw.cell[COL_SUMMARY]) == 0)
                die(path, rw.line, "%s has the summary of %s: summaries tell experts apart", name, experts[i].name);
        if (placeholder_mask(&rw, rw.cell[COL_EN]) != placeholder_mask(&rw, rw.cell[COL_ZH]))
            die(path, rw.line, "English and Chinese use different placeholders");
        if (placeholder_mask(&rw, rw.cell[COL_EN]) & ~rule_placeholders())
            die(path, rw.line, "placeholder not available in rules");

        /* Flow rows are raised by the transaction analysis, which finds each by a generated name. */
        if (strcmp(rw.cell[COL_CHECK], "flow") == 0) {
            if (e != n_experts - 1)
                die(path, rw.line, "a flow expert has one row");
            fputs("#define SIPADV_RULE_", hdr);
            for (const char *p = name; *p; p++)
                fputc(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p, hdr);
            fprintf(hdr, " %d\n", n_rules);
        }
        fprintf(out, "  { %d, ", e);
        put_codes(out, &rw, rw.cell[COL_CODES]);
        put_methods(out, &rw, rw.cell[COL_METHODS]);
        put_when(out, &rw, rw.cell[COL_WHEN]);
        put_check(out, &rw, rw.cell[COL_CHECK]);
        put_literal(out, rw.cell[COL_CLAUSE]);
        fputs(",\n    ", out);
        put_text(out, rw.cell[COL_EN], rw.cell[COL_ZH]);
        fputs(" },\n", out);
        n_rules++;
    }
    fprintf(out, "};\nconst size_t sipadv_rules_len = %d;\n\n", n_rules);
    fprintf(hdr, "\n#define SIPADV_RULE_COUNT %d\n", n_rules);
    fputs("const sipadv_rule_expert sipadv_rule_experts[] = {\n", out);
    for (int e = 0; e < n_experts; e++) {
        fputs("  { \"sipadv.\" ", out);
        put_literal(out, experts[e].name);
        fputs(", ", out);
        put_literal(out, experts[e].name);
        fputs(", ", out);
        put_literal(out, experts[e].summary);
        fprintf(out, ", %d, %d, %d },\n", experts[e].severity, experts[e].group, experts[e].profile);
    }
    fprintf(out, "};\nconst size_t sipadv_rule_experts_len = %d;\n", n_experts);
    fprintf(hdr, "\n#define SIPADV_RULE_EXPERT_COUNT %d\n", n_experts);
    close_table(&r);
}
