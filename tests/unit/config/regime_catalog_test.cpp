// The regime files of config/regimes and their loader.
#include "services/config/regime_catalog.hpp"

#include "tests/unit/workflow/scoring_fixture.hpp"
#include "workflow/party_scoring.hpp"
#include "workflow/regime_selection.hpp"

#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>

namespace kd::config {
namespace {

namespace wf = kd::wf;
const std::string kRegimesDir = std::string(KD_SOURCE_DIR) + "/config/regimes";

const RegimeCatalog& catalog() {
  static const RegimeCatalog c = RegimeCatalog::load_dir(kRegimesDir);
  return c;
}

std::string nd90_text() {
  std::ifstream in(kRegimesDir + "/nd90-2020.v1.json");
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Replaces the first occurrence of `from` in the ND 90 file, then parses it.
wf::Regime parse_edited(const std::string& from, const std::string& to) {
  std::string text = nd90_text();
  const auto pos = text.find(from);
  if (pos == std::string::npos) throw std::logic_error("fixture text not found: " + from);
  text.replace(pos, from.size(), to);
  return RegimeCatalog::parse(text, "edited.json");
}

std::string error_of(const std::string& from, const std::string& to) {
  try {
    parse_edited(from, to);
  } catch (const RegimeError& e) {
    return e.what();
  }
  return "";
}

TEST(RegimeCatalog, LoadsTheShippedRegimes) {
  EXPECT_NE(catalog().find("nd90-2020", 1), nullptr);
  EXPECT_NE(catalog().find("nd335-2025", 1), nullptr);
  EXPECT_NE(catalog().find("qd366-2025", 1), nullptr);
  EXPECT_EQ(catalog().find("nd90-2020", 99), nullptr);
  ASSERT_NE(catalog().latest("nd90-2020"), nullptr);
  EXPECT_NE(catalog().find("nd90-2020", 2), nullptr);
  EXPECT_EQ(catalog().latest("nd90-2020")->version, 2);
  EXPECT_EQ(catalog().latest("nd56-2015"), nullptr);
}

TEST(RegimeCatalog, ShippedRegimesAreValid) {
  for (const auto& [key, regime] : catalog().all()) {
    EXPECT_TRUE(wf::validate(regime).empty()) << key.first;
  }
}

TEST(RegimeCatalog, Nd90HasTheThreeStateFormsWithLeaderSections) {
  const wf::Regime& r = *catalog().find("nd90-2020", 1);
  EXPECT_FALSE(r.party);
  EXPECT_EQ(r.form_for(wf::Group::CanBo).code, "mau_01");
  EXPECT_EQ(r.form_for(wf::Group::CongChuc).code, "mau_02");
  EXPECT_EQ(r.form_for(wf::Group::VienChuc).code, "mau_03");
  EXPECT_EQ(r.form_for(wf::Group::CongChuc).title, "PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÔNG CHỨC");
  const auto& sections = r.form_for(wf::Group::CongChuc).sections;
  ASSERT_EQ(sections.size(), 9u);
  EXPECT_EQ(sections[0].title, "Chính trị tư tưởng");
  for (std::size_t i = 0; i < sections.size(); ++i)
    EXPECT_EQ(sections[i].leaders_only, i >= 6) << i;
  EXPECT_EQ(r.stages.size(), 8u);
}

TEST(RegimeCatalog, Nd90RulesMatchTheDecree) {
  const wf::Regime& r = *catalog().find("nd90-2020", 1);
  EXPECT_EQ(r.quorum.num, 2);
  EXPECT_EQ(r.quorum.den, 3);
  EXPECT_TRUE(r.vote_rules.empty());
  EXPECT_TRUE(r.quota.enabled);
  EXPECT_EQ(r.quota.htxs_percent_of_htt, 20);
  EXPECT_EQ(r.deadlines.final_month, 12);
  EXPECT_EQ(r.deadlines.final_day, 15);
  EXPECT_EQ(r.deadlines.special_final_month, 1);
  EXPECT_EQ(r.deadlines.special_final_day, 15);
  EXPECT_GT(r.deadlines.complaint_window_days, 0);
  EXPECT_EQ(r.deadlines.stage_working_days.at(wf::Stage::SelfAssessment), 5);
  EXPECT_EQ(r.rating_rules.min_months_worked, 6);
  EXPECT_EQ(r.rating_rules.leave_cap, wf::Rating::HT);
}

TEST(RegimeCatalog, Qd366IsAPartyRegimeWithVoteRulesAndNoHeadOpinion) {
  const wf::Regime& r = *catalog().find("qd366-2025", 1);
  EXPECT_TRUE(r.party);
  ASSERT_EQ(r.groups.size(), 1u);
  EXPECT_EQ(r.groups[0], wf::Group::DangVien);
  EXPECT_EQ(r.form_for(wf::Group::DangVien).code, "mau_2a");
  EXPECT_FALSE(r.has_stage(wf::Stage::HeadOpinion));
  ASSERT_EQ(r.vote_rules.size(), 2u);
  EXPECT_EQ(r.vote_rules[0].rating, wf::Rating::HTXS);
  EXPECT_EQ(r.vote_rules[0].base, wf::VoteBase::OfficialMembers);
  EXPECT_TRUE(r.vote_rules[1].threshold.strictly_greater);
}

// The head of a unit convenes and chairs the collective's meeting under ND 90 (version 2
// says so); the chi bộ reviewing a Party member never has that member preside. Version 1
// of ND 90, pinned by older campaigns, says nothing: no one chairs their own review.
TEST(RegimeCatalog, WhoMayChairTheirOwnReviewIsPartOfTheRegime) {
  EXPECT_FALSE(catalog().find("nd90-2020", 1)->meeting.head_chairs_own_review);
  EXPECT_TRUE(catalog().find("nd90-2020", 2)->meeting.head_chairs_own_review);
  EXPECT_FALSE(catalog().find("qd366-2025", 1)->meeting.head_chairs_own_review);
  EXPECT_TRUE(parse_edited("\"vote_rules\": [],",
                           "\"vote_rules\": [], \"meeting\": {\"head_chairs_own_review\": true},")
                  .meeting.head_chairs_own_review);
  EXPECT_NE(
      error_of("\"vote_rules\": [],", "\"vote_rules\": [], \"meeting\": {\"head_chairs\": true},")
          .find("meeting"),
      std::string::npos);
}

TEST(RegimeCatalog, ToJsonRoundTripsEveryShippedRegime) {
  for (const auto& [key, regime] : catalog().all()) {
    const std::string json = RegimeCatalog::to_json(regime);
    const wf::Regime back = RegimeCatalog::parse(json, "snapshot");
    EXPECT_EQ(RegimeCatalog::to_json(back), json) << key.first;
    EXPECT_EQ(back.id, regime.id);
    EXPECT_EQ(back.stages, regime.stages);
    EXPECT_EQ(back.forms.size(), regime.forms.size());
    EXPECT_EQ(back.vote_rules.size(), regime.vote_rules.size());
    EXPECT_EQ(back.deadlines.stage_working_days, regime.deadlines.stage_working_days);
    EXPECT_EQ(back.meeting.head_chairs_own_review, regime.meeting.head_chairs_own_review);
  }
}

TEST(RegimeCatalog, ToJsonKeepsVietnameseTextReadable) {
  const std::string json = RegimeCatalog::to_json(*catalog().find("nd90-2020", 1));
  EXPECT_NE(json.find("Chính trị tư tưởng"), std::string::npos);
}

TEST(RegimeCatalog, ErrorNamesTheFileAndTheField) {
  const std::string e = error_of("\"title\": \"Chính trị tư tưởng\"", "\"title\": 7");
  EXPECT_NE(e.find("edited.json"), std::string::npos) << e;
  EXPECT_NE(e.find("forms.can_bo.sections[0].title"), std::string::npos) << e;
  EXPECT_NE(e.find("expected a string"), std::string::npos) << e;
}

TEST(RegimeCatalog, MissingFieldIsNamed) {
  const std::string e = error_of("\"quorum\": {", "\"quorum_typo\": {");
  EXPECT_NE(e.find("quorum_typo"), std::string::npos) << e;
  EXPECT_NE(e.find("unknown field"), std::string::npos) << e;
}

TEST(RegimeCatalog, UnknownStageIsRefused) {
  const std::string e = error_of("\"head_opinion\",", "\"head_opinon\",");
  EXPECT_NE(e.find("stages[2]"), std::string::npos) << e;
  EXPECT_NE(e.find("head_opinon"), std::string::npos) << e;
}

TEST(RegimeCatalog, MalformedJsonIsRefusedNamingTheFile) {
  try {
    RegimeCatalog::parse("{ \"id\": ", "broken.json");
    FAIL() << "no error";
  } catch (const RegimeError& e) {
    EXPECT_NE(std::string(e.what()).find("broken.json"), std::string::npos);
  }
}

TEST(RegimeCatalog, DomainValidationIsApplied) {
  const std::string e = error_of("\"den\": 3", "\"den\": 0");
  EXPECT_NE(e.find("quorum"), std::string::npos) << e;
  EXPECT_NE(e.find("invalid regime"), std::string::npos) << e;
}

TEST(RegimeCatalog, CommentKeysAreIgnored) {
  EXPECT_NO_THROW(parse_edited("\"id\":", "\"_note\": \"x\", \"id\":"));
}

TEST(RegimeCatalog, DuplicateIdAndVersionInADirectoryIsRefused) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("kd_regimes_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::copy_file(kRegimesDir + "/nd90-2020.v1.json", dir / "a.json",
                fs::copy_options::overwrite_existing);
  fs::copy_file(kRegimesDir + "/nd90-2020.v1.json", dir / "b.json",
                fs::copy_options::overwrite_existing);
  try {
    RegimeCatalog::load_dir(dir.string());
    ADD_FAILURE() << "no error";
  } catch (const RegimeError& e) {
    EXPECT_NE(std::string(e.what()).find("b.json"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("a.json"), std::string::npos) << e.what();
  }
  fs::remove_all(dir);
}

TEST(RegimeCatalog, MissingDirectoryIsRefused) {
  EXPECT_THROW(RegimeCatalog::load_dir(kRegimesDir + "/does-not-exist"), RegimeError);
}

// --- Nghị định 335/2025 and the scoring of QĐ 366 ------------------------------------------

std::string file_text(const std::string& name) {
  std::ifstream in(kRegimesDir + "/" + name);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string nd335_error(const std::string& from, const std::string& to) {
  std::string text = file_text("nd335-2025.v1.json");
  const auto pos = text.find(from);
  if (pos == std::string::npos) throw std::logic_error("fixture text not found: " + from);
  text.replace(pos, from.size(), to);
  try {
    RegimeCatalog::parse(text, "nd335-edited.json");
  } catch (const RegimeError& e) {
    return e.what();
  }
  return "";
}

TEST(RegimeCatalog, Nd335RatesCongChucFrom2026WithoutAnAnnualMeeting) {
  const wf::Regime& r = *catalog().find("nd335-2025", 1);
  EXPECT_FALSE(r.party);
  EXPECT_EQ(r.groups, std::vector<wf::Group>{wf::Group::CongChuc});
  EXPECT_TRUE(r.applies(wf::Group::CongChuc, 2026));
  EXPECT_FALSE(r.applies(wf::Group::CongChuc, 2025));
  EXPECT_FALSE(r.has_stage(wf::Stage::CollectiveReview));
  EXPECT_TRUE(r.has_stage(wf::Stage::Complaint));
  EXPECT_EQ(r.deadlines.final_month, 12);
  EXPECT_EQ(r.deadlines.final_day, 15);
  EXPECT_EQ(r.deadlines.complaint_window_days, 5);
  EXPECT_EQ(r.deadlines.stage_working_days.at(wf::Stage::Complaint), 10);
  EXPECT_EQ(r.quota.htxs_percent_of_htt, 20);
  EXPECT_EQ(r.quota.exception_cap_percent, 25);
  EXPECT_TRUE(r.quota.exception_needs_decision);
}

TEST(RegimeCatalog, Nd335ScoringMatchesTheDecreeAndTheDomainFixture) {
  const wf::Regime& r = *catalog().find("nd335-2025", 1);
  ASSERT_TRUE(r.scoring.has_value());
  const wf::ScoringRules& s = *r.scoring;
  EXPECT_EQ(s.period_kinds,
            (std::vector<wf::PeriodKind>{wf::PeriodKind::Month, wf::PeriodKind::Quarter}));
  EXPECT_EQ(s.default_period, wf::PeriodKind::Month);
  EXPECT_EQ(s.total_max, 10000);
  ASSERT_EQ(s.sheets.size(), 1u);
  const wf::CriteriaSheet& sheet = s.sheets[0];
  EXPECT_EQ(sheet.max, 3000);
  EXPECT_EQ(sheet.step, 50);
  EXPECT_TRUE(sheet.reason_required_when_withheld);
  const auto expected = wf::items_of(wf::test::make_general_sheet());
  const auto items = wf::items_of(sheet);
  ASSERT_EQ(items.size(), expected.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    EXPECT_EQ(items[i].code, expected[i].code);
    EXPECT_EQ(items[i].max, expected[i].max) << items[i].code;
    EXPECT_FALSE(items[i].source.empty()) << items[i].code;
  }
  EXPECT_EQ(items[0].title, "Phẩm chất chính trị, phẩm chất đạo đức, văn hóa thực thi công vụ");
  EXPECT_EQ(s.tasks.method, wf::TaskMethod::Formula);
  EXPECT_EQ(s.tasks.max, 7000);
  EXPECT_EQ(s.tasks.deduction_percent, 25);
  EXPECT_EQ(s.tasks.ratio_cap_percent, 100);
  EXPECT_EQ(s.tasks.leader_factor_values, (std::vector<int>{100, 50}));
  ASSERT_EQ(s.bands.size(), 4u);
  EXPECT_EQ(s.band_min(wf::Rating::HTXS), 9000);
  EXPECT_EQ(s.band_min(wf::Rating::HTT), 7000);
  EXPECT_EQ(s.band_min(wf::Rating::HT), 5000);
  EXPECT_EQ(s.kht.grounds.size(), 3u);
  EXPECT_EQ(s.kht.discipline_min_level, "khien_trach");
  EXPECT_TRUE(s.kht.no_double_counting);
  EXPECT_EQ(s.year.min_periods_worked, 1);
  EXPECT_EQ(s.period_working_days, wf::test::make_nd335_rules().period_working_days);
}

TEST(RegimeCatalog, Qd366ScoresMembersAndOrganisationsWithItsHtxsConditions) {
  const wf::Regime& r = *catalog().find("qd366-2025", 1);
  ASSERT_TRUE(r.scoring.has_value());
  const wf::ScoringRules& s = *r.scoring;
  EXPECT_EQ(s.tasks.method, wf::TaskMethod::Entered);
  ASSERT_NE(s.sheet("khong_giu_chuc_vu"), nullptr);
  ASSERT_NE(s.sheet("lanh_dao"), nullptr);
  ASSERT_NE(s.sheet("tap_the"), nullptr);
  EXPECT_EQ(s.sheet_for(false)->key, "khong_giu_chuc_vu");
  EXPECT_EQ(s.sheet_for(true)->key, "lanh_dao");
  EXPECT_EQ(s.sheet_for(false, true)->key, "tap_the");
  auto group_max = [&](const char* sheet) {
    std::vector<wf::Centi> out;
    for (const auto& g : s.sheet(sheet)->groups) out.push_back(g.max);
    return out;
  };
  EXPECT_EQ(group_max("khong_giu_chuc_vu"), (std::vector<wf::Centi>{2000, 800, 200}));
  EXPECT_EQ(group_max("lanh_dao"), (std::vector<wf::Centi>{1800, 400, 800}));
  EXPECT_EQ(group_max("tap_the"), (std::vector<wf::Centi>{3000}));
  for (const auto& item : wf::items_of(*s.sheet("lanh_dao"))) EXPECT_TRUE(item.pass_fail);
  // HTXS for a member: 100 % of tasks on time and at least 30 % exceeded.
  bool found = false;
  for (const auto& c : s.conditions) {
    if (c.rating == wf::Rating::HTXS && c.sheet == "khong_giu_chuc_vu") {
      found = true;
      EXPECT_EQ(c.tasks_on_time_min_percent, 100);
      EXPECT_EQ(c.tasks_exceeded_min_percent, 30);
    }
  }
  EXPECT_TRUE(found);
  // The ratings follow: 92 points with 2 of 10 tasks exceeded is HTT.
  wf::PartyFacts f;
  f.tasks = wf::TaskCounts{10, 10, 10, 2};
  EXPECT_EQ(wf::rate_party(9200, "khong_giu_chuc_vu", f, 2026, false, {}, s).rating,
            wf::Rating::HTT);
  f.tasks.exceeded = 3;
  EXPECT_EQ(wf::rate_party(9200, "khong_giu_chuc_vu", f, 2026, false, {}, s).rating,
            wf::Rating::HTXS);
}

TEST(RegimeCatalog, TheShippedCatalogueChoosesEachPersonsRegimes) {
  const auto candidates = catalog().latest_all();
  ASSERT_EQ(candidates.size(), 3u);
  wf::Person p;
  p.group = wf::Group::CongChuc;
  p.party_member = true;
  auto s = wf::select_regimes(p, 2026, candidates);
  ASSERT_TRUE(s.refusals.empty()) << s.refusals[0].message_vi;
  ASSERT_EQ(s.in_order().size(), 2u);
  EXPECT_EQ(s.in_order()[0]->id, "nd335-2025");
  EXPECT_EQ(s.in_order()[1]->id, "qd366-2025");
  EXPECT_EQ(wf::select_regimes(p, 2025, candidates).state->id, "nd90-2020");
  p.group = wf::Group::VienChuc;
  EXPECT_EQ(wf::select_regimes(p, 2026, candidates).state->id, "nd90-2020");
  p.group = wf::Group::CanBo;
  EXPECT_EQ(wf::select_regimes(p, 2026, candidates).state->id, "nd90-2020");
}

TEST(RegimeCatalog, ScoringErrorsNameTheField) {
  std::string e = nd335_error("\"max\": 2.5", "\"max\": 2.555");
  EXPECT_NE(e.find("scoring.sheets[0].groups[1].items[0].max"), std::string::npos) << e;
  EXPECT_NE(e.find("at most two decimals"), std::string::npos) << e;
  e = nd335_error("\"deduction_percent\"", "\"deduction_pct\"");
  EXPECT_NE(e.find("scoring.tasks.deduction_pct: unknown field"), std::string::npos) << e;
  e = nd335_error("\"default_period\": \"month\"", "\"default_period\": \"week\"");
  EXPECT_NE(e.find("scoring.default_period"), std::string::npos) << e;
}

TEST(RegimeCatalog, ScoringIsValidatedByTheDomain) {
  // Item maxima no longer adding up to the group's 10 points.
  std::string e = nd335_error("\"max\": 5", "\"max\": 6");
  EXPECT_NE(e.find("invalid regime"), std::string::npos) << e;
  EXPECT_NE(e.find("scoring.sheets[0].groups[0].max"), std::string::npos) << e;
  // Bands out of order.
  e = nd335_error("\"min\": 90", "\"min\": 60");
  EXPECT_NE(e.find("scoring.bands.HTT"), std::string::npos) << e;
  // A group no year of which the regime rates.
  e = nd335_error("\"group\": \"cong_chuc\"", "\"group\": \"vien_chuc\"");
  EXPECT_NE(e.find("applies_to[0]"), std::string::npos) << e;
}

}  // namespace
}  // namespace kd::config
