/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The words of tables/rules.tsv and tables/messages.tsv, declared once: the
 * table generator (tables/gen) checks and documents them, the plugin executes
 * them. Each list is an X-macro; adding a word is adding one line here.
 */
#ifndef SIPADV_VOCABULARY_H
#define SIPADV_VOCABULARY_H

/*
 * Check kinds of the "check" column: X(ENUM, name, headers, doc) where headers
 * is 0 (takes none), 1 (exactly one) or 2 (one or more).
 */
#define SIPADV_CHECKS(X)                                                                          \
    X(ABSENT, "absent", 1, "this header is missing: ")                                            \
    X(ABSENT_ALL, "absent_all", 2, "none of these headers is present: ")                          \
    X(ABSENT_EACH, "absent_each", 2, "any of these headers is missing: ")                         \
    X(NO_TO_TAG, "no_to_tag", 0, "To has no tag parameter")                                       \
    X(ALWAYS, "always", 0, "always (the code and method alone are the finding)")                  \
    X(DEFAULT_PHRASE, "default_phrase", 0, "the reason phrase is the bare default one")           \
    X(PHRASE_OTHER_CODE, "phrase_other_code", 0, "the reason phrase is another code's standard phrase") \
    X(NOT_NUMBER, "not_number", 1, "the value is not a number: ")                                 \
    X(REPEATED, "repeated", 2, "one of these headers appears more than once: ")                  \
    X(FLOW, "flow", 0, "decided across messages by the transaction analysis, not by one message")

/* Conditions of the "when" column: X(ENUM, name, doc); each is a flag of the parsed message. */
#define SIPADV_CONDITIONS(X)                                                                      \
    X(TO_TAG, "to_tag", "a To tag")                                                               \
    X(REQUIRE_100REL, "require_100rel", "Require: 100rel")                                        \
    X(REQUIRE_TIMER, "require_timer", "Require: timer")                                           \
    X(STREAM, "stream", "sent over a stream transport: the top Via says TCP or TLS")

/*
 * Profiles of the "profile" column and of the preference sipadv.profile:
 * X(ENUM, name, doc). A rule of the troubleshooting profile is raised in
 * both; a conformance rule only when the preference asks for conformance.
 */
#define SIPADV_PROFILES(X)                                                                        \
    X(TROUBLESHOOTING, "troubleshooting", "Troubleshooting: what explains or predicts a failure, and broken MUSTs") \
    X(CONFORMANCE, "conformance", "Conformance: every rule, SHOULD and MAY nits too")

/* Severities of the "severity" column: X(ENUM, name, doc), most severe first. */
#define SIPADV_SEVERITIES(X)                                                                      \
    X(WARN, "warn", "warning (MUST)")                                                             \
    X(NOTE, "note", "note (SHOULD)")                                                              \
    X(CHAT, "chat", "chat (advice)")

/* Groups of the "group" column: X(ENUM, name, Wireshark's expert group). */
#define SIPADV_GROUPS(X)                                                                          \
    X(PROTOCOL, "protocol", PI_PROTOCOL)                                                          \
    X(SEQUENCE, "sequence", PI_SEQUENCE)                                                          \
    X(RESPONSE, "response", PI_RESPONSE_CODE)                                                     \
    X(SECURITY, "security", PI_SECURITY)

/*
 * {placeholders} of the texts: X(name, in_rules, in_messages): whether the
 * plugin fills it in a rule's text (rules.tsv), in a message (messages.tsv).
 */
#define SIPADV_PLACEHOLDERS(X)                                                                    \
    X(code, 1, 1) X(reason, 0, 1) X(hint, 0, 1) X(step, 0, 1) X(base, 0, 1) X(detail, 0, 1)      \
    X(method, 1, 0) X(missing, 1, 0) X(other, 1, 1) X(phrase, 1, 0) X(captured, 0, 1)            \
    X(length, 0, 1) X(count, 0, 1) X(frame, 1, 1) X(elapsed, 1, 1) X(what, 1, 0) X(event, 0, 1)       \
    X(sender, 0, 1) X(details, 0, 1) X(check, 0, 1) X(by, 0, 1) X(setup, 0, 1) X(duration, 0, 1)      \
    X(diagnosis, 1, 0) X(expires, 0, 1) X(challenges, 0, 1)

/*
 * Outcomes of a call (tables/outcomes.tsv has a row for each, in this order):
 * X(ENUM, name, doc).
 */
#define SIPADV_OUTCOMES(X)                                                                        \
    X(SETUP, "setup", "no final response yet when the capture ends")                              \
    X(ANSWERED, "answered", "answered, still up when the capture ends")                           \
    X(COMPLETED, "completed", "answered, then ended by BYE with normal clearing")                 \
    X(DROPPED, "dropped", "answered, then ended abnormally")                                      \
    X(BUSY, "busy", "486 or 600")                                                                 \
    X(DECLINED, "declined", "603")                                                                \
    X(NO_ANSWER, "no-answer", "480, or 408 after an 18x")                                         \
    X(CANCELLED, "cancelled", "the caller's CANCEL before an answer")                             \
    X(REDIRECTED, "redirected", "3xx")                                                            \
    X(REJECTED, "rejected", "any other final 4xx or 6xx")                                         \
    X(FAILED, "failed", "5xx, or 408 without an 18x")

/* Outcomes of a registration (tables/registration_outcomes.tsv, in this order): X(ENUM, name, doc). */
#define SIPADV_REG_OUTCOMES(X)                                                                    \
    X(PENDING, "pending", "no final answer yet when the capture ends, or a challenge not yet answered") \
    X(REGISTERED, "registered", "a 2xx granted a binding")                                        \
    X(DEREGISTERED, "deregistered", "a 2xx to a REGISTER that removed the binding (Expires 0)")   \
    X(FAILED, "failed", "a final failure other than a challenge, or credentials rejected")

/* What sipadv.reg.sec_agree says of a registration's security agreement (RFC 3329, 3GPP TS 33.203). */
#define SIPADV_SEC_AGREE(X)                                                                       \
    X(OFFERED, "offered", "a REGISTER offered Security-Client; no challenge answered with Security-Server yet") \
    X(COMPLETE, "complete", "Security-Client, then Security-Server in the 401, then Security-Verify in the next REGISTER") \
    X(NOT_VERIFIED, "not verified", "the REGISTER answering a Security-Server lacked Security-Verify")

/*
 * What a response answers, for the guidance that fits it (the "when" column of
 * tables/guidance_contexts.tsv): X(ENUM, name, doc). The first two come from
 * the request the transaction analysis linked it to; without that link
 * neither holds.
 */
#define SIPADV_CONTEXTS(X)                                                                        \
    X(INITIAL, "initial", "the request answered had no To tag: an initial INVITE, a REGISTER, an out-of-dialog request") \
    X(IN_DIALOG, "in_dialog", "the request answered had a To tag: a re-INVITE, UPDATE, BYE or other mid-dialog request") \
    X(CREDENTIALS, "credentials", "the request answered carried credentials answering a challenge (Authorization, Proxy-Authorization)") \
    X(DIGEST, "digest", "the response challenges with Digest and MD5 (or names no algorithm: MD5)") \
    X(AKA, "aka", "the response challenges with IMS AKA (AKAv1-MD5, AKAv2-MD5)")                 \
    X(IMS, "ims", "an IMS flow: the preference sipadv.ims_profile says so, or (auto) the response or its request looks it (3gppnetwork.org domain, IMS P-headers)")

/*
 * What an SDP offer asks for (plugin/sdp_offer.c reads them, tables/offer_advice.tsv
 * says what a refusal of each means): X(ENUM, name, doc). The name is how the
 * offer is summed up, in this order; a codec is named as its rtpmap says.
 */
#define SIPADV_OFFER_FEATURES(X)                                                                  \
    X(AUDIO, "audio", "an m=audio line")                                                          \
    X(EVS, "EVS", "codec EVS")                                                                    \
    X(AMR_WB, "AMR-WB", "codec AMR-WB")                                                           \
    X(AMR, "AMR", "codec AMR")                                                                    \
    X(PCMU, "PCMU", "codec G.711 u-law (PCMU, static payload type 0)")                            \
    X(PCMA, "PCMA", "codec G.711 A-law (PCMA, static payload type 8)")                            \
    X(G722, "G722", "codec G.722 (static payload type 9)")                                        \
    X(G729, "G729", "codec G.729 (static payload type 18)")                                       \
    X(OPUS, "opus", "codec Opus")                                                                 \
    X(TEL_EVENT, "telephone-event", "DTMF as RTP events (RFC 4733)")                              \
    X(VIDEO, "video", "an m=video line")                                                          \
    X(H264, "H264", "codec H.264")                                                                \
    X(H265, "H265", "codec H.265")                                                                \
    X(T38, "image/t38", "m=image with udptl and t38: T.38 fax relay")                             \
    X(TEXT, "text", "an m=text line: real-time text")                                             \
    X(PRECONDITION, "precondition", "QoS preconditions (RFC 3312): a=curr:qos or a=des:qos lines, or precondition in Require") \
    X(SRTP, "SRTP", "secure media: RTP/SAVP, RTP/SAVPF or a=crypto")                              \
    X(BANDWIDTH, "b=AS", "a bandwidth line (b=AS, b=TIAS)")                                       \
    X(HOLD, "hold", "a=sendonly or a=inactive: the offer puts the media on hold")

/*
 * The KPIs of plugin/kpi.c (tables/kpis.tsv names each, in this order; docs/kpi.md defines them):
 * X(ENUM, id, kind, unit, source). A RATIO is a percentage of attempts, a DELAY a mean of samples.
 */
#define SIPADV_KPIS(X)                                                                            \
    X(RRD, "rrd", DELAY, "ms", "RFC 6076 §4.1")                                                   \
    X(IRA, "ira", RATIO, "%", "RFC 6076 §4.2")                                                    \
    X(SRD_SUCCESS, "srd_success", DELAY, "ms", "RFC 6076 §4.3.1")                                 \
    X(SRD_FAILURE, "srd_failure", DELAY, "ms", "RFC 6076 §4.3.2")                                 \
    X(SDD, "sdd", DELAY, "ms", "RFC 6076 §4.4")                                                   \
    X(SDT_SUCCESS, "sdt_success", DELAY, "s", "RFC 6076 §4.5")                                    \
    X(SDT_FAILURE, "sdt_failure", DELAY, "s", "RFC 6076 §4.5")                                    \
    X(SER, "ser", RATIO, "%", "RFC 6076 §4.6")                                                    \
    X(SEER, "seer", RATIO, "%", "RFC 6076 §4.7")                                                  \
    X(ISA, "isa", RATIO, "%", "RFC 6076 §4.8")                                                    \
    X(SCR, "scr", RATIO, "%", "RFC 6076 §4.9")                                                    \
    X(ASR, "asr", RATIO, "%", "ITU-T E.411")                                                      \
    X(NER, "ner", RATIO, "%", "ITU-T E.411")

#define SIPADV_ENUM_CHECK(e, name, headers, doc) SIPADV_CHECK_##e,
#define SIPADV_ENUM_REG_OUTCOME(e, name, doc) SIPADV_REG_##e,
#define SIPADV_ENUM_OUTCOME(e, name, doc) SIPADV_OUTCOME_##e,
#define SIPADV_ENUM_CONDITION_BIT(e, name, doc) SIPADV_F_BIT_##e,
#define SIPADV_ENUM_SEVERITY(e, name, doc) SIPADV_SEVERITY_##e,
#define SIPADV_ENUM_PROFILE(e, name, doc) SIPADV_PROFILE_##e,
#define SIPADV_ENUM_GROUP(e, name, pi) SIPADV_GROUP_##e,
#define SIPADV_ENUM_PLACEHOLDER(name, in_rules, in_messages) SIPADV_PH_##name,
#define SIPADV_ENUM_SEC_AGREE(e, name, doc) SIPADV_SEC_AGREE_##e,
#define SIPADV_ENUM_CONTEXT_BIT(e, name, doc) SIPADV_CTX_BIT_##e,
#define SIPADV_ENUM_OFFER(e, name, doc) SIPADV_OFFER_##e,
#define SIPADV_ENUM_KPI(e, id, kind, unit, source) SIPADV_KPI_##e,

typedef enum { SIPADV_CHECKS(SIPADV_ENUM_CHECK) SIPADV_CHECK_COUNT } sipadv_check;
typedef enum { SIPADV_CONDITIONS(SIPADV_ENUM_CONDITION_BIT) SIPADV_CONDITION_COUNT } sipadv_condition_bit;
typedef enum { SIPADV_SEVERITIES(SIPADV_ENUM_SEVERITY) SIPADV_SEVERITY_COUNT } sipadv_severity;
typedef enum { SIPADV_GROUPS(SIPADV_ENUM_GROUP) SIPADV_GROUP_COUNT } sipadv_group;
typedef enum { SIPADV_PROFILES(SIPADV_ENUM_PROFILE) SIPADV_PROFILE_COUNT } sipadv_profile;
typedef enum { SIPADV_PLACEHOLDERS(SIPADV_ENUM_PLACEHOLDER) SIPADV_PH_COUNT } sipadv_placeholder;
typedef enum { SIPADV_OUTCOMES(SIPADV_ENUM_OUTCOME) SIPADV_OUTCOME_COUNT } sipadv_outcome;
typedef enum { SIPADV_REG_OUTCOMES(SIPADV_ENUM_REG_OUTCOME) SIPADV_REG_OUTCOME_COUNT } sipadv_reg_outcome;
typedef enum { SIPADV_SEC_AGREE(SIPADV_ENUM_SEC_AGREE) SIPADV_SEC_AGREE_COUNT } sipadv_sec_agree;
typedef enum { SIPADV_CONTEXTS(SIPADV_ENUM_CONTEXT_BIT) SIPADV_CONTEXT_COUNT } sipadv_context_bit;
typedef enum { SIPADV_OFFER_FEATURES(SIPADV_ENUM_OFFER) SIPADV_OFFER_COUNT } sipadv_offer_feature;
typedef enum { SIPADV_KPIS(SIPADV_ENUM_KPI) SIPADV_KPI_COUNT } sipadv_kpi_id;

/* Message flags that conditions test: SIPADV_F_TO_TAG, ... */
#define SIPADV_F_TO_TAG         (1u << SIPADV_F_BIT_TO_TAG)
#define SIPADV_F_REQUIRE_100REL (1u << SIPADV_F_BIT_REQUIRE_100REL)
#define SIPADV_F_REQUIRE_TIMER  (1u << SIPADV_F_BIT_REQUIRE_TIMER)
#define SIPADV_F_STREAM         (1u << SIPADV_F_BIT_STREAM)

/* A response's context: SIPADV_CTX_INITIAL, ... */
#define SIPADV_CTX_INITIAL      (1u << SIPADV_CTX_BIT_INITIAL)
#define SIPADV_CTX_IN_DIALOG    (1u << SIPADV_CTX_BIT_IN_DIALOG)
#define SIPADV_CTX_CREDENTIALS  (1u << SIPADV_CTX_BIT_CREDENTIALS)
#define SIPADV_CTX_DIGEST       (1u << SIPADV_CTX_BIT_DIGEST)
#define SIPADV_CTX_AKA          (1u << SIPADV_CTX_BIT_AKA)
#define SIPADV_CTX_IMS          (1u << SIPADV_CTX_BIT_IMS)

#endif
