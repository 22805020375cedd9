// figures_spec_check: runs another project's English number specs against
// NumberFinder and FigureExtractor and prints the pass rate per file.
//
//   figures_spec_check [--verbose] SPEC_DIR [OUT_OF_SCOPE_TSV]
//
// SPEC_DIR holds the Microsoft Recognizers-Text JSON spec files named below
// (a list of {Input, Results: [{Text, Start, End, Resolution}]}; End is
// inclusive and counts characters; files may start with a BOM). A case passes
// when what we find for that model is exactly what it lists: the same spans
// and values, and units for currency and dimension. How our output maps to
// each model:
//   Number       NumberFinder's numbers, leaving out ordinals and numbers
//                glued to a unit ("29km")
//   Percent      PERCENT figures
//   Currency     MONEY figures, without a leading qualifier
//   Dimension    MEASURE figures, without a leading qualifier
//   NumberRange  RANGE figures and figures with a bound qualifier (more than,
//                at most, up to, exactly...), without the unit or counted
//                noun; "about"/"nearly" are not bounds. Only the bounds are
//                compared, not whether they are open or closed.
// Figures are extracted with bare units on (a unit without a number has no
// value). OUT_OF_SCOPE_TSV lists cases judged wrong or out of scope for news
// as FILE TAB INDEX TAB reason (INDEX counts cases from 0); they still count
// as failures, and --verbose prints the reason beside them.
//
// Exit status: 0 when every file meets its bar, 1 when one does not, 2 on
// usage or input errors.
#include <cmath>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "claims/figures.h"
#include "claims/numbers.h"
#include "claims/rule_set.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"

namespace {

constexpr double kUnbounded = std::numeric_limits<double>::infinity();

enum class Model { kNumber, kPercent, kRange, kCurrency, kDimension };

struct SpecFile {
  const char* name;
  Model model;
  double bar;
};

constexpr SpecFile kSpecFiles[] = {
    {"Number_English_NumberModel.json", Model::kNumber, 0.95},
    {"Number_English_PercentModel.json", Model::kPercent, 0.95},
    {"Number_English_NumberRangeModel.json", Model::kRange, 0.85},
    {"NumberWithUnit_English_CurrencyModel.json", Model::kCurrency, 0.95},
    {"NumberWithUnit_English_DimensionModel.json", Model::kDimension, 0.85},
};

// The spec's unit names, as our units. A dimension name may stand for several
// of ours ("Ton" is "ton" or "t").
const std::map<std::string, std::set<std::string>>& UnitNames() {
  static const auto* const kNames =
      new std::map<std::string, std::set<std::string>>{
          // Currency (isoCurrency, when the spec gives one, is used instead).
          {"Dollar", {"USD"}}, {"Pound", {"GBP", "lb"}}, {"Cent", {"cent"}},
          {"Pence", {"pence"}}, {"Penny", {"pence"}}, {"Franc", {"franc"}},
          {"Peseta", {"peseta"}}, {"Finnish markka", {"FIM"}},
          {"Netherlands guilder", {"NLG"}}, {"Rupee", {"INR"}},
          {"Bitcoin", {"BTC"}}, {"Satoshi", {"satoshi"}}, {"Sen", {"sen"}},
          // Dimension.
          {"Milliliter", {"ml"}}, {"Inch", {"in"}}, {"Mile", {"mi"}},
          {"Foot", {"ft"}}, {"Barrel", {"bbl"}}, {"Ounce", {"oz"}},
          {"Acre", {"acre"}}, {"Gallon", {"gal"}}, {"Cubic foot", {"cu ft"}},
          {"Square meter", {"m2"}}, {"Ton", {"ton", "t"}},
          {"Metric ton", {"t"}}, {"Bit", {"bit"}}, {"Mile per hour", {"mph"}},
          {"Meter", {"m"}}, {"Kilometer", {"km"}}, {"Millimeter", {"mm"}},
          {"Square kilometer", {"km2"}}, {"Decimeter", {"dm"}},
          {"Megabit", {"Mbit"}}, {"Megabyte", {"MB"}}, {"Picometer", {"pm"}},
          {"Kilometer per hour", {"km/h"}}, {"Kilogram", {"kg"}},
          {"Microgram", {"μg"}}, {"Gram", {"g"}}, {"Degree", {"°"}},
          {"Radian", {"rad"}}, {"Turn", {"turn"}}, {"Tablespoon", {"tbsp"}},
          {"Teaspoon", {"tsp"}}, {"Cup", {"cup"}}, {"Dram", {"dram"}},
          {"Meter per millisecond", {"m/ms"}},
          {"Centimeter per millisecond", {"cm/ms"}},
          {"Kilometer per millisecond", {"km/ms"}},
      };
  return *kNames;
}

// One result, ours or the spec's, in byte offsets.
struct Item {
  size_t begin = 0;
  size_t end = 0;
  bool has_value = false;
  double low = 0;   // the value, or a range's lower bound
  double high = 0;  // equal to low, or the upper bound
  std::set<std::string> units;  // the spec's acceptable units, or ours
};

bool Near(double a, double b) {
  if (std::isinf(a) || std::isinf(b)) return a == b;
  return std::fabs(a - b) <= 1e-6 * std::max(1.0, std::fabs(b));
}

bool Matches(const Item& expected, const Item& actual, Model model) {
  if (expected.begin != actual.begin || expected.end != actual.end) return false;
  if (expected.has_value != actual.has_value) return false;
  if (expected.has_value &&
      !(Near(expected.low, actual.low) && Near(expected.high, actual.high))) {
    return false;
  }
  if (model == Model::kCurrency || model == Model::kDimension) {
    for (const std::string& unit : actual.units) {
      if (expected.units.count(unit) > 0) return true;
    }
    return false;
  }
  return true;
}

// Byte offset of each code point index, plus the end.
std::vector<size_t> CharToByte(const std::string& text) {
  std::vector<size_t> offsets;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) offsets.push_back(i);
  }
  offsets.push_back(text.size());
  return offsets;
}

std::string FieldString(const google::protobuf::Struct& object,
                        const std::string& key) {
  auto it = object.fields().find(key);
  if (it == object.fields().end()) return "";
  if (it->second.kind_case() == google::protobuf::Value::kStringValue) {
    return it->second.string_value();
  }
  return "";
}

double FieldNumber(const google::protobuf::Struct& object,
                   const std::string& key) {
  auto it = object.fields().find(key);
  return it == object.fields().end() ? -1 : it->second.number_value();
}

// "(20,35]" as bounds; an empty side is unbounded.
bool ParseInterval(absl::string_view text, double* low, double* high) {
  if (text.size() < 3) return false;
  std::vector<absl::string_view> sides =
      absl::StrSplit(text.substr(1, text.size() - 2), ',');
  if (sides.size() != 2) return false;
  *low = -kUnbounded;
  *high = kUnbounded;
  if (!sides[0].empty() && !absl::SimpleAtod(sides[0], low)) return false;
  if (!sides[1].empty() && !absl::SimpleAtod(sides[1], high)) return false;
  return true;
}

bool ReadExpected(const google::protobuf::Struct& result, Model model,
                  const std::vector<size_t>& offsets, Item* item) {
  size_t start = static_cast<size_t>(FieldNumber(result, "Start"));
  size_t end = static_cast<size_t>(FieldNumber(result, "End")) + 1;
  if (start >= offsets.size() || end >= offsets.size()) return false;
  item->begin = offsets[start];
  item->end = offsets[end];
  auto it = result.fields().find("Resolution");
  if (it == result.fields().end() ||
      it->second.kind_case() != google::protobuf::Value::kStructValue) {
    return true;
  }
  const google::protobuf::Struct& resolution = it->second.struct_value();
  std::string value = FieldString(resolution, "value");
  if (model == Model::kRange) {
    item->has_value = ParseInterval(value, &item->low, &item->high);
  } else if (model == Model::kPercent) {
    item->has_value =
        absl::SimpleAtod(absl::StripSuffix(value, "%"), &item->low);
    item->high = item->low;
  } else {
    item->has_value = absl::SimpleAtod(value, &item->low);
    item->high = item->low;
  }
  std::string iso = FieldString(resolution, "isoCurrency");
  std::string unit = FieldString(resolution, "unit");
  if (!iso.empty()) {
    item->units = {iso};
  } else if (UnitNames().count(unit) > 0) {
    item->units = UnitNames().at(unit);
  } else if (!unit.empty()) {
    item->units = {unit};
  }
  return true;
}

bool IsBound(claims::Qualifier qualifier) {
  switch (qualifier) {
    case claims::MORE_THAN:
    case claims::LESS_THAN:
    case claims::AT_LEAST:
    case claims::AT_MOST:
    case claims::UP_TO:
    case claims::EXACT:
      return true;
    default:
      return false;
  }
}

class Checker {
 public:
  Checker(const claims::RuleSet& rules, const claims::FigureExtractor& figures)
      : rules_(rules), figures_(figures) {}

  std::vector<Item> Ours(const std::string& text, Model model) const {
    std::vector<Item> items;
    if (model == Model::kNumber) {
      std::vector<claims::NumberMention> numbers;
      figures_.numbers().Find(text, 0, text.size(), &numbers);
      for (const claims::NumberMention& number : numbers) {
        if (number.ordinal || number.glued_after) continue;
        Item item;
        item.begin = number.begin;
        item.end = number.end;
        item.has_value = true;
        item.low = item.high = number.value;
        items.push_back(item);
      }
      return items;
    }
    std::vector<claims::Figure> found;
    figures_.Extract(text, 0, text.size(), "", &found);
    for (const claims::Figure& figure : found) {
      Item item;
      item.begin = figure.span().begin();
      item.end = figure.span().end();
      const claims::CompiledRule* rule = rules_.Find(figure.rule_id());
      item.has_value = rule == nullptr || !rule->rule.bare_unit();
      item.low = figure.low();
      item.high = figure.high();
      item.units = {figure.unit()};
      bool keep = false;
      switch (model) {
        case Model::kPercent:
          keep = figure.kind() == claims::PERCENT;
          break;
        case Model::kCurrency:
          keep = figure.kind() == claims::MONEY;
          DropLeadingQualifier(text, figure, &item);
          break;
        case Model::kDimension:
          keep = figure.kind() == claims::MEASURE;
          DropLeadingQualifier(text, figure, &item);
          break;
        case Model::kRange:
          keep = figure.kind() == claims::RANGE || IsBound(figure.qualifier());
          RangeItem(text, figure, &item);
          break;
        case Model::kNumber:
          break;
      }
      if (keep) items.push_back(item);
    }
    return items;
  }

 private:
  static void DropLeadingQualifier(const std::string& text,
                                   const claims::Figure& figure, Item* item) {
    if (figure.has_qualifier_span() &&
        figure.qualifier_span().begin() == item->begin) {
      item->begin = figure.qualifier_span().end();
      while (item->begin < item->end && text[item->begin] == ' ') ++item->begin;
    }
  }

  static void RangeItem(const std::string& text, const claims::Figure& figure,
                        Item* item) {
    if (figure.has_unit_span() && figure.unit_span().end() == item->end) {
      item->end = figure.unit_span().begin();
      while (item->end > item->begin &&
             (text[item->end - 1] == ' ' || text[item->end - 1] == '-')) {
        --item->end;
      }
    }
    if (figure.kind() == claims::RANGE) {
      if (figure.qualifier() == claims::ABOUT ||
          figure.qualifier() == claims::NEARLY) {
        DropLeadingQualifier(text, figure, item);
      }
      return;
    }
    double value = figure.value();
    switch (figure.qualifier()) {
      case claims::MORE_THAN:
      case claims::AT_LEAST:
        item->low = value;
        item->high = kUnbounded;
        break;
      case claims::LESS_THAN:
      case claims::AT_MOST:
      case claims::UP_TO:
        item->low = -kUnbounded;
        item->high = value;
        break;
      default:
        item->low = item->high = value;
    }
  }

  const claims::RuleSet& rules_;
  const claims::FigureExtractor& figures_;
};

std::string Describe(const std::string& text, const std::vector<Item>& items) {
  std::string out;
  for (const Item& item : items) {
    absl::StrAppend(&out, " [", text.substr(item.begin, item.end - item.begin),
                    "]");
    if (item.has_value) absl::StrAppend(&out, "=", item.low);
    if (item.has_value && item.high != item.low) {
      absl::StrAppend(&out, "..", item.high);
    }
    for (const std::string& unit : item.units) absl::StrAppend(&out, " ", unit);
  }
  return out.empty() ? " (none)" : out;
}

}  // namespace

int main(int argc, char** argv) {
  bool verbose = false;
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--verbose") {
      verbose = true;
    } else {
      args.push_back(argv[i]);
    }
  }
  if (args.empty() || args.size() > 2) {
    std::cerr << "usage: figures_spec_check [--verbose] SPEC_DIR "
                 "[OUT_OF_SCOPE_TSV]\n";
    return 2;
  }
  std::map<std::pair<std::string, int>, std::string> out_of_scope;
  if (args.size() == 2) {
    std::ifstream in(args[1]);
    if (!in) {
      std::cerr << "figures_spec_check: cannot read " << args[1] << "\n";
      return 2;
    }
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::vector<std::string> fields = absl::StrSplit(line, '\t');
      int index = 0;
      if (fields.size() != 3 || !absl::SimpleAtoi(fields[1], &index)) {
        std::cerr << "figures_spec_check: " << args[1]
                  << ": expected FILE TAB INDEX TAB reason: " << line << "\n";
        return 2;
      }
      out_of_scope[{fields[0], index}] = fields[2];
    }
  }
  absl::StatusOr<std::unique_ptr<claims::RuleSet>> rules =
      claims::RuleSet::Load(claims::DefaultRulePacks(), {});
  if (!rules.ok()) {
    std::cerr << "figures_spec_check: " << rules.status() << "\n";
    return 2;
  }
  claims::FigureExtractor::Options options;
  options.bare_units = true;
  claims::FigureExtractor figures(**rules, options);
  Checker checker(**rules, figures);
  bool all_met = true;
  for (const SpecFile& spec : kSpecFiles) {
    std::string path = absl::StrCat(args[0], "/", spec.name);
    std::ifstream in(path, std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    if (!in) {
      std::cerr << "figures_spec_check: cannot read " << path << "\n";
      return 2;
    }
    std::string json = std::string(absl::StripPrefix(content.str(), "\xEF\xBB\xBF"));
    google::protobuf::Value cases;
    if (!google::protobuf::util::JsonStringToMessage(json, &cases).ok() ||
        cases.kind_case() != google::protobuf::Value::kListValue) {
      std::cerr << "figures_spec_check: " << path << ": not a JSON list\n";
      return 2;
    }
    int passed = 0;
    int total = 0;
    for (const google::protobuf::Value& value : cases.list_value().values()) {
      const google::protobuf::Struct& test = value.struct_value();
      std::string input = FieldString(test, "Input");
      std::vector<size_t> offsets = CharToByte(input);
      std::vector<Item> expected;
      auto results = test.fields().find("Results");
      bool readable = true;
      if (results != test.fields().end()) {
        for (const google::protobuf::Value& result :
             results->second.list_value().values()) {
          Item item;
          readable &= ReadExpected(result.struct_value(), spec.model, offsets, &item);
          expected.push_back(item);
        }
      }
      std::vector<Item> actual = checker.Ours(input, spec.model);
      bool pass = readable && expected.size() == actual.size();
      for (size_t i = 0; pass && i < expected.size(); ++i) {
        pass = Matches(expected[i], actual[i], spec.model);
      }
      ++total;
      if (pass) {
        ++passed;
        if (out_of_scope.count({spec.name, total - 1}) > 0) {
          std::cout << "  note: " << spec.name << " #" << total - 1
                    << " passes but is listed out of scope\n";
        }
      } else if (verbose) {
        auto known = out_of_scope.find({spec.name, total - 1});
        std::cout << "  FAIL " << spec.name << " #" << total - 1 << ": "
                  << input << "\n"
                  << "    expected:" << Describe(input, expected) << "\n"
                  << "    ours:    " << Describe(input, actual) << "\n";
        if (known != out_of_scope.end()) {
          std::cout << "    out of scope: " << known->second << "\n";
        }
      }
    }
    double rate = total == 0 ? 0 : static_cast<double>(passed) / total;
    bool met = rate >= spec.bar;
    all_met &= met;
    std::cout << absl::StrFormat("%-45s %4d/%-4d %6.1f%%  (bar %.0f%%)%s\n",
                                 spec.name, passed, total, 100 * rate,
                                 100 * spec.bar, met ? "" : "  BELOW BAR");
  }
  return all_met ? 0 : 1;
}
