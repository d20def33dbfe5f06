#include "workflow/party_scoring.hpp"

namespace kd::wf {
namespace {

Refusal guard_failed(std::string code, std::string message, std::string field = {}) {
  return Refusal{RefusalKind::GuardFailed, std::move(code), std::move(message), std::move(field)};
}

// part / whole ≥ percent %, exactly; an empty whole meets any minimum.
bool at_least(int part, int whole, int percent) {
  return whole <= 0 ||
         static_cast<long long>(part) * 100 >= static_cast<long long>(percent) * whole;
}
bool at_most(int part, int whole, int percent) {
  return whole <= 0 ||
         static_cast<long long>(part) * 100 <= static_cast<long long>(percent) * whole;
}

std::string share(int part, int whole) {
  return std::to_string(part) + "/" + std::to_string(whole);
}

// The unmet conditions of one band for one sheet, as sentences.
std::vector<std::string> unmet(const ScoringRules& rules, Rating rating, const std::string& sheet,
                               const PartyFacts& f) {
  std::vector<std::string> out;
  const std::string band = std::string(to_string(rating)) + ": ";
  for (const auto& c : rules.conditions) {
    if (c.rating != rating || (!c.sheet.empty() && c.sheet != sheet)) continue;
    const TaskCounts& t = f.tasks;
    if (c.tasks_done_min_percent && !at_least(t.done, t.total, *c.tasks_done_min_percent)) {
      out.push_back(band + "hoàn thành " + share(t.done, t.total) + " nhiệm vụ, cần ít nhất " +
                    std::to_string(*c.tasks_done_min_percent) + "%.");
    }
    if (c.tasks_on_time_min_percent &&
        !at_least(t.on_time, t.total, *c.tasks_on_time_min_percent)) {
      out.push_back(band + "hoàn thành đúng tiến độ, bảo đảm chất lượng, hiệu quả " +
                    share(t.on_time, t.total) + " nhiệm vụ, cần ít nhất " +
                    std::to_string(*c.tasks_on_time_min_percent) + "%.");
    }
    if (c.tasks_exceeded_min_percent &&
        !at_least(t.exceeded, t.total, *c.tasks_exceeded_min_percent)) {
      out.push_back(band + "vượt kế hoạch " + share(t.exceeded, t.total) +
                    " nhiệm vụ, cần ít nhất " + std::to_string(*c.tasks_exceeded_min_percent) +
                    "%.");
    }
    if (c.tasks_late_max_percent &&
        !at_most(t.total - t.on_time, t.total, *c.tasks_late_max_percent)) {
      out.push_back(band + share(t.total - t.on_time, t.total) +
                    " nhiệm vụ không bảo đảm tiến độ, tối đa " +
                    std::to_string(*c.tasks_late_max_percent) + "%.");
    }
    if (c.shortcomings_fixed_min_percent &&
        !at_least(f.shortcomings_fixed, f.shortcomings_total, *c.shortcomings_fixed_min_percent)) {
      out.push_back(band + "khắc phục " + share(f.shortcomings_fixed, f.shortcomings_total) +
                    " hạn chế, khuyết điểm đã được chỉ ra, cần ít nhất " +
                    std::to_string(*c.shortcomings_fixed_min_percent) + "%.");
    }
    if (c.led_unit_on_time_min_percent || c.led_unit_exceeded_min_percent) {
      if (!f.led_unit) {
        out.push_back(band + "chưa có kết quả của địa phương, cơ quan, đơn vị trực tiếp lãnh đạo.");
      } else {
        const TaskCounts& u = *f.led_unit;
        if (c.led_unit_on_time_min_percent &&
            !at_least(u.on_time, u.total, *c.led_unit_on_time_min_percent)) {
          out.push_back(band + "đơn vị trực tiếp lãnh đạo hoàn thành đúng tiến độ " +
                        share(u.on_time, u.total) + " nhiệm vụ, cần ít nhất " +
                        std::to_string(*c.led_unit_on_time_min_percent) + "%.");
        }
        if (c.led_unit_exceeded_min_percent &&
            !at_least(u.exceeded, u.total, *c.led_unit_exceeded_min_percent)) {
          out.push_back(band + "đơn vị trực tiếp lãnh đạo vượt kế hoạch " +
                        share(u.exceeded, u.total) + " nhiệm vụ, cần ít nhất " +
                        std::to_string(*c.led_unit_exceeded_min_percent) + "%.");
        }
      }
    }
    if (c.no_discipline_in_subordinates && f.subordinate_disciplined) {
      out.push_back(band + "có tổ chức trực thuộc hoặc thành viên bị xử lý kỷ luật trong năm.");
    }
  }
  return out;
}

Refusals check_counts(const TaskCounts& t, const std::string& field) {
  Refusals out;
  if (t.total < 0 || t.done < 0 || t.on_time < 0 || t.exceeded < 0 || t.done > t.total ||
      t.on_time > t.done || t.exceeded > t.done) {
    out.push_back(guard_failed("task_counts_invalid",
                               "Số liệu nhiệm vụ không hợp lệ: cần 0 ≤ đúng tiến độ ≤ hoàn thành "
                               "≤ tổng số và số vượt kế hoạch ≤ số hoàn thành.",
                               field));
  }
  return out;
}

}  // namespace

Refusals check_party_facts(const PartyFacts& f) {
  Refusals out = check_counts(f.tasks, "tasks");
  if (f.led_unit) {
    for (auto& r : check_counts(*f.led_unit, "led_unit")) out.push_back(std::move(r));
  }
  if (f.shortcomings_total < 0 || f.shortcomings_fixed < 0 ||
      f.shortcomings_fixed > f.shortcomings_total) {
    out.push_back(guard_failed("shortcomings_invalid",
                               "Số hạn chế, khuyết điểm đã khắc phục phải từ 0 đến tổng số đã "
                               "được chỉ ra.",
                               "shortcomings"));
  }
  return out;
}

PartyRating rate_party(Centi score, const std::string& sheet, const PartyFacts& facts, int year,
                       bool leader, const std::vector<Violation>& violations,
                       const ScoringRules& rules) {
  PartyRating r;
  r.score = score;
  r.refusals = check_party_facts(facts);
  if (!r.refusals.empty()) return r;
  r.by_points = rules.band_of(score);
  r.rating = Rating::KHT;
  for (const auto& band : rules.bands) {  // best first
    if (better_than(band.rating, r.by_points)) continue;
    if (band.rating == Rating::KHT) break;
    auto why = unmet(rules, band.rating, sheet, facts);
    if (why.empty()) {
      r.rating = band.rating;
      break;
    }
    for (auto& w : why) r.unmet_vi.push_back(std::move(w));
  }
  GroundsResult grounds = kht_grounds(year, leader, violations, rules.kht);
  if (!grounds.refusals.empty()) {
    r.refusals = std::move(grounds.refusals);
    return r;
  }
  r.grounds = std::move(grounds.applied);
  r.notes_vi = std::move(grounds.notes_vi);
  if (!r.grounds.empty()) r.rating = Rating::KHT;
  return r;
}

}  // namespace kd::wf
