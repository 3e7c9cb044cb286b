#include "run_stats.h"

#include "report.h"

#include "common/json.h"

#include <cerrno>
#include <cstring>
#include <map>
#include <optional>

namespace nuri::run {
namespace {

using tools::JsonWriter;

struct Engine {
  bool device = false; // a device engine (cycles) or the host (us)
  uint64_t records = 0;
  double recordCycles = 0;
  double recordMicroseconds = 0;
  std::optional<double> busyCycles;  // the device's own counter
  std::optional<double> stallCycles; // likewise
};

// Engines by track: those with records, and those the device counts.
std::map<std::string, Engine> enginesOf(const hal::ExecutionProfile &profile) {
  std::map<std::string, Engine> engines;
  for (const hal::ProfileRecord &record : profile.records) {
    bool device = !record.track.empty();
    Engine &engine = engines[device ? record.track : kHostTrack];
    engine.device = engine.device || device;
    ++engine.records;
    engine.recordCycles += static_cast<double>(record.cycles);
    engine.recordMicroseconds += record.microseconds;
  }
  constexpr std::string_view kBusy = "busy_cycles.", kStall = "stall_cycles.";
  for (const auto &[name, value] : profile.counters) {
    std::string_view key = name;
    if (key.starts_with(kBusy)) {
      Engine &engine = engines[std::string(key.substr(kBusy.size()))];
      engine.device = true;
      engine.busyCycles = value;
    } else if (key.starts_with(kStall)) {
      Engine &engine = engines[std::string(key.substr(kStall.size()))];
      engine.device = true;
      engine.stallCycles = value;
    }
  }
  return engines;
}

void writeEngines(JsonWriter &json, const hal::ExecutionProfile &profile,
                  double lastRunMs) {
  std::optional<double> cycles = profile.counter("cycles");
  json.key("engines").beginObject();
  for (const auto &[track, engine] : enginesOf(profile)) {
    json.key(track).beginObject(/*compact=*/true);
    if (engine.device) {
      double busy = engine.busyCycles.value_or(engine.recordCycles);
      json.field("busy_cycles", busy);
      if (engine.stallCycles)
        json.field("stall_cycles", *engine.stallCycles);
      json.field("instructions", engine.records);
      json.key("utilization");
      if (cycles && *cycles > 0)
        json.value(busy / *cycles);
      else
        json.null();
    } else {
      json.field("busy_us", engine.recordMicroseconds)
          .field("instructions", engine.records)
          .key("utilization");
      if (lastRunMs > 0)
        json.value(engine.recordMicroseconds / (lastRunMs * 1000.0));
      else
        json.null();
    }
    json.endObject();
  }
  json.endObject();
}

} // namespace

void writeStatsJson(const hal::ExecutionProfile &profile, const RunFacts &facts,
                    std::ostream &out) {
  double lastRunMs = facts.runMs.empty() ? 0 : facts.runMs.back();
  TimingSummary timing = summarizeTiming(facts.runMs);
  JsonWriter json(out);
  json.beginObject()
      .field("model", facts.model)
      .field("target", facts.target)
      .field("device", facts.device)
      .field("runs", facts.runMs.size());
  json.key("wall_ms")
      .beginObject(/*compact=*/true)
      .field("median", timing.medianMs)
      .field("min", timing.minMs)
      .field("last", lastRunMs)
      .endObject();

  uint64_t onNpu = 0, onHost = 0;
  for (const hal::ProfileRecord &record : profile.records)
    ++(record.track.empty() ? onHost : onNpu);
  json.field(
      "ops_on_npu",
      profile.counter("ops_on_npu").value_or(static_cast<double>(onNpu)));
  json.field(
      "ops_on_host",
      profile.counter("ops_on_host").value_or(static_cast<double>(onHost)));

  json.key("counters").beginObject();
  for (const auto &[name, value] : profile.counters)
    json.field(name, value);
  json.endObject();
  writeEngines(json, profile, lastRunMs);
  json.endObject();
}

} // namespace nuri::run
