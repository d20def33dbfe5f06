#include "services/storage/campaign_quota.hpp"

#include "services/storage/row_mapping.hpp"
#include "services/storage/sql.hpp"

namespace kd::storage::detail {

std::string peer_group_of(const wf::Person& p) {
  return p.peer_group.empty() ? std::string(wf::to_string(p.group)) : p.peer_group;
}

bool counts_for_quota(const wf::Review& r) {
  if (!r.final_rating || r.not_rated) return false;
  return r.stage == wf::Stage::Decided || r.stage == wf::Stage::Published ||
         r.stage == wf::Stage::Complaint || r.stage == wf::Stage::Closed;
}

std::vector<wf::RatedEntry> standing_ratings(const std::map<Id, ReviewRow>& rows,
                                             const std::set<Id>& except) {
  std::vector<wf::RatedEntry> entries;
  for (const auto& [id, row] : rows) {
    if (except.count(id) == 0 && counts_for_quota(row.review)) {
      entries.push_back({peer_group_of(row.person), *row.review.final_rating});
    }
  }
  return entries;
}

std::map<Id, ReviewRow> campaign_rows(pqxx::transaction_base& w, Id campaign_id) {
  std::map<Id, ReviewRow> rows;
  for (const auto& r : w.exec_prepared(sql::name(sql::kSelectCampaignReviewRows), campaign_id)) {
    auto row = read_review_row(r);
    const Id id = row.review.id;
    rows.emplace(id, std::move(row));
  }
  return rows;
}

namespace {

const wf::QuotaLine* line_of(const wf::QuotaReport& report, const std::string& group) {
  for (const auto& l : report.lines) {
    if (l.peer_group == group) return &l;
  }
  return nullptr;
}

}  // namespace

wf::Refusals quota_refusals_for_change(const std::map<Id, ReviewRow>& rows, const ReviewRow& row,
                                       const wf::Review& after, const wf::QuotaRule& rule,
                                       const wf::QuotaException* exception) {
  const std::string group = peer_group_of(row.person);
  auto entries = standing_ratings(rows, {row.review.id});
  const auto before_entries = [&] {
    auto e = entries;
    if (counts_for_quota(row.review)) e.push_back({group, *row.review.final_rating});
    return e;
  }();
  if (counts_for_quota(after)) entries.push_back({group, *after.final_rating});

  const auto before = wf::check_quota(before_entries, rule);
  const auto now =
      exception ? wf::check_quota(entries, rule, *exception) : wf::check_quota(entries, rule);
  const wf::QuotaLine* b = line_of(before, group);
  const wf::QuotaLine* a = line_of(now, group);
  if (a == nullptr || a->ok) return {};
  const bool worse = b == nullptr || a->htxs > b->htxs || a->limit < b->limit;
  if (!worse || now.ok) return {};  // an unchanged old breach, or an allowed override
  wf::Refusals out;
  for (const auto& r : now.refusals) {
    if (r.code != "quota_exceeded" || r.message_vi.find(group) != std::string::npos)
      out.push_back(r);
  }
  if (out.empty()) out = now.refusals;
  return out;
}

}  // namespace kd::storage::detail
