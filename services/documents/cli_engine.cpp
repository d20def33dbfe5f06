// The fallback engine: one `wkhtmltopdf` process per document, HTML on stdin, PDF on stdout,
// with the same settings as the library engine.
//
// A blocked load is not a failed render: with `--load-error-handling ignore` the CLI still writes
// the whole PDF, but exits non-zero with "Exit with code N due to network error: …" (or "http
// error") when a frame or stylesheet could not be loaded, which is exactly what the dead proxy
// and the blocked local files make happen to untrusted markup. That exit is accepted when the
// output is a complete PDF; any other non-zero exit, or no PDF, is a render error.
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <future>
#include <sstream>
#include <string_view>

#include "services/documents/pdf_engine.hpp"

namespace kd::documents {
namespace {

// Same bytes for the same HTML in every process (see wkhtmltox_engine.cpp).
const Poco::Process::Env kFixedHashSeed = {{"QT_HASH_SEED", "0"}};

bool complete_pdf(std::string_view out) {
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.remove_suffix(1);
  return out.size() >= 10 && out.substr(0, 5) == "%PDF-" && out.substr(out.size() - 5) == "%%EOF";
}

// The CLI's report of a resource it could not load (its only reason to exit non-zero after
// writing the document), e.g. "Exit with code 1 due to network error: ConnectionRefusedError".
bool only_blocked_loads(const std::string& stderr_text) {
  return stderr_text.find("due to network error: ") != std::string::npos ||
         stderr_text.find("due to http error: ") != std::string::npos;
}

class CliEngine : public PdfEngine {
 public:
  explicit CliEngine(const PageSettings& s) : s_(s) {}
  const char* name() const override { return "wkhtmltopdf-cli"; }

  std::string to_pdf(const std::string& html) override {
    const std::vector<std::string> args = {"--quiet",
                                           "--page-size",
                                           "A4",
                                           "--orientation",
                                           "Portrait",
                                           "--margin-top",
                                           mm(s_.margin_top_mm),
                                           "--margin-bottom",
                                           mm(s_.margin_bottom_mm),
                                           "--margin-left",
                                           mm(s_.margin_left_mm),
                                           "--margin-right",
                                           mm(s_.margin_right_mm),
                                           "--encoding",
                                           "utf-8",
                                           "--disable-javascript",
                                           "--javascript-delay",
                                           "0",
                                           "--disable-local-file-access",
                                           "--no-images",
                                           "--disable-plugins",
                                           "--proxy",
                                           s_.dead_proxy,
                                           "--load-error-handling",
                                           "ignore",
                                           "--load-media-error-handling",
                                           "ignore",
                                           "-",
                                           "-"};
    Poco::Pipe in, out, err;
    Poco::ProcessHandle ph = Poco::Process::launch(s_.cli, args, &in, &out, &err, kFixedHashSeed);
    // Read stdout and stderr while writing stdin, so that no pipe fills up.
    auto pdf = std::async(std::launch::async, [&out] {
      Poco::PipeInputStream s(out);
      std::string data;
      Poco::StreamCopier::copyToString(s, data);
      return data;
    });
    auto messages = std::async(std::launch::async, [&err] {
      Poco::PipeInputStream s(err);
      std::string data;
      Poco::StreamCopier::copyToString(s, data);
      return data;
    });
    {
      Poco::PipeOutputStream w(in);
      w << html;
      w.close();
    }
    in.close();
    const int code = ph.wait();
    std::string result = pdf.get();
    const std::string stderr_text = messages.get();
    const bool accepted = code == 0 || only_blocked_loads(stderr_text);
    if (!accepted || !complete_pdf(result))
      throw RenderError(s_.cli + " exited with " + std::to_string(code) + ": " + stderr_text);
    return result;
  }

 private:
  static std::string mm(int v) { return std::to_string(v) + "mm"; }
  PageSettings s_;
};

}  // namespace

std::unique_ptr<PdfEngine> make_cli_engine(const PageSettings& s) {
  return std::make_unique<CliEngine>(s);
}

}  // namespace kd::documents
