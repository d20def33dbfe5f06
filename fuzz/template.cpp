// Document templates (services/documents: the model builder and the mustache templates of
// templates/) filled with untrusted field values: what people type into forms, minutes and
// opinions, and the names in the directory. Input: a document kind, a regime and flags,
// then field values separated by 0x1F. Besides crashes, the property checked is that no
// value adds markup: the HTML has exactly as many '<' as when every character that could
// start or end markup in the values is replaced by a letter.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "services/codec/json_codec.hpp"
#include "services/config/regime_catalog.hpp"
#include "services/documents/document_model.hpp"
#include "services/documents/template_set.hpp"

namespace {

namespace docs = kd::documents;
namespace wf = kd::wf;

struct Fixture {
  docs::TemplateSet templates;
  std::vector<wf::Regime> regimes;
};

const Fixture& fixture() {
  static const Fixture f = [] {
    Fixture x{docs::TemplateSet::load(std::string(KD_SOURCE_DIR) + "/templates"), {}};
    const auto catalog =
        kd::config::RegimeCatalog::load_dir(std::string(KD_SOURCE_DIR) + "/config/regimes");
    for (const auto& [key, regime] : catalog.all()) x.regimes.push_back(regime);
    return x;
  }();
  return f;
}

// The values, taken in turn (empty when they run out).
struct Values {
  std::vector<std::string> items;
  std::size_t next = 0;
  std::string take() { return next < items.size() ? items[next++] : std::string(); }
};

docs::DocumentInput input_of(std::uint8_t kind, std::uint8_t regime, std::uint8_t flags,
                             Values& v) {
  const auto& f = fixture();
  docs::DocumentInput in;
  in.kind = docs::all_document_kinds()[kind % docs::all_document_kinds().size()];
  in.regime = f.regimes[regime % f.regimes.size()];
  in.campaign.id = 1;
  in.campaign.year = 2026;
  in.campaign.name = v.take();
  in.campaign.regime_id = in.regime.id;
  in.unit_path = {{1, std::nullopt, "UBND", v.take(), "co_quan"},
                  {2, 1, "SNV", v.take(), "co_quan"},
                  {3, 2, "SNV-TCCB", v.take(), "don_vi"}};
  in.place = v.take();
  in.number = flags & 1 ? 7 : 0;
  in.issued_at = wf::TimePoint(std::chrono::seconds(1767571200));
  in.actor_id = 9;
  for (wf::Id id : {9, 10, 11})
    in.people[id] =
        wf::Person{id, v.take(), 3, wf::Group::CongChuc, (flags & 2) != 0, id == 9, v.take(), ""};
  const std::size_t reviews =
      in.kind == docs::DocumentKind::Decision || in.kind == docs::DocumentKind::PublicList
          ? 1 + (flags >> 6)
          : 1;
  const wf::Group groups[] = {wf::Group::CanBo, wf::Group::CongChuc, wf::Group::VienChuc};
  for (std::size_t i = 0; i < reviews; ++i) {
    docs::ReviewSubject s;
    s.review.id = static_cast<wf::Id>(100 + i);
    s.person = wf::Person{
        static_cast<wf::Id>(50 + i), v.take(), 3, groups[(flags >> 2) % 3], (flags & 2) != 0,
        (flags & 16) != 0,           v.take(), ""};
    s.unit_name = v.take();
    wf::FormContent form;
    const auto spec = in.regime.forms.find(s.person.group);
    if (spec != in.regime.forms.end())
      for (const auto& section : spec->second.sections) form.sections[section.key] = v.take();
    form.self_rating = wf::Rating::HTT;
    form.strengths = v.take();
    form.weaknesses = v.take();
    s.review.form = form;
    wf::MeetingRecord m;
    m.date = {2026, 1, 5};
    m.place = v.take();
    m.chair_id = 10;
    m.secretary_id = 11;
    m.summoned = 9;
    m.present = 8;
    m.absent = {{v.take(), v.take()}};
    m.comments = {{v.take(), v.take()}, {v.take(), v.take()}};
    m.proposed_rating = wf::Rating::HTT;
    m.votes = {7, 1, 0};
    m.conclusion = v.take();
    s.review.meeting = m;
    s.review.opinion = wf::Opinion{9, v.take(), wf::Rating::HTT};
    s.review.final_rating = (flags & 32) ? wf::Rating::HTXS : wf::Rating::HT;
    in.reviews.push_back(std::move(s));
  }
  return in;
}

std::size_t count_markup(const std::string& html) {
  std::size_t n = 0;
  for (char c : html) n += c == '<';
  return n;
}

std::string render(std::uint8_t kind, std::uint8_t regime, std::uint8_t flags, Values v) {
  const auto in = input_of(kind, regime, flags, v);
  return fixture().templates.render(docs::template_name(in), docs::build_model(in));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 3, size - 3);
  // People type UTF-8 (the API refuses anything else).
  if (!kd::codec::is_valid_utf8(text)) return 0;
  Values values, plain;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = text.find('\x1f', start);
    values.items.push_back(text.substr(start, end == std::string::npos ? end : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  for (std::string s : values.items) {
    for (char& c : s)
      if (c == '<' || c == '>' || c == '&' || c == '"' || c == '\'' || c == '{' || c == '}')
        c = 'x';
    plain.items.push_back(s);
  }
  const std::string html = render(data[0], data[1], data[2], values);
  const std::string reference = render(data[0], data[1], data[2], plain);
  if (count_markup(html) != count_markup(reference)) __builtin_trap();
  return 0;
}
