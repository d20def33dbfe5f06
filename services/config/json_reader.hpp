// Reading regime JSON with a path for every field, so an error names the file
// and the field ("nd90.json: forms.cong_chuc.sections[2].title: expected a string").
// Shared by the regime catalogue and the scoring part of a regime.
#pragma once

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "services/config/regime_catalog.hpp"
#include "workflow/points.hpp"

namespace kd::config::detail {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

class Reader {
 public:
  explicit Reader(std::string origin) : origin_(std::move(origin)) {}

  [[noreturn]] void fail(const std::string& field, const std::string& what) const {
    throw RegimeError(origin_ + ": " + (field.empty() ? "" : field + ": ") + what);
  }

  Object::Ptr object(const Var& v, const std::string& field) const {
    if (v.type() != typeid(Object::Ptr)) fail(field, "expected an object");
    return v.extract<Object::Ptr>();
  }
  Array::Ptr array(const Var& v, const std::string& field) const {
    if (v.type() != typeid(Array::Ptr)) fail(field, "expected an array");
    return v.extract<Array::Ptr>();
  }
  std::string string(const Var& v, const std::string& field) const {
    if (!v.isString()) fail(field, "expected a string");
    return v.extract<std::string>();
  }
  int integer(const Var& v, const std::string& field) const {
    if (!v.isInteger() || v.isBoolean()) fail(field, "expected an integer");
    const auto wide = v.convert<long long>();
    if (wide < -1000000 || wide > 1000000) fail(field, "integer out of range");
    return static_cast<int>(wide);
  }
  // A number of points with at most two decimals (2, 2.5, 0.25), in hundredths.
  kd::wf::Centi points(const Var& v, const std::string& field) const {
    if (v.isInteger() && !v.isBoolean()) {
      const auto whole = v.convert<long long>();
      if (whole < 0 || whole > 1000000) fail(field, "number out of range");
      return whole * 100;
    }
    if (!v.isNumeric() || v.isBoolean()) fail(field, "expected a number");
    const double x = v.convert<double>();
    if (!(x >= 0 && x <= 1000000)) fail(field, "number out of range");
    const double scaled = x * 100;
    const auto centi = static_cast<long long>(scaled + 0.5);
    if (scaled - static_cast<double>(centi) > 1e-6 || static_cast<double>(centi) - scaled > 1e-6) {
      fail(field, "at most two decimals");
    }
    return centi;
  }
  bool boolean(const Var& v, const std::string& field) const {
    if (!v.isBoolean()) fail(field, "expected true or false");
    return v.extract<bool>();
  }

  // Keys starting with "_" are comments; any other unknown key is a typo.
  void only_keys(const Object::Ptr& obj, std::initializer_list<const char*> allowed,
                 const std::string& where) const {
    for (const auto& [key, value] : *obj) {
      if (!key.empty() && key[0] == '_') continue;
      const bool known =
          std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; });
      if (!known) fail(join(where, key), "unknown field");
    }
  }
  Var required(const Object::Ptr& obj, const std::string& key, const std::string& where) const {
    if (!obj->has(key)) fail(join(where, key), "missing");
    return obj->get(key);
  }

  template <class E>
  E named(const Var& v, const std::string& field, std::optional<E> (*parse)(std::string_view),
          const char* what) const {
    const std::string name = string(v, field);
    const auto value = parse(name);
    if (!value) fail(field, "unknown " + std::string(what) + " \"" + name + "\"");
    return *value;
  }

  static std::string join(const std::string& where, const std::string& key) {
    return where.empty() ? key : where + "." + key;
  }
  static std::string at(const std::string& where, std::size_t i) {
    return where + "[" + std::to_string(i) + "]";
  }

 private:
  std::string origin_;
};

// Points as JSON: a whole number when there are no decimals (30), else 2.5.
inline Var points_var(kd::wf::Centi c) {
  if (c % 100 == 0) return Var(static_cast<int>(c / 100));
  return Var(static_cast<double>(c) / 100.0);
}

// Keys in insertion order, so written snapshots diff cleanly.
inline Object::Ptr ordered() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

}  // namespace kd::config::detail
