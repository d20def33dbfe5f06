// The administrative log in the database: every change to accounts and roles is one event
// with who, when, before and after, in one append-only SHA-256 chain; tampering is found.
#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <thread>

#include "services/storage/account_admin.hpp"
#include "services/storage/admin_log.hpp"
#include "tests/integration/storage/storage_world.hpp"

namespace kd::storage::test {
namespace {

using Status = AdminOutcome::Status;

class AdminLog : public StorageTest {
 protected:
  void SetUp() override {
    StorageTest::SetUp();
    build_world();
    wf::Person p;
    p.full_name = "Lý Thị Khánh";
    p.unit_id = agency_;
    p.group = wf::Group::CongChuc;
    admin_ = store_->create_person(p);
    store_->grant_role({admin_, agency_, wf::Role::Admin});
    accounts_ = std::make_unique<AccountAdmin>(*pool_);
  }

  // Five changes by the administrator: an account, its reset and deactivation, a grant and
  // its revocation.
  void five_changes() {
    const auto created = accounts_->create_account(admin_, an_, "an.nguyen", "hash-1", now_);
    ASSERT_EQ(created.status, Status::Accepted);
    account_ = created.id;
    ASSERT_EQ(accounts_->reset_password(admin_, account_, "hash-2", now_).status, Status::Accepted);
    GrantCommand g;
    g.person_id = chi_;
    g.unit_id = office_;
    g.role = wf::Role::DeputyHead;
    g.valid_from = wf::Date{2026, 11, 1};
    const auto granted = accounts_->grant(admin_, g, now_);
    ASSERT_EQ(granted.status, Status::Accepted);
    grant_ = granted.id;
    ASSERT_EQ(accounts_->revoke(admin_, grant_, "Cấp nhầm đơn vị.", now_).status, Status::Accepted);
    ASSERT_EQ(accounts_->deactivate(admin_, account_, "Nghỉ hưu.", now_).status, Status::Accepted);
  }

  void superuser(const std::string& statement) {
    pqxx::connection c(url_);
    pqxx::work w(c);
    w.exec0("ALTER TABLE admin_events DISABLE TRIGGER ALL");
    w.exec0(statement);
    w.exec0("ALTER TABLE admin_events ENABLE TRIGGER ALL");
    w.commit();
  }

  std::vector<AdminEvent> all() {
    return admin_log::list(*pool_, {agency_, office_}, 100, 0).items;  // newest first
  }

  wf::Id admin_ = 0, account_ = 0, grant_ = 0;
  std::unique_ptr<AccountAdmin> accounts_;
};

TEST_F(AdminLog, EveryChangeIsAnEventWithWhoWhenBeforeAndAfter) {
  five_changes();
  auto events = all();
  ASSERT_EQ(events.size(), 5u);
  std::reverse(events.begin(), events.end());
  const std::vector<std::string> actions = {"account_created", "password_reset", "role_granted",
                                            "role_revoked", "account_deactivated"};
  for (std::size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].action, actions[i]);
    EXPECT_EQ(events[i].seq, static_cast<long>(i + 1));
    EXPECT_EQ(events[i].actor_id, admin_);
    EXPECT_EQ(events[i].occurred_at, now_);
  }
  EXPECT_EQ(events[0].before, "null");
  EXPECT_EQ(events[0].after, R"({"active":true,"auth_source":"local","must_change_password":true,)"
                             R"("person_id":)" +
                                 std::to_string(an_) + R"(,"username":"an.nguyen"})");
  EXPECT_EQ(events[0].subject, "account:" + std::to_string(account_));
  EXPECT_EQ(events[0].person_id, an_);
  EXPECT_EQ(events[0].unit_id, office_);
  EXPECT_EQ(events[3].before, R"({"person_id":)" + std::to_string(chi_) +
                                  R"(,"revoked":false,"role":"deputy_head",)"
                                  R"("unit_id":)" +
                                  std::to_string(office_) +
                                  R"(,"valid_from":"2026-11-01","valid_until":null})");
  EXPECT_NE(events[3].after.find(R"("revoke_reason":"Cấp nhầm đơn vị.","revoked":true)"),
            std::string::npos)
      << events[3].after;
  EXPECT_NE(events[4].after.find(R"("active":false)"), std::string::npos);
  EXPECT_NE(events[4].after.find(R"("reason":"Nghỉ hưu.")"), std::string::npos);
  // No password, clear or hashed, is ever written in the log.
  for (const auto& e : events) {
    EXPECT_EQ(e.before.find("hash-"), std::string::npos);
    EXPECT_EQ(e.after.find("hash-"), std::string::npos);
  }
  const auto report = admin_log::verify(*pool_);
  EXPECT_EQ(report.events_checked, 5);
  EXPECT_TRUE(report.breaks.empty());
}

TEST_F(AdminLog, ARefusedChangeRecordsNothing) {
  // Binh administers nothing; an administrator may not grant themself.
  EXPECT_EQ(accounts_->create_account(binh_, an_, "an.nguyen", "h", now_).status, Status::Refused);
  GrantCommand self;
  self.person_id = admin_;
  self.unit_id = agency_;
  self.role = wf::Role::Committee;
  EXPECT_EQ(accounts_->grant(admin_, self, now_).status, Status::Refused);
  EXPECT_EQ(count("SELECT count(*) FROM admin_events"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM accounts"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM role_grants WHERE role = 'committee'"), 1);
}

TEST_F(AdminLog, EventsCannotBeUpdatedOrDeleted) {
  five_changes();
  pqxx::connection c(url_);
  {
    pqxx::work w(c);
    EXPECT_THROW(w.exec0("UPDATE admin_events SET after = '{}'"), pqxx::sql_error);
  }
  {
    pqxx::work w(c);
    EXPECT_THROW(w.exec0("DELETE FROM admin_events"), pqxx::sql_error);
  }
  {
    pqxx::work w(c);
    EXPECT_THROW(w.exec0("TRUNCATE admin_events"), pqxx::sql_error);
  }
  EXPECT_EQ(count("SELECT count(*) FROM admin_events"), 5);
}

TEST_F(AdminLog, TheVerifierFindsAModifiedEvent) {
  five_changes();
  // Someone with the database's superuser makes the grant look as if it named another person.
  superuser("UPDATE admin_events SET after = replace(after, 'deputy_head', 'admin') WHERE seq = 3");
  const auto report = admin_log::verify(*pool_);
  ASSERT_EQ(report.breaks.size(), 1u);
  EXPECT_EQ(report.breaks[0].seq, 3);
  EXPECT_EQ(report.breaks[0].reason_vi,
            "Mã băm không khớp: nội dung sự kiện đã bị thay đổi sau khi ghi");
}

TEST_F(AdminLog, TheVerifierFindsADeletedOrRehashedEvent) {
  five_changes();
  superuser("DELETE FROM admin_events WHERE seq = 2");
  auto report = admin_log::verify(*pool_);
  ASSERT_FALSE(report.breaks.empty());
  EXPECT_EQ(report.breaks[0].seq, 3);
  EXPECT_EQ(report.breaks[0].reason_vi, "Thiếu sự kiện trong chuỗi: số thứ tự 3, mong đợi 2");

  // A forger who rewrites a row and its own hash still breaks the next link.
  superuser("UPDATE admin_events SET hash = repeat('f', 64) WHERE seq = 4");
  report = admin_log::verify(*pool_);
  bool next_link = false;
  for (const auto& b : report.breaks)
    next_link = next_link || (b.seq == 5 && b.reason_vi.find("Liên kết chuỗi bị đứt") == 0);
  EXPECT_TRUE(next_link);
}

#ifdef KD_KIEMDIEM
// `kiemdiem verify-audit` checks the administrative log beside the reviews' chains.
TEST_F(AdminLog, VerifyAuditReportsABrokenAdministrativeLogAndExitsOne) {
  five_changes();
  auto run = [&](std::string& output) {
    const std::string command = "KIEMDIEM_DATABASE_URL='" + url_ + "' '" + KD_KIEMDIEM +
                                "' --config '" + KD_SOURCE_DIR +
                                "/config/kiemdiem.properties' verify-audit 2>/dev/null";
    FILE* p = ::popen(command.c_str(), "r");
    EXPECT_NE(p, nullptr);
    char buffer[4096];
    output.clear();
    while (p && std::fgets(buffer, sizeof buffer, p)) output += buffer;
    const int status = p ? ::pclose(p) : -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  std::string output;
  EXPECT_EQ(run(output), 0) << output;
  EXPECT_NE(output.find("nhật ký quản trị: 5 sự kiện"), std::string::npos) << output;
  superuser("UPDATE admin_events SET before = '{}' WHERE seq = 4");
  EXPECT_EQ(run(output), 1) << output;
  EXPECT_NE(output.find("  - Nhật ký quản trị, sự kiện thứ 4: Mã băm không khớp: nội dung sự "
                        "kiện đã bị thay đổi sau khi ghi"),
            std::string::npos)
      << output;
}
#endif

TEST_F(AdminLog, ConcurrentChangesExtendOneChain) {
  std::vector<std::thread> threads;
  std::vector<AdminOutcome> outcomes(6);
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&, i] {
      AccountAdmin admin(*pool_);
      GrantCommand g;
      g.person_id = i % 2 ? binh_ : chi_;
      g.unit_id = office_;
      g.role = wf::Role::Member;
      g.valid_from = wf::Date{2027, 1, 1 + i};
      g.valid_until = wf::Date{2027, 1, 1 + i};
      outcomes[static_cast<std::size_t>(i)] = admin.grant(admin_, g, now_);
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& o : outcomes) EXPECT_EQ(o.status, Status::Accepted);
  const auto report = admin_log::verify(*pool_);
  EXPECT_EQ(report.events_checked, 6);
  EXPECT_TRUE(report.breaks.empty());
}

}  // namespace
}  // namespace kd::storage::test
