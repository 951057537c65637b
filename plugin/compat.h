/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Every difference between the Wireshark releases sipadv builds against. */
#ifndef SIPADV_COMPAT_H
#define SIPADV_COMPAT_H

#include <ws_version.h>

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

#endif
