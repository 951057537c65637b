/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Writing C initializers: string literals, bilingual texts, numbered guidance. */
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

/* Writes a sipadv_guidance initializer from steps separated by '|'. */
void
put_guidance(FILE *out, const row *rw, char *en, char *zh)
{
    char *steps[2][MAX_STEPS];
    int n[2] = { 0, 0 };
    char *src[2] = { en, zh };
    static const char *const stop[2] = { ".", "。" };
    static const char *const sep[2] = { " ", "" };
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

    fputs("{ { ", out);
    for (int lang = 0; lang < 2; lang++) {
        size_t used = 0;
        buf[0] = '\0';
        for (int i = 0; i < n[lang]; i++) {
            int w = snprintf(buf + used, sizeof buf - used, "%s%d) %s%s",
                             i ? sep[lang] : "", i + 1, steps[lang][i], stop[lang]);
            if (w < 0 || (size_t)w >= sizeof buf - used)
                die(rw->path, rw->line, "guidance too long");
            used += (size_t)w;
        }
        put_literal(out, buf);
        fputs(lang == 0 ? ", " : " },\n      ", out);
    }
    for (int lang = 0; lang < 2; lang++) {
        fputs("{ ", out);
        for (int i = 0; i < n[lang]; i++) {
            snprintf(buf, sizeof buf, "%s%s", steps[lang][i], stop[lang]);
            put_literal(out, buf);
            fputs(", ", out);
        }
        fputs("}, ", out);
    }
    fprintf(out, "%d }", n[0]);
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
