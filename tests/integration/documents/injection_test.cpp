// Untrusted text in a document: an iframe to a local server holding a secret, an image of a
// local file and a script are shown literally, never loaded or run (CVE-2022-35583).
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "tests/integration/documents/documents_world.hpp"
#include "tests/integration/documents/pdf_tools.hpp"

namespace kd::documents::test {
namespace {

const std::string kSecret = "BI-MAT-3f9c2a7e";

// Answers every HTTP request with the secret and counts the connections.
class SecretServer {
 public:
  SecretServer() : socket_(Poco::Net::SocketAddress("127.0.0.1", 0)) {
    thread_ = std::thread([this] {
      while (!stop_) {
        if (!socket_.poll(Poco::Timespan(0, 50000), Poco::Net::Socket::SELECT_READ)) continue;
        Poco::Net::StreamSocket s = socket_.acceptConnection();
        ++connections_;
        char buf[2048];
        s.receiveBytes(buf, sizeof buf);
        const std::string body = "<html><body>" + kSecret + "</body></html>";
        const std::string answer =
            "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: " +
            std::to_string(body.size()) + "\r\n\r\n" + body;
        s.sendBytes(answer.data(), static_cast<int>(answer.size()));
        s.close();
      }
    });
  }
  ~SecretServer() {
    stop_ = true;
    thread_.join();
  }
  int port() const { return socket_.address().port(); }
  int connections() const { return connections_; }

 private:
  Poco::Net::ServerSocket socket_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
};

class Injection : public DocumentsTest {};

TEST_F(Injection, MarkupInAFormIsShownLiterallyAndNothingIsLoaded) {
  SecretServer server;
  build_world();
  const auto review = review_of(an_);
  const std::string iframe =
      "<iframe src=\"http://127.0.0.1:" + std::to_string(server.port()) + "/secret\"></iframe>";
  const std::string img = "<img src=\"file:///etc/passwd\">";
  const std::string script = "<script>document.write('JS-DA-CHAY')</script>";
  auto form = kd::storage::test::full_form(iframe + " " + img + " " + script);
  form.strengths = "Ký tự đặc biệt: <b>đậm</b> & \"ngoặc kép\" 'nháy đơn' — ơ ư Ơ Ư ậ ễ ỹ Đ";
  ASSERT_EQ(act(review, an_, submit(form)).status, TransitionOutcome::Status::Accepted);
  run_jobs();
  const auto docs = documents_->review_documents(review);
  ASSERT_EQ(docs.size(), 1u);
  const auto path = write_file("injection.pdf", *documents_->pdf(docs[0].id));
  const auto text = pdf_text(path);
  EXPECT_EQ(text.find(kSecret), std::string::npos);
  EXPECT_EQ(text.find("root:x:0:0"), std::string::npos);
  EXPECT_EQ(server.connections(), 0) << "the renderer contacted the local server";
  // Shown as typed (pdftotext may break the long line: compare without line breaks).
  std::string flat;
  for (const char c : text) flat.push_back(c == '\n' ? ' ' : c);
  for (const auto& literal :
       {std::string("<iframe src=\"http://127.0.0.1:"), std::string("/secret\"></iframe>"), img,
        std::string("<script>document.write('JS-DA-CHAY')</script>"),
        std::string("<b>đậm</b> & \"ngoặc kép\" 'nháy đơn' — ơ ư Ơ Ư ậ ễ ỹ Đ")})
    EXPECT_NE(flat.find(literal), std::string::npos) << literal << "\n" << flat;
  // The script did not run: its output never appears on its own.
  const auto script_at = flat.find("JS-DA-CHAY");
  ASSERT_NE(script_at, std::string::npos);
  EXPECT_EQ(flat.find("JS-DA-CHAY", script_at + 1), std::string::npos);
  // The stored HTML escapes every character that could open markup.
  const auto html = *documents_->html(docs[0].id);
  EXPECT_EQ(html.find("<iframe"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("&lt;iframe src=&quot;http://127.0.0.1:"), std::string::npos);
}

// Defence in depth: even markup that reached the engine unescaped loads and runs nothing, and
// the loads it tried and was refused (a stylesheet and frames through the dead proxy, local
// files) do not fail the document: it renders with the text around them.
void expect_rendered_without_loading(PdfEngine& engine, const std::string& file) {
  SecretServer server;
  const std::string url = "http://127.0.0.1:" + std::to_string(server.port()) + "/secret";
  const std::string html =
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><link rel=\"stylesheet\" href=\"" + url +
      "\"></head><body><p>Trang thử</p><iframe src=\"" + url + "\"></iframe><img src=\"" + url +
      "\"><iframe src=\"file:///etc/passwd\"></iframe>"
      "<img src=\"file:///etc/passwd\"><script>document.write('JS-DA-CHAY')</script>"
      "<p>Sau khung</p></body></html>";
  std::string pdf;
  ASSERT_NO_THROW(pdf = engine.to_pdf(html)) << engine.name();
  const auto path = write_file(file, pdf);
  const auto text = pdf_text(path);
  EXPECT_NE(text.find("Trang thử"), std::string::npos) << text;
  EXPECT_NE(text.find("Sau khung"), std::string::npos) << text;
  EXPECT_EQ(text.find(kSecret), std::string::npos);
  EXPECT_EQ(text.find("root:"), std::string::npos);
  EXPECT_EQ(text.find("JS-DA-CHAY"), std::string::npos);
  EXPECT_EQ(server.connections(), 0);
}

TEST(EngineHardening, RawMarkupLoadsNothingAndRunsNoScript) {
  auto cli = make_cli_engine(PageSettings{});
  expect_rendered_without_loading(*cli, "engine-hardening-cli.pdf");
}

TEST(EngineHardening, LibraryEngineLoadsNothingAndRunsNoScript) {
  ASSERT_TRUE(have_wkhtmltox())
      << "built without libwkhtmltox: run scripts/build-wkhtmltox (as root), then reconfigure";
  ASSERT_STREQ(process_engine().name(), "libwkhtmltox");
  expect_rendered_without_loading(process_engine(), "engine-hardening-library.pdf");
}

}  // namespace
}  // namespace kd::documents::test
