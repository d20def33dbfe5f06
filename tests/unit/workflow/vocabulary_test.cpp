// The stable names are a public contract (database, API): they are spelled out here.
#include "workflow/vocabulary.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace kd::wf {
namespace {

// NFC for Vietnamese: no combining diacritic (U+0300–U+036F, UTF-8 CC 80 – CD AF) is left.
bool has_combining_marks(std::string_view s) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    const auto a = static_cast<unsigned char>(s[i]), b = static_cast<unsigned char>(s[i + 1]);
    if ((a == 0xCC && b >= 0x80) || (a == 0xCD && b <= 0xAF)) return true;
  }
  return false;
}

TEST(Vocabulary, StageNamesAreTheStableOnes) {
  std::vector<std::string> names;
  for (Stage s : all_stages()) names.emplace_back(to_string(s));
  EXPECT_EQ(names, (std::vector<std::string>{"self_assessment", "collective_review", "head_opinion",
                                             "committee_decision", "decided", "published",
                                             "complaint", "closed"}));
}

TEST(Vocabulary, ActionNamesAreTheStableOnes) {
  std::vector<std::string> names;
  for (Action a : all_actions()) names.emplace_back(to_string(a));
  EXPECT_EQ(names, (std::vector<std::string>{"submit", "record_meeting", "give_opinion", "decide",
                                             "publish", "complain", "resolve_complaint", "close",
                                             "return"}));
}

TEST(Vocabulary, RatingGroupAndRoleNamesAreTheStableOnes) {
  EXPECT_EQ(to_string(Rating::HTXS), "HTXS");
  EXPECT_EQ(to_string(Rating::KHT), "KHT");
  EXPECT_EQ(to_string(Group::CanBo), "can_bo");
  EXPECT_EQ(to_string(Group::DangVien), "dang_vien");
  EXPECT_EQ(to_string(Role::Secretary), "secretary");
  EXPECT_EQ(to_string(Role::Admin), "admin");
}

template <class E, std::size_t N, class Parse>
void expect_round_trip(const std::array<E, N>& values, Parse parse) {
  std::set<std::string_view> seen;
  for (E v : values) {
    EXPECT_TRUE(seen.insert(to_string(v)).second) << to_string(v);
    EXPECT_EQ(parse(to_string(v)), v) << to_string(v);
    EXPECT_FALSE(label_vi(v).empty()) << to_string(v);
    EXPECT_FALSE(has_combining_marks(label_vi(v))) << to_string(v);
  }
}

TEST(Vocabulary, EveryValueParsesBackAndHasANfcLabel) {
  expect_round_trip(all_stages(), parse_stage);
  expect_round_trip(all_actions(), parse_action);
  expect_round_trip(all_ratings(), parse_rating);
  expect_round_trip(all_groups(), parse_group);
  expect_round_trip(all_roles(), parse_role);
}

TEST(Vocabulary, UnknownOrMiscasedNamesDoNotParse) {
  EXPECT_FALSE(parse_stage("Self_Assessment"));
  EXPECT_FALSE(parse_action("approve"));
  EXPECT_FALSE(parse_rating("htxs"));
  EXPECT_FALSE(parse_group(""));
  EXPECT_FALSE(parse_role("boss"));
}

TEST(Vocabulary, LabelsAreVietnameseWithFullDiacritics) {
  EXPECT_EQ(label_vi(Rating::HTXS), "Hoàn thành xuất sắc nhiệm vụ");
  EXPECT_EQ(label_vi(Rating::KHT), "Không hoàn thành nhiệm vụ");
  EXPECT_EQ(label_vi(Group::CongChuc), "Công chức");
  EXPECT_EQ(label_vi(Stage::SelfAssessment), "Tự đánh giá");
  EXPECT_EQ(label_vi(Role::Secretary), "Thư ký");
  EXPECT_TRUE(has_combining_marks("Tu\xCC\x9B"));  // the detector itself works
}

TEST(Vocabulary, RatingsAreOrderedBestFirst) {
  EXPECT_TRUE(better_than(Rating::HTXS, Rating::HTT));
  EXPECT_TRUE(better_than(Rating::HT, Rating::KHT));
  EXPECT_FALSE(better_than(Rating::HT, Rating::HT));
  EXPECT_FALSE(better_than(Rating::KHT, Rating::HTXS));
}

}  // namespace
}  // namespace kd::wf
