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
  write("2030.json", R"({"year": 2030, "working_days": [{"date": "2030-01-02", "name": "x"}]})");
  EXPECT_NE(error().find("không phải thứ Bảy"), std::string::npos) << error();
  write("2030.json", R"({"year": 2030, "holidays": []})");
  EXPECT_NE(error().find("holidays: unknown field"), std::string::npos) << error();
  write("2030.json", R"({"year": 2030, "days_off": [{"date": "2030-01-01", "name": "Tết"}]})");
  EXPECT_EQ(error(), "no error");
  EXPECT_THROW(load_holidays((dir_ / "none").string()), HolidayError);
}

}  // namespace
}  // namespace kd::tracking
