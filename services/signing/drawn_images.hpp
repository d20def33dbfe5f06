// Images for visible signatures drawn in code (no downloaded assets), for the demo and the
// tests: a person's handwritten-looking signature (blue strokes on a transparent PNG,
// shaped by the name) and an agency seal (a red double ring with a five-pointed star,
// transparent outside). Written as PNG (RGBA, 8 bits) with libpng.
#pragma once

#include <string>

#include "services/signing/openssl_util.hpp"

namespace kd::signing {

// 480 x 160 px; the same name always gives the same image.
Bytes drawn_signature_png(const std::string& name);

// 400 x 400 px (drawn at the seal's true size, 36 mm, by the appearance).
Bytes drawn_seal_png();

// Width and height of a PNG, or {0, 0} when it is not one.
std::pair<int, int> png_size(const Bytes& png);

}  // namespace kd::signing
