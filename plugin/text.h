/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Putting bilingual texts on the packet: language choice, templates, long tree items, expert texts. */
#ifndef SIPADV_TEXT_H
#define SIPADV_TEXT_H

#include <stdbool.h>
#include <epan/packet.h>
#include <epan/expert.h>

#include "annotate.h"
#include "knowledge.h"
#include "sipadv_tables.h"

/* Values for the {placeholders} of tables/messages.tsv and tables/rules.tsv. */
typedef struct {
    const char *code, *reason, *hint, *step, *base, *detail, *method, *missing, *other, *phrase;
    const char *captured, *length;
} message_values;

const char *sipadv_text_in(const sipadv_text *t, bool zh);
/* Fills a template; unknown placeholders were rejected at build time. */
char *sipadv_expand_message(wmem_allocator_t *pool, const char *tmpl, const message_values *v);
/* Cuts an expert text to what Wireshark keeps, on a character boundary. */
char *sipadv_fit_label(char *text);
/* The text in the configured language; "both" gives English, then Chinese. */
char *sipadv_localized(packet_info *pinfo, const sipadv_text *t, const message_values *en, const message_values *zh);
char *sipadv_localized_message(packet_info *pinfo, sipadv_msg_id id, const message_values *en, const message_values *zh);
/* A text picked by language, without placeholders. */
const char *sipadv_pick_text(packet_info *pinfo, const sipadv_text *t);
/* Whether anything shows this expert's text (else add it with its summary). */
bool sipadv_expert_text_wanted(const sipadv_msg_ctx *ctx, expert_field *ei);
bool sipadv_show_en(void);
bool sipadv_show_zh(void);
/* A text field (steps: a guidance's steps, shown one per line); hidden unless visible. */
void sipadv_add_text(proto_tree *tree, const sipadv_msg_ctx *ctx, int hf, const char *text,
                     const char *const *steps, unsigned n_steps, bool visible);

#endif
