/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "sip_values.h"

#include <string.h>

static sipadv_span
unquoted(const uint8_t *buf, sipadv_span s)
{
    if (s.len >= 2 && buf[s.off] == '"' && buf[s.off + s.len - 1] == '"')
        return (sipadv_span){ s.off + 1, s.len - 2 };
    return s;
}

bool
sipadv_span_number(const uint8_t *buf, sipadv_span s, size_t max_digits, unsigned *out)
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
        out->has_cause = sipadv_span_number(buf, out->cause_text, 5, &out->cause) && out->cause <= UINT16_MAX;
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
    out->has_code = out->code_text.len == 3 && sipadv_span_number(buf, out->code_text, 3, &out->code);
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

static bool
tag_at(const uint8_t *buf, size_t pos, size_t end, const char *name, size_t n, bool closing)
{
    size_t open = closing ? 2 : 1;

    return pos + open + n + 1 <= end && buf[pos] == '<' && (!closing || buf[pos + 1] == '/') &&
           memcmp(buf + pos + open, name, n) == 0 && buf[pos + open + n] == '>';
}

/*
 * The text of the innermost <name>...</name> inside [from, end), white space
 * trimmed, or an empty span: nested copies of the element (<type><type>x</type>)
 * give the inner text, never markup.
 */
static sipadv_span
element(const uint8_t *buf, size_t from, size_t end, const char *name)
{
    size_t n = strlen(name), close = from, start = end;

    while (close < end && !tag_at(buf, close, end, name, n, true))
        close++;
    if (close == end)
        return (sipadv_span){ (uint32_t)from, 0 };
    for (size_t pos = from; pos < close; pos++)
        if (tag_at(buf, pos, close, name, n, false))
            start = pos + n + 2;
    if (start == end)
        return (sipadv_span){ (uint32_t)from, 0 };
    while (start < close && sipadv_is_lws(buf[start]))
        start++;
    while (close > start && sipadv_is_lws(buf[close - 1]))
        close--;
    return (sipadv_span){ (uint32_t)start, (uint32_t)(close - start) };
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
    const uint8_t *p = buf + s.off, *end = buf + s.off + s.len;

    /* The domain starts with a digit, which has no letter case: memchr finds the candidates. */
    while (end - p >= (ptrdiff_t)n && (p = memchr(p, '3', (size_t)(end - p - (ptrdiff_t)n + 1))) != NULL) {
        if (sipadv_span_equals(buf, (sipadv_span){ (uint32_t)(p - buf), (uint32_t)n }, domain))
            return true;
        p++;
    }
    return false;
}

bool
sipadv_looks_ims(const uint8_t *buf, const sipadv_message *msg)
{
    return sipadv_message_has(msg, SIPADV_HDR_P_ACCESS_NETWORK_INFO) ||
           sipadv_message_has(msg, SIPADV_HDR_P_ASSERTED_IDENTITY) ||
           (sipadv_message_has(msg, SIPADV_HDR_FROM) && mentions_3gpp_domain(buf, msg->first[SIPADV_HDR_FROM])) ||
           (sipadv_message_has(msg, SIPADV_HDR_TO) && mentions_3gpp_domain(buf, msg->first[SIPADV_HDR_TO]));
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

sipadv_span
sipadv_security_mechanism(const uint8_t *buf, sipadv_span item)
{
    uint32_t len = 0;

    while (len < item.len && buf[item.off + len] != ';' && !sipadv_is_lws(buf[item.off + len]))
        len++;
    return (sipadv_span){ item.off, len };
}

sipadv_span
sipadv_leading_digits(const uint8_t *buf, sipadv_span value)
{
    uint32_t len = 0;

    while (len < value.len && buf[value.off + len] >= '0' && buf[value.off + len] <= '9')
        len++;
    return (sipadv_span){ value.off, len };
}

/*
 * A UE's own request has one Via, its own (each proxy adds one, RFC 3261
 * §16.6 step 8), and carries what only a UE sends to its P-CSCF, which the
 * P-CSCF removes before forwarding (3GPP TS 24.228's flows): Security-Client
 * or Security-Verify (RFC 3329 sec-agree), P-Preferred-Identity (RFC 3325: a
 * UA sends it only to a trusted proxy directly, which replaces it with
 * P-Asserted-Identity), or P-Access-Network-Info without P-Asserted-Identity
 * (the P-CSCF asserts the identity of what it forwards). Only header bits are
 * read, and the one Via value when one of those is there.
 */
bool
sipadv_sent_by_ue(const uint8_t *buf, const sipadv_message *msg)
{
    const uint64_t own = (UINT64_C(1) << SIPADV_HDR_SECURITY_CLIENT) | (UINT64_C(1) << SIPADV_HDR_SECURITY_VERIFY) |
                         (UINT64_C(1) << SIPADV_HDR_P_PREFERRED_IDENTITY);
    size_t pos = msg->first[SIPADV_HDR_VIA].off;
    sipadv_span item;

    if (msg->kind != SIPADV_KIND_REQUEST || msg->count[SIPADV_HDR_VIA] != 1)
        return false;
    if (!(msg->present & own) && !(sipadv_message_has(msg, SIPADV_HDR_P_ACCESS_NETWORK_INFO) &&
                                   !sipadv_message_has(msg, SIPADV_HDR_P_ASSERTED_IDENTITY)))
        return false;
    /* One Via header with one value: "Via: a, b" is two hops. */
    return sipadv_next_list_item(buf, msg->first[SIPADV_HDR_VIA], &pos, &item) &&
           !sipadv_next_list_item(buf, msg->first[SIPADV_HDR_VIA], &pos, &item);
}

sipadv_span
sipadv_generator(const uint8_t *buf, const sipadv_message *msg, sipadv_header_id *from)
{
    static const sipadv_header_id software[] = { SIPADV_HDR_SERVER, SIPADV_HDR_USER_AGENT };
    size_t pos = msg->warnings.n ? msg->warnings.value[0].off : 0;
    sipadv_span item, none = { 0, 0 };
    sipadv_warning_value wv;

    if (msg->warnings.n && sipadv_next_list_item(buf, msg->warnings.value[0], &pos, &item) &&
        sipadv_parse_warning(buf, item, &wv) && wv.agent.len && !sipadv_span_equals(buf, wv.agent, "-")) {
        *from = SIPADV_HDR_WARNING;
        return wv.agent;
    }
    for (size_t i = 0; i < sizeof software / sizeof software[0]; i++)
        if (sipadv_message_has(msg, software[i]) && msg->first[software[i]].len) {
            *from = software[i];
            return msg->first[software[i]];
        }
    *from = SIPADV_HDR_OTHER;
    return none;
}
