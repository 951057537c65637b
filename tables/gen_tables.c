/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Build-time generator: validates tables/status_codes.tsv and tables/classes.tsv
 * and writes them out as C arrays (see plugin/knowledge.h), so the knowledge
 * lives in data files while the installed plugin stays a single shared object.
 *
 * usage: sipadv-gentables status_codes.tsv classes.tsv messages.tsv OUT.c OUT.h
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COLS  16
#define MAX_STEPS 6   /* SIPADV_MAX_STEPS in plugin/knowledge.h */

typedef struct {
    const char *path;
    int         line;
    char       *cell[MAX_COLS];
    int         n_cells;
} row;

typedef struct {
    const char *path;
    char       *text;     /* whole file, cut in place into cells */
    char       *next;     /* parse position */
    int         line;
    const char *const *columns;
    int         n_columns;
} table_reader;

static const char *const status_columns[] = {
    "code", "class", "reason", "short_en", "short_zh", "meaning_en",
    "meaning_zh", "guidance_en", "guidance_zh", "ref"
};
static const char *const message_columns[] = { "id", "en", "zh" };
/* What the plugin can fill in (plugin/annotate.c, expand_message). */
static const char *const placeholders[] = {
    "code", "reason", "hint", "step", "base", "detail"
};
static const char *const class_columns[] = {
    "class", "name_en", "name_zh", "meaning_en", "meaning_zh",
    "guidance_en", "guidance_zh", "ref"
};

static void
die(const char *path, int line, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "%s:%d: ", path, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

static char *
slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long size;

    if (!f || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
        die(path, 0, "cannot read");
    buf = malloc((size_t)size + 1);
    if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size)
        die(path, 0, "cannot read");
    buf[size] = '\0';
    fclose(f);
    return buf;
}

/* Accepts well-formed UTF-8 only, so the plugin never shows mojibake. */
static int
valid_utf8(const unsigned char *s)
{
    while (*s) {
        int extra;
        if (*s < 0x80) { s++; continue; }
        if ((*s & 0xE0) == 0xC0 && *s >= 0xC2) extra = 1;
        else if ((*s & 0xF0) == 0xE0) extra = 2;
        else if ((*s & 0xF8) == 0xF0 && *s <= 0xF4) extra = 3;
        else return 0;
        for (s++; extra > 0; extra--, s++)
            if ((*s & 0xC0) != 0x80) return 0;
    }
    return 1;
}

/* Returns 0 at the end of the file. Comment and blank lines are skipped. */
static int
next_line(table_reader *r, row *out)
{
    while (r->next && *r->next) {
        char *line = r->next, *end = strchr(line, '\n');
        r->line++;
        r->next = end ? end + 1 : NULL;
        if (end) *end = '\0';
        if (end && end > line && end[-1] == '\r') end[-1] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        if (!valid_utf8((const unsigned char *)line))
            die(r->path, r->line, "not valid UTF-8");
        out->path = r->path;
        out->line = r->line;
        out->n_cells = 0;
        for (char *cell = line;;) {
            char *tab = strchr(cell, '\t');
            if (out->n_cells == MAX_COLS)
                die(r->path, r->line, "too many columns");
            out->cell[out->n_cells++] = cell;
            if (!tab) break;
            *tab = '\0';
            cell = tab + 1;
        }
        return 1;
    }
    return 0;
}

static void
open_table(table_reader *r, const char *path, const char *const *columns, int n_columns)
{
    row header;

    r->path = path;
    r->text = slurp(path);
    r->next = r->text;
    r->line = 0;
    r->columns = columns;
    r->n_columns = n_columns;
    if (!next_line(r, &header))
        die(path, 0, "empty table");
    if (header.n_cells != n_columns)
        die(path, header.line, "header has %d columns, expected %d", header.n_cells, n_columns);
    for (int i = 0; i < n_columns; i++)
        if (strcmp(header.cell[i], columns[i]) != 0)
            die(path, header.line, "column %d is \"%s\", expected \"%s\"", i + 1, header.cell[i], columns[i]);
}

static int
next_row(table_reader *r, row *out)
{
    if (!next_line(r, out))
        return 0;
    if (out->n_cells != r->n_columns)
        die(out->path, out->line, "%d cells, expected %d", out->n_cells, r->n_columns);
    for (int i = 0; i < out->n_cells; i++)
        if (out->cell[i][0] == '\0')
            die(out->path, out->line, "empty cell \"%s\"", r->columns[i]);
    return 1;
}

/* Octal escapes keep non-ASCII bytes intact whatever the compiler's charset. */
static void
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

static char *
trim(char *s)
{
    char *end;

    while (*s == ' ')
        s++;
    end = s + strlen(s);
    while (end > s && end[-1] == ' ')
        *--end = '\0';
    return s;
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
static void
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

static void
put_text(FILE *out, const char *en, const char *zh)
{
    fputs("{ ", out);
    put_literal(out, en);
    fputs(", ", out);
    put_literal(out, zh);
    fputs(" }", out);
}

static int
is_digits(const char *s, size_t n)
{
    if (strlen(s) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

static void
write_classes(FILE *out, const char *path)
{
    table_reader r;
    row rw;
    int count = 0, seen[10] = { 0 };

    open_table(&r, path, class_columns, (int)(sizeof class_columns / sizeof class_columns[0]));
    fputs("const sipadv_class_info sipadv_class_table[] = {\n", out);
    while (next_row(&r, &rw)) {
        char label[512];
        const char *c = rw.cell[0];
        if (strlen(c) != 3 || c[0] < '1' || c[0] > '6' || strcmp(c + 1, "xx") != 0)
            die(path, rw.line, "class \"%s\" is not 1xx..6xx", c);
        if (seen[c[0] - '0']++)
            die(path, rw.line, "class %s listed twice", c);
        snprintf(label, sizeof label, "%s %s \302\267 %s", c, rw.cell[1], rw.cell[2]);
        fprintf(out, "  { %c, ", c[0]);
        put_literal(out, label);
        fputs(",\n    ", out);
        put_text(out, rw.cell[1], rw.cell[2]);
        fputs(",\n    ", out);
        put_text(out, rw.cell[3], rw.cell[4]);
        fputs(",\n    ", out);
        put_guidance(out, &rw, rw.cell[5], rw.cell[6]);
        fputs(",\n    ", out);
        put_literal(out, rw.cell[7]);
        fputs(" },\n", out);
        count++;
    }
    if (count != 6)
        die(path, r.line, "%d classes, expected 1xx..6xx", count);
    fprintf(out, "};\nconst size_t sipadv_class_table_len = %d;\n\n", count);
    free(r.text);
}

static void
write_statuses(FILE *out, const char *path)
{
    table_reader r;
    row rw;
    int count = 0, last = 0;

    open_table(&r, path, status_columns, (int)(sizeof status_columns / sizeof status_columns[0]));
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
        fputs(",\n    ", out);
        put_text(out, rw.cell[3], rw.cell[4]);
        fputs(",\n    ", out);
        put_text(out, rw.cell[5], rw.cell[6]);
        fputs(",\n    ", out);
        put_guidance(out, &rw, rw.cell[7], rw.cell[8]);
        fputs(",\n    ", out);
        put_literal(out, rw.cell[9]);
        fputs(" },\n", out);
        count++;
    }
    if (count == 0)
        die(path, r.line, "no status codes");
    fprintf(out, "};\nconst size_t sipadv_status_table_len = %d;\n\n", count);
    free(r.text);
}

/* The set of {placeholders} in s as a bit mask; unknown ones are an error. */
static unsigned
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

static void
write_messages(FILE *out, FILE *hdr, const char *path)
{
    table_reader r;
    row rw;
    int count = 0;

    open_table(&r, path, message_columns, (int)(sizeof message_columns / sizeof message_columns[0]));
    fputs("#ifndef SIPADV_MESSAGES_H\n#define SIPADV_MESSAGES_H\n#include \"knowledge.h\"\n\n"
          "typedef enum {\n", hdr);
    fputs("const sipadv_text sipadv_messages[] = {\n", out);
    while (next_row(&r, &rw)) {
        for (const char *p = rw.cell[0]; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || *p == '_'))
                die(path, rw.line, "id \"%s\" is not lower_case", rw.cell[0]);
        if (placeholder_mask(&rw, rw.cell[1]) != placeholder_mask(&rw, rw.cell[2]))
            die(path, rw.line, "English and Chinese use different placeholders");
        fputs("    SIPADV_MSG_", hdr);
        for (const char *p = rw.cell[0]; *p; p++)
            fputc(toupper((unsigned char)*p), hdr);
        fputs(",\n", hdr);
        fputs("  ", out);
        put_text(out, rw.cell[1], rw.cell[2]);
        fputs(",\n", out);
        count++;
    }
    fputs("    SIPADV_MSG_COUNT\n} sipadv_msg_id;\n\n"
          "extern const sipadv_text sipadv_messages[SIPADV_MSG_COUNT];\n\n#endif\n", hdr);
    fputs("};\n", out);
    free(r.text);
}

int
main(int argc, char **argv)
{
    FILE *out, *hdr;
    char tmp[4096], tmp_h[4096];

    if (argc != 6) {
        fprintf(stderr, "usage: %s status_codes.tsv classes.tsv messages.tsv OUT.c OUT.h\n", argv[0]);
        return 2;
    }
    /* Written aside and renamed, so a failed run leaves no stale output behind. */
    snprintf(tmp, sizeof tmp, "%s.tmp", argv[4]);
    snprintf(tmp_h, sizeof tmp_h, "%s.tmp", argv[5]);
    remove(argv[4]);
    remove(argv[5]);
    out = fopen(tmp, "w");
    hdr = fopen(tmp_h, "w");
    if (!out || !hdr)
        die(tmp, 0, "cannot write");
    fputs("/* Generated by tables/gen_tables.c from the tables/ TSV files. Do not edit. */\n"
          "#include \"sipadv_messages.h\"\n\n", out);
    fputs("/* Generated by tables/gen_tables.c from tables/messages.tsv. Do not edit. */\n", hdr);
    write_statuses(out, argv[1]);
    write_classes(out, argv[2]);
    write_messages(out, hdr, argv[3]);
    if (fclose(out) != 0 || fclose(hdr) != 0 || rename(tmp, argv[4]) != 0 || rename(tmp_h, argv[5]) != 0)
        die(argv[4], 0, "cannot write");
    return 0;
}
