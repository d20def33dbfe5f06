// Signatures per second: a 2-page PDF signed with server-held RSA-2048 (RSASSA-PSS) and
// ECDSA P-256 keys — PoDoFo incremental update, CAdES attributes, CMS, embedding — against
// the floor: OpenSSL signing the same SHA-256 digest, in process (EVP_PKEY_sign) and as one
// `openssl pkeyutl` process per signature, in the same run. Also the verifier's rate.
//
//   build/release/bench/sign_bench [iterations]
#include <podofo/podofo.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <string>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include "services/signing/certificate_authority.hpp"
#include "services/signing/signing_flow.hpp"

using namespace kd::signing;
using Clock = std::chrono::steady_clock;

namespace {

Bytes two_page_pdf() {
  using namespace PoDoFo;
  PdfMemDocument doc;
  PdfFont* font = doc.CreateFontSubset(
      "Liberation Serif", false, false, false, PdfEncodingFactory::GlobalIdentityEncodingInstance(),
      "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf");
  font->SetFontSize(13);
  for (int p = 0; p < 2; ++p) {
    PdfPage* page = doc.CreatePage(PdfPage::CreateStandardPageSize(ePdfPageSize_A4));
    PdfPainter painter;
    painter.SetPage(page);
    painter.SetFont(font);
    for (int line = 0; line < 40; ++line) {
      const std::string text =
          "Biên bản họp kiểm điểm, đánh giá, xếp loại chất lượng năm 2026 — dòng " +
          std::to_string(line + 1);
      painter.DrawText(85, 780 - line * 18,
                       PdfString(reinterpret_cast<const pdf_utf8*>(text.c_str())));
    }
    painter.FinishPage();
  }
  doc.EmbedSubsetFonts();
  PdfRefCountedBuffer buffer;
  PdfOutputDevice device(&buffer);
  doc.Write(&device);
  return Bytes(buffer.GetBuffer(), device.GetLength());
}

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

UnlockedKey as_key(const Identity& id, const Identity& ca) {
  UnlockedKey k;
  X509_up_ref(id.cert.get());
  k.cert.reset(id.cert.get());
  EVP_PKEY_up_ref(id.key.get());
  k.key.reset(id.key.get());
  X509_up_ref(ca.cert.get());
  k.chain.emplace_back(ca.cert.get());
  return k;
}

// The floor in process: sign a SHA-256 digest with the same key and padding.
double evp_rate(EVP_PKEY* key, bool pss, int n) {
  const Bytes digest = sha256("kiemdiem");
  unsigned char sig[512];
  const auto t0 = Clock::now();
  for (int i = 0; i < n; ++i) {
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new(key, nullptr);
    EVP_PKEY_sign_init(ctx);
    EVP_PKEY_CTX_set_signature_md(ctx, EVP_sha256());
    if (pss) {
      EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PSS_PADDING);
      EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, 32);
    }
    std::size_t len = sizeof sig;
    EVP_PKEY_sign(ctx, sig, &len, reinterpret_cast<const unsigned char*>(digest.data()),
                  digest.size());
    EVP_PKEY_CTX_free(ctx);
  }
  return n / seconds_since(t0);
}

// The floor as a process: `openssl pkeyutl -sign` of the same digest, one process each.
double cli_rate(EVP_PKEY* key, bool pss, int n) {
  const std::string dir = "/tmp/kd-sign-bench";
  std::system(("mkdir -p " + dir).c_str());
  {
    FILE* f = std::fopen((dir + "/key.pem").c_str(), "w");
    PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr);
    std::fclose(f);
    std::ofstream(dir + "/digest.bin", std::ios::binary) << sha256("kiemdiem");
  }
  std::string cmd = "openssl pkeyutl -sign -inkey " + dir + "/key.pem -in " + dir +
                    "/digest.bin -out " + dir + "/sig.bin -pkeyopt digest:sha256";
  if (pss) cmd += " -pkeyopt rsa_padding_mode:pss -pkeyopt rsa_pss_saltlen:32";
  const auto t0 = Clock::now();
  for (int i = 0; i < n; ++i)
    if (std::system(cmd.c_str()) != 0) return 0;
  const double rate = n / seconds_since(t0);
  std::system(("rm -rf " + dir).c_str());
  return rate;
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 200;
  const long long now = static_cast<long long>(std::time(nullptr));
  const Identity ca = create_root({"Bench CA", "kiemdiem", "", ""}, KeyType::EcdsaP256, now - 86400,
                                  now + 86400 * 365);
  const Identity rsa = issue_certificate(ca, {"Lê Minh Tuấn", "Sở Nội vụ", "", ""},
                                         KeyType::Rsa2048, 2, now - 86400, now + 86400 * 365);
  const Identity ec = issue_certificate(ca, {"Ngô Thị Phương Thảo", "Sở Nội vụ", "", ""},
                                        KeyType::EcdsaP256, 3, now - 86400, now + 86400 * 365);
  TrustAnchors anchors;
  X509_up_ref(ca.cert.get());
  anchors.roots.emplace_back(ca.cert.get());
  const Bytes pdf = two_page_pdf();
  std::printf("document: 2 pages, %zu bytes; %d signatures per key\n\n", pdf.size(), n);
  std::printf("%-22s %14s %14s %14s %12s\n", "key", "PDF sign/s", "EVP floor/s", "CLI floor/s",
              "verify/s");
  for (const auto* id : {&rsa, &ec}) {
    const bool pss = id == &rsa;
    const UnlockedKey key = as_key(*id, ca);
    PdfSignatureRequest req;
    req.field_name = "kd_chair";
    req.placement = default_placement("chair");
    req.appearance.signer_name = subject_common_name(id->cert.get());
    req.appearance.signing_time_iso = iso_time_vietnam(now);
    req.signing_time = now;
    Bytes last;
    auto t0 = Clock::now();
    for (int i = 0; i < n; ++i) last = sign_with_key(pdf, req, key).pdf;
    const double sign_rate = n / seconds_since(t0);
    t0 = Clock::now();
    bool ok = true;
    for (int i = 0; i < n; ++i) ok = ok && verify_pdf(last, anchors, now).ok();
    const double verify_rate = n / seconds_since(t0);
    const double evp = evp_rate(id->key.get(), pss, n * 5);
    const double cli = cli_rate(id->key.get(), pss, n / 4 + 1);
    std::printf("%-22s %14.0f %14.0f %14.0f %12.0f%s\n", pss ? "RSA-2048 PSS" : "ECDSA P-256",
                sign_rate, evp, cli, verify_rate, ok ? "" : "  (VERIFY FAILED)");
  }
  return 0;
}
