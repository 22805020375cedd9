#include "tools/command.h"

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/flags/commandlineflag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace claims::cli {
namespace {

constexpr absl::string_view kHelpFlags[] = {"help", "h", "helpfull"};

bool Accepts(const Command& command, absl::string_view name) {
  return std::find(command.flags.begin(), command.flags.end(), name) !=
         command.flags.end();
}

// The registered flag `name` if `command` accepts it, else null.
absl::CommandLineFlag* FindFlag(const Command& command,
                                absl::string_view name) {
  return Accepts(command, name) ? absl::FindCommandLineFlag(name) : nullptr;
}

bool IsRepeatable(const absl::CommandLineFlag& flag) {
  return flag.IsOfType<std::vector<std::string>>();
}

// Parses the flags in `args` into the registry and collects the positional
// arguments. Returns "" on success, else the problem.
std::string ParseFlags(const Command& command,
                       const std::vector<std::string>& args,
                       std::vector<std::string>* positional) {
  // Values so far of each repeatable flag, so that a repetition appends.
  absl::flat_hash_map<std::string, std::string> repeated;
  for (size_t i = 0; i < args.size(); ++i) {
    absl::string_view arg = args[i];
    if (arg == "--") {
      positional->insert(positional->end(), args.begin() + i + 1, args.end());
      break;
    }
    if (arg == "-" || !absl::StartsWith(arg, "-")) {
      positional->push_back(args[i]);
      continue;
    }
    absl::ConsumePrefix(&arg, "-");
    absl::ConsumePrefix(&arg, "-");
    std::pair<absl::string_view, absl::string_view> name_value =
        absl::StrSplit(arg, absl::MaxSplits('=', 1));
    std::string name(name_value.first);
    bool has_value = arg.find('=') != absl::string_view::npos;
    std::string value(name_value.second);

    absl::CommandLineFlag* flag = FindFlag(command, name);
    if (flag == nullptr && absl::StartsWith(name, "no") && !has_value) {
      absl::CommandLineFlag* negated = FindFlag(command, name.substr(2));
      if (negated != nullptr && negated->IsOfType<bool>()) {
        flag = negated;
        name = name.substr(2);
        value = "false";
        has_value = true;
      }
    }
    if (flag == nullptr) return absl::StrCat("unknown flag --", name);
    if (!has_value) {
      if (flag->IsOfType<bool>()) {
        value = "true";
      } else if (i + 1 < args.size()) {
        value = args[++i];
      } else {
        return absl::StrCat("flag --", name, " needs a value");
      }
    }
    if (IsRepeatable(*flag)) {
      std::string& so_far = repeated[name];
      so_far = so_far.empty() ? value : absl::StrCat(so_far, ",", value);
      value = so_far;
    }
    std::string error;
    if (!flag->ParseFrom(value, &error)) {
      // Abseil's message repeats the value and the flag name before the
      // reason, when there is one: "Illegal value 'x' for flag 'f'; reason".
      size_t reason = error.find("; ");
      return absl::StrCat(
          "bad value \"", value, "\" for --", name,
          reason == std::string::npos ? "" : ": " + error.substr(reason + 2));
    }
  }
  return "";
}

bool AsksForHelp(const std::vector<std::string>& args) {
  for (absl::string_view arg : args) {
    if (arg == "--") return false;
    if (!absl::ConsumePrefix(&arg, "-")) continue;
    absl::ConsumePrefix(&arg, "-");
    for (absl::string_view help : kHelpFlags) {
      if (arg == help) return true;
    }
  }
  return false;
}

void PrintToolUsage(absl::Span<const Command* const> commands,
                    std::ostream& out) {
  out << "usage: claims SUBCOMMAND [flags] [args]\n\n"
         "Finds attributed claims in news articles and records each as a\n"
         "claims.Document protobuf (see proto/claims.proto).\n\n"
         "subcommands:\n";
  size_t width = 4;  // "help"
  for (const Command* command : commands) {
    width = std::max(width, absl::string_view(command->name).size());
  }
  for (const Command* command : commands) {
    out << "  " << command->name
        << std::string(width + 2 - absl::string_view(command->name).size(), ' ')
        << command->summary << "\n";
  }
  out << "  help" << std::string(width - 2, ' ')
      << "Print this text, or a subcommand's usage.\n\n"
         "`claims help SUBCOMMAND` or `claims SUBCOMMAND --help` lists its "
         "flags.\nExit status: 0 ok, 1 findings (subcommands that say so), 2 "
         "usage or input errors.\n";
}

const Command* Find(absl::Span<const Command* const> commands,
                    absl::string_view name) {
  for (const Command* command : commands) {
    if (name == command->name) return command;
  }
  return nullptr;
}

}  // namespace

void PrintCommandUsage(const Command& command, std::ostream& out) {
  out << "usage: claims " << command.name << " " << command.arguments << "\n\n"
      << command.details << "\n";
  if (command.flags.empty()) return;
  out << "\nflags:\n";
  for (const std::string& name : command.flags) {
    const absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
    if (flag == nullptr) {
      // A Command naming a flag nobody defined is a programming error; say so
      // where it shows instead of crashing.
      out << "  --" << name << "  (not defined)\n";
      continue;
    }
    std::string default_value = flag->DefaultValue();
    if (flag->IsOfType<bool>()) {
      out << "  --[no]" << name << " (default: " << default_value << ")\n";
    } else if (IsRepeatable(*flag)) {
      out << "  --" << name << "=VALUE (repeatable; default: "
          << (default_value.empty() ? "none" : default_value) << ")\n";
    } else {
      out << "  --" << name << "=VALUE (default: "
          << (default_value.empty() ? "\"\"" : default_value) << ")\n";
    }
    for (absl::string_view line : absl::StrSplit(flag->Help(), '\n')) {
      out << "      " << line << "\n";
    }
  }
}

int RunCommand(const Command& command, const std::vector<std::string>& args,
               std::ostream& out, std::ostream& err) {
  if (AsksForHelp(args)) {
    PrintCommandUsage(command, out);
    return kExitOk;
  }
  std::vector<std::string> positional;
  std::string problem = ParseFlags(command, args, &positional);
  if (!problem.empty()) {
    err << "claims " << command.name << ": " << problem << "\n"
        << "Run `claims " << command.name << " --help` for usage.\n";
    return kExitUsage;
  }
  return command.run(positional, out, err);
}

int RunTool(absl::Span<const Command* const> commands,
            const std::vector<std::string>& args, std::ostream& out,
            std::ostream& err) {
  if (args.empty()) {
    PrintToolUsage(commands, err);
    return kExitUsage;
  }
  absl::string_view first = args[0];
  if (first == "help" || first == "--help" || first == "-h" ||
      first == "-help") {
    if (args.size() == 1) {
      PrintToolUsage(commands, out);
      return kExitOk;
    }
    const Command* command = Find(commands, args[1]);
    if (command == nullptr) {
      err << "claims help: unknown subcommand \"" << args[1] << "\"\n";
      return kExitUsage;
    }
    PrintCommandUsage(*command, out);
    return kExitOk;
  }
  const Command* command = Find(commands, first);
  if (command == nullptr) {
    err << "claims: unknown subcommand \"" << first << "\"\n"
        << "Run `claims help` for the list.\n";
    return kExitUsage;
  }
  return RunCommand(*command,
                    std::vector<std::string>(args.begin() + 1, args.end()), out,
                    err);
}

}  // namespace claims::cli
