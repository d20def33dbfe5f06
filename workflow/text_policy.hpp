// What text people type may be: one policy for every route that takes text (an action, its
// check, a draft, a batch, a campaign), so a draft and the submitted form, a check and the
// action, can never disagree.
//
//   - Every text is stored in Unicode Normalization Form C. The domain does not normalise
//     (that needs Unicode data): the application does it, through for_each_text below, before
//     any rule runs, so lengths and blankness are those of the NFC text.
//   - A required text (a reason, a required section of the form) is blank when nothing is left
//     after removing Unicode white space (White_Space), control (Cc) and format (Cf)
//     characters: "\u0000", "\u200b" and "\u00a0" alone are no reason.
//   - One length limit per kind of text, counted in characters (code points of the NFC text).
//   - A form holds only the sections of the person's form.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "workflow/refusal.hpp"
#include "workflow/review_machine.hpp"

namespace kd::wf {

enum class TextKind {
  Long,    // a section of the form, strengths, weaknesses, the head's comments, the meeting's
           // comments and conclusion
  Reason,  // why a file is returned, a complaint, how it was resolved, a quota exception
  Short,   // a name, a place, the reason of an absence, a campaign's name
};

inline constexpr std::size_t kMaxLongChars = 20000;
inline constexpr std::size_t kMaxReasonChars = 5000;
inline constexpr std::size_t kMaxShortChars = 500;
// The whole form (every section, strengths and weaknesses together).
inline constexpr std::size_t kMaxFormChars = 60000;

std::size_t max_chars(TextKind);

// White space, control or format character (see above).
bool is_blank_code_point(char32_t);
// Nothing but such characters (or nothing at all).
bool is_blank(std::string_view utf8);

// "text_too_long" (field named) when the text is longer than its kind allows; else empty.
Refusals text_length_refusals(TextKind, std::string_view text, const std::string& field);

// Every text of a form / of an action's request, with its kind and its field path as the API
// names it ("form.sections.chinh_tri_tu_tuong", "meeting.comments[1].text", "reason"). The
// mutable forms let the application normalise each text in place.
using TextVisitor = std::function<void(TextKind, std::string& text, const std::string& field)>;
using ConstTextVisitor =
    std::function<void(TextKind, const std::string& text, const std::string& field)>;
void for_each_text(FormContent&, const TextVisitor&, const std::string& prefix = "form.");
void for_each_text(const FormContent&, const ConstTextVisitor&,
                   const std::string& prefix = "form.");
void for_each_text(ActionRequest&, const TextVisitor&);
void for_each_text(const ActionRequest&, const ConstTextVisitor&);

// Every text of the request within its limit ("text_too_long" per field).
Refusals text_refusals(const ActionRequest&);

// The form policy, for a draft and for the submitted form alike: only the sections of the
// person's form ("unknown_section"), each text within its limit ("text_too_long"), the whole
// form within kMaxFormChars ("form_too_long"). Whether the required sections are filled is the
// submit guard's (check_form): a draft may be incomplete.
Refusals form_policy_refusals(const FormContent&, const Person&, const Regime&);

// An exception to the HTXS quota needs a reason: "override_reason_required" when it is
// requested with a blank one. The single decision, the batch and their previews ask this.
Refusals override_refusals(bool override_requested, std::string_view reason,
                           const std::string& field = "reason");

}  // namespace kd::wf
