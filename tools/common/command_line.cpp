#include "common/command_line.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace nuri::tools {

Result<int64_t> parseInt64(std::string_view text) {
  std::string s(text);
  if (s.empty())
    return invalidArgument("expected an integer, got an empty string");
  errno = 0;
  char *end = nullptr;
  long long value = std::strtoll(s.c_str(), &end, 10);
  if (*end != '\0' || errno == ERANGE)
    return invalidArgument("expected an integer, got '", text, "'");
  return static_cast<int64_t>(value);
}

Result<uint64_t> parseUInt64(std::string_view text) {
  std::string s(text);
  if (s.empty() || s[0] == '-' || s[0] == '+')
    return invalidArgument("expected a non-negative integer, got '", text, "'");
  errno = 0;
  char *end = nullptr;
  unsigned long long value = std::strtoull(s.c_str(), &end, 10);
  if (*end != '\0' || errno == ERANGE)
    return invalidArgument("expected a non-negative integer, got '", text, "'");
  return static_cast<uint64_t>(value);
}

Result<double> parseDouble(std::string_view text) {
  std::string s(text);
  if (s.empty())
    return invalidArgument("expected a number, got an empty string");
  errno = 0;
  char *end = nullptr;
  double value = std::strtod(s.c_str(), &end);
  if (*end != '\0' || errno == ERANGE || std::isnan(value))
    return invalidArgument("expected a number, got '", text, "'");
  return value;
}

CommandLine::CommandLine(std::string program, std::string usage,
                         std::string description)
    : program_(std::move(program)), usage_(std::move(usage)),
      description_(std::move(description)) {}

void CommandLine::add(std::string name, std::string valueName, std::string help,
                      Kind kind, std::function<Status(std::string_view)> set) {
  options_.push_back(Option{std::move(name), std::move(valueName),
                            std::move(help), kind, std::move(set)});
}

void CommandLine::flag(std::string name, std::string help, bool *out) {
  add(std::move(name), "", std::move(help), Kind::kFlag,
      [out](std::string_view v) -> Status {
        if (v == "true" || v == "1")
          *out = true;
        else if (v == "false" || v == "0")
          *out = false;
        else
          return invalidArgument("expected true or false, got '", v, "'");
        return okStatus();
      });
}

void CommandLine::option(std::string name, std::string valueName,
                         std::string help, std::string *out) {
  add(std::move(name), std::move(valueName), std::move(help), Kind::kValue,
      [out](std::string_view v) {
        *out = std::string(v);
        return okStatus();
      });
}

void CommandLine::option(std::string name, std::string valueName,
                         std::string help, int64_t *out) {
  add(std::move(name), std::move(valueName), std::move(help), Kind::kValue,
      [out](std::string_view v) -> Status {
        NURI_ASSIGN_OR_RETURN(*out, parseInt64(v));
        return okStatus();
      });
}

void CommandLine::option(std::string name, std::string valueName,
                         std::string help, uint64_t *out) {
  add(std::move(name), std::move(valueName), std::move(help), Kind::kValue,
      [out](std::string_view v) -> Status {
        NURI_ASSIGN_OR_RETURN(*out, parseUInt64(v));
        return okStatus();
      });
}

void CommandLine::option(std::string name, std::string valueName,
                         std::string help, double *out) {
  add(std::move(name), std::move(valueName), std::move(help), Kind::kValue,
      [out](std::string_view v) -> Status {
        NURI_ASSIGN_OR_RETURN(*out, parseDouble(v));
        return okStatus();
      });
}

void CommandLine::list(std::string name, std::string valueName,
                       std::string help, std::vector<std::string> *out) {
  add(std::move(name), std::move(valueName), std::move(help), Kind::kList,
      [out](std::string_view v) {
        out->emplace_back(v);
        return okStatus();
      });
}

void CommandLine::positional(std::string name, std::string help,
                             std::string *out, bool required) {
  positionals_.push_back(
      Positional{std::move(name), std::move(help), out, required});
}

void CommandLine::shortName(char c, std::string_view name) {
  if (Option *option = find(name))
    option->shortName = c;
}

CommandLine::Option *CommandLine::findShort(char c) {
  for (Option &option : options_)
    if (option.shortName == c)
      return &option;
  return nullptr;
}

CommandLine::Option *CommandLine::find(std::string_view name) {
  for (Option &option : options_)
    if (option.name == name)
      return &option;
  return nullptr;
}

bool CommandLine::given(std::string_view name) const {
  for (const Option &option : options_)
    if (option.name == name)
      return option.seen;
  return false;
}

namespace {
size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1,
                         diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}
} // namespace

std::string CommandLine::suggest(std::string_view name) const {
  std::string best;
  size_t bestDistance = std::max<size_t>(2, name.size() / 3) + 1;
  for (const Option &option : options_) {
    size_t d = editDistance(name, option.name);
    if (d < bestDistance) {
      bestDistance = d;
      best = option.name;
    }
  }
  return best;
}

Status CommandLine::parse(int argc, const char *const *argv) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i)
    args.emplace_back(argv[i]);
  return parse(args);
}

Status CommandLine::parse(const std::vector<std::string> &args) {
  size_t nextPositional = 0;
  bool optionsEnded = false;
  auto takePositional = [&](const std::string &arg) -> Status {
    if (nextPositional >= positionals_.size())
      return invalidArgument("unexpected argument '", arg, "'");
    *positionals_[nextPositional++].out = arg;
    return okStatus();
  };
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string &arg = args[i];
    if (optionsEnded || arg == "-" || arg.empty() || arg[0] != '-') {
      NURI_RETURN_IF_ERROR(takePositional(arg));
      continue;
    }
    if (arg == "--") {
      optionsEnded = true;
      continue;
    }
    if (arg == "-h" || arg == "--help" || arg == "-help") {
      helpRequested_ = true;
      continue;
    }
    std::string expanded; // "-d" spelled as its long option
    if (arg.size() == 2 && arg[0] == '-' && arg[1] != '-') {
      if (Option *option = findShort(arg[1]))
        expanded = "--" + option->name;
    }
    if (expanded.empty() && arg.rfind("--", 0) != 0)
      return invalidArgument("unknown option '", arg,
                             "' (options start with '--'); see --help");
    std::string_view body =
        std::string_view(expanded.empty() ? arg : expanded).substr(2);
    size_t eq = body.find('=');
    std::string_view name = body.substr(0, eq);
    Option *option = find(name);
    if (!option) {
      std::string hint = suggest(name);
      if (!hint.empty())
        return invalidArgument("unknown option '--", name,
                               "'; did you mean '--", hint, "'?");
      return invalidArgument("unknown option '--", name, "'; see --help");
    }
    if (option->seen && option->kind != Kind::kList)
      return invalidArgument("option '--", name, "' given more than once");
    option->seen = true;
    std::string value;
    if (eq != std::string_view::npos) {
      value = std::string(body.substr(eq + 1));
    } else if (option->kind == Kind::kFlag) {
      value = "true";
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return invalidArgument("option '--", name, "' needs a value (--", name,
                             "=", option->valueName, ")");
    }
    Status status = option->set(value);
    if (!status.ok())
      return invalidArgument("option '--", name, "': ", status.message());
  }
  if (!helpRequested_)
    for (size_t i = nextPositional; i < positionals_.size(); ++i)
      if (positionals_[i].required)
        return invalidArgument("missing argument ", positionals_[i].name,
                               "; see --help");
  return okStatus();
}

namespace {
// "  left    help" with help aligned at a column, continuation lines indented.
void appendEntry(std::string &out, const std::string &left,
                 const std::string &help) {
  constexpr size_t kColumn = 30;
  std::string line = "  " + left;
  if (line.size() + 2 > kColumn) {
    out += line + "\n";
    line.clear();
  }
  line.resize(kColumn, ' ');
  size_t start = 0;
  while (true) {
    size_t end = help.find('\n', start);
    out += line + help.substr(start, end - start) + "\n";
    if (end == std::string::npos)
      break;
    start = end + 1;
    line.assign(kColumn, ' ');
  }
}
} // namespace

std::string CommandLine::helpText() const {
  std::string out = "USAGE: " + program_ + " " + usage_ + "\n";
  if (!description_.empty())
    out += "\n" + description_ + "\n";
  if (!positionals_.empty()) {
    out += "\nARGUMENTS:\n";
    for (const Positional &p : positionals_)
      appendEntry(out, p.name, p.help);
  }
  out += "\nOPTIONS:\n";
  for (const Option &option : options_) {
    std::string left = "--" + option.name;
    if (option.kind != Kind::kFlag)
      left += "=" + option.valueName;
    if (option.shortName)
      left += std::string(", -") + option.shortName;
    std::string help = option.help;
    if (option.kind == Kind::kList)
      help += "\n(repeatable)";
    appendEntry(out, left, help);
  }
  appendEntry(out, "--help, -h", "Show this help and exit.");
  return out;
}

} // namespace nuri::tools
