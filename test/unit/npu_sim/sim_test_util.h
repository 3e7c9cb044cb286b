// Helpers for NPU simulator tests: built-in profiles, assembling, payloads,
// host memory for a program's DRAM regions, and element conversions.
#ifndef NURI_TEST_NPU_SIM_SIM_TEST_UTIL_H
#define NURI_TEST_NPU_SIM_SIM_TEST_UTIL_H

#include "npu_sim/isa/encoding.h"
#include "npu_sim/isa/instruction.h"
#include "npu_sim/isa/program.h"
#include "npu_sim/profile/profile.h"
#include "npu_sim/sim/simulator.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace nuri::npu::testing {

const NpuProfile &builtinProfile(const std::string &name);
inline const NpuProfile &edge() { return builtinProfile("npu-edge"); }
inline const NpuProfile &server() { return builtinProfile("npu-server"); }

// Assembles `text`, failing the test (with the message) on error.
Program assembleOrFail(const std::string &text);
// The npu-program payload of `text` (assembled as by assembleOrFail).
std::vector<uint8_t> payloadOf(const std::string &text);
// An npu-edge payload with `sramBytes` of SRAM and one stream, core 0's
// `engine` 0, holding `words` as they are (no encoder checks them).
std::vector<uint8_t> payloadWithWords(const std::vector<Word> &words,
                                      EngineKind engine, uint64_t sramBytes);

// Host bytes for each DRAM region of a program.
struct HostDram {
  std::vector<std::vector<uint8_t>> regions;

  explicit HostDram(const Program &program);
  std::vector<DramRegion> bind(const Program &program);
};

Result<RunStats> run(const Program &program, HostDram &dram,
                     const NpuProfile &profile, bool records = false);
// Assembles and runs a program that needs no DRAM.
Result<RunStats> runSramOnly(const std::string &text,
                             const NpuProfile &profile);

template <typename T> std::vector<uint8_t> toBytes(const std::vector<T> &v) {
  std::vector<uint8_t> bytes(v.size() * sizeof(T));
  std::memcpy(bytes.data(), v.data(), bytes.size());
  return bytes;
}
template <typename T>
std::vector<T> fromBytes(const std::vector<uint8_t> &bytes, size_t offset = 0,
                         size_t count = SIZE_MAX) {
  size_t n = std::min(count, (bytes.size() - offset) / sizeof(T));
  std::vector<T> v(n);
  std::memcpy(v.data(), bytes.data() + offset, n * sizeof(T));
  return v;
}

uint16_t bf16(float x);
float bf16Value(uint16_t bits);
uint32_t bits(float x);

} // namespace nuri::npu::testing

#endif // NURI_TEST_NPU_SIM_SIM_TEST_UTIL_H
