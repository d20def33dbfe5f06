// A migrated database with a small organisation and an open campaign, for the
// storage integration tests. Each test gets its own fresh database.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include <pqxx/pqxx>

#include "services/storage/connection_pool.hpp"
#include "services/storage/store.hpp"
#include "tests/support/test_database.hpp"

namespace kd::storage::test {

namespace wf = kd::wf;

// Every Vietnamese vowel with every tone, đ/Đ, and the characters that break naive escaping.
inline const std::string kEveryDiacritic =
    "aàáảãạ ăằắẳẵặ âầấẩẫậ eèéẻẽẹ êềếểễệ iìíỉĩị oòóỏõọ ôồốổỗộ ơờớởỡợ uùúủũụ ưừứửữự "
    "yỳýỷỹỵ đ AÀÁẢÃẠ ĂẰẮẲẴẶ ÂẦẤẨẪẬ EÈÉẺẼẸ ÊỀẾỂỄỆ IÌÍỈĨỊ OÒÓỎÕỌ ÔỒỐỔỖỘ ƠỜỚỞỠỢ "
    "UÙÚỦŨỤ ƯỪỨỬỮỰ YỲÝỶỸỴ Đ <b>x</b> & &amp; \"trích dẫn\" 'nháy' \\ xuống\ndòng\ttab";

inline bool has_code(const wf::Refusals& rs, const std::string& code) {
  for (const auto& r : rs) {
    if (r.code == code) return true;
  }
  return false;
}

inline wf::TimePoint vn_time(wf::Date d, int hour = 9, int minute = 0) {
  const auto secs = wf::Date::days_from_civil(d) * 86400 + (hour - 7) * 3600 + minute * 60;
  return wf::TimePoint(std::chrono::seconds(secs));
}

inline wf::FormSpec make_form(std::string code, std::string title) {
  wf::FormSpec f{std::move(code), std::move(title), {}};
  f.sections = {
      {"chinh_tri_tu_tuong", "Chính trị tư tưởng", true, false},
      {"dao_duc_loi_song", "Đạo đức, lối sống", true, false},
      {"ket_qua_nhiem_vu", "Kết quả thực hiện chức trách, nhiệm vụ", true, false},
      {"nang_luc_lanh_dao", "Năng lực lãnh đạo, quản lý", true, true},
  };
  return f;
}

inline wf::Regime make_regime() {
  wf::Regime r;
  r.id = "nd90-2020";
  r.version = 1;
  r.title = "Nghị định 90/2020/NĐ-CP (sửa đổi bởi Nghị định 48/2023/NĐ-CP)";
  r.groups = {wf::Group::CanBo, wf::Group::CongChuc, wf::Group::VienChuc};
  r.stages = {wf::all_stages().begin(), wf::all_stages().end()};
  r.forms[wf::Group::CanBo] = make_form("mau_01", "PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÁN BỘ");
  r.forms[wf::Group::CongChuc] =
      make_form("mau_02", "PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÔNG CHỨC");
  r.forms[wf::Group::VienChuc] =
      make_form("mau_03", "PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG VIÊN CHỨC");
  r.quorum = wf::Threshold{2, 3, false};
  return r;
}

inline wf::FormContent full_form(const std::string& text = "Nội dung đầy đủ.") {
  wf::FormContent f;
  f.sections["chinh_tri_tu_tuong"] = text;
  f.sections["dao_duc_loi_song"] = "Giữ gìn phẩm chất đạo đức, lối sống lành mạnh.";
  f.sections["ket_qua_nhiem_vu"] = "Hoàn thành 100% nhiệm vụ được giao.";
  f.self_rating = wf::Rating::HTT;
  f.strengths = "Chủ động, đúng hạn.";
  f.weaknesses = "Đôi khi chưa sâu sát.";
  return f;
}

inline wf::MeetingRecord good_meeting(wf::Id chair, wf::Id secretary,
                                      wf::Rating proposed = wf::Rating::HTT) {
  wf::MeetingRecord m;
  m.date = {2026, 11, 25};
  m.place = "Phòng họp tầng 2";
  m.chair_id = chair;
  m.secretary_id = secretary;
  m.summoned = 9;
  m.present = 8;
  m.absent = {{"Phạm Thị Hoa", "Đi công tác"}};
  m.comments = {{"Lê Thị Chi", "Làm việc chăm chỉ, đúng hạn."}};
  m.proposed_rating = proposed;
  m.votes = {7, 1, 0};
  m.conclusion = "Đề nghị xếp loại Hoàn thành tốt nhiệm vụ.";
  return m;
}

class StorageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = kd::testing::migrated_database_url(
        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    pool_ = std::make_unique<ConnectionPool>(url_, 4);
    store_ = std::make_unique<Store>(*pool_);
    store_->require_signatures(false);  // no documents are rendered here: walks unsigned
  }

  // Sở Nội vụ (agency) above Phòng Tổ chức cán bộ (office); reviewees in the office, a
  // secretary and a chair there, a head of the office, a committee member at the agency.
  // `extra` more reviewees are added for quota tests. The campaign is created and opened.
  void build_world(int extra = 0) {
    agency_ = store_->create_unit({0, std::nullopt, "SNV", "Sở Nội vụ", "co_quan"});
    office_ = store_->create_unit({0, agency_, "SNV-TCCB", "Phòng Tổ chức cán bộ", "don_vi"});
    auto person = [&](const std::string& name, wf::Id unit, bool leader = false) {
      wf::Person p;
      p.full_name = name;
      p.unit_id = unit;
      p.group = wf::Group::CongChuc;
      p.leader = leader;
      p.position = leader ? "Trưởng phòng" : "Chuyên viên";
      return store_->create_person(p);
    };
    an_ = person("Nguyễn Văn An", office_);
    binh_ = person("Lê Thị Bình", office_);
    chi_ = person("Phạm Văn Chí", office_);
    dung_ = person("Trần Văn Dũng", office_, true);
    ha_ = person("Hoàng Thị Hà", agency_, true);
    store_->grant_role({an_, office_, wf::Role::Reviewee});
    store_->grant_role({binh_, office_, wf::Role::Secretary});
    store_->grant_role({chi_, office_, wf::Role::Chair});
    store_->grant_role({dung_, office_, wf::Role::Head});
    store_->grant_role({ha_, agency_, wf::Role::Committee});
    for (int i = 0; i < extra; ++i) {
      const auto id = person("Đặng Văn Thứ " + std::to_string(i + 1), office_);
      store_->grant_role({id, office_, wf::Role::Reviewee});
      extra_.push_back(id);
    }
    wf::Campaign c;
    c.unit_id = agency_;
    c.year = 2026;
    c.name = "Đánh giá, xếp loại chất lượng năm 2026";
    c.regime_id = "nd90-2020";
    c.regime_version = 1;
    c.stage_due = {{wf::Stage::SelfAssessment, {2026, 11, 20}},
                   {wf::Stage::CollectiveReview, {2026, 11, 27}},
                   {wf::Stage::HeadOpinion, {2026, 12, 2}},
                   {wf::Stage::CommitteeDecision, {2026, 12, 8}}};
    campaign_ = store_->create_campaign(c, make_regime());
    const auto opened = store_->open_campaign(campaign_, ha_, now_);
    ASSERT_TRUE(opened.accepted);
  }

  wf::Id review_of(wf::Id person) {
    ReviewFilter f;
    f.campaign_id = campaign_;
    f.person_id = person;
    auto page = store_->list_reviews(f, 10, 0);
    EXPECT_EQ(page.items.size(), 1u);
    return page.items.empty() ? 0 : page.items[0].review.id;
  }

  TransitionCommand command(wf::Id review, wf::Id actor, wf::ActionRequest req) {
    TransitionCommand cmd;
    cmd.review_id = review;
    cmd.actor_id = actor;
    cmd.request = std::move(req);
    cmd.now = now_;
    const auto current = store_->get_review(review);
    cmd.expected_version = current ? current->version : 0;
    return cmd;
  }

  TransitionOutcome act(wf::Id review, wf::Id actor, wf::ActionRequest req) {
    return store_->transition(command(review, actor, std::move(req)));
  }

  static wf::ActionRequest submit(const wf::FormContent& form) {
    wf::ActionRequest r;
    r.action = wf::Action::Submit;
    r.form = form;
    return r;
  }

  // Submit, meeting and the head's opinion: the review waits for the committee's decision.
  void advance_to_committee(wf::Id review, wf::Id reviewee, wf::Rating proposed) {
    ASSERT_EQ(act(review, reviewee, submit(full_form())).status,
              TransitionOutcome::Status::Accepted);
    wf::ActionRequest meeting;
    meeting.action = wf::Action::RecordMeeting;
    meeting.meeting = good_meeting(chi_, binh_, proposed);
    ASSERT_EQ(act(review, binh_, meeting).status, TransitionOutcome::Status::Accepted);
    wf::ActionRequest opinion;
    opinion.action = wf::Action::GiveOpinion;
    opinion.opinion = wf::Opinion{0, "Nhận xét của trưởng phòng.", proposed};
    ASSERT_EQ(act(review, dung_, opinion).status, TransitionOutcome::Status::Accepted);
  }

  // Direct SQL for assertions (tests only).
  long count(const std::string& query) {
    pqxx::connection c(url_);
    pqxx::read_transaction t(c);
    return t.exec1(query)[0].as<long>();
  }

  std::string url_;
  std::unique_ptr<ConnectionPool> pool_;
  std::unique_ptr<Store> store_;
  wf::TimePoint now_ = vn_time({2026, 11, 20});
  wf::Id agency_ = 0, office_ = 0, an_ = 0, binh_ = 0, chi_ = 0, dung_ = 0, ha_ = 0, campaign_ = 0;
  std::vector<wf::Id> extra_;
};

}  // namespace kd::storage::test
