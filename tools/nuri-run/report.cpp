#include "report.h"

#include <algorithm>
#include <cstdio>

namespace nuri::run {

TimingSummary summarizeTiming(std::vector<double> runMs) {
  TimingSummary summary;
  if (runMs.empty())
    return summary;
  std::sort(runMs.begin(), runMs.end());
  size_t n = runMs.size();
  summary.medianMs =
      n % 2 ? runMs[n / 2] : (runMs[n / 2 - 1] + runMs[n / 2]) / 2;
  summary.minMs = runMs.front();
  summary.runs = n;
  return summary;
}

void printTiming(std::ostream &os, std::vector<double> runMs) {
  if (runMs.empty())
    return;
  TimingSummary summary = summarizeTiming(std::move(runMs));
  char line[160];
  std::snprintf(line, sizeof line,
                "wall time: median %.3f ms, min %.3f ms over %zu run%s\n",
                summary.medianMs, summary.minMs, summary.runs,
                summary.runs == 1 ? "" : "s");
  os << line;
}

void ProfileTable::add(const hal::ExecutionProfile &profile) {
  ++runs_;
  for (const hal::ProfileRecord &record : profile.records) {
    Row &row = rows_[record.opType];
    ++row.count;
    row.microseconds += record.microseconds;
  }
  for (const auto &[name, value] : profile.counters)
    counters_[name] += value;
}

void ProfileTable::print(std::ostream &os) const {
  if (runs_ == 0)
    return;
  double total = 0;
  for (const auto &entry : rows_)
    total += entry.second.microseconds;
  std::vector<std::pair<std::string, Row>> sorted(rows_.begin(), rows_.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto &a, const auto &b) {
                     return a.second.microseconds > b.second.microseconds;
                   });
  char line[200];
  std::snprintf(line, sizeof line, "profile (per run, mean of %d):\n", runs_);
  os << line;
  std::snprintf(line, sizeof line, "  %-24s %8s %12s %7s\n", "op type", "count",
                "total ms", "%");
  os << line;
  for (const auto &[opType, row] : sorted) {
    std::snprintf(line, sizeof line, "  %-24s %8.0f %12.4f %6.1f%%\n",
                  opType.c_str(), double(row.count) / runs_,
                  row.microseconds / 1000.0 / runs_,
                  total > 0 ? 100.0 * row.microseconds / total : 0.0);
    os << line;
  }
  std::snprintf(line, sizeof line, "  %-24s %8s %12.4f %6.1f%%\n", "total", "",
                total / 1000.0 / runs_, total > 0 ? 100.0 : 0.0);
  os << line;
  for (const auto &[name, value] : counters_) {
    std::snprintf(line, sizeof line, "  counter %-16s %.6g\n", name.c_str(),
                  value / runs_);
    os << line;
  }
}

std::string fileNameFor(const std::string &name) {
  std::string out = name;
  for (char &c : out) {
    bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!safe)
      c = '_';
  }
  if (out.empty() || out == "." || out == "..")
    out = "_" + out;
  return out;
}

} // namespace nuri::run
