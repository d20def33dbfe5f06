// A small, bounds-checked reader of PDF objects in raw file bytes, enough to read
// signature dictionaries, fields and page objects without a full PDF parser (so the
// verifier survives malformed and hostile files: depth and size are bounded, every
// read is checked, nothing is trusted).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kd::signing::pdf {

struct Value {
  enum class Type { Null, Bool, Number, Name, String, HexString, Array, Dict, Ref, Keyword };
  Type type = Type::Null;
  std::string text;          // Number: as written; Name: without '/'; String: decoded bytes
  std::vector<Value> items;  // Array
  std::map<std::string, Value> entries;  // Dict
  long long ref_num = 0, ref_gen = 0;    // Ref
  std::size_t begin = 0, end = 0;        // byte offsets in the file: [begin, end)

  const Value* get(const std::string& key) const;  // Dict entry or null
  bool is(Type t) const { return type == t; }
  std::optional<long long> integer() const;  // Number without fraction
};

// Parses one object starting at `pos` (after whitespace/comments). std::nullopt when
// malformed, truncated or nested deeper than 32.
std::optional<Value> parse_value(std::string_view file, std::size_t pos);

// An indirect object "N G obj <value>" starting at `pos`.
struct IndirectObject {
  long long num = 0, gen = 0;
  std::size_t begin = 0;  // offset of N
  Value value;
};
std::optional<IndirectObject> parse_indirect(std::string_view file, std::size_t pos);

// Offsets of every "N G obj" header in [from, to).
std::vector<std::size_t> object_headers(std::string_view file, std::size_t from, std::size_t to);

bool is_whitespace(char c);

}  // namespace kd::signing::pdf
