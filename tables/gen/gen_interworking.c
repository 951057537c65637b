/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Q.850 causes with the SIP statuses they go with, Warning codes (plugin/knowledge.h), and the timers' T1. */
#include <stdlib.h>
#include <string.h>

#include "gen.h"

#define MAX_CAUSE 127

static const char *const cause_columns[] = {
    "cause", "name", "meaning_en", "meaning_zh", "guidance_en", "guidance_zh"
};
static const char *const map_columns[] = { "cause", "statuses", "source" };
static const char *const warning_columns[] = {
    "code", "text", "meaning_en", "meaning_zh", "guidance_en", "guidance_zh", "ref"
};

/* Reads the map first: every cause gets the statuses it may come with, or "*" for any. */
static void
read_map(const char *path, char *statuses[MAX_CAUSE + 1])
{
    table_reader r;
    row rw;

    open_table(&r, path, map_columns, N_COLUMNS(map_columns));
    while (next_row(&r, &rw)) {
        int cause = atoi(rw.cell[0]);
        if (!is_digits(rw.cell[0], strlen(rw.cell[0])) || cause < 1 || cause > MAX_CAUSE)
            die(path, rw.line, "cause \"%s\" is not 1..127", rw.cell[0]);
        if (statuses[cause])
            die(path, rw.line, "cause %d listed twice", cause);
        if (strcmp(rw.cell[1], "*") != 0) {
            for (const char *p = rw.cell[1]; *p; p++)
                if (!((*p >= '0' && *p <= '9') || *p == ','))
                    die(path, rw.line, "statuses must be codes separated by commas, or *");
        }
        statuses[cause] = strdup(rw.cell[1]);
    }
    close_table(&r);
}

void
write_causes(FILE *out, const char *causes_path, const char *map_path)
{
    char *statuses[MAX_CAUSE + 1] = { 0 };
    table_reader r;
    row rw;
    int count = 0, last = 0;

    read_map(map_path, statuses);
    open_table(&r, causes_path, cause_columns, N_COLUMNS(cause_columns));
    /* The status lists first, as arrays the rows point to. */
    for (int c = 1; c <= MAX_CAUSE; c++)
        if (statuses[c] && strcmp(statuses[c], "*") != 0)
            fprintf(out, "static const unsigned short q850_statuses_%d[] = { %s };\n", c, statuses[c]);
    fputs("\nconst sipadv_cause_info sipadv_q850_table[] = {\n", out);
    while (next_row(&r, &rw)) {
        int cause = atoi(rw.cell[0]);
        if (!is_digits(rw.cell[0], strlen(rw.cell[0])) || cause < 1 || cause > MAX_CAUSE)
            die(causes_path, rw.line, "cause \"%s\" is not 1..127", rw.cell[0]);
        if (cause <= last)
            die(causes_path, rw.line, "cause %d out of order or repeated", cause);
        if (!statuses[cause])
            die(map_path, 0, "no row for cause %d", cause);
        last = cause;
        fprintf(out, "  { %d, ", cause);
        put_literal(out, rw.cell[1]);
        fputs(",\n    ", out);
        put_text(out, rw.cell[2], rw.cell[3]);
        fputs(",\n    ", out);
        put_guidance(out, &rw, rw.cell[4], rw.cell[5]);
        if (strcmp(statuses[cause], "*") == 0)
            fputs(",\n    NULL, 0 },\n", out);
        else
            fprintf(out, ",\n    q850_statuses_%d, sizeof q850_statuses_%d / sizeof q850_statuses_%d[0] },\n",
                    cause, cause, cause);
        free(statuses[cause]);
        statuses[cause] = NULL;
        count++;
    }
    for (int c = 1; c <= MAX_CAUSE; c++)
        if (statuses[c])
            die(map_path, 0, "cause %d is mapped but not explained in %s", c, causes_path);
    fprintf(out, "};\nconst size_t sipadv_q850_table_len = %d;\n\n", count);
    close_table(&r);
}

void
write_warnings(FILE *out, const char *path)
{
    table_reader r;
    row rw;
    int count = 0, last = 0;

    open_table(&r, path, warning_columns, N_COLUMNS(warning_columns));
    fputs("const sipadv_warning_info sipadv_warning_table[] = {\n", out);
    while (next_row(&r, &rw)) {
        int code = atoi(rw.cell[0]);
        if (!is_digits(rw.cell[0], 3) || code < 300 || code > 399)
            die(path, rw.line, "warn-code \"%s\" is not 300..399", rw.cell[0]);
        if (code <= last)
            die(path, rw.line, "warn-code %d out of order or repeated", code);
        last = code;
        fprintf(out, "  { %d, ", code);
        put_literal(out, rw.cell[1]);
        fputs(",\n    ", out);
        put_text(out, rw.cell[2], rw.cell[3]);
        fputs(",\n    ", out);
        put_guidance(out, &rw, rw.cell[4], rw.cell[5]);
        fputs(",\n    ", out);
        put_literal(out, rw.cell[6]);
        fputs(" },\n", out);
        count++;
    }
    fprintf(out, "};\nconst size_t sipadv_warning_table_len = %d;\n\n", count);
    close_table(&r);
}

static const char *const timer_columns[] = { "name", "ms", "clause", "meaning" };

/* The T1 of each leg (tables/timers.tsv), as the defaults of the preferences that set them. */
void
write_timers(FILE *hdr, const char *path)
{
    static const char *const names[] = { "t1", "t1_ims" };
    static const char *const macros[] = { "SIPADV_T1_MS", "SIPADV_T1_IMS_MS" };
    table_reader r;
    row rw;
    int count = 0;

    open_table(&r, path, timer_columns, N_COLUMNS(timer_columns));
    while (next_row(&r, &rw)) {
        const char *ms = rw.cell[1];
        if (count == N_COLUMNS(names) || strcmp(rw.cell[0], names[count]) != 0)
            die(path, rw.line, "timer \"%s\": expected t1 then t1_ims", rw.cell[0]);
        if (!is_digits(ms, strlen(ms)) || strlen(ms) > 6 || atoi(ms) < 1)
            die(path, rw.line, "ms \"%s\" is not 1..999999", ms);
        fprintf(hdr, "/* %s (%s) */\n#define %s %s\n", rw.cell[3], rw.cell[2], macros[count], ms);
        count++;
    }
    if (count != N_COLUMNS(names))
        die(path, r.line, "%d timers, expected t1 and t1_ims", count);
    close_table(&r);
}
