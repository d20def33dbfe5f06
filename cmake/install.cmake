# What `cmake --install` puts where (the Debian package, debian/rules, installs with prefix /usr):
#   bin/kiemdiem
#   lib/kiemdiem/libwkhtmltox.so.0          the in-process renderer (private; KD_WKHTMLTOX_RUNPATH)
#   share/kiemdiem/{templates,regimes,holidays,web}
#   <sysconfdir>/kiemdiem/kiemdiem.properties   config/kiemdiem.properties with the paths above
#                                               and data.dir = <localstatedir>/lib/kiemdiem
include(GNUInstallDirs)
if(NOT TARGET kiemdiem)
  return()
endif()

set(KD_SHARE_DIR ${CMAKE_INSTALL_FULL_DATADIR}/kiemdiem)
install(TARGETS kiemdiem RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/templates/ DESTINATION ${CMAKE_INSTALL_DATADIR}/kiemdiem/templates)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/config/regimes/ DESTINATION ${CMAKE_INSTALL_DATADIR}/kiemdiem/regimes)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/config/holidays/ DESTINATION ${CMAKE_INSTALL_DATADIR}/kiemdiem/holidays)
install(FILES ${PROJECT_SOURCE_DIR}/config/common-passwords.txt DESTINATION ${CMAKE_INSTALL_DATADIR}/kiemdiem)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/web/ DESTINATION ${CMAKE_INSTALL_DATADIR}/kiemdiem/web)

# The library under its soname (the build's real file), in the directory the programs' RUNPATH
# names; the package build checks that the two agree.
if(KD_WKHTMLTOX_LIBRARY)
  file(REAL_PATH ${KD_WKHTMLTOX_LIBRARY} _kd_wk_real)
  install(FILES ${_kd_wk_real} DESTINATION lib/kiemdiem
    RENAME libwkhtmltox.so.0
    PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
endif()

# The shipped settings: the documented file, with the paths of an installed system.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
  ${PROJECT_SOURCE_DIR}/config/kiemdiem.properties)
file(READ ${PROJECT_SOURCE_DIR}/config/kiemdiem.properties _kd_props)
set(_kd_paths
  "data.dir=${CMAKE_INSTALL_FULL_LOCALSTATEDIR}/lib/kiemdiem"
  "regimes.dir=${KD_SHARE_DIR}/regimes"
  "templates.dir=${KD_SHARE_DIR}/templates"
  "web.root=${KD_SHARE_DIR}/web"
  "holidays.dir=${KD_SHARE_DIR}/holidays"
  "auth.common_passwords_file=${KD_SHARE_DIR}/common-passwords.txt")
foreach(_kd_pair IN LISTS _kd_paths)
  string(REPLACE "=" ";" _kd_kv ${_kd_pair})
  list(GET _kd_kv 0 _kd_key)
  list(GET _kd_kv 1 _kd_value)
  string(REPLACE "." "\\." _kd_key_re ${_kd_key})
  string(REGEX REPLACE "\n${_kd_key_re} = [^\n]*" "\n${_kd_key} = ${_kd_value}" _kd_new "${_kd_props}")
  if(_kd_new STREQUAL _kd_props)
    message(FATAL_ERROR "config/kiemdiem.properties has no line '${_kd_key} = ...' to install")
  endif()
  set(_kd_props "${_kd_new}")
endforeach()
string(REPLACE "# Relative paths are relative to the working directory (the repository root for\n# scripts/run)."
  "# Installed by the kiemdiem package (a conffile: your changes are kept on upgrades).\n# Secrets go in /etc/default/kiemdiem, read by the systemd units." _kd_props "${_kd_props}")
file(WRITE ${CMAKE_BINARY_DIR}/installed/kiemdiem.properties "${_kd_props}")
install(FILES ${CMAKE_BINARY_DIR}/installed/kiemdiem.properties
  DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/kiemdiem
  PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ)
