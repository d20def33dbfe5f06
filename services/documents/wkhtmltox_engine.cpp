// The in-process engine (only when CMake found libwkhtmltox: KD_HAVE_WKHTMLTOX).
#include <Poco/Logger.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <thread>

#include "services/documents/pdf_engine.hpp"

#ifdef KD_HAVE_WKHTMLTOX
#include <wkhtmltox/pdf.h>
#endif

#if defined(__SANITIZE_ADDRESS__) && defined(KD_HAVE_WKHTMLTOX)
// Qt (inside libwkhtmltox) keeps process-wide objects it never frees; LeakSanitizer would report
// them at exit of every process that rendered. Only allocations made inside these libraries are
// suppressed: a leak in our own code still fails the ASan run.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libQt5Core.so\n"
         "leak:libQt5Gui.so\n"
         "leak:libQt5Network.so\n"
         "leak:libQt5WebKit.so\n"
         "leak:libQt5WebKitWidgets.so\n"
         "leak:libqoffscreen.so\n"
         "leak:libwkhtmltox.so\n"
         "leak:libharfbuzz.so\n"
         "leak:libfontconfig.so\n";
}
#endif

namespace kd::documents {

bool have_wkhtmltox() {
#ifdef KD_HAVE_WKHTMLTOX
  return true;
#else
  return false;
#endif
}

#ifdef KD_HAVE_WKHTMLTOX
void link_em_square_glyphs();  // em_square_glyphs.cpp

namespace {

std::atomic<bool> g_initialised{false};

std::string mm(int v) { return std::to_string(v) + "mm"; }

class WkhtmltoxEngine : public PdfEngine {
 public:
  explicit WkhtmltoxEngine(const PageSettings& s)
      : settings_(s), owner_(std::this_thread::get_id()) {
    link_em_square_glyphs();
    if (g_initialised.exchange(true))
      throw RenderError("libwkhtmltox is initialised once per process: one engine per process");
    if (!std::getenv("XDG_RUNTIME_DIR")) {  // Qt wants a private runtime directory
      const std::string dir = "/tmp/kiemdiem-runtime-" + std::to_string(getuid());
      mkdir(dir.c_str(), 0700);
      setenv("XDG_RUNTIME_DIR", dir.c_str(), 0);
    }
    // Qt seeds its hash tables at random per process, and the order in which it writes the font
    // objects (and names the subsets) follows them: with a fixed seed two fresh processes give
    // the same bytes for the same HTML. (A long-lived worker may still number the fonts
    // differently after other documents: then a re-render is stored as a new version.)
    setenv("QT_HASH_SEED", "0", 1);
    if (wkhtmltopdf_init(0) != 1) throw RenderError("wkhtmltopdf_init failed");
  }
  ~WkhtmltoxEngine() override { wkhtmltopdf_deinit(); }

  const char* name() const override { return "libwkhtmltox"; }

  std::string to_pdf(const std::string& html) override {
    if (std::this_thread::get_id() != owner_)
      throw RenderError("libwkhtmltox used from a second thread (Qt allows one)");
    wkhtmltopdf_global_settings* gs = wkhtmltopdf_create_global_settings();
    wkhtmltopdf_object_settings* os = wkhtmltopdf_create_object_settings();
    try {
      configure(gs, os);
    } catch (...) {
      wkhtmltopdf_destroy_object_settings(os);
      wkhtmltopdf_destroy_global_settings(gs);
      throw;
    }
    wkhtmltopdf_converter* c = wkhtmltopdf_create_converter(gs);  // owns gs (and os once added)
    wkhtmltopdf_add_object(c, os, html.c_str());
    const int ok = wkhtmltopdf_convert(c);
    const unsigned char* data = nullptr;
    const long size = wkhtmltopdf_get_output(c, &data);
    std::string pdf;
    if (ok == 1 && data && size > 0) pdf.assign(reinterpret_cast<const char*>(data), size);
    wkhtmltopdf_destroy_converter(c);
    if (pdf.empty()) throw RenderError("libwkhtmltox produced no PDF");
    return pdf;
  }

 private:
  void configure(wkhtmltopdf_global_settings* gs, wkhtmltopdf_object_settings* os) const {
    set(gs, "size.pageSize", "A4");
    set(gs, "orientation", "Portrait");
    set(gs, "margin.top", mm(settings_.margin_top_mm));
    set(gs, "margin.bottom", mm(settings_.margin_bottom_mm));
    set(gs, "margin.left", mm(settings_.margin_left_mm));
    set(gs, "margin.right", mm(settings_.margin_right_mm));
    set(gs, "outline", "false");
    set(gs, "useCompression", "true");
    set(os, "web.defaultEncoding", "utf-8");
    set(os, "web.enableJavascript", "false");
    set(os, "web.enablePlugins", "false");
    set(os, "web.loadImages", "false");
    set(os, "load.blockLocalFileAccess", "true");
    set(os, "load.jsdelay", "0");
    set(os, "load.proxy", settings_.dead_proxy);
    // A blocked load (dead proxy, local file) never fails the document. (The library exposes
    // no setting for media loads: their errors are ignored by default, as the CLI's
    // --load-media-error-handling ignore.)
    set(os, "load.loadErrorHandling", "ignore");
    set(os, "load.stopSlowScripts", "true");
  }
  static void set(wkhtmltopdf_global_settings* gs, const char* k, const std::string& v) {
    if (wkhtmltopdf_set_global_setting(gs, k, v.c_str()) != 1)
      throw RenderError(std::string("libwkhtmltox refused the setting ") + k);
  }
  static void set(wkhtmltopdf_object_settings* os, const char* k, const std::string& v) {
    if (wkhtmltopdf_set_object_setting(os, k, v.c_str()) != 1)
      throw RenderError(std::string("libwkhtmltox refused the setting ") + k);
  }
  PageSettings settings_;
  std::thread::id owner_;
};

}  // namespace
#endif

std::unique_ptr<PdfEngine> make_pdf_engine(const PageSettings& s) {
#ifdef KD_HAVE_WKHTMLTOX
  return std::make_unique<WkhtmltoxEngine>(s);
#else
  Poco::Logger::get("kiemdiem.documents")
      .warning("built without libwkhtmltox (run scripts/bootstrap): rendering through the " +
               s.cli + " CLI, one process per document");
  return make_cli_engine(s);
#endif
}

}  // namespace kd::documents
