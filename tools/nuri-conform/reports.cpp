#include "nuri-conform/reports.h"

#include <cmath>
#include <iomanip>
#include <map>
#include <set>
#include <sstream>

namespace nuri::conform {
namespace {

std::string jsonString(const std::string &s) {
  std::ostringstream os;
  os << '"';
  for (unsigned char ch : s) {
    switch (ch) {
    case '"':
      os << "\\\"";
      break;
    case '\\':
      os << "\\\\";
      break;
    case '\n':
      os << "\\n";
      break;
    case '\t':
      os << "\\t";
      break;
    default:
      if (ch < 0x20)
        os << "\\u" << std::hex << std::setw(4) << std::setfill('0')
           << static_cast<int>(ch) << std::dec;
      else
        os << ch;
    }
  }
  os << '"';
  return os.str();
}

std::string jsonNumber(double v) {
  if (!std::isfinite(v))
    return "null";
  std::ostringstream os;
  os << std::setprecision(9) << v;
  return os.str();
}

std::string xmlEscape(const std::string &s) {
  std::string out;
  for (char ch : s) {
    switch (ch) {
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '&':
      out += "&amp;";
      break;
    case '"':
      out += "&quot;";
      break;
    default:
      out += ch;
    }
  }
  return out;
}

bool isError(CaseStatus s) {
  return s == CaseStatus::kError || s == CaseStatus::kCrashed ||
         s == CaseStatus::kTimeout;
}

std::string markdownCell(const std::string &s) {
  std::string out;
  for (char ch : s)
    out += ch == '|' ? std::string("\\|") : std::string(1, ch);
  return out;
}

} // namespace

Summary summarize(const std::vector<CaseResult> &results) {
  Summary s;
  for (const CaseResult &r : results) {
    ++s.total;
    if (r.status == CaseStatus::kPassed)
      ++s.passed;
    else if (r.status == CaseStatus::kFailed)
      ++s.failed;
    else if (r.status == CaseStatus::kSkipped)
      ++s.skipped;
    else
      ++s.errors;
  }
  return s;
}

void writeJson(const std::vector<CaseResult> &results, std::ostream &os) {
  Summary s = summarize(results);
  os << "{\n  \"summary\": {\"passed\": " << s.passed
     << ", \"failed\": " << s.failed << ", \"skipped\": " << s.skipped
     << ", \"errors\": " << s.errors << ", \"total\": " << s.total
     << "},\n  \"tests\": [";
  for (size_t i = 0; i < results.size(); ++i) {
    const CaseResult &r = results[i];
    os << (i ? ",\n" : "\n") << "    {\"name\": " << jsonString(r.name)
       << ", \"status\": " << jsonString(std::string(statusName(r.status)))
       << ", \"op_type\": " << jsonString(r.opType)
       << ", \"category\": " << jsonString(r.category)
       << ", \"reason\": " << jsonString(r.reason)
       << ", \"max_abs_err\": " << jsonNumber(r.maxAbsError)
       << ", \"seconds\": " << jsonNumber(r.seconds) << "}";
  }
  os << "\n  ]\n}\n";
}

void writeJUnit(const std::vector<CaseResult> &results, std::ostream &os) {
  std::map<std::string, std::vector<const CaseResult *>> bySuite;
  for (const CaseResult &r : results)
    bySuite[r.name.substr(0, r.name.find('/'))].push_back(&r);
  os << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n";
  for (const auto &[suite, cases] : bySuite) {
    int failures = 0, errors = 0, skipped = 0;
    double seconds = 0;
    for (const CaseResult *r : cases) {
      failures += r->status == CaseStatus::kFailed;
      errors += isError(r->status);
      skipped += r->status == CaseStatus::kSkipped;
      seconds += r->seconds;
    }
    os << "  <testsuite name=\"" << xmlEscape(suite) << "\" tests=\""
       << cases.size() << "\" failures=\"" << failures << "\" errors=\""
       << errors << "\" skipped=\"" << skipped << "\" time=\""
       << jsonNumber(seconds) << "\">\n";
    for (const CaseResult *r : cases) {
      std::string name = r->name.substr(r->name.find('/') + 1);
      os << "    <testcase classname=\"" << xmlEscape(suite) << "\" name=\""
         << xmlEscape(name) << "\" time=\"" << jsonNumber(r->seconds) << "\"";
      std::string message = xmlEscape(r->category + ": " + r->reason);
      if (r->status == CaseStatus::kPassed)
        os << "/>\n";
      else if (r->status == CaseStatus::kFailed)
        os << "><failure message=\"" << message << "\">"
           << xmlEscape(r->details) << "</failure></testcase>\n";
      else if (r->status == CaseStatus::kSkipped)
        os << "><skipped message=\"" << message << "\"/></testcase>\n";
      else
        os << "><error message=\"" << message << "\"/></testcase>\n";
    }
    os << "  </testsuite>\n";
  }
  os << "</testsuites>\n";
}

void writeMarkdown(const std::vector<CaseResult> &results,
                   const std::string &title, const std::string &device,
                   std::ostream &os) {
  Summary s = summarize(results);
  os << "# " << title << "\n\n";
  os << "Device `" << device << "`: **" << s.passed << " of " << s.total
     << "** cases pass (" << s.failed << " fail, " << s.errors << " errors, "
     << s.skipped << " skipped).\n\n";
  struct Row {
    int passed = 0, total = 0;
    std::map<std::string, int> reasons;
  };
  std::map<std::string, Row> rows;
  for (const CaseResult &r : results) {
    Row &row = rows[r.opType.empty() ? "(unknown)" : r.opType];
    ++row.total;
    if (r.status == CaseStatus::kPassed)
      ++row.passed;
    else
      ++row.reasons[r.category];
  }
  os << "| Op type | Passed | Total | Why the rest do not pass |\n";
  os << "|---|---|---|---|\n";
  for (const auto &[op, row] : rows) {
    std::string why;
    for (const auto &[category, count] : row.reasons)
      why += (why.empty() ? "" : ", ") + category + " (" +
             std::to_string(count) + ")";
    os << "| " << markdownCell(op) << " | " << row.passed << " | " << row.total
       << " | " << markdownCell(why) << " |\n";
  }
}

} // namespace nuri::conform
