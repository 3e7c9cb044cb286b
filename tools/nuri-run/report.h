// nuri-run's printed results: timing summary, profile table, outputs.
#ifndef NURI_TOOLS_NURI_RUN_REPORT_H
#define NURI_TOOLS_NURI_RUN_REPORT_H

#include "nuri/hal/executable.h"

#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace nuri::run {

struct TimingSummary {
  double medianMs = 0;
  double minMs = 0;
  size_t runs = 0;
};
TimingSummary summarizeTiming(std::vector<double> runMs);

// Median and minimum of per-run wall times in milliseconds.
void printTiming(std::ostream &os, std::vector<double> runMs);

// Per-op-type totals accumulated over every profiled run.
class ProfileTable {
public:
  void add(const hal::ExecutionProfile &profile);
  // Count and time are per run (averaged over the runs added); % is of the
  // total op time.
  void print(std::ostream &os) const;

private:
  struct Row {
    uint64_t count = 0;
    double microseconds = 0;
  };
  std::map<std::string, Row> rows_;
  std::map<std::string, double> counters_;
  int runs_ = 0;
};

// A file name for output `name`: characters other than [A-Za-z0-9._-]
// (ONNX names may hold '/' or ':') become '_'.
std::string fileNameFor(const std::string &name);

} // namespace nuri::run

#endif // NURI_TOOLS_NURI_RUN_REPORT_H
