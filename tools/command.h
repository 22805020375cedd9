// Subcommands of the `claims` tool and the dispatcher that runs them.
//
// A subcommand is a Command in its own file, tools/NAME_command.cc:
//
//   ABSL_FLAG(bool, include_text, false, "Copy the text into Document.text.");
//
//   namespace claims::cli {
//   namespace {
//   int RunExtract(const std::vector<std::string>& args, std::ostream& out,
//                  std::ostream& err) { ... return kExitOk; }
//   }  // namespace
//
//   extern const Command kExtractCommand = {
//       "extract", "[flags] FILE... | -",
//       "Extract attributed claims from articles.",
//       "Longer description for --help ...",
//       {"format", "rules", "input_format", "include_text"},
//       RunExtract};
//   }  // namespace claims::cli
//
// and is registered by one line in the table in tools/claims_main.cc.
//
// Flags are Abseil flags (ABSL_FLAG), defined in the subcommand's file or, when
// several subcommands share them, in tools/cli.cc. Abseil keeps one registry
// for the whole binary, so each Command lists the flags it accepts: any other
// flag is a usage error for that subcommand, and `--help` lists exactly these,
// with their help text and defaults. The parser here, not
// absl::ParseCommandLine, reads them, because in Abseil 20220623 that function
// exits with status 1 on --help and on errors (we promise 0 and 2) and cannot
// restrict flags to a subcommand. Accepted spellings: --name=value,
// --name value, -name=value, --bool_flag, --nobool_flag; a repeated
// std::vector<std::string> flag accumulates (--rules=a --rules=b); "--" ends
// the flags.
#ifndef CLAIMS_TOOLS_COMMAND_H_
#define CLAIMS_TOOLS_COMMAND_H_

#include <ostream>
#include <string>
#include <vector>

#include "absl/types/span.h"

namespace claims::cli {

// Exit statuses shared by every subcommand.
inline constexpr int kExitOk = 0;
// For subcommands that promise it: the run found something (e.g. `check`).
inline constexpr int kExitFindings = 1;
// Bad flags or arguments, rule packs that do not load, or unreadable inputs.
inline constexpr int kExitUsage = 2;

struct Command {
  // The word after `claims`: "extract".
  const char* name;
  // What follows the name in the synopsis: "[flags] FILE... | -".
  const char* arguments;
  // One line for `claims help`.
  const char* summary;
  // Printed by `claims NAME --help` after the synopsis: what it does, its
  // input and output, its exit statuses.
  const char* details;
  // The ABSL_FLAG names it accepts, in the order --help lists them.
  std::vector<std::string> flags;
  // Runs with the flags already set; `args` are the positional arguments.
  // Returns the exit status.
  int (*run)(const std::vector<std::string>& args, std::ostream& out,
             std::ostream& err);
};

// `claims NAME --help`: the synopsis, details and flags of `command`.
void PrintCommandUsage(const Command& command, std::ostream& out);

// Parses `args` (what follows the subcommand name) for `command` and runs it.
// --help prints the usage and returns kExitOk; a flag error prints a message
// and returns kExitUsage.
int RunCommand(const Command& command, const std::vector<std::string>& args,
               std::ostream& out, std::ostream& err);

// The whole tool: `args` are argv without the program name.
//   claims help | --help | -h      usage and the list of subcommands
//   claims help NAME               same as claims NAME --help
//   claims NAME [flags] [args]     RunCommand
// An unknown subcommand (or no subcommand) returns kExitUsage.
int RunTool(absl::Span<const Command* const> commands,
            const std::vector<std::string>& args, std::ostream& out,
            std::ostream& err);

}  // namespace claims::cli

#endif  // CLAIMS_TOOLS_COMMAND_H_
