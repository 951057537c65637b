/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "info_column.h"
#include "show.h"

#include <string.h>
#include <wireshark.h>
#include <epan/column-utils.h>

#define SIP_SEPARATOR " | "
#define HINT_SEPARATOR " \u2014 "

/* A frame's new Info text, built on the stack: this runs on every SIP frame of a listing. */
typedef struct {
    char text[COL_MAX_INFO_LEN];
    size_t len;
} info_text;

static void
put(info_text *out, const char *s, size_t n)
{
    size_t room = sizeof out->text - 1 - out->len;

    if (n > room)
        n = room;
    memcpy(out->text + out->len, s, n);
    out->len += n;
}

static void
put_hint(info_text *out, const char *hint)
{
    put(out, HINT_SEPARATOR, sizeof HINT_SEPARATOR - 1);
    put(out, hint, strlen(hint));
}

static void
replace_info(packet_info *pinfo, info_text *out)
{
    out->text[out->len] = '\0';
    col_clear_fence(pinfo->cinfo, COL_INFO);
    col_add_str(pinfo->cinfo, COL_INFO, out->text);
    col_set_fence(pinfo->cinfo, COL_INFO);
}

/* Where the message part of SIP's Info text that starts at p ends: at its separator or the end. */
static const char *
part_end(const char *p)
{
    const char *sep = strstr(p, SIP_SEPARATOR);

    return sep ? sep : p + strlen(p);
}

static const char *
next_part(const char *end)
{
    return *end ? end + sizeof SIP_SEPARATOR - 1 : end;
}

/* The hint for the part of SIP's Info text from part to end, the i-th of the frame. */
typedef const char *(*part_hint)(packet_info *pinfo, guint i, const char *part, const char *end,
                                 const void *data);

/*
 * Copies text into out with each part's hint placed after it, before SIP's
 * separator. False, with out unfinished, when no part has a hint.
 */
static bool
insert_hints(packet_info *pinfo, const char *text, info_text *out, part_hint hint_of, const void *data)
{
    const char *copied = text;
    guint i = 0;

    for (const char *p = text; *p; i++) {
        const char *end = part_end(p);
        const char *hint = hint_of(pinfo, i, p, end, data);
        if (hint) {
            put(out, copied, (size_t)(end - copied));
            put_hint(out, hint);
            copied = end;
        }
        p = next_part(end);
    }
    if (copied == text)
        return false;
    put(out, copied, strlen(copied));
    return true;
}

static const char *
listed_hint(packet_info *pinfo _U_, guint i, const char *part _U_, const char *end _U_, const void *data)
{
    return ((const char *const *)data)[i];
}

static const char *status_hint(packet_info *pinfo, guint i, const char *part, const char *end, const void *data);

void
sipadv_info_add_hints(packet_info *pinfo, const char *const *hints, guint n_messages)
{
    const char *text = col_get_text(pinfo->cinfo, COL_INFO);
    info_text out;
    guint parts = 0;

    if (!text)
        return;
    out.len = 0;
    /* Most frames hold one message: SIP's text is then "part | ", and the hint goes before the separator. */
    if (n_messages == 1) {
        size_t len = strlen(text);
        const char *sep = strstr(text, SIP_SEPARATOR);
        if (sep && (size_t)(sep - text) == len - (sizeof SIP_SEPARATOR - 1)) {
            if (hints[0]) {
                put(&out, text, (size_t)(sep - text));
                put_hint(&out, hints[0]);
                put(&out, SIP_SEPARATOR, sizeof SIP_SEPARATOR - 1);
                replace_info(pinfo, &out);
            }
            return;
        }
    }
    for (const char *p = text; *p; p = next_part(part_end(p)))
        parts++;
    /* SIP lists more parts than messages when it adds "Continuation": read the codes from its status lines. */
    if (insert_hints(pinfo, text, &out, parts == n_messages ? listed_hint : status_hint, hints))
        replace_info(pinfo, &out);
}

/* The hint for a part that reads "Status: NNN ...", else NULL. */
static const char *
status_hint(packet_info *pinfo, guint i _U_, const char *part, const char *end, const void *data _U_)
{
    static const char status[] = "Status: ";
    const size_t n = sizeof status - 1;
    const char *c = part + n;

    if (end - part < (ptrdiff_t)n + 3 || memcmp(part, status, n) != 0 ||
        !g_ascii_isdigit(c[0]) || !g_ascii_isdigit(c[1]) || !g_ascii_isdigit(c[2]) ||
        (c + 3 != end && c[3] != ' '))
        return NULL;
    return sipadv_hint_for_code(pinfo, (unsigned)((c[0] - '0') * 100 + (c[1] - '0') * 10 + (c[2] - '0')));
}

void
sipadv_info_hints_from_column(packet_info *pinfo)
{
    const char *text = col_get_text(pinfo->cinfo, COL_INFO);
    info_text out;

    if (!text)
        return;
    out.len = 0;
    if (insert_hints(pinfo, text, &out, status_hint, NULL))
        replace_info(pinfo, &out);
}
