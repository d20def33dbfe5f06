// The API fixture with the shipped holiday calendar, plus helpers for the tracking
// tests: extra people with accounts and roles, raw SQL on the test database, and
// readers for the CSV and XLSX exports.
#pragma once

#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <pqxx/pqxx>
#include <sstream>
#include <string>
#include <vector>

#include "services/api/passwords.hpp"
#include "tests/api/api_fixture.hpp"

namespace kd::api::testing {

class TrackingApiTest : public ApiTest {
 protected:
  void SetUp() override {
    settings_.holidays_dir = std::string(KD_SOURCE_DIR) + "/config/holidays";
    ApiTest::SetUp();
  }

  Id add_person(const std::string& username, const std::string& name, Id unit,
                std::vector<kd::wf::Role> roles) {
    kd::wf::Person p;
    p.full_name = name;
    p.unit_id = unit;
    p.group = kd::wf::Group::CongChuc;
    p.position = "Chuyên viên";
    const Id id = store_->create_person(p);
    for (auto r : roles) store_->grant_role({id, unit, r});
    store_->create_account(id, username, hash_password(kPassword, PasswordCost::Minimal));
    return id;
  }

  void exec(const std::string& sql) {
    pqxx::connection c(pool_->url());
    pqxx::work w(c);
    w.exec(sql);
    w.commit();
  }
  pqxx::result query(const std::string& sql) {
    pqxx::connection c(pool_->url());
    pqxx::read_transaction t(c);
    auto r = t.exec(sql);
    t.commit();
    return r;
  }
};

// RFC 4180 records (quoted fields, "" escapes, CRLF).
inline std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field);
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(field);
      field.clear();
      rows.emplace_back();
      ++i;
    } else {
      field += c;
    }
  }
  if (rows.back().empty() && field.empty()) rows.pop_back();
  return rows;
}

// One member of a ZIP archive (an .xlsx is one), as text.
inline std::string zip_member(const std::string& archive, const std::string& name) {
  std::istringstream in(archive);
  Poco::Zip::ZipArchive zip(in);
  auto it = zip.findHeader(name);
  if (it == zip.headerEnd()) return {};
  std::istringstream again(archive);
  Poco::Zip::ZipInputStream member(again, it->second);
  return std::string(std::istreambuf_iterator<char>(member), {});
}

inline std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1))
    ++n;
  return n;
}

}  // namespace kd::api::testing
