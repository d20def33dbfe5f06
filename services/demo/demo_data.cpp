#include "services/demo/demo_data.hpp"

#include <map>
#include <stdexcept>

#include "services/api/passwords.hpp"

namespace kd::demo {
namespace {

using kd::wf::Group;
using kd::wf::Id;
using kd::wf::Role;

constexpr const char* kPassword = "kiemdiem2026";
constexpr const char* kCampaignName = "Đánh giá, xếp loại chất lượng năm 2026 — Sở Nội vụ";

struct DemoUnit {
  const char* key;
  const char* parent;  // key of the parent, or "" for the root
  const char* code;
  const char* name;
  const char* kind;
  // What the documents print (ND 30/2020 Phụ lục I): superior body, place, the head's and the
  // deputy's titles, the collective body signed for ("" for a unit under one head).
  const char* superior_name;
  const char* place_name;
  const char* head_title;
  const char* deputy_title;
  const char* collective_body;
};

// Phú Thọ (Hòa Bình became part of it in the 2025 merger of provinces). The province's people's
// committee above the department, so that the director's own review has a head above him; the
// campaign covers the department only. The committee signs collectively ("TM. ỦY BAN NHÂN DÂN");
// the department is led by its director ("GIÁM ĐỐC", a deputy "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC").
const DemoUnit kUnits[] = {
    {"ubnd", "", "UBND-PT", "Ủy ban nhân dân tỉnh Phú Thọ", "co_quan", "", "Phú Thọ", "Chủ tịch",
     "Phó Chủ tịch", "Ủy ban nhân dân"},
    {"snv", "ubnd", "SNV", "Sở Nội vụ", "co_quan", "UBND tỉnh Phú Thọ", "Phú Thọ", "Giám đốc",
     "Phó Giám đốc", ""},
    {"vp", "snv", "SNV-VP", "Văn phòng Sở", "don_vi", "", "", "", "", ""},
    {"tccb", "snv", "SNV-TCCB", "Phòng Tổ chức cán bộ", "don_vi", "", "", "", "", ""},
    {"ccvc", "snv", "SNV-CCVC", "Phòng Công chức, viên chức", "don_vi", "", "", "", "", ""},
    {"tt", "snv", "SNV-TT", "Thanh tra Sở", "don_vi", "", "", "", "", ""},
};

struct DemoPerson {
  const char* username;  // empty: no login
  const char* name;
  const char* unit;
  Group group;
  bool party;
  bool leader;
  const char* position;
  std::vector<std::pair<Role, const char*>> roles;  // role, unit key
  const char* roles_vi;
  kd::wf::YearFacts facts;
};

kd::wf::YearFacts normal() { return {}; }
kd::wf::YearFacts disciplined() {
  kd::wf::YearFacts f;
  f.disciplined = true;
  return f;
}
kd::wf::YearFacts long_leave() {
  kd::wf::YearFacts f;
  f.leave_months = 4;
  return f;
}
kd::wf::YearFacts new_starter() {
  kd::wf::YearFacts f;
  f.months_worked = 4;
  return f;
}

const std::vector<DemoPerson>& people() {
  static const std::vector<DemoPerson> kPeople = {
      {"pct.ubnd",
       "Hoàng Thị Thu Hà",
       "ubnd",
       Group::CanBo,
       true,
       true,
       "Phó Chủ tịch UBND tỉnh",
       {{Role::Head, "ubnd"}, {Role::Supervisor, "ubnd"}},
       "Người đứng đầu cấp trên, giám sát",
       normal()},
      {"giamdoc",
       "Nguyễn Văn Hùng",
       "snv",
       Group::CongChuc,
       true,
       true,
       "Giám đốc Sở",
       {{Role::Head, "snv"}, {Role::Committee, "snv"}, {Role::Chair, "snv"}},
       "Giám đốc Sở, người đứng đầu, hội đồng đánh giá",
       normal()},
      {"phogiamdoc",
       "Trần Thị Minh Nguyệt",
       "snv",
       Group::CongChuc,
       true,
       true,
       "Phó Giám đốc Sở",
       {{Role::DeputyHead, "snv"}, {Role::Committee, "snv"}},
       "Phó Giám đốc, hội đồng đánh giá",
       normal()},
      {"giamsat",
       "Đặng Quốc Việt",
       "ubnd",
       Group::CongChuc,
       true,
       false,
       "Chuyên viên Ban Tổ chức Tỉnh ủy",
       {{Role::Supervisor, "snv"}},
       "Giám sát (cấp trên)",
       normal()},
      {"quantri",
       "Lý Thị Ngọc Ánh",
       "vp",
       Group::VienChuc,
       false,
       false,
       "Quản trị hệ thống",
       {{Role::Admin, "snv"}},
       "Quản trị",
       normal()},
      // Văn phòng Sở
      {"chanhvp",
       "Phạm Đức Thắng",
       "vp",
       Group::CongChuc,
       true,
       true,
       "Chánh Văn phòng",
       {{Role::Head, "vp"}, {Role::Chair, "vp"}},
       "Trưởng đơn vị, chủ trì cuộc họp",
       normal()},
      {"thuky.vp",
       "Vũ Thị Hồng Nhung",
       "vp",
       Group::CongChuc,
       true,
       false,
       "Chuyên viên",
       {{Role::Secretary, "vp"}, {Role::Secretary, "snv"}},
       "Thư ký cuộc họp (Văn phòng và lãnh đạo Sở)",
       normal()},
      {"", "Bùi Văn Khải", "vp", Group::VienChuc, false, false, "Lái xe", {}, "", normal()},
      // Phòng Tổ chức cán bộ
      {"truongphong.tccb",
       "Lê Minh Tuấn",
       "tccb",
       Group::CongChuc,
       true,
       true,
       "Trưởng phòng",
       {{Role::Head, "tccb"}, {Role::Chair, "tccb"}},
       "Trưởng phòng, chủ trì cuộc họp",
       normal()},
      {"thuky.tccb",
       "Ngô Thị Phương Thảo",
       "tccb",
       Group::CongChuc,
       true,
       false,
       "Chuyên viên",
       {{Role::Secretary, "tccb"}},
       "Thư ký cuộc họp",
       normal()},
      {"nhanvien.tccb",
       "Đỗ Quang Huy",
       "tccb",
       Group::CongChuc,
       false,
       false,
       "Chuyên viên",
       {{Role::Member, "tccb"}},
       "Người được đánh giá",
       normal()},
      {"",
       "Trịnh Thị Lan Anh",
       "tccb",
       Group::CongChuc,
       true,
       false,
       "Chuyên viên chính",
       {{Role::Member, "tccb"}},
       "",
       normal()},
      {"",
       "Phan Văn Lực",
       "tccb",
       Group::CongChuc,
       false,
       false,
       "Chuyên viên",
       {{Role::Member, "tccb"}},
       "",
       long_leave()},
      // Phòng Công chức, viên chức
      {"truongphong.ccvc",
       "Võ Thị Kim Oanh",
       "ccvc",
       Group::CongChuc,
       true,
       true,
       "Trưởng phòng",
       {{Role::Head, "ccvc"}, {Role::Chair, "ccvc"}},
       "Trưởng phòng",
       normal()},
      {"thuky.ccvc",
       "Dương Văn Toàn",
       "ccvc",
       Group::CongChuc,
       true,
       false,
       "Chuyên viên",
       {{Role::Secretary, "ccvc"}},
       "Thư ký cuộc họp",
       normal()},
      {"",
       "Hồ Thị Bích Ngọc",
       "ccvc",
       Group::CongChuc,
       false,
       false,
       "Chuyên viên",
       {{Role::Member, "ccvc"}},
       "",
       normal()},
      {"",
       "Quách Đình Phúc",
       "ccvc",
       Group::CongChuc,
       false,
       false,
       "Chuyên viên",
       {{Role::Member, "ccvc"}},
       "",
       new_starter()},
      {"",
       "Lưu Thị Diễm Hương",
       "ccvc",
       Group::VienChuc,
       false,
       false,
       "Viên chức hợp đồng",
       {{Role::Member, "ccvc"}},
       "",
       normal()},
      // Thanh tra Sở
      {"chanhthanhtra",
       "Kiều Văn Dũng",
       "tt",
       Group::CongChuc,
       true,
       true,
       "Chánh Thanh tra",
       {{Role::Head, "tt"}, {Role::Chair, "tt"}},
       "Trưởng đơn vị",
       normal()},
      {"thuky.tt",
       "Tạ Thị Thùy Linh",
       "tt",
       Group::CongChuc,
       true,
       false,
       "Thanh tra viên",
       {{Role::Secretary, "tt"}},
       "Thư ký cuộc họp",
       normal()},
      {"",
       "Mạc Văn Sơn",
       "tt",
       Group::CongChuc,
       false,
       false,
       "Thanh tra viên",
       {{Role::Member, "tt"}},
       "",
       disciplined()},
      {"",
       "Châu Ngọc Trâm",
       "tt",
       Group::CongChuc,
       true,
       false,
       "Thanh tra viên",
       {{Role::Member, "tt"}},
       "",
       normal()},
  };
  return kPeople;
}

}  // namespace

const std::vector<DemoLogin>& demo_logins() {
  static const std::vector<DemoLogin> kLogins = [] {
    std::vector<DemoLogin> out;
    for (const auto& p : people()) {
      if (std::string(p.username).empty()) continue;
      out.push_back({p.username, kPassword, p.name, p.roles_vi});
    }
    return out;
  }();
  return kLogins;
}

DemoSummary load_demo(kd::storage::Store& store, const kd::config::RegimeCatalog& regimes,
                      kd::wf::TimePoint now) {
  DemoSummary summary;
  summary.logins = demo_logins();
  if (auto existing = store.find_account("giamdoc")) {
    summary.already_loaded = true;
    for (const auto& c : store.list_campaigns({})) {
      if (c.name == kCampaignName) summary.campaign_id = c.id;
    }
    return summary;
  }
  const kd::wf::Regime* regime = regimes.latest("nd90-2020");
  if (regime == nullptr) {
    throw std::runtime_error("Thiếu bộ quy định 'nd90-2020' trong thư mục regimes.dir");
  }

  std::map<std::string, Id> unit_ids;
  for (const auto& u : kUnits) {
    kd::wf::Unit unit;
    if (std::string(u.parent).size() > 0) unit.parent_id = unit_ids.at(u.parent);
    unit.code = u.code;
    unit.name = u.name;
    unit.kind = u.kind;
    unit.superior_name = u.superior_name;
    unit.place_name = u.place_name;
    unit.head_title = u.head_title;
    unit.deputy_title = u.deputy_title;
    unit.collective_body = u.collective_body;
    unit_ids[u.key] = store.create_unit(unit);
  }

  for (const auto& p : people()) {
    kd::wf::Person person;
    person.full_name = p.name;
    person.unit_id = unit_ids.at(p.unit);
    person.group = p.group;
    person.party_member = p.party;
    person.leader = p.leader;
    person.position = p.position;
    const Id id = store.create_person(person);
    for (const auto& [role, unit] : p.roles) store.grant_role({id, unit_ids.at(unit), role});
    store.set_year_facts(id, 2026, p.facts);
    if (std::string(p.username).size() > 0) {
      store.create_account(id, p.username, kd::api::hash_password(kPassword));
    }
  }

  kd::wf::Campaign campaign;
  campaign.unit_id = unit_ids.at("snv");
  campaign.year = 2026;
  campaign.name = kCampaignName;
  campaign.regime_id = regime->id;
  campaign.regime_version = regime->version;
  campaign.stage_due = {
      {kd::wf::Stage::SelfAssessment, {2026, 11, 30}},
      {kd::wf::Stage::CollectiveReview, {2026, 12, 4}},
      {kd::wf::Stage::HeadOpinion, {2026, 12, 8}},
      {kd::wf::Stage::CommitteeDecision, {2026, 12, 11}},
      {kd::wf::Stage::Decided, {2026, 12, 15}},
  };
  summary.campaign_id = store.create_campaign(campaign, *regime);
  const auto opened = store.open_campaign(summary.campaign_id, 0, now);
  if (!opened.accepted) {
    throw std::runtime_error(
        "Không mở được đợt đánh giá mẫu: " +
        (opened.refusals.empty() ? std::string("?") : opened.refusals.front().message_vi));
  }
  summary.people = static_cast<int>(people().size());
  summary.reviews = opened.reviews_created;
  return summary;
}

}  // namespace kd::demo
