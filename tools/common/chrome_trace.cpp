#include "common/chrome_trace.h"

#include "common/json.h"

#include <map>
#include <string>

namespace nuri::tools {
namespace {

// What a timestamp means, for otherData.time_base.
std::string timeBase(bool sawDevice, bool sawHost, double clockMhz) {
  std::string device =
      clockMhz > 0
          ? strCat("device cycles / clock_mhz (", jsonNumber(clockMhz),
                   " MHz) as microseconds")
          : "raw device cycles (no clock_mhz counter): 1 cycle is shown as 1 "
            "microsecond";
  std::string host = "host microseconds, records laid end to end";
  if (sawDevice && sawHost)
    return strCat("device tracks: ", device, "; host track: ", host);
  return sawDevice ? device : host;
}

} // namespace

Status writeChromeTrace(const hal::ExecutionProfile &profile, std::ostream &out,
                        const TraceOptions &options) {
  double clockMhz = profile.counter("clock_mhz").value_or(0);
  // Divide (not multiply by 1 / clock) so whole microseconds stay exact.
  double cyclesPerUs = clockMhz > 0 ? clockMhz : 1.0;

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
  bool sawDevice = false, sawHost = false;
  for (const hal::ProfileRecord &record : profile.records) {
    bool device = !record.track.empty();
    double start, duration;
    if (device) {
      sawDevice = true;
      start = static_cast<double>(record.startCycle) / cyclesPerUs;
      duration = static_cast<double>(record.cycles) / cyclesPerUs;
    } else {
      sawHost = true;
      start = hostClock;
      duration = record.microseconds;
      hostClock += duration;
    }
    int tid = tidFor(device ? record.track : options.hostTrack);
    std::string args = device ? strCat(R"({"start_cycle": )", record.startCycle,
                                       R"(, "cycles": )", record.cycles, "}")
                              : std::string("{}");
    append(strCat(R"({"name": )", jsonString(record.name), R"(, "cat": )",
                  jsonString(record.opType.empty() ? "op" : record.opType),
                  R"(, "ph": "X", "pid": 1, "tid": )", tid, R"(, "ts": )",
                  jsonNumber(start), R"(, "dur": )", jsonNumber(duration),
                  R"(, "args": )", args, "}"));
  }

  std::string otherData =
      strCat(R"("time_unit": "us", "time_base": )",
             jsonString(timeBase(sawDevice, sawHost, clockMhz)));
  for (const auto &[name, value] : profile.counters)
    otherData += strCat(", ", jsonString(name), ": ", jsonNumber(value));
  out << R"({"displayTimeUnit": "ns", "otherData": {)" << otherData
      << R"(}, "traceEvents": [)" << events << "\n]}\n";
  if (!out)
    return dataLoss("cannot write the trace");
  return okStatus();
}

} // namespace nuri::tools
