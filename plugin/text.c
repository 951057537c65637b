/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Putting bilingual texts on the packet: language choice, templates, long tree items, expert texts. */
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
    static const struct { const char *name; size_t offset; } slots[] = {
        { "{code}", offsetof(message_values, code) },
        { "{reason}", offsetof(message_values, reason) },
        { "{hint}", offsetof(message_values, hint) },
        { "{step}", offsetof(message_values, step) },
        { "{base}", offsetof(message_values, base) },
        { "{detail}", offsetof(message_values, detail) },
        { "{method}", offsetof(message_values, method) },
        { "{missing}", offsetof(message_values, missing) },
        { "{other}", offsetof(message_values, other) },
        { "{phrase}", offsetof(message_values, phrase) },
        { "{captured}", offsetof(message_values, captured) },
        { "{length}", offsetof(message_values, length) },
    };
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

/*
 * Building an expert's text costs more than everything else here: where nothing
 * shows it (no visible tree, no expert tap, no filter on it), the expert is added
 * with its registered summary instead.
 */
bool
sipadv_expert_text_wanted(const sipadv_msg_ctx *ctx, expert_field *ei)
{
    return proto_field_is_referenced(ctx->tree, ei->hf) ||
           (sipadv_ids.hf_expert_message >= 0 &&
            proto_field_is_referenced(ctx->tree, sipadv_ids.hf_expert_message)) ||
           (sipadv_ids.expert_tap >= 0 && have_tap_listener(sipadv_ids.expert_tap));
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

/* Cuts text into display lines at UTF-8 character boundaries, preferring spaces. */
static void
add_wrapped_lines(proto_tree *tree, const sipadv_msg_ctx *ctx, const char *text)
{
    size_t len = strlen(text);

    for (size_t pos = 0; pos < len;) {
        size_t end = pos + WRAP_BYTES, cut;
        if (end >= len) {
            end = len;
        } else {
            while (end > pos && ((unsigned char)text[end] & 0xC0) == 0x80)
                end--;
            for (cut = end; cut > pos + WRAP_BYTES / 2 && text[cut] != ' '; cut--)
                ;
            if (text[cut] == ' ')
                end = cut;
        }
        proto_tree_add_none_format(tree, sipadv_ids.hf_line, ctx->tvb, ctx->offset, 0,
                                   "%.*s", (int)(end - pos), text + pos);
        pos = end;
        while (pos < len && text[pos] == ' ')
            pos++;
    }
}

/* The first max bytes of text, cut on a UTF-8 character boundary, with "…" if cut. */
static const char *
shortened(wmem_allocator_t *pool, const char *text, size_t max)
{
    size_t len = strlen(text);

    if (len <= max)
        return text;
    while (max > 0 && ((unsigned char)text[max] & 0xC0) == 0x80)
        max--;
    return wmem_strdup_printf(pool, "%.*s\u2026", (int)max, text);
}

/*
 * A text field. A long one shows its beginning (the value stays whole for
 * filters and -e) and its full text underneath: one line per guidance step,
 * or wrapped lines.
 */
void
sipadv_add_text(proto_tree *tree, const sipadv_msg_ctx *ctx, int hf, const char *text,
         const char *const *steps, unsigned n_steps, bool visible)
{
    bool shown = visible && proto_field_is_referenced(tree, hf);
    bool long_text = shown && (n_steps >= 2 || strlen(text) > WRAP_BYTES);
    proto_item *item;
    proto_tree *sub;

    if (long_text)
        item = proto_tree_add_string_format_value(tree, hf, ctx->tvb, ctx->offset, 0, text, "%s",
                                                  shortened(ctx->pinfo->pool, text, WRAP_BYTES - 40));
    else
        item = proto_tree_add_string(tree, hf, ctx->tvb, ctx->offset, 0, text);
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
            char *line = wmem_strdup_printf(ctx->pinfo->pool, "%u) %s", i + 1, steps[i]);
            add_wrapped_lines(sub, ctx, line);
        }
    } else {
        add_wrapped_lines(sub, ctx, text);
    }
}

const char *
sipadv_pick_text(packet_info *pinfo, const sipadv_text *t)
{
    switch (sipadv_prefs.language) {
    case SIPADV_LANG_ZH:
        return t->zh;
    case SIPADV_LANG_BOTH:
        return wmem_strdup_printf(pinfo->pool, "%s / %s", t->en, t->zh);
    default:
        return t->en;
    }
}

