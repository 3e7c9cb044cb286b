// A double-buffered load / compute / store pipeline synchronised with
// semaphores: four 64x64 bf16 tiles of A times one B, results stored by a
// second DMA engine. Checks the results, the hand-derived cycle count, and
// that DMA and compute overlap.
#include "sim_test_util.h"

#include <catch2/catch.hpp>

namespace nuri::npu::testing {
namespace {

// SRAM: A buffers at 0x0 and 0x2000, B at 0x4000, C buffers (fp32) at
// 0x6000 and 0xa000. s0 counts A tiles loaded, s1 tiles multiplied (which
// also frees their A buffer), s2 B loaded, s3 C tiles stored (freeing
// their C buffer).
const char *kPipeline = R"(
.profile npu-edge
.sram 57344
.region 0 input 0     ; A: 4 tiles of 64x64 bf16
.region 1 input 1     ; B: 64x64 bf16
.region 2 output 0    ; C: 4 tiles of 64x64 f32
.core 0
.engine dma0
  dma.ld 0x4000, %1+0x0, dims=[8192], esize=1
  sig s2, 1
  dma.ld 0x0, %0+0x0, dims=[8192], esize=1
  sig s0, 1
  dma.ld 0x2000, %0+0x2000, dims=[8192], esize=1
  sig s0, 1
  wait s1, 1            ; tile 0 multiplied: A buffer 0 is free
  dma.ld 0x0, %0+0x4000, dims=[8192], esize=1
  sig s0, 1
  wait s1, 2
  dma.ld 0x2000, %0+0x6000, dims=[8192], esize=1
  sig s0, 1
.engine mxu
  wait s2, 1
  wait s0, 1
  mm.bf16 0x6000, 0x0, 0x4000, m=64, k=64, n=64
  sig s1, 1
  wait s0, 2
  mm.bf16 0xa000, 0x2000, 0x4000, m=64, k=64, n=64
  sig s1, 1
  wait s0, 3
  wait s3, 1            ; C buffer 0 stored
  mm.bf16 0x6000, 0x0, 0x4000, m=64, k=64, n=64
  sig s1, 1
  wait s0, 4
  wait s3, 2
  mm.bf16 0xa000, 0x2000, 0x4000, m=64, k=64, n=64
  sig s1, 1
.engine dma1
  wait s1, 1
  dma.st %2+0x0, 0x6000, dims=[16384], esize=1
  sig s3, 1
  wait s1, 2
  dma.st %2+0x4000, 0xa000, dims=[16384], esize=1
  sig s3, 1
  wait s1, 3
  dma.st %2+0x8000, 0x6000, dims=[16384], esize=1
  sig s3, 1
  wait s1, 4
  dma.st %2+0xc000, 0xa000, dims=[16384], esize=1
  sig s3, 1
)";

// npu-edge: a load of 8 KiB holds the DRAM 256 cycles, a store of 16 KiB
// 512 (32 B/cycle); both start 16 setup cycles after issue, at the earliest
// when the DRAM is free, and land 120 cycles after they end. mm: busy 128,
// lands 128 later. A signal fires when its engine's work has landed and is
// visible a cycle later; a wait takes a cycle. Ties go dma0, mxu, dma1.
//
//  cycle  event
//     16  dma0 ld B      DRAM 16..272, lands 392; sig s2 392 (s2=1 @393)
//    409  dma0 ld A0     DRAM 409..665, lands 785; sig s0 785 (s0=1 @786)
//    802  dma0 ld A1     DRAM 802..1058, lands 1178; sig s0 1178 (@1179)
//    787  mxu  mm 0      (waits s2 @393, s0 @786) 787..915, lands 1043;
//                        sig s1 1043 (s1=1 @1044)
//   1061  dma1 st C0     (wait s1 @1044, issue 1045) DRAM 1061..1573,
//                        lands 1693; sig s3 1693 (s3=1 @1694)
//   1180  mxu  mm 1      (wait s0=2 @1179) 1180..1308, lands 1436;
//                        sig s1 1436 (s1=2 @1437)
//   1573  dma0 ld A2     (wait s1=1 done 1180, issue 1180) DRAM busy until
//                        1573: 1573..1829, lands 1949; sig s0 (s0=3 @1950)
//   1829  dma1 st C1     (wait s1=2, issue 1695) DRAM 1829..2341, lands
//                        2461; sig s3 2461 (s3=2 @2462)
//   1952  mxu  mm 2      (waits s0=3 @1950, s3=1) 1952..2080, lands 2208;
//                        sig s1 2208 (s1=3 @2209)
//   2341  dma0 ld A3     (wait s1=2, issue 1951) DRAM 2341..2597, lands
//                        2717; sig s0 2717 (s0=4 @2718)
//   2597  dma1 st C2     (wait s1=3, issue 2463) DRAM 2597..3109, lands
//                        3229; sig s3 3229 (s3=3 @3230)
//   2720  mxu  mm 3      (waits s0=4 @2718, s3=2) 2720..2848, lands 2976;
//                        sig s1 2976 (s1=4 @2977)
//   3247  dma1 st C3     (wait s1=4, issue 3231) DRAM 3247..3759, lands
//                        3879; sig s3 3879..3880
constexpr uint64_t kPipelineCycles = 3880;

TEST_CASE("a double-buffered pipeline overlaps DMA and compute",
          "[npu][pipeline]") {
  Program program = assembleOrFail(kPipeline);
  HostDram dram(program);
  std::vector<uint16_t> a(4 * 64 * 64), b(64 * 64);
  for (size_t i = 0; i < a.size(); ++i)
    a[i] = bf16(static_cast<float>(static_cast<int>(i % 13) - 6));
  for (size_t i = 0; i < b.size(); ++i)
    b[i] = bf16(static_cast<float>(static_cast<int>(i % 5) - 2) * 0.25f);
  dram.regions[0] = toBytes(a);
  dram.regions[1] = toBytes(b);
  dram.regions[2].assign(4 * 64 * 64 * 4, 0);

  Result<RunStats> stats = run(program, dram, edge(), true);
  REQUIRE(stats.ok());
  std::vector<float> c = fromBytes<float>(dram.regions[2]);
  for (int t = 0; t < 4; ++t)
    for (int i = 0; i < 64; ++i)
      for (int j = 0; j < 64; ++j) {
        float want = 0;
        for (int k = 0; k < 64; ++k)
          want +=
              bf16Value(a[t * 4096 + i * 64 + k]) * bf16Value(b[k * 64 + j]);
        INFO("tile " << t << " C[" << i << "][" << j << "]");
        REQUIRE(c[t * 4096 + i * 64 + j] == want);
      }

  CHECK(stats->cycles == kPipelineCycles);

  // Overlap: one after another the same work takes 5 loads of 16 + 256 +
  // 120 = 392 cycles, 4 stores of 16 + 512 + 120 = 648 and 4 multiplies of
  // 128 + 128 = 256.
  constexpr uint64_t kSerialCycles = 5 * 392 + 4 * 648 + 4 * 256;
  CHECK(stats->cycles < kSerialCycles);

  // Tile 1's multiply runs while tile 0's result streams out.
  auto find = [&](EngineKind kind, uint8_t index, uint32_t position) {
    for (const InstructionRecord &record : stats->records)
      if (record.engine.kind == kind && record.engine.index == index &&
          record.index == position)
        return record;
    FAIL("no record");
    return InstructionRecord{};
  };
  InstructionRecord mm1 = find(EngineKind::kMatrix, 0, 5);
  InstructionRecord st0 = find(EngineKind::kDma, 1, 1);
  CHECK(mm1.start == 1180);
  CHECK(st0.start == 1045);
  CHECK(mm1.start < st0.start + st0.duration);

  // The matrix engine is busy 4 x 128 cycles.
  for (const EngineStats &engine : stats->engines)
    if (engine.engine.kind == EngineKind::kMatrix)
      CHECK(engine.busyCycles == 512);
}

// Two npu-server cores each multiply half of A by B and store their half of
// C; core 0's dma1 waits on a global semaphore for both stores.
const char *kTwoCores = R"(
.profile npu-server
.sram 131072
.region 0 input 0     ; A: 256x128 bf16
.region 1 input 1     ; B: 128x128 bf16
.region 2 output 0    ; C: 256x128 f32
.core 0
.engine dma0
  dma.ld 0x0, %0+0x0, dims=[32768]
  dma.ld 0x8000, %1+0x0, dims=[32768]
  sig s0, 1
  wait s1, 1
  dma.st %2+0x0, 0x10000, dims=[65536]
  sig g0, 1
.engine dma1
  wait g0, 2
.engine mxu
  wait s0, 1
  mm.bf16 0x10000, 0x0, 0x8000, m=128, k=128, n=128
  sig s1, 1
.core 1
.engine dma0
  dma.ld 0x0, %0+0x8000, dims=[32768]
  dma.ld 0x8000, %1+0x0, dims=[32768]
  sig s0, 1
  wait s1, 1
  dma.st %2+0x10000, 0x10000, dims=[65536]
  sig g0, 1
.engine mxu
  wait s0, 1
  mm.bf16 0x10000, 0x0, 0x8000, m=128, k=128, n=128
  sig s1, 1
)";

// npu-server: DRAM 1536 B/cycle (a 32 KiB load holds it ceil(32768/1536) =
// 22 cycles, a 64 KiB store 43), latency 400; each DMA engine streams 256
// B/cycle (128 cycles per 32 KiB, 256 per 64 KiB) after 32 setup cycles;
// a 128x128x128 mm is busy 128 + 128 and lands 256 later; global signals
// are visible 16 cycles after they fire. Ties go to core 0 first.
//   core0 ld A0 at 0:    DRAM 32..54, engine until 32+128=160, lands 560
//   core1 ld A1 at 0:    DRAM 54..76, engine until 182, lands 582
//   core0 ld B at 160:   DRAM 192..214, engine until 320, lands 720
//   core1 ld B at 182:   DRAM 214..236, engine until 342, lands 742
//   sig s0: core0 720 (visible 721), core1 742 (visible 743)
//   core0 mm at 722:     busy until 978, lands 1234; sig s1 1234 (@1235)
//   core1 mm at 744:     busy until 1000, lands 1256; sig s1 1256 (@1257)
//   core0 st at 1236:    DRAM 1268..1311, engine until 1524, lands 1924;
//                        sig g0 1924, visible 1940
//   core1 st at 1258:    DRAM 1311..1354, engine until 1567, lands 1967;
//                        sig g0 1967, visible 1983
//   core0 dma1 wait g0 >= 2: 1983, done 1984
constexpr uint64_t kTwoCoreCycles = 1984;

TEST_CASE("two cores split a GEMM and meet on a global semaphore",
          "[npu][pipeline]") {
  Program program = assembleOrFail(kTwoCores);
  HostDram dram(program);
  std::vector<uint16_t> a(256 * 128), b(128 * 128);
  for (size_t i = 0; i < a.size(); ++i)
    a[i] = bf16(static_cast<float>(static_cast<int>(i % 11) - 5));
  for (size_t i = 0; i < b.size(); ++i)
    b[i] = bf16(static_cast<float>(static_cast<int>(i % 7) - 3) * 0.5f);
  dram.regions[0] = toBytes(a);
  dram.regions[1] = toBytes(b);
  dram.regions[2].assign(256 * 128 * 4, 0);

  Result<RunStats> stats = run(program, dram, server());
  REQUIRE(stats.ok());
  std::vector<float> c = fromBytes<float>(dram.regions[2]);
  for (int i = 0; i < 256; ++i)
    for (int j = 0; j < 128; ++j) {
      float want = 0;
      for (int k = 0; k < 128; ++k)
        want += bf16Value(a[i * 128 + k]) * bf16Value(b[k * 128 + j]);
      INFO("C[" << i << "][" << j << "]");
      REQUIRE(c[i * 128 + j] == want);
    }
  CHECK(stats->cycles == kTwoCoreCycles);
  CHECK(stats->macsBf16 == 2 * 128 * 128 * 128);
  for (const EngineStats &engine : stats->engines)
    if (engine.engine.kind == EngineKind::kDma && engine.engine.index == 1)
      CHECK(engine.stallCycles == 1983);
}

} // namespace
} // namespace nuri::npu::testing
