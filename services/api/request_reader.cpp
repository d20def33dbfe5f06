#include "services/api/request_reader.hpp"

#include <cctype>
#include <sstream>

#include <Poco/Net/NetException.h>
#include <Poco/String.h>

namespace kd::api {
namespace {

bool all_digits(const std::string& s) {
  if (s.empty() || s.size() > 18) return false;
  for (const char c : s)
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) return false;
  return true;
}

// The end of the head (the byte after its empty line) in `in`, searching from `from`;
// npos while it has not arrived. A bare LF ends a line as well as CRLF.
std::size_t head_end(const std::string& in, std::size_t from) {
  for (std::size_t i = from; i < in.size(); ++i) {
    if (in[i] != '\n') continue;
    if (i + 1 < in.size() && in[i + 1] == '\n') return i + 2;
    if (i + 2 < in.size() && in[i + 1] == '\r' && in[i + 2] == '\n') return i + 3;
  }
  return std::string::npos;
}

constexpr const char* kMalformed = "Yêu cầu HTTP không hợp lệ.";

}  // namespace

RequestReader::State RequestReader::fail(int status, std::string code, std::string detail) {
  state_ = State::Failed;
  error_status_ = status;
  error_code_ = std::move(code);
  error_detail_ = std::move(detail);
  return state_;
}

RequestReader::State RequestReader::too_large() {
  return fail(413, "payload_too_large",
              "Nội dung yêu cầu vượt quá giới hạn " + std::to_string(max_body_) + " byte.");
}

RequestReader::State RequestReader::consume(std::string& in) {
  if (state_ == State::Head) {
    // Empty lines before a request line are ignored (RFC 9112 §2.2).
    std::size_t lead = 0;
    while (lead < in.size() && (in[lead] == '\r' || in[lead] == '\n')) ++lead;
    if (lead > 0) {
      in.erase(0, lead);
      scanned_ = 0;
    }
    const std::size_t end = head_end(in, scanned_ > 2 ? scanned_ - 2 : 0);
    if (end == std::string::npos) {
      scanned_ = in.size();
      if (in.size() > kMaxHeadBytes)
        return fail(
            431, "headers_too_large",
            "Phần đầu yêu cầu quá lớn (tối đa " + std::to_string(kMaxHeadBytes) + " byte).");
      return state_;
    }
    if (end > kMaxHeadBytes)
      return fail(431, "headers_too_large",
                  "Phần đầu yêu cầu quá lớn (tối đa " + std::to_string(kMaxHeadBytes) + " byte).");
    if (parse_head(in, end) == State::Failed) return state_;
  }
  if (state_ == State::Body) return chunked_ ? read_chunked_body(in) : read_length_body(in);
  return state_;
}

RequestReader::State RequestReader::parse_head(std::string& in, std::size_t end) {
  std::istringstream text(in.substr(0, end));
  in.erase(0, end);
  try {
    head_.read(text);
  } catch (const Poco::Exception&) {
    return fail(400, "malformed_request", kMalformed);
  }
  const std::string& version = head_.getVersion();
  if (version != Poco::Net::HTTPMessage::HTTP_1_1 && version != Poco::Net::HTTPMessage::HTTP_1_0)
    return fail(400, "malformed_request", kMalformed);

  // Exactly one way to find the body's end; anything ambiguous is refused (no smuggling).
  std::string length;
  int lengths = 0;
  for (auto it = head_.find("Content-Length"); it != head_.end(); ++it) {
    if (Poco::icompare(it->first, "Content-Length") != 0) break;
    const std::string value = Poco::trim(it->second);
    if (lengths++ > 0 && value != length) return fail(400, "malformed_request", kMalformed);
    length = value;
  }
  const bool has_te = head_.has("Transfer-Encoding");
  if (has_te) {
    if (lengths > 0) return fail(400, "malformed_request", kMalformed);
    if (Poco::icompare(Poco::trim(head_.get("Transfer-Encoding")), "chunked") != 0)
      return fail(501, "not_implemented",
                  "Máy chủ chỉ nhận nội dung gửi nguyên khối hoặc theo mã hóa chunked.");
    chunked_ = true;
  } else if (lengths > 0) {
    if (!all_digits(length)) return fail(400, "malformed_request", kMalformed);
    const auto declared = std::stoull(length);
    if (declared > max_body_) return too_large();
    remaining_ = static_cast<std::size_t>(declared);
  }
  const bool has_body = chunked_ || remaining_ > 0;
  expect_continue_ = has_body && head_.has("Expect") &&
                     Poco::icompare(Poco::trim(head_.get("Expect")), "100-continue") == 0;
  state_ = State::Body;
  return state_;
}

RequestReader::State RequestReader::read_length_body(std::string& in) {
  const std::size_t take = std::min(remaining_, in.size());
  body_.append(in, 0, take);
  in.erase(0, take);
  remaining_ -= take;
  if (remaining_ == 0) state_ = State::Complete;
  return state_;
}

RequestReader::State RequestReader::read_chunked_body(std::string& in) {
  std::size_t at = 0;
  const auto line_end = [&](std::size_t from) { return in.find('\n', from); };
  for (;;) {
    if (chunk_phase_ == 0) {  // "1a2b[;extension]\r\n"
      const std::size_t nl = line_end(at);
      if (nl == std::string::npos) {
        if (in.size() - at > 1024) return fail(400, "malformed_request", kMalformed);
        break;
      }
      std::string line = in.substr(at, nl - at);
      at = nl + 1;
      line = Poco::trim(line.substr(0, line.find(';')));
      if (line.empty() || line.size() > 15) return fail(400, "malformed_request", kMalformed);
      std::size_t size = 0;
      for (const char c : line) {
        if (std::isxdigit(static_cast<unsigned char>(c)) == 0)
          return fail(400, "malformed_request", kMalformed);
        size = size * 16 + static_cast<std::size_t>(
                               std::isdigit(static_cast<unsigned char>(c)) != 0
                                   ? c - '0'
                                   : std::tolower(static_cast<unsigned char>(c)) - 'a' + 10);
      }
      if (size > max_body_ - body_.size()) return too_large();
      chunk_left_ = size;
      chunk_phase_ = size == 0 ? 3 : 1;
    } else if (chunk_phase_ == 1) {
      const std::size_t take = std::min(chunk_left_, in.size() - at);
      body_.append(in, at, take);
      at += take;
      chunk_left_ -= take;
      if (chunk_left_ > 0) break;
      chunk_phase_ = 2;
    } else if (chunk_phase_ == 2) {  // the CRLF closing a chunk
      const std::size_t nl = line_end(at);
      if (nl == std::string::npos) {
        if (in.size() - at > 2) return fail(400, "malformed_request", kMalformed);
        break;
      }
      if (nl - at > 1 || (nl - at == 1 && in[at] != '\r'))
        return fail(400, "malformed_request", kMalformed);
      at = nl + 1;
      chunk_phase_ = 0;
    } else {  // trailers, ignored, up to the empty line
      const std::size_t nl = line_end(at);
      if (nl == std::string::npos) {
        if (in.size() - at > 4096) return fail(400, "malformed_request", kMalformed);
        break;
      }
      const bool empty = nl == at || (nl == at + 1 && in[at] == '\r');
      at = nl + 1;
      if (empty) {
        head_.erase("Transfer-Encoding");
        head_.setContentLength64(static_cast<Poco::Int64>(body_.size()));
        state_ = State::Complete;
        break;
      }
    }
  }
  in.erase(0, at);
  return state_;
}

}  // namespace kd::api
