// A migrated database with a unit, its people (with e-mail addresses), an open 2026
// campaign and the shipped holiday calendar, for the tracking integration tests.
//
//   Sở (root)        dung: head + committee · giang: supervisor
//   └── Phòng A      an, binh (secretary), chi (head, a leader), khanh
// The campaign covers Phòng A: self_assessment due Fri 20/11/2026, collective_review
// Fri 27/11, head_opinion Wed 02/12, committee_decision Tue 08/12; opened Mon 09/11.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "services/storage/connection_pool.hpp"
#include "services/storage/store.hpp"
#include "services/tracking/holidays.hpp"
#include "services/tracking/tracking_store.hpp"
#include "tests/integration/storage/storage_world.hpp"
#include "tests/support/test_database.hpp"

namespace kd::tracking::testing {

namespace wf = kd::wf;
using kd::storage::test::vn_time;

class TrackingWorld : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = kd::testing::migrated_database_url("track");
    pool_ = std::make_unique<kd::storage::ConnectionPool>(url_, 6);
    store_ = std::make_unique<kd::storage::Store>(*pool_);
    store_->require_signatures(false);  // no documents are rendered here: walks unsigned
    tracking_ = std::make_unique<TrackingStore>(*pool_);
    calendar_ = load_holidays(std::string(KD_SOURCE_DIR) + "/config/holidays");
    auto& s = *store_;
    root_ = s.create_unit({0, std::nullopt, "SO", "Sở Nội vụ", "co_quan"});
    unit_a_ = s.create_unit({0, root_, "SO-A", "Phòng Tổ chức cán bộ", "don_vi"});
    auto person = [&](const std::string& name, wf::Id unit, bool leader, const std::string& mail) {
      wf::Person p;
      p.full_name = name;
      p.unit_id = unit;
      p.group = wf::Group::CongChuc;
      p.leader = leader;
      p.position = leader ? "Trưởng phòng" : "Chuyên viên";
      p.peer_group = "chuyen_vien";
      const wf::Id id = s.create_person(p);
      tracking_->set_email(id, mail);
      return id;
    };
    an_ = person("Nguyễn Văn An", unit_a_, false, "an@so.test");
    binh_ = person("Trần Thị Bình", unit_a_, false, "binh@so.test");
    chi_ = person("Lê Minh Chí", unit_a_, true, "chi@so.test");
    khanh_ = person("Đỗ Văn Khánh", unit_a_, false, "khanh@so.test");
    dung_ = person("Phạm Quốc Dũng", root_, true, "dung@so.test");
    giang_ = person("Vũ Trường Giang", root_, false, "giang@so.test");
    for (const auto& g : std::vector<wf::RoleGrant>{{an_, unit_a_, wf::Role::Member},
                                                    {binh_, unit_a_, wf::Role::Secretary},
                                                    {chi_, unit_a_, wf::Role::Head},
                                                    {chi_, unit_a_, wf::Role::Chair},
                                                    {khanh_, unit_a_, wf::Role::Member},
                                                    {dung_, root_, wf::Role::Head},
                                                    {dung_, root_, wf::Role::Committee},
                                                    {giang_, root_, wf::Role::Supervisor}}) {
      s.grant_role(g);
    }
    wf::Campaign c;
    c.unit_id = unit_a_;
    c.year = 2026;
    c.name = "Đánh giá, xếp loại chất lượng năm 2026 – Phòng Tổ chức cán bộ";
    c.regime_id = "nd90-2020";
    c.stage_due = {{wf::Stage::SelfAssessment, {2026, 11, 20}},
                   {wf::Stage::CollectiveReview, {2026, 11, 27}},
                   {wf::Stage::HeadOpinion, {2026, 12, 2}},
                   {wf::Stage::CommitteeDecision, {2026, 12, 8}}};
    wf::Regime regime = kd::storage::test::make_regime();
    regime.deadlines.stage_working_days = {
        {wf::Stage::SelfAssessment, 5}, {wf::Stage::CollectiveReview, 5},
        {wf::Stage::HeadOpinion, 3},    {wf::Stage::CommitteeDecision, 5},
        {wf::Stage::Decided, 3},        {wf::Stage::Complaint, 10}};
    campaign_ = s.create_campaign(c, regime);
    ASSERT_TRUE(s.open_campaign(campaign_, dung_, vn_time({2026, 11, 9})).accepted);
  }

  wf::Id review_of(wf::Id person) {
    kd::storage::ReviewFilter f;
    f.person_id = person;
    f.campaign_id = campaign_;
    const auto page = store_->list_reviews(f, 1, 0);
    return page.items.empty() ? 0 : page.items.front().review.id;
  }

  void submit(wf::Id person, wf::TimePoint at) {
    const wf::Id id = review_of(person);
    kd::storage::TransitionCommand cmd;
    cmd.review_id = id;
    cmd.expected_version = store_->get_review(id)->version;
    cmd.actor_id = person;
    cmd.request.action = wf::Action::Submit;
    cmd.request.form = kd::storage::test::full_form();
    cmd.now = at;
    ASSERT_EQ(store_->transition(cmd).status, kd::storage::TransitionOutcome::Status::Accepted);
  }

  std::string url_;
  std::unique_ptr<kd::storage::ConnectionPool> pool_;
  std::unique_ptr<kd::storage::Store> store_;
  std::unique_ptr<TrackingStore> tracking_;
  wf::HolidayCalendar calendar_;
  wf::Id root_ = 0, unit_a_ = 0, an_ = 0, binh_ = 0, chi_ = 0, khanh_ = 0, dung_ = 0, giang_ = 0;
  wf::Id campaign_ = 0;
};

}  // namespace kd::tracking::testing
