/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A SIP message's text, read without libwireshark: the status line and the
 * header fields, as RFC 3261 §7 and §25 write them (any letter case, compact
 * forms, folded lines). Bytes may be anything; nothing is read past len.
 */
#ifndef SIPADV_SIP_MESSAGE_H
#define SIPADV_SIP_MESSAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vocabulary.h"

/* A piece of the message: offset and length from the message's first byte. */
typedef struct {
    uint32_t off;
    uint32_t len;
} sipadv_span;

/* Header fields the advisor looks at; the compact forms are in sip_message.c. */
typedef enum {
    SIPADV_HDR_VIA,
    SIPADV_HDR_FROM,
    SIPADV_HDR_TO,
    SIPADV_HDR_CALL_ID,
    SIPADV_HDR_CSEQ,
    SIPADV_HDR_CONTACT,
    SIPADV_HDR_CONTENT_LENGTH,
    SIPADV_HDR_CONTENT_TYPE,
    SIPADV_HDR_CONTENT_ENCODING,
    SIPADV_HDR_SUPPORTED,
    SIPADV_HDR_REQUIRE,
    SIPADV_HDR_UNSUPPORTED,
    SIPADV_HDR_ALLOW,
    SIPADV_HDR_ALLOW_EVENTS,
    SIPADV_HDR_ACCEPT,
    SIPADV_HDR_ACCEPT_ENCODING,
    SIPADV_HDR_ACCEPT_LANGUAGE,
    SIPADV_HDR_ACCEPT_RESOURCE_PRIORITY,
    SIPADV_HDR_RETRY_AFTER,
    SIPADV_HDR_WWW_AUTHENTICATE,
    SIPADV_HDR_PROXY_AUTHENTICATE,
    SIPADV_HDR_MIN_EXPIRES,
    SIPADV_HDR_MIN_SE,
    SIPADV_HDR_SESSION_EXPIRES,
    SIPADV_HDR_EXPIRES,
    SIPADV_HDR_RSEQ,
    SIPADV_HDR_WARNING,
    SIPADV_HDR_REASON,
    SIPADV_HDR_SECURITY_SERVER,
    SIPADV_HDR_RECV_INFO,
    SIPADV_HDR_EVENT,
    SIPADV_HDR_REFER_TO,
    SIPADV_HDR_REFERRED_BY,
    SIPADV_HDR_SUBJECT,
    SIPADV_HDR_ACCEPT_CONTACT,
    SIPADV_HDR_REJECT_CONTACT,
    SIPADV_HDR_REQUEST_DISPOSITION,
    SIPADV_HDR_IDENTITY,
    SIPADV_HDR_RECORD_ROUTE,
    SIPADV_HDR_SERVER,
    SIPADV_HDR_USER_AGENT,
    SIPADV_HDR_P_ASSERTED_IDENTITY,
    SIPADV_HDR_P_ACCESS_NETWORK_INFO,
    SIPADV_HDR_AUTHORIZATION,
    SIPADV_HDR_PROXY_AUTHORIZATION,
    SIPADV_HDR_SECURITY_CLIENT,
    SIPADV_HDR_SECURITY_VERIFY,
    SIPADV_HDR_P_PREFERRED_IDENTITY,
    SIPADV_HDR_COUNT,
    SIPADV_HDR_OTHER = SIPADV_HDR_COUNT
} sipadv_header_id;

typedef enum {
    SIPADV_NOT_A_RESPONSE,    /* a request, or not SIP text at all */
    SIPADV_STATUS_OK,
    SIPADV_STATUS_MALFORMED   /* starts like a status line but breaks its grammar */
} sipadv_status_kind;

typedef enum {
    SIPADV_PROBLEM_NONE,
    SIPADV_PROBLEM_NO_CODE,
    SIPADV_PROBLEM_NOT_NUMBER,
    SIPADV_PROBLEM_NOT_THREE_DIGITS,
    SIPADV_PROBLEM_OUT_OF_RANGE
} sipadv_status_problem;

typedef struct {
    sipadv_status_kind kind;
    bool        has_code;     /* three digits were found where the code goes */
    unsigned    code;
    sipadv_span line;         /* without the line end */
    sipadv_span code_text;    /* the token where the code should be */
    sipadv_span reason;       /* reason phrase, possibly empty */
    sipadv_status_problem problem;  /* when kind is SIPADV_STATUS_MALFORMED */
} sipadv_status_line;

typedef struct {
    sipadv_header_id id;
    sipadv_span      name;
    sipadv_span      value;   /* folded lines included, outer white space trimmed */
    sipadv_span      field;   /* the whole header field, continuation lines included */
} sipadv_header;

typedef struct {
    const uint8_t *buf;
    size_t         len;
    size_t         pos;
    bool           at_body;
} sipadv_header_iter;

/* Headers read in every occurrence, not only the first; more are counted, not kept. */
#define SIPADV_MAX_REPEATS 8

typedef struct {
    sipadv_span value[SIPADV_MAX_REPEATS];
    unsigned    n;
    unsigned    more;          /* values of the occurrences past SIPADV_MAX_REPEATS */
} sipadv_repeats;

/* SIP methods the advisor tells apart (RFC 3261 and its extensions); the rest are OTHER. */
#define SIPADV_METHODS(X)                                                                     \
    X(INVITE) X(ACK) X(BYE) X(CANCEL) X(REGISTER) X(OPTIONS) X(PRACK) X(UPDATE) X(INFO)       \
    X(SUBSCRIBE) X(NOTIFY) X(REFER) X(MESSAGE) X(PUBLISH)
#define SIPADV_ENUM_METHOD(m) SIPADV_METHOD_##m,
typedef enum { SIPADV_METHOD_NONE, SIPADV_METHODS(SIPADV_ENUM_METHOD) SIPADV_METHOD_OTHER } sipadv_method;

/* Who a message belongs to: what transactions, dialogs and registrations are keyed on. */
typedef struct {
    sipadv_span   call_id;
    bool          has_cseq;      /* CSeq with a number */
    uint32_t      cseq;
    sipadv_span   cseq_method;   /* empty when CSeq has no method */
    sipadv_method cseq_method_id;
    sipadv_span   via_branch;    /* of the top Via */
    sipadv_span   via_sent_by;   /* host[:port] of the top Via */
    sipadv_span   via_transport; /* of the top Via: UDP, TCP, TLS, SCTP, WS, WSS */
    sipadv_span   from_tag;
    sipadv_span   to_tag;
    bool          has_to_tag;
} sipadv_identity;

typedef enum {
    SIPADV_KIND_NOT_SIP,       /* neither a request line nor a status line */
    SIPADV_KIND_REQUEST,
    SIPADV_KIND_RESPONSE       /* status.kind says whether its status line is well formed */
} sipadv_kind;

/* What the advisor reads of one request or response, in one pass. */
typedef struct {
    sipadv_kind        kind;
    sipadv_status_line status;                /* responses */
    sipadv_span        method;                /* requests: the method token */
    sipadv_method      method_id;
    sipadv_span        request_uri;           /* requests */
    sipadv_identity    id;
    uint32_t           flags;                 /* SIPADV_F_* (vocabulary.h) */
    uint64_t           present;               /* bit (1 << id) per header seen */
    uint8_t            count[SIPADV_HDR_COUNT];   /* occurrences, saturating at 255 */
    sipadv_span        first[SIPADV_HDR_COUNT];   /* value of the first occurrence */
    bool               headers_complete;      /* the blank line ending the headers was seen */
    sipadv_span        body;                  /* after the blank line, to the end of the bytes */
    sipadv_repeats     reasons;               /* every Reason header (RFC 3326) */
    sipadv_repeats     warnings;              /* every Warning header (RFC 3261 §20.43) */
} sipadv_message;

_Static_assert(SIPADV_HDR_COUNT <= 64, "header sets are 64-bit masks");

bool sipadv_parse_status_line(const uint8_t *buf, size_t len, sipadv_status_line *out);

/* Iterates over the header fields that follow the start line. */
void sipadv_header_iter_init(sipadv_header_iter *it, const uint8_t *buf, size_t len);
bool sipadv_header_next(sipadv_header_iter *it, sipadv_header *out);
/* True once the iterator stopped at the blank line that ends the headers. */
bool sipadv_header_iter_at_body(const sipadv_header_iter *it);

sipadv_header_id sipadv_header_lookup(const uint8_t *name, size_t len);
const char *sipadv_header_name(sipadv_header_id id);

/* True if the header value has the parameter, outside <...> and quoted strings. */
bool sipadv_value_has_param(const uint8_t *buf, sipadv_span value, const char *param);
/* True if the comma-separated value lists the token (any letter case). */
bool sipadv_value_has_token(const uint8_t *buf, sipadv_span value, const char *token);
/* True if the value starts with a decimal number (after white space). */
bool sipadv_value_is_number(const uint8_t *buf, sipadv_span value);

/*
 * Reads a request ("Method SP Request-URI SP SIP/...") or a response ("SIP/...
 * SP code SP phrase", well formed or not). False, with kind SIPADV_KIND_NOT_SIP, otherwise.
 */
bool sipadv_message_parse(const uint8_t *buf, size_t len, sipadv_message *out);

/*
 * How long Wireshark's SIP dissector takes the parsed message at buf to be
 * (headers, then Content-Length bytes of body; without a Content-Length, all
 * of len), so that messages sharing one buffer (SIP over TCP) can be walked.
 * Also cuts msg->body to that length.
 */
size_t sipadv_message_frame(const uint8_t *buf, size_t len, sipadv_message *msg);

/* The method a token names (case-sensitive, RFC 3261 §7.1); OTHER if none. */
sipadv_method sipadv_method_lookup(const uint8_t *token, size_t len);
const char *sipadv_method_name(sipadv_method m);

/*
 * Splits a header value at the commas that separate its values (RFC 3261 §7.3.1),
 * not at those inside quoted strings or <...>. Call with *pos = value.off first;
 * returns false when no value is left.
 */
bool sipadv_next_list_item(const uint8_t *buf, sipadv_span value, size_t *pos, sipadv_span *item);

/* The URI of a name-addr or addr-spec value (From, To, Contact): inside its <...> (to the end if unclosed), else up to its first ';'. */
sipadv_span sipadv_addr_uri(const uint8_t *buf, sipadv_span value);

/* The value of parameter name in item (";name=value", quotes kept); false if absent. */
bool sipadv_param_value(const uint8_t *buf, sipadv_span item, const char *name, sipadv_span *out);

/* ASCII letter case and SIP's linear white space, for the readers of header values. */
static inline uint8_t
sipadv_lower(uint8_t c)
{
    return (c >= 'A' && c <= 'Z') ? (uint8_t)(c + ('a' - 'A')) : c;
}

static inline bool
sipadv_is_lws(uint8_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* True if the span holds exactly text, in any letter case. */
bool sipadv_span_equals(const uint8_t *buf, sipadv_span s, const char *text);
/* True if the span starts with text, in any letter case. */
bool sipadv_span_starts(const uint8_t *buf, sipadv_span s, const char *text);

static inline bool
sipadv_message_has(const sipadv_message *r, sipadv_header_id id)
{
    return (r->present >> id) & 1u;
}

#endif
