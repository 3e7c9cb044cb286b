// Data movement through per-dimension index tables: Transpose, Slice, Tile,
// Expand and Pad all map each output index, dim by dim, to an input offset
// (or to "outside", which takes a fill value).
#ifndef NURI_CPU_REF_KERNELS_INDEX_MAP_H
#define NURI_CPU_REF_KERNELS_INDEX_MAP_H

#include "cpu_ref/kernels/kernel.h"

#include <cstdint>
#include <vector>

namespace nuri::cpu_ref {

// maps[d][i]: the input element offset contributed by output index i along
// dim d, or kOutside. An element's input offset is the sum over its dims.
using DimMaps = std::vector<std::vector<int64_t>>;
inline constexpr int64_t kOutside = -1;

// Fills dst (its shape has one dim per map) from src; elements with any
// dim kOutside get the element at `fill` (raw bytes of src's dtype), or
// zero bytes when fill is null.
Status gatherByDimMaps(const KernelContext &ctx, const TensorView &src,
                       TensorView &dst, const DimMaps &maps,
                       const void *fill = nullptr);

} // namespace nuri::cpu_ref

#endif // NURI_CPU_REF_KERNELS_INDEX_MAP_H
