#include "services/api/nfc.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <stdexcept>

namespace kd::api {

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

}  // namespace kd::api
