// POST /api/v1/campaigns checks the campaign's own stage due dates against the regime
// and the holiday calendar (config/holidays): after the final date (15/12, or 15/01 for
// a special agency), out of order, on a day off, or leaving a stage fewer working days
// than the regime allows are refused with problem+json naming the stage and the dates
// (dd/mm/yyyy), and nothing is written. The test clock is 20/11/2026.
#include "tests/api/api_fixture.hpp"

#include <Poco/JSON/Array.h>

namespace kd::api::testing {
namespace {

class CampaignTimelineTest : public ApiTest {
 protected:
  HttpResult create(const std::string& stage_due, bool special = false, int year = 2026) {
    const std::string body = R"({"unit_id":)" + std::to_string(unit_b_) + R"(,"year":)" +
                             std::to_string(year) +
                             R"(,"regime_id":"test-nd90","regime_version":1,"special_agency":)" +
                             (special ? "true" : "false") + R"(,"stage_due":)" + stage_due + "}";
    return as("dung", "POST", "/api/v1/campaigns", body);
  }
  std::size_t campaigns() {
    return as("dung", "GET", "/api/v1/campaigns").json()->getArray("items")->size();
  }
  // The refusal: 422 problem+json, its code, the one error's field, the detail.
  void expect_refused(const HttpResult& r, const std::string& code, const std::string& field,
                      const std::vector<std::string>& in_detail) {
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(r.header("Content-Type").rfind("application/problem+json", 0), 0u);
    const auto p = r.json();
    EXPECT_EQ(p->getValue<std::string>("code"), code) << r.body;
    const auto errors = p->getArray("errors");
    ASSERT_TRUE(errors && errors->size() >= 1) << r.body;
    EXPECT_EQ(errors->getObject(0)->getValue<std::string>("code"), code);
    EXPECT_EQ(errors->getObject(0)->getValue<std::string>("field"), field);
    const auto detail = p->getValue<std::string>("detail");
    for (const auto& part : in_detail) EXPECT_NE(detail.find(part), std::string::npos) << detail;
  }
};

TEST_F(CampaignTimelineTest, ADateAfterTheFifteenthOfDecemberIsRefusedAndNothingIsWritten) {
  const auto before = campaigns();
  expect_refused(create(R"({"self_assessment":"2026-12-16"})"), "due_after_deadline",
                 "stage_due.self_assessment",
                 {"Tự đánh giá", "16/12/2026", "sau hạn cuối 15/12/2026"});
  EXPECT_EQ(campaigns(), before);
}

TEST_F(CampaignTimelineTest, ASpecialAgencyMayFinishByTheFifteenthOfJanuary) {
  const auto before = campaigns();
  const auto ok = create(R"({"self_assessment":"2026-12-16"})", /*special=*/true);
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(campaigns(), before + 1);
  expect_refused(create(R"({"self_assessment":"2027-01-18"})", true), "due_after_deadline",
                 "stage_due.self_assessment", {"18/01/2027", "sau hạn cuối 15/01/2027"});
  EXPECT_EQ(campaigns(), before + 1);
}

TEST_F(CampaignTimelineTest, DatesOutOfOrderAreRefused) {
  const auto before = campaigns();
  expect_refused(create(R"({"self_assessment":"2026-12-07","collective_review":"2026-12-04"})"),
                 "due_out_of_order", "stage_due.collective_review",
                 {"Họp tập thể góp ý", "04/12/2026", "trước hạn của giai đoạn", "07/12/2026"});
  EXPECT_EQ(campaigns(), before);
}

TEST_F(CampaignTimelineTest, ADueDateOnADayOffIsRefusedWithTheHolidayNamed) {
  const auto before = campaigns();
  expect_refused(create(R"({"self_assessment":"2026-12-07","collective_review":"2026-12-12"})"),
                 "due_not_working_day", "stage_due.collective_review",
                 {"Họp tập thể góp ý", "12/12/2026", "không phải ngày làm việc"});
  // A special agency's campaign reaching into January: 01/01/2027 is Tết Dương lịch.
  expect_refused(
      create(R"({"self_assessment":"2026-11-27","collective_review":"2027-01-01"})", true),
      "due_not_working_day", "stage_due.collective_review", {"01/01/2027", "(Tết Dương lịch)"});
  EXPECT_EQ(campaigns(), before);
}

TEST_F(CampaignTimelineTest, AStageShorterThanItsAllowedWorkingDaysIsRefused) {
  // Created on Friday 20/11/2026: self-assessment is allowed 5 working days, Tuesday
  // 24/11 leaves 2 (the weekend does not count).
  const auto before = campaigns();
  expect_refused(create(R"({"self_assessment":"2026-11-24"})"), "stage_too_short",
                 "stage_due.self_assessment",
                 {"Tự đánh giá", "chỉ có 2 ngày làm việc", "20/11/2026", "24/11/2026",
                  "ít hơn 5 ngày làm việc"});
  EXPECT_EQ(campaigns(), before);
  // Friday 27/11 gives exactly 5: accepted.
  const auto ok = create(R"({"self_assessment":"2026-11-27"})");
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(campaigns(), before + 1);
}

TEST_F(CampaignTimelineTest, AYearMissingFromTheCalendarIsRefusedWithTheYearNamed) {
  const auto before = campaigns();
  const auto r = create(R"({"self_assessment":"2030-11-22"})", false, 2030);
  ASSERT_EQ(r.status, 503) << r.body;
  EXPECT_EQ(r.json()->getValue<std::string>("code"), "calendar_year_missing");
  EXPECT_NE(r.json()->getValue<std::string>("detail").find("năm 2030"), std::string::npos);
  EXPECT_EQ(campaigns(), before);
}

TEST_F(CampaignTimelineTest, AValidTimelineIsStoredAsGiven) {
  const auto r = create(R"({"self_assessment":"2026-11-27","collective_review":"2026-12-04"})");
  ASSERT_EQ(r.status, 201) << r.body;
  const auto id = r.json()->getValue<Id>("id");
  const auto timeline = as("dung", "GET", "/api/v1/campaigns/" + std::to_string(id) + "/timeline");
  ASSERT_EQ(timeline.status, 200) << timeline.body;
  const auto stages = timeline.json()->getArray("stages");
  EXPECT_EQ(stages->getObject(0)->getValue<std::string>("due"), "2026-11-27");
  EXPECT_EQ(stages->getObject(1)->getValue<std::string>("due"), "2026-12-04");
  EXPECT_EQ(timeline.json()->getValue<std::string>("final_deadline"), "2026-12-15");
}

}  // namespace
}  // namespace kd::api::testing
