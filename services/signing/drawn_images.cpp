#include "services/signing/drawn_images.hpp"

#include <png.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <vector>

namespace kd::signing {
namespace {

struct Canvas {
  int width;
  int height;
  std::vector<std::uint8_t> rgba;  // straight alpha
  Canvas(int w, int h) : width(w), height(h), rgba(static_cast<std::size_t>(w * h * 4), 0) {}

  // Paints colour (r, g, b) with coverage `a` (0..1) over what is there.
  void blend(int x, int y, int r, int g, int b, double a) {
    if (x < 0 || y < 0 || x >= width || y >= height || a <= 0) return;
    auto* p = &rgba[static_cast<std::size_t>((y * width + x) * 4)];
    const double old = p[3] / 255.0;
    const double out = a + old * (1 - a);
    if (out <= 0) return;
    const auto mix = [&](std::uint8_t was, int now) {
      return static_cast<std::uint8_t>(std::lround((now * a + was * old * (1 - a)) / out));
    };
    p[0] = mix(p[0], r);
    p[1] = mix(p[1], g);
    p[2] = mix(p[2], b);
    p[3] = static_cast<std::uint8_t>(std::lround(out * 255));
  }
};

void write_row(png_structp png, png_bytep data, png_size_t n) {
  auto* out = static_cast<Bytes*>(png_get_io_ptr(png));
  out->append(reinterpret_cast<const char*>(data), n);
}
void flush(png_structp) {}

Bytes encode(const Canvas& c) {
  Bytes out;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png != nullptr ? png_create_info_struct(png) : nullptr;
  if (png == nullptr || info == nullptr) {
    png_destroy_write_struct(&png, &info);
    throw std::runtime_error("libpng: cannot create a writer");
  }
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    throw std::runtime_error("libpng: cannot write the image");
  }
  png_set_write_fn(png, &out, write_row, flush);
  png_set_IHDR(png, info, static_cast<png_uint_32>(c.width), static_cast<png_uint_32>(c.height), 8,
               PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  for (int y = 0; y < c.height; ++y)
    png_write_row(png, const_cast<png_bytep>(&c.rgba[static_cast<std::size_t>(y * c.width * 4)]));
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return out;
}

double segment_distance(double px, double py, double ax, double ay, double bx, double by) {
  const double dx = bx - ax, dy = by - ay;
  const double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  t = std::clamp(t, 0.0, 1.0);
  const double cx = ax + t * dx - px, cy = ay + t * dy - py;
  return std::sqrt(cx * cx + cy * cy);
}

// A polyline stroked `width` px wide with a one-pixel soft edge.
void stroke(Canvas& c, const std::vector<std::pair<double, double>>& pts, double width, int r,
            int g, int b) {
  for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
    const auto [ax, ay] = pts[i];
    const auto [bx, by] = pts[i + 1];
    const int x0 = static_cast<int>(std::floor(std::min(ax, bx) - width - 1));
    const int x1 = static_cast<int>(std::ceil(std::max(ax, bx) + width + 1));
    const int y0 = static_cast<int>(std::floor(std::min(ay, by) - width - 1));
    const int y1 = static_cast<int>(std::ceil(std::max(ay, by) + width + 1));
    for (int y = y0; y <= y1; ++y)
      for (int x = x0; x <= x1; ++x) {
        const double d = segment_distance(x + 0.5, y + 0.5, ax, ay, bx, by);
        const double a = std::clamp(width / 2 + 0.5 - d, 0.0, 1.0);
        if (a <= 0 || x < 0 || y < 0 || x >= c.width || y >= c.height) continue;
        // Overlapping segments of one stroke do not darken each other.
        const auto* p = &c.rgba[static_cast<std::size_t>((y * c.width + x) * 4)];
        if (p[3] >= a * 255) continue;
        c.blend(x, y, r, g, b, a);
      }
  }
}

std::uint32_t fnv1a(const std::string& s) {
  std::uint32_t h = 2166136261u;
  for (unsigned char ch : s) h = (h ^ ch) * 16777619u;
  return h;
}

bool inside_polygon(double x, double y, const std::vector<std::pair<double, double>>& poly) {
  bool in = false;
  for (std::size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
    const auto [xi, yi] = poly[i];
    const auto [xj, yj] = poly[j];
    if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) in = !in;
  }
  return in;
}

}  // namespace

Bytes drawn_signature_png(const std::string& name) {
  Canvas c(480, 160);
  const std::uint32_t h = fnv1a(name);
  const double f1 = 2.5 + (h & 7) * 0.35;
  const double f2 = 5.0 + ((h >> 3) & 7) * 0.5;
  const double phase = ((h >> 6) & 63) / 10.0;
  // A flowing line of loops, then a flourish underneath.
  std::vector<std::pair<double, double>> line;
  for (int i = 0; i <= 600; ++i) {
    const double t = i / 600.0;
    const double x = 40 + 380 * t + 18 * std::sin(2 * M_PI * f2 * t + phase);
    const double y = 70 - 32 * std::sin(2 * M_PI * f1 * t + phase) * std::exp(-1.2 * t) -
                     14 * std::cos(2 * M_PI * f2 * t);
    line.emplace_back(x, y);
  }
  stroke(c, line, 4.5, 20, 50, 170);
  std::vector<std::pair<double, double>> flourish;
  for (int i = 0; i <= 200; ++i) {
    const double t = i / 200.0;
    flourish.emplace_back(60 + 360 * t, 122 + 10 * std::sin(M_PI * t) - 6 * t);
  }
  stroke(c, flourish, 3.5, 20, 50, 170);
  return encode(c);
}

Bytes drawn_seal_png() {
  const int size = 400;
  Canvas c(size, size);
  const double cx = size / 2.0, cy = size / 2.0;
  const int r = 200, g = 20, b = 30;
  // The five-pointed star in the centre.
  std::vector<std::pair<double, double>> star;
  for (int k = 0; k < 10; ++k) {
    const double radius = k % 2 == 0 ? 62 : 25;
    const double angle = -M_PI / 2 + k * M_PI / 5;
    star.emplace_back(cx + radius * std::cos(angle), cy + radius * std::sin(angle));
  }
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x) {
      int hits = 0;
      for (int sy = 0; sy < 4; ++sy)
        for (int sx = 0; sx < 4; ++sx) {
          const double px = x + (sx + 0.5) / 4, py = y + (sy + 0.5) / 4;
          const double d = std::hypot(px - cx, py - cy);
          const bool outer = d >= 184 && d <= 197;  // the outer ring
          const bool inner = d >= 128 && d <= 134;  // the inner ring
          const double a = std::atan2(py - cy, px - cx);
          // A band of dashes between the rings, where the agency's name would run.
          const bool dash = d >= 150 && d <= 166 && std::fmod(a + 4 * M_PI, M_PI / 18) < M_PI / 30;
          if (outer || inner || dash || inside_polygon(px, py, star)) ++hits;
        }
      if (hits > 0) c.blend(x, y, r, g, b, hits / 16.0);
    }
  return encode(c);
}

std::pair<int, int> png_size(const Bytes& png) {
  if (png.size() < 24 || png.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0) return {0, 0};
  const auto be32 = [&](std::size_t at) {
    return static_cast<int>((static_cast<unsigned char>(png[at]) << 24) |
                            (static_cast<unsigned char>(png[at + 1]) << 16) |
                            (static_cast<unsigned char>(png[at + 2]) << 8) |
                            static_cast<unsigned char>(png[at + 3]));
  };
  return {be32(16), be32(20)};
}

}  // namespace kd::signing
