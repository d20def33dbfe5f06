#include "services/documents/render_job.hpp"

#include <Poco/JSON/Parser.h>

#include <set>

#include "services/documents/report_registry.hpp"
#include "workflow/signing_authority.hpp"

namespace kd::documents {
namespace {

std::int64_t epoch(wf::TimePoint t) { return t.time_since_epoch().count(); }

void add_person(RenderContext& ctx, DocumentInput& in, wf::Id id) {
  if (id == 0 || in.people.count(id)) return;
  if (auto p = ctx.store.get_person(id)) in.people[id] = *p;
}

std::string payload_string(const std::string& json, const std::string& key) {
  Poco::JSON::Parser parser;
  const auto o = parser.parse(json).extract<Poco::JSON::Object::Ptr>();
  return o->optValue<std::string>(key, "");
}

// What a decision on a complaint cites: the complaint (its day and text, the events before the
// resolution), the rating it was about, and the earlier decision of the review (its number and
// day, from the documents already rendered).
ComplaintResolution complaint_of(RenderContext& ctx, const wf::Review& review,
                                 const kd::storage::EventRecord& resolution) {
  ComplaintResolution c;
  c.conclusion = payload_string(resolution.payload_json, "reason");
  for (const auto& e : ctx.store.events(review.id)) {
    if (e.seq >= resolution.seq) break;
    if (e.action == "decide" || e.action == "resolve_complaint") {
      // The rating the action recorded: its own, else the proposal it took (decision_rating).
      wf::ActionRequest req;
      req.rating = wf::parse_rating(payload_string(e.payload_json, "rating"));
      c.earlier_rating = wf::decision_rating(review, req);
    }
    if (e.action == "complain") {
      c.filed_on = wf::vietnam_date(e.occurred_at);
      c.reason = payload_string(e.payload_json, "reason");
    }
  }
  const kd::storage::DocumentRecord* earlier = nullptr;
  const auto documents = ctx.documents.review_documents(review.id);
  for (const auto& d : documents) {
    if (d.kind != "decision" || d.event_id == resolution.id) continue;
    if (d.created_at > epoch(resolution.occurred_at)) continue;
    if (!earlier || d.id > earlier->id) earlier = &d;
  }
  if (earlier) {
    c.earlier_number = earlier->number;
    c.earlier_date = wf::vietnam_date(wf::TimePoint(std::chrono::seconds(earlier->created_at)));
  }
  return c;
}

void add_complaint(RenderContext& ctx, DocumentInput& in, const kd::storage::EventRecord& event) {
  if (in.kind != DocumentKind::Decision || event.action != "resolve_complaint") return;
  if (in.reviews.empty()) return;
  in.complaint = complaint_of(ctx, in.reviews.front().review, event);
}

}  // namespace

std::string subject_for(DocumentKind kind, const kd::storage::EventRecord& event,
                        wf::Id campaign_id) {
  if (!is_batch(kind)) return "review:" + std::to_string(event.review_id);
  return "batch:" + std::to_string(campaign_id) + ":" + event.action + ":" +
         std::to_string(epoch(event.occurred_at)) + ":" + std::to_string(event.actor_id);
}

bool part_renders(const std::string& part, DocumentKind kind) {
  if (part == "review") return !is_batch(kind);
  if (part == "batch") return is_batch(kind);
  return true;
}

namespace {
// What every document of a campaign shares: kind, campaign and regime, place, the event's time
// and actor.
DocumentInput common_input(const RenderContext& ctx, const kd::storage::CampaignRecord& campaign,
                           DocumentKind kind, const kd::storage::EventRecord& event) {
  DocumentInput in;
  in.kind = kind;
  in.campaign = campaign.campaign;
  in.regime = campaign.regime;
  in.place = ctx.place;
  in.issued_at = event.occurred_at;
  in.actor_id = event.actor_id;
  return in;
}
}  // namespace

std::optional<DocumentInput> input_from_snapshot(RenderContext& ctx,
                                                 const kd::storage::RenderSnapshot& snapshot,
                                                 DocumentKind kind,
                                                 const kd::storage::EventRecord& event) {
  if (snapshot.reviews.empty()) return std::nullopt;
  // The campaign row and its regime snapshot do not change while the campaign runs.
  const auto campaign = ctx.store.get_campaign(snapshot.reviews.front().review.campaign_id);
  if (!campaign) return std::nullopt;
  DocumentInput in = common_input(ctx, *campaign, kind, event);
  for (const auto& m : snapshot.reviews)
    in.reviews.push_back({m.review, m.person, m.unit_name, m.year});
  in.unit_path = snapshot.unit_path;
  in.actor_standing = snapshot.actor_standing;
  for (const auto& p : snapshot.people) in.people[p.id] = p;
  add_complaint(ctx, in, event);
  if (numbered(kind)) {
    in.number = ctx.documents.number_for(subject_for(kind, event, in.campaign.id),
                                         std::string(to_string(kind)), numbering_issuer(in),
                                         wf::vietnam_date(event.occurred_at).year);
  }
  return in;
}

std::optional<DocumentInput> load_input(RenderContext& ctx, wf::Id review_id, DocumentKind kind,
                                        const kd::storage::EventRecord& event) {
  const auto row = ctx.store.get_review_row(review_id);
  if (!row) return std::nullopt;
  const auto campaign = ctx.store.get_campaign(row->review.campaign_id);
  if (!campaign) return std::nullopt;
  DocumentInput in = common_input(ctx, *campaign, kind, event);
  std::vector<wf::Id> ids = {review_id};
  if (is_batch(kind)) {
    ids = ctx.documents.batch_reviews(in.campaign.id, event.action, epoch(event.occurred_at),
                                      event.actor_id);
    if (ids.empty()) ids = {review_id};
  }
  for (const auto id : ids) {
    const auto r = id == review_id ? row : ctx.store.get_review_row(id);
    if (r) in.reviews.push_back({r->review, r->person, r->unit_name, std::nullopt});
  }
  const auto org = ctx.store.load_org_tree();
  for (const auto uid : org.path_to(row->review.unit_id))
    if (const auto* u = org.unit(uid)) in.unit_path.push_back(*u);
  if (const auto* agency = wf::issuing_agency(in.unit_path))
    in.actor_standing =
        wf::signer_standing(org, event.actor_id, agency->id, wf::vietnam_date(event.occurred_at));
  add_person(ctx, in, event.actor_id);
  const auto& r = row->review;
  if (r.meeting) {
    add_person(ctx, in, r.meeting->chair_id);
    add_person(ctx, in, r.meeting->secretary_id);
  }
  if (r.opinion) add_person(ctx, in, r.opinion->by);
  add_complaint(ctx, in, event);
  if (numbered(kind)) {
    in.number = ctx.documents.number_for(subject_for(kind, event, in.campaign.id),
                                         std::string(to_string(kind)), numbering_issuer(in),
                                         wf::vietnam_date(event.occurred_at).year);
  }
  return in;
}

kd::storage::NewDocument to_new_document(const DocumentInput& in, const RenderedDocument& r,
                                         const std::string& subject, wf::Id event_id,
                                         const std::string& source_snapshot, wf::Id render_job_id) {
  kd::storage::NewDocument d;
  d.campaign_id = in.campaign.id;
  if (!is_batch(in.kind) && !in.reviews.empty()) d.review_id = in.reviews.front().review.id;
  for (const auto& s : in.reviews) d.review_ids.push_back(s.review.id);
  d.subject = subject;
  d.kind = std::string(to_string(in.kind));
  d.title = r.title;
  d.number = r.number;
  d.pdf = r.pdf;
  d.sha256 = r.sha256;
  d.page_count = r.pages;
  d.template_version = r.template_version;
  d.snapshot = r.snapshot;
  d.snapshot_sha256 = r.snapshot_sha256;
  d.html = r.html;
  d.event_id = event_id;
  d.created_at = epoch(in.issued_at);
  d.source_snapshot = source_snapshot;
  d.render_job_id = render_job_id;
  return d;
}

std::vector<kd::storage::NewDocument> render_job_documents(RenderContext& ctx,
                                                           const kd::storage::RenderJob& job) {
  Poco::JSON::Parser parser;
  const auto payload = parser.parse(job.payload_json).extract<Poco::JSON::Object::Ptr>();
  // A registered report (report_registry.hpp), not a review's documents.
  if (payload->has("report"))
    return render_report(ctx, payload->getValue<std::string>("report"), *payload);
  const wf::Id review_id = payload->getValue<wf::Id>("review_id");
  const wf::Id event_id = payload->getValue<wf::Id>("event_id");
  const auto action = payload->getValue<std::string>("action");
  const auto part = payload->optValue<std::string>("documents", "all");
  std::optional<kd::storage::EventRecord> event;
  for (const auto& e : ctx.store.events(review_id))
    if (e.id == event_id) event = e;
  std::vector<kd::storage::NewDocument> out;
  if (!event) return out;  // nothing to render: the review's events are gone
  // The data as the event left it; a job queued before snapshots existed (0005) has none.
  std::optional<kd::storage::RenderSnapshot> snapshot;
  if (!job.snapshot.empty()) snapshot = kd::storage::decode_render_snapshot(job.snapshot);
  for (const auto kind : kinds_for_action(action)) {
    if (!part_renders(part, kind)) continue;
    const auto in = snapshot ? input_from_snapshot(ctx, *snapshot, kind, *event)
                             : load_input(ctx, review_id, kind, *event);
    if (!in) continue;
    const auto rendered = ctx.renderer.render(*in);
    out.push_back(to_new_document(*in, rendered, subject_for(kind, *event, in->campaign.id),
                                  event->id, job.snapshot, job.id));
  }
  return out;
}

}  // namespace kd::documents
