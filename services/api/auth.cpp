#include "services/api/auth.hpp"

#include <Poco/String.h>

#include "services/api/tokens.hpp"
#include "services/codec/sha256.hpp"

namespace kd::api {

Caller authenticate(ApiContext& ctx, const Exchange& ex) {
  const auto header = ex.header("Authorization");
  if (!header) {
    fail(401, "unauthenticated", "Cần đăng nhập: thiếu tiêu đề Authorization: Bearer <token>.");
  }
  const std::string prefix = "bearer ";
  if (header->size() <= prefix.size() ||
      Poco::icompare(header->substr(0, prefix.size()), prefix) != 0) {
    fail(401, "unauthenticated", "Tiêu đề Authorization phải có dạng \"Bearer <token>\".");
  }
  const std::string token = Poco::trim(header->substr(prefix.size()));
  const auto session = ctx.store.find_session(kd::codec::sha256_hex(token), ctx.clock());
  if (!session) {
    fail(401, "invalid_token",
         "Phiên đăng nhập không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại.");
  }
  Caller c;
  c.account_id = session->account_id;
  c.person_id = session->person_id;
  c.username = session->username;
  c.token_sha256 = kd::codec::sha256_hex(token);
  c.must_change_password = session->must_change_password;
  return c;
}

}  // namespace kd::api
