// A small organisation, an ND 90-like regime and a campaign, built in code so
// the domain tests need no file. Each test changes only what it is about.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "workflow/review_machine.hpp"

namespace kd::wf::test {

// Units: Sở Nội vụ (1) above Phòng Tổ chức cán bộ (2) and Phòng Hành chính (3).
inline constexpr Id kAgency = 1;
inline constexpr Id kPersonnelOffice = 2;
inline constexpr Id kAdminOffice = 3;

// People.
inline constexpr Id kAn = 10;     // reviewee, công chức of unit 2
inline constexpr Id kBinh = 11;   // secretary of unit 2
inline constexpr Id kChi = 12;    // chair of unit 2
inline constexpr Id kDung = 13;   // head of unit 2 (a leader, reviewed in unit 2)
inline constexpr Id kGiang = 14;  // head of the agency (unit 1)
inline constexpr Id kHa = 15;     // committee of the agency
inline constexpr Id kKhanh = 16;  // admin of the agency
inline constexpr Id kLan = 17;    // secretary of unit 3 (another unit)
inline constexpr Id kMinh = 18;   // head of unit 3
inline constexpr Id kNam = 19;    // committee of unit 3
inline constexpr Id kOanh = 20;   // plain member of unit 2, no role

inline OrgTree make_org() {
  std::vector<Unit> units = {
      {kAgency, std::nullopt, "SNV", "Sở Nội vụ", "co_quan"},
      {kPersonnelOffice, kAgency, "SNV-TCCB", "Phòng Tổ chức cán bộ", "don_vi"},
      {kAdminOffice, kAgency, "SNV-HC", "Phòng Hành chính", "don_vi"},
  };
  std::vector<RoleGrant> grants = {
      {kAn, kPersonnelOffice, Role::Reviewee}, {kBinh, kPersonnelOffice, Role::Secretary},
      {kChi, kPersonnelOffice, Role::Chair},   {kDung, kPersonnelOffice, Role::Head},
      {kGiang, kAgency, Role::Head},           {kHa, kAgency, Role::Committee},
      {kKhanh, kAgency, Role::Admin},          {kLan, kAdminOffice, Role::Secretary},
      {kMinh, kAdminOffice, Role::Head},       {kNam, kAdminOffice, Role::Committee},
      {kOanh, kPersonnelOffice, Role::Member},
  };
  return OrgTree(units, grants);
}

inline Person make_an() {
  Person p;
  p.id = kAn;
  p.full_name = "Nguyễn Văn An";
  p.unit_id = kPersonnelOffice;
  p.group = Group::CongChuc;
  p.position = "Chuyên viên";
  return p;
}

inline Person make_dung() {
  Person p;
  p.id = kDung;
  p.full_name = "Trần Văn Dũng";
  p.unit_id = kPersonnelOffice;
  p.group = Group::CongChuc;
  p.leader = true;
  p.position = "Trưởng phòng";
  return p;
}

inline FormSpec make_form(std::string code, std::string title) {
  FormSpec f{std::move(code), std::move(title), {}};
  f.sections = {
      {"chinh_tri_tu_tuong", "Chính trị tư tưởng", true, false},
      {"dao_duc_loi_song", "Đạo đức, lối sống", true, false},
      {"tac_phong_le_loi", "Tác phong, lề lối làm việc", true, false},
      {"y_thuc_ky_luat", "Ý thức tổ chức kỷ luật", true, false},
      {"ket_qua_nhiem_vu", "Kết quả thực hiện chức trách, nhiệm vụ", true, false},
      {"thai_do_phuc_vu", "Thái độ phục vụ nhân dân, doanh nghiệp", true, false},
      {"ket_qua_don_vi", "Kết quả hoạt động của đơn vị", true, true},
      {"nang_luc_lanh_dao", "Năng lực lãnh đạo, quản lý", true, true},
      {"nang_luc_doan_ket", "Năng lực tập hợp, đoàn kết", true, true},
  };
  return f;
}

inline Regime make_regime() {
  Regime r;
  r.id = "nd90-2020";
  r.version = 1;
  r.title = "Nghị định 90/2020/NĐ-CP (sửa đổi bởi Nghị định 48/2023/NĐ-CP)";
  r.groups = {Group::CanBo, Group::CongChuc, Group::VienChuc};
  r.stages = {all_stages().begin(), all_stages().end()};
  r.forms[Group::CanBo] = make_form("mau_01", "PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÁN BỘ");
  r.forms[Group::CongChuc] = make_form("mau_02", "PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÔNG CHỨC");
  r.forms[Group::VienChuc] = make_form("mau_03", "PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG VIÊN CHỨC");
  r.quorum = Threshold{2, 3, false};
  r.deadlines.complaint_window_days = 15;
  return r;
}

inline Regime without_stage(Regime r, Stage s) {
  r.stages.erase(std::remove(r.stages.begin(), r.stages.end(), s), r.stages.end());
  return r;
}

inline Campaign make_campaign() {
  Campaign c;
  c.id = 100;
  c.unit_id = kAgency;
  c.year = 2026;
  c.name = "Đánh giá, xếp loại chất lượng năm 2026";
  c.regime_id = "nd90-2020";
  c.stage_due = {{Stage::SelfAssessment, {2026, 11, 20}}, {Stage::CollectiveReview, {2026, 11, 27}},
                 {Stage::HeadOpinion, {2026, 12, 2}},     {Stage::CommitteeDecision, {2026, 12, 8}},
                 {Stage::Decided, {2026, 12, 12}},        {Stage::Complaint, {2026, 12, 14}}};
  c.status = CampaignStatus::Open;
  return c;
}

// Vietnam civil time (UTC+7) to an instant.
inline TimePoint vn_time(Date d, int hour = 9, int minute = 0) {
  const auto secs = Date::days_from_civil(d) * 86400 + (hour - 7) * 3600 + minute * 60;
  return TimePoint(std::chrono::seconds(secs));
}

inline FormContent full_form(bool leader = false) {
  FormContent f;
  for (const auto& s : make_form("x", "x").sections) {
    if (!s.leaders_only || leader) f.sections[s.key] = "Nội dung mục " + s.title + ".";
  }
  f.self_rating = Rating::HTT;
  f.strengths = "Hoàn thành đúng hạn các nhiệm vụ được giao.";
  f.weaknesses = "Đôi khi chưa chủ động.";
  return f;
}

inline MeetingRecord good_meeting(Rating proposed = Rating::HTT) {
  MeetingRecord m;
  m.date = {2026, 11, 25};
  m.place = "Phòng họp tầng 2";
  m.chair_id = kChi;
  m.secretary_id = kBinh;
  m.summoned = 9;
  m.present = 8;
  m.absent = {{"Phạm Thị Hoa", "Đi công tác"}};
  m.comments = {{"Lê Thị Chi", "Đồng chí An làm việc chăm chỉ, đúng hạn."}};
  m.proposed_rating = proposed;
  m.votes = {7, 1, 0};
  m.conclusion = "Đề nghị xếp loại Hoàn thành tốt nhiệm vụ.";
  return m;
}

// A review as it stands on entering `stage`, with the data earlier stages added.
inline Review review_in(Stage stage, Id person = kAn) {
  Review r;
  r.id = 500;
  r.campaign_id = 100;
  r.person_id = person;
  r.unit_id = kPersonnelOffice;
  r.stage = stage;
  r.version = 3;
  const int order = static_cast<int>(stage);
  if (order > static_cast<int>(Stage::SelfAssessment)) r.form = full_form(person == kDung);
  if (order > static_cast<int>(Stage::CollectiveReview)) r.meeting = good_meeting();
  if (order > static_cast<int>(Stage::HeadOpinion)) r.opinion = Opinion{kDung, "Tốt.", Rating::HTT};
  if (order > static_cast<int>(Stage::CommitteeDecision)) r.final_rating = Rating::HTT;
  if (order > static_cast<int>(Stage::Decided)) r.published_at = vn_time({2026, 12, 10});
  if (stage == Stage::Complaint) r.complaints = 1;
  return r;
}

// A request carrying valid data for the action.
inline ActionRequest valid_request(Action a) {
  ActionRequest req;
  req.action = a;
  switch (a) {
    case Action::Submit:
      req.form = full_form();
      break;
    case Action::RecordMeeting:
      req.meeting = good_meeting();
      break;
    case Action::GiveOpinion:
      req.opinion = Opinion{0, "Hoàn thành tốt nhiệm vụ được giao.", Rating::HTT};
      break;
    case Action::Decide:
      req.rating = Rating::HTT;
      break;
    case Action::ResolveComplaint:
      req.rating = Rating::HT;
      break;
    case Action::Return:
    case Action::Complain:
      req.reason = "Cần bổ sung số liệu kết quả công việc.";
      break;
    case Action::Publish:
    case Action::Close:
      break;
  }
  return req;
}

// Someone entitled to perform `a` on An's review in `stage`.
inline Id rightful_actor(Action a, Stage stage) {
  switch (a) {
    case Action::Submit:
    case Action::Complain:
      return kAn;
    case Action::RecordMeeting:
      return kBinh;
    case Action::GiveOpinion:
      return kDung;
    case Action::Return:
      if (stage == Stage::CollectiveReview) return kBinh;
      if (stage == Stage::HeadOpinion) return kDung;
      return kHa;
    default:
      return kHa;
  }
}

// Holds everything a TransitionContext refers to.
struct World {
  OrgTree org = make_org();
  Person an = make_an();
  Person dung = make_dung();
  Regime regime = make_regime();
  Campaign campaign = make_campaign();
  TimePoint now = vn_time({2026, 12, 15});

  TransitionContext ctx(const Review& r, Id actor) const {
    const Person& who = r.person_id == kDung ? dung : an;
    return TransitionContext{r, who, regime, campaign, org, actor, now};
  }
  TransitionResult run(const Review& r, Id actor, const ActionRequest& req) const {
    return apply_action(ctx(r, actor), req);
  }
  TransitionResult run(Stage s, Action a) const {
    return run(review_in(s), rightful_actor(a, s), valid_request(a));
  }
};

inline bool has_code(const Refusals& rs, const std::string& code) {
  for (const auto& r : rs) {
    if (r.code == code) return true;
  }
  return false;
}

}  // namespace kd::wf::test
