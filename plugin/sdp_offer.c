/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "sdp_offer.h"

#include <string.h>

#define FEATURE_NAME(e, name, doc) name,
static const char *const feature_names[] = { SIPADV_OFFER_FEATURES(FEATURE_NAME) };

const char *
sipadv_offer_feature_name(sipadv_offer_feature f)
{
    return f < SIPADV_OFFER_COUNT ? feature_names[f] : "";
}

/* Static payload types of RFC 3551 §6 that an offer may list without rtpmap. */
static const struct {
    unsigned             pt;
    sipadv_offer_feature codec;
} static_types[] = { { 0, SIPADV_OFFER_PCMU }, { 8, SIPADV_OFFER_PCMA }, { 9, SIPADV_OFFER_G722 },
                     { 18, SIPADV_OFFER_G729 } };

static bool
starts(const uint8_t *p, size_t len, const char *text)
{
    size_t n = strlen(text);

    return len >= n && memcmp(p, text, n) == 0;
}

/* The codec feature an rtpmap encoding name (up to "/") names, or SIPADV_OFFER_COUNT. */
static sipadv_offer_feature
codec_named(const uint8_t *p, size_t len)
{
    static const sipadv_offer_feature codecs[] = { SIPADV_OFFER_EVS,  SIPADV_OFFER_AMR_WB, SIPADV_OFFER_AMR,
                                                   SIPADV_OFFER_PCMU, SIPADV_OFFER_PCMA,   SIPADV_OFFER_G722,
                                                   SIPADV_OFFER_G729, SIPADV_OFFER_OPUS,   SIPADV_OFFER_TEL_EVENT,
                                                   SIPADV_OFFER_H264, SIPADV_OFFER_H265 };
    sipadv_span name = { 0, 0 };

    while (name.len < len && p[name.len] != '/')
        name.len++;
    for (size_t i = 0; i < sizeof codecs / sizeof codecs[0]; i++)
        if (sipadv_span_equals(p, name, feature_names[codecs[i]]))
            return codecs[i];
    return SIPADV_OFFER_COUNT;
}

/* An m= line: "m=<media> <port> <proto> <fmt> ..." */
static uint32_t
media_line(const uint8_t *p, size_t len)
{
    uint32_t f = 0;
    size_t i = 0, field = 0, start = 0;
    const bool image = starts(p, len, "image ");

    if (starts(p, len, "audio "))
        f |= SIPADV_OFFER_BIT(AUDIO);
    else if (starts(p, len, "video "))
        f |= SIPADV_OFFER_BIT(VIDEO);
    else if (starts(p, len, "text "))
        f |= SIPADV_OFFER_BIT(TEXT);
    for (; i <= len; i++) {
        if (i < len && p[i] != ' ')
            continue;
        if (field == 2 && (starts(p + start, i - start, "RTP/SAVP") || starts(p + start, i - start, "UDP/TLS")))
            f |= SIPADV_OFFER_BIT(SRTP);
        if (field >= 3 && image && i - start == 3 && memcmp(p + start, "t38", 3) == 0)
            f |= SIPADV_OFFER_BIT(T38);
        if (field >= 3 && (f & SIPADV_OFFER_BIT(AUDIO)) && i - start <= 3) {
            unsigned pt = 0;
            size_t j = start;
            for (; j < i && p[j] >= '0' && p[j] <= '9'; j++)
                pt = pt * 10 + (unsigned)(p[j] - '0');
            for (size_t k = 0; j == i && j > start && k < sizeof static_types / sizeof static_types[0]; k++)
                if (static_types[k].pt == pt)
                    f |= 1u << static_types[k].codec;
        }
        field++;
        start = i + 1;
    }
    return f;
}

/* An a= line (without "a="). */
static uint32_t
attribute_line(const uint8_t *p, size_t len)
{
    if (starts(p, len, "rtpmap:")) {
        size_t i = 7;
        while (i < len && p[i] != ' ')
            i++;
        if (i < len) {
            sipadv_offer_feature codec = codec_named(p + i + 1, len - i - 1);
            return codec == SIPADV_OFFER_COUNT ? 0 : 1u << codec;
        }
        return 0;
    }
    if (starts(p, len, "curr:qos") || starts(p, len, "des:qos"))
        return SIPADV_OFFER_BIT(PRECONDITION);
    if (starts(p, len, "crypto:"))
        return SIPADV_OFFER_BIT(SRTP);
    if ((len == 8 && memcmp(p, "sendonly", 8) == 0) || (len == 8 && memcmp(p, "inactive", 8) == 0))
        return SIPADV_OFFER_BIT(HOLD);
    return 0;
}

static bool
has_sdp(const uint8_t *buf, const sipadv_message *msg)
{
    sipadv_span type = msg->first[SIPADV_HDR_CONTENT_TYPE];

    if (!sipadv_message_has(msg, SIPADV_HDR_CONTENT_TYPE) || msg->body.len == 0)
        return false;
    return sipadv_span_starts(buf, type, "application/sdp") || sipadv_span_starts(buf, type, "multipart/");
}

uint32_t
sipadv_sdp_offer(const uint8_t *buf, const sipadv_message *msg)
{
    const uint8_t *p = buf + msg->body.off, *end = p + msg->body.len;
    uint32_t f = 0;
    bool media = false;

    if (!has_sdp(buf, msg))
        return 0;
    /* Line by line; in a multipart body only SDP's lines look like these. */
    while (p < end) {
        const uint8_t *eol = memchr(p, '\n', (size_t)(end - p));
        size_t len = (size_t)((eol ? eol : end) - p);
        if (len && p[len - 1] == '\r')
            len--;
        if (len > 2 && p[1] == '=') {
            if (p[0] == 'm') {
                f |= media_line(p + 2, len - 2);
                media = true;
            } else if (p[0] == 'a') {
                f |= attribute_line(p + 2, len - 2);
            } else if (p[0] == 'b' && (starts(p + 2, len - 2, "AS:") || starts(p + 2, len - 2, "TIAS:"))) {
                f |= SIPADV_OFFER_BIT(BANDWIDTH);
            }
        }
        p = eol ? eol + 1 : end;
    }
    if (!media)
        return 0;
    if (sipadv_message_has(msg, SIPADV_HDR_REQUIRE) &&
        sipadv_value_has_token(buf, msg->first[SIPADV_HDR_REQUIRE], "precondition"))
        f |= SIPADV_OFFER_BIT(PRECONDITION);
    return f;
}
