// Helpers that keep kernel tests short: build tensors from values, run one
// node through runKernel, and compare outputs.
#ifndef NURI_TEST_UNIT_KERNELS_KERNEL_TEST_UTIL_H
#define NURI_TEST_UNIT_KERNELS_KERNEL_TEST_UTIL_H

#include "cpu_ref/kernels/element_types.h"
#include "cpu_ref/kernels/kernel.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace nuri::cpu_ref::test {

inline Tensor allocateOrDie(DType dtype, const Shape &shape) {
  Result<Tensor> t = Tensor::allocate(dtype, shape);
  REQUIRE(t.ok());
  return std::move(t).value();
}

// A tensor of T's dtype holding `values` (row-major).
template <typename T>
Tensor makeTensor(const Shape &shape, const std::vector<T> &values) {
  Tensor t = allocateOrDie(kDTypeOf<T>, shape);
  REQUIRE(static_cast<int64_t>(values.size()) == t.numElements());
  for (size_t i = 0; i < values.size(); ++i)
    t.as<T>()[i] = values[i];
  return t;
}
inline Tensor makeF32(const Shape &shape, const std::vector<float> &values) {
  return makeTensor<float>(shape, values);
}
inline Tensor makeI64(const Shape &shape, const std::vector<int64_t> &values) {
  return makeTensor<int64_t>(shape, values);
}
inline Tensor makeBool(const Shape &shape, const std::vector<bool> &values) {
  Tensor t = allocateOrDie(DType::kBool, shape);
  REQUIRE(static_cast<int64_t>(values.size()) == t.numElements());
  for (size_t i = 0; i < values.size(); ++i)
    t.as<bool>()[i] = values[i];
  return t;
}

// Calls fn(TypeTag-like pointer) for the element type of a dtype; tests only
// use it for conversion, so a small local switch is enough here.
template <typename Fn> void withElementType(DType dtype, Fn &&fn) {
  switch (dtype) {
  case DType::kFloat32:
    return fn(static_cast<float *>(nullptr));
  case DType::kFloat64:
    return fn(static_cast<double *>(nullptr));
  case DType::kFloat16:
    return fn(static_cast<Float16 *>(nullptr));
  case DType::kBFloat16:
    return fn(static_cast<BFloat16 *>(nullptr));
  case DType::kInt8:
    return fn(static_cast<int8_t *>(nullptr));
  case DType::kInt16:
    return fn(static_cast<int16_t *>(nullptr));
  case DType::kInt32:
    return fn(static_cast<int32_t *>(nullptr));
  case DType::kInt64:
    return fn(static_cast<int64_t *>(nullptr));
  case DType::kUInt8:
    return fn(static_cast<uint8_t *>(nullptr));
  case DType::kUInt16:
    return fn(static_cast<uint16_t *>(nullptr));
  case DType::kUInt32:
    return fn(static_cast<uint32_t *>(nullptr));
  case DType::kUInt64:
    return fn(static_cast<uint64_t *>(nullptr));
  case DType::kBool:
    return fn(static_cast<bool *>(nullptr));
  default:
    FAIL("unsupported dtype in test");
  }
}

// A tensor of `dtype` holding `values` converted with Cast semantics.
inline Tensor makeAs(DType dtype, const Shape &shape,
                     const std::vector<double> &values) {
  Tensor t = allocateOrDie(dtype, shape);
  REQUIRE(static_cast<int64_t>(values.size()) == t.numElements());
  withElementType(dtype, [&](auto *tag) {
    using T = std::remove_pointer_t<decltype(tag)>;
    for (size_t i = 0; i < values.size(); ++i)
      t.as<T>()[i] = convertElement<T>(values[i]);
  });
  return t;
}

// Every element as double.
inline std::vector<double> toDoubles(const Tensor &t) {
  std::vector<double> out(static_cast<size_t>(t.numElements()));
  withElementType(t.dtype(), [&](auto *tag) {
    using T = std::remove_pointer_t<decltype(tag)>;
    for (size_t i = 0; i < out.size(); ++i)
      out[i] = static_cast<double>(load(t.as<T>()[i]));
  });
  return out;
}

template <typename T> std::vector<T> valuesOf(const Tensor &t) {
  REQUIRE(t.dtype() == kDTypeOf<T>);
  return std::vector<T>(t.as<T>(), t.as<T>() + t.numElements());
}

inline AttributeMap
makeAttrs(std::initializer_list<std::pair<std::string, Attribute>> list) {
  AttributeMap map;
  for (const auto &[name, value] : list)
    map.set(name, value);
  return map;
}

// An output the test expects: dtype and shape. kUndefined = not requested.
struct OutSpec {
  DType dtype;
  Shape shape;
};

struct RunResult {
  Status status;
  std::vector<Tensor> outputs;
  const Tensor &out(size_t i = 0) const { return outputs.at(i); }
};

// Runs one node. A default-constructed Tensor in `inputs` is an absent
// optional input.
inline RunResult runNode(std::string_view opType,
                         const std::vector<Tensor> &inputs,
                         const std::vector<OutSpec> &outputs,
                         const AttributeMap &attrs = {}) {
  RunResult result;
  std::vector<TensorView> inViews;
  inViews.reserve(inputs.size());
  for (const Tensor &t : inputs)
    inViews.push_back(t.view());
  std::vector<TensorView> outViews;
  outViews.reserve(outputs.size());
  for (const OutSpec &spec : outputs) {
    result.outputs.push_back(spec.dtype == DType::kUndefined
                                 ? Tensor()
                                 : allocateOrDie(spec.dtype, spec.shape));
    outViews.push_back(result.outputs.back().view());
  }
  KernelContext ctx;
  ctx.opType = opType;
  ctx.nodeName = "node0";
  ctx.attrs = &attrs;
  for (size_t i = 0; i < inputs.size(); ++i)
    ctx.inputs.push_back(inputs[i].dtype() == DType::kUndefined ? nullptr
                                                                : &inViews[i]);
  for (size_t i = 0; i < outputs.size(); ++i)
    ctx.outputs.push_back(outputs[i].dtype == DType::kUndefined ? nullptr
                                                                : &outViews[i]);
  result.status = runKernel(ctx);
  return result;
}

// Runs a node whose kernel sizes its outputs itself (as the compiler folds
// it): each requested output (dtype not kUndefined) is left unallocated and
// ctx.allocate allocates it. The outputs come back with the shapes the
// kernel chose.
inline RunResult runNodeAllocating(std::string_view opType,
                                   const std::vector<Tensor> &inputs,
                                   const std::vector<DType> &outputs,
                                   const AttributeMap &attrs = {}) {
  RunResult result;
  result.outputs.resize(outputs.size());
  std::vector<TensorView> inViews;
  inViews.reserve(inputs.size());
  for (const Tensor &t : inputs)
    inViews.push_back(t.view());
  std::vector<TensorView> outViews(outputs.size());
  KernelContext ctx;
  ctx.opType = opType;
  ctx.nodeName = "node0";
  ctx.attrs = &attrs;
  for (size_t i = 0; i < inputs.size(); ++i)
    ctx.inputs.push_back(inputs[i].dtype() == DType::kUndefined ? nullptr
                                                                : &inViews[i]);
  for (size_t i = 0; i < outputs.size(); ++i) {
    outViews[i].dtype = outputs[i];
    ctx.outputs.push_back(outputs[i] == DType::kUndefined ? nullptr
                                                          : &outViews[i]);
  }
  ctx.allocate = [&](size_t index, DType dtype,
                     const Shape &shape) -> Result<TensorView *> {
    NURI_ASSIGN_OR_RETURN(result.outputs.at(index),
                          Tensor::allocate(dtype, shape));
    outViews[index] = result.outputs[index].view();
    return &outViews[index];
  };
  result.status = runKernel(ctx);
  return result;
}

// Runs a node expected to succeed with one output like `spec`.
inline Tensor runOk(std::string_view opType, const std::vector<Tensor> &inputs,
                    const OutSpec &spec, const AttributeMap &attrs = {}) {
  RunResult r = runNode(opType, inputs, {spec}, attrs);
  INFO(r.status.toString());
  REQUIRE(r.status.ok());
  return r.outputs[0];
}

// Checks `actual` against `expected` elementwise (NaN equals NaN).
inline void checkClose(const std::vector<double> &actual,
                       const std::vector<double> &expected, double tol = 1e-5) {
  REQUIRE(actual.size() == expected.size());
  for (size_t i = 0; i < actual.size(); ++i) {
    INFO("element " << i << ": got " << actual[i] << ", expected "
                    << expected[i]);
    if (std::isnan(expected[i]))
      CHECK(std::isnan(actual[i]));
    else if (std::isinf(expected[i]))
      CHECK(actual[i] == expected[i]);
    else
      CHECK(std::fabs(actual[i] - expected[i]) <=
            tol * (1 + std::fabs(expected[i])));
  }
}
inline void checkClose(const Tensor &actual,
                       const std::vector<double> &expected, double tol = 1e-5) {
  checkClose(toDoubles(actual), expected, tol);
}

// Checks that a run failed with `code` and a message containing each of
// `parts` (the op type and node name are always expected).
inline void checkError(const RunResult &r, StatusCode code,
                       std::initializer_list<std::string> parts) {
  INFO(r.status.toString());
  REQUIRE_FALSE(r.status.ok());
  CHECK(r.status.code() == code);
  CHECK_THAT(r.status.message(), Catch::Contains("'node0'"));
  for (const std::string &p : parts)
    CHECK_THAT(r.status.message(), Catch::Contains(p));
}

} // namespace nuri::cpu_ref::test

#endif // NURI_TEST_UNIT_KERNELS_KERNEL_TEST_UTIL_H
