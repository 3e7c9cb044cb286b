#include "cpu_ref/kernels/index_map.h"

#include "cpu_ref/kernels/dispatch.h"
#include "cpu_ref/kernels/kernel_util.h"

#include <algorithm>
#include <cstring>

namespace nuri::cpu_ref {

Status gatherByDimMaps(const KernelContext &ctx, const TensorView &src,
                       TensorView &dst, const DimMaps &maps, const void *fill) {
  if (maps.size() != dst.shape.size())
    return internalError(ctx.opType, " '", ctx.nodeName,
                         "': index map rank differs from output rank");
  return visitBySize(ctx, src.dtype, [&](auto tag) -> Status {
    using U = typename decltype(tag)::type;
    U fillValue{};
    if (fill)
      std::memcpy(&fillValue, fill, sizeof(U));
    const U *in = src.as<const U>();
    U *out = dst.as<U>();
    if (dst.numElements() == 0)
      return okStatus();
    if (maps.empty()) {
      out[0] = in[0];
      return okStatus();
    }
    // Walk rows (all dims but the last); the last dim is the inner loop.
    const size_t last = maps.size() - 1;
    const std::vector<int64_t> &inner = maps[last];
    const int64_t width = dst.shape[last];
    std::vector<int64_t> rowDims(dst.shape.begin(), dst.shape.end() - 1);
    std::vector<int64_t> row(last, 0);
    U *o = out;
    do {
      int64_t base = 0;
      bool outside = false;
      for (size_t d = 0; d < last; ++d) {
        int64_t m = maps[d][row[d]];
        outside = outside || m == kOutside;
        base += m;
      }
      if (outside)
        std::fill_n(o, width, fillValue);
      else
        for (int64_t j = 0; j < width; ++j)
          o[j] = inner[j] == kOutside ? fillValue : in[base + inner[j]];
      o += width;
    } while (advanceIndex(row, rowDims));
    return okStatus();
  });
}

} // namespace nuri::cpu_ref
