#include "workflow/year_rating.hpp"

#include <algorithm>
#include <set>

namespace kd::wf {
namespace {

Refusal guard_failed(std::string code, std::string message, std::string field = {}) {
  return Refusal{RefusalKind::GuardFailed, std::move(code), std::move(message), std::move(field)};
}

std::string dmy(const Date& d) {
  return (d.day < 10 ? "0" : "") + std::to_string(d.day) + "/" + (d.month < 10 ? "0" : "") +
         std::to_string(d.month) + "/" + std::to_string(d.year);
}

struct PresenceEntry {
  PeriodPresence value;
  std::string_view name;
  std::string_view label;
};
constexpr PresenceEntry kPresence[] = {
    {PeriodPresence::Worked, "worked", "Có công tác"},
    {PeriodPresence::Absent, "absence", "Vắng mặt có lý do chính đáng"},
    {PeriodPresence::SickLeave, "sick_leave", "Nghỉ ốm"},
    {PeriodPresence::Maternity, "maternity", "Nghỉ thai sản"},
    {PeriodPresence::NotEmployed, "not_employed", "Chưa công tác hoặc đã thôi công tác"},
};

int level_rank(const std::vector<std::string>& levels, const std::string& level) {
  const auto it = std::find(levels.begin(), levels.end(), level);
  return it == levels.end() ? -1 : static_cast<int>(it - levels.begin());
}

bool listed(const KhtRules& rules, KhtGround g) {
  return std::find(rules.grounds.begin(), rules.grounds.end(), g) != rules.grounds.end();
}

std::string describe(const Violation& v) {
  // Recorded as a fact of the year, without its decision: what it was is all there is to say.
  if (v.reference.empty() && !v.summary.empty()) return v.summary;
  std::string s = v.reference.empty() ? std::string("(không số)") : v.reference;
  s += " ngày " + dmy(v.decided_on);
  if (!v.summary.empty()) s += ": " + v.summary;
  return s;
}

}  // namespace

std::string_view to_string(PeriodPresence p) {
  for (const auto& e : kPresence)
    if (e.value == p) return e.name;
  return "?";
}
std::optional<PeriodPresence> parse_period_presence(std::string_view s) {
  for (const auto& e : kPresence)
    if (e.name == s) return e.value;
  return std::nullopt;
}
std::string_view label_vi(PeriodPresence p) {
  for (const auto& e : kPresence)
    if (e.value == p) return e.label;
  return "?";
}

GroundsResult kht_grounds(int year, bool leader, const std::vector<Violation>& violations,
                          const KhtRules& rules) {
  GroundsResult out;
  const int min_rank = level_rank(rules.discipline_levels, rules.discipline_min_level);
  for (const auto& v : violations) {
    if (!listed(rules, v.ground)) continue;
    if (v.decided_on.year != year) continue;  // grounds count in the year they were decided
    if (v.ground == KhtGround::CorruptionInLedUnit && !leader) continue;
    if (v.ground == KhtGround::Discipline) {
      const int rank = level_rank(rules.discipline_levels, v.discipline_level);
      if (rank < 0) {
        out.refusals.push_back(
            guard_failed("discipline_level_unknown",
                         "Hình thức kỷ luật \"" + v.discipline_level + "\" (" + describe(v) +
                             ") không có trong danh mục hình thức kỷ luật của chế độ đánh giá.",
                         "violations"));
        continue;
      }
      if (rank < min_rank) {
        out.notes_vi.push_back("Hình thức kỷ luật \"" + v.discipline_level + "\" (" + describe(v) +
                               ") dưới mức \"" + rules.discipline_min_level +
                               "\": không là căn cứ xếp loại Không hoàn thành nhiệm vụ.");
        continue;
      }
    }
    if (rules.no_double_counting && v.counted_in_year && *v.counted_in_year != year) {
      out.notes_vi.push_back("Vi phạm " + describe(v) + " đã được tính khi xếp loại năm " +
                             std::to_string(*v.counted_in_year) +
                             ": không tính lại (mỗi vi phạm chỉ tính một lần).");
      continue;
    }
    out.applied.push_back(AppliedGround{
        v.ground, v.reference, std::string(label_vi(v.ground)) + " — " + describe(v) + "."});
  }
  return out;
}

YearResult rate_year(const YearInput& in, const ScoringRules& rules) {
  YearResult r;
  std::set<int> months_seen;
  std::string not_locked;
  Centi weighted = 0;
  std::vector<std::string> agencies;
  for (const auto& p : in.periods) {
    const std::string label = label_vi(p.ref);
    if (!is_valid(p.ref) || p.ref.year != in.year) {
      r.refusals.push_back(
          guard_failed("period_outside_year",
                       "Kỳ " + label + " không thuộc năm " + std::to_string(in.year) + ".",
                       "periods." + to_key(p.ref)));
      continue;
    }
    bool overlap = false;
    for (int m = p.ref.first_month(); m < p.ref.first_month() + p.ref.months(); ++m) {
      overlap = !months_seen.insert(m).second || overlap;
    }
    if (overlap) {
      r.refusals.push_back(guard_failed("periods_overlap",
                                        "Kỳ " + label + " trùng thời gian với một kỳ khác.",
                                        "periods." + to_key(p.ref)));
      continue;
    }
    if (p.presence != PeriodPresence::Worked) {
      r.notes_vi.push_back(label + ": " + std::string(label_vi(p.presence)) +
                           ", không tính vào điểm bình quân.");
      continue;
    }
    if (!p.locked || !p.total) {
      not_locked += (not_locked.empty() ? "" : ", ") + label;
      continue;
    }
    weighted += *p.total * p.ref.months();
    r.months_counted += p.ref.months();
    ++r.periods_counted;
    if (!p.agency.empty() &&
        std::find(agencies.begin(), agencies.end(), p.agency) == agencies.end())
      agencies.push_back(p.agency);
  }
  if (!not_locked.empty()) {
    r.refusals.insert(
        r.refusals.begin(),
        guard_failed("period_not_locked",
                     "Các kỳ chưa được chấm điểm và khóa kết quả: " + not_locked + ".", "periods"));
  }
  if (!r.refusals.empty()) return r;

  if (agencies.size() > 1) {
    std::string list;
    for (const auto& a : agencies) list += (list.empty() ? "" : ", ") + a;
    r.notes_vi.push_back(
        "Điểm các kỳ do nhiều cơ quan theo dõi, đánh giá (điều động, chuyển công "
        "tác): " +
        list + ".");
  }
  if (r.periods_counted < rules.year.min_periods_worked) {
    r.rated = false;
    r.notes_vi.push_back("Không có đủ kỳ công tác thực tế trong năm (" +
                         std::to_string(r.periods_counted) + " kỳ, cần ít nhất " +
                         std::to_string(rules.year.min_periods_worked) +
                         "): không xếp loại chất lượng.");
    return r;
  }
  r.rated = true;
  r.score = mul_div_round(weighted, 1, r.months_counted);
  r.by_score = rules.band_of(r.score);
  r.rating = r.by_score;
  GroundsResult grounds = kht_grounds(in.year, in.leader, in.violations, rules.kht);
  if (!grounds.refusals.empty()) {
    r.refusals = std::move(grounds.refusals);
    return r;
  }
  r.grounds = std::move(grounds.applied);
  for (auto& n : grounds.notes_vi) r.notes_vi.push_back(std::move(n));
  if (!r.grounds.empty()) r.rating = Rating::KHT;
  return r;
}

RatingBounds bounds_from_year(const YearResult& y) {
  RatingBounds b;
  if (!y.rated) {
    b.rated = false;
    b.reasons_vi = y.notes_vi;
    if (b.reasons_vi.empty()) b.reasons_vi.push_back("Không có kỳ công tác thực tế trong năm.");
    return b;
  }
  b.best = y.rating;
  b.worst = y.rating;
  b.reasons_vi.push_back("Điểm bình quân các kỳ " + format_centi_fixed(y.score) + ": mức " +
                         std::string(label_vi(y.by_score)) + ".");
  for (const auto& g : y.grounds) {
    b.reasons_vi.push_back("Xếp loại Không hoàn thành nhiệm vụ do: " + g.text_vi);
  }
  return b;
}

std::vector<Violation> violations_from_facts(int year, const YearFacts& facts,
                                             const KhtRules& rules) {
  std::vector<Violation> out;
  const Date decided{year, 1, 1};
  if (facts.disciplined) {
    Violation v;
    v.ground = KhtGround::Discipline;
    v.discipline_level = rules.discipline_min_level;
    v.decided_on = decided;
    v.summary = "bị xử lý kỷ luật trong năm đánh giá";
    out.push_back(v);
  }
  if (facts.degradation_finding) {
    Violation v;
    v.ground = KhtGround::Degradation;
    v.decided_on = decided;
    v.summary = "có kết luận suy thoái về tư tưởng chính trị, đạo đức, lối sống";
    out.push_back(v);
  }
  if (facts.corruption_in_unit) {
    Violation v;
    v.ground = KhtGround::CorruptionInLedUnit;
    v.decided_on = decided;
    v.summary = "đơn vị thuộc phạm vi phụ trách xảy ra tham nhũng, lãng phí";
    out.push_back(v);
  }
  return out;
}

YearBinding bind_year(const YearResult& y, Action action) {
  YearBinding b;
  const bool rates = action == Action::GiveOpinion || action == Action::Decide ||
                     action == Action::ResolveComplaint;
  if (y.refusals.empty()) {
    b.bounds = bounds_from_year(y);
  } else if (rates) {
    b.refusals = y.refusals;
  }
  return b;
}

}  // namespace kd::wf
