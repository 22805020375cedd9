#include "claims/rule_set.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <thread>
#include <tuple>

#include "absl/container/flat_hash_set.h"
#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"

namespace claims {
namespace {

constexpr int64_t kMaxPatternMemory = 64 << 20;
constexpr int64_t kMinPatternMemory = 1 << 20;
// Budget of each kind's RE2::Set. The set's DFA follows every trigger at once,
// so triggers must stay lexical: one with a long span ("[^,;]+?", "{0,80}")
// multiplies the states of all the others, and a bigger budget only lets them
// grow (measured on 6 MB of news: 1.75 s per pass with four such triggers,
// 0.05 s without). Even lexical triggers add up: past the budget the DFA
// keeps discarding its states and the scan drops from about 130 MB/s to
// about 5 (BM_CandidateScan). The 66 ATTRIBUTION triggers of 2026-12-06
// crossed 16 MiB; 32 MiB leaves room.
constexpr int64_t kIndexMemory = 32 << 20;
constexpr int kMaxMacroDepth = 32;
// Capture slots kept on the stack by ApplyRule; patterns with more groups
// spill to the heap.
constexpr size_t kInlineGroups = 24;

RE2::Options PatternOptions() {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_max_mem(kMaxPatternMemory);
  options.set_log_errors(false);
  return options;
}

// Calls `work(i)` for every i in [0, count) on `threads` threads, each
// taking the next i when done with one: rules differ a hundredfold in
// compile time.
void ParallelFor(int threads, size_t count,
                 const std::function<void(size_t)>& work) {
  std::atomic<size_t> next{0};
  auto run = [&] {
    for (size_t i = next++; i < count; i = next++) work(i);
  };
  std::vector<std::thread> helpers;
  for (int t = 1; t < threads && static_cast<size_t>(t) < count; ++t) {
    helpers.emplace_back(run);
  }
  run();
  for (std::thread& helper : helpers) helper.join();
}

// `pattern` compiled within `memory`, or within kMaxPatternMemory when it
// does not fit.
std::shared_ptr<const RE2> CompileWithin(PatternPool& pool,
                                         const std::string& pattern,
                                         int64_t memory) {
  std::shared_ptr<const RE2> re = pool.Compile(pattern, memory);
  if (re->ok() || re->error_code() != RE2::ErrorPatternTooLarge) return re;
  return pool.Compile(pattern, kMaxPatternMemory);
}

// Compiles a pattern through `pool` with `match_memory` when it fits, else
// with the full budget, so which patterns load does not change. Most of max_mem
// is the lazy DFA's state cache, and which size pays depends on the input: over
// one sentence or phrase a pattern seldom revisits its states, over a corpus it
// does (see RuleSetOptions). FIGURE patterns search whole paragraphs and
// TURN_START patterns whole documents, and reuse their states at any scale:
// they keep the full budget. That matters most where RE2 finds where a match
// starts by running the pattern backwards: with 4 MiB the backward automaton
// of a large pattern cannot start, and RE2 runs its NFA from the search's
// start to the match instead (attr.turn_start_name, 14,000 instructions:
// 210 ms over the Kremlin corpus, 29 ms with the full budget, the same peak
// RSS). RE2 returns the same matches whichever of its engines runs.
std::shared_ptr<const RE2> CompilePattern(PatternPool& pool, RuleKind kind,
                                          const std::string& pattern,
                                          int64_t match_memory) {
  if (kind == FIGURE || kind == TURN_START) {
    return pool.Compile(pattern, kMaxPatternMemory);
  }
  return CompileWithin(pool, pattern, match_memory);
}

// What may stand between "(?" and ")" in a flag group such as "(?is)".
constexpr absl::string_view kFlagCharacters =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-";

// Whether (?s) is on for the whole pattern: set at its start and never
// cleared by a later flag group ("(?-s)", "(?i-s:").
bool DotAllThroughout(absl::string_view pattern) {
  if (!absl::StartsWith(pattern, "(?s)")) return false;
  for (size_t i = pattern.find("(?"); i != absl::string_view::npos;
       i = pattern.find("(?", i + 2)) {
    size_t flags_end = pattern.find_first_not_of(kFlagCharacters, i + 2);
    absl::string_view flags = pattern.substr(i + 2, flags_end - (i + 2));
    size_t minus = flags.find('-');
    if (minus != absl::string_view::npos &&
        flags.find('s', minus) != absl::string_view::npos) {
      return false;
    }
  }
  return true;
}

// Offsets of the "(", ")" and "|" of `pattern` that are syntax: neither
// escaped nor inside a character class.
std::vector<size_t> GroupSyntax(absl::string_view pattern) {
  std::vector<size_t> offsets;
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\') {
      ++i;
    } else if (c == '[') {
      ++i;
      if (i < pattern.size() && pattern[i] == '^') ++i;
      if (i < pattern.size() && pattern[i] == ']') ++i;
      for (; i < pattern.size() && pattern[i] != ']'; ++i) {
        if (pattern[i] == '\\') ++i;
      }
    } else if (c == '(' || c == ')' || c == '|') {
      offsets.push_back(i);
    }
  }
  return offsets;
}

// For a pattern whose last element is a top-level named group ending in an
// any-character run, "(?s)...(?P<content>\S.+)", the same pattern with that
// run cut to the one character it needs, "(?s)...(?P<content>\S)(?s:.)",
// and the group's name. A greedy run that nothing follows always reaches the
// end of the text, so the cut pattern finds the same match and groups, and
// ApplyRule puts the group's end back; the matching engines stop at the run
// instead of walking the rest of the sentence. False when the pattern has no
// such tail.
bool CutTrailingRun(absl::string_view pattern, std::string* cut,
                    std::string* group) {
  if (!DotAllThroughout(pattern)) return false;
  absl::string_view run = pattern.substr(pattern.size() - 3);
  if (run != ".+)" && run != ".*)") return false;
  size_t dot = pattern.size() - 3;
  size_t escapes = 0;
  while (escapes < dot && pattern[dot - 1 - escapes] == '\\') ++escapes;
  if (escapes % 2 != 0) return false;
  // Find the group the final ")" closes, and whether an alternation sits
  // directly inside it ("(?P<x>a|.+)" keeps its run).
  struct Group {
    size_t open;
    bool alternates;
  };
  std::vector<Group> open;
  Group last{0, false};
  for (size_t i : GroupSyntax(pattern)) {
    char c = pattern[i];
    if (c == '(') {
      open.push_back({i, false});
    } else if (c == '|' && !open.empty()) {
      open.back().alternates = true;
    } else if (c == ')' && !open.empty()) {
      last = open.back();
      open.pop_back();
      if (i + 1 == pattern.size() && !open.empty()) return false;
    }
  }
  absl::string_view head = pattern.substr(last.open);
  if (last.alternates || !absl::StartsWith(head, "(?P<")) return false;
  size_t name_end = head.find('>');
  if (name_end == absl::string_view::npos) return false;
  *group = std::string(head.substr(4, name_end - 4));
  *cut = absl::StrCat(pattern.substr(0, dot), ")", run[1] == '+' ? "(?s:.)" : "");
  return true;
}

// A pattern "FLAGS HEAD(?P<cue>CUE)TAIL" in parts, as CueSplit uses them.
struct CueParts {
  // A flag group that starts the pattern, "(?s)", or empty: it holds for the
  // whole pattern, so every part repeats it.
  std::string flags;
  std::string head;
  std::string cue;
  std::string tail;
};

// Cuts `pattern` at its top-level `cue` group. False when the pattern does
// not allow it: an alternation at its top level (the group is then not part
// of every match), a flag group after its start (it would hold for the tail
// only as part of the whole), \Q...\E (its text is not pattern syntax),
// or nothing before the group.
bool SplitAtCue(absl::string_view pattern, CueParts* parts) {
  constexpr absl::string_view kCueGroup = "(?P<cue>";
  if (absl::StrContains(pattern, "\\Q")) return false;
  size_t flags_end = 0;
  size_t cue_begin = absl::string_view::npos;
  size_t cue_end = absl::string_view::npos;
  int depth = 0;
  for (size_t i : GroupSyntax(pattern)) {
    char c = pattern[i];
    if (c == '|' && depth == 0) return false;
    if (c == ')' && --depth == 0 && cue_begin != absl::string_view::npos &&
        cue_end == absl::string_view::npos) {
      cue_end = i + 1;
    }
    if (c != '(') continue;
    absl::string_view group = pattern.substr(i);
    if (depth++ > 0) continue;
    if (cue_begin == absl::string_view::npos &&
        absl::StartsWith(group, kCueGroup)) {
      cue_begin = i;
    } else if (absl::StartsWith(group, "(?")) {
      size_t flags = group.find_first_not_of(kFlagCharacters, 2);
      if (flags != absl::string_view::npos && group[flags] == ')') {
        if (i != 0) return false;
        flags_end = flags + 1;
      }
    }
  }
  if (cue_end == absl::string_view::npos || cue_begin == flags_end) {
    return false;
  }
  parts->flags = std::string(pattern.substr(0, flags_end));
  parts->head = std::string(pattern.substr(0, cue_begin));
  parts->cue = std::string(pattern.substr(
      cue_begin + kCueGroup.size(), cue_end - 1 - cue_begin - kCueGroup.size()));
  parts->tail = std::string(pattern.substr(cue_begin));
  return true;
}

// `re` cut at its cue (see CueSplit), or null when its pattern does not allow
// it or a part does not compile. Each part gets half of `match_memory`: the
// parts' automata are smaller than the whole pattern's. Over the Kremlin
// corpus half was as fast as the whole budget and peaked 12 MB lower; a
// quarter was 1.3x slower.
std::unique_ptr<CueSplit> CompileCueSplit(PatternPool& pool, const RE2& re,
                                          int64_t match_memory) {
  match_memory = std::max(match_memory / 2, kMinPatternMemory);
  CueParts parts;
  if (!SplitAtCue(re.pattern(), &parts)) return nullptr;
  auto split = std::make_unique<CueSplit>();
  split->cue = CompilePattern(pool, ATTRIBUTION,
                              absl::StrCat(parts.flags, "(?:", parts.cue, ")"),
                              match_memory);
  split->head = CompilePattern(
      pool, ATTRIBUTION, absl::StrCat(parts.head, "(?s:.)\\z"), match_memory);
  split->tail = CompilePattern(
      pool, ATTRIBUTION, absl::StrCat(parts.flags, parts.tail), match_memory);
  // "^?", "^*" and "^{0,1}" anchor nothing.
  absl::string_view body =
      absl::string_view(parts.head).substr(parts.flags.size());
  if (absl::StartsWith(body, "^") &&
      (body.size() < 2 || !absl::StrContains("?*{", body[1])) &&
      !absl::StrContains(parts.flags, 'm')) {
    split->anchored_head =
        CompilePattern(pool, ATTRIBUTION, parts.head, match_memory);
  }
  for (const RE2* part : {split->cue.get(), split->head.get(), split->tail.get(),
                          split->anchored_head.get()}) {
    if (part != nullptr && !part->ok()) return nullptr;
  }
  split->head_groups = split->head->NumberOfCapturingGroups();
  if (split->head_groups + split->tail->NumberOfCapturingGroups() !=
      re.NumberOfCapturingGroups()) {
    return nullptr;
  }
  return split;
}

re2::StringPiece Piece(absl::string_view s) {
  return re2::StringPiece(s.data(), s.size());
}

// Collects text-format parse errors as "file:line:column: message".
class ParseErrors : public google::protobuf::io::ErrorCollector {
 public:
  explicit ParseErrors(absl::string_view file) : file_(file) {}
  void AddError(int line, int column, const std::string& message) override {
    errors_.push_back(
        absl::StrFormat("%s:%d:%d: %s", file_, line + 1, column + 1, message));
  }
  void AddWarning(int, int, const std::string&) override {}
  std::string Joined() const { return absl::StrJoin(errors_, "\n"); }

 private:
  std::string file_;
  std::vector<std::string> errors_;
};

// A rule or macro as read from a pack, before expansion.
struct PendingRule {
  Rule rule;
  std::string location;
};
struct PendingMacro {
  std::string pattern;
  std::string location;
  bool number_mention = false;
};

struct Pending {
  std::vector<PendingRule> rules;
  absl::flat_hash_map<std::string, size_t> rule_by_id;
  std::vector<std::string> macro_order;
  absl::flat_hash_map<std::string, PendingMacro> macros;
};

bool ValidId(absl::string_view id) {
  if (id.empty()) return false;
  for (char c : id) {
    if (!(('a' <= c && c <= 'z') || ('0' <= c && c <= '9') || c == '_' ||
          c == '.')) {
      return false;
    }
  }
  return true;
}

bool ValidMacroName(absl::string_view name) {
  if (name.empty() || !('A' <= name[0] && name[0] <= 'Z')) return false;
  for (char c : name) {
    if (!(('A' <= c && c <= 'Z') || ('0' <= c && c <= '9') || c == '_')) {
      return false;
    }
  }
  return true;
}

absl::Status AddPack(const RulePackSource& source, Pending* pending) {
  RulePack pack;
  google::protobuf::TextFormat::Parser parser;
  ParseErrors errors(source.file_name);
  parser.RecordErrorsTo(&errors);
  google::protobuf::TextFormat::ParseInfoTree tree;
  parser.WriteLocationsTo(&tree);
  if (!parser.ParseFromString(source.content, &pack)) {
    return absl::InvalidArgumentError(errors.Joined());
  }
  const auto* descriptor = RulePack::descriptor();
  const auto* rule_field = descriptor->FindFieldByName("rule");
  const auto* macro_field = descriptor->FindFieldByName("macro");
  auto location = [&](const google::protobuf::FieldDescriptor* field,
                      int index) {
    return absl::StrCat(source.file_name, ":",
                        tree.GetLocation(field, index).line + 1);
  };
  for (int i = 0; i < pack.macro_size(); ++i) {
    const Macro& macro = pack.macro(i);
    std::string where = location(macro_field, i);
    if (!ValidMacroName(macro.name())) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "%s: macro \"%s\": name must match [A-Z][A-Z0-9_]*", where,
          macro.name()));
    }
    auto earlier = pending->macros.find(macro.name());
    if (earlier == pending->macros.end()) {
      pending->macro_order.push_back(macro.name());
    } else if (!macro.replaces()) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "%s: macro \"%s\" is already defined at %s (set `replaces: true` "
          "to replace it)",
          where, macro.name(), earlier->second.location));
    }
    pending->macros[macro.name()] = {macro.pattern(), where,
                                     macro.number_mention()};
  }
  for (int i = 0; i < pack.rule_size(); ++i) {
    const Rule& rule = pack.rule(i);
    std::string where = location(rule_field, i);
    if (!ValidId(rule.id())) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "%s: rule \"%s\": id must be non-empty and match [a-z0-9_.]+", where,
          rule.id()));
    }
    if (rule.kind() == RULE_KIND_UNSPECIFIED) {
      return absl::InvalidArgumentError(
          absl::StrFormat("%s: rule \"%s\": kind is missing", where, rule.id()));
    }
    if (rule.pattern().empty()) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "%s: rule \"%s\": pattern is missing", where, rule.id()));
    }
    if (rule.kind() == CUE && !ValidMacroName(rule.lexicon())) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "%s: rule \"%s\": a CUE rule needs a lexicon named [A-Z][A-Z0-9_]*",
          where, rule.id()));
    }
    auto it = pending->rule_by_id.find(rule.id());
    if (it != pending->rule_by_id.end()) {
      pending->rules[it->second] = {rule, where};
    } else {
      pending->rule_by_id[rule.id()] = pending->rules.size();
      pending->rules.push_back({rule, where});
    }
  }
  return absl::OkStatus();
}

// Expands {NAME} references using macros and lexicons.
class MacroExpander {
 public:
  explicit MacroExpander(const Pending& pending) {
    for (const std::string& name : pending.macro_order) {
      const PendingMacro& macro = pending.macros.at(name);
      definitions_[name] = macro.pattern;
      if (macro.number_mention) number_mentions_.insert(name);
    }
    absl::flat_hash_map<std::string, std::vector<std::string>> lexicons;
    std::vector<std::string> lexicon_order;
    for (const PendingRule& pending_rule : pending.rules) {
      const std::string& name = pending_rule.rule.lexicon();
      if (name.empty()) continue;
      if (!lexicons.contains(name)) lexicon_order.push_back(name);
      lexicons[name].push_back(
          absl::StrCat("(?:", pending_rule.rule.pattern(), ")"));
    }
    for (const std::string& name : lexicon_order) {
      if (!definitions_.contains(name)) {
        definitions_[name] = absl::StrJoin(lexicons[name], "|");
      }
    }
  }

  // With `masked_number`, a `number_mention` macro becomes
  // kNumberPlaceholder, and *masked_number tells whether `pattern` used one.
  absl::Status Expand(absl::string_view pattern, std::string* out,
                      bool* masked_number = nullptr) const {
    out->clear();
    if (masked_number != nullptr) *masked_number = false;
    return ExpandInto(pattern, 0, /*class_macro=*/"", masked_number, out);
  }

 private:
  // Appends `pattern` with its macros expanded. Outside a character class a
  // macro becomes a non-capturing group; inside one ("[{UPPER}’'-]") its
  // pattern is pasted as is, since there "(?:" would be three more members
  // of the class. `class_macro` names the macro `pattern` is, when it is
  // being pasted into a class.
  absl::Status ExpandInto(absl::string_view pattern, int depth,
                          absl::string_view class_macro, bool* masked_number,
                          std::string* out) const {
    if (depth > kMaxMacroDepth) {
      return absl::InvalidArgumentError(
          "macros nest too deeply (is a macro defined in terms of itself?)");
    }
    bool in_class = !class_macro.empty();
    for (size_t i = 0; i < pattern.size(); ++i) {
      char c = pattern[i];
      if (c == '\\' && i + 1 < pattern.size()) {
        // Copy the escape whole: \p{Lu} names a Unicode class and \x{2019}
        // a code point, not a macro.
        size_t length = 2;
        if ((pattern[i + 1] == 'p' || pattern[i + 1] == 'P' ||
             pattern[i + 1] == 'x') &&
            i + 2 < pattern.size() && pattern[i + 2] == '{') {
          size_t close = pattern.find('}', i);
          length = close == absl::string_view::npos ? pattern.size() - i
                                                    : close + 1 - i;
        }
        out->append(pattern.data() + i, length);
        i += length - 1;
        continue;
      }
      if (c == '[' && !in_class) {
        // A "]" right after "[" or "[^" is a member, not the class's end.
        size_t members = i + 1;
        if (members < pattern.size() && pattern[members] == '^') ++members;
        if (members < pattern.size() && pattern[members] == ']') ++members;
        out->append(pattern.data() + i, members - i);
        i = members - 1;
        in_class = true;
        continue;
      }
      if (c == '[' && in_class && absl::StartsWith(pattern.substr(i), "[:")) {
        size_t close = pattern.find(":]", i + 2);
        size_t length = close == absl::string_view::npos ? 1 : close + 2 - i;
        out->append(pattern.data() + i, length);
        i += length - 1;
        continue;
      }
      // Pasted into a class, these would end it or read as members where
      // the macro meant syntax (a lexicon's "(?:said)|(?:says)").
      if (!class_macro.empty() &&
          absl::string_view("[]()|").find(c) != absl::string_view::npos) {
        return absl::InvalidArgumentError(absl::StrCat(
            "{", class_macro,
            "} is used inside a character class, so it must hold class "
            "members only (such as A-Z\\x{C0}-\\x{D6}; escape [ ] ( ) |), "
            "not \"",
            absl::string_view(&c, 1), "\""));
      }
      if (c == ']' && in_class) in_class = false;
      if (c == '{' && i + 1 < pattern.size() && 'A' <= pattern[i + 1] &&
          pattern[i + 1] <= 'Z') {
        size_t close = pattern.find('}', i);
        if (close == absl::string_view::npos) {
          return absl::InvalidArgumentError(
              absl::StrCat("unterminated macro reference at offset ", i));
        }
        std::string name(pattern.substr(i + 1, close - i - 1));
        auto it = definitions_.find(name);
        if (it == definitions_.end()) {
          return absl::InvalidArgumentError(
              absl::StrCat("unknown macro {", name, "}"));
        }
        if (masked_number != nullptr && !in_class &&
            number_mentions_.contains(name)) {
          absl::StrAppend(out, "(?:", kNumberPlaceholder, ")");
          *masked_number = true;
          i = close;
          continue;
        }
        if (!in_class) out->append("(?:");
        absl::Status status = ExpandInto(
            it->second, depth + 1, in_class ? absl::string_view(it->first) : "",
            masked_number, out);
        if (!status.ok()) return status;
        if (!in_class) out->append(")");
        i = close;
        continue;
      }
      out->push_back(c);
    }
    return absl::OkStatus();
  }

  absl::flat_hash_map<std::string, std::string> definitions_;
  absl::flat_hash_set<std::string> number_mentions_;
};

absl::Status Compile(const MacroExpander& expander, const PendingRule& pending,
                     int64_t match_memory, PatternPool& pool,
                     CompiledRule* compiled) {
  const Rule& rule = pending.rule;
  auto error = [&](absl::string_view what) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "%s: rule \"%s\": %s", pending.location, rule.id(), what));
  };
  compiled->rule = rule;
  compiled->location = pending.location;
  absl::Status status = expander.Expand(rule.pattern(), &compiled->expanded_pattern);
  if (!status.ok()) return error(status.message());
  std::string cut;
  std::string tail_group;
  if (rule.kind() == ATTRIBUTION &&
      CutTrailingRun(compiled->expanded_pattern, &cut, &tail_group)) {
    compiled->re = CompilePattern(pool, rule.kind(), cut, match_memory);
  }
  if (compiled->re == nullptr || !compiled->re->ok()) {
    tail_group.clear();
    compiled->re = CompilePattern(pool, rule.kind(), compiled->expanded_pattern,
                                  match_memory);
  }
  if (!compiled->re->ok()) {
    return error(
        absl::StrCat("pattern does not compile: ", compiled->re->error()));
  }
  for (const auto& [name, index] : compiled->re->NamedCapturingGroups()) {
    compiled->groups.emplace_back(name, index);
  }
  std::sort(compiled->groups.begin(), compiled->groups.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  if (!tail_group.empty()) compiled->tail_group = compiled->group_index(tail_group);
  if (rule.kind() == ATTRIBUTION) {
    compiled->cue_split_pool = &pool;
    compiled->cue_split_memory = match_memory;
    for (const char* required : {"speaker", "cue", "content"}) {
      if (compiled->group_index(required) < 0) {
        return error(absl::StrCat("an ATTRIBUTION pattern needs a (?P<",
                                  required, ">...) group"));
      }
    }
  }
  if (rule.kind() == FIGURE && rule.figure_role() == FIGURE_PATTERN) {
    std::string masked;
    bool uses_number = false;
    status = expander.Expand(rule.pattern(), &masked, &uses_number);
    if (!status.ok()) return error(status.message());
    if (uses_number) {
      compiled->number_masked_re =
          CompilePattern(pool, rule.kind(), masked, match_memory);
      if (!compiled->number_masked_re->ok()) {
        return error(
            absl::StrCat("pattern with numbers masked does not compile: ",
                         compiled->number_masked_re->error()));
      }
      if (compiled->number_masked_re->NamedCapturingGroups() !=
          compiled->re->NamedCapturingGroups()) {
        return error(
            "a number_mention macro must not hold groups of the pattern");
      }
    }
  }
  compiled->expanded_trigger = compiled->expanded_pattern;
  if (!rule.trigger().empty()) {
    status = expander.Expand(rule.trigger(), &compiled->expanded_trigger);
    if (!status.ok()) return error(status.message());
    RE2 trigger(compiled->expanded_trigger, PatternOptions());
    if (!trigger.ok()) {
      return error(absl::StrCat("trigger does not compile: ", trigger.error()));
    }
  }
  for (auto [field, pattern, re] :
       {std::make_tuple("prefilter", &rule.prefilter(),
                        &compiled->prefilter_re),
        std::make_tuple("speaker_exclude", &rule.speaker_exclude(),
                        &compiled->speaker_exclude_re),
        std::make_tuple("content_exclude", &rule.content_exclude(),
                        &compiled->content_exclude_re)}) {
    if (pattern->empty()) continue;
    std::string expanded;
    status = expander.Expand(*pattern, &expanded);
    if (!status.ok()) return error(status.message());
    *re = CompilePattern(pool, rule.kind(), expanded, match_memory);
    if (!(*re)->ok()) {
      return error(absl::StrCat(field, " does not compile: ", (*re)->error()));
    }
  }
  if (!rule.unless_followed_by().empty()) {
    std::string expanded;
    status = expander.Expand(rule.unless_followed_by(), &expanded);
    if (!status.ok()) return error(status.message());
    compiled->follow_re =
        CompilePattern(pool, rule.kind(), expanded, match_memory);
    if (!compiled->follow_re->ok()) {
      return error(absl::StrCat("unless_followed_by does not compile: ",
                                compiled->follow_re->error()));
    }
  }
  return absl::OkStatus();
}

absl::Status ReadPackDir(const std::string& dir,
                         std::vector<RulePackSource>* packs) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return absl::NotFoundError(
        absl::StrCat(dir, ": rule directory does not exist"));
  }
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".textproto") {
      files.push_back(entry.path().string());
    }
  }
  if (ec) return absl::InternalError(absl::StrCat(dir, ": ", ec.message()));
  std::sort(files.begin(), files.end());
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    if (!in) {
      return absl::NotFoundError(absl::StrCat(file, ": cannot read"));
    }
    packs->push_back({file, content.str()});
  }
  return absl::OkStatus();
}

// One RE2::Set over the `pattern` of each rule, within the index budget; null
// when there are no rules, the set refuses a pattern or does not fit.
std::unique_ptr<RE2::Set> CompileSet(
    const std::vector<absl::string_view>& patterns, RE2::Anchor anchor) {
  if (patterns.empty()) return nullptr;
  RE2::Options options = PatternOptions();
  options.set_max_mem(kIndexMemory);
  auto set = std::make_unique<RE2::Set>(options, anchor);
  for (absl::string_view pattern : patterns) {
    if (set->Add(Piece(pattern), nullptr) < 0) return nullptr;
  }
  if (!set->Compile()) return nullptr;
  return set;
}

// Cue offsets one search through a CueSplit tries before it leaves the
// search to the whole pattern. Each try may read the sentence again (the tail
// forwards, the head backwards from the cue), so a sentence with a cue in
// every other word would cost its length times its cues; past this many it
// costs one whole-pattern search more instead. A news sentence holds a few.
constexpr int kMaxCueTries = 16;

enum class CueSearch { kFound, kNotFound, kGaveUp };

// The leftmost match of `rule` in input[from, end) through `split`, its
// CueSplit, with the pattern's groups in pieces[0, groups): the match and
// groups rule.re finds. kGaveUp when the search is better left to rule.re:
// too many cues, or a cue that matches the empty string (HEAD needs a
// character after it).
CueSearch MatchAtCue(const CompiledRule& rule, const CueSplit& split,
                     const re2::StringPiece& input, size_t from,
                     re2::StringPiece* pieces, int groups) {
  if (split.anchored_head != nullptr && split.UseAnchoredHead()) {
    bool rejected = !split.anchored_head->Match(
        input, from, input.size(), RE2::ANCHOR_START, nullptr, 0);
    split.RecordAnchoredHead(rejected);
    if (rejected) return CueSearch::kNotFound;
  }
  absl::string_view text(input.data(), input.size());
  // A HEAD that starts with "^" can only start at `from`, so the first cue it
  // fits is the match's unless a later one ties: its groups are taken there
  // and then, instead of searching HEAD once to find its start and again for
  // its groups. RE2 runs its DFA first either way and returns when it says
  // no; for a HEAD too large for its DFA to start (attr.coordinated_second)
  // each search is an NFA run, and this saves one per match.
  const bool anchored = split.anchored_head != nullptr;
  size_t best_start = absl::string_view::npos;
  size_t best_cue = 0;
  bool tied = false;
  int tries = 0;
  re2::StringPiece found;
  for (size_t at = from;
       at < input.size() && split.cue->Match(input, at, input.size(),
                                             RE2::UNANCHORED, &found, 1);) {
    if (found.empty() || ++tries > kMaxCueTries) return CueSearch::kGaveUp;
    size_t cue = static_cast<size_t>(found.data() - input.data());
    at = NextCharacter(text, cue);
    if (!split.tail->Match(input, cue, input.size(), RE2::ANCHOR_START,
                           nullptr, 0)) {
      continue;
    }
    re2::StringPiece through_cue(input.data(), at);
    re2::StringPiece head;
    bool take_groups = anchored && best_start == absl::string_view::npos;
    bool fits = take_groups ? split.head->Match(through_cue, from, at,
                                                RE2::ANCHOR_START, pieces,
                                                split.head_groups + 1)
                            : split.head->Match(through_cue, from, at,
                                                RE2::UNANCHORED, &head, 1);
    if (!fits) continue;
    size_t start =
        take_groups ? from : static_cast<size_t>(head.data() - input.data());
    if (start < best_start) {
      best_start = start;
      best_cue = cue;
      tied = false;
    } else if (start == best_start) {
      tied = true;
    }
    // No start comes before `from`, and any further cue would tie again.
    if (tied && best_start == from) break;
  }
  if (best_start == absl::string_view::npos) return CueSearch::kNotFound;
  if (tied) {
    // Which of the cues the match takes from there is up to the pattern's
    // priorities: ask the pattern, anchored, which keeps its automaton small.
    return rule.re->Match(input, best_start, input.size(), RE2::ANCHOR_START,
                          pieces, groups)
               ? CueSearch::kFound
               : CueSearch::kNotFound;
  }
  // One cue: the pattern's first choice is HEAD's first choice ending there
  // (an anchored HEAD's groups are in `pieces` already), then TAIL's.
  re2::StringPiece through_cue(input.data(), NextCharacter(text, best_cue));
  absl::InlinedVector<re2::StringPiece, kInlineGroups> tail_pieces(
      static_cast<size_t>(groups - split.head_groups));
  if ((!anchored &&
       !split.head->Match(through_cue, best_start, through_cue.size(),
                          RE2::ANCHOR_START, pieces, split.head_groups + 1)) ||
      !split.tail->Match(input, best_cue, input.size(), RE2::ANCHOR_START,
                         tail_pieces.data(),
                         static_cast<int>(tail_pieces.size()))) {
    return CueSearch::kNotFound;
  }
  std::copy(tail_pieces.begin() + 1, tail_pieces.end(),
            pieces + split.head_groups + 1);
  pieces[0] = re2::StringPiece(
      pieces[0].data(), static_cast<size_t>(tail_pieces[0].data() +
                                            tail_pieces[0].size() -
                                            pieces[0].data()));
  return CueSearch::kFound;
}

}  // namespace

void MaskNumber(size_t begin, size_t end, std::string* masked) {
  end = std::min(end, masked->size());
  if (begin >= end) return;
  auto edge = [&](size_t i, char word, char other) {
    unsigned char c = static_cast<unsigned char>((*masked)[i]);
    return absl::ascii_isalnum(c) || c == '_' ? word : other;
  };
  char first = edge(begin, '_', '\x01');
  char last = edge(end - 1, '_', '\x00');
  std::fill(masked->begin() + begin, masked->begin() + end, '\x00');
  (*masked)[end - 1] = last;
  (*masked)[begin] = first;
}

bool CueSplit::UseAnchoredHead() const {
  int checks = anchored_checks.load(std::memory_order_relaxed);
  return checks < kAnchoredHeadTrials ||
         2 * anchored_rejections.load(std::memory_order_relaxed) >= checks;
}

void CueSplit::RecordAnchoredHead(bool rejected) const {
  if (anchored_checks.load(std::memory_order_relaxed) >= kAnchoredHeadTrials) {
    return;
  }
  if (rejected) anchored_rejections.fetch_add(1, std::memory_order_relaxed);
  anchored_checks.fetch_add(1, std::memory_order_relaxed);
}

const CueSplit* CompiledRule::cue_split() const {
  if (rule.kind() != ATTRIBUTION || cue_split_pool == nullptr) return nullptr;
  std::call_once(cue_split_once, [this] {
    cue_split_compiled =
        CompileCueSplit(*cue_split_pool, *re, cue_split_memory);
  });
  return cue_split_compiled.get();
}

int CompiledRule::group_index(absl::string_view name) const {
  for (const auto& [group, index] : groups) {
    if (group == name) return index;
  }
  return -1;
}

std::pair<int, int> RuleMatch::group(absl::string_view name) const {
  if (rule == nullptr) return {-1, -1};
  for (size_t i = 0; i < rule->groups.size(); ++i) {
    if (rule->groups[i].first == name) return group_spans[i];
  }
  return {-1, -1};
}

bool ExcludesContent(const CompiledRule& rule, absl::string_view content) {
  return rule.content_exclude_re != nullptr &&
         rule.content_exclude_re->Match(Piece(content), 0, content.size(),
                                        RE2::ANCHOR_START, nullptr, 0);
}

bool ApplyRule(const CompiledRule& rule, absl::string_view text,
               RuleMatch* match, size_t from) {
  RuleKind kind = rule.rule.kind();
  RE2::Anchor anchor = RE2::UNANCHORED;
  if (kind == ABBREVIATION || kind == CUE || kind == SPEAKER ||
      kind == REFERENCE || kind == NOT_SPEAKER) {
    anchor = RE2::ANCHOR_BOTH;
  } else if (kind == SENTENCE_CONTINUATION) {
    anchor = RE2::ANCHOR_START;
  }
  int groups = rule.re->NumberOfCapturingGroups() + 1;
  absl::InlinedVector<re2::StringPiece, kInlineGroups> pieces(groups);
  re2::StringPiece input = Piece(text);
  SearchTimer<CompiledRule> timer(rule);
  if (from > input.size() ||
      PrefilterRejects(rule, input, from, input.size())) {
    timer.Finish(false);
    return false;
  }
  CueSearch search = CueSearch::kGaveUp;
  const CueSplit* split =
      anchor == RE2::UNANCHORED ? rule.cue_split() : nullptr;
  if (split != nullptr) {
    search = MatchAtCue(rule, *split, input, from, pieces.data(), groups);
  }
  bool found = search == CueSearch::kFound ||
               (search == CueSearch::kGaveUp &&
                rule.re->Match(input, from, input.size(), anchor, pieces.data(),
                               groups));
  timer.Finish(found);
  if (!found) return false;
  if (rule.tail_group >= 0 && pieces[rule.tail_group].data() != nullptr) {
    const char* begin = pieces[rule.tail_group].data();
    pieces[rule.tail_group] = re2::StringPiece(
        begin, static_cast<size_t>(input.end() - begin));
    pieces[0] = re2::StringPiece(
        pieces[0].data(), static_cast<size_t>(input.end() - pieces[0].data()));
  }
  match->begin = static_cast<int>(pieces[0].data() - input.data());
  match->end = match->begin + static_cast<int>(pieces[0].size());
  match->rule = &rule;
  match->group_spans.clear();
  for (const auto& [name, index] : rule.groups) {
    const re2::StringPiece& piece = pieces[index];
    int begin = piece.data() == nullptr
                    ? -1
                    : static_cast<int>(piece.data() - input.data());
    match->group_spans.emplace_back(
        begin, piece.data() == nullptr
                   ? -1
                   : begin + static_cast<int>(piece.size()));
  }
  return true;
}

RuleIndex::RuleIndex(std::vector<const CompiledRule*> rules)
    : rules_(std::move(rules)) {
  // Rules that share a trigger share its place in the set: a copy would
  // only add threads to every state of the set's automaton.
  std::vector<absl::string_view> triggers;
  absl::flat_hash_map<absl::string_view, int> trigger_position;
  for (size_t i = 0; i < rules_.size(); ++i) {
    absl::string_view trigger = rules_[i]->expanded_trigger;
    auto [it, added] = trigger_position.try_emplace(
        trigger, static_cast<int>(triggers.size()));
    if (added) {
      triggers.push_back(trigger);
      rules_of_trigger_.emplace_back();
    }
    rules_of_trigger_[it->second].push_back(static_cast<int>(i));
  }
  set_ = CompileSet(triggers, RE2::UNANCHORED);
}

FullMatchIndex::FullMatchIndex(std::vector<const CompiledRule*> rules)
    : rules_(std::move(rules)) {
  std::vector<absl::string_view> patterns;
  for (const CompiledRule* rule : rules_) {
    patterns.push_back(rule->expanded_pattern);
  }
  set_ = CompileSet(patterns, RE2::ANCHOR_BOTH);
}

const CompiledRule* FullMatchIndex::Find(absl::string_view text) const {
  std::vector<int> matched;
  RE2::Set::ErrorInfo error;
  if (set_ != nullptr) {
    if (set_->Match(Piece(text), &matched, &error)) {
      return rules_[*std::min_element(matched.begin(), matched.end())];
    }
    if (error.kind == RE2::Set::kNoError) return nullptr;
  }
  for (const CompiledRule* rule : rules_) {
    if (RE2::FullMatch(Piece(text), *rule->re)) return rule;
  }
  return nullptr;
}

void RuleIndex::Candidates(absl::string_view text,
                           std::vector<int>* indices) const {
  indices->clear();
  SearchTimer<RuleIndex> timer(*this);
  RE2::Set::ErrorInfo error;
  if (set_ == nullptr || (!set_->Match(Piece(text), indices, &error) &&
                          error.kind != RE2::Set::kNoError)) {
    // No set (over its budget), or its DFA gave up on this text: every rule
    // stays a candidate, so nothing is missed, only time.
    indices->resize(rules_.size());
    for (size_t i = 0; i < rules_.size(); ++i) indices->at(i) = static_cast<int>(i);
    timer.Finish(!rules_.empty());
    return;
  }
  timer.Finish(!indices->empty());
  // The set named triggers: each stands for the rules that share it.
  size_t matched_triggers = indices->size();
  for (size_t i = 0; i < matched_triggers; ++i) {
    const std::vector<int>& sharing = rules_of_trigger_[(*indices)[i]];
    (*indices)[i] = sharing.front();
    indices->insert(indices->end(), sharing.begin() + 1, sharing.end());
  }
  std::sort(indices->begin(), indices->end());
}

absl::StatusOr<std::unique_ptr<RuleSet>> RuleSet::Load(
    const std::vector<RulePackSource>& builtin,
    const std::vector<std::string>& dirs, const RuleSetOptions& options) {
  if (options.compile_threads < 1) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "compile threads must be at least 1; got %d", options.compile_threads));
  }
  if (options.pattern_memory < kMinPatternMemory ||
      options.pattern_memory > kMaxPatternMemory) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "pattern memory must be from %d to %d MiB; got %d bytes",
        kMinPatternMemory >> 20, kMaxPatternMemory >> 20,
        options.pattern_memory));
  }
  std::vector<RulePackSource> packs = builtin;
  for (const std::string& dir : dirs) {
    absl::Status status = ReadPackDir(dir, &packs);
    if (!status.ok()) return status;
  }
  Pending pending;
  for (const RulePackSource& pack : packs) {
    absl::Status status = AddPack(pack, &pending);
    if (!status.ok()) return status;
  }
  MacroExpander expander(pending);
  std::unique_ptr<RuleSet> set(new RuleSet());
  set->patterns_ = std::make_unique<PatternPool>(PatternOptions());
  const std::string* number_mention = nullptr;
  for (const std::string& name : pending.macro_order) {
    const PendingMacro& macro = pending.macros.at(name);
    if (!macro.number_mention) continue;
    if (number_mention != nullptr) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "%s: macro \"%s\": only one macro may be a number_mention; \"%s\" "
          "at %s is one",
          macro.location, name, *number_mention,
          pending.macros.at(*number_mention).location));
    }
    number_mention = &name;
    std::string expanded;
    absl::Status status = expander.Expand(macro.pattern, &expanded);
    if (status.ok()) {
      set->number_mention_ =
          CompileWithin(*set->patterns_, expanded, options.pattern_memory);
      if (!set->number_mention_->ok()) {
        status = absl::InvalidArgumentError(set->number_mention_->error());
      }
    }
    if (!status.ok()) {
      return absl::InvalidArgumentError(absl::StrFormat(
          "%s: macro \"%s\": %s", macro.location, name, status.message()));
    }
  }
  std::vector<std::unique_ptr<CompiledRule>> compiled_rules(
      pending.rules.size());
  std::vector<absl::Status> statuses(pending.rules.size());
  ParallelFor(options.compile_threads, pending.rules.size(), [&](size_t i) {
    compiled_rules[i] = std::make_unique<CompiledRule>();
    statuses[i] = Compile(expander, pending.rules[i], options.pattern_memory,
                          *set->patterns_, compiled_rules[i].get());
  });
  for (size_t i = 0; i < pending.rules.size(); ++i) {
    // The error of the first rule in pack order, as when compiling in turn.
    if (!statuses[i].ok()) return statuses[i];
    std::unique_ptr<CompiledRule>& compiled = compiled_rules[i];
    set->by_id_[compiled->rule.id()] = compiled.get();
    set->by_kind_[compiled->rule.kind()].push_back(compiled.get());
    set->all_.push_back(std::move(compiled));
  }
  auto& attribution = set->by_kind_[ATTRIBUTION];
  std::stable_sort(attribution.begin(), attribution.end(),
                   [](const CompiledRule* a, const CompiledRule* b) {
                     return a->rule.priority() < b->rule.priority();
                   });
  set->cues_ = FullMatchIndex(set->rules(CUE));
  for (auto& [kind, rules] : set->by_kind_) {
    if (kind != ATTRIBUTION && kind != SOURCE && kind != ANONYMITY_REASON) {
      continue;
    }
    // Every trigger compiled on its own; only the budget can fail here.
    RuleIndex& index = set->index_[kind] = RuleIndex(rules);
    if (!index.ok()) {
      return absl::ResourceExhaustedError(absl::StrCat(
          "the ", RuleKind_Name(static_cast<RuleKind>(kind)),
          " rules together exceed the pattern memory budget of ",
          kIndexMemory, " bytes"));
    }
  }
  return set;
}

const std::vector<const CompiledRule*>& RuleSet::rules(RuleKind kind) const {
  static const std::vector<const CompiledRule*>* const kEmpty =
      new std::vector<const CompiledRule*>();
  auto it = by_kind_.find(kind);
  return it == by_kind_.end() ? *kEmpty : it->second;
}

const RuleIndex& RuleSet::index(RuleKind kind) const {
  static const RuleIndex* const kEmpty = new RuleIndex();
  auto it = index_.find(kind);
  return it == index_.end() ? *kEmpty : it->second;
}

const CompiledRule* RuleSet::Find(absl::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second;
}

const CompiledRule* RuleSet::FindCue(absl::string_view cue_text) const {
  return cues_.Find(cue_text);
}

}  // namespace claims
