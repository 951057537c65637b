/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Putting bilingual texts on the packet: language choice, templates, quoted sender text, long tree items. */
#include "text.h"

#include <string.h>
#include <wireshark.h>
#include <epan/expert.h>
#include <epan/proto.h>
#include <epan/tap.h>

#include "sipadv.h"

/* Wireshark cuts tree labels at ITEM_LABEL_LENGTH (240 bytes); longer texts are wrapped. */
#define WRAP_BYTES 160


const char *
sipadv_text_in(const sipadv_text *t, bool zh)
{
    return zh ? t->zh : t->en;
}

/* Fills a messages.tsv template; unknown placeholders were rejected at build time. */
char *
sipadv_expand_message(wmem_allocator_t *pool, const char *tmpl, const message_values *v)
{
#define SLOT(name, in_rules, in_messages) { "{" #name "}", offsetof(message_values, name) },
    static const struct { const char *name; size_t offset; } slots[] = { SIPADV_PLACEHOLDERS(SLOT) };
    wmem_strbuf_t *out = sipadv_strbuf_sized_new(pool, 256);

    for (const char *p = tmpl; *p;) {
        const char *open = strchr(p, '{');
        size_t i;

        if (!open) {
            wmem_strbuf_append(out, p);
            break;
        }
        wmem_strbuf_append_len(out, p, (gsize)(open - p));
        p = open;
        for (i = 0; i < G_N_ELEMENTS(slots); i++) {
            size_t n = strlen(slots[i].name);
            if (strncmp(p, slots[i].name, n) == 0) {
                const char *value = *(const char *const *)((const char *)v + slots[i].offset);
                wmem_strbuf_append(out, value ? value : "");
                p += n;
                break;
            }
        }
        if (i == G_N_ELEMENTS(slots))
            wmem_strbuf_append_c(out, *p++);
    }
    return wmem_strbuf_finalize(out);
}

/* Expert texts are cut at ITEM_LABEL_LENGTH bytes; cut them first, on a character boundary. */
char *
sipadv_fit_label(char *text)
{
    const size_t max = ITEM_LABEL_LENGTH - sizeof "\u2026";
    size_t len = strlen(text);

    if (len < ITEM_LABEL_LENGTH)
        return text;
    len = max;
    while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
        len--;
    memcpy(text + len, "\u2026", sizeof "\u2026");
    return text;
}

/* The text in the configured language; "both" gives English, then Chinese. */
char *
sipadv_localized(packet_info *pinfo, const sipadv_text *t, const message_values *en, const message_values *zh)
{
    switch (sipadv_prefs.language) {
    case SIPADV_LANG_ZH:
        return sipadv_fit_label(sipadv_expand_message(pinfo->pool, t->zh, zh));
    case SIPADV_LANG_BOTH:
        return sipadv_fit_label(wmem_strdup_printf(pinfo->pool, "%s / %s", sipadv_expand_message(pinfo->pool, t->en, en),
                                            sipadv_expand_message(pinfo->pool, t->zh, zh)));
    default:
        return sipadv_fit_label(sipadv_expand_message(pinfo->pool, t->en, en));
    }
}

char *
sipadv_localized_message(packet_info *pinfo, sipadv_msg_id id, const message_values *en, const message_values *zh)
{
    return sipadv_localized(pinfo, &sipadv_messages[id], en, zh);
}

const char *
sipadv_duration_text(wmem_allocator_t *pool, gint64 ns)
{
    if (ns < G_GINT64_CONSTANT(10000000))
        return wmem_strdup_printf(pool, "%.1f ms", (double)ns / 1e6);
    return ns < G_GINT64_CONSTANT(1000000000) ? wmem_strdup_printf(pool, "%u ms", (unsigned)(ns / 1000000))
                                              : wmem_strdup_printf(pool, "%.2f s", (double)ns / 1e9);
}

bool
sipadv_show_en(void)
{
    return sipadv_prefs.language != SIPADV_LANG_ZH;
}

bool
sipadv_show_zh(void)
{
    return sipadv_prefs.language != SIPADV_LANG_EN;
}

/*
 * Cuts text into display lines at UTF-8 character boundaries, preferring
 * spaces; each line takes at least one character, and at most max_lines lines
 * are added, the last ending in "…" when text goes on.
 */
static void
add_wrapped_lines(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb, gint offset, const char *text,
                  unsigned *lines_left)
{
    size_t len = strlen(text);

    for (size_t pos = 0; pos < len && *lines_left > 0; (*lines_left)--) {
        size_t end = pos + WRAP_BYTES, cut;
        if (end >= len) {
            end = len;
        } else {
            while (end > pos && ((unsigned char)text[end] & 0xC0) == 0x80)
                end--;
            if (end == pos)   /* no character start in sight: cut anywhere */
                end = pos + WRAP_BYTES;
            for (cut = end; cut > pos + WRAP_BYTES / 2 && text[cut] != ' '; cut--)
                ;
            if (text[cut] == ' ')
                end = cut;
        }
        if (*lines_left == 1 && end < len)
            proto_tree_add_none_format(tree, sipadv_ids.hf_line, tvb, offset, 0, "%s",
                                       sipadv_shortened(pinfo->pool, text + pos, end - pos));
        else
            proto_tree_add_none_format(tree, sipadv_ids.hf_line, tvb, offset, 0, "%.*s", (int)(end - pos), text + pos);
        pos = end;
        while (pos < len && text[pos] == ' ')
            pos++;
    }
}

const char *
sipadv_shortened(wmem_allocator_t *pool, const char *text, size_t max)
{
    size_t len = strlen(text);

    if (len <= max)
        return text;
    while (max > 0 && ((unsigned char)text[max] & 0xC0) == 0x80)
        max--;
    return wmem_strdup_printf(pool, "%.*s\u2026", (int)max, text);
}

const char *
sipadv_quote(wmem_allocator_t *pool, tvbuff_t *tvb, gint offset, guint32 len)
{
    gint n = len < SIPADV_MAX_QUOTE + 1 ? (gint)len : SIPADV_MAX_QUOTE + 1;

    return sipadv_shortened(pool, tvb_format_text(pool, tvb, offset, n), SIPADV_MAX_QUOTE);
}

void
sipadv_add_text(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb, gint offset, int hf, const char *text,
                const char *const *steps, unsigned n_steps, bool visible)
{
    bool shown, long_text;
    unsigned lines_left = SIPADV_MAX_LINES;
    proto_item *item;
    proto_tree *sub;

    if (!tree)
        return;
    shown = visible && proto_field_is_referenced(tree, hf);
    long_text = shown && (n_steps >= 2 || strlen(text) > WRAP_BYTES);

    if (long_text)
        item = proto_tree_add_string_format_value(tree, hf, tvb, offset, 0, text, "%s",
                                                  sipadv_shortened(pinfo->pool, text, WRAP_BYTES - 40));
    else
        item = proto_tree_add_string(tree, hf, tvb, offset, 0, text);
    proto_item_set_generated(item);
    if (!visible) {
        proto_item_set_hidden(item);
        return;
    }
    if (!long_text)
        return;
    sub = proto_item_add_subtree(item, sipadv_ids.ett_text);
    if (n_steps >= 2) {
        for (unsigned i = 0; i < n_steps; i++) {
            char *line = wmem_strdup_printf(pinfo->pool, "%u) %s", i + 1, steps[i]);
            add_wrapped_lines(sub, pinfo, tvb, offset, line, &lines_left);
        }
    } else {
        add_wrapped_lines(sub, pinfo, tvb, offset, text, &lines_left);
    }
}

const char *
sipadv_in_language(wmem_allocator_t *pool, const char *en, const char *zh)
{
    switch (sipadv_prefs.language) {
    case SIPADV_LANG_ZH:
        return zh;
    case SIPADV_LANG_BOTH:
        return wmem_strdup_printf(pool, "%s / %s", en, zh);
    default:
        return en;
    }
}

const char *
sipadv_pick_text(packet_info *pinfo, const sipadv_text *t)
{
    return sipadv_in_language(pinfo->pool, t->en, t->zh);
}

