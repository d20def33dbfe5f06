// The period form of Nghị định 335/2025, Mẫu số 01 "PHIẾU THEO DÕI, ĐÁNH GIÁ CÔNG CHỨC": the
// general criteria with the person's and the evaluator's points, a–e in %, the task score, the
// total, strengths, shortcomings, the evaluator's comment and the two signatures, followed by
// the list of the period's tasks the task score was computed from. Model built by one pure
// function from the period record; rendered through the same templates and engine as the
// review's documents.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "services/documents/document_renderer.hpp"
#include "workflow/period.hpp"
#include "workflow/scoring_rules.hpp"

namespace kd::documents {

struct PeriodFormInput {
  wf::PeriodRecord period;
  wf::Person person;
  std::vector<wf::Unit> unit_path;  // from the root of the tree down to the person's unit
  wf::ScoringRules rules;
  std::string place;        // documents.place: the date line's place when the agency names none
  wf::TimePoint issued_at;  // the time of the event the form records
  std::optional<wf::Person> evaluator;  // who scored (signs section 6)
};

Poco::JSON::Object::Ptr build_period_form_model(const PeriodFormInput&);

// "Phiếu theo dõi, đánh giá công chức – Tháng 02/2026 – Nguyễn Văn An".
std::string period_form_title(const PeriodFormInput&);

// The template of the form (templates/period_form.html).
inline constexpr const char* kPeriodFormTemplate = "period_form";

RenderedDocument render_period_form(const TemplateSet&, PdfEngine&, const PeriodFormInput&);

}  // namespace kd::documents
