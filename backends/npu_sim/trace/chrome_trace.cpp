#include "npu_sim/trace/chrome_trace.h"

#include <cstdio>
#include <map>
#include <string>

namespace nuri::npu {
namespace {

std::string jsonString(std::string_view text) {
  std::string s = "\"";
  for (char c : text) {
    switch (c) {
    case '"':
      s += "\\\"";
      break;
    case '\\':
      s += "\\\\";
      break;
    case '\n':
      s += "\\n";
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20) {
        char escaped[8];
        std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
        s += escaped;
      } else {
        s += c;
      }
    }
  }
  return s + "\"";
}

std::string jsonNumber(double value) {
  if (value != value || value - value != 0)
    return "0"; // JSON has no NaN or infinity
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

} // namespace

Status writeChromeTrace(const hal::ExecutionProfile &profile,
                        std::ostream &out) {
  double clockMhz = 0;
  for (const auto &[name, value] : profile.counters)
    if (name == "clock_mhz")
      clockMhz = value;

  std::map<std::string, int> tids;
  std::string events;
  auto append = [&](const std::string &event) {
    events += events.empty() ? "\n    " : ",\n    ";
    events += event;
  };
  auto tidFor = [&](const std::string &track) {
    auto [it, inserted] = tids.emplace(track, static_cast<int>(tids.size()));
    if (inserted) {
      append(strCat(R"({"name": "thread_name", "ph": "M", "pid": 1, "tid": )",
                    it->second, R"(, "args": {"name": )", jsonString(track),
                    "}}"));
      append(strCat(
          R"({"name": "thread_sort_index", "ph": "M", "pid": 1, "tid": )",
          it->second, R"(, "args": {"sort_index": )", it->second, "}}"));
    }
    return it->second;
  };

  double hostClock = 0;
  for (const hal::ProfileRecord &record : profile.records) {
    bool device = !record.track.empty() && clockMhz > 0;
    double start, duration;
    if (device) {
      start = static_cast<double>(record.startCycle) / clockMhz;
      duration = static_cast<double>(record.cycles) / clockMhz;
    } else {
      start = hostClock;
      duration = record.microseconds;
      hostClock += duration;
    }
    int tid = tidFor(record.track.empty() ? "host" : record.track);
    std::string args = device ? strCat(R"({"start_cycle": )", record.startCycle,
                                       R"(, "cycles": )", record.cycles, "}")
                              : std::string("{}");
    append(strCat(R"({"name": )", jsonString(record.name), R"(, "cat": )",
                  jsonString(record.opType.empty() ? "op" : record.opType),
                  R"(, "ph": "X", "pid": 1, "tid": )", tid, R"(, "ts": )",
                  jsonNumber(start), R"(, "dur": )", jsonNumber(duration),
                  R"(, "args": )", args, "}"));
  }

  std::string counters;
  for (const auto &[name, value] : profile.counters)
    counters += strCat(counters.empty() ? "" : ", ", jsonString(name), ": ",
                       jsonNumber(value));
  out << R"({"displayTimeUnit": "ns", "otherData": {)" << counters
      << R"(}, "traceEvents": [)" << events << "\n]}\n";
  if (!out)
    return dataLoss("cannot write the trace");
  return okStatus();
}

} // namespace nuri::npu
