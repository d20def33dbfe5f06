// The pure hash-chain functions (no database).
#include "services/storage/audit_chain.hpp"

#include <gtest/gtest.h>

#include "services/codec/sha256.hpp"

namespace kd::storage::audit {
namespace {

EventRecord event(int seq, const std::string& prev) {
  EventRecord e;
  e.review_id = 42;
  e.seq = seq;
  e.actor_id = 7;
  e.action = seq == 1 ? "create" : "submit";
  e.from_stage = seq == 1 ? "" : "self_assessment";
  e.to_stage = seq == 1 ? "self_assessment" : "collective_review";
  e.payload_json = R"({"action":"submit","reason":"Lý do: \"đặc biệt\""})";
  e.occurred_at = wf::TimePoint(std::chrono::seconds(1795000000 + seq));
  e.prev_hash = prev;
  e.hash = event_hash(e);
  return e;
}

TEST(Sha256, MatchesTheKnownVector) {
  EXPECT_EQ(kd::codec::sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(AuditChain, EncodingIsLengthPrefixedInTheDocumentedOrder) {
  const auto e = event(1, kGenesisHash);
  const std::string expected = "kd-audit-v1\n2:42\n1:1\n1:7\n6:create\n0:\n15:self_assessment\n" +
                               std::to_string(e.payload_json.size()) + ":" + e.payload_json +
                               "\n10:1795000001\n64:" + kGenesisHash + "\n";
  EXPECT_EQ(canonical_encoding(e), expected);
  EXPECT_EQ(event_hash(e), kd::codec::sha256_hex(expected));
}

TEST(AuditChain, FieldBoundariesCannotBeShifted) {
  auto a = event(1, kGenesisHash);
  auto b = a;
  a.action = "ab";
  a.from_stage = "c";
  b.action = "a";
  b.from_stage = "bc";
  EXPECT_NE(event_hash(a), event_hash(b));
}

TEST(AuditChain, AnIntactChainHasNoBreaks) {
  const auto e1 = event(1, kGenesisHash);
  const auto e2 = event(2, e1.hash);
  const auto e3 = event(3, e2.hash);
  EXPECT_TRUE(verify_chain({e1, e2, e3}).empty());
}

TEST(AuditChain, ReportsHashMismatchBrokenLinkAndGap) {
  const auto e1 = event(1, kGenesisHash);
  auto e2 = event(2, e1.hash);
  const auto e3 = event(3, e2.hash);
  auto tampered = e2;
  tampered.payload_json = R"({"action":"submit"})";
  auto breaks = verify_chain({e1, tampered, e3});
  ASSERT_EQ(breaks.size(), 1u);
  EXPECT_EQ(breaks[0].seq, 2);
  EXPECT_NE(breaks[0].reason_vi.find("Mã băm không khớp"), std::string::npos);

  auto relinked = event(3, std::string(64, 'a'));
  breaks = verify_chain({e1, e2, relinked});
  ASSERT_EQ(breaks.size(), 1u);
  EXPECT_NE(breaks[0].reason_vi.find("Liên kết chuỗi bị đứt"), std::string::npos);

  breaks = verify_chain({e1, e3});
  ASSERT_FALSE(breaks.empty());
  EXPECT_EQ(breaks[0].seq, 3);
  EXPECT_NE(breaks[0].reason_vi.find("Thiếu sự kiện"), std::string::npos);
}

TEST(AuditChain, ChainsOfDifferentReviewsAreIndependent) {
  const auto a1 = event(1, kGenesisHash);
  auto b1 = event(1, kGenesisHash);
  b1.review_id = 43;
  b1.hash = event_hash(b1);
  EXPECT_TRUE(verify_chain({a1, b1}).empty());
}

}  // namespace
}  // namespace kd::storage::audit
