#include "services/api/problem.hpp"

#include <Poco/JSON/Array.h>

#include "services/text/utf8_text.hpp"

namespace kd::api {

Problem make_problem(int status, std::string code, std::string detail) {
  Problem p;
  p.status = status;
  p.code = std::move(code);
  p.detail = std::move(detail);
  return p;
}

std::string problem_type_uri(const std::string& code) {
  return "https://kiemdiem.vn/problems/" + code;
}

std::string problem_title(int status) {
  switch (status) {
    case 400:
      return "Yêu cầu không hợp lệ";
    case 401:
      return "Chưa xác thực";
    case 403:
      return "Không có quyền";
    case 404:
      return "Không tìm thấy";
    case 405:
      return "Phương thức không được hỗ trợ";
    case 408:
      return "Hết thời gian gửi yêu cầu";
    case 409:
      return "Xung đột trạng thái";
    case 413:
      return "Nội dung yêu cầu quá lớn";
    case 422:
      return "Yêu cầu không thể thực hiện";
    case 423:
      return "Đã bị khóa";
    case 428:
      return "Thiếu điều kiện tiên quyết";
    case 429:
      return "Quá nhiều yêu cầu";
    case 431:
      return "Phần đầu yêu cầu quá lớn";
    case 501:
      return "Chưa được hỗ trợ";
    case 503:
      return "Dịch vụ tạm thời không sẵn sàng";
    default:
      return status >= 500 ? "Lỗi máy chủ" : "Yêu cầu bị từ chối";
  }
}

Poco::JSON::Object::Ptr problem_json(const Problem& p, const std::string& instance,
                                     const std::string& request_id) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  if (p.extensions) {
    for (const auto& [key, value] : *p.extensions) o->set(key, value);
  }
  o->set("type", problem_type_uri(p.code));
  o->set("title", problem_title(p.status));
  o->set("status", p.status);
  o->set("detail", p.detail);
  o->set("code", p.code);
  // The decoded path may hold anything a client sent (%ff, %0a): percent-encoded again.
  o->set("instance", kd::text::percent_encode_for_display(instance));
  o->set("request_id", request_id);
  if (!p.errors.empty()) {
    Poco::JSON::Array::Ptr errors = new Poco::JSON::Array;
    for (const auto& e : p.errors) {
      Poco::JSON::Object::Ptr item = new Poco::JSON::Object;
      item->set("code", e.code);
      item->set("field", e.field);
      item->set("detail", e.detail);
      if (e.review_id != 0) item->set("review_id", e.review_id);
      errors->add(item);
    }
    o->set("errors", errors);
  }
  return o;
}

void fail(int status, const std::string& code, const std::string& detail) {
  throw HttpError(make_problem(status, code, detail));
}

}  // namespace kd::api
