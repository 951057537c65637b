/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The entry points Wireshark looks for in a plugin's shared object. */
#define WS_BUILD_DLL
#include <wireshark.h>
#include <epan/proto.h>
#include <epan/tap.h>

#include "compat.h"
#include "sipadv.h"
#include "tap.h"

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = SIPADV_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);
#ifdef SIPADV_PLUGIN_DESCRIBE
WS_DLL_PUBLIC uint32_t plugin_describe(void);

uint32_t
plugin_describe(void)
{
    return WS_PLUGIN_DESC_DISSECTOR | WS_PLUGIN_DESC_TAP_LISTENER;
}
#endif

void
plugin_register(void)
{
    static proto_plugin plug;
    static tap_plugin statistics;

    plug.register_protoinfo = proto_register_sipadv;
    plug.register_handoff = proto_reg_handoff_sipadv;
    proto_register_plugin(&plug);
    statistics.register_tap_listener = sipadv_tap_register_statistics;
    tap_register_plugin(&statistics);
}
