// Internal: how op families register their kernels (see registry.cpp).
#ifndef NURI_CPU_REF_KERNELS_KERNEL_TABLE_H
#define NURI_CPU_REF_KERNELS_KERNEL_TABLE_H

#include "cpu_ref/kernels/kernel.h"

#include <string_view>
#include <vector>

namespace nuri::cpu_ref {

struct KernelEntry {
  std::string_view opType;
  KernelFn fn;
  // The kernel sizes its outputs through KernelContext::allocateOutput.
  bool computesOutputShapes = false;
};

class KernelTable {
public:
  void add(std::string_view opType, KernelFn fn) {
    entries_.push_back({opType, fn, false});
  }
  // For kernels whose output shapes depend on input values.
  void addComputingOutputShapes(std::string_view opType, KernelFn fn) {
    entries_.push_back({opType, fn, true});
  }
  std::vector<KernelEntry> &entries() { return entries_; }

private:
  std::vector<KernelEntry> entries_;
};

// One per op family file.
void registerIdentityKernels(KernelTable &table);
void registerUnaryKernels(KernelTable &table);
void registerActivationKernels(KernelTable &table);
void registerBinaryKernels(KernelTable &table);
void registerNaryKernels(KernelTable &table);
void registerCastKernels(KernelTable &table);
void registerConvKernels(KernelTable &table);
void registerPoolKernels(KernelTable &table);
void registerNormalizationKernels(KernelTable &table);
void registerMatMulKernels(KernelTable &table);
void registerSoftmaxKernels(KernelTable &table);
void registerReduceKernels(KernelTable &table);
void registerArgTopKKernels(KernelTable &table);
void registerShapeKernels(KernelTable &table);
void registerLayoutKernels(KernelTable &table);
void registerSliceKernels(KernelTable &table);
void registerGatherScatterKernels(KernelTable &table);
void registerGeneratorKernels(KernelTable &table);
void registerEinsumKernels(KernelTable &table);
void registerLossKernels(KernelTable &table);
void registerResizeKernels(KernelTable &table);
void registerValueShapedKernels(KernelTable &table);
void registerDetectionKernels(KernelTable &table);
void registerRecurrentKernels(KernelTable &table);
void registerQuantizeKernels(KernelTable &table);
void registerQuantizedLinearKernels(KernelTable &table);
void registerGridSampleKernels(KernelTable &table);
void registerTfIdfKernels(KernelTable &table);
void registerSpectralKernels(KernelTable &table);

} // namespace nuri::cpu_ref

#endif // NURI_CPU_REF_KERNELS_KERNEL_TABLE_H
