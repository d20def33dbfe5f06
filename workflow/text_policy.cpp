#include "workflow/text_policy.hpp"

#include <set>

#include "workflow/rating_rules.hpp"
#include "workflow/utf8.hpp"

namespace kd::wf {
namespace {

struct Range {
  char32_t first, last;
};

// Unicode 15 (ICU 72, Debian 12): White_Space, general categories Cc and Cf. A unit test
// compares this table with ICU for every code point.
constexpr Range kBlank[] = {
    {0x0000, 0x0020},   {0x007F, 0x00A0},   {0x00AD, 0x00AD},   {0x0600, 0x0605},
    {0x061C, 0x061C},   {0x06DD, 0x06DD},   {0x070F, 0x070F},   {0x0890, 0x0891},
    {0x08E2, 0x08E2},   {0x1680, 0x1680},   {0x180E, 0x180E},   {0x2000, 0x200F},
    {0x2028, 0x202F},   {0x205F, 0x2064},   {0x2066, 0x206F},   {0x3000, 0x3000},
    {0xFEFF, 0xFEFF},   {0xFFF9, 0xFFFB},   {0x110BD, 0x110BD}, {0x110CD, 0x110CD},
    {0x13430, 0x1343F}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A}, {0xE0001, 0xE0001},
    {0xE0020, 0xE007F},
};

Refusal guard_failed(std::string code, std::string message, std::string field) {
  return Refusal{RefusalKind::GuardFailed, std::move(code), std::move(message), std::move(field)};
}

std::string kind_name_vi(TextKind kind) {
  switch (kind) {
    case TextKind::Long:
      return "Mỗi mục nội dung";
    case TextKind::Reason:
      return "Lý do";
    case TextKind::Short:
      return "Tên, địa điểm hoặc ghi chú ngắn";
  }
  return "Nội dung";
}

// The texts of a form and of a request, for the mutable and the const visitors alike.
template <class Form, class Visit>
void visit_form(Form& form, const Visit& visit, const std::string& prefix) {
  for (auto& [key, text] : form.sections) visit(TextKind::Long, text, prefix + "sections." + key);
  visit(TextKind::Long, form.strengths, prefix + "strengths");
  visit(TextKind::Long, form.weaknesses, prefix + "weaknesses");
}

template <class Request, class Visit>
void visit_request(Request& r, const Visit& visit) {
  if (r.form) visit_form(*r.form, visit, "form.");
  if (r.meeting) {
    auto& m = *r.meeting;
    visit(TextKind::Short, m.place, "meeting.place");
    for (std::size_t i = 0; i < m.absent.size(); ++i) {
      const std::string at = "meeting.absent[" + std::to_string(i) + "].";
      visit(TextKind::Short, m.absent[i].name, at + "name");
      visit(TextKind::Short, m.absent[i].reason, at + "reason");
    }
    for (std::size_t i = 0; i < m.comments.size(); ++i) {
      const std::string at = "meeting.comments[" + std::to_string(i) + "].";
      visit(TextKind::Short, m.comments[i].author, at + "author");
      visit(TextKind::Long, m.comments[i].text, at + "text");
    }
    visit(TextKind::Long, m.conclusion, "meeting.conclusion");
  }
  if (r.opinion) visit(TextKind::Long, r.opinion->comments, "opinion.comments");
  visit(TextKind::Reason, r.reason, "reason");
  visit(TextKind::Short, r.quota_decision, "quota_decision");
}

}  // namespace

std::size_t max_chars(TextKind kind) {
  switch (kind) {
    case TextKind::Long:
      return kMaxLongChars;
    case TextKind::Reason:
      return kMaxReasonChars;
    case TextKind::Short:
      return kMaxShortChars;
  }
  return kMaxShortChars;
}

bool is_blank_code_point(char32_t cp) {
  for (const Range& r : kBlank) {
    if (cp < r.first) return false;
    if (cp <= r.last) return true;
  }
  return false;
}

bool is_blank(std::string_view utf8) {
  for (std::size_t i = 0; i < utf8.size();) {
    if (!is_blank_code_point(next_code_point(utf8, &i))) return false;
  }
  return true;
}

Refusals text_length_refusals(TextKind kind, std::string_view text, const std::string& field) {
  // Cheap first: a text of at most max_chars bytes has at most max_chars characters.
  if (text.size() <= max_chars(kind) || code_points(text) <= max_chars(kind)) return {};
  return {guard_failed("text_too_long",
                       kind_name_vi(kind) + " dài tối đa " + std::to_string(max_chars(kind)) +
                           " ký tự; \"" + field + "\" có " + std::to_string(code_points(text)) +
                           " ký tự.",
                       field)};
}

void for_each_text(FormContent& form, const TextVisitor& visit, const std::string& prefix) {
  visit_form(form, visit, prefix);
}
void for_each_text(const FormContent& form, const ConstTextVisitor& visit,
                   const std::string& prefix) {
  visit_form(form, visit, prefix);
}
void for_each_text(ActionRequest& request, const TextVisitor& visit) {
  visit_request(request, visit);
}
void for_each_text(const ActionRequest& request, const ConstTextVisitor& visit) {
  visit_request(request, visit);
}

Refusals text_refusals(const ActionRequest& request) {
  Refusals out;
  for_each_text(request, [&](TextKind kind, const std::string& text, const std::string& field) {
    for (auto& r : text_length_refusals(kind, text, field)) out.push_back(std::move(r));
  });
  return out;
}

Refusals form_policy_refusals(const FormContent& form, const Person& person, const Regime& regime) {
  std::set<std::string> keys;
  for (const auto& s : form_of(regime, person).sections) {
    if (!s.leaders_only || person.leader) keys.insert(s.key);
  }
  Refusals out;
  for (const auto& [key, text] : form.sections) {
    if (keys.count(key)) continue;
    out.push_back(guard_failed(
        "unknown_section",
        "Mục \"" + utf8_prefix(key, 64) + "\" không có trong phiếu của người được đánh giá.",
        "form.sections." + key));
  }
  std::size_t total = 0;
  for_each_text(form, [&](TextKind kind, const std::string& text, const std::string& field) {
    total += code_points(text);
    for (auto& r : text_length_refusals(kind, text, field)) out.push_back(std::move(r));
  });
  if (total > kMaxFormChars) {
    out.push_back(guard_failed("form_too_long",
                               "Toàn bộ phiếu dài tối đa " + std::to_string(kMaxFormChars) +
                                   " ký tự; phiếu này có " + std::to_string(total) + " ký tự.",
                               "form"));
  }
  return out;
}

Refusals override_refusals(bool override_requested, std::string_view reason,
                           const std::string& field) {
  if (!override_requested || !is_blank(reason)) return {};
  return {guard_failed("override_reason_required",
                       "Vượt hạn mức xếp loại Hoàn thành xuất sắc nhiệm vụ phải ghi rõ lý do.",
                       field)};
}

}  // namespace kd::wf
