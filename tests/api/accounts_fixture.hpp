// The API fixture with administrators and people without accounts:
//   hoa: administrator of Sở Nội vụ (the whole tree) · ich: administrator of Phòng B only
//   loc: a person of Phòng A with no account · moc: a person of Phòng B with no account
#pragma once

#include <pqxx/pqxx>

#include "services/api/passwords.hpp"
#include "tests/api/api_fixture.hpp"

namespace kd::api::testing {

class AccountsApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    auto person = [&](const std::string& name, Id unit) {
      kd::wf::Person p;
      p.full_name = name;
      p.unit_id = unit;
      p.group = kd::wf::Group::CongChuc;
      p.position = "Chuyên viên";
      return store_->create_person(p);
    };
    hoa_ = person("Lý Thị Hoa", root_);
    ich_ = person("Lâm Văn Ích", unit_b_);
    loc_ = person("Quách Văn Lộc", unit_a_);
    moc_ = person("Triệu Thị Mộc", unit_b_);
    store_->grant_role({hoa_, root_, kd::wf::Role::Admin});
    store_->grant_role({ich_, unit_b_, kd::wf::Role::Admin});
    store_->create_account(hoa_, "hoa", hash_password(kPassword, PasswordCost::Minimal));
    store_->create_account(ich_, "ich", hash_password(kPassword, PasswordCost::Minimal));
  }

  HttpResult login_as(const std::string& username, const std::string& password) {
    return call("POST", "/api/v1/auth/login",
                R"({"username":")" + username + R"(","password":")" + password + R"("})");
  }

  HttpResult grant(const std::string& as_user, Id person, Id unit, const std::string& role,
                   const std::string& extra = "") {
    return as(as_user, "POST", "/api/v1/role-grants",
              R"({"person_id":)" + std::to_string(person) + R"(,"unit_id":)" +
                  std::to_string(unit) + R"(,"role":")" + role + "\"" + extra + "}");
  }

  long admin_event_count() {
    auto conn = pool_->acquire();
    pqxx::read_transaction t(*conn);
    return t.exec1("SELECT count(*) FROM admin_events")[0].as<long>();
  }

  Id hoa_ = 0, ich_ = 0, loc_ = 0, moc_ = 0;
};

}  // namespace kd::api::testing
