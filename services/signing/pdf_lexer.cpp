#include "services/signing/pdf_lexer.hpp"

#include <cctype>
#include <cstdlib>

namespace kd::signing::pdf {
namespace {

constexpr int kMaxDepth = 32;
constexpr std::size_t kMaxItems = 100000;

bool is_delimiter(char c) {
  return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' ||
         c == '}' || c == '/' || c == '%';
}
bool is_regular(char c) { return !is_whitespace(c) && !is_delimiter(c); }
int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

class Reader {
 public:
  Reader(std::string_view f, std::size_t p) : f_(f), p_(p) {}
  std::size_t pos() const { return p_; }

  void skip_space() {
    while (p_ < f_.size()) {
      if (is_whitespace(f_[p_])) {
        ++p_;
      } else if (f_[p_] == '%') {
        while (p_ < f_.size() && f_[p_] != '\n' && f_[p_] != '\r') ++p_;
      } else {
        break;
      }
    }
  }

  std::optional<Value> value(int depth) {
    if (depth > kMaxDepth) return std::nullopt;
    skip_space();
    if (p_ >= f_.size()) return std::nullopt;
    Value v;
    v.begin = p_;
    const char c = f_[p_];
    bool ok = false;
    if (c == '<' && p_ + 1 < f_.size() && f_[p_ + 1] == '<') {
      ok = dict(v, depth);
    } else if (c == '<') {
      ok = hex(v);
    } else if (c == '(') {
      ok = literal(v);
    } else if (c == '[') {
      ok = array(v, depth);
    } else if (c == '/') {
      ok = name(v);
    } else if (c == '+' || c == '-' || c == '.' || std::isdigit(static_cast<unsigned char>(c))) {
      ok = number_or_ref(v);
    } else if (is_regular(c)) {
      ok = keyword(v);
    }
    if (!ok) return std::nullopt;
    v.end = p_;
    return v;
  }

 private:
  bool dict(Value& v, int depth) {
    v.type = Value::Type::Dict;
    p_ += 2;
    while (true) {
      skip_space();
      if (p_ + 1 >= f_.size()) return false;
      if (f_[p_] == '>' && f_[p_ + 1] == '>') {
        p_ += 2;
        return true;
      }
      Value key;
      if (f_[p_] != '/' || !name(key)) return false;
      auto val = value(depth + 1);
      if (!val || v.entries.size() > kMaxItems) return false;
      v.entries[key.text] = std::move(*val);
    }
  }
  bool array(Value& v, int depth) {
    v.type = Value::Type::Array;
    ++p_;
    while (true) {
      skip_space();
      if (p_ >= f_.size()) return false;
      if (f_[p_] == ']') {
        ++p_;
        return true;
      }
      auto item = value(depth + 1);
      if (!item || v.items.size() > kMaxItems) return false;
      v.items.push_back(std::move(*item));
    }
  }
  bool name(Value& v) {
    v.type = Value::Type::Name;
    ++p_;
    while (p_ < f_.size() && is_regular(f_[p_])) {
      if (f_[p_] == '#' && p_ + 2 < f_.size() && hex_digit(f_[p_ + 1]) >= 0 &&
          hex_digit(f_[p_ + 2]) >= 0) {
        v.text += static_cast<char>(hex_digit(f_[p_ + 1]) * 16 + hex_digit(f_[p_ + 2]));
        p_ += 3;
      } else {
        v.text += f_[p_++];
      }
    }
    return true;
  }
  bool hex(Value& v) {
    v.type = Value::Type::HexString;
    ++p_;
    int high = -1;
    while (p_ < f_.size() && f_[p_] != '>') {
      const char c = f_[p_++];
      if (is_whitespace(c)) continue;
      const int d = hex_digit(c);
      if (d < 0) return false;
      if (high < 0) {
        high = d;
      } else {
        v.text += static_cast<char>(high * 16 + d);
        high = -1;
      }
    }
    if (p_ >= f_.size()) return false;
    if (high >= 0) v.text += static_cast<char>(high * 16);
    ++p_;
    return true;
  }
  bool literal(Value& v) {
    v.type = Value::Type::String;
    ++p_;
    int nesting = 1;
    while (p_ < f_.size()) {
      char c = f_[p_++];
      if (c == '\\') {
        if (p_ >= f_.size()) return false;
        c = f_[p_++];
        switch (c) {
          case 'n':
            v.text += '\n';
            break;
          case 'r':
            v.text += '\r';
            break;
          case 't':
            v.text += '\t';
            break;
          case 'b':
            v.text += '\b';
            break;
          case 'f':
            v.text += '\f';
            break;
          case '\r':
            if (p_ < f_.size() && f_[p_] == '\n') ++p_;
            break;
          case '\n':
            break;
          default:
            if (c >= '0' && c <= '7') {
              int octal = c - '0';
              for (int i = 0; i < 2 && p_ < f_.size() && f_[p_] >= '0' && f_[p_] <= '7'; ++i)
                octal = octal * 8 + (f_[p_++] - '0');
              v.text += static_cast<char>(octal & 0xFF);
            } else {
              v.text += c;
            }
        }
      } else if (c == '(') {
        ++nesting;
        v.text += c;
      } else if (c == ')') {
        if (--nesting == 0) return true;
        v.text += c;
      } else {
        v.text += c;
      }
    }
    return false;
  }
  bool number_or_ref(Value& v) {
    v.type = Value::Type::Number;
    const std::size_t start = p_;
    ++p_;
    while (p_ < f_.size() && (std::isdigit(static_cast<unsigned char>(f_[p_])) || f_[p_] == '.'))
      ++p_;
    v.text = std::string(f_.substr(start, p_ - start));
    // "N G R"
    const auto n = v.integer();
    if (!n) return true;
    const std::size_t save = p_;
    skip_space();
    const std::size_t g0 = p_;
    while (p_ < f_.size() && std::isdigit(static_cast<unsigned char>(f_[p_]))) ++p_;
    if (p_ > g0 && p_ - g0 < 10) {
      const long long gen = std::atoll(std::string(f_.substr(g0, p_ - g0)).c_str());
      skip_space();
      if (p_ < f_.size() && f_[p_] == 'R' && (p_ + 1 >= f_.size() || !is_regular(f_[p_ + 1]))) {
        ++p_;
        v.type = Value::Type::Ref;
        v.ref_num = *n;
        v.ref_gen = gen;
        return true;
      }
    }
    p_ = save;
    return true;
  }
  bool keyword(Value& v) {
    const std::size_t start = p_;
    while (p_ < f_.size() && is_regular(f_[p_])) ++p_;
    v.text = std::string(f_.substr(start, p_ - start));
    if (v.text == "true" || v.text == "false") {
      v.type = Value::Type::Bool;
    } else if (v.text == "null") {
      v.type = Value::Type::Null;
    } else {
      v.type = Value::Type::Keyword;
    }
    return true;
  }

  std::string_view f_;
  std::size_t p_;
};

}  // namespace

bool is_whitespace(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

const Value* Value::get(const std::string& key) const {
  if (type != Type::Dict) return nullptr;
  const auto it = entries.find(key);
  return it == entries.end() ? nullptr : &it->second;
}

std::optional<long long> Value::integer() const {
  if (type != Type::Number || text.empty() || text.size() > 18) return std::nullopt;
  std::size_t i = (text[0] == '+' || text[0] == '-') ? 1 : 0;
  if (i >= text.size()) return std::nullopt;
  for (std::size_t k = i; k < text.size(); ++k)
    if (!std::isdigit(static_cast<unsigned char>(text[k]))) return std::nullopt;
  return std::atoll(text.c_str());
}

std::optional<Value> parse_value(std::string_view file, std::size_t pos) {
  if (pos >= file.size()) return std::nullopt;
  Reader r(file, pos);
  return r.value(0);
}

std::optional<IndirectObject> parse_indirect(std::string_view file, std::size_t pos) {
  Reader r(file, pos);
  auto num = r.value(0);
  if (!num || !num->integer()) return std::nullopt;
  auto gen = r.value(0);
  if (!gen || !gen->integer()) return std::nullopt;
  auto kw = r.value(0);
  if (!kw || kw->type != Value::Type::Keyword || kw->text != "obj") return std::nullopt;
  auto body = r.value(0);
  if (!body) return std::nullopt;
  IndirectObject out;
  out.num = *num->integer();
  out.gen = *gen->integer();
  out.begin = num->begin;
  out.value = std::move(*body);
  return out;
}

std::vector<std::size_t> object_headers(std::string_view file, std::size_t from, std::size_t to) {
  std::vector<std::size_t> out;
  if (to > file.size()) to = file.size();
  std::size_t pos = from;
  while (pos < to) {
    const std::size_t k = file.find("obj", pos);
    if (k == std::string_view::npos || k >= to) break;
    pos = k + 3;
    if (pos < file.size() && is_regular(file[pos])) continue;
    // Walk back over "G" and "N".
    std::size_t i = k;
    auto back_digits = [&](std::size_t& at) {
      while (at > 0 && is_whitespace(file[at - 1])) --at;
      const std::size_t end = at;
      while (at > 0 && std::isdigit(static_cast<unsigned char>(file[at - 1]))) --at;
      return at < end;
    };
    if (!back_digits(i)) continue;
    if (!back_digits(i)) continue;
    if (i > 0 && is_regular(file[i - 1])) continue;
    if (i >= from) out.push_back(i);
  }
  return out;
}

}  // namespace kd::signing::pdf
