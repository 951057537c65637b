/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "interworking.h"

#include <string.h>

const sipadv_cause_info *
sipadv_q850_lookup(unsigned cause)
{
    for (size_t i = 0; i < sipadv_q850_table_len; i++)
        if (sipadv_q850_table[i].cause == cause)
            return &sipadv_q850_table[i];
    return NULL;
}

const sipadv_warning_info *
sipadv_warning_lookup(unsigned code)
{
    for (size_t i = 0; i < sipadv_warning_table_len; i++)
        if (sipadv_warning_table[i].code == code)
            return &sipadv_warning_table[i];
    return NULL;
}

bool
sipadv_cause_contradicts(const sipadv_cause_info *cause, unsigned status)
{
    /* Provisional responses (199 among them) may carry any cause (RFC 6228). */
    if (!cause || !cause->statuses || status < 300)
        return false;
    for (size_t i = 0; i < cause->n_statuses; i++)
        if (cause->statuses[i] == status)
            return false;
    return true;
}

static sipadv_span
unquoted(const uint8_t *buf, sipadv_span s)
{
    if (s.len >= 2 && buf[s.off] == '"' && buf[s.off + s.len - 1] == '"')
        return (sipadv_span){ s.off + 1, s.len - 2 };
    return s;
}

/* A decimal number of at most max_digits filling the whole span. */
static bool
span_number(const uint8_t *buf, sipadv_span s, size_t max_digits, unsigned *out)
{
    unsigned v = 0;

    if (s.len == 0 || s.len > max_digits)
        return false;
    for (size_t i = 0; i < s.len; i++) {
        if (buf[s.off + i] < '0' || buf[s.off + i] > '9')
            return false;
        v = v * 10 + (unsigned)(buf[s.off + i] - '0');
    }
    *out = v;
    return true;
}

bool
sipadv_parse_reason(const uint8_t *buf, sipadv_span item, sipadv_reason_value *out)
{
    size_t pos = item.off, end = item.off + item.len;
    sipadv_span text;

    memset(out, 0, sizeof *out);
    while (pos < end && buf[pos] != ';' && !sipadv_is_lws(buf[pos]))
        pos++;
    out->protocol = (sipadv_span){ item.off, pos - item.off };
    if (out->protocol.len == 0)
        return false;
    if (sipadv_span_equals(buf, out->protocol, "Q.850"))
        out->kind = SIPADV_REASON_Q850;
    else if (sipadv_span_equals(buf, out->protocol, "SIP"))
        out->kind = SIPADV_REASON_SIP;
    if (sipadv_param_value(buf, item, "cause", &out->cause_text))
        out->has_cause = span_number(buf, out->cause_text, 5, &out->cause);
    if (sipadv_param_value(buf, item, "text", &text))
        out->text = unquoted(buf, text);
    return true;
}

bool
sipadv_parse_warning(const uint8_t *buf, sipadv_span item, sipadv_warning_value *out)
{
    size_t pos = item.off, end = item.off + item.len, start;

    memset(out, 0, sizeof *out);
    while (pos < end && !sipadv_is_lws(buf[pos]))
        pos++;
    out->code_text = (sipadv_span){ item.off, pos - item.off };
    out->has_code = out->code_text.len == 3 && span_number(buf, out->code_text, 3, &out->code);
    while (pos < end && sipadv_is_lws(buf[pos]))
        pos++;
    start = pos;
    while (pos < end && !sipadv_is_lws(buf[pos]))
        pos++;
    out->agent = (sipadv_span){ start, pos - start };
    while (pos < end && sipadv_is_lws(buf[pos]))
        pos++;
    out->text = unquoted(buf, (sipadv_span){ pos, end - pos });
    return out->code_text.len > 0;
}

/* The text between <name> and </name> inside [from, end), or an empty span. */
static sipadv_span
element(const uint8_t *buf, size_t from, size_t end, const char *name)
{
    size_t n = strlen(name);

    for (size_t pos = from; pos + n + 2 <= end; pos++) {
        if (buf[pos] != '<' || memcmp(buf + pos + 1, name, n) != 0 || buf[pos + 1 + n] != '>')
            continue;
        size_t start = pos + n + 2, stop = start;
        while (stop + n + 3 <= end && !(buf[stop] == '<' && buf[stop + 1] == '/' &&
                                       memcmp(buf + stop + 2, name, n) == 0 && buf[stop + 2 + n] == '>'))
            stop++;
        if (stop + n + 3 > end)
            return (sipadv_span){ start, 0 };
        while (start < stop && sipadv_is_lws(buf[start]))
            start++;
        while (stop > start && sipadv_is_lws(buf[stop - 1]))
            stop--;
        return (sipadv_span){ start, stop - start };
    }
    return (sipadv_span){ from, 0 };
}

void
sipadv_parse_ims_body(const uint8_t *buf, sipadv_span body, sipadv_ims_body *out)
{
    size_t end = body.off + body.len;
    sipadv_span service = element(buf, body.off, end, "alternative-service");

    memset(out, 0, sizeof *out);
    if (service.len == 0)
        return;
    out->found = true;
    out->type = element(buf, service.off, service.off + service.len, "type");
    out->reason = element(buf, service.off, service.off + service.len, "reason");
    out->action = element(buf, service.off, service.off + service.len, "action");
}

static bool
mentions_3gpp_domain(const uint8_t *buf, sipadv_span s)
{
    static const char domain[] = "3gppnetwork.org";
    const size_t n = sizeof domain - 1;

    for (size_t i = 0; i + n <= s.len; i++)
        if (sipadv_span_equals(buf, (sipadv_span){ s.off + i, n }, domain))
            return true;
    return false;
}

bool
sipadv_looks_ims(const uint8_t *buf, const sipadv_response *resp)
{
    return sipadv_response_has(resp, SIPADV_HDR_P_ACCESS_NETWORK_INFO) ||
           sipadv_response_has(resp, SIPADV_HDR_P_ASSERTED_IDENTITY) ||
           (sipadv_response_has(resp, SIPADV_HDR_FROM) && mentions_3gpp_domain(buf, resp->first[SIPADV_HDR_FROM])) ||
           (sipadv_response_has(resp, SIPADV_HDR_TO) && mentions_3gpp_domain(buf, resp->first[SIPADV_HDR_TO]));
}

bool
sipadv_auth_param(const uint8_t *buf, sipadv_span challenge, const char *name, sipadv_span *out)
{
    size_t pos = challenge.off, end = challenge.off + challenge.len;
    sipadv_span item, list;

    /* challenge = scheme LWS auth-param *(COMMA auth-param) (RFC 3261 §25.1) */
    while (pos < end && !sipadv_is_lws(buf[pos]))
        pos++;
    list = (sipadv_span){ pos, end - pos };
    while (sipadv_next_list_item(buf, list, &pos, &item)) {
        size_t eq = item.off, name_end;
        while (eq < item.off + item.len && buf[eq] != '=')
            eq++;
        for (name_end = eq; name_end > item.off && sipadv_is_lws(buf[name_end - 1]); name_end--)
            ;
        if (eq == item.off + item.len || !sipadv_span_equals(buf, (sipadv_span){ item.off, name_end - item.off }, name))
            continue;
        eq++;
        while (eq < item.off + item.len && sipadv_is_lws(buf[eq]))
            eq++;
        *out = unquoted(buf, (sipadv_span){ eq, item.off + item.len - eq });
        return true;
    }
    return false;
}
