// Broadcasting binary ops: arithmetic (Add, Sub, Mul, Div, Mod, Pow),
// comparisons, logic (And, Or, Xor) and BitShift.
#include "cpu_ref/kernels/elementwise.h"
#include "cpu_ref/kernels/kernel_table.h"

#include <cmath>

namespace nuri::cpu_ref {
namespace {

using namespace types;

Status divKernel(const KernelContext &ctx) {
  bool divByZero = false;
  Status s = binaryMap<kNumeric>(ctx, [&](auto a, auto b) -> decltype(a) {
    using C = decltype(a);
    if constexpr (std::is_integral_v<C>) {
      // Integer division truncates toward zero (C++ and ONNX agree).
      if (b == 0) {
        divByZero = true;
        return 0;
      }
      if constexpr (std::is_signed_v<C>) {
        if (b == C(-1))
          return wrapNeg(a); // INT_MIN / -1 wraps instead of trapping
      }
      return a / b;
    } else {
      return a / b;
    }
  });
  if (s.ok() && divByZero)
    return ctx.error("integer division by zero");
  return s;
}

// Mod-13: fmod=0 takes the divisor's sign (Python's %), integers only;
// fmod=1 takes the dividend's sign (C's fmod / %).
Status modKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(bool fmod, boolAttr(ctx, "fmod", false));
  NURI_ASSIGN_OR_RETURN(const TensorView *a, ctx.requireInput(0));
  if (isFloatingPoint(a->dtype) && !fmod)
    return ctx.error("fmod must be 1 for floating-point dtype ",
                     dtypeName(a->dtype));
  bool divByZero = false;
  Status s = binaryMap<kNumeric>(ctx, [&](auto x, auto y) -> decltype(x) {
    using C = decltype(x);
    if constexpr (std::is_floating_point_v<C>) {
      return std::fmod(x, y);
    } else {
      if (y == 0) {
        divByZero = true;
        return 0;
      }
      if constexpr (std::is_signed_v<C>) {
        if (y == C(-1))
          return 0; // INT_MIN % -1 would trap
        C r = static_cast<C>(x % y);
        if (!fmod && r != 0 && ((r < 0) != (y < 0)))
          r = static_cast<C>(r + y);
        return r;
      } else {
        return static_cast<C>(x % y);
      }
    }
  });
  if (s.ok() && divByZero)
    return ctx.error("integer modulo by zero");
  return s;
}

// base^exponent with the result in R (the base's compute type).
// Integer^integer is exact (wrapping) as in numpy; everything else goes
// through double and converts like Cast.
template <typename R, typename B, typename E>
R powValue(B base, E exponent, bool &zeroToNegative) {
  if constexpr (std::is_integral_v<B> && std::is_integral_v<E>) {
    if constexpr (std::is_signed_v<E>) {
      if (exponent < 0) {
        // The truncated real result: only |base| == 1 survives.
        if (base == 0)
          zeroToNegative = true;
        if (base == 1)
          return 1;
        if (base == -1)
          return (exponent % 2 == 0) ? 1 : -1;
        return 0;
      }
    }
    R result = 1;
    R b = static_cast<R>(base);
    for (uint64_t e = static_cast<uint64_t>(exponent); e != 0; e >>= 1) {
      if (e & 1)
        result = wrapMul(result, b);
      b = wrapMul(b, b);
    }
    return result;
  } else {
    return convertElement<R>(
        std::pow(static_cast<double>(base), static_cast<double>(exponent)));
  }
}

// Pow-15: the exponent may have another numeric dtype; Z has the base's.
Status powKernel(const KernelContext &ctx) {
  NURI_ASSIGN_OR_RETURN(const TensorView *x, ctx.requireInput(0));
  NURI_ASSIGN_OR_RETURN(const TensorView *y, ctx.requireInput(1));
  constexpr unsigned kBaseTypes = kFloat | kI32 | kI64;
  return visitDType<kBaseTypes>(ctx, x->dtype, [&](auto xt) -> Status {
    using T = typename decltype(xt)::type;
    return visitDType<kNumeric>(ctx, y->dtype, [&](auto yt) -> Status {
      using E = typename decltype(yt)::type;
      NURI_ASSIGN_OR_RETURN(Shape shape,
                            broadcastShapes(ctx, {x->shape, y->shape}));
      NURI_ASSIGN_OR_RETURN(TensorView * z,
                            prepareOutput(ctx, 0, shape, x->dtype));
      bool zeroToNegative = false;
      auto fn = [&](auto base, auto exponent) {
        return powValue<Compute<T>>(base, exponent, zeroToNegative);
      };
      broadcastBinary<T, E, T>(*x, *y, *z, fn);
      if (zeroToNegative)
        return ctx.error("integer zero raised to a negative power");
      return okStatus();
    });
  });
}

Status bitShiftKernel(const KernelContext &ctx) {
  if (!hasAttr(ctx, "direction"))
    return ctx.error("missing required attribute 'direction'");
  NURI_ASSIGN_OR_RETURN(std::string direction,
                        stringAttr(ctx, "direction", ""));
  if (direction != "LEFT" && direction != "RIGHT")
    return ctx.error("direction must be LEFT or RIGHT, got '", direction, "'");
  bool left = direction == "LEFT";
  return binaryMap<kUnsigned>(ctx, [&](auto x, auto s) -> decltype(x) {
    using C = decltype(x);
    // Shifting by the bit width or more is undefined in C++; every bit is
    // shifted out, so the result is 0.
    if (s >= sizeof(C) * 8)
      return 0;
    auto wide = static_cast<WrapType<C>>(x); // no signed-int promotion
    return static_cast<C>(left ? wide << s : wide >> s);
  });
}

} // namespace

void registerBinaryKernels(KernelTable &table) {
  table.add("Add", [](const KernelContext &ctx) {
    return binaryMap<kNumeric>(ctx,
                               [](auto a, auto b) { return wrapAdd(a, b); });
  });
  table.add("Sub", [](const KernelContext &ctx) {
    return binaryMap<kNumeric>(ctx,
                               [](auto a, auto b) { return wrapSub(a, b); });
  });
  table.add("Mul", [](const KernelContext &ctx) {
    return binaryMap<kNumeric>(ctx,
                               [](auto a, auto b) { return wrapMul(a, b); });
  });
  table.add("Div", divKernel);
  table.add("Mod", modKernel);
  table.add("Pow", powKernel);
  table.add("BitShift", bitShiftKernel);
  table.add("Equal", [](const KernelContext &ctx) {
    return binaryMap<kAll, true>(ctx, [](auto a, auto b) { return a == b; });
  });
  table.add("Less", [](const KernelContext &ctx) {
    return binaryMap<kNumeric, true>(ctx, [](auto a, auto b) { return a < b; });
  });
  table.add("LessOrEqual", [](const KernelContext &ctx) {
    return binaryMap<kNumeric, true>(ctx,
                                     [](auto a, auto b) { return a <= b; });
  });
  table.add("Greater", [](const KernelContext &ctx) {
    return binaryMap<kNumeric, true>(ctx, [](auto a, auto b) { return a > b; });
  });
  table.add("GreaterOrEqual", [](const KernelContext &ctx) {
    return binaryMap<kNumeric, true>(ctx,
                                     [](auto a, auto b) { return a >= b; });
  });
  table.add("And", [](const KernelContext &ctx) {
    return binaryMap<kBool>(ctx, [](bool a, bool b) { return a && b; });
  });
  table.add("Or", [](const KernelContext &ctx) {
    return binaryMap<kBool>(ctx, [](bool a, bool b) { return a || b; });
  });
  table.add("Xor", [](const KernelContext &ctx) {
    return binaryMap<kBool>(ctx, [](bool a, bool b) { return a != b; });
  });
}

} // namespace nuri::cpu_ref
