#include "services/api/utf8.hpp"

#include "services/text/utf8_text.hpp"

namespace kd::api {

bool is_valid_utf8(std::string_view bytes) { return kd::text::is_valid_utf8(bytes); }

}  // namespace kd::api
