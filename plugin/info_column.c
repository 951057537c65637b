/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "info_column.h"
#include "annotate.h"

#include <string.h>
#include <wireshark.h>
#include <epan/column-utils.h>

#define SIP_SEPARATOR " | "
#define HINT_SEPARATOR " \u2014 "

void
sipadv_info_add_hints(packet_info *pinfo, const char *const *hints, guint n_messages)
{
    const char *text = col_get_text(pinfo->cinfo, COL_INFO);
    const size_t sep_len = strlen(SIP_SEPARATOR);
    wmem_strbuf_t *out;
    guint parts = 0;

    if (!text)
        return;
    for (const char *p = text; *p; parts++) {
        const char *sep = strstr(p, SIP_SEPARATOR);
        p = sep ? sep + sep_len : p + strlen(p);
    }

    out = wmem_strbuf_new(pinfo->pool, "");
    if (parts == n_messages) {
        const char *p = text;
        for (guint i = 0; i < n_messages; i++) {
            const char *sep = strstr(p, SIP_SEPARATOR);
            size_t len = sep ? (size_t)(sep - p) : strlen(p);
            wmem_strbuf_append_len(out, p, len);
            if (hints[i]) {
                wmem_strbuf_append(out, HINT_SEPARATOR);
                wmem_strbuf_append(out, hints[i]);
            }
            if (sep)
                wmem_strbuf_append(out, SIP_SEPARATOR);
            p = sep ? sep + sep_len : p + len;
        }
    } else {
        /* Not the layout we know: add the hints at the end, each with nothing lost. */
        wmem_strbuf_append(out, text);
        for (guint i = 0; i < n_messages; i++) {
            if (hints[i]) {
                wmem_strbuf_append(out, HINT_SEPARATOR);
                wmem_strbuf_append(out, hints[i]);
            }
        }
    }
    col_clear_fence(pinfo->cinfo, COL_INFO);
    col_add_str(pinfo->cinfo, COL_INFO, wmem_strbuf_get_str(out));
    col_set_fence(pinfo->cinfo, COL_INFO);
}

void
sipadv_info_hints_from_column(packet_info *pinfo)
{
    static const char status[] = "Status: ";
    const char *text = col_get_text(pinfo->cinfo, COL_INFO);
    const size_t sep_len = strlen(SIP_SEPARATOR);
    const char **hints;
    guint parts = 0, i = 0, found = 0;

    if (!text)
        return;
    for (const char *p = text; *p; parts++) {
        const char *sep = strstr(p, SIP_SEPARATOR);
        p = sep ? sep + sep_len : p + strlen(p);
    }
    hints = wmem_alloc0_array(pinfo->pool, const char *, parts);
    for (const char *p = text; *p && i < parts; i++) {
        const char *sep = strstr(p, SIP_SEPARATOR);
        if (strncmp(p, status, sizeof status - 1) == 0) {
            const char *c = p + sizeof status - 1;
            if (g_ascii_isdigit(c[0]) && g_ascii_isdigit(c[1]) && g_ascii_isdigit(c[2]) &&
                (c[3] == ' ' || c[3] == '\0' || c == sep)) {
                hints[i] = sipadv_hint_for_code(pinfo, (unsigned)((c[0] - '0') * 100 + (c[1] - '0') * 10 + (c[2] - '0')));
                found += hints[i] != NULL;
            }
        }
        p = sep ? sep + sep_len : p + strlen(p);
    }
    if (found)
        sipadv_info_add_hints(pinfo, hints, parts);
}
