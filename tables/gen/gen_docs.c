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
    static const struct { const char *check, *en; } checks[] = {
        { "absent_all", "none of these headers is present: " },
        { "absent_each", "any of these headers is missing: " },
        { "absent", "this header is missing: " },
        { "no_to_tag", "To has no tag parameter" },
        { "always", "always (the code and method alone are the finding)" },
        { "default_phrase", "the reason phrase is the bare default one" },
        { "phrase_other_code", "the reason phrase is another code's standard phrase" },
        { "not_number", "the value is not a number: " },
        { "repeated", "one of these headers appears more than once: " },
    };
    const char *check = rw->cell[4], *colon = strchr(check, ':');
    size_t kind_len = colon ? (size_t)(colon - check) : strlen(check);

    md_codes(out, rw->cell[1]);
    if (strcmp(rw->cell[2], "*") != 0)
        fprintf(out, rw->cell[2][0] == '!' ? " to a request other than %s" : " to %s",
                rw->cell[2] + (rw->cell[2][0] == '!'));
    if (strcmp(rw->cell[3], "-") != 0)
        fprintf(out, " with %s", strcmp(rw->cell[3], "to_tag") == 0 ? "a To tag"
                                 : strcmp(rw->cell[3], "require_100rel") == 0 ? "Require: 100rel"
                                                                             : "Require: timer");
    fputs("; fires when ", out);
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        if (strlen(checks[i].check) == kind_len && strncmp(check, checks[i].check, kind_len) == 0) {
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
    static const char *const severity_md[] = { "warning (MUST)", "note (SHOULD)", "chat (advice)" };
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
          "(`sipadv.missing_allow`), change its severity in Wireshark's expert-severity\n"
          "preferences, or switch it off under *Protocols › SIPADV* (or `-o sipadv.<rule>:FALSE`).\n"
          "A MUST broken is a warning, a SHOULD a note, advice a chat. Every example frame\n"
          "below is checked by the test suite: the rule fires on it, and not on the near miss.\n"
          "Clause wording and grading are recorded in `docs/rules-clauses.md`.\n\n", out);
    while (next_row(&rules, &rw)) {
        if (strcmp(last, rw.cell[0]) != 0) {
            if (!next_row(&examples, &ex) || strcmp(ex.cell[0], rw.cell[0]) != 0)
                die(examples_path, examples.line, "expected the example row of %s here (rules.tsv order)", rw.cell[0]);
            n_examples++;
            snprintf(last, sizeof last, "%s", rw.cell[0]);
            fprintf(out, "## `sipadv.%s`\n\n", rw.cell[0]);
            fprintf(out, "Severity: %s. Fires on: `%s`. Near miss: `%s` (%s).\n\n",
                    severity_md[parse_severity(&rw, rw.cell[5])], ex.cell[1], ex.cell[2], ex.cell[3]);
            fputs("| condition | why (English) | 为什么（中文） | clause |\n|---|---|---|---|\n", out);
        }
        fputs("| ", out);
        md_condition(out, &rw);
        fputs(" | ", out);
        md_cell(out, rw.cell[7]);
        fputs(" | ", out);
        md_cell(out, rw.cell[8]);
        fputs(" | ", out);
        md_cell(out, rw.cell[6]);
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
