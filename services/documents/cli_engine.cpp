// The fallback engine: one `wkhtmltopdf` process per document, HTML on stdin, PDF on stdout,
// with the same settings as the library engine.
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <future>
#include <sstream>

#include "services/documents/pdf_engine.hpp"

namespace kd::documents {
namespace {

// Same bytes for the same HTML in every process (see wkhtmltox_engine.cpp).
const Poco::Process::Env kFixedHashSeed = {{"QT_HASH_SEED", "0"}};

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
    if (code != 0 || result.empty())
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
