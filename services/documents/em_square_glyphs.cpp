// Qt's PDF engine (inside libwkhtmltox), when it embeds a font subset at the end of every
// document, asks FreeType for each glyph's outline "unscaled": it sizes the face to its em square
// (2048 pixels per em for Liberation) and loads the glyph with hinting on, so FreeType runs the
// TrueType hinting bytecode of every glyph at 2048 ppem. That is a quarter of a document's render
// time and changes nothing: at the em size the hinted and unhinted outlines and advances are the
// same (measured: identical widths, identical pdftoppm rasters).
//
// This definition of FT_Load_Glyph in the executable takes precedence over libfreetype's (the
// link option --export-dynamic-symbol in documents.cmake exports it) and adds FT_LOAD_NO_HINTING
// for loads at the em size only; every other load goes to FreeType unchanged.
#ifdef KD_HAVE_WKHTMLTOX
#include <dlfcn.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <atomic>

namespace {
using LoadGlyph = FT_Error (*)(FT_Face, FT_UInt, FT_Int32);
std::atomic<LoadGlyph> g_real{nullptr};
}  // namespace

extern "C" __attribute__((visibility("default"))) FT_Error FT_Load_Glyph(FT_Face face,
                                                                         FT_UInt glyph_index,
                                                                         FT_Int32 load_flags) {
  LoadGlyph real = g_real.load(std::memory_order_acquire);
  if (!real) {
    real = reinterpret_cast<LoadGlyph>(dlsym(RTLD_NEXT, "FT_Load_Glyph"));
    if (!real) return FT_Err_Invalid_Argument;
    g_real.store(real, std::memory_order_release);
  }
  if (face && face->size && face->units_per_EM > 0 &&
      face->size->metrics.x_ppem == face->units_per_EM)
    load_flags |= FT_LOAD_NO_HINTING;
  return real(face, glyph_index, load_flags);
}

namespace kd::documents {
// Called by the engine so that the linker keeps this object file.
void link_em_square_glyphs() {}
}  // namespace kd::documents
#endif
