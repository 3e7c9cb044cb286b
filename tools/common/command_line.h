// A small command-line parser in LLVM's style: `--flag`, `--opt=value` or
// `--opt value`, repeatable list options, positional arguments, a generated
// --help text, and an error (with a suggestion) for unknown options.
#ifndef NURI_TOOLS_COMMON_COMMAND_LINE_H
#define NURI_TOOLS_COMMON_COMMAND_LINE_H

#include "nuri/status.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace nuri::tools {

class CommandLine {
public:
  // `usage` is the synopsis after the program name, e.g. "ARTIFACT [options]".
  CommandLine(std::string program, std::string usage, std::string description);

  // --name (true when given; --name=true/false also accepted).
  void flag(std::string name, std::string help, bool *out);
  // --name=VALUE or --name VALUE; at most once.
  void option(std::string name, std::string valueName, std::string help,
              std::string *out);
  void option(std::string name, std::string valueName, std::string help,
              int64_t *out);
  void option(std::string name, std::string valueName, std::string help,
              uint64_t *out);
  void option(std::string name, std::string valueName, std::string help,
              double *out);
  // Repeatable: every occurrence appends.
  void list(std::string name, std::string valueName, std::string help,
            std::vector<std::string> *out);
  // `-c` as another spelling of option `--name` (declared before), e.g.
  // shortName('d', "disassemble"). A value follows as the next argument.
  void shortName(char c, std::string_view name);
  // Positional arguments, filled in order. Missing required ones are
  // reported by parse() unless --help was given.
  void positional(std::string name, std::string help, std::string *out,
                  bool required = true);

  // Parses argv[1..argc). On error nothing more is parsed; the message names
  // the offending argument.
  Status parse(int argc, const char *const *argv);
  Status parse(const std::vector<std::string> &args);

  // True when --help or -h was given (parse() then skips required checks).
  bool helpRequested() const { return helpRequested_; }
  // Whether option `name` appeared on the command line.
  bool given(std::string_view name) const;
  std::string helpText() const;

private:
  enum class Kind { kFlag, kValue, kList };
  struct Option {
    std::string name;
    std::string valueName;
    std::string help;
    Kind kind;
    std::function<Status(std::string_view)> set;
    char shortName = 0;
    bool seen = false;
  };
  struct Positional {
    std::string name;
    std::string help;
    std::string *out;
    bool required;
  };

  void add(std::string name, std::string valueName, std::string help, Kind kind,
           std::function<Status(std::string_view)> set);
  Option *find(std::string_view name);
  Option *findShort(char c);
  std::string suggest(std::string_view name) const;

  std::string program_;
  std::string usage_;
  std::string description_;
  std::vector<Option> options_;
  std::vector<Positional> positionals_;
  bool helpRequested_ = false;
};

// Strict number parsing (the whole string, no trailing junk).
Result<int64_t> parseInt64(std::string_view text);
Result<uint64_t> parseUInt64(std::string_view text);
Result<double> parseDouble(std::string_view text);

} // namespace nuri::tools

#endif // NURI_TOOLS_COMMON_COMMAND_LINE_H
