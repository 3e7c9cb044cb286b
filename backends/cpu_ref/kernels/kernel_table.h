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
};

class KernelTable {
public:
  void add(std::string_view opType, KernelFn fn) {
    entries_.push_back({opType, fn});
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

} // namespace nuri::cpu_ref

#endif // NURI_CPU_REF_KERNELS_KERNEL_TABLE_H
