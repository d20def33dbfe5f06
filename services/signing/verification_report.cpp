// The verification report as JSON (stable codes) and as Vietnamese text.
#include <Poco/JSON/Array.h>

#include <sstream>

#include "services/signing/pdf_signature.hpp"
#include "services/signing/verification.hpp"
#include "workflow/calendar.hpp"

namespace kd::signing {
namespace {

std::string error_vi(const std::string& code) {
  if (code == "not_a_pdf") return "Tệp không phải là tài liệu PDF.";
  if (code == "no_eof_marker") return "Tệp PDF không hoàn chỉnh (thiếu dấu kết thúc %%EOF).";
  if (code == "truncated")
    return "Tệp PDF bị cắt cụt hoặc hư hỏng (có dữ liệu sau dấu kết thúc %%EOF cuối cùng).";
  return "Không đọc được tệp PDF.";
}

std::string integrity_vi(const SignatureReport& s) {
  if (s.integrity == "intact")
    return s.intact ? "Nội dung được ký còn nguyên vẹn."
                    : "Nội dung được ký còn nguyên vẹn, nhưng vùng chứa chữ ký có dữ liệu lạ.";
  if (s.integrity == "modified") return "Nội dung được ký ĐÃ BỊ THAY ĐỔI (giá trị băm không khớp).";
  if (s.integrity == "signature_invalid") return "Giá trị chữ ký số KHÔNG ĐÚNG.";
  return "Chữ ký bị hỏng, không kiểm tra được.";
}

std::string coverage_vi(const SignatureReport& s) {
  switch (s.coverage) {
    case Coverage::WholeDocument:
      return "Chữ ký bao trùm toàn bộ tài liệu.";
    case Coverage::LaterSignaturesOnly:
      return "Chữ ký không bao trùm toàn bộ tệp: sau khi ký có " +
             std::to_string(s.later_revisions) +
             " lần cập nhật, chỉ để thêm chữ ký số (không thay đổi nội dung).";
    case Coverage::LaterChanges:
      break;
  }
  return "CẢNH BÁO: sau khi ký, tài liệu đã được cập nhật " + std::to_string(s.later_revisions) +
         " lần, có thay đổi không phải là chữ ký số; nội dung hiện tại khác nội dung đã ký.";
}

std::string chain_reason_vi(const std::string& code) {
  if (code == "issuer_unknown")
    return "không tìm thấy tổ chức cấp chứng thư trong các tổ chức tin cậy đã cấu hình";
  if (code == "self_signed") return "chứng thư tự ký, không thuộc tổ chức tin cậy nào đã cấu hình";
  if (code == "certificate_expired") return "chứng thư đã hết hạn tại thời điểm ký";
  if (code == "certificate_not_yet_valid") return "chứng thư chưa có hiệu lực tại thời điểm ký";
  if (code == "certificate_revoked") return "chứng thư đã bị tổ chức cấp thu hồi";
  if (code == "certificate_signature_invalid")
    return "chữ ký của tổ chức cấp trên chứng thư không đúng (chứng thư bị sửa hoặc giả)";
  if (code == "issuer_not_a_ca")
    return "bên cấp chứng thư không phải là tổ chức chứng thực (không có quyền CA)";
  if (code == "issuer_cannot_sign_certificates")
    return "khóa của bên cấp không được phép ký chứng thư (keyCertSign)";
  if (code == "invalid_purpose") return "chứng thư không được cấp cho mục đích ký số";
  if (code == "unhandled_critical_extension")
    return "chứng thư có phần mở rộng bắt buộc (critical) không được hỗ trợ";
  if (code == "path_length_exceeded")
    return "chuỗi chứng thư dài hơn giới hạn tổ chức cấp cho phép";
  if (code == "chain_too_long") return "chuỗi chứng thư quá dài";
  return "lỗi khi kiểm tra chuỗi chứng thư";
}

std::string revocation_vi(const SignatureReport& s) {
  if (s.revocation_unchecked.empty())
    return "Đã kiểm tra theo danh sách thu hồi (CRL) của tổ chức cấp: chứng thư chưa bị thu hồi.";
  std::string out = "CHƯA KIỂM TRA ĐƯỢC việc thu hồi của ";
  for (std::size_t i = 0; i < s.revocation_unchecked.size(); ++i) {
    const auto& u = s.revocation_unchecked[i];
    out += (i == 0 ? "" : "; ") + std::string("chứng thư \"") + u.subject +
           "\" (không có danh sách thu hồi CRL của tổ chức cấp \"" + u.issuer + "\")";
  }
  return out + ".";
}

std::string chain_vi(const SignatureReport& s) {
  switch (s.chain) {
    case ChainStatus::Trusted:
      return "Chứng thư số hợp lệ tại thời điểm ký, được chứng thực bởi tổ chức tin cậy \"" +
             s.anchor_name + "\".";
    case ChainStatus::Untrusted:
      return "Chứng thư số không được chứng thực bởi tổ chức cung cấp dịch vụ tin cậy nào đã "
             "cấu hình (" +
             chain_reason_vi(s.chain_reason) + ").";
    case ChainStatus::Expired:
      return "Chứng thư số ĐÃ HẾT HẠN tại thời điểm ký.";
    case ChainStatus::NotYetValid:
      return "Chứng thư số CHƯA CÓ HIỆU LỰC tại thời điểm ký.";
    case ChainStatus::Revoked:
      return "Chứng thư số ĐÃ BỊ THU HỒI.";
    case ChainStatus::Invalid:
      break;
  }
  return "Chuỗi chứng thư số không hợp lệ: " + chain_reason_vi(s.chain_reason) + ".";
}

std::string verdict_vi(const SignatureReport& s) {
  std::string v = s.verdict == Verdict::Valid ? "HỢP LỆ"
                  : s.verdict == Verdict::Indeterminate
                      ? "CHƯA XÁC ĐỊNH (không xác minh được nguồn gốc chứng thư)"
                      : "KHÔNG HỢP LỆ";
  if (s.verdict == Verdict::Valid && s.coverage == Coverage::LaterChanges)
    v += ", nhưng tài liệu đã bị thay đổi sau khi ký";
  return v;
}

std::string change_vi(const std::string& code) {
  if (code == "signed_content_changed") return "nội dung đã ký bị sửa (giá trị băm không khớp)";
  if (code == "signature_area_changed")
    return "vùng chứa chữ ký bị sửa (có dữ liệu chèn vào ngoài phạm vi được ký)";
  if (code == "page_content_changed") return "nội dung hiển thị của trang";
  if (code == "page_resources_changed")
    return "phông chữ, hình ảnh hoặc tài nguyên khác mà trang dùng để hiển thị";
  if (code == "annotation_changed")
    return "chú thích hoặc hình hiển thị của chú thích (kể cả hình của chữ ký trước)";
  if (code == "form_changed") return "biểu mẫu (trường, giá trị hoặc hình hiển thị của trường)";
  if (code == "document_changed")
    return "thành phần khác của tài liệu (danh mục, cây trang, hành động, tên gọi...)";
  if (code == "update_unreadable")
    return "bản cập nhật sau khi ký không đọc được nếu không sửa chữa tệp (cấu trúc hỏng hoặc "
           "bị làm giả)";
  return code;
}

std::string changes_vi(const SignatureReport& s) {
  std::string out = "TÀI LIỆU ĐÃ BỊ THAY ĐỔI SAU KHI KÝ: ";
  for (std::size_t i = 0; i < s.changes.size(); ++i)
    out += (i == 0 ? "" : "; ") + change_vi(s.changes[i]);
  return out + ".";
}

std::string note_vi(const std::string& code) {
  if (code == "unsupported_sub_filter") return "Định dạng chữ ký (SubFilter) không được hỗ trợ.";
  if (code == "byte_range_invalid") return "Phạm vi byte được ký (/ByteRange) không hợp lệ.";
  if (code == "contents_padding_not_zero") return "Vùng chứa chữ ký có dữ liệu ngoài chữ ký.";
  if (code == "contents_not_hex") return "Vùng chứa chữ ký có ký tự không phải mã hex.";
  if (code == "cms_certificate_damaged")
    return "Một chứng thư số đi kèm chữ ký bị hỏng (chữ ký của bên cấp không khớp).";
  if (code == "cms_certificate_unverifiable")
    return "Một chứng thư số đi kèm chữ ký không xác định được bên cấp.";
  if (code == "cms_envelope_inconsistent")
    return "Cấu trúc bao gói chữ ký (CMS) không nhất quán (loại nội dung hoặc thuật toán băm).";
  if (code == "cms_malformed") return "Dữ liệu chữ ký (CMS) bị hỏng.";
  if (code == "signer_certificate_missing") return "Không có chứng thư số của người ký.";
  if (code == "weak_digest_algorithm") return "Thuật toán băm yếu (không phải SHA-2).";
  if (code == "signing_certificate_mismatch")
    return "Thuộc tính signing-certificate không khớp với chứng thư của người ký.";
  if (code == "no_signing_certificate_attribute")
    return "Thiếu thuộc tính signing-certificate-v2 (không đạt PAdES cơ bản).";
  if (code == "cms_signing_time_present")
    return "Chữ ký có thuộc tính signingTime trong CMS (PAdES cơ bản đặt thời gian ở /M).";
  if (code == "no_signing_time") return "Chữ ký không ghi thời điểm ký.";
  if (code == "revocation_not_checked")
    return "Chưa kiểm tra được việc thu hồi chứng thư số (xem dòng \"Thu hồi\").";
  return code;
}

}  // namespace

Poco::JSON::Object::Ptr report_json(const VerificationReport& r) {
  Poco::JSON::Object::Ptr doc = new Poco::JSON::Object;
  doc->set("ok", r.ok());
  if (!r.error.empty()) {
    doc->set("error", r.error);
    doc->set("error_detail", r.error_detail);
    doc->set("message_vi", error_vi(r.error));
  }
  doc->set("size", static_cast<Poco::UInt64>(r.size));
  doc->set("revisions", r.revisions);
  Poco::JSON::Array::Ptr sigs = new Poco::JSON::Array;
  for (const auto& s : r.signatures) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("index", s.index);
    o->set("field_name", s.field_name);
    o->set("sub_filter", s.sub_filter);
    o->set("verdict", std::string(to_code(s.verdict)));
    o->set("integrity", s.integrity);
    o->set("coverage", std::string(to_code(s.coverage)));
    o->set("later_revisions", s.later_revisions);
    o->set("changed_after_signing", !s.changes.empty());
    Poco::JSON::Array::Ptr changes = new Poco::JSON::Array;
    for (const auto& c : s.changes) changes->add(c);
    o->set("changes", changes);
    o->set("chain", std::string(to_code(s.chain)));
    o->set("trust_anchor", s.anchor_name);
    if (!s.chain_reason.empty()) {
      o->set("chain_reason", s.chain_reason);
      o->set("chain_reason_vi", chain_reason_vi(s.chain_reason));
    }
    o->set("chain_detail", s.chain_detail);
    if (s.chain == ChainStatus::Trusted)
      o->set("revocation", std::string(s.revocation_unchecked.empty() ? "checked" : "not_checked"));
    Poco::JSON::Array::Ptr unchecked = new Poco::JSON::Array;
    for (const auto& u : s.revocation_unchecked) {
      Poco::JSON::Object::Ptr c = new Poco::JSON::Object;
      c->set("subject", u.subject);
      c->set("issuer", u.issuer);
      unchecked->add(c);
    }
    o->set("revocation_not_checked", unchecked);
    o->set("signer", s.signer_name);
    o->set("signer_subject", s.signer_subject);
    o->set("certificate_sha256", s.cert_fingerprint);
    o->set("certificate_serial", s.cert_serial);
    if (s.signing_time)
      o->set("signing_time", kd::wf::to_iso_vietnam(kd::wf::from_epoch(*s.signing_time)));
    o->set("signing_time_source", s.signing_time_source);
    Poco::JSON::Array::Ptr range = new Poco::JSON::Array;
    for (long long v : s.byte_range) range->add(static_cast<Poco::Int64>(v));
    o->set("byte_range", range);
    o->set("pades_baseline", s.pades_baseline);
    Poco::JSON::Array::Ptr notes = new Poco::JSON::Array;
    for (const auto& n : s.notes) notes->add(n);
    o->set("notes", notes);
    o->set("summary_vi", verdict_vi(s));
    sigs->add(o);
  }
  doc->set("signatures", sigs);
  return doc;
}

std::string report_text_vi(const VerificationReport& r) {
  std::ostringstream out;
  if (!r.error.empty()) {
    out << "Lỗi: " << error_vi(r.error) << "\n";
    return out.str();
  }
  out << "Tài liệu: " << r.size << " byte, " << r.revisions << " phiên bản (lần lưu), "
      << r.signatures.size() << " chữ ký số.\n";
  if (r.signatures.empty()) out << "Tài liệu không có chữ ký số.\n";
  for (const auto& s : r.signatures) {
    out << "\nChữ ký " << s.index << "/" << r.signatures.size();
    if (!s.field_name.empty()) out << " (trường \"" << s.field_name << "\")";
    out << "\n";
    out << "  Người ký: " << (s.signer_name.empty() ? "(không xác định)" : s.signer_name) << "\n";
    if (!s.signer_subject.empty()) out << "  Chứng thư: " << s.signer_subject << "\n";
    if (!s.cert_fingerprint.empty()) out << "  Dấu vân tay SHA-256: " << s.cert_fingerprint << "\n";
    out << "  Thời điểm ký: "
        << (s.signing_time ? kd::wf::to_iso_vietnam(kd::wf::from_epoch(*s.signing_time))
                           : std::string("(không có)"))
        << "\n";
    out << "  Toàn vẹn: " << integrity_vi(s) << "\n";
    if (s.integrity != "malformed") {
      out << "  Phạm vi: " << coverage_vi(s) << "\n";
      out << "  Chứng thư số: " << chain_vi(s) << "\n";
      if (s.chain == ChainStatus::Trusted) out << "  Thu hồi: " << revocation_vi(s) << "\n";
    }
    if (!s.changes.empty()) out << "  Thay đổi: " << changes_vi(s) << "\n";
    for (const auto& n : s.notes) out << "  Ghi chú: " << note_vi(n) << "\n";
    out << "  Kết luận: " << verdict_vi(s) << "\n";
  }
  out << "\nKết quả chung: "
      << (r.ok() ? "tất cả chữ ký hợp lệ." : "CÓ VẤN ĐỀ, xem chi tiết ở trên.") << "\n";
  return out.str();
}

}  // namespace kd::signing
