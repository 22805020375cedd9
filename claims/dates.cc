#include "claims/dates.h"

#include <cstdlib>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"

namespace claims {
namespace {

// The document date as far as known; 0 for an unknown part.
struct KnownDate {
  int year = 0;
  int month = 0;
  int day = 0;
};

KnownDate ParseDocumentDate(absl::string_view date) {
  KnownDate known;
  std::vector<absl::string_view> parts = absl::StrSplit(date, '-');
  int values[3] = {0, 0, 0};
  if (date.empty() || parts.size() > 3) return known;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (!absl::SimpleAtoi(parts[i], &values[i])) return known;
  }
  if (values[0] < 1 || values[0] > 9999) return known;
  known.year = values[0];
  if (parts.size() < 2 || values[1] < 1 || values[1] > 12) return known;
  known.month = values[1];
  if (parts.size() < 3) return known;
  absl::CivilDay day(known.year, known.month, values[2]);
  if (day.day() == values[2]) known.day = values[2];
  return known;
}

int IsoWeekday(absl::CivilDay day) {
  return static_cast<int>(absl::GetWeekday(day)) + 1;  // absl: Monday is 0
}

std::string Day(absl::CivilDay day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

std::string IsoWeek(absl::CivilDay day) {
  absl::CivilDay thursday = day + (4 - IsoWeekday(day));
  return absl::StrFormat("%04d-W%02d", thursday.year(),
                         (absl::GetYearDay(thursday) - 1) / 7 + 1);
}

std::string Period(const DateParts& parts, const KnownDate& document) {
  const std::string& period = parts.period;
  if (period == "year" && document.year > 0) {
    return absl::StrFormat("%04d", document.year + parts.offset);
  }
  if (period == "month" && document.month > 0) {
    absl::CivilMonth month(document.year, document.month);
    month += parts.offset;
    return absl::StrFormat("%04d-%02d", month.year(), month.month());
  }
  if (document.day == 0) return "";
  absl::CivilDay today(document.year, document.month, document.day);
  if (period == "week") return IsoWeek(today + 7 * parts.offset);
  if (period == "day") return Day(today + parts.offset);
  return "";
}

std::string Weekday(const DateParts& parts, const KnownDate& document) {
  if (document.day == 0) return "";
  absl::CivilDay today(document.year, document.month, document.day);
  int today_weekday = IsoWeekday(today);
  int back = (today_weekday - parts.weekday + 7) % 7;
  int forward = (parts.weekday - today_weekday + 7) % 7;
  if (!parts.relative) return Day(today - back);
  if (parts.offset < 0) return Day(today - (back == 0 ? 7 : back));
  if (parts.offset > 0) return Day(today + (forward == 0 ? 7 : forward));
  return Day(today + (parts.weekday - today_weekday));
}

// The year of a month named without one, or 0.
int YearOfMonth(const DateParts& parts, const KnownDate& document) {
  if (document.year == 0) return 0;
  if (document.month == 0) {
    return parts.relative && parts.offset != 0 ? 0 : document.year;
  }
  if (parts.relative) {
    if (parts.offset < 0) {
      return parts.month < document.month ? document.year : document.year - 1;
    }
    if (parts.offset > 0) {
      return parts.month > document.month ? document.year : document.year + 1;
    }
    return document.year;
  }
  int best = 0;
  int best_distance = 0;
  for (int year = document.year - 1; year <= document.year + 1; ++year) {
    int distance = (year * 12 + parts.month) -
                   (document.year * 12 + document.month);
    // Ties go to the past: news mostly reports what happened.
    if (best == 0 || std::abs(distance) < std::abs(best_distance) ||
        (std::abs(distance) == std::abs(best_distance) && distance < 0)) {
      best = year;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace

std::string ResolveDate(const DateParts& parts,
                        absl::string_view document_date) {
  KnownDate document = ParseDocumentDate(document_date);
  if (!parts.period.empty()) return Period(parts, document);
  if (parts.weekday > 0) return Weekday(parts, document);
  if (parts.month > 0) {
    int year = parts.year > 0 ? parts.year : YearOfMonth(parts, document);
    if (year == 0) return "";
    if (parts.day == 0) return absl::StrFormat("%04d-%02d", year, parts.month);
    absl::CivilDay first(year, parts.month, parts.day);
    if (first.day() != parts.day) return "";
    std::string iso = Day(first);
    if (parts.day_end > parts.day) {
      absl::CivilDay last(year, parts.month, parts.day_end);
      if (last.day() == parts.day_end) absl::StrAppend(&iso, "/", Day(last));
    }
    return iso;
  }
  if (parts.year > 0) return absl::StrFormat("%04d", parts.year);
  return "";
}

}  // namespace claims
