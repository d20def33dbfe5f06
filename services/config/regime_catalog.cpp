#include "services/config/regime_catalog.hpp"

#include "services/config/json_reader.hpp"
#include "services/config/scoring_json.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

namespace kd::config {
namespace {

namespace wf = kd::wf;
using detail::Array;
using detail::Object;
using detail::ordered;
using detail::Reader;
using detail::Var;

wf::Threshold read_threshold(const Reader& rd, const Var& v, const std::string& where) {
  const auto obj = rd.object(v, where);
  rd.only_keys(obj, {"num", "den", "strictly_greater"}, where);
  wf::Threshold t;
  t.num = rd.integer(rd.required(obj, "num", where), Reader::join(where, "num"));
  t.den = rd.integer(rd.required(obj, "den", where), Reader::join(where, "den"));
  if (obj->has("strictly_greater")) {
    t.strictly_greater =
        rd.boolean(obj->get("strictly_greater"), Reader::join(where, "strictly_greater"));
  }
  return t;
}

wf::FormSpec read_form(const Reader& rd, const Var& v, const std::string& where) {
  const auto obj = rd.object(v, where);
  rd.only_keys(obj, {"code", "title", "sections"}, where);
  wf::FormSpec form;
  form.code = rd.string(rd.required(obj, "code", where), Reader::join(where, "code"));
  form.title = rd.string(rd.required(obj, "title", where), Reader::join(where, "title"));
  const std::string sw = Reader::join(where, "sections");
  const auto sections = rd.array(rd.required(obj, "sections", where), sw);
  for (std::size_t i = 0; i < sections->size(); ++i) {
    const std::string at = Reader::at(sw, i);
    const auto s = rd.object(sections->get(i), at);
    rd.only_keys(s, {"key", "title", "required", "leaders_only"}, at);
    wf::SectionSpec spec;
    spec.key = rd.string(rd.required(s, "key", at), Reader::join(at, "key"));
    spec.title = rd.string(rd.required(s, "title", at), Reader::join(at, "title"));
    if (s->has("required"))
      spec.required = rd.boolean(s->get("required"), Reader::join(at, "required"));
    if (s->has("leaders_only")) {
      spec.leaders_only = rd.boolean(s->get("leaders_only"), Reader::join(at, "leaders_only"));
    }
    form.sections.push_back(std::move(spec));
  }
  return form;
}

std::optional<wf::VoteBase> parse_vote_base(std::string_view s) {
  if (s == "present") return wf::VoteBase::Present;
  if (s == "official_members") return wf::VoteBase::OfficialMembers;
  return std::nullopt;
}

std::string_view to_string(wf::VoteBase b) {
  return b == wf::VoteBase::Present ? "present" : "official_members";
}

void read_quota(const Reader& rd, const Var& v, wf::QuotaRule& q) {
  const auto obj = rd.object(v, "quota");
  rd.only_keys(obj,
               {"enabled", "htxs_percent_of_htt", "override_allowed", "exception_cap_percent",
                "exception_needs_decision"},
               "quota");
  if (obj->has("enabled")) q.enabled = rd.boolean(obj->get("enabled"), "quota.enabled");
  if (obj->has("htxs_percent_of_htt")) {
    q.htxs_percent_of_htt =
        rd.integer(obj->get("htxs_percent_of_htt"), "quota.htxs_percent_of_htt");
  }
  if (obj->has("override_allowed")) {
    q.override_allowed = rd.boolean(obj->get("override_allowed"), "quota.override_allowed");
  }
  if (obj->has("exception_cap_percent")) {
    q.exception_cap_percent =
        rd.integer(obj->get("exception_cap_percent"), "quota.exception_cap_percent");
  }
  if (obj->has("exception_needs_decision")) {
    q.exception_needs_decision =
        rd.boolean(obj->get("exception_needs_decision"), "quota.exception_needs_decision");
  }
}

void read_meeting(const Reader& rd, const Var& v, wf::MeetingRules& m) {
  const auto obj = rd.object(v, "meeting");
  rd.only_keys(obj, {"head_chairs_own_review"}, "meeting");
  if (obj->has("head_chairs_own_review")) {
    m.head_chairs_own_review =
        rd.boolean(obj->get("head_chairs_own_review"), "meeting.head_chairs_own_review");
  }
}

void read_rating_rules(const Reader& rd, const Var& v, wf::RatingRules& r) {
  const std::string w = "rating_rules";
  const auto obj = rd.object(v, w);
  rd.only_keys(obj,
               {"min_months_worked", "leave_cap_min_months", "leave_cap_max_months", "leave_cap",
                "maternity_exempt"},
               w);
  auto int_field = [&](const char* key, int& out) {
    if (obj->has(key)) out = rd.integer(obj->get(key), Reader::join(w, key));
  };
  int_field("min_months_worked", r.min_months_worked);
  int_field("leave_cap_min_months", r.leave_cap_min_months);
  int_field("leave_cap_max_months", r.leave_cap_max_months);
  if (obj->has("leave_cap")) {
    r.leave_cap =
        rd.named<wf::Rating>(obj->get("leave_cap"), w + ".leave_cap", &wf::parse_rating, "rating");
  }
  if (obj->has("maternity_exempt")) {
    r.maternity_exempt = rd.boolean(obj->get("maternity_exempt"), w + ".maternity_exempt");
  }
}

void read_deadlines(const Reader& rd, const Var& v, wf::DeadlineRules& d) {
  const std::string w = "deadlines";
  const auto obj = rd.object(v, w);
  rd.only_keys(obj,
               {"final_month", "final_day", "special_final_month", "special_final_day",
                "complaint_window_days", "stage_working_days"},
               w);
  auto int_field = [&](const char* key, int& out) {
    if (obj->has(key)) out = rd.integer(obj->get(key), Reader::join(w, key));
  };
  int_field("final_month", d.final_month);
  int_field("final_day", d.final_day);
  int_field("special_final_month", d.special_final_month);
  int_field("special_final_day", d.special_final_day);
  int_field("complaint_window_days", d.complaint_window_days);
  if (obj->has("stage_working_days")) {
    const std::string sw = w + ".stage_working_days";
    const auto days = rd.object(obj->get("stage_working_days"), sw);
    for (const auto& [key, value] : *days) {
      const std::string field = Reader::join(sw, key);
      const auto stage = wf::parse_stage(key);
      if (!stage) rd.fail(field, "unknown stage \"" + key + "\"");
      d.stage_working_days[*stage] = rd.integer(value, field);
    }
  }
}

// ---------------------------------------------------------------------------
// Writing: the same shape, keys in a fixed order so snapshots diff cleanly.

Object::Ptr threshold_json(const wf::Threshold& t) {
  auto o = ordered();
  o->set("num", t.num);
  o->set("den", t.den);
  o->set("strictly_greater", t.strictly_greater);
  return o;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw RegimeError(p.string() + ": cannot be read");
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

wf::Regime RegimeCatalog::parse(const std::string& json_text, const std::string& origin) {
  const Reader rd(origin);
  Var root;
  try {
    Poco::JSON::Parser parser;
    root = parser.parse(json_text);
  } catch (const Poco::Exception& e) {
    rd.fail("", "invalid JSON: " + e.displayText());
  }
  const auto obj = rd.object(root, "(document)");
  rd.only_keys(obj,
               {"id", "version", "title", "party", "groups", "applies_to", "stages", "forms",
                "quorum", "vote_rules", "meeting", "quota", "rating_rules", "deadlines", "scoring"},
               "");

  wf::Regime r;
  r.id = rd.string(rd.required(obj, "id", ""), "id");
  r.version = rd.integer(rd.required(obj, "version", ""), "version");
  r.title = rd.string(rd.required(obj, "title", ""), "title");
  if (obj->has("party")) r.party = rd.boolean(obj->get("party"), "party");

  const auto groups = rd.array(rd.required(obj, "groups", ""), "groups");
  for (std::size_t i = 0; i < groups->size(); ++i) {
    r.groups.push_back(
        rd.named<wf::Group>(groups->get(i), Reader::at("groups", i), &wf::parse_group, "group"));
  }
  if (obj->has("applies_to")) {
    r.applies_to = detail::read_applies_to(rd, obj->get("applies_to"), "applies_to");
  }
  const auto stages = rd.array(rd.required(obj, "stages", ""), "stages");
  for (std::size_t i = 0; i < stages->size(); ++i) {
    r.stages.push_back(
        rd.named<wf::Stage>(stages->get(i), Reader::at("stages", i), &wf::parse_stage, "stage"));
  }
  const auto forms = rd.object(rd.required(obj, "forms", ""), "forms");
  for (const auto& [key, value] : *forms) {
    const std::string field = "forms." + key;
    const auto group = wf::parse_group(key);
    if (!group) rd.fail(field, "unknown group \"" + key + "\"");
    r.forms[*group] = read_form(rd, value, field);
  }
  r.quorum = read_threshold(rd, rd.required(obj, "quorum", ""), "quorum");

  if (obj->has("vote_rules")) {
    const auto rules = rd.array(obj->get("vote_rules"), "vote_rules");
    for (std::size_t i = 0; i < rules->size(); ++i) {
      const std::string at = Reader::at("vote_rules", i);
      const auto o = rd.object(rules->get(i), at);
      rd.only_keys(o, {"rating", "threshold", "base"}, at);
      wf::VoteRule vr;
      vr.rating = rd.named<wf::Rating>(rd.required(o, "rating", at), at + ".rating",
                                       &wf::parse_rating, "rating");
      vr.threshold = read_threshold(rd, rd.required(o, "threshold", at), at + ".threshold");
      if (o->has("base")) {
        vr.base =
            rd.named<wf::VoteBase>(o->get("base"), at + ".base", &parse_vote_base, "vote base");
      }
      r.vote_rules.push_back(vr);
    }
  }
  if (obj->has("meeting")) read_meeting(rd, obj->get("meeting"), r.meeting);
  if (obj->has("quota")) read_quota(rd, obj->get("quota"), r.quota);
  if (obj->has("rating_rules")) read_rating_rules(rd, obj->get("rating_rules"), r.rating_rules);
  if (obj->has("deadlines")) read_deadlines(rd, obj->get("deadlines"), r.deadlines);
  if (obj->has("scoring")) r.scoring = detail::read_scoring(rd, obj->get("scoring"), "scoring");

  const auto problems = wf::validate(r);
  if (!problems.empty()) {
    std::string all;
    for (const auto& p : problems) all += (all.empty() ? "" : "; ") + p;
    rd.fail("", "invalid regime: " + all);
  }
  return r;
}

std::string RegimeCatalog::to_json(const wf::Regime& r) {
  auto root = ordered();
  root->set("id", r.id);
  root->set("version", r.version);
  root->set("title", r.title);
  root->set("party", r.party);
  Array::Ptr groups = new Array;
  for (auto g : r.groups) groups->add(std::string(wf::to_string(g)));
  root->set("groups", groups);
  if (!r.applies_to.empty()) root->set("applies_to", detail::applies_to_json(r.applies_to));
  Array::Ptr stages = new Array;
  for (auto s : r.stages) stages->add(std::string(wf::to_string(s)));
  root->set("stages", stages);

  auto forms = ordered();
  for (const auto& [group, form] : r.forms) {
    auto f = ordered();
    f->set("code", form.code);
    f->set("title", form.title);
    Array::Ptr sections = new Array;
    for (const auto& s : form.sections) {
      auto so = ordered();
      so->set("key", s.key);
      so->set("title", s.title);
      so->set("required", s.required);
      so->set("leaders_only", s.leaders_only);
      sections->add(so);
    }
    f->set("sections", sections);
    forms->set(std::string(wf::to_string(group)), f);
  }
  root->set("forms", forms);
  root->set("quorum", threshold_json(r.quorum));

  Array::Ptr rules = new Array;
  for (const auto& vr : r.vote_rules) {
    auto o = ordered();
    o->set("rating", std::string(wf::to_string(vr.rating)));
    o->set("threshold", threshold_json(vr.threshold));
    o->set("base", std::string(to_string(vr.base)));
    rules->add(o);
  }
  root->set("vote_rules", rules);

  auto meeting = ordered();
  meeting->set("head_chairs_own_review", r.meeting.head_chairs_own_review);
  root->set("meeting", meeting);

  auto quota = ordered();
  quota->set("enabled", r.quota.enabled);
  quota->set("htxs_percent_of_htt", r.quota.htxs_percent_of_htt);
  quota->set("override_allowed", r.quota.override_allowed);
  quota->set("exception_cap_percent", r.quota.exception_cap_percent);
  quota->set("exception_needs_decision", r.quota.exception_needs_decision);
  root->set("quota", quota);

  auto rr = ordered();
  rr->set("min_months_worked", r.rating_rules.min_months_worked);
  rr->set("leave_cap_min_months", r.rating_rules.leave_cap_min_months);
  rr->set("leave_cap_max_months", r.rating_rules.leave_cap_max_months);
  rr->set("leave_cap", std::string(wf::to_string(r.rating_rules.leave_cap)));
  rr->set("maternity_exempt", r.rating_rules.maternity_exempt);
  root->set("rating_rules", rr);

  auto d = ordered();
  d->set("final_month", r.deadlines.final_month);
  d->set("final_day", r.deadlines.final_day);
  d->set("special_final_month", r.deadlines.special_final_month);
  d->set("special_final_day", r.deadlines.special_final_day);
  d->set("complaint_window_days", r.deadlines.complaint_window_days);
  auto days = ordered();
  for (const auto& [stage, n] : r.deadlines.stage_working_days) {
    days->set(std::string(wf::to_string(stage)), n);
  }
  d->set("stage_working_days", days);
  root->set("deadlines", d);
  if (r.scoring) root->set("scoring", detail::scoring_json(*r.scoring));

  std::ostringstream out;
  root->stringify(out, 2);
  return out.str();
}

RegimeCatalog RegimeCatalog::load_dir(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw RegimeError(dir + ": not a directory");
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) throw RegimeError(dir + ": no regime file (*.json)");

  RegimeCatalog catalog;
  std::map<std::pair<std::string, int>, std::string> origin_of;
  for (const auto& path : files) {
    wf::Regime r = parse(read_file(path), path.string());
    auto key = std::make_pair(r.id, r.version);
    if (origin_of.count(key)) {
      throw RegimeError(path.string() + ": id/version: " + r.id + " v" + std::to_string(r.version) +
                        " is already defined in " + origin_of[key]);
    }
    origin_of[key] = path.string();
    catalog.regimes_.emplace(std::move(key), std::move(r));
  }
  return catalog;
}

const wf::Regime* RegimeCatalog::find(const std::string& id, int version) const {
  auto it = regimes_.find({id, version});
  return it == regimes_.end() ? nullptr : &it->second;
}

const wf::Regime* RegimeCatalog::latest(const std::string& id) const {
  const wf::Regime* best = nullptr;
  for (const auto& [key, regime] : regimes_) {
    if (key.first == id) best = &regime;  // map order: versions ascend
  }
  return best;
}

std::vector<const wf::Regime*> RegimeCatalog::latest_all() const {
  std::vector<const wf::Regime*> out;
  for (const auto& [key, regime] : regimes_) {
    if (!out.empty() && out.back()->id == key.first) {
      out.back() = &regime;  // map order: versions ascend within an id
    } else {
      out.push_back(&regime);
    }
  }
  return out;
}

}  // namespace kd::config
