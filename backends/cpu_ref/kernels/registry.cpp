// The table of every reference kernel, built once on first use.
#include "cpu_ref/kernels/kernel_table.h"

#include <algorithm>
#include <string>

namespace nuri::cpu_ref {
namespace {

std::vector<KernelEntry> buildTable() {
  KernelTable table;
  registerIdentityKernels(table);
  registerUnaryKernels(table);
  registerActivationKernels(table);
  registerBinaryKernels(table);
  registerNaryKernels(table);
  registerCastKernels(table);
  registerConvKernels(table);
  registerPoolKernels(table);
  registerNormalizationKernels(table);
  registerMatMulKernels(table);
  registerSoftmaxKernels(table);
  registerReduceKernels(table);
  registerArgTopKKernels(table);
  registerShapeKernels(table);
  registerLayoutKernels(table);
  registerSliceKernels(table);
  registerGatherScatterKernels(table);
  registerGeneratorKernels(table);
  registerEinsumKernels(table);
  registerLossKernels(table);
  registerResizeKernels(table);
  registerValueShapedKernels(table);
  registerDetectionKernels(table);
  registerRecurrentKernels(table);
  registerQuantizeKernels(table);
  registerQuantizedLinearKernels(table);
  registerGridSampleKernels(table);
  registerTfIdfKernels(table);
  registerSpectralKernels(table);
  std::vector<KernelEntry> entries = std::move(table.entries());
  std::sort(entries.begin(), entries.end(),
            [](const KernelEntry &a, const KernelEntry &b) {
              return a.opType < b.opType;
            });
  return entries;
}

const std::vector<KernelEntry> &table() {
  static const std::vector<KernelEntry> entries = buildTable();
  return entries;
}

const KernelEntry *findEntry(std::string_view opType) {
  const auto &entries = table();
  auto it = std::lower_bound(entries.begin(), entries.end(), opType,
                             [](const KernelEntry &e, std::string_view key) {
                               return e.opType < key;
                             });
  if (it == entries.end() || it->opType != opType)
    return nullptr;
  return &*it;
}

} // namespace

KernelFn findKernel(std::string_view opType) {
  const KernelEntry *e = findEntry(opType);
  return e ? e->fn : nullptr;
}

bool kernelComputesOutputShapes(std::string_view opType) {
  const KernelEntry *e = findEntry(opType);
  return e && e->computesOutputShapes;
}

} // namespace nuri::cpu_ref
