/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Reading the tables: UTF-8 TSV, comment lines, a fixed header, no empty cell. */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

void
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

void
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

int
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

void
close_table(table_reader *r)
{
    free(r->text);
    r->text = r->next = NULL;
}

int
split_list(const row *rw, char *s, char **items, int max)
{
    int n = 0;

    /* Not strtok: a caller may be inside a strtok loop of its own. */
    for (char *tok = s, *next; tok; tok = next) {
        if ((next = strchr(tok, ',')) != NULL)
            *next++ = '\0';
        if (n == max)
            die(rw->path, rw->line, "more than %d comma-separated items", max);
        items[n++] = trim(tok);
    }
    return n;
}

char *
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

int
is_digits(const char *s, size_t n)
{
    if (strlen(s) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}
