#include "workflow/rating_rules.hpp"

#include "workflow/text_policy.hpp"

namespace kd::wf {
namespace {

std::string n(int v) { return std::to_string(v); }

std::string fraction(const Threshold& t) { return n(t.num) + "/" + n(t.den); }

Refusal guard_failed(std::string code, std::string message, std::string field = {}) {
  return Refusal{RefusalKind::GuardFailed, std::move(code), std::move(message), std::move(field)};
}

// The worse (lower) of two ratings.
Rating worse(Rating a, Rating b) { return better_than(a, b) ? b : a; }

}  // namespace

RatingBounds rating_bounds(const Person& person, const YearFacts& f, const RatingRules& rules) {
  RatingBounds b;
  const bool maternity_excused = f.maternity && rules.maternity_exempt;
  if (f.months_worked < rules.min_months_worked && !maternity_excused) {
    b.rated = false;
    b.reasons_vi.push_back("Thời gian công tác trong năm " + n(f.months_worked) + " tháng, dưới " +
                           n(rules.min_months_worked) +
                           " tháng: không đánh giá, xếp loại (chỉ viết bản tự kiểm điểm).");
    return b;
  }
  if (f.disciplined) {
    b.best = Rating::KHT;
    b.reasons_vi.push_back(
        "Bị kỷ luật trong năm đánh giá: chỉ được xếp loại Không hoàn thành nhiệm vụ.");
  }
  if (f.degradation_finding) {
    b.best = Rating::KHT;
    b.reasons_vi.push_back(
        "Có kết luận suy thoái về tư tưởng chính trị, đạo đức, lối sống: chỉ được xếp loại Không "
        "hoàn thành nhiệm vụ.");
  }
  if (person.leader && f.corruption_in_unit) {
    b.best = Rating::KHT;
    b.reasons_vi.push_back(
        "Để xảy ra tham nhũng, lãng phí tại đơn vị trực tiếp quản lý: chỉ được xếp loại Không hoàn "
        "thành nhiệm vụ.");
  }
  if (f.leave_months >= rules.leave_cap_min_months && f.leave_months < rules.leave_cap_max_months &&
      better_than(b.best, rules.leave_cap)) {
    b.best = worse(b.best, rules.leave_cap);
    b.reasons_vi.push_back("Nghỉ " + n(f.leave_months) + " tháng trong năm (từ " +
                           n(rules.leave_cap_min_months) + " đến dưới " +
                           n(rules.leave_cap_max_months) + " tháng): không xếp loại cao hơn " +
                           std::string(label_vi(rules.leave_cap)) + ".");
  }
  return b;
}

Refusals check_rating(Rating r, const RatingBounds& b) {
  if (!b.rated) {
    return {guard_failed("not_rated",
                         "Người này không được xếp loại trong năm: " +
                             (b.reasons_vi.empty() ? std::string() : b.reasons_vi.front()),
                         "rating")};
  }
  std::string why;
  if (better_than(b.worst, r)) {
    for (const auto& reason : b.reasons_vi) why += " " + reason;
    return {guard_failed("rating_not_allowed",
                         "Không thể xếp loại " + std::string(label_vi(r)) + " (" +
                             std::string(to_string(r)) +
                             "); mức thấp nhất theo kết quả chấm điểm là " +
                             std::string(label_vi(b.worst)) + "." + why,
                         "rating")};
  }
  if (!better_than(r, b.best)) return {};
  for (const auto& reason : b.reasons_vi) why += " " + reason;
  return {guard_failed("rating_not_allowed",
                       "Không thể xếp loại " + std::string(label_vi(r)) + " (" +
                           std::string(to_string(r)) + "); mức cao nhất được phép là " +
                           std::string(label_vi(b.best)) + "." + why,
                       "rating")};
}

int minimum_count(const Threshold& t, int base) {
  if (t.den <= 0 || base <= 0) return 0;
  const long long product = static_cast<long long>(t.num) * base;
  const long long floor_q = product / t.den;
  if (t.strictly_greater) return static_cast<int>(floor_q + 1);
  return static_cast<int>(product % t.den == 0 ? floor_q : floor_q + 1);
}

Refusals check_quorum(const MeetingRecord& m, const Regime& regime) {
  if (m.summoned <= 0 || m.present < 0 || m.present > m.summoned) {
    return {guard_failed("invalid_attendance",
                         "Số người triệu tập (" + n(m.summoned) + ") và có mặt (" + n(m.present) +
                             ") không hợp lệ: cần triệu tập ít nhất 1 người và số có mặt không "
                             "vượt quá số triệu tập.",
                         "meeting.present")};
  }
  if (meets(regime.quorum, m.present, m.summoned)) return {};
  return {guard_failed("no_quorum",
                       "Có mặt " + n(m.present) + "/" + n(m.summoned) + " thành viên, chưa đủ " +
                           (regime.quorum.strictly_greater ? "trên " : "") +
                           fraction(regime.quorum) + " (cần ít nhất " +
                           n(minimum_count(regime.quorum, m.summoned)) + ").",
                       "meeting.present")};
}

Refusals check_votes(const MeetingRecord& m) {
  const VoteCounts& v = m.votes;
  if (v.in_favour < 0 || v.against < 0 || v.abstain < 0) {
    return {guard_failed("invalid_votes", "Số phiếu không được âm.", "meeting.votes")};
  }
  const int total = v.in_favour + v.against + v.abstain;
  if (total > m.present) {
    return {guard_failed("invalid_votes",
                         "Tổng số phiếu (" + n(v.in_favour) + " tán thành + " + n(v.against) +
                             " không tán thành + " + n(v.abstain) + " không biểu quyết = " +
                             n(total) + ") vượt quá số người có mặt (" + n(m.present) + ").",
                         "meeting.votes")};
  }
  return {};
}

Refusals check_vote_rule(const MeetingRecord& m, const Regime& regime) {
  if (!m.proposed_rating) {
    return {guard_failed("rating_required", "Biên bản họp chưa ghi mức xếp loại đề xuất.",
                         "meeting.proposed_rating")};
  }
  for (const auto& rule : regime.vote_rules) {
    if (rule.rating != *m.proposed_rating) continue;
    const bool official = rule.base == VoteBase::OfficialMembers;
    const int base =
        official ? (m.official_members > 0 ? m.official_members : m.summoned) : m.present;
    if (meets(rule.threshold, m.votes.in_favour, base)) continue;
    return {guard_failed("vote_rule_not_met",
                         "Mức " + std::string(label_vi(rule.rating)) + " cần " +
                             (rule.threshold.strictly_greater ? "trên " : "ít nhất ") +
                             fraction(rule.threshold) + " số phiếu tán thành trên tổng số " +
                             (official ? "đảng viên chính thức" : "người có mặt") + " (" + n(base) +
                             ", tức ít nhất " + n(minimum_count(rule.threshold, base)) +
                             " phiếu); mới có " + n(m.votes.in_favour) + " phiếu tán thành.",
                         "meeting.votes.in_favour")};
  }
  return {};
}

Refusals check_meeting(const MeetingRecord& m, const Regime& regime) {
  Refusals out = check_quorum(m, regime);
  for (auto& r : check_votes(m)) out.push_back(std::move(r));
  for (auto& r : check_vote_rule(m, regime)) out.push_back(std::move(r));
  return out;
}

const FormSpec& form_of(const Regime& regime, const Person& person) {
  auto it = regime.forms.find(person.group);
  if (it != regime.forms.end()) return it->second;
  if (regime.party) return regime.form_for(Group::DangVien);
  return regime.form_for(person.group);  // throws: a configuration error
}

std::vector<SectionSpec> missing_sections(const FormContent& form, const Person& person,
                                          const Regime& regime) {
  std::vector<SectionSpec> out;
  for (const auto& s : form_of(regime, person).sections) {
    if (!s.required || (s.leaders_only && !person.leader)) continue;
    auto it = form.sections.find(s.key);
    if (it == form.sections.end() || is_blank(it->second)) out.push_back(s);
  }
  return out;
}

Refusals check_form(const FormContent& form, const Person& person, const Regime& regime) {
  const auto missing = missing_sections(form, person, regime);
  if (missing.empty()) return {};
  std::string titles, keys;
  for (const auto& s : missing) {
    titles += (titles.empty() ? "" : "; ") + s.title;
    keys += (keys.empty() ? "sections." : ",sections.") + s.key;
  }
  return {guard_failed("missing_sections",
                       "Chưa điền " + n(static_cast<int>(missing.size())) +
                           " mục bắt buộc của phiếu: " + titles + ".",
                       keys)};
}

}  // namespace kd::wf
