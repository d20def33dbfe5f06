// HTML -> PDF. Two engines with the same settings: libwkhtmltox in process (built by
// scripts/build-wkhtmltox; ~25 ms a document) and, when the library is missing, the
// `wkhtmltopdf` CLI (one process per document, ~180 ms). Both are hardened for untrusted text:
// JavaScript off, local file access blocked, images and plugins off, every network load sent to
// a dead proxy; the templates inline their stylesheet, so nothing outside templates/ is used.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

namespace kd::documents {

struct RenderError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A4 portrait; margins in millimetres per ND 30/2020 (top/bottom 20–25, left 30–35, right 15–20).
struct PageSettings {
  int margin_top_mm = 20;
  int margin_bottom_mm = 20;
  int margin_left_mm = 30;
  int margin_right_mm = 15;
  // Where every network load goes: nothing listens on the discard port.
  std::string dead_proxy = "http://127.0.0.1:9";
  std::string cli = "wkhtmltopdf";  // the CLI fallback (and the benchmark's baseline)
};

class PdfEngine {
 public:
  virtual ~PdfEngine() = default;
  virtual std::string to_pdf(const std::string& html) = 0;  // throws RenderError
  virtual const char* name() const = 0;                     // "libwkhtmltox" | "wkhtmltopdf-cli"
};

// True when this program was built with libwkhtmltox.
bool have_wkhtmltox();

// libwkhtmltox when built with it, else the CLI; says which in the log. The library engine may be
// created once per process and used from the creating thread only (Qt): render in processes.
std::unique_ptr<PdfEngine> make_pdf_engine(const PageSettings&);
std::unique_ptr<PdfEngine> make_cli_engine(const PageSettings&);

}  // namespace kd::documents
