/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "info_column.h"

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
