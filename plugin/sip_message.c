/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "sip_message.h"

#include <string.h>

typedef struct {
    const char *name;
    size_t      len;
    char        compact;   /* RFC 3261 §7.3.3 and the IANA header registry; 0 if none */
} header_spelling;

#define SPELLING(name, compact) { name, sizeof(name) - 1, compact }

static const header_spelling header_spellings[SIPADV_HDR_COUNT] = {
    [SIPADV_HDR_VIA]                      = SPELLING("Via", 'v'),
    [SIPADV_HDR_FROM]                     = SPELLING("From", 'f'),
    [SIPADV_HDR_TO]                       = SPELLING("To", 't'),
    [SIPADV_HDR_CALL_ID]                  = SPELLING("Call-ID", 'i'),
    [SIPADV_HDR_CSEQ]                     = SPELLING("CSeq", 0),
    [SIPADV_HDR_CONTACT]                  = SPELLING("Contact", 'm'),
    [SIPADV_HDR_CONTENT_LENGTH]           = SPELLING("Content-Length", 'l'),
    [SIPADV_HDR_CONTENT_TYPE]             = SPELLING("Content-Type", 'c'),
    [SIPADV_HDR_CONTENT_ENCODING]         = SPELLING("Content-Encoding", 'e'),
    [SIPADV_HDR_SUPPORTED]                = SPELLING("Supported", 'k'),
    [SIPADV_HDR_REQUIRE]                  = SPELLING("Require", 0),
    [SIPADV_HDR_UNSUPPORTED]              = SPELLING("Unsupported", 0),
    [SIPADV_HDR_ALLOW]                    = SPELLING("Allow", 0),
    [SIPADV_HDR_ALLOW_EVENTS]             = SPELLING("Allow-Events", 'u'),
    [SIPADV_HDR_ACCEPT]                   = SPELLING("Accept", 0),
    [SIPADV_HDR_ACCEPT_ENCODING]          = SPELLING("Accept-Encoding", 0),
    [SIPADV_HDR_ACCEPT_LANGUAGE]          = SPELLING("Accept-Language", 0),
    [SIPADV_HDR_ACCEPT_RESOURCE_PRIORITY] = SPELLING("Accept-Resource-Priority", 0),
    [SIPADV_HDR_RETRY_AFTER]              = SPELLING("Retry-After", 0),
    [SIPADV_HDR_WWW_AUTHENTICATE]         = SPELLING("WWW-Authenticate", 0),
    [SIPADV_HDR_PROXY_AUTHENTICATE]       = SPELLING("Proxy-Authenticate", 0),
    [SIPADV_HDR_MIN_EXPIRES]              = SPELLING("Min-Expires", 0),
    [SIPADV_HDR_MIN_SE]                   = SPELLING("Min-SE", 0),
    [SIPADV_HDR_SESSION_EXPIRES]          = SPELLING("Session-Expires", 'x'),
    [SIPADV_HDR_EXPIRES]                  = SPELLING("Expires", 0),
    [SIPADV_HDR_RSEQ]                     = SPELLING("RSeq", 0),
    [SIPADV_HDR_WARNING]                  = SPELLING("Warning", 0),
    [SIPADV_HDR_REASON]                   = SPELLING("Reason", 0),
    [SIPADV_HDR_SECURITY_SERVER]          = SPELLING("Security-Server", 0),
    [SIPADV_HDR_RECV_INFO]                = SPELLING("Recv-Info", 0),
    [SIPADV_HDR_EVENT]                    = SPELLING("Event", 'o'),
    [SIPADV_HDR_REFER_TO]                 = SPELLING("Refer-To", 'r'),
    [SIPADV_HDR_REFERRED_BY]              = SPELLING("Referred-By", 'b'),
    [SIPADV_HDR_SUBJECT]                  = SPELLING("Subject", 's'),
    [SIPADV_HDR_ACCEPT_CONTACT]           = SPELLING("Accept-Contact", 'a'),
    [SIPADV_HDR_REJECT_CONTACT]           = SPELLING("Reject-Contact", 'j'),
    [SIPADV_HDR_REQUEST_DISPOSITION]      = SPELLING("Request-Disposition", 'd'),
    [SIPADV_HDR_IDENTITY]                 = SPELLING("Identity", 'y'),
    [SIPADV_HDR_RECORD_ROUTE]             = SPELLING("Record-Route", 0),
    [SIPADV_HDR_SERVER]                   = SPELLING("Server", 0),
    [SIPADV_HDR_USER_AGENT]               = SPELLING("User-Agent", 0),
    [SIPADV_HDR_P_ASSERTED_IDENTITY]      = SPELLING("P-Asserted-Identity", 0),
    [SIPADV_HDR_P_ACCESS_NETWORK_INFO]    = SPELLING("P-Access-Network-Info", 0),
    [SIPADV_HDR_AUTHORIZATION]            = SPELLING("Authorization", 0),
    [SIPADV_HDR_PROXY_AUTHORIZATION]      = SPELLING("Proxy-Authorization", 0),
    [SIPADV_HDR_SECURITY_CLIENT]          = SPELLING("Security-Client", 0),
    [SIPADV_HDR_SECURITY_VERIFY]          = SPELLING("Security-Verify", 0),
    [SIPADV_HDR_P_PREFERRED_IDENTITY]     = SPELLING("P-Preferred-Identity", 0),
};

static inline bool
is_wsp(uint8_t c)
{
    return c == ' ' || c == '\t';
}

static sipadv_span
span_of(size_t off, size_t len)
{
    return (sipadv_span){ (uint32_t)off, (uint32_t)len };
}

/* End of the line starting at pos (index of its '\n', or len), and its length without CR. */
static size_t
line_end(const uint8_t *buf, size_t len, size_t pos, size_t *content_len)
{
    const uint8_t *nl = memchr(buf + pos, '\n', len - pos);
    size_t end = nl ? (size_t)(nl - buf) : len;
    size_t content_end = end;

    if (content_end > pos && buf[content_end - 1] == '\r')
        content_end--;
    *content_len = content_end - pos;
    return end;
}

/*
 * The headers by name length and lower-case first letter (at most SHAPE_WAYS
 * share both: Session-Expires, Security-Client, -Server, -Verify), and by
 * compact form; built on first use. A lookup then compares a name or few:
 * this runs for every header of every message.
 */
#define MAX_NAME 32
#define SHAPE_WAYS 4
static uint8_t by_shape[MAX_NAME][26][SHAPE_WAYS];   /* sipadv_header_id, a byte: the table stays in few cache lines */
static uint8_t compact_form[26];
static uint8_t lower_name[SIPADV_HDR_COUNT][MAX_NAME];

/* Byte tables for the loops that run on every byte of names and parameters. */
static uint8_t folded[256];      /* ASCII lower case */
static bool    token_char[256];  /* RFC 3261 §25.1 token */

static void
index_bytes(void)
{
    for (int c = 0; c < 256; c++) {
        folded[c] = sipadv_lower((uint8_t)c);
        token_char[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        (c != '\0' && strchr("-.!%*_+`'~", c) != NULL);
    }
}

static void
index_spellings(void)
{
    index_bytes();
    for (int c = 0; c < 26; c++) {
        compact_form[c] = SIPADV_HDR_OTHER;
        for (int l = 0; l < MAX_NAME; l++)
            memset(by_shape[l][c], SIPADV_HDR_OTHER, SHAPE_WAYS);
    }
    for (int id = 0; id < SIPADV_HDR_COUNT; id++) {
        const header_spelling *h = &header_spellings[id];
        uint8_t *slot = by_shape[h->len][sipadv_lower((uint8_t)h->name[0]) - 'a'];
        int k = 0;
        for (size_t i = 0; i < h->len; i++)
            lower_name[id][i] = sipadv_lower((uint8_t)h->name[i]);
        while (k < SHAPE_WAYS - 1 && slot[k] != SIPADV_HDR_OTHER)
            k++;   /* a fourth of one shape would take the third's place: the unit test finds every spelling */
        slot[k] = (uint8_t)id;
        if (h->compact)
            compact_form[h->compact - 'a'] = (uint8_t)id;
    }
}

static bool indexed;

static inline void
ensure_indexed(void)
{
    if (!indexed) {
        index_spellings();
        indexed = true;
    }
}

sipadv_header_id
sipadv_header_lookup(const uint8_t *name, size_t len)
{
    uint8_t first;

    ensure_indexed();
    if (len == 0 || len >= MAX_NAME || (first = sipadv_lower(name[0])) < 'a' || first > 'z')
        return SIPADV_HDR_OTHER;
    if (len == 1)
        return (sipadv_header_id)compact_form[first - 'a'];
    for (int k = 0; k < SHAPE_WAYS; k++) {
        sipadv_header_id id = (sipadv_header_id)by_shape[len][first - 'a'][k];
        if (id == SIPADV_HDR_OTHER)
            break;
        const uint8_t *n = lower_name[id];
        size_t i = 1;
        while (i < len && folded[name[i]] == n[i])
            i++;
        if (i == len)
            return id;
    }
    return SIPADV_HDR_OTHER;
}

const char *
sipadv_header_name(sipadv_header_id id)
{
    return id < SIPADV_HDR_COUNT ? header_spellings[id].name : "";
}

static bool
starts_with_sip_version(const uint8_t *buf, size_t len)
{
    static const char sip[] = "sip/";

    if (len < sizeof sip - 1)
        return false;
    for (size_t i = 0; i < sizeof sip - 1; i++)
        if (sipadv_lower(buf[i]) != (uint8_t)sip[i])
            return false;
    return true;
}

bool
sipadv_parse_status_line(const uint8_t *buf, size_t len, sipadv_status_line *out)
{
    size_t line_len, pos, code_start;

    memset(out, 0, sizeof *out);
    out->kind = SIPADV_NOT_A_RESPONSE;
    if (!starts_with_sip_version(buf, len))
        return false;
    line_end(buf, len, 0, &line_len);
    out->line.len = line_len;
    out->kind = SIPADV_STATUS_MALFORMED;

    for (pos = 0; pos < line_len && !is_wsp(buf[pos]); pos++)
        ;
    while (pos < line_len && is_wsp(buf[pos]))
        pos++;
    code_start = pos;
    while (pos < line_len && !is_wsp(buf[pos]))
        pos++;
    out->code_text.off = code_start;
    out->code_text.len = pos - code_start;
    if (pos < line_len)
        pos++;   /* the SP before the reason phrase */
    out->reason.off = pos;
    out->reason.len = line_len - pos;

    if (out->code_text.len == 0) {
        out->problem = SIPADV_PROBLEM_NO_CODE;
        return true;
    }
    for (size_t i = code_start; i < code_start + out->code_text.len; i++) {
        if (buf[i] < '0' || buf[i] > '9') {
            out->problem = SIPADV_PROBLEM_NOT_NUMBER;
            return true;
        }
    }
    if (out->code_text.len != 3) {
        out->problem = SIPADV_PROBLEM_NOT_THREE_DIGITS;
        return true;
    }
    out->has_code = true;
    out->code = (unsigned)(buf[code_start] - '0') * 100 + (unsigned)(buf[code_start + 1] - '0') * 10 +
                (unsigned)(buf[code_start + 2] - '0');
    if (out->code < 100 || out->code > 699) {
        out->problem = SIPADV_PROBLEM_OUT_OF_RANGE;
        return true;
    }
    out->kind = SIPADV_STATUS_OK;
    return true;
}

void
sipadv_header_iter_init(sipadv_header_iter *it, const uint8_t *buf, size_t len)
{
    size_t ignored;

    it->buf = buf;
    it->len = len;
    it->pos = line_end(buf, len, 0, &ignored);
    if (it->pos < len)
        it->pos++;
    it->at_body = false;
}

bool
sipadv_header_iter_at_body(const sipadv_header_iter *it)
{
    return it->at_body;
}

bool
sipadv_header_next(sipadv_header_iter *it, sipadv_header *out)
{
    const uint8_t *buf = it->buf, *end = buf + it->len;

    while (!it->at_body && it->pos < it->len) {
        const uint8_t *start = buf + it->pos;
        const uint8_t *nl = memchr(start, '\n', (size_t)(end - start));
        const uint8_t *stop = nl ? nl : end;
        const uint8_t *first_end = stop > start && stop[-1] == '\r' ? stop - 1 : stop;
        const uint8_t *field_end = first_end, *colon, *name_end, *v;

        if (first_end == start) {
            it->at_body = true;
            return false;
        }
        /* A field runs on over lines that start with white space (RFC 3261 §7.3.1). */
        while (nl && nl + 1 < end && is_wsp(nl[1])) {
            const uint8_t *next = nl + 1;
            nl = memchr(next, '\n', (size_t)(end - next));
            stop = nl ? nl : end;
            field_end = stop > next && stop[-1] == '\r' ? stop - 1 : stop;
        }
        it->pos = nl ? (size_t)(nl + 1 - buf) : it->len;

        /* Lines without a name and a colon are not header fields: pass over them. */
        if (is_wsp(*start))
            continue;
        if (!(colon = memchr(start, ':', (size_t)(first_end - start))))
            continue;
        for (name_end = colon; name_end > start && is_wsp(name_end[-1]); name_end--)
            ;
        if (name_end == start)
            continue;
        out->field = span_of((size_t)(start - buf), (size_t)(field_end - start));
        for (v = colon + 1; v < field_end && sipadv_is_lws(*v); v++)
            ;
        while (field_end > v && sipadv_is_lws(field_end[-1]))
            field_end--;

        out->name = span_of((size_t)(start - buf), (size_t)(name_end - start));
        out->id = sipadv_header_lookup(start, out->name.len);
        out->value = span_of((size_t)(v - buf), (size_t)(field_end - v));
        return true;
    }
    return false;
}

static bool
equal_nocase_n(const uint8_t *a, size_t len, const char *b, size_t b_len)
{
    if (b_len != len)
        return false;
    ensure_indexed();
    for (size_t i = 0; i < len; i++)
        if (folded[a[i]] != folded[(uint8_t)b[i]])
            return false;
    return true;
}

static bool
equal_nocase(const uint8_t *a, size_t len, const char *b)
{
    return equal_nocase_n(a, len, b, strlen(b));
}

static inline bool
is_token_char(uint8_t c)
{
    return token_char[c];
}

/*
 * Where the '<' at pos is closed: the '>' that comes before any other '<'
 * (URIs escape both), or pos itself when none does. One left open must not
 * hide what follows it (an unclosed To would lose its tag); looking only as
 * far as the next '<' keeps a value full of them linear to read.
 */
static size_t
angle_end(const uint8_t *buf, size_t pos, size_t end)
{
    const uint8_t *from = buf + pos + 1;
    const uint8_t *next_open = memchr(from, '<', end - pos - 1);
    const uint8_t *close = memchr(from, '>', next_open ? (size_t)(next_open - from) : end - pos - 1);

    return close ? (size_t)(close - buf) : pos;
}

/*
 * Index of the next want at or after pos outside quoted strings and <...>, or
 * end. Runs on every parameter of From, To and Via of every message, so memchr
 * does the scanning: quotes and brackets are looked for only before the want
 * it found, and each search is redone only once pos has passed what it found,
 * which keeps a value full of quotes or brackets linear to read.
 */
static size_t
find_unquoted(const uint8_t *buf, size_t pos, size_t end, uint8_t want)
{
    size_t hit = pos, quote = pos, angle = pos;
    bool searched = false;

    while (pos < end) {
        if (!searched || hit < pos) {
            const uint8_t *w = memchr(buf + pos, want, end - pos);
            hit = w ? (size_t)(w - buf) : end;
            quote = angle = pos;
            searched = true;
        }
        if (quote <= pos || quote > hit) {
            const uint8_t *q = memchr(buf + pos, '"', hit - pos);
            quote = q ? (size_t)(q - buf) : hit;
        }
        if (angle <= pos || angle > hit) {
            const uint8_t *a = memchr(buf + pos, '<', hit - pos);
            angle = a ? (size_t)(a - buf) : hit;
        }
        if (quote == hit && angle == hit)
            return hit;
        if (quote < angle) {
            for (pos = quote + 1; pos < end && buf[pos] != '"'; pos++)
                if (buf[pos] == '\\')
                    pos++;
            pos++;
        } else {
            pos = angle_end(buf, angle, end) + 1;
        }
    }
    return end;
}

/*
 * Where find_unquoted(buf, pos, end, ';') lands in an item without quoted
 * strings whose only '<' opens at open and closes at close (both end when it
 * has none): memchr outside the brackets. From, To and Via take this way.
 */
static size_t
next_plain_semicolon(const uint8_t *buf, size_t pos, size_t end, size_t open, size_t close)
{
    const uint8_t *hit;

    if (pos < open) {
        if ((hit = memchr(buf + pos, ';', open - pos)))
            return (size_t)(hit - buf);
        pos = close + 1;
    } else if (pos <= close && close < end) {
        pos = close + 1;
    }
    hit = pos < end ? memchr(buf + pos, ';', end - pos) : NULL;
    return hit ? (size_t)(hit - buf) : end;
}

/*
 * The brackets of an item that next_plain_semicolon can read (no '"', at most
 * one '<', closed): *open and *close, or both end when it has none. False
 * otherwise: find_unquoted reads it.
 */
static bool
plain_item(const uint8_t *buf, size_t start, size_t end, size_t *open, size_t *close)
{
    const uint8_t *lt;

    if (memchr(buf + start, '"', end - start))
        return false;
    if (!(lt = memchr(buf + start, '<', end - start))) {
        *open = *close = end;
        return true;
    }
    *open = (size_t)(lt - buf);
    *close = angle_end(buf, *open, end);
    return *close != *open && !memchr(buf + *close + 1, '<', end - *close - 1);
}

/* The next ';' outside quoted strings and <...> at or after pos: the cheap way when the item allows it. */
static inline size_t
next_semicolon(const uint8_t *buf, size_t pos, size_t end, bool plain, size_t open, size_t close)
{
    return plain ? next_plain_semicolon(buf, pos, end, open, close) : find_unquoted(buf, pos, end, ';');
}

bool
sipadv_param_value(const uint8_t *buf, sipadv_span item, const char *name, sipadv_span *out)
{
    size_t end = item.off + item.len, name_len = strlen(name), open = end, close = end;
    bool plain = plain_item(buf, item.off, end, &open, &close);

    ensure_indexed();

    for (size_t pos = next_semicolon(buf, item.off, end, plain, open, close); pos < end;
         pos = next_semicolon(buf, pos + 1, end, plain, open, close)) {
        size_t start = pos + 1, name_end, v, v_end;
        while (start < end && sipadv_is_lws(buf[start]))
            start++;
        for (name_end = start; name_end < end && is_token_char(buf[name_end]); name_end++)
            ;
        if (name_end == start || !equal_nocase_n(buf + start, name_end - start, name, name_len))
            continue;
        v = name_end;
        while (v < end && sipadv_is_lws(buf[v]))
            v++;
        if (v < end && buf[v] == '=') {
            v++;
            while (v < end && sipadv_is_lws(buf[v]))
                v++;
        }
        v_end = next_semicolon(buf, v, end, plain, open, close);
        while (v_end > v && sipadv_is_lws(buf[v_end - 1]))
            v_end--;
        out->off = v;
        out->len = v_end - v;
        return true;
    }
    return false;
}

sipadv_span
sipadv_addr_uri(const uint8_t *buf, sipadv_span value)
{
    const uint8_t *p = buf + value.off;
    const uint8_t *open = memchr(p, '<', value.len), *close;
    const uint8_t *semicolon;

    if (open) {
        close = memchr(open + 1, '>', value.len - (size_t)(open + 1 - p));
        return span_of((size_t)(open + 1 - buf), (size_t)((close ? close : p + value.len) - open - 1));
    }
    semicolon = memchr(p, ';', value.len);
    return span_of(value.off, semicolon ? (size_t)(semicolon - p) : value.len);
}

bool
sipadv_span_equals(const uint8_t *buf, sipadv_span s, const char *text)
{
    return equal_nocase(buf + s.off, s.len, text);
}

bool
sipadv_span_starts(const uint8_t *buf, sipadv_span s, const char *text)
{
    size_t n = strlen(text);

    return s.len >= n && equal_nocase(buf + s.off, n, text);
}

bool
sipadv_value_has_param(const uint8_t *buf, sipadv_span value, const char *param)
{
    sipadv_span ignored;

    return sipadv_param_value(buf, value, param, &ignored);
}

bool
sipadv_next_list_item(const uint8_t *buf, sipadv_span value, size_t *pos, sipadv_span *item)
{
    size_t end = value.off + value.len;

    while (*pos < end) {
        size_t start = *pos, stop = find_unquoted(buf, start, end, ',');
        *pos = stop < end ? stop + 1 : end;
        while (start < stop && sipadv_is_lws(buf[start]))
            start++;
        while (stop > start && sipadv_is_lws(buf[stop - 1]))
            stop--;
        if (stop > start) {
            item->off = start;
            item->len = stop - start;
            return true;
        }
    }
    return false;
}

bool
sipadv_value_has_token(const uint8_t *buf, sipadv_span value, const char *token)
{
    size_t pos = value.off, end = value.off + value.len;

    while (pos < end) {
        size_t start, stop;
        while (pos < end && (sipadv_is_lws(buf[pos]) || buf[pos] == ','))
            pos++;
        start = pos;
        while (pos < end && buf[pos] != ',')
            pos++;
        for (stop = pos; stop > start && sipadv_is_lws(buf[stop - 1]); stop--)
            ;
        if (stop > start && equal_nocase(buf + start, stop - start, token))
            return true;
    }
    return false;
}

bool
sipadv_value_is_number(const uint8_t *buf, sipadv_span value)
{
    return value.len > 0 && buf[value.off] >= '0' && buf[value.off] <= '9';
}

#define SIPADV_METHOD_SPELLING(m) { #m, sizeof(#m) - 1 },
static const struct {
    const char *name;
    size_t      len;
} method_spellings[] = { { "", 0 }, SIPADV_METHODS(SIPADV_METHOD_SPELLING) };

sipadv_method
sipadv_method_lookup(const uint8_t *token, size_t len)
{
    if (len == 0)
        return SIPADV_METHOD_NONE;
    for (int m = SIPADV_METHOD_NONE + 1; m < SIPADV_METHOD_OTHER; m++)
        if (method_spellings[m].len == len && method_spellings[m].name[0] == (char)token[0] &&
            memcmp(method_spellings[m].name, token, len) == 0)
            return (sipadv_method)m;
    return SIPADV_METHOD_OTHER;
}

const char *
sipadv_method_name(sipadv_method m)
{
    return m > SIPADV_METHOD_NONE && m < SIPADV_METHOD_OTHER ? method_spellings[m].name : "";
}


/* Request-Line = Method SP Request-URI SP SIP-Version (RFC 3261 §7.1). */
static bool
parse_request_line(const uint8_t *buf, size_t len, sipadv_message *out)
{
    size_t line_len, pos = 0, last_sp;

    line_end(buf, len, 0, &line_len);
    while (pos < line_len && is_token_char(buf[pos]))
        pos++;
    if (pos == 0 || pos == line_len || buf[pos] != ' ')
        return false;
    for (last_sp = line_len; last_sp > pos && buf[last_sp - 1] != ' '; last_sp--)
        ;
    if (last_sp <= pos + 1 || !starts_with_sip_version(buf + last_sp, line_len - last_sp))
        return false;
    out->method = span_of(0, pos);
    out->method_id = sipadv_method_lookup(buf, pos);
    out->request_uri = span_of(pos + 1, last_sp - 1 - (pos + 1));
    return true;
}

/* CSeq = 1*DIGIT LWS Method (RFC 3261 §20.16); numbers past 2^32 - 1 are not numbers. */
static void
read_cseq(const uint8_t *buf, sipadv_span value, sipadv_identity *id)
{
    size_t pos = value.off, end = (size_t)value.off + value.len;
    uint64_t n = 0;

    while (pos < end && buf[pos] >= '0' && buf[pos] <= '9' && n <= UINT32_MAX)
        n = n * 10 + (uint64_t)(buf[pos++] - '0');
    if (pos == value.off || n > UINT32_MAX)
        return;
    id->has_cseq = true;
    id->cseq = (uint32_t)n;
    if (pos == end || !sipadv_is_lws(buf[pos]))
        return;
    while (pos < end && sipadv_is_lws(buf[pos]))
        pos++;
    size_t start = pos;
    while (pos < end && !sipadv_is_lws(buf[pos]))
        pos++;
    id->cseq_method = span_of(start, pos - start);
    id->cseq_method_id = sipadv_method_lookup(buf + start, pos - start);
}

/* Via = SIP/2.0/transport LWS sent-by *(;params): the top value's sent-by and branch. */
static void
read_top_via(const uint8_t *buf, sipadv_span value, sipadv_identity *id, uint32_t *flags)
{
    size_t pos = value.off;
    sipadv_span top;

    if (!sipadv_next_list_item(buf, value, &pos, &top))
        return;
    size_t p = top.off, end = (size_t)top.off + top.len, transport = p;
    while (p < end && !sipadv_is_lws(buf[p])) {
        if (buf[p] == '/')
            transport = p + 1;
        p++;
    }
    id->via_transport = span_of(transport, p - transport);
    /* Content-Length is a MUST on stream transports only (RFC 3261 §20.14, §18.3); WS and SCTP frame messages. */
    if (sipadv_span_equals(buf, id->via_transport, "TCP") || sipadv_span_equals(buf, id->via_transport, "TLS"))
        *flags |= SIPADV_F_STREAM;
    while (p < end && sipadv_is_lws(buf[p]))
        p++;
    size_t start = p;
    while (p < end && buf[p] != ';' && !sipadv_is_lws(buf[p]))
        p++;
    id->via_sent_by = span_of(start, p - start);
    sipadv_param_value(buf, top, "branch", &id->via_branch);
}

/* Notes what one header field says about the message. */
static void
take_header(const uint8_t *buf, const sipadv_header *h, sipadv_message *out)
{
    bool first = out->count[h->id] == 0;

    if (first)
        out->first[h->id] = h->value;
    switch (h->id) {
    case SIPADV_HDR_TO:
        if (first && sipadv_param_value(buf, h->value, "tag", &out->id.to_tag)) {
            out->id.has_to_tag = true;
            out->flags |= SIPADV_F_TO_TAG;
        }
        break;
    case SIPADV_HDR_FROM:
        if (first)
            sipadv_param_value(buf, h->value, "tag", &out->id.from_tag);
        break;
    case SIPADV_HDR_CALL_ID:
        if (first)
            out->id.call_id = h->value;
        break;
    case SIPADV_HDR_CSEQ:
        if (first)
            read_cseq(buf, h->value, &out->id);
        break;
    case SIPADV_HDR_VIA:
        if (first)
            read_top_via(buf, h->value, &out->id, &out->flags);
        break;
    case SIPADV_HDR_REASON:
    case SIPADV_HDR_WARNING: {
        sipadv_repeats *r = h->id == SIPADV_HDR_REASON ? &out->reasons : &out->warnings;
        if (r->n < SIPADV_MAX_REPEATS) {
            r->value[r->n++] = h->value;
        } else {
            size_t pos = h->value.off;
            sipadv_span item;
            while (sipadv_next_list_item(buf, h->value, &pos, &item))
                r->more++;
        }
        break;
    }
    case SIPADV_HDR_REQUIRE:
        if (sipadv_value_has_token(buf, h->value, "100rel"))
            out->flags |= SIPADV_F_REQUIRE_100REL;
        if (sipadv_value_has_token(buf, h->value, "timer"))
            out->flags |= SIPADV_F_REQUIRE_TIMER;
        break;
    default:
        break;
    }
    if (out->count[h->id] < UINT8_MAX)
        out->count[h->id]++;
    out->present |= (uint64_t)1 << h->id;
}

bool
sipadv_message_parse(const uint8_t *buf, size_t len, sipadv_message *out)
{
    sipadv_header_iter it;
    sipadv_header h;

    ensure_indexed();
    memset(out, 0, sizeof *out);
    if (sipadv_parse_status_line(buf, len, &out->status))
        out->kind = SIPADV_KIND_RESPONSE;
    else if (parse_request_line(buf, len, out))
        out->kind = SIPADV_KIND_REQUEST;
    else
        return false;

    sipadv_header_iter_init(&it, buf, len);
    while (sipadv_header_next(&it, &h))
        if (h.id != SIPADV_HDR_OTHER)
            take_header(buf, &h, out);
    out->headers_complete = sipadv_header_iter_at_body(&it);
    if (out->headers_complete) {
        size_t blank_len;
        size_t blank_end = line_end(buf, len, it.pos, &blank_len);
        size_t body_off = blank_end < len ? blank_end + 1 : len;
        out->body = span_of(body_off, len - body_off);
    }
    return true;
}

size_t
sipadv_message_frame(const uint8_t *buf, size_t len, sipadv_message *msg)
{
    sipadv_span cl = msg->first[SIPADV_HDR_CONTENT_LENGTH];
    uint64_t n = 0;

    if (!msg->headers_complete || !sipadv_message_has(msg, SIPADV_HDR_CONTENT_LENGTH))
        return len;
    /* As SIP reads it (ws_strtou32): a value that is not a number counts as 0, one past 2^32 - 1 as absent. */
    for (uint32_t i = 0; i < cl.len; i++) {
        if (buf[cl.off + i] < '0' || buf[cl.off + i] > '9') {
            n = 0;
            break;
        }
        if (n <= UINT32_MAX)
            n = n * 10 + (uint64_t)(buf[cl.off + i] - '0');
    }
    if (n > UINT32_MAX)
        return len;
    if (n < msg->body.len)
        msg->body.len = (uint32_t)n;
    return (size_t)msg->body.off + msg->body.len;
}
