# kd_documents: libwkhtmltox (built by scripts/build-wkhtmltox into a cache outside the build
# tree), PoDoFo 0.9.8 for page numbers, kainjow mustache (header only). Without libwkhtmltox the
# target still builds and renders through the wkhtmltopdf CLI (it says so in the log).
set(_kd_wk_hints $ENV{KIEMDIEM_CACHE}/wkhtmltox /var/cache/kiemdiem/wkhtmltox)
find_path(KD_WKHTMLTOX_INCLUDE_DIR wkhtmltox/pdf.h HINTS ${_kd_wk_hints} PATH_SUFFIXES include)
find_library(KD_WKHTMLTOX_LIBRARY wkhtmltox HINTS ${_kd_wk_hints} PATH_SUFFIXES lib)
find_path(KD_MUSTACHE_INCLUDE_DIR kainjow/mustache.hpp REQUIRED)
if(NOT TARGET PkgConfig::PODOFO)
  pkg_check_modules(PODOFO REQUIRED IMPORTED_TARGET libpodofo)
endif()
target_link_libraries(kd_documents PUBLIC PkgConfig::PODOFO)
if(KD_WKHTMLTOX_INCLUDE_DIR AND KD_WKHTMLTOX_LIBRARY)
  message(STATUS "libwkhtmltox: ${KD_WKHTMLTOX_LIBRARY} (in-process rendering)")
  target_include_directories(kd_documents SYSTEM PRIVATE ${KD_WKHTMLTOX_INCLUDE_DIR})
  target_compile_definitions(kd_documents PRIVATE KD_HAVE_WKHTMLTOX)
  target_link_libraries(kd_documents PUBLIC ${KD_WKHTMLTOX_LIBRARY})
  get_filename_component(_kd_wk_libdir ${KD_WKHTMLTOX_LIBRARY} DIRECTORY)
  # Where the programs find the library at run time: the cache for builds run in place; an
  # installed package sets its own directory (cmake/install.cmake, debian/rules).
  set(KD_WKHTMLTOX_RUNPATH "${_kd_wk_libdir}" CACHE STRING
    "RUNPATH of programs linked with libwkhtmltox (the package sets /usr/lib/kiemdiem)")
  set_property(TARGET kd_documents APPEND PROPERTY INTERFACE_LINK_OPTIONS
    "LINKER:-rpath,${KD_WKHTMLTOX_RUNPATH}")
  # em_square_glyphs.cpp: FT_Load_Glyph without hinting at the em size, for Qt's font embedding.
  pkg_check_modules(FREETYPE REQUIRED IMPORTED_TARGET freetype2)
  target_link_libraries(kd_documents PRIVATE PkgConfig::FREETYPE ${CMAKE_DL_LIBS})
  set_property(TARGET kd_documents APPEND PROPERTY INTERFACE_LINK_OPTIONS
    "LINKER:--export-dynamic-symbol=FT_Load_Glyph")
else()
  message(WARNING "libwkhtmltox not found (run scripts/bootstrap): documents render through the "
    "wkhtmltopdf CLI, one process per document")
endif()
