#include "application/text_normalisation.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <stdexcept>

#include "workflow/text_policy.hpp"

namespace kd::application {
namespace {

void to_nfc_in_place(kd::wf::TextKind, std::string& text, const std::string&) {
  text = to_nfc(text);
}

}  // namespace

std::string to_nfc(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: no NFC normaliser");
  const icu::UnicodeString in = icu::UnicodeString::fromUTF8(utf8);
  if (nfc->isNormalized(in, status) && U_SUCCESS(status)) return utf8;
  status = U_ZERO_ERROR;
  const icu::UnicodeString out = nfc->normalize(in, status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: NFC normalisation failed");
  std::string text;
  out.toUTF8String(text);
  return text;
}

void normalise(kd::wf::FormContent& form) { kd::wf::for_each_text(form, to_nfc_in_place); }

void normalise(kd::wf::ActionRequest& request) { kd::wf::for_each_text(request, to_nfc_in_place); }

}  // namespace kd::application
