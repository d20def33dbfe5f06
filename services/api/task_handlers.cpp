// GET /api/v1/me/tasks: the guided steps of the caller (kd::wf::tasks_for) over
// the reviews they may act on: their own and those of the units they hold a role in.
#include <map>

#include <Poco/JSON/Array.h>

#include "services/api/handlers.hpp"
#include "services/api/review_access.hpp"
#include "services/api/views.hpp"

namespace kd::api {
namespace {

constexpr int kPage = 200;

void collect(ApiContext& ctx, kd::storage::ReviewFilter filter,
             std::map<kd::wf::Id, kd::storage::ReviewRow>& out) {
  int offset = 0;
  for (;;) {
    auto page = ctx.store.list_reviews(filter, kPage, offset);
    for (auto& row : page.items) out.emplace(row.review.id, std::move(row));
    offset += static_cast<int>(page.items.size());
    if (page.items.empty() || offset >= page.total) break;
  }
}

}  // namespace

void get_my_tasks(ApiContext& ctx, Exchange& ex) {
  const CallerScope scope = load_scope(ctx, ex);
  const kd::wf::TimePoint now = ctx.clock();

  std::map<kd::wf::Id, kd::storage::ReviewRow> rows;
  kd::storage::ReviewFilter own;
  own.person_id = scope.person.id;
  own.today = kd::wf::vietnam_date(now);
  collect(ctx, own, rows);
  const auto units = scope.access().visible_units();
  if (!units.empty()) {
    kd::storage::ReviewFilter managed;
    managed.unit_ids = units;
    managed.today = own.today;
    collect(ctx, managed, rows);
  }

  std::map<kd::wf::Id, kd::storage::CampaignRecord> campaigns;
  // Signatures matter where the next action waits for one: the head's opinion (the minutes)
  // and publication (the decision).
  std::map<kd::wf::Id, kd::wf::SignatureFacts> facts;
  std::vector<kd::wf::ReviewInput> inputs;
  inputs.reserve(rows.size());
  for (const auto& [id, row] : rows) {
    const kd::wf::Id cid = row.review.campaign_id;
    auto it = campaigns.find(cid);
    if (it == campaigns.end()) {
      auto record = ctx.store.get_campaign(cid);
      if (!record) continue;
      it = campaigns.emplace(cid, std::move(*record)).first;
    }
    if (it->second.campaign.status == kd::wf::CampaignStatus::Closed) continue;
    const kd::wf::SignatureFacts* signatures = nullptr;
    const auto stage = row.review.stage;
    if (stage == kd::wf::Stage::HeadOpinion || stage == kd::wf::Stage::Decided) {
      if (auto f = ctx.store.signature_facts(id)) signatures = &(facts[id] = *f);
    }
    inputs.push_back(
        {&row.review, &row.person, &it->second.campaign, &it->second.regime, signatures});
  }

  Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
  for (const auto& t : kd::wf::tasks_for(scope.person.id, inputs, scope.org, now)) {
    items->add(task_json(t));
  }
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("person_id", scope.person.id);
  o->set("items", items);
  ex.send_json(200, o);
}

}  // namespace kd::api
