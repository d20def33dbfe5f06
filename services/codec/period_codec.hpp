// JSON of the periodic scoring (Nghị định 335/2025): the period record as stored and shown,
// the body of each period action, the agency's product catalogue versions and the tasks an
// agency's task-assignment system posts. Decoding validates types and throws CodecError
// naming the field, in Vietnamese.
//
// Exact decimals travel as strings with '.' ("2.5", "1.25"); an integer is accepted on
// input too. Quantities and points have two decimals at most, K four. Times are ISO 8601
// in Asia/Ho_Chi_Minh ("2026-03-04T09:00:00+07:00"), dates "YYYY-MM-DD", a period "2026-02"
// (month) or "2026-Q1" (quarter).
#pragma once

#include <string>
#include <vector>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "services/codec/json_codec.hpp"
#include "workflow/period_machine.hpp"
#include "workflow/period_score.hpp"
#include "workflow/product_catalogue.hpp"
#include "workflow/task_import.hpp"
#include "workflow/year_rating.hpp"

namespace kd::codec {

// "2.5" from 250 hundredths; "1.25" from K 12500 ten-thousandths.
std::string decimal_text(std::int64_t scaled, int decimals);

Poco::JSON::Object::Ptr to_json(const kd::wf::Evidence&);
Poco::JSON::Object::Ptr to_json(const kd::wf::Deduction&);
Poco::JSON::Object::Ptr to_json(const kd::wf::PeriodTask&);
Poco::JSON::Object::Ptr to_json(const kd::wf::CriteriaScores&);
Poco::JSON::Object::Ptr to_json(const kd::wf::LeaderFactors&);

// The whole record: id, person_id, unit_id, period, stage, version, tasks, no_tasks_reason,
// self_scores, manager_scores, self_task_points, manager_task_points, leader_factors,
// strengths, shortcomings, manager_comment, scored_by, approved_by, locked_by, locked_at,
// unlocks, last_return_reason. period_record_from_json reads it back exactly.
Poco::JSON::Object::Ptr to_json(const kd::wf::PeriodRecord&);
kd::wf::PeriodRecord period_record_from_json(const Poco::JSON::Object&);

// The body of POST /periods/{id}/actions/{action}; only the fields of the action are read:
//   register_tasks   {"tasks": [TaskDraft], "no_tasks_reason"}
//   submit_products  {"products": {task key: {"completed", "evidence": [Evidence]}}}
//   self_score       {"scores": CriteriaScores, "task_points", "strengths", "shortcomings"}
//   score            {"scores", "task_points", "deductions": {task key: [Deduction]},
//                     "leader": LeaderFactors, "comment"}
//   return           {"reason"}          unlock {"reason", "decision"}     approve, lock {}
// TaskDraft {"key", "title", "product_code", "assigned", "due", "deductions"}
kd::wf::PeriodRequest period_request_from_json(kd::wf::PeriodAction, const Poco::JSON::Object&);
// What an accepted action recorded, for the period's events.
Poco::JSON::Object::Ptr period_payload(const kd::wf::PeriodRequest&);

Poco::JSON::Object::Ptr to_json(const kd::wf::PeriodScore&);
Poco::JSON::Object::Ptr to_json(const kd::wf::YearResult&);

// {"version", "valid_from", "decision", "products": [{"code", "name", "output", "group", "k",
// "unit"}]}
Poco::JSON::Object::Ptr to_json(const kd::wf::CatalogueVersion&);
kd::wf::CatalogueVersion catalogue_version_from_json(const Poco::JSON::Object&);

// [{"external_id", "title", "product_code", "assigned", "due", "completed", "deductions",
// "cancelled"}], at `path` ("assignments[0].tasks").
std::vector<kd::wf::ImportedTask> imported_tasks_from_json(const Poco::JSON::Array&,
                                                           const std::string& path);

}  // namespace kd::codec
