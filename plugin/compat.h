/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Every difference between the Wireshark releases sipadv builds against. */
#ifndef SIPADV_COMPAT_H
#define SIPADV_COMPAT_H

#include <stdbool.h>
#include <ws_version.h>
#include <epan/column-info.h>

#define SIPADV_WS_AT_LEAST(major, minor)                                     \
    (WIRESHARK_VERSION_MAJOR > (major) ||                                    \
     (WIRESHARK_VERSION_MAJOR == (major) && WIRESHARK_VERSION_MINOR >= (minor)))

/* Since 4.2 a plugin also says what kind of plugin it is. */
#if SIPADV_WS_AT_LEAST(4, 2)
#include <wsutil/plugins.h>
#define SIPADV_PLUGIN_DESCRIBE 1
#endif

/* Boolean preferences took a gboolean* before 4.2 and a bool* since. */
#if SIPADV_WS_AT_LEAST(4, 2)
typedef bool sipadv_pref_bool;
#else
typedef gboolean sipadv_pref_bool;
#endif

/* A string buffer with room for SIZE bytes: 4.0 also took a maximum length
 * (0: none); 4.2 renamed it wmem_strbuf_new_sized and dropped the maximum. */
#if SIPADV_WS_AT_LEAST(4, 2)
#define sipadv_strbuf_sized_new(pool, size) wmem_strbuf_new_sized((pool), (size))
#else
#define sipadv_strbuf_sized_new(pool, size) wmem_strbuf_sized_new((pool), (size), 0)
#endif

/* The Telephony menu group was renamed in 4.2. */
#if SIPADV_WS_AT_LEAST(4, 2)
#define SIPADV_GROUP_TELEPHONY REGISTER_TELEPHONY_GROUP_UNSORTED
#else
#define SIPADV_GROUP_TELEPHONY REGISTER_STAT_GROUP_TELEPHONY
#endif

/* A -z statistic's init callback says whether it started since 4.6; before, it exits on a failure itself. */
#if SIPADV_WS_AT_LEAST(4, 5)
#define SIPADV_STAT_INIT_RESULT bool
#define SIPADV_STAT_INIT_END(ok) return (ok)
#else
#include <stdlib.h>
#define SIPADV_STAT_INIT_RESULT void
#define SIPADV_STAT_INIT_END(ok) do { if (!(ok)) exit(1); return; } while (0)
#endif

/* Since 4.6 a protocol's item at the top of the tree is faked when nothing refers to the protocol. */
#define SIPADV_FAKES_TOP_PROTOCOLS SIPADV_WS_AT_LEAST(4, 5)

/* Whether the packet list shows a column of this format (column_info's layout). */
static inline bool
sipadv_column_shown(const column_info *cinfo, int format)
{
    return cinfo && cinfo->col_first && cinfo->col_first[format] >= 0;
}

#endif
