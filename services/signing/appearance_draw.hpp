// Internal to the signing adapter: draws an Appearance into a PoDoFo form XObject.
#pragma once

#include <podofo/podofo.h>

#include "services/signing/appearance.hpp"

namespace kd::signing {

// The widget rectangle for an appearance placed at `signature` (the seal extends it
// to the left and, when taller, vertically).
PageRect widget_rect(const Appearance&, const PageRect& signature);

// Draws into `xobject` whose bounding box is the widget rectangle.
void draw_appearance(PoDoFo::PdfDocument&, PoDoFo::PdfXObject& xobject, const Appearance&,
                     const PageRect& signature, const PageRect& widget);

}  // namespace kd::signing
