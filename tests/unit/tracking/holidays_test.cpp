// The shipped holiday calendar (config/holidays) loads and says what the notices say;
// bad files are refused with the file and field named.
#include "services/tracking/holidays.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace kd::tracking {
namespace {

namespace fs = std::filesystem;
using kd::wf::Date;

const std::string kDir = std::string(KD_SOURCE_DIR) + "/config/holidays";

TEST(Holidays, TheShippedCalendarCoversTwentyTwentyFiveToTwentyTwentySeven) {
  const auto cal = load_holidays(kDir);
  for (int y : {2025, 2026, 2027}) EXPECT_TRUE(cal.covers(y)) << y;
  EXPECT_FALSE(cal.year(2025)->provisional);
  // Tết Ất Tỵ: mùng 1 is Wednesday 29/01/2025.
  EXPECT_NE(cal.day_off_name({2025, 1, 29})->find("mùng 1"), std::string::npos);
  // The swap of 2025: Saturday 26/04 worked, Friday 02/05 off.
  EXPECT_TRUE(cal.is_working_day({2025, 4, 26}));
  EXPECT_FALSE(cal.is_working_day({2025, 5, 2}));
  // Giỗ Tổ Hùng Vương: 07/04/2025, 26/04/2026 (a Sunday: 27/04 off), 16/04/2027.
  EXPECT_FALSE(cal.is_working_day({2025, 4, 7}));
  EXPECT_FALSE(cal.is_working_day({2026, 4, 27}));
  EXPECT_FALSE(cal.is_working_day({2027, 4, 16}));
  // Tết Bính Ngọ: off from 14/02 to 22/02/2026.
  EXPECT_EQ(cal.add_working_days({2026, 2, 13}, 1), (Date{2026, 2, 23}));
  // A year the directory does not have is refused, not assumed free of holidays.
  EXPECT_THROW(cal.is_working_day({2028, 1, 3}), kd::wf::CalendarYearMissing);
  try {
    cal.add_working_days({2027, 12, 30}, 3);
    ADD_FAILURE() << "crossing into 2028 must be refused";
  } catch (const kd::wf::CalendarYearMissing& e) {
    EXPECT_EQ(e.year, 2028);
    EXPECT_NE(std::string(e.what()).find("chưa có dữ liệu năm 2028"), std::string::npos)
        << e.what();
  }
}

// What the official notices say, day by day (sources recorded in each file).
TEST(Holidays, TwentyTwentyFiveFollowsNotice6150) {
  const auto cal = load_holidays(kDir);
  const auto* y = cal.year(2025);
  EXPECT_NE(y->source.find("6150/TB-BLĐTBXH"), std::string::npos);
  // Tết: 25/01 to 02/02 off (Friday 24/01 and Monday 03/02 are working days).
  EXPECT_TRUE(cal.is_working_day({2025, 1, 24}));
  for (int d = 27; d <= 31; ++d) EXPECT_FALSE(cal.is_working_day({2025, 1, d})) << d;
  EXPECT_TRUE(cal.is_working_day({2025, 2, 3}));
  // Quốc khánh: 30/08 to 02/09; Wednesday 03/09 is worked.
  EXPECT_TRUE(cal.is_working_day({2025, 8, 29}));
  EXPECT_FALSE(cal.is_working_day({2025, 9, 1}));
  EXPECT_FALSE(cal.is_working_day({2025, 9, 2}));
  EXPECT_TRUE(cal.is_working_day({2025, 9, 3}));
  for (const auto& d : y->off) EXPECT_FALSE(d.source.empty()) << kd::wf::to_iso(d.date);
  EXPECT_TRUE(kd::wf::unconfirmed_items(*y).empty());
}

TEST(Holidays, TwentyTwentySixHasBothSwapsOfItsNotices) {
  const auto cal = load_holidays(kDir);
  // Tết Dương lịch: Friday 02/01 off, Saturday 10/01 worked (12729/VPCP-KGVX).
  EXPECT_FALSE(cal.is_working_day({2026, 1, 2}));
  EXPECT_TRUE(cal.is_working_day({2026, 1, 10}));
  EXPECT_NE(cal.year(2026)->worked.front().source.find("12729/VPCP-KGVX"), std::string::npos);
  // Tết Bính Ngọ: Monday 16/02 to Friday 20/02 (9441/TB-BNV).
  EXPECT_TRUE(cal.is_working_day({2026, 2, 13}));
  EXPECT_FALSE(cal.is_working_day({2026, 2, 16}));
  EXPECT_FALSE(cal.is_working_day({2026, 2, 20}));
  // Quốc khánh: 29/08 to 02/09 with Monday 31/08 swapped to Saturday 22/08 (9441/TB-BNV).
  EXPECT_TRUE(cal.is_working_day({2026, 8, 22}));
  EXPECT_FALSE(cal.is_working_day({2026, 8, 31}));
  EXPECT_FALSE(cal.is_working_day({2026, 9, 1}));
  EXPECT_TRUE(cal.is_working_day({2026, 9, 3}));
  EXPECT_EQ(cal.add_working_days({2026, 8, 28}, 1), (Date{2026, 9, 3}));
  // 30/4 and 01/5 are Thursday and Friday: no swap, Monday 04/05 is worked.
  EXPECT_TRUE(cal.is_working_day({2026, 5, 4}));
}

TEST(Holidays, WhatIsNotConfirmedIsReportedByYear) {
  const auto cal = load_holidays(kDir);
  EXPECT_TRUE(cal.year(2026)->provisional);
  EXPECT_TRUE(cal.year(2027)->provisional);
  // 24/11/2026 (Ngày Văn hóa Việt Nam) awaits its law: counted as a working day, and reported.
  EXPECT_TRUE(cal.is_working_day({2026, 11, 24}));
  const auto report = provisional_report(cal);
  ASSERT_EQ(report.size(), 2u);
  EXPECT_EQ(report[0].rfind("holiday calendar 2026 is provisional", 0), 0u) << report[0];
  EXPECT_NE(report[0].find("24/11/2026"), std::string::npos) << report[0];
  EXPECT_NE(report[0].find("2026.json"), std::string::npos) << report[0];
  EXPECT_EQ(report[1].rfind("holiday calendar 2027 is provisional", 0), 0u) << report[1];
  EXPECT_NE(report[1].find("2027-04-16 nghỉ: Giỗ Tổ Hùng Vương"), std::string::npos) << report[1];
  EXPECT_NE(report[1].find("2027-02-05 nghỉ: Tết Nguyên Đán"), std::string::npos) << report[1];
  // The confirmed days of a provisional year are not reported.
  EXPECT_EQ(report[1].find("2027-01-01"), std::string::npos) << report[1];
}

class HolidayFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("kd-holidays-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }
  std::string error() {
    try {
      load_holidays(dir_.string());
    } catch (const HolidayError& e) {
      return e.what();
    }
    return "no error";
  }
  fs::path dir_;
};

TEST_F(HolidayFiles, BadFilesAreRefusedByName) {
  EXPECT_NE(error().find("no holiday file"), std::string::npos);
  write("2030.json", R"({"year": 2031, "days_off": []})");
  EXPECT_NE(error().find("does not match the file name"), std::string::npos) << error();
  write("2030.json", R"({"year": 2030, "days_off": [{"date": "2030-02-30", "name": "x"}]})");
  EXPECT_NE(error().find("days_off[0].date"), std::string::npos) << error();
  write(
      "2030.json",
      R"({"year": 2030, "provisional": true, "working_days": [{"date": "2030-01-02", "name": "x"}]})");
  EXPECT_NE(error().find("không phải thứ Bảy"), std::string::npos) << error();
  write("2030.json", R"({"year": 2030, "holidays": []})");
  EXPECT_NE(error().find("holidays: unknown field"), std::string::npos) << error();
  write("2030.json", R"({"year": 2030, "days_off": [{"date": "2030-01-01", "name": "Tết"}]})");
  EXPECT_NE(error().find("days_off[0].source"), std::string::npos) << error();
  write("2030.json",
        R"({"year": 2030, "days_off": [{"date": "2030-01-01", "name": "Tết", "provisional": true,)"
        R"( "source": "x"}]})");
  EXPECT_NE(error().find("không được đánh dấu provisional"), std::string::npos) << error();
  write("2030.json", R"({"year": 2030, "unconfirmed": ["x"], "days_off": []})");
  EXPECT_NE(error().find("không được đánh dấu provisional"), std::string::npos) << error();
  write("2030.json",
        R"({"year": 2030, "days_off": [{"date": "2030-01-01", "name": "Tết", "when": 1}]})");
  EXPECT_NE(error().find("days_off[0].when: unknown field"), std::string::npos) << error();
  write("2030.json", R"({"year": 2030, "days_off": [{"date": "2030-01-01", "name": "Tết",)"
                     R"( "source": "Bộ luật Lao động 2019, Điều 112"}]})");
  EXPECT_EQ(error(), "no error");
  write("2030.json", R"({"year": 2030, "provisional": true, "days_off": []})");
  EXPECT_EQ(error(), "no error");
  EXPECT_EQ(provisional_report(load_holidays(dir_.string())).at(0),
            "holiday calendar 2030 is provisional (not confirmed: cả năm 2030 chưa đối chiếu với "
            "thông báo chính thức); check it against the government's notice and update "
            "<holidays.dir>/2030.json");
  EXPECT_THROW(load_holidays((dir_ / "none").string()), HolidayError);
}

}  // namespace
}  // namespace kd::tracking
