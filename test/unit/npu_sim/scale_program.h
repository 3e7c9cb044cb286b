// One small NPU program shared by the driver tests and the tools' test
// artifacts: y = 2 * x * c with c a constant row broadcast over x's rows;
// t = x * c goes to the arena and to scratch and comes back (the engine
// interlocks the loads behind its own stores). x, t and y are 2x16 f32; c
// is 16 f32 at byte 64 of the constants.
#ifndef NURI_TEST_NPU_SIM_SCALE_PROGRAM_H
#define NURI_TEST_NPU_SIM_SCALE_PROGRAM_H

namespace nuri::npu::testing {

inline constexpr const char kScaleProgram[] = R"(
.profile npu-edge
.sram 4096
.region 0 input 0
.region 1 constants
.region 2 arena
.region 3 output 0
.region 4 scratch 256
.core 0
.engine dma0
  dma.ld 0x0, %0+0x0, dims=[32], esize=4
  dma.ld 0x100, %1+0x40, dims=[16], esize=4
  sig s0, 1
  wait s1, 1
  dma.st %2+0x0, 0x200, dims=[32], esize=4
  dma.st %4+0x0, 0x200, dims=[32], esize=4
  dma.ld 0x300, %2+0x0, dims=[32], esize=4
  dma.ld 0x400, %4+0x0, dims=[32], esize=4
  sig s0, 1
  wait s1, 2
  dma.st %3+0x0, 0x500, dims=[32], esize=4
.engine vpu
  wait s0, 1
  vmul 0x200:f32, 0x0:f32, 0x100:f32, rows=2, cols=16, rs=[64, 64, 0]
  sig s1, 1
  wait s0, 2
  vadd 0x500:f32, 0x300:f32, 0x400:f32, rows=2, cols=16
  sig s1, 1
)";

} // namespace nuri::npu::testing

#endif // NURI_TEST_NPU_SIM_SCALE_PROGRAM_H
