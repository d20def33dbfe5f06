#include "tests/integration/signing/signing_fixture.hpp"

#include <podofo/podofo.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace kd::signing::testing {

Bytes make_test_pdf(int pages) {
  using namespace PoDoFo;
  PdfMemDocument doc;
  PdfFont* font = doc.CreateFontSubset(
      "Liberation Serif", false, false, false, PdfEncodingFactory::GlobalIdentityEncodingInstance(),
      "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf");
  font->SetFontSize(13);
  for (int i = 0; i < pages; ++i) {
    PdfPage* page = doc.CreatePage(PdfPage::CreateStandardPageSize(ePdfPageSize_A4));
    PdfPainter painter;
    painter.SetPage(page);
    painter.SetFont(font);
    const std::string lines[] = {
        "BIÊN BẢN HỌP KIỂM ĐIỂM, ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG NĂM 2026",
        "Phòng Tổ chức cán bộ — Sở Nội vụ tỉnh Hòa Bình",
        "Chủ trì: Lê Minh Tuấn; Thư ký: Ngô Thị Phương Thảo",
        "Biên bản đã được đọc lại và thông qua tại cuộc họp.",
        "Trang " + std::to_string(i + 1),
    };
    double y = 760;
    for (const auto& line : lines) {
      painter.DrawText(90, y, PdfString(reinterpret_cast<const pdf_utf8*>(line.c_str())));
      y -= 22;
    }
    painter.FinishPage();
  }
  doc.EmbedSubsetFonts();
  PdfRefCountedBuffer buffer;
  PdfOutputDevice device(&buffer);
  doc.Write(&device);
  return Bytes(buffer.GetBuffer(), device.GetLength());
}

namespace {

SubjectFields person(const std::string& name) {
  return {name, "Sở Nội vụ tỉnh Hòa Bình", "Phòng Tổ chức cán bộ", ""};
}

TestPki make_pki() {
  TestPki p;
  p.now = static_cast<long long>(std::time(nullptr));
  const long long day = 86400;
  p.ca = create_root({"Kiểm điểm — CA thử nghiệm", "Sở Nội vụ tỉnh Hòa Bình", "", ""},
                     KeyType::EcdsaP256, p.now - 10 * day, p.now + 3650 * day);
  p.secretary = issue_certificate(p.ca, person("Ngô Thị Phương Thảo"), KeyType::EcdsaP256, 11,
                                  p.now - day, p.now + 365 * day);
  p.chair = issue_certificate(p.ca, person("Lê Minh Tuấn"), KeyType::Rsa2048, 12, p.now - day,
                              p.now + 365 * day);
  p.expired = issue_certificate(p.ca, person("Đỗ Quang Huy"), KeyType::EcdsaP256, 13,
                                p.now - 9 * day, p.now - day);
  p.not_yet = issue_certificate(p.ca, person("Võ Thị Kim Oanh"), KeyType::EcdsaP256, 14,
                                p.now + day, p.now + 365 * day);
  const Identity other_ca = create_root({"CA khác", "Không tin cậy", "", ""}, KeyType::EcdsaP256,
                                        p.now - day, p.now + 365 * day);
  p.stranger = issue_certificate(other_ca, person("Người lạ"), KeyType::EcdsaP256, 15, p.now - day,
                                 p.now + 365 * day);
  return p;
}

}  // namespace

const TestPki& pki() {
  static const TestPki p = make_pki();
  return p;
}

TrustAnchors TestPki::anchors() const {
  TrustAnchors a;
  X509_up_ref(ca.cert.get());
  a.roots.emplace_back(ca.cert.get());
  return a;
}

UnlockedKey TestPki::unlocked(const Identity& id) const {
  UnlockedKey k;
  X509_up_ref(id.cert.get());
  k.cert.reset(id.cert.get());
  EVP_PKEY_up_ref(id.key.get());
  k.key.reset(id.key.get());
  X509_up_ref(ca.cert.get());
  k.chain.emplace_back(ca.cert.get());
  return k;
}

PdfSignatureRequest request_for(const std::string& role, const Identity& id, long long when) {
  PdfSignatureRequest r;
  r.field_name = "kd_" + role;
  r.placement = default_placement(role);
  r.appearance.signer_name = subject_common_name(id.cert.get());
  r.appearance.signing_time_iso = iso_time_vietnam(when);
  if (role == "attachment") r.appearance.kind = AppearanceKind::AttachmentLine;
  r.reason = "Ký biên bản họp";
  r.location = "Hòa Bình";
  r.signing_time = when;
  return r;
}

TempDir::TempDir() {
  char tmpl[] = "/tmp/kd-signing-XXXXXX";
  const char* p = mkdtemp(tmpl);
  if (p == nullptr) throw std::runtime_error("mkdtemp failed");
  path = p;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path, ec);
}

void write_file(const std::string& path, const Bytes& data) {
  std::ofstream out(path, std::ios::binary);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
}

Bytes read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

CommandResult run(const std::string& command) {
  CommandResult r;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return r;
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) r.output.append(buf, n);
  const int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string quote(const std::string& arg) {
  std::string out = "'";
  for (char c : arg) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string nss_database(const TempDir& dir, X509* ca) {
  const std::string db = dir.file("nss");
  std::filesystem::create_directories(db);
  write_file(dir.file("ca.pem"), pem_of(ca));
  const auto created = run("certutil -N -d sql:" + quote(db) + " --empty-password");
  const auto added = run("certutil -A -d sql:" + quote(db) + " -n kiemdiem-test-ca -t CT,C,C -i " +
                         quote(dir.file("ca.pem")));
  if (created.exit_code != 0 || added.exit_code != 0)
    throw std::runtime_error("certutil failed: " + created.output + added.output);
  return "sql:" + db;
}

}  // namespace kd::signing::testing

#include <openssl/pem.h>

namespace kd::signing::testing {

Bytes append_content_revision(const Bytes& pdf) {
  using namespace PoDoFo;
  PdfMemDocument doc;
  doc.LoadFromBuffer(pdf.data(), static_cast<long>(pdf.size()), true);
  PdfPage* page = doc.GetPage(0);
  PdfPainter painter;
  painter.SetPage(page);
  PdfFont* font = doc.CreateFont("Helvetica");
  font->SetFontSize(12);
  painter.SetFont(font);
  painter.DrawText(90, 400, "Rating changed after signing");
  painter.FinishPage();
  PdfRefCountedBuffer buffer;
  PdfOutputDevice device(&buffer);
  doc.WriteUpdate(&device, true);
  return Bytes(buffer.GetBuffer(), device.GetLength());
}

std::string private_key_pem(EVP_PKEY* key) {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<std::size_t>(n));
  BIO_free(bio);
  return out;
}

}  // namespace kd::signing::testing
