/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What an SDP offer asks for (RFC 4566 lines, RFC 3312 preconditions), summed
 * up in one 32-bit set of SIPADV_OFFER_* features (vocabulary.h), small enough
 * to keep with its transaction until a response refuses it. No libwireshark.
 */
#ifndef SIPADV_SDP_OFFER_H
#define SIPADV_SDP_OFFER_H

#include <stdint.h>

#include "sip_message.h"

#define SIPADV_OFFER_BIT(f) (1u << SIPADV_OFFER_##f)

_Static_assert(SIPADV_OFFER_COUNT <= 32, "an offer's features are a 32-bit set");

/*
 * The features of the SDP in a request's body (application/sdp, or an SDP part
 * of a multipart body), plus precondition when Require names it; 0 without SDP.
 */
uint32_t sipadv_sdp_offer(const uint8_t *buf, const sipadv_message *msg);

/* How a feature is named in an offer's summary, and a codec in rtpmap: "audio", "AMR-WB", "image/t38", ... */
const char *sipadv_offer_feature_name(sipadv_offer_feature f);

#endif
