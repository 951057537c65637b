/* SPDX-License-Identifier: GPL-2.0-or-later */
/* docs/rules.md, the rules reference, written from the same rows as the plugin's rules. */
#include <stdlib.h>
#include <string.h>

#include "gen.h"

static const char *const example_columns[] = { "name", "fires", "near_miss", "near_miss_why" };

static void
md_cell(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            fputs("\\|", out);
        else
            fputc(*s, out);
    }
}

static void
md_codes(FILE *out, const char *codes)
{
    if (strcmp(codes, "*") == 0)
        fputs("any response", out);
    else
        for (const char *p = codes; *p; p++)
            fputs(*p == ',' ? ", " : (char[]){ *p, 0 }, out);
}

static void
md_condition(FILE *out, row *rw)
{
#define CHECK_DOC(e, name, headers, doc) { name, doc },
#define CONDITION_DOC(e, name, doc) { name, doc },
    static const struct { const char *name, *en; } checks[] = { SIPADV_CHECKS(CHECK_DOC) },
                                                   conditions[] = { SIPADV_CONDITIONS(CONDITION_DOC) };
    const char *check = rw->cell[COL_CHECK], *colon = strchr(check, ':'), *when = rw->cell[COL_WHEN];
    size_t kind_len = colon ? (size_t)(colon - check) : strlen(check);

    if (strcmp(check, "flow") == 0) {
        fputs("any request or response, judged with the rest of its transaction", out);
        return;
    }
    md_codes(out, rw->cell[COL_CODES]);
    if (strcmp(rw->cell[COL_METHODS], "*") != 0)
        fprintf(out, rw->cell[COL_METHODS][0] == '!' ? " to a request other than %s" : " to %s",
                rw->cell[COL_METHODS] + (rw->cell[COL_METHODS][0] == '!'));
    /* the generator of the rules has already rejected names missing here */
    for (size_t i = 0; i < sizeof conditions / sizeof conditions[0]; i++)
        if (strcmp(when + (when[0] == '!'), conditions[i].name) == 0)
            fprintf(out, when[0] == '!' ? " unless %s" : " with %s", conditions[i].en);
    fputs("; fires when ", out);
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        if (strlen(checks[i].name) == kind_len && strncmp(check, checks[i].name, kind_len) == 0) {
            fputs(checks[i].en, out);
            break;
        }
    }
    if (colon)
        for (const char *p = colon + 1; *p; p++)
            fputs(*p == ',' ? ", " : (char[]){ *p, 0 }, out);
}

int
write_docs(const char *rules_path, const char *examples_path, const char *out_path)
{
    table_reader rules, examples;
    row rw, ex;
    FILE *out = fopen(out_path, "w");
    char last[64] = "";
    int n_examples = 0;

    if (!out)
        die(out_path, 0, "cannot write");
    open_table(&examples, examples_path, example_columns, 4);
    open_table(&rules, rules_path, rule_columns, n_rule_columns);
    fputs("<!-- Generated from tables/rules.tsv and tests/rule-examples.tsv by tables/gen (sipadv-gentables);\n"
          "     do not edit: change those files, then `cmake --build build --target rules-doc`. -->\n"
          "# sipadv rules reference\n\n"
          "Each rule is an expert info of its own, in group *Protocol*: filter on its name\n"
          "(`sipadv.missing_allow`), change its severity under *Edit › Preferences › Expert*,\n"
          "or switch it off under *Edit › Preferences › Protocols › SIPADV* (or `-o sipadv.<rule>:FALSE`).\n"
          "The preference *Profile* (`sipadv.profile`) chooses which rules are raised: *troubleshooting*\n"
          "(the default) raises what explains or predicts a failure and broken MUSTs; *conformance*\n"
          "raises every rule, SHOULD and MAY nits on flows that work too. Each rule says its profile.\n"
          "A MUST broken is a warning, a SHOULD a note, advice a chat. Every example frame\n"
          "below is checked by the test suite: the rule fires on it, and not on the near miss.\n"
          "Clause wording and grading are recorded in `docs/rules-clauses.md`.\n\n", out);
    while (next_row(&rules, &rw)) {
        if (strcmp(last, rw.cell[COL_NAME]) != 0) {
            if (!next_row(&examples, &ex) || strcmp(ex.cell[0], rw.cell[COL_NAME]) != 0)
                die(examples_path, examples.line, "expected the example row of %s here (rules.tsv order)", rw.cell[COL_NAME]);
            n_examples++;
            snprintf(last, sizeof last, "%s", rw.cell[COL_NAME]);
            fprintf(out, "## `sipadv.%s`: %s\n\n", rw.cell[COL_NAME], rw.cell[COL_SUMMARY]);
            fprintf(out, "Severity: %s. Profile: %s. Fires on: `%s`. Near miss: `%s` (%s).\n\n",
                    severity_docs[parse_severity(&rw, rw.cell[COL_SEVERITY])],
                    profile_docs[parse_profile(&rw, rw.cell[COL_PROFILE])], ex.cell[1], ex.cell[2], ex.cell[3]);
            fputs("| condition | why (English) | 为什么（中文） | clause |\n|---|---|---|---|\n", out);
        }
        fputs("| ", out);
        md_condition(out, &rw);
        fputs(" | ", out);
        md_cell(out, rw.cell[COL_EN]);
        fputs(" | ", out);
        md_cell(out, rw.cell[COL_ZH]);
        fputs(" | ", out);
        md_cell(out, rw.cell[COL_CLAUSE]);
        fputs(" |\n", out);
        /* the next row may continue this rule; the blank line comes with the next heading */
        if (rules.next && *rules.next) {
            char *peek = rules.next;
            size_t n = strlen(last);
            if (!(strncmp(peek, last, n) == 0 && peek[n] == '\t'))
                fputc('\n', out);
        }
    }
    if (next_row(&examples, &ex))
        die(examples_path, ex.line, "example for %s, which is no rule", ex.cell[0]);
    if (fclose(out) != 0)
        die(out_path, 0, "cannot write");
    close_table(&rules);
    close_table(&examples);
    return n_examples ? 0 : 1;
}
