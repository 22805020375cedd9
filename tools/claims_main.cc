// The `claims` command-line tool: a table of subcommands and a dispatcher.
// Usage: `claims help`; the dispatcher and flag syntax: tools/command.h.
#include <unistd.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

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

// Keeps freed memory in the process. By default glibc gives it back to the
// kernel and maps it again: over the Kremlin corpus with two threads, about
// 600 times a thread's 64 MiB heap was created and deleted as its RE2 DFA
// caches refilled, and 4,000 NFA work areas were mapped and unmapped, each
// unmapping a TLB flush on both cores (system time 0.7-1.4 s; 0.6-0.8 s
// with these settings, peak RSS the same).
void KeepFreedMemory() {
#ifdef __GLIBC__
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_TOP_PAD, 64 << 20);
#endif
}

}  // namespace claims::cli

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  claims::cli::KeepFreedMemory();
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
