#include "claims/dates.h"

#include <string>

#include "gtest/gtest.h"

namespace claims {
namespace {

struct Case {
  std::string name;
  DateParts parts;
  std::string document_date;
  std::string expected;
};

DateParts Parts(int year, int month, int day) {
  DateParts parts;
  parts.year = year;
  parts.month = month;
  parts.day = day;
  return parts;
}

DateParts Relative(int offset, const std::string& period) {
  DateParts parts;
  parts.relative = true;
  parts.offset = offset;
  parts.period = period;
  return parts;
}

DateParts RelativeMonth(int offset, int month) {
  DateParts parts = Relative(offset, "");
  parts.month = month;
  return parts;
}

DateParts Weekday(int weekday, bool relative, int offset) {
  DateParts parts;
  parts.weekday = weekday;
  parts.relative = relative;
  parts.offset = offset;
  return parts;
}

class ResolveDateTest : public testing::TestWithParam<Case> {};

TEST_P(ResolveDateTest, Resolves) {
  const Case& test = GetParam();
  EXPECT_EQ(ResolveDate(test.parts, test.document_date), test.expected);
}

DateParts DayRange() {
  DateParts parts = Parts(0, 1, 26);
  parts.day_end = 27;
  return parts;
}

// 2024-04-02 is a Tuesday.
INSTANTIATE_TEST_SUITE_P(
    Cases, ResolveDateTest,
    testing::Values(
        Case{"Year", Parts(2023, 0, 0), "", "2023"},
        Case{"MonthYear", Parts(2022, 7, 0), "", "2022-07"},
        Case{"FullDate", Parts(2022, 7, 4), "", "2022-07-04"},
        Case{"ImpossibleDay", Parts(2023, 2, 30), "", ""},
        Case{"MonthWithoutDocument", Parts(0, 7, 0), "", ""},
        Case{"NearestMonthIsPast", Parts(0, 11, 0), "2024-04-02", "2023-11"},
        Case{"NearestMonthIsNext", Parts(0, 5, 0), "2024-04-02", "2024-05"},
        Case{"DayRange", DayRange(), "2024-02-01", "2024-01-26/2024-01-27"},
        Case{"LastNovember", RelativeMonth(-1, 11), "2024-04-02", "2023-11"},
        Case{"LastMarch", RelativeMonth(-1, 3), "2024-04-02", "2024-03"},
        Case{"NextMarch", RelativeMonth(1, 3), "2024-04-02", "2025-03"},
        Case{"LastYear", Relative(-1, "year"), "2024-04-02", "2023"},
        Case{"LastYearDocumentYearOnly", Relative(-1, "year"), "2024", "2023"},
        Case{"NextMonth", Relative(1, "month"), "2024-12-15", "2025-01"},
        Case{"LastWeek", Relative(-1, "week"), "2024-04-02", "2024-W13"},
        Case{"Yesterday", Relative(-1, "day"), "2024-03-01", "2024-02-29"},
        Case{"YesterdayWithoutDay", Relative(-1, "day"), "2024-03", ""},
        Case{"Tuesday", Weekday(2, false, 0), "2024-04-02", "2024-04-02"},
        Case{"Friday", Weekday(5, false, 0), "2024-04-02", "2024-03-29"},
        Case{"LastTuesday", Weekday(2, true, -1), "2024-04-02", "2024-03-26"},
        Case{"NextMonday", Weekday(1, true, 1), "2024-04-02", "2024-04-08"},
        Case{"ThisFriday", Weekday(5, true, 0), "2024-04-02", "2024-04-05"},
        Case{"BadDocumentDate", Relative(-1, "year"), "April 2024", ""}),
    [](const testing::TestParamInfo<Case>& info) { return info.param.name; });

}  // namespace
}  // namespace claims
