#include "services/signing/text_locator.hpp"

#include <podofo/podofo.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "workflow/utf8.hpp"

namespace kd::signing {
namespace {

using Matrix = std::array<double, 6>;  // a b c d e f

Matrix multiply(const Matrix& m, const Matrix& n) {  // m then n
  return {m[0] * n[0] + m[1] * n[2],        m[0] * n[1] + m[1] * n[3],
          m[2] * n[0] + m[3] * n[2],        m[2] * n[1] + m[3] * n[3],
          m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]};
}

unsigned hex_value(const std::string& hex) {
  unsigned v = 0;
  for (char c : hex) {
    v <<= 4;
    if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
    if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
  }
  return v;
}

// UTF-16BE hex ("00E0", "D835DC00") to UTF-8.
std::string utf16_hex_to_utf8(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i + 4 <= hex.size(); i += 4) {
    unsigned u = hex_value(hex.substr(i, 4));
    if (u >= 0xD800 && u < 0xDC00 && i + 8 <= hex.size()) {
      const unsigned lo = hex_value(hex.substr(i + 4, 4));
      u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
      i += 4;
    }
    wf::append_utf8(out, u);
  }
  return out;
}

struct Font {
  int code_bytes = 1;
  std::map<unsigned, std::string> unicode;
};

std::vector<std::string> hex_tokens(const std::string& s, std::size_t from, std::size_t to) {
  std::vector<std::string> out;
  for (std::size_t i = from; i < to; ++i) {
    if (s[i] != '<') continue;
    const auto end = s.find('>', i);
    if (end == std::string::npos || end > to) break;
    out.push_back(s.substr(i + 1, end - i - 1));
    i = end;
  }
  return out;
}

// bfchar and (simple) bfrange sections of a ToUnicode CMap.
void read_cmap(const std::string& s, Font& font) {
  for (std::size_t at = s.find("beginbfchar"); at != std::string::npos;
       at = s.find("beginbfchar", at + 1)) {
    const auto end = s.find("endbfchar", at);
    const auto t = hex_tokens(s, at, end == std::string::npos ? s.size() : end);
    for (std::size_t i = 0; i + 1 < t.size(); i += 2) {
      font.code_bytes = static_cast<int>(std::max<std::size_t>(1, t[i].size() / 2));
      font.unicode[hex_value(t[i])] = utf16_hex_to_utf8(t[i + 1]);
    }
  }
  for (std::size_t at = s.find("beginbfrange"); at != std::string::npos;
       at = s.find("beginbfrange", at + 1)) {
    std::size_t end = s.find("endbfrange", at);
    if (end == std::string::npos) end = s.size();
    // <lo> <hi> <dst>   or   <lo> <hi> [<dst1> <dst2> ...]
    std::size_t i = at;
    const auto next_hex = [&](std::string* out) {
      const auto open = s.find('<', i);
      if (open == std::string::npos || open >= end) return false;
      const auto close = s.find('>', open);
      if (close == std::string::npos || close >= end) return false;
      *out = s.substr(open + 1, close - open - 1);
      i = close + 1;
      return true;
    };
    std::string lo_hex, hi_hex, dst_hex;
    while (next_hex(&lo_hex) && next_hex(&hi_hex)) {
      font.code_bytes = static_cast<int>(std::max<std::size_t>(1, lo_hex.size() / 2));
      const unsigned lo = hex_value(lo_hex), hi = hex_value(hi_hex);
      const auto bracket = s.find_first_not_of(" \t\r\n", i);
      if (bracket != std::string::npos && s[bracket] == '[') {
        const auto close = s.find(']', bracket);
        if (close == std::string::npos || close > end) break;
        i = bracket + 1;
        for (unsigned c = lo; c <= hi && i < close; ++c) {
          const auto save_end = end;
          end = close;
          if (!next_hex(&dst_hex)) break;
          end = save_end;
          font.unicode[c] = utf16_hex_to_utf8(dst_hex);
        }
        i = close + 1;
        continue;
      }
      if (!next_hex(&dst_hex)) break;
      unsigned dst = hex_value(dst_hex);
      for (unsigned c = lo; c <= hi && c - lo < 65536; ++c) {
        std::string u;
        wf::append_utf8(u, dst++);
        font.unicode[c] = u;
      }
    }
  }
}

std::map<std::string, Font> page_fonts(PoDoFo::PdfPage& page) {
  std::map<std::string, Font> out;
  PoDoFo::PdfObject* resources = page.GetResources();
  if (resources == nullptr || !resources->IsDictionary()) return out;
  PoDoFo::PdfObject* fonts = resources->GetIndirectKey("Font");
  if (fonts == nullptr || !fonts->IsDictionary()) return out;
  for (const auto& [name, ref] : fonts->GetDictionary().GetKeys()) {
    PoDoFo::PdfObject* font = ref;
    if (font->IsReference()) font = page.GetObject()->GetOwner()->GetObject(font->GetReference());
    if (font == nullptr || !font->IsDictionary()) continue;
    Font f;
    PoDoFo::PdfObject* to_unicode = font->GetIndirectKey("ToUnicode");
    if (to_unicode != nullptr && to_unicode->HasStream()) {
      char* buf = nullptr;
      PoDoFo::pdf_long len = 0;
      to_unicode->GetStream()->GetFilteredCopy(&buf, &len);
      read_cmap(std::string(buf, static_cast<std::size_t>(len)), f);
      PoDoFo::podofo_free(buf);
    }
    out[name.GetName()] = std::move(f);
  }
  return out;
}

struct Glyphs {
  std::string text;
  double x = 0, y = 0, size = 0;
  double x_end = 0;  // estimated: half an em per character (no glyph widths are read)
};

std::string decode(const Font* font, const PoDoFo::PdfString& s) {
  const std::string raw(s.GetString(), static_cast<std::size_t>(s.GetLength()));
  std::string out;
  const int n = font != nullptr ? font->code_bytes : 1;
  for (std::size_t i = 0; i + static_cast<std::size_t>(n) <= raw.size();
       i += static_cast<std::size_t>(n)) {
    unsigned code = 0;
    for (int k = 0; k < n; ++k) code = (code << 8) | static_cast<unsigned char>(raw[i + k]);
    if (font != nullptr) {
      const auto it = font->unicode.find(code);
      if (it != font->unicode.end()) out += it->second;
    } else if (code >= 0x20 && code < 0x7F) {
      out += static_cast<char>(code);
    }
  }
  return out;
}

std::string without_spaces(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      ++i;  // no-break space
      continue;
    }
    out += static_cast<char>(c);
  }
  return out;
}

}  // namespace

std::vector<TextLine> text_lines(PoDoFo::PdfPage& page) {
  const auto fonts = page_fonts(page);
  std::vector<Glyphs> glyphs;
  Matrix ctm{1, 0, 0, 1, 0, 0};
  std::vector<Matrix> saved;
  Matrix tm = ctm, tlm = ctm;
  double leading = 0, font_size = 0;
  const Font* font = nullptr;
  std::vector<PoDoFo::PdfVariant> operands;

  PoDoFo::PdfContentsTokenizer tokens(&page);
  PoDoFo::EPdfContentsType type;
  const char* keyword = nullptr;
  PoDoFo::PdfVariant var;
  const auto num = [&](std::size_t i) {
    return i < operands.size() && operands[i].IsNumber()
               ? static_cast<double>(operands[i].GetNumber())
           : i < operands.size() && operands[i].IsReal() ? operands[i].GetReal()
                                                         : 0.0;
  };
  const auto show = [&](const std::string& text) {
    if (text.empty()) return;
    const Matrix m = multiply(tm, ctm);
    const double scale = std::sqrt(std::fabs(m[0] * m[3] - m[1] * m[2]));
    const double size = font_size * scale;
    glyphs.push_back(
        {text, m[4], m[5], size, m[4] + 0.5 * size * static_cast<double>(wf::code_points(text))});
  };
  const auto move = [&](double tx, double ty) {
    tlm = multiply(Matrix{1, 0, 0, 1, tx, ty}, tlm);
    tm = tlm;
  };
  while (tokens.ReadNext(type, keyword, var)) {
    if (type == PoDoFo::ePdfContentsType_Variant) {
      operands.push_back(var);
      continue;
    }
    if (type != PoDoFo::ePdfContentsType_Keyword) {
      operands.clear();
      continue;
    }
    const std::string op(keyword);
    if (op == "q") {
      saved.push_back(ctm);
    } else if (op == "Q") {
      if (!saved.empty()) {
        ctm = saved.back();
        saved.pop_back();
      }
    } else if (op == "cm" && operands.size() == 6) {
      ctm = multiply(Matrix{num(0), num(1), num(2), num(3), num(4), num(5)}, ctm);
    } else if (op == "BT") {
      tm = tlm = Matrix{1, 0, 0, 1, 0, 0};
    } else if (op == "Tf" && operands.size() == 2) {
      font_size = num(1);
      const auto it =
          operands[0].IsName() ? fonts.find(operands[0].GetName().GetName()) : fonts.end();
      font = it == fonts.end() ? nullptr : &it->second;
    } else if (op == "Tm" && operands.size() == 6) {
      tm = tlm = Matrix{num(0), num(1), num(2), num(3), num(4), num(5)};
    } else if (op == "Td" && operands.size() == 2) {
      move(num(0), num(1));
    } else if (op == "TD" && operands.size() == 2) {
      leading = -num(1);
      move(num(0), num(1));
    } else if (op == "TL" && operands.size() == 1) {
      leading = num(0);
    } else if (op == "T*") {
      move(0, -leading);
    } else if (op == "Tj" && operands.size() == 1 &&
               (operands[0].IsString() || operands[0].IsHexString())) {
      show(decode(font, operands[0].GetString()));
    } else if (op == "TJ" && operands.size() == 1 && operands[0].IsArray()) {
      std::string text;
      for (const auto& item : operands[0].GetArray())
        if (item.IsString() || item.IsHexString()) text += decode(font, item.GetString());
      show(text);
    }
    operands.clear();
  }

  // Glyphs on the same baseline (within a point) and close together form a line.
  std::sort(glyphs.begin(), glyphs.end(), [](const Glyphs& a, const Glyphs& b) {
    if (std::fabs(a.y - b.y) > 1) return a.y > b.y;
    return a.x < b.x;
  });
  std::vector<TextLine> lines;
  for (const auto& g : glyphs) {
    if (!lines.empty() && std::fabs(lines.back().baseline - g.y) <= 1 &&
        g.x - lines.back().x_max < 2 * std::max(g.size, 1.0)) {
      lines.back().text += g.text;
      lines.back().x_max = std::max(lines.back().x_max, g.x_end);
      continue;
    }
    lines.push_back({g.text, g.x, g.x_end, g.y, g.size});
  }
  return lines;
}

std::optional<PageRect> signer_block_box(const std::vector<TextLine>& lines,
                                         const std::string& name, double width, double max_height) {
  const std::string wanted = without_spaces(name);
  if (wanted.empty()) return std::nullopt;
  const TextLine* found = nullptr;
  for (const auto& l : lines)
    if (without_spaces(l.text) == wanted && (found == nullptr || l.baseline < found->baseline))
      found = &l;
  if (found == nullptr) return std::nullopt;
  const double centre = (found->x_min + found->x_max) / 2;
  const double bottom = found->baseline + found->font_size * 0.95;
  double top = bottom + max_height;
  // The nearest line above in the same column bounds the box (the title, or a seal note).
  for (const auto& l : lines) {
    if (l.baseline <= found->baseline + 1) continue;
    if (l.x_max < centre - width / 2 || l.x_min > centre + width / 2) continue;
    top = std::min(top, l.baseline - l.font_size * 0.3);
  }
  if (top - bottom < 20) return std::nullopt;
  return PageRect{centre - width / 2, bottom, width, top - bottom};
}

}  // namespace kd::signing
