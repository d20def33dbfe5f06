// Reminders and escalations driven by the injected clock, delivered to a local SMTP
// sink: the right people at the right time, each message exactly once — across
// repeated scans, a restart, two instances scanning at once, and failed deliveries.
#include "services/tracking/scheduler.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <set>
#include <thread>

#include <pqxx/pqxx>

#include "tests/integration/tracking/smtp_sink.hpp"
#include "tests/integration/tracking/tracking_world.hpp"

namespace kd::tracking::testing {
namespace {

class SchedulerTest : public TrackingWorld {
 protected:
  void SetUp() override {
    TrackingWorld::SetUp();
    SmtpOptions smtp;
    smtp.host = "127.0.0.1";
    smtp.port = sink_.port();
    smtp.from_address = "kiemdiem@so.test";
    smtp.from_name = "Hệ thống đánh giá, xếp loại";
    smtp.timeout_seconds = 5;
    transport_ = std::make_unique<SmtpTransport>(smtp);
  }

  void at(wf::Date d, int hour = 9, int minute = 0) {
    now_ = vn_time(d, hour, minute).time_since_epoch().count();
  }
  Clock clock() {
    return [this] { return wf::TimePoint(std::chrono::seconds(now_.load())); };
  }
  std::unique_ptr<Scheduler> scheduler(const std::string& instance, TrackingStore& tracking,
                                       kd::storage::Store& store) {
    SchedulerOptions o;
    o.instance = instance;
    o.rules = {5, 2, 3};
    return std::make_unique<Scheduler>(tracking, store, calendar_, clock(), transport_.get(), o);
  }
  std::unique_ptr<Scheduler> scheduler(const std::string& instance = "a") {
    return scheduler(instance, *tracking_, *store_);
  }

  std::vector<ReceivedMail> mails_to(const std::string& address) const {
    std::vector<ReceivedMail> out;
    for (const auto& m : sink_.messages()) {
      if (std::find(m.rcpt_to.begin(), m.rcpt_to.end(), address) != m.rcpt_to.end())
        out.push_back(m);
    }
    return out;
  }

  long count(const std::string& query) {
    pqxx::connection c(url_);
    pqxx::read_transaction t(c);
    return t.exec1(query)[0].as<long>();
  }

  // Every message went to one recipient, and no (recipient, subject) pair twice.
  void expect_no_duplicates() {
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto& m : sink_.messages()) {
      ASSERT_EQ(m.rcpt_to.size(), 1u);
      EXPECT_TRUE(seen.insert({m.rcpt_to[0], m.subject}).second)
          << "sent twice to " << m.rcpt_to[0] << ": " << m.subject;
    }
    EXPECT_EQ(count("SELECT count(*) - count(DISTINCT key) FROM notifications"), 0);
  }

  SmtpSink sink_;
  std::unique_ptr<SmtpTransport> transport_;
  std::atomic<std::int64_t> now_{0};
};

TEST_F(SchedulerTest, RemindersThenEscalationsReachTheRightPeopleAtTheRightTime) {
  auto s = scheduler();
  at({2026, 11, 17});  // three working days before the self-assessment is due
  auto r = s->tick();
  EXPECT_TRUE(r.scanned);
  EXPECT_EQ(r.reviews, 4);
  EXPECT_EQ(r.notices, 0);
  EXPECT_TRUE(sink_.messages().empty());

  at({2026, 11, 18});  // two working days before: every reviewee is reminded
  r = s->tick();
  EXPECT_EQ(r.notices, 4);
  EXPECT_EQ(r.mails_sent, 4);
  ASSERT_EQ(sink_.messages().size(), 4u);
  for (const std::string who : {"an", "binh", "chi", "khanh"}) {
    const auto mails = mails_to(who + "@so.test");
    ASSERT_EQ(mails.size(), 1u) << who;
    const auto& m = mails[0];
    EXPECT_EQ(m.subject, "[Đánh giá, xếp loại] Nhắc việc: Nộp bản tự đánh giá – hạn 20/11/2026");
    EXPECT_NE(m.headers.at("subject").find("=?UTF-8?Q?"), std::string::npos);  // RFC 2047
    EXPECT_EQ(m.mail_from, "kiemdiem@so.test");
    EXPECT_NE(decode_rfc2047(m.headers.at("from")).find("Hệ thống đánh giá, xếp loại"),
              std::string::npos);
    EXPECT_NE(m.headers.at("content-type").find("charset=UTF-8"), std::string::npos);
    EXPECT_NE(m.to.find(who + "@so.test"), std::string::npos);
    EXPECT_NE(m.body.find("trước hết ngày 20/11/2026"), std::string::npos) << m.body;
    EXPECT_NE(m.body.find("Đợt đánh giá: Đánh giá, xếp loại chất lượng năm 2026"),
              std::string::npos);
  }
  EXPECT_NE(mails_to("an@so.test")[0].to.find("Nguyễn Văn An"), std::string::npos);

  r = s->tick();  // the same day again: nothing new
  EXPECT_EQ(r.notices, 0);
  EXPECT_EQ(sink_.messages().size(), 4u);

  submit(an_, vn_time({2026, 11, 19}, 10));  // An is done: the secretary's turn (due 27/11)

  at({2026, 11, 23});  // the Monday after the due date: overdue by one working day
  r = s->tick();
  EXPECT_EQ(r.notices, 3);
  ASSERT_EQ(sink_.messages().size(), 7u);
  const auto to_chi = mails_to("chi@so.test");  // head of Phòng A: Bình's and Khánh's files
  ASSERT_EQ(to_chi.size(), 3u);
  EXPECT_EQ(to_chi[1].subject,
            "[Đánh giá, xếp loại] Quá hạn: hồ sơ của Trần Thị Bình ở bước \"Tự đánh giá\"");
  EXPECT_NE(to_chi[1].body.find("(1 ngày làm việc)"), std::string::npos) << to_chi[1].body;
  EXPECT_NE(to_chi[1].body.find("Người phải xử lý: Người được đánh giá (Trần Thị Bình)"),
            std::string::npos)
      << to_chi[1].body;
  const auto to_dung = mails_to("dung@so.test");  // Chí's own file goes to the head above
  ASSERT_EQ(to_dung.size(), 1u);
  EXPECT_NE(to_dung[0].subject.find("Lê Minh Chí"), std::string::npos);

  at({2026, 11, 25});  // overdue by three working days: the supervisor; and the
  r = s->tick();       // secretary is reminded two working days before 27/11
  EXPECT_EQ(r.notices, 4);
  ASSERT_EQ(sink_.messages().size(), 11u);
  EXPECT_EQ(mails_to("giang@so.test").size(), 3u);
  const auto to_binh = mails_to("binh@so.test");
  ASSERT_EQ(to_binh.size(), 2u);
  EXPECT_EQ(to_binh[1].subject,
            "[Đánh giá, xếp loại] Nhắc việc: Ghi biên bản họp của Nguyễn Văn An – hạn 27/11/2026");
  EXPECT_TRUE(mails_to("an@so.test").size() == 1u);  // nothing more for a finished step
  expect_no_duplicates();

  // The inbox holds the same notifications, read/unread per person.
  auto box = tracking_->inbox(chi_, false, 10, 0);
  EXPECT_EQ(box.total, 3);
  EXPECT_EQ(box.unread, 3);
  ASSERT_TRUE(tracking_->mark_read(chi_, box.items[0].id, vn_time({2026, 11, 25}, 10)));
  EXPECT_FALSE(tracking_->mark_read(an_, box.items[1].id, vn_time({2026, 11, 25}, 10)));
  box = tracking_->inbox(chi_, true, 10, 0);
  EXPECT_EQ(box.total, 2);
}

TEST_F(SchedulerTest, ARestartAndTwoInstancesAtOnceNeverSendTwice) {
  // A second "server": its own connection pool and store on the same database.
  kd::storage::ConnectionPool other_pool(url_, 4);
  kd::storage::Store other_store(other_pool);
  TrackingStore other_tracking(other_pool);
  for (const wf::Date day :
       {wf::Date{2026, 11, 18}, wf::Date{2026, 11, 23}, wf::Date{2026, 11, 25}}) {
    at(day);
    auto a = scheduler("instance-a");
    auto b = scheduler("instance-b", other_tracking, other_store);
    std::atomic<int> scanned{0};
    auto run = [&](Scheduler& s) {
      for (int i = 0; i < 3; ++i) scanned += s.tick().scanned ? 1 : 0;
    };
    std::thread ta([&] { run(*a); }), tb([&] { run(*b); });
    ta.join();
    tb.join();
    EXPECT_GE(scanned.load(), 1);
    a.reset();  // "restart": fresh instances, same database
    b.reset();
    EXPECT_EQ(scheduler("instance-c")->tick().notices, 0);
  }
  // 18/11: 4 reminders; 23/11: 4 files overdue, to their heads; 25/11: to the supervisor.
  EXPECT_EQ(sink_.messages().size(), 12u);
  expect_no_duplicates();
  EXPECT_EQ(count("SELECT count(*) FROM notifications"), 12);
  EXPECT_EQ(count("SELECT count(*) FROM mail_outbox WHERE sent_at IS NOT NULL"), 12);
  EXPECT_EQ(count("SELECT count(*) FROM scheduler_runs WHERE notices_created > 0"), 3);
}

TEST_F(SchedulerTest, AFailedDeliveryIsRetriedLaterAndSentOnce) {
  auto s = scheduler();
  sink_.reject_next(2);
  at({2026, 11, 18});
  auto r = s->tick();
  EXPECT_EQ(r.notices, 4);
  EXPECT_EQ(r.mails_failed, 2);
  EXPECT_EQ(r.mails_sent, 2);
  EXPECT_EQ(sink_.messages().size(), 2u);
  EXPECT_EQ(s->tick().mails_sent, 0);  // not before the retry delay
  at({2026, 11, 18}, 9, 1);            // 60 s later
  r = s->tick();
  EXPECT_EQ(r.mails_sent, 2);
  EXPECT_EQ(sink_.messages().size(), 4u);
  expect_no_duplicates();
  EXPECT_EQ(count("SELECT count(*) FROM mail_outbox WHERE attempts = 2 AND sent_at IS NOT NULL"),
            2);
}

TEST_F(SchedulerTest, NoRelayMeansRetriesUntilGivenUpWhileTheInboxKeepsEverything) {
  SmtpOptions dead;
  dead.host = "127.0.0.1";
  dead.port = 9;  // discard port: nothing listens in the test environment
  dead.timeout_seconds = 2;
  SmtpTransport transport(dead);
  SchedulerOptions o;
  o.rules = {5, 2, 3};
  o.max_attempts = 2;
  Scheduler s(*tracking_, *store_, calendar_, clock(), &transport, o);
  at({2026, 11, 18});
  auto r = s.tick();
  EXPECT_EQ(r.notices, 4);
  EXPECT_EQ(r.mails_failed, 4);
  at({2026, 11, 18}, 10);
  EXPECT_EQ(s.tick().mails_failed, 4);
  at({2026, 11, 18}, 11);
  EXPECT_EQ(s.tick().mails_failed, 0);  // given up after two attempts
  EXPECT_EQ(count("SELECT count(*) FROM mail_outbox WHERE failed_at IS NOT NULL"), 4);
  EXPECT_EQ(tracking_->inbox(an_, true, 10, 0).total, 1);
}

TEST_F(SchedulerTest, ACampaignOutsideTheCalendarIsReportedAndTheOthersStillRun) {
  wf::Campaign c;
  c.unit_id = root_;
  c.year = 2028;  // config/holidays has no 2028
  c.name = "Đánh giá năm 2028";
  c.regime_id = "nd90-2020";
  const wf::Id id = store_->create_campaign(c, kd::storage::test::make_regime());
  ASSERT_TRUE(store_->open_campaign(id, dung_, vn_time({2026, 11, 9})).accepted);
  auto s = scheduler();
  at({2026, 11, 18});
  const auto r = s->tick();
  EXPECT_EQ(r.notices, 4);
  EXPECT_NE(r.error.find("năm 2028"), std::string::npos) << r.error;
  EXPECT_EQ(count("SELECT count(*) FROM scheduler_runs WHERE error LIKE '%2028%'"), 1);
}

TEST_F(SchedulerTest, ATransitionNeverWaitsForAScanInProgress) {
  // A scan holding its lock with a notification of An's review written, not yet committed.
  pqxx::connection scan(url_);
  pqxx::work w(scan);
  w.exec("SELECT pg_advisory_xact_lock(74202605)");
  w.exec(
      "INSERT INTO notifications (key, recipient_id, kind, review_id, campaign_id, stage, "
      "stage_entry_seq, subject, body, created_at) VALUES ('held', " +
      std::to_string(an_) + ", 'reminder', " + std::to_string(review_of(an_)) + ", " +
      std::to_string(campaign_) + ", 'self_assessment', 1, 's', 'b', now())");
  const auto t0 = std::chrono::steady_clock::now();
  submit(an_, vn_time({2026, 11, 18}, 10));  // locks the review row FOR UPDATE
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));
  // And another instance's scan meanwhile skips rather than waits.
  at({2026, 11, 18});
  EXPECT_FALSE(scheduler("other")->scan().scanned);
  w.abort();
}

}  // namespace
}  // namespace kd::tracking::testing
