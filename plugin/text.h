/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Putting bilingual texts on the packet: language choice, templates, quoted sender text, long tree items. */
#ifndef SIPADV_TEXT_H
#define SIPADV_TEXT_H

#include <stdbool.h>
#include <epan/packet.h>
#include <epan/expert.h>

#include "vocabulary.h"
#include "knowledge.h"
#include "sipadv_tables.h"

/* Values for the {placeholders} of tables/messages.tsv and tables/rules.tsv (vocabulary.h). */
#define SIPADV_PLACEHOLDER_SLOT(name, in_rules, in_messages) const char *name;
typedef struct {
    SIPADV_PLACEHOLDERS(SIPADV_PLACEHOLDER_SLOT)
} message_values;

/* Sender text quoted in sipadv's own texts is cut to this many bytes. */
#define SIPADV_MAX_QUOTE 80
/* Long texts are wrapped into at most this many display lines. */
#define SIPADV_MAX_LINES 16

const char *sipadv_text_in(const sipadv_text *t, bool zh);
/* Fills a template; unknown placeholders were rejected at build time. */
char *sipadv_expand_message(wmem_allocator_t *pool, const char *tmpl, const message_values *v);
/* Cuts an expert text to what Wireshark keeps, on a character boundary. */
char *sipadv_fit_label(char *text);
/* The text in the configured language; "both" gives English, then Chinese. */
char *sipadv_localized(packet_info *pinfo, const sipadv_text *t, const message_values *en, const message_values *zh);
char *sipadv_localized_message(packet_info *pinfo, sipadv_msg_id id, const message_values *en, const message_values *zh);
/* A duration for people: "0.4 ms" under 10 ms, "492 ms" under a second, else "1.49 s". */
const char *sipadv_duration_text(wmem_allocator_t *pool, gint64 ns);

/* A text picked by language, without placeholders. */
const char *sipadv_pick_text(packet_info *pinfo, const sipadv_text *t);
/* The same for a text given in both languages; "both" joins them in pool. */
const char *sipadv_in_language(wmem_allocator_t *pool, const char *en, const char *zh);
bool sipadv_show_en(void);
bool sipadv_show_zh(void);
/* The first max bytes of text, cut on a UTF-8 character boundary, with "…" if cut. */
const char *sipadv_shortened(wmem_allocator_t *pool, const char *text, size_t max);
/* len sender bytes at offset as printable text, at most SIPADV_MAX_QUOTE bytes of it. */
const char *sipadv_quote(wmem_allocator_t *pool, tvbuff_t *tvb, gint offset, guint32 len);
/*
 * A text field (steps: a guidance's steps, shown one per line), generated,
 * hidden unless visible; long ones show their beginning with the full text
 * wrapped underneath, in at most SIPADV_MAX_LINES lines.
 */
void sipadv_add_text(proto_tree *tree, packet_info *pinfo, tvbuff_t *tvb, gint offset, int hf, const char *text,
                     const char *const *steps, unsigned n_steps, bool visible);

#endif
