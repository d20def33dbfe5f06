// A real API server on an ephemeral port over a fresh migrated database, with a
// small organisation and an open campaign, driven by Poco's HTTP client.
//
//   Sở Nội vụ (root)          dung: committee · giang: supervisor
//   ├── Phòng A               an: reviewee · binh: secretary · chi: head
//   │                         khanh: member, disciplined in 2026 (only KHT allowed)
//   └── Phòng B               em: member
#pragma once

#include <map>
#include <memory>
#include <string>

#include <Poco/JSON/Object.h>
#include <gtest/gtest.h>

#include "services/api/server.hpp"
#include "services/config/regime_catalog.hpp"
#include "services/config/settings.hpp"
#include "services/storage/connection_pool.hpp"
#include "services/storage/store.hpp"
#include "tests/support/http_client.hpp"

namespace kd::api::testing {

using kd::wf::Id;

inline const std::string kPassword = "Mật-khẩu-thử-2026";

using kd::testing::HttpResult;

// The regime of the test campaign (two required sections, quorum 2/3, quota 20 %).
kd::wf::Regime test_regime();
// 2026-11-20 10:00 +07:00.
kd::wf::TimePoint test_now();

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  HttpResult call(const std::string& method, const std::string& path, const std::string& body = "",
                  const std::map<std::string, std::string>& headers = {},
                  const std::string& token = "");
  // Logs in (once per user) and returns the bearer token (tests/support/http_client.hpp).
  std::string token(const std::string& username);
  void forget_tokens() { client_.forget_tokens(); }
  HttpResult as(const std::string& username, const std::string& method, const std::string& path,
                const std::string& body = "", std::map<std::string, std::string> headers = {});
  // POST /reviews/{id}/actions/{action} with If-Match: "version".
  HttpResult act(const std::string& username, Id review, const std::string& action, int version,
                 const std::string& body = "{}", std::map<std::string, std::string> headers = {});

  // Starts the server again with the current settings_ (tests that change them).
  void restart_server();

  int version_of(Id review);
  std::size_t event_count(Id review);
  Id review_of(Id person);

  // Bodies that pass the guards.
  static std::string complete_form_body();
  std::string meeting_body() const;
  std::string opinion_body(const std::string& rating) const;
  // Drives a review to committee_decision through the API.
  void walk_to_committee(Id review);

  std::unique_ptr<kd::storage::ConnectionPool> pool_;
  std::unique_ptr<kd::storage::Store> store_;
  kd::config::RegimeCatalog catalog_;
  kd::config::Settings settings_;
  std::unique_ptr<ApiServer> server_;
  kd::testing::HttpClient client_{[this] { return server_->port(); }, kPassword};

  Id root_ = 0, unit_a_ = 0, unit_b_ = 0;
  Id an_ = 0, binh_ = 0, chi_ = 0, khanh_ = 0, dung_ = 0, em_ = 0, giang_ = 0;
  Id campaign_ = 0;
  Id review_an_ = 0;
};

}  // namespace kd::api::testing
