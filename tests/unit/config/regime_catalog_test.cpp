// The regime files of config/regimes and their loader.
#include "services/config/regime_catalog.hpp"

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

TEST(RegimeCatalog, LoadsBothShippedRegimes) {
  EXPECT_NE(catalog().find("nd90-2020", 1), nullptr);
  EXPECT_NE(catalog().find("qd366-2025", 1), nullptr);
  EXPECT_EQ(catalog().find("nd90-2020", 99), nullptr);
  ASSERT_NE(catalog().latest("nd90-2020"), nullptr);
  EXPECT_EQ(catalog().latest("nd90-2020")->version, 1);
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

}  // namespace
}  // namespace kd::config
