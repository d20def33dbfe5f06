// The JSON request decoders (services/codec) on arbitrary bytes: the first byte picks the
// action, the rest is the body. Every refusal must be a CodecError (an API 400); any other
// exception, crash or sanitizer report is a bug. Two properties are checked on what is
// accepted: canonical JSON reads back to the same text, and a decoded request, encoded as
// its event payload, decodes to the same request.
#include <cstddef>
#include <cstdint>
#include <string>

#include "services/codec/json_codec.hpp"

namespace {

namespace codec = kd::codec;

[[noreturn]] void property_broken() { __builtin_trap(); }

template <typename F>
void refusable(F&& f) {
  try {
    f();
  } catch (const codec::CodecError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const auto& actions = kd::wf::all_actions();
  const kd::wf::Action action = actions[data[0] % actions.size()];
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  Poco::JSON::Object::Ptr body;
  try {
    body = codec::parse_object(text);
  } catch (const codec::CodecError&) {
    return 0;
  }

  const std::string canonical = codec::canonical(body);
  if (codec::canonical(codec::parse_object(canonical)) != canonical) property_broken();

  refusable([&] {
    const auto request = codec::action_request_from_json(action, *body);
    const std::string payload = codec::canonical(codec::action_payload(request));
    const auto again = codec::action_request_from_json(action, *codec::parse_object(payload));
    if (codec::canonical(codec::action_payload(again)) != payload) property_broken();
  });
  refusable([&] { codec::form_from_json(*body); });
  refusable([&] { codec::meeting_from_json(*body); });
  refusable([&] { codec::opinion_from_json(*body); });
  refusable([&] { codec::year_facts_from_json(*body); });
  refusable([&] { codec::stage_due_from_json(*body); });
  return 0;
}
