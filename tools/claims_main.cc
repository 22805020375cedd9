// The `claims` command-line tool: a table of subcommands and a dispatcher.
// Usage: `claims help`; the dispatcher and flag syntax: tools/command.h.
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "tools/command.h"

namespace claims::cli {

// Each subcommand is defined in tools/NAME_command.cc. To add one: write that
// file (copy extract_command.cc), list it in the `claims` sources of
// tools/CMakeLists.txt and tools/BUILD.bazel, then declare it here and add it
// to kCommands.
extern const Command kExtractCommand;
extern const Command kEvalCommand;
extern const Command kFiguresCommand;
extern const Command kAuditCommand;
extern const Command kDiffCommand;
extern const Command kCheckCommand;

// In the order `claims help` lists them.
const Command* const kCommands[] = {
    &kExtractCommand,
    &kEvalCommand,
    &kFiguresCommand,
    &kAuditCommand,
    &kDiffCommand,
    &kCheckCommand,
};

}  // namespace claims::cli

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  // `bazel run` starts the tool inside its runfiles tree; relative paths on
  // the command line mean the caller's folder.
  if (const char* dir = std::getenv("BUILD_WORKING_DIRECTORY");
      dir != nullptr && *dir != '\0' && chdir(dir) != 0) {
    std::cerr << "claims: cannot change to " << dir << ": "
              << std::strerror(errno) << "\n";
    return claims::cli::kExitUsage;
  }
  return claims::cli::RunTool(claims::cli::kCommands,
                              std::vector<std::string>(argv + 1, argv + argc),
                              std::cout, std::cerr);
}
