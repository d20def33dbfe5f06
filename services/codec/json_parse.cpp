// Parsing request bodies and stored JSON: UTF-8 first, then syntax, then shape.
#include <Poco/Exception.h>
#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/Parser.h>

#include "services/codec/json_codec.hpp"
#include "workflow/utf8.hpp"

namespace kd::codec {

Poco::JSON::Object::Ptr parse_object(const std::string& text) {
  if (!wf::is_valid_utf8(text)) throw CodecError("", "Nội dung không phải văn bản UTF-8 hợp lệ");
  Poco::Dynamic::Var v;
  try {
    Poco::JSON::Parser parser;
    v = parser.parse(text);
  } catch (const Poco::Exception& e) {
    throw CodecError("", "Nội dung JSON không hợp lệ: " + e.message());
  }
  if (v.type() == typeid(Poco::JSON::Object::Ptr)) {
    auto o = v.extract<Poco::JSON::Object::Ptr>();
    if (!o.isNull()) return o;
  }
  throw CodecError("", "Nội dung JSON phải là một đối tượng ({...})");
}

}  // namespace kd::codec
