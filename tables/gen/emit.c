/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Writing C initializers: string literals, bilingual texts, numbered guidance. */
#include <stdbool.h>
#include <string.h>

#include "gen.h"

#define PLACEHOLDER_NAME(name, in_rules, in_messages) #name,
#define PLACEHOLDER_IN_RULES(name, in_rules, in_messages) | ((unsigned)(in_rules) << SIPADV_PH_##name)
#define PLACEHOLDER_IN_MESSAGES(name, in_rules, in_messages) | ((unsigned)(in_messages) << SIPADV_PH_##name)
static const char *const placeholders[] = { SIPADV_PLACEHOLDERS(PLACEHOLDER_NAME) };

/* The placeholders a rule's text may use, as a mask of placeholder_mask(). */
unsigned
rule_placeholders(void)
{
    return 0 SIPADV_PLACEHOLDERS(PLACEHOLDER_IN_RULES);
}

/* Likewise for messages.tsv. */
unsigned
message_placeholders(void)
{
    return 0 SIPADV_PLACEHOLDERS(PLACEHOLDER_IN_MESSAGES);
}

/* Octal escapes keep non-ASCII bytes intact whatever the compiler's charset. */
void
put_literal(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p < 0x20 || *p >= 0x7F)
            fprintf(out, "\\%03o", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

/* Strips a step's closing punctuation so every step can be ended alike. */
static void
strip_final_stop(char *s)
{
    static const char *const stops[] = { "。", "；", ".", ";" };
    size_t len = strlen(s);

    for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++) {
        size_t n = strlen(stops[i]);
        if (len >= n && strcmp(s + len - n, stops[i]) == 0) {
            s[len - n] = '\0';
            return;
        }
    }
}

/* The marker of an IMS-only step, or of the IMS part of a meaning, in each language. */
static const char *const ims_marker[2] = { "IMS: ", "IMS\xef\xbc\x9a" };
/* How each step ends, in each language. */
static const char *const step_stop[2] = { ".", "\xe3\x80\x82" };

/*
 * The longest numbered guidance, in bytes of either language: a field's text
 * stays one readable line in -T pdml and -T fields output (tests/e2e/hostile.sh
 * bounds every sipadv line at 1000 bytes, escapes and labels included).
 */
#define MAX_GUIDANCE_BYTES 680

/* Writes "1) ... 2) ..." of the steps in mask (bit i: step i), each ended alike; "" when none. */
static void
put_numbered(FILE *out, const row *rw, char *const *steps, int n, unsigned mask, int lang)
{
    static const char *const sep[2] = { " ", "" };
    char buf[8192];
    size_t used = 0;
    int number = 0;

    buf[0] = '\0';
    for (int i = 0; i < n; i++) {
        int w;
        if (!(mask >> i & 1u))
            continue;
        w = snprintf(buf + used, sizeof buf - used, "%s%d) %s%s", number ? sep[lang] : "", number + 1, steps[i],
                     step_stop[lang]);
        if (w < 0 || (size_t)w >= sizeof buf - used)
            die(rw->path, rw->line, "guidance too long");
        used += (size_t)w;
        number++;
    }
    if (used > MAX_GUIDANCE_BYTES)
        die(rw->path, rw->line, "guidance of %zu bytes (at most %d): say it in fewer words", used, MAX_GUIDANCE_BYTES);
    put_literal(out, buf);
}

/*
 * Writes a sipadv_guidance initializer from steps separated by '|'. A step
 * starting with the IMS marker in both languages is IMS-only; it is kept in
 * the full text (the marker says so there) and left out of the general one.
 */
void
put_guidance(FILE *out, const row *rw, char *en, char *zh)
{
    char *steps[2][MAX_STEPS];
    int n[2] = { 0, 0 };
    char *src[2] = { en, zh };
    unsigned ims = 0, all;
    int first_general = -1;
    char buf[8192];

    for (int lang = 0; lang < 2; lang++) {
        for (char *tok = strtok(src[lang], "|"); tok; tok = strtok(NULL, "|")) {
            if (n[lang] == MAX_STEPS)
                die(rw->path, rw->line, "more than %d guidance steps", MAX_STEPS);
            tok = trim(tok);
            strip_final_stop(tok);
            if (*tok == '\0')
                die(rw->path, rw->line, "empty guidance step");
            steps[lang][n[lang]++] = tok;
        }
    }
    if (n[0] != n[1])
        die(rw->path, rw->line, "guidance has %d English steps but %d Chinese steps", n[0], n[1]);
    for (int i = 0; i < n[0]; i++) {
        bool marked_en = strncmp(steps[0][i], ims_marker[0], strlen(ims_marker[0])) == 0;
        bool marked_zh = strncmp(steps[1][i], ims_marker[1], strlen(ims_marker[1])) == 0;
        if (marked_en != marked_zh)
            die(rw->path, rw->line, "step %d is IMS-only in one language only (\"IMS: \" and \"IMS\xef\xbc\x9a\")", i + 1);
        if (marked_en)
            ims |= 1u << i;
        else if (first_general < 0)
            first_general = i;
    }
    if (first_general < 0)
        die(rw->path, rw->line, "every guidance step is IMS-only: other flows would get none");
    all = (1u << n[0]) - 1;

    fputs("{ { ", out);
    put_numbered(out, rw, steps[0], n[0], all, 0);
    fputs(", ", out);
    put_numbered(out, rw, steps[1], n[1], all, 1);
    fputs(" },\n      ", out);
    for (int lang = 0; lang < 2; lang++) {
        fputs("{ ", out);
        for (int i = 0; i < n[lang]; i++) {
            snprintf(buf, sizeof buf, "%s%s", steps[lang][i], step_stop[lang]);
            put_literal(out, buf);
            fputs(", ", out);
        }
        fputs("}, ", out);
    }
    fprintf(out, "%d,\n      ", n[0]);
    if (ims) {
        fputs("{ ", out);
        put_numbered(out, rw, steps[0], n[0], all & ~ims, 0);
        fputs(", ", out);
        put_numbered(out, rw, steps[1], n[1], all & ~ims, 1);
        fputs(" }", out);
    } else {
        fputs("{ NULL, NULL }", out);
    }
    fprintf(out, ", 0x%xu, %d }", ims, first_general);
}

/*
 * Writes a meaning and its general part, the text before the IMS marker (in
 * both languages or neither): { full }, { general } ({ NULL, NULL } without one).
 */
void
put_meaning(FILE *out, const row *rw, const char *en, const char *zh)
{
    const char *at[2] = { strstr(en, ims_marker[0]), strstr(zh, ims_marker[1]) };
    char general[2][4096];

    put_text(out, en, zh);
    fputs(", ", out);
    if ((at[0] != NULL) != (at[1] != NULL))
        die(rw->path, rw->line, "meaning has its IMS part (\"IMS: \", \"IMS\xef\xbc\x9a\") in one language only");
    if (!at[0]) {
        fputs("{ NULL, NULL }", out);
        return;
    }
    if (at[0] == en || at[1] == zh)
        die(rw->path, rw->line, "meaning is all IMS: other flows would get none");
    if (strstr(at[0] + 1, ims_marker[0]) || strstr(at[1] + 1, ims_marker[1]))
        die(rw->path, rw->line, "meaning has two IMS markers");
    snprintf(general[0], sizeof general[0], "%.*s", (int)(at[0] - en), en);
    snprintf(general[1], sizeof general[1], "%.*s", (int)(at[1] - zh), zh);
    put_text(out, trim(general[0]), trim(general[1]));
}

void
put_text(FILE *out, const char *en, const char *zh)
{
    fputs("{ ", out);
    put_literal(out, en);
    fputs(", ", out);
    put_literal(out, zh);
    fputs(" }", out);
}

/* The set of {placeholders} in s as a bit mask; unknown ones are an error. */
unsigned
placeholder_mask(const row *rw, const char *s)
{
    unsigned mask = 0;

    for (const char *p = strchr(s, '{'); p; p = strchr(p + 1, '{')) {
        const char *close = strchr(p, '}');
        size_t i, n = close ? (size_t)(close - p - 1) : 0;
        for (i = 0; i < sizeof placeholders / sizeof placeholders[0]; i++)
            if (close && strlen(placeholders[i]) == n && strncmp(p + 1, placeholders[i], n) == 0)
                break;
        if (i == sizeof placeholders / sizeof placeholders[0])
            die(rw->path, rw->line, "unknown placeholder at \"%.20s\"", p);
        mask |= 1u << i;
    }
    return mask;
}
