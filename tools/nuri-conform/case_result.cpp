#include "nuri-conform/case_result.h"

#include <array>
#include <cstdlib>
#include <sstream>

namespace nuri::conform {
namespace {

constexpr std::array<std::pair<CaseStatus, std::string_view>, 6> kNames = {{
    {CaseStatus::kPassed, "passed"},
    {CaseStatus::kFailed, "failed"},
    {CaseStatus::kError, "error"},
    {CaseStatus::kSkipped, "skipped"},
    {CaseStatus::kCrashed, "crashed"},
    {CaseStatus::kTimeout, "timeout"},
}};

std::string escape(const std::string &s) {
  std::string out;
  for (char ch : s) {
    if (ch == '\\')
      out += "\\\\";
    else if (ch == '\n')
      out += "\\n";
    else
      out += ch;
  }
  return out;
}

std::string unescape(const std::string &s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      out += s[i + 1] == 'n' ? '\n' : s[i + 1];
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

} // namespace

std::string_view statusName(CaseStatus status) {
  for (const auto &[s, name] : kNames)
    if (s == status)
      return name;
  return "unknown";
}

bool parseStatus(std::string_view name, CaseStatus &status) {
  for (const auto &[s, n] : kNames) {
    if (n == name) {
      status = s;
      return true;
    }
  }
  return false;
}

std::string serializeResult(const CaseResult &r) {
  std::ostringstream os;
  os.precision(17);
  os << "status=" << statusName(r.status) << "\n"
     << "op_type=" << escape(r.opType) << "\n"
     << "category=" << escape(r.category) << "\n"
     << "reason=" << escape(r.reason) << "\n"
     << "max_abs_err=" << r.maxAbsError << "\n"
     << "details=" << escape(r.details) << "\n"
     << "end=1\n";
  return os.str();
}

bool deserializeResult(const std::string &text, CaseResult &r) {
  std::istringstream is(text);
  std::string line;
  bool complete = false;
  while (std::getline(is, line)) {
    size_t eq = line.find('=');
    if (eq == std::string::npos)
      return false;
    std::string key = line.substr(0, eq), value = line.substr(eq + 1);
    if (key == "status" && !parseStatus(value, r.status))
      return false;
    if (key == "op_type")
      r.opType = unescape(value);
    else if (key == "category")
      r.category = unescape(value);
    else if (key == "reason")
      r.reason = unescape(value);
    else if (key == "max_abs_err")
      r.maxAbsError = std::strtod(value.c_str(), nullptr);
    else if (key == "details")
      r.details = unescape(value);
    else if (key == "end")
      complete = true;
  }
  return complete;
}

} // namespace nuri::conform
