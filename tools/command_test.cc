#include "tools/command.h"

#include <sstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/cli.h"

ABSL_FLAG(bool, shout, false, "Upper-case the echo.");

namespace claims::cli {
namespace {

using ::testing::HasSubstr;

// Prints what it received, so a test can see how the flags were parsed.
int RunEcho(const std::vector<std::string>& args, std::ostream& out,
            std::ostream&) {
  out << "args=" << absl::StrJoin(args, ",")
      << " format=" << AbslUnparseFlag(absl::GetFlag(FLAGS_format))
      << " rules=" << absl::StrJoin(absl::GetFlag(FLAGS_rules), "|")
      << " shout=" << absl::GetFlag(FLAGS_shout) << "\n";
  return !args.empty() && args[0] == "fail" ? kExitFindings : kExitOk;
}

const Command kEcho = {"echo",
                       "[flags] ARG...",
                       "Repeat the arguments.",
                       "Prints its arguments and flags.",
                       {"format", "rules", "shout"},
                       RunEcho};
const Command kQuiet = {"quiet",         "", "Do nothing.",
                        "Does nothing.", {}, RunEcho};
const Command* const kCommands[] = {&kEcho, &kQuiet};

struct ToolCase {
  std::string name;
  std::vector<std::string> args;
  int status;
  // Substrings expected in standard output and standard error ("" = any).
  std::string out;
  std::string err;
};

class RunToolTest : public ::testing::TestWithParam<ToolCase> {
 protected:
  absl::FlagSaver saved_flags_;
};

TEST_P(RunToolTest, ExitStatusAndMessages) {
  const ToolCase& c = GetParam();
  std::ostringstream out, err;
  EXPECT_EQ(RunTool(kCommands, c.args, out, err), c.status) << err.str();
  EXPECT_THAT(out.str(), HasSubstr(c.out));
  EXPECT_THAT(err.str(), HasSubstr(c.err));
}

INSTANTIATE_TEST_SUITE_P(
    Cases, RunToolTest,
    ::testing::Values(
        // Help, in every spelling, exits 0 on standard output.
        ToolCase{
            "NoSubcommand", {}, kExitUsage, "", "usage: claims SUBCOMMAND"},
        ToolCase{
            "Help", {"help"}, kExitOk, "  echo   Repeat the arguments.", ""},
        ToolCase{
            "DashDashHelp", {"--help"}, kExitOk, "  quiet  Do nothing.", ""},
        ToolCase{"DashH", {"-h"}, kExitOk, "usage: claims SUBCOMMAND", ""},
        ToolCase{"HelpEcho",
                 {"help", "echo"},
                 kExitOk,
                 "usage: claims echo [flags] ARG...\n\nPrints its arguments",
                 ""},
        ToolCase{"EchoHelp",
                 {"echo", "--help"},
                 kExitOk,
                 "  --format=VALUE (default: jsonl)\n      Output: jsonl",
                 ""},
        ToolCase{"EchoHelpAfterArgs",
                 {"echo", "a", "-h"},
                 kExitOk,
                 "  --[no]shout (default: false)\n      Upper-case the echo.\n",
                 ""},
        ToolCase{"HelpListsRepeatable",
                 {"echo", "-help"},
                 kExitOk,
                 "  --rules=VALUE (repeatable; default: none)",
                 ""},
        ToolCase{"HelpWithoutFlags",
                 {"quiet", "--help"},
                 kExitOk,
                 "usage: claims quiet \n\nDoes nothing.\n",
                 ""},
        // Usage errors exit 2 with a message on standard error.
        ToolCase{"HelpUnknown",
                 {"help", "nope"},
                 kExitUsage,
                 "",
                 "claims help: unknown subcommand \"nope\""},
        ToolCase{"UnknownSubcommand",
                 {"nope"},
                 kExitUsage,
                 "",
                 "claims: unknown subcommand \"nope\""},
        ToolCase{"UnknownFlag",
                 {"echo", "--bogus"},
                 kExitUsage,
                 "",
                 "claims echo: unknown flag --bogus\nRun `claims echo --help`"},
        ToolCase{"OtherSubcommandsFlag",
                 {"echo", "--input_format=jsonl"},
                 kExitUsage,
                 "",
                 "unknown flag --input_format"},
        ToolCase{"FlagOfNoOne",
                 {"quiet", "--shout"},
                 kExitUsage,
                 "",
                 "claims quiet: unknown flag --shout"},
        ToolCase{"BadValue",
                 {"echo", "--format=xml"},
                 kExitUsage,
                 "",
                 "claims echo: bad value \"xml\" for --format: unknown output "
                 "format "
                 "\"xml\" (expected jsonl, json, textproto or binpb)\n"},
        ToolCase{"MissingValue",
                 {"echo", "a", "--format"},
                 kExitUsage,
                 "",
                 "flag --format needs a value"},
        ToolCase{"BadBool",
                 {"echo", "--shout=maybe"},
                 kExitUsage,
                 "",
                 "claims echo: bad value \"maybe\" for --shout\n"},
        ToolCase{"NoPrefixOnNonBool",
                 {"echo", "--noformat"},
                 kExitUsage,
                 "",
                 "unknown flag --noformat"},
        // Parsed runs: flags anywhere, "-" is an argument, "--" ends flags.
        ToolCase{"Defaults",
                 {"echo"},
                 kExitOk,
                 "args= format=jsonl rules= shout=0\n",
                 ""},
        ToolCase{"Spellings",
                 {"echo", "a", "--format", "binpb", "-", "-shout", "--", "--x"},
                 kExitOk,
                 "args=a,-,--x format=binpb rules= shout=1\n",
                 ""},
        ToolCase{"RepeatedRules",
                 {"echo", "--rules=r1", "--rules", "r2", "--rules=r3,r4"},
                 kExitOk,
                 "rules=r1|r2|r3|r4 ",
                 ""},
        ToolCase{"NegatedBool",
                 {"echo", "--shout", "--noshout"},
                 kExitOk,
                 "shout=0",
                 ""},
        ToolCase{
            "ExplicitBool", {"echo", "--shout=true"}, kExitOk, "shout=1", ""},
        ToolCase{"PassesExitStatus",
                 {"echo", "fail"},
                 kExitFindings,
                 "args=fail",
                 ""}),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace claims::cli
