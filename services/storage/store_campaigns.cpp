// Store: campaigns, and opening one (a review and its "create" event per person).
#include "services/codec/json_codec.hpp"
#include "services/config/regime_catalog.hpp"
#include "services/storage/row_mapping.hpp"
#include "services/storage/sql.hpp"
#include "services/storage/store.hpp"
#include "services/storage/transaction_steps.hpp"

namespace kd::storage {

Id Store::create_campaign(const wf::Campaign& c, const wf::Regime& pinned) {
  auto conn = pool_.acquire();
  pqxx::work w(*conn);
  const auto row = w.exec_prepared1(sql::name(sql::kInsertCampaign), c.unit_id, c.year, c.name,
                                    c.regime_id.empty() ? pinned.id : c.regime_id,
                                    c.regime_id.empty() ? pinned.version : c.regime_version,
                                    config::RegimeCatalog::to_json(pinned), c.special_agency,
                                    codec::canonical(codec::to_json(c.stage_due)),
                                    std::string(wf::to_string(c.status)));
  w.commit();
  return row[0].as<Id>();
}

std::optional<CampaignRecord> Store::get_campaign(Id id) {
  auto conn = pool_.acquire();
  pqxx::read_transaction t(*conn);
  auto rec = detail::load_campaign(t, id, false);
  t.commit();
  return rec;
}

std::vector<wf::Campaign> Store::list_campaigns(const std::vector<Id>& unit_ids) {
  auto conn = pool_.acquire();
  pqxx::read_transaction t(*conn);
  std::vector<wf::Campaign> out;
  const auto ids = detail::id_array(unit_ids);
  for (const auto& r : t.exec_prepared(sql::name(sql::kSelectCampaigns), detail::nullable(ids))) {
    out.push_back(detail::read_campaign(r));
  }
  t.commit();
  return out;
}

Store::OpenOutcome Store::open_campaign(Id campaign_id, Id actor_id, wf::TimePoint now) {
  OpenOutcome out;
  auto conn = pool_.acquire();
  pqxx::work w(*conn);
  const auto rec = detail::load_campaign(w, campaign_id, true);
  if (!rec) {
    out.refusals.push_back({wf::RefusalKind::GuardFailed, "campaign_not_found",
                            "Không tìm thấy đợt đánh giá số " + std::to_string(campaign_id) + ".",
                            "campaign_id"});
    return out;
  }
  out.refusals = wf::open_campaign_refusals(rec->campaign);
  if (!out.refusals.empty()) return out;
  const auto org = detail::load_org(w);
  const auto units = org.subtree(rec->campaign.unit_id);
  const auto people = units.empty() ? pqxx::result{}
                                    : w.exec_prepared(sql::name(sql::kSelectPeopleInUnits),
                                                      *detail::id_array(units));
  const std::string empty_form = codec::canonical(codec::to_json(wf::FormContent{}));
  const std::string first_stage(wf::to_string(wf::Stage::SelfAssessment));
  for (const auto& r : people) {
    const auto person = detail::read_person(r);
    const auto review_id = w.exec_prepared1(sql::name(sql::kInsertReview), campaign_id, person.id,
                                            person.unit_id, first_stage, wf::kWorkflowVersion,
                                            empty_form, detail::epoch_seconds(now))[0]
                               .as<Id>();
    Poco::JSON::Object::Ptr payload = new Poco::JSON::Object;
    payload->set("action", std::string("create"));
    payload->set("campaign_id", static_cast<Poco::Int64>(campaign_id));
    payload->set("person_id", static_cast<Poco::Int64>(person.id));
    payload->set("unit_id", static_cast<Poco::Int64>(person.unit_id));
    payload->set("workflow_version", wf::kWorkflowVersion);
    detail::append_event(w, review_id, actor_id, "create", "", first_stage,
                         codec::canonical(payload), now);
    ++out.reviews_created;
  }
  w.exec_prepared0(sql::name(sql::kUpdateCampaignStatus), campaign_id,
                   std::string(wf::to_string(wf::CampaignStatus::Open)));
  w.commit();
  out.accepted = true;
  return out;
}

}  // namespace kd::storage
