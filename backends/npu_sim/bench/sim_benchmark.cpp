// How fast the simulator runs: simulated MACs per host second for GEMM tile
// programs on the matrix engine, and elements per second on the vector
// engine. Run: build/bin/nuri-npu-sim-benchmark
#include "npu_sim/isa/assembler.h"
#include "npu_sim/profile/profile_loader.h"
#include "npu_sim/sim/simulator.h"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>

namespace {

using namespace nuri;
using namespace nuri::npu;

NpuProfile profileNamed(const std::string &name) {
  Result<std::vector<NpuProfile>> profiles = builtinProfiles();
  if (profiles.ok())
    if (const NpuProfile *profile = findProfile(*profiles, name))
      return *profile;
  std::cerr << "no built-in profile " << name << "\n";
  std::abort(); // a broken build, not a user error
}

Program assembleOrDie(const std::string &text) {
  Result<Program> program = assemble(text, "benchmark");
  if (!program.ok()) {
    std::cerr << program.status().toString() << "\n";
    std::abort();
  }
  return std::move(program).value();
}

// `count` GEMM tiles acc[m x n] += a[m x k] * b[k x n], all in SRAM.
std::string gemmTiles(const std::string &profile, const char *mnemonic,
                      int esize, int m, int k, int n, int count) {
  int a = 0, b = m * k * esize, acc = b + k * n * esize;
  int sram = acc + m * n * 4;
  std::string text = strCat(".profile ", profile, "\n.sram ", sram,
                            "\n.core 0\n.engine mxu\n");
  for (int i = 0; i < count; ++i)
    text += strCat("  ", mnemonic, " ", acc, ", ", a, ", ", b, ", m=", m,
                   ", k=", k, ", n=", n, i ? ", accumulate" : "", "\n");
  return text;
}

// Simulates `program` with `regions` bound, as often as the benchmark asks;
// checks the program once first, as a loader does.
void runProgram(benchmark::State &state, const Program &program,
                const NpuProfile &profile, uint64_t workPerRun,
                const char *counter, std::span<const DramRegion> regions = {}) {
  if (Status status = checkProgram(program, profile); !status.ok()) {
    state.SkipWithError(status.toString().c_str());
    return;
  }
  uint64_t cycles = 0;
  for (auto _ : state) {
    Result<RunStats> stats = simulate(program, profile, regions);
    if (!stats.ok()) {
      state.SkipWithError(stats.status().toString().c_str());
      return;
    }
    cycles = stats->cycles;
    benchmark::DoNotOptimize(cycles);
  }
  state.counters[counter] =
      benchmark::Counter(static_cast<double>(workPerRun) * state.iterations(),
                         benchmark::Counter::kIsRate);
  state.counters["simulated_cycles"] = static_cast<double>(cycles);
}

void BM_GemmTileBf16(benchmark::State &state) {
  int m = static_cast<int>(state.range(0)), k = 128, n = 128, count = 8;
  NpuProfile profile = profileNamed("npu-server");
  Program program =
      assembleOrDie(gemmTiles("npu-server", "mm.bf16", 2, m, k, n, count));
  runProgram(state, program, profile, uint64_t(m) * k * n * count,
             "simulated_MACs_per_s");
}
BENCHMARK(BM_GemmTileBf16)->Arg(128)->Arg(512)->Unit(benchmark::kMillisecond);

void BM_GemmTileInt8(benchmark::State &state) {
  int m = static_cast<int>(state.range(0)), k = 256, n = 128, count = 8;
  NpuProfile profile = profileNamed("npu-server");
  Program program =
      assembleOrDie(gemmTiles("npu-server", "mm.i8", 1, m, k, n, count));
  runProgram(state, program, profile, uint64_t(m) * k * n * count,
             "simulated_MACs_per_s");
}
BENCHMARK(BM_GemmTileInt8)->Arg(128)->Arg(512)->Unit(benchmark::kMillisecond);

// Double-buffered: DMA brings A tiles from DRAM while the array works.
void BM_PipelinedGemmEdge(benchmark::State &state) {
  const int m = 256, k = 64, n = 64, tiles = 16;
  int aBytes = m * k * 2, bBytes = k * n * 2;
  std::string text =
      strCat(".profile npu-edge\n.sram ", 2 * aBytes + bBytes + m * n * 4,
             "\n.region 0 scratch ", tiles * aBytes + bBytes,
             "\n.core 0\n.engine dma0\n");
  text += strCat("  dma.ld ", 2 * aBytes, ", %0+", tiles * aBytes, ", dims=[",
                 bBytes, "]\n  sig s2, 1\n");
  for (int t = 0; t < tiles; ++t) {
    if (t >= 2)
      text += strCat("  wait s1, ", t - 1, "\n");
    text += strCat("  dma.ld ", (t % 2) * aBytes, ", %0+", t * aBytes,
                   ", dims=[", aBytes, "]\n  sig s0, 1\n");
  }
  text += ".engine mxu\n  wait s2, 1\n";
  for (int t = 0; t < tiles; ++t)
    text +=
        strCat("  wait s0, ", t + 1, "\n  mm.bf16 ", 2 * aBytes + bBytes, ", ",
               (t % 2) * aBytes, ", ", 2 * aBytes, ", m=", m, ", k=", k,
               ", n=", n, t ? ", accumulate" : "", "\n  sig s1, 1\n");
  NpuProfile profile = profileNamed("npu-edge");
  Program program = assembleOrDie(text);
  std::vector<uint8_t> dram(size_t(tiles) * aBytes + bBytes, 0x3f);
  DramRegion region{dram.data(), dram.size(), true, "scratch"};
  runProgram(state, program, profile, uint64_t(m) * k * n * tiles,
             "simulated_MACs_per_s", {&region, 1});
}
BENCHMARK(BM_PipelinedGemmEdge)->Unit(benchmark::kMillisecond);

void BM_VectorExp(benchmark::State &state) {
  const int rows = 64, cols = 1024;
  std::string text =
      strCat(".profile npu-edge\n.sram ", rows * cols * 4 * 2,
             "\n.core 0\n.engine vpu\n  vexp ", rows * cols * 4,
             ":f32, 0x0:f32, rows=", rows, ", cols=", cols, "\n");
  NpuProfile profile = profileNamed("npu-edge");
  runProgram(state, assembleOrDie(text), profile, uint64_t(rows) * cols,
             "simulated_elements_per_s");
}
BENCHMARK(BM_VectorExp)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
