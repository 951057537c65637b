# SPDX-License-Identifier: GPL-2.0-or-later
# Installs sipadv.so where the Wireshark that will load it looks, decided at
# install time (cmake --install runs this; tests/e2e/install.sh runs it with -P),
# and the "SIPADV" profile beside it (global: Wireshark's profiles folder;
# personal: the user's, unless the user has one of that name already):
#   SIPADV_INSTALL_DIR given when configuring     -> there
#   DESTDIR set, or a prefix other than the default -> PREFIX/SIPADV_PLUGIN_RELDIR (packagers)
#   root                                            -> SIPADV_GLOBAL_DIR, for everyone
#   anyone else                                     -> ~/.local/lib/wireshark/plugins/SERIES/epan
# and warns when a sipadv.so in the other folder will shadow or be shadowed:
# Wireshark loads the global copy, ignoring a personal one of the same name.
#
# Variables: SIPADV_PLUGIN_FILE (the built plugin), SIPADV_GLOBAL_DIR,
# SIPADV_PLUGIN_RELDIR (the global folder relative to Wireshark's prefix),
# SIPADV_SERIES (4.0), SIPADV_DEFAULT_PREFIX (the prefix CMake would pick),
# SIPADV_INSTALL_DIR (may be empty), SIPADV_PROFILE (profiles/SIPADV),
# SIPADV_GLOBAL_PROFILES, SIPADV_PROFILES_RELDIR (relative to the prefix), SIPADV_STRIP (the
# strip tool), CMAKE_INSTALL_PREFIX.

set(_personal_rel ".local/lib/wireshark/plugins/${SIPADV_SERIES}/epan")
execute_process(COMMAND id -u OUTPUT_VARIABLE _uid OUTPUT_STRIP_TRAILING_WHITESPACE)

if(SIPADV_INSTALL_DIR)
  set(_dest "${SIPADV_INSTALL_DIR}")
  set(_kind explicit)
elseif(NOT "$ENV{DESTDIR}" STREQUAL "" OR NOT CMAKE_INSTALL_PREFIX STREQUAL SIPADV_DEFAULT_PREFIX)
  set(_dest "${CMAKE_INSTALL_PREFIX}/${SIPADV_PLUGIN_RELDIR}")
  set(_kind staged)
elseif(_uid STREQUAL "0")
  set(_dest "${SIPADV_GLOBAL_DIR}")
  set(_kind global)
elseif(NOT "$ENV{HOME}" STREQUAL "")
  set(_dest "$ENV{HOME}/${_personal_rel}")
  set(_kind personal)
else()
  message(FATAL_ERROR "sipadv: HOME is not set: cannot find the personal plugin folder (set SIPADV_INSTALL_DIR)")
endif()

message(STATUS "sipadv: installing the ${_kind} copy into ${_dest}")
file(INSTALL "${SIPADV_PLUGIN_FILE}" DESTINATION "${_dest}")
# cmake --install --strip, and CPack's packages (CPACK_STRIP_FILES).
if(CMAKE_INSTALL_DO_STRIP AND SIPADV_STRIP)
  execute_process(COMMAND "${SIPADV_STRIP}" --strip-unneeded "$ENV{DESTDIR}${_dest}/sipadv.so")
endif()

if(_kind STREQUAL "global")
  file(INSTALL "${SIPADV_PROFILE}" DESTINATION "${SIPADV_GLOBAL_PROFILES}")
elseif(_kind STREQUAL "staged")
  file(INSTALL "${SIPADV_PROFILE}" DESTINATION "${CMAKE_INSTALL_PREFIX}/${SIPADV_PROFILES_RELDIR}")
elseif(_kind STREQUAL "personal")
  set(_profiles "$ENV{HOME}/.config/wireshark/profiles")
  if(EXISTS "${_profiles}/SIPADV")
    message(STATUS "sipadv: kept your profile ${_profiles}/SIPADV (the project's is in ${SIPADV_PROFILE})")
  else()
    file(INSTALL "${SIPADV_PROFILE}" DESTINATION "${_profiles}")
  endif()
endif()

if(_kind STREQUAL "global")
  file(GLOB _shadowed "/home/*/${_personal_rel}/sipadv.so" "$ENV{HOME}/${_personal_rel}/sipadv.so")
  list(REMOVE_DUPLICATES _shadowed)
  foreach(_copy IN LISTS _shadowed)
    message(WARNING "sipadv: ${_copy} will not be loaded: Wireshark loads the global copy "
                    "${_dest}/sipadv.so instead, and says so in a warning at every start. "
                    "Remove one of the two.")
  endforeach()
elseif(_kind STREQUAL "personal" AND EXISTS "${SIPADV_GLOBAL_DIR}/sipadv.so")
  message(WARNING "sipadv: Wireshark will load the global copy ${SIPADV_GLOBAL_DIR}/sipadv.so, not "
                  "this one (${_dest}/sipadv.so). To use this build, remove the global copy "
                  "(sudo rm ${SIPADV_GLOBAL_DIR}/sipadv.so, or apt remove sipadv if a package put it there).")
endif()
