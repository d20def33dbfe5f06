// The HTXS quota: HTXS <= floor(HTT × percent / 100) per peer group.
#include <gtest/gtest.h>

#include "workflow/quota.hpp"

namespace kd::wf {
namespace {

// An exception for an outstanding organisation, complete: its decision, approver and reason.
const QuotaException kException{"Quyết định số 20/QĐ-UBND ngày 10/12/2026", 7,
                                "Tập thể được tặng Cờ thi đua"};

std::vector<RatedEntry> group(const std::string& name, int htxs, int htt, int ht = 0, int kht = 0) {
  std::vector<RatedEntry> out;
  for (int i = 0; i < htxs; ++i) out.push_back({name, Rating::HTXS});
  for (int i = 0; i < htt; ++i) out.push_back({name, Rating::HTT});
  for (int i = 0; i < ht; ++i) out.push_back({name, Rating::HT});
  for (int i = 0; i < kht; ++i) out.push_back({name, Rating::KHT});
  return out;
}

std::vector<RatedEntry> operator+(std::vector<RatedEntry> a, const std::vector<RatedEntry>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// One HT entry keeps the group present even with no HTT.
int limit_for(int htt) {
  return check_quota(group("cv", 0, htt, 1), QuotaRule{}).lines.at(0).limit;
}

TEST(Quota, LimitIsTwentyPercentOfHttRoundedDown) {
  EXPECT_EQ(limit_for(0), 0);
  EXPECT_EQ(limit_for(4), 0);
  EXPECT_EQ(limit_for(5), 1);
  EXPECT_EQ(limit_for(9), 1);
  EXPECT_EQ(limit_for(10), 2);
  EXPECT_EQ(limit_for(14), 2);
  EXPECT_EQ(limit_for(15), 3);
}

// People read names, never codes: the default peer group (the person's group) by its name,
// a peer group the organisation named itself as entered.
TEST(Quota, TheRefusalNamesThePeerGroupNotItsCode) {
  const auto r = check_quota(group("cong_chuc", 2, 5) + group("Chuyên viên", 0, 1), QuotaRule{});
  ASSERT_EQ(r.refusals.size(), 1u);
  EXPECT_EQ(r.refusals[0].message_vi,
            "Nhóm Công chức: 2 người xếp loại Hoàn thành xuất sắc nhiệm vụ (HTXS), vượt giới hạn "
            "1 (20% của 5 người xếp loại Hoàn thành tốt nhiệm vụ (HTT)).");
  EXPECT_EQ(r.refusals[0].field, "quota.cong_chuc");
  EXPECT_EQ(r.lines.at(0).label_vi, "Chuyên viên");
  EXPECT_EQ(r.lines.at(1).label_vi, "Công chức");
}

TEST(Quota, NoHttMeansNoHtxsAllowed) {
  const auto r = check_quota(group("cv", 1, 0, 3), QuotaRule{});
  EXPECT_FALSE(r.ok);
  ASSERT_EQ(r.lines.size(), 1u);
  EXPECT_EQ(r.lines[0].limit, 0);
  EXPECT_FALSE(r.lines[0].ok);
}

TEST(Quota, FourHttAllowNoHtxs) { EXPECT_FALSE(check_quota(group("cv", 1, 4), QuotaRule{}).ok); }

TEST(Quota, FiveHttAllowOneHtxs) {
  EXPECT_TRUE(check_quota(group("cv", 1, 5), QuotaRule{}).ok);
  EXPECT_FALSE(check_quota(group("cv", 2, 5), QuotaRule{}).ok);
}

TEST(Quota, ExactlyAtTheLimitIsAccepted) {
  const auto r = check_quota(group("cv", 2, 10, 4, 1), QuotaRule{});
  EXPECT_TRUE(r.ok);
  EXPECT_TRUE(r.refusals.empty());
  EXPECT_EQ(r.lines.at(0).htxs, 2);
  EXPECT_EQ(r.lines.at(0).htt, 10);
  EXPECT_EQ(r.lines.at(0).limit, 2);
}

TEST(Quota, OneOverTheLimitIsRefusedWithTheNumbers) {
  const auto r = check_quota(group("Chuyên viên", 3, 10), QuotaRule{});
  EXPECT_FALSE(r.ok);
  ASSERT_EQ(r.refusals.size(), 1u);
  const Refusal& f = r.refusals[0];
  EXPECT_EQ(f.code, "quota_exceeded");
  EXPECT_EQ(f.kind, RefusalKind::GuardFailed);
  EXPECT_NE(f.message_vi.find("Chuyên viên"), std::string::npos);
  EXPECT_NE(f.message_vi.find("3 người xếp loại Hoàn thành xuất sắc"), std::string::npos);
  EXPECT_NE(f.message_vi.find("giới hạn 2"), std::string::npos);
  EXPECT_NE(f.message_vi.find("20% của 10 người"), std::string::npos);
}

TEST(Quota, PeerGroupsAreCheckedIndependently) {
  const auto r = check_quota(group("b", 1, 4) + group("a", 2, 10) + group("c", 1, 5), QuotaRule{});
  EXPECT_FALSE(r.ok);
  ASSERT_EQ(r.lines.size(), 3u);
  EXPECT_EQ(r.lines[0].peer_group, "a");  // sorted
  EXPECT_TRUE(r.lines[0].ok);
  EXPECT_EQ(r.lines[1].peer_group, "b");
  EXPECT_FALSE(r.lines[1].ok);
  EXPECT_TRUE(r.lines[2].ok);
  ASSERT_EQ(r.refusals.size(), 1u);
  EXPECT_EQ(r.refusals[0].field, "quota.b");
}

TEST(Quota, OtherRatingsDoNotCount) {
  const auto r = check_quota(group("cv", 1, 5, 20, 20), QuotaRule{});
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.lines.at(0).limit, 1);
}

TEST(Quota, ADisabledRuleRefusesNothingButStillReportsTheCounts) {
  QuotaRule rule;
  rule.enabled = false;
  const auto r = check_quota(group("cv", 5, 1), rule);
  EXPECT_TRUE(r.ok);
  EXPECT_TRUE(r.refusals.empty());
  EXPECT_EQ(r.lines.at(0).htxs, 5);
}

TEST(Quota, ThePercentageComesFromTheRule) {
  QuotaRule rule;
  rule.htxs_percent_of_htt = 50;
  EXPECT_EQ(check_quota(group("cv", 0, 5), rule).lines.at(0).limit, 2);
}

TEST(Quota, AnAllowedOverrideAcceptsButKeepsTheFindings) {
  const auto r = check_quota(group("cv", 3, 10), QuotaRule{}, true);
  EXPECT_TRUE(r.ok);
  EXPECT_TRUE(r.overridden);
  EXPECT_FALSE(r.lines.at(0).ok);
  EXPECT_TRUE(!r.refusals.empty() && r.refusals[0].code == "quota_exceeded");
}

TEST(Quota, AnOverrideIsRefusedWhenTheRegimeForbidsIt) {
  QuotaRule rule;
  rule.override_allowed = false;
  const auto r = check_quota(group("cv", 3, 10), rule, true);
  EXPECT_FALSE(r.ok);
  EXPECT_FALSE(r.overridden);
  EXPECT_EQ(r.refusals.back().code, "quota_override_not_allowed");
}

TEST(Quota, AnOverrideIsNotNeededWhenWithinTheLimit) {
  const auto r = check_quota(group("cv", 1, 10), QuotaRule{}, true);
  EXPECT_TRUE(r.ok);
  EXPECT_FALSE(r.overridden);
}

// ND 335: the exception for an outstanding organisation needs its decision and approver,
// and stays within its own cap (25 % of HTT by default).
QuotaRule nd335_quota() {
  QuotaRule rule;
  rule.exception_cap_percent = 25;
  rule.exception_needs_decision = true;
  return rule;
}

QuotaException exception_by(std::int64_t approver) {
  return QuotaException{"Quyết định số 20/QĐ-UBND ngày 10/12/2026", approver,
                        "Đơn vị được tặng Cờ thi đua của Chính phủ"};
}

TEST(Quota, TheExceptionWithinItsCapIsAcceptedAndAudited) {
  // 20 HTT: the limit is 4, the exception's cap 5.
  const auto r = check_quota(group("cv", 5, 20), nd335_quota(), exception_by(15));
  EXPECT_TRUE(r.ok);
  EXPECT_TRUE(r.overridden);
  EXPECT_EQ(r.lines.at(0).limit, 4);
  EXPECT_EQ(r.refusals.at(0).code, "quota_exceeded");  // kept for the audit event
}

TEST(Quota, TheExceptionBeyondItsCapIsRefusedWithTheNumbers) {
  const auto r = check_quota(group("cong_chuc", 6, 20), nd335_quota(), exception_by(15));
  EXPECT_FALSE(r.ok);
  EXPECT_FALSE(r.overridden);
  EXPECT_EQ(r.refusals.back().code, "quota_exception_cap_exceeded");
  EXPECT_EQ(r.refusals.back().message_vi,
            "Nhóm Công chức: 6 người xếp loại HTXS, vượt cả giới hạn ngoại lệ 5 (25% của 20 người "
            "xếp loại HTT).");
}

TEST(Quota, TheExceptionNeedsItsDecisionAndApprover) {
  QuotaException missing = exception_by(0);
  auto r = check_quota(group("cv", 5, 20), nd335_quota(), missing);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.refusals.back().code, "quota_exception_incomplete");
  missing = exception_by(15);
  missing.decision = "  ";
  EXPECT_EQ(check_quota(group("cv", 5, 20), nd335_quota(), missing).refusals.back().code,
            "quota_exception_incomplete");
}

TEST(Quota, TheExceptionIsNotNeededWithinTheQuota) {
  const auto r = check_quota(group("cv", 4, 20), nd335_quota(), QuotaException{});
  EXPECT_TRUE(r.ok);
  EXPECT_FALSE(r.overridden);
  EXPECT_TRUE(r.refusals.empty());
}

TEST(Quota, TheExceptionIsRefusedWhenTheRegimeAllowsNoOverride) {
  QuotaRule rule = nd335_quota();
  rule.override_allowed = false;
  const auto r = check_quota(group("cv", 5, 20), rule, exception_by(15));
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.refusals.back().code, "quota_override_not_allowed");
}

TEST(Quota, WithoutACapTheExceptionAcceptsAnyNumber) {
  QuotaRule rule = nd335_quota();
  rule.exception_cap_percent = 0;
  EXPECT_TRUE(check_quota(group("cv", 9, 20), rule, exception_by(15)).ok);
}

bool has_code(const Refusals& rs, const std::string& code) {
  for (const auto& r : rs)
    if (r.code == code) return true;
  return false;
}

// The rule for one review's rating changing (a single decision, a resolved complaint).
std::vector<QuotaEntry> campaign_of(int htxs, int htt) {
  std::vector<QuotaEntry> out;
  Id id = 1000;
  for (int i = 0; i < htxs; ++i) out.push_back({id++, "cong_chuc", Rating::HTXS});
  for (int i = 0; i < htt; ++i) out.push_back({id++, "cong_chuc", Rating::HTT});
  return out;
}

TEST(QuotaChange, ANewHtxsOverTheLimitIsRefusedAndAnExceptionLetsItThrough) {
  const auto campaign = campaign_of(1, 5);  // limit 1: full
  const QuotaEntry before{1, "cong_chuc", std::nullopt};
  const QuotaEntry after{1, "cong_chuc", Rating::HTXS};
  const auto refused = quota_refusals_for_change(campaign, before, after, QuotaRule{}, nullptr);
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_EQ(refused[0].code, "quota_exceeded");
  EXPECT_TRUE(quota_refusals_for_change(campaign, before, after, QuotaRule{}, &kException).empty());
  QuotaRule strict;
  strict.override_allowed = false;
  EXPECT_TRUE(has_code(quota_refusals_for_change(campaign, before, after, strict, &kException),
                       "quota_override_not_allowed"));
  // A rating that does not add an HTXS nor lower the limit is never refused.
  EXPECT_TRUE(quota_refusals_for_change(campaign, before, {1, "cong_chuc", Rating::HT}, QuotaRule{},
                                        nullptr)
                  .empty());
}

TEST(QuotaChange, AnOldBreachLeftAsItWasIsNotRefused) {
  auto campaign = campaign_of(2, 5);  // already over: 2 HTXS, limit 1
  campaign.push_back({1, "cong_chuc", Rating::HTXS});
  const QuotaEntry same{1, "cong_chuc", Rating::HTXS};
  EXPECT_TRUE(quota_refusals_for_change(campaign, same, same, QuotaRule{}, nullptr).empty());
  // Lowering the limit (an HTT becoming HT) in a group over the limit is refused.
  auto over = campaign_of(1, 5);
  const QuotaEntry htt{1001, "cong_chuc", Rating::HTT};
  EXPECT_TRUE(has_code(
      quota_refusals_for_change(over, htt, {1001, "cong_chuc", Rating::HT}, QuotaRule{}, nullptr),
      "quota_exceeded"));
}

TEST(QuotaChange, OnlyDecideAndResolveComplaintSetARating) {
  for (Action a : all_actions())
    EXPECT_EQ(sets_rating(a), a == Action::Decide || a == Action::ResolveComplaint);
  Person p;
  p.group = Group::VienChuc;
  EXPECT_EQ(peer_group_of(p), "vien_chuc");
  p.peer_group = "giao_vien";
  EXPECT_EQ(peer_group_of(p), "giao_vien");
  Review r;
  r.stage = Stage::CommitteeDecision;
  r.final_rating = Rating::HTT;
  EXPECT_FALSE(quota_entry(r, p).rating);  // not decided yet
  r.stage = Stage::Published;
  EXPECT_EQ(quota_entry(r, p).rating, Rating::HTT);
}

}  // namespace
}  // namespace kd::wf