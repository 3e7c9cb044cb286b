#include "nuri-conform/expectations.h"

#include <fstream>
#include <set>
#include <sstream>

namespace nuri::conform {

Result<Expectations> loadExpectations(const std::string &path) {
  std::ifstream in(path);
  if (!in)
    return notFound("cannot read expectations file '", path, "'");
  Expectations out;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#')
      continue;
    std::istringstream fields(line);
    std::string name, category;
    fields >> name >> category;
    if (category.empty())
      return invalidArgument(path, ":", number,
                             ": expected '<case> <category> [reason]'");
    std::string reason;
    std::getline(fields >> std::ws, reason);
    if (!out.emplace(name, Expectation{category, reason}).second)
      return invalidArgument(path, ":", number, ": case '", name,
                             "' is listed twice");
  }
  return out;
}

ExpectationCheck checkExpectations(const std::vector<CaseResult> &results,
                                   const Expectations &expected) {
  ExpectationCheck check;
  for (const CaseResult &r : results) {
    bool listed = expected.count(r.name) != 0;
    bool passed = r.status == CaseStatus::kPassed;
    if (passed && listed)
      check.unexpectedPasses.push_back(&r);
    else if (!passed && !listed)
      check.unexpectedFailures.push_back(&r);
  }
  return check;
}

void writeExpectations(const std::vector<CaseResult> &results,
                       const Expectations &previous, const std::string &device,
                       std::ostream &os) {
  std::map<std::string, Expectation> entries;
  std::set<std::string> ran;
  for (const CaseResult &r : results) {
    ran.insert(r.name);
    if (r.status == CaseStatus::kPassed)
      continue;
    auto old = previous.find(r.name);
    entries[r.name] =
        old != previous.end() ? old->second : Expectation{r.category, r.reason};
  }
  for (const auto &[name, e] : previous)
    if (!ran.count(name))
      entries[name] = e;
  os << "# nuri-conform expectations for device " << device
     << ": every case that does not pass.\n"
     << "# <case> <category> <reason>; regenerate with "
        "nuri-conform --update-expectations.\n";
  for (const auto &[name, e] : entries) {
    std::string reason = e.reason;
    for (char &ch : reason)
      if (ch == '\n')
        ch = ' ';
    os << name << "  " << e.category << (reason.empty() ? "" : "  ") << reason
       << "\n";
  }
}

} // namespace nuri::conform
