#include "tests/integration/signing/signing_fixture.hpp"

#include "workflow/calendar.hpp"

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

PdfSignatureRequest request_for(const std::string& role, const Identity& id, long long when) {
  PdfSignatureRequest r;
  r.field_name = "kd_" + role;
  r.placement = default_placement(role);
  r.appearance.signer_name = subject_common_name(id.cert.get());
  r.appearance.signing_time_iso = kd::wf::to_iso_vietnam(kd::wf::from_epoch(when));
  if (role == "attachment") r.appearance.kind = AppearanceKind::AttachmentLine;
  r.reason = "Ký biên bản họp";
  r.location = "Hòa Bình";
  r.signing_time = when;
  return r;
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
