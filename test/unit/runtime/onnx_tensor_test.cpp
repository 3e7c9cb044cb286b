#include "common/onnx_tensor.h"
#include "common/random_tensor.h"
#include "common/tensor_file.h"
#include "nuri/float16.h"
#include "test_util.h"

#include <onnx/onnx_pb.h>

#include <catch2/catch.hpp>

#include <cstring>

using namespace nuri;
using namespace nuri::tools;

namespace {
std::vector<uint8_t> serialize(const onnx::TensorProto &proto) {
  std::string s = proto.SerializeAsString();
  return std::vector<uint8_t>(s.begin(), s.end());
}
} // namespace

TEST_CASE("TensorProto round-trips through raw_data", "[onnx]") {
  const DType dtypes[] = {DType::kFloat32, DType::kFloat16, DType::kBFloat16,
                          DType::kInt8,    DType::kInt64,   DType::kUInt32,
                          DType::kBool,    DType::kFloat64};
  for (DType dtype : dtypes) {
    INFO(dtypeName(dtype));
    auto t = randomTensor(dtype, {2, 5}, 4);
    REQUIRE(t.ok());
    auto bytes = encodeTensorProto("input_0", t->view());
    REQUIRE(bytes.ok());
    auto back = parseTensorProto(*bytes);
    REQUIRE(back.ok());
    CHECK(back->name == "input_0");
    CHECK(back->tensor.dtype() == dtype);
    CHECK(back->tensor.shape() == Shape{2, 5});
    CHECK(std::memcmp(back->tensor.data(), t->data(), t->byteSize()) == 0);
  }
}

TEST_CASE("TensorProto reads the typed data fields", "[onnx]") {
  onnx::TensorProto proto;
  proto.add_dims(3);
  SECTION("float_data") {
    proto.set_data_type(onnx::TensorProto::FLOAT);
    for (float f : {1.5f, -2.0f, 3.25f})
      proto.add_float_data(f);
    auto r = parseTensorProto(serialize(proto));
    REQUIRE(r.ok());
    CHECK(r->tensor.as<float>()[2] == 3.25f);
  }
  SECTION("int32_data carrying int8") {
    proto.set_data_type(onnx::TensorProto::INT8);
    for (int v : {-128, 5, 127})
      proto.add_int32_data(v);
    auto r = parseTensorProto(serialize(proto));
    REQUIRE(r.ok());
    CHECK(r->tensor.as<int8_t>()[0] == -128);
    CHECK(r->tensor.as<int8_t>()[2] == 127);
  }
  SECTION("int32_data carrying uint16") {
    proto.set_data_type(onnx::TensorProto::UINT16);
    for (int v : {0, 1000, 65535})
      proto.add_int32_data(v);
    auto r = parseTensorProto(serialize(proto));
    REQUIRE(r.ok());
    CHECK(r->tensor.as<uint16_t>()[2] == 65535);
  }
  SECTION("int32_data carrying bool") {
    proto.set_data_type(onnx::TensorProto::BOOL);
    for (int v : {0, 1, 1})
      proto.add_int32_data(v);
    auto r = parseTensorProto(serialize(proto));
    REQUIRE(r.ok());
    CHECK(r->tensor.as<uint8_t>()[1] == 1);
  }
  SECTION("int32_data carrying float16 bits") {
    proto.set_data_type(onnx::TensorProto::FLOAT16);
    for (float f : {1.0f, -0.5f, 2.0f})
      proto.add_int32_data(floatToHalf(f));
    auto r = parseTensorProto(serialize(proto));
    REQUIRE(r.ok());
    CHECK(halfToFloat(r->tensor.as<uint16_t>()[1]) == -0.5f);
  }
  SECTION("int32_data carrying bfloat16 bits") {
    proto.set_data_type(onnx::TensorProto::BFLOAT16);
    for (float f : {1.0f, -0.5f, 2.0f})
      proto.add_int32_data(floatToBFloat16(f));
    auto r = parseTensorProto(serialize(proto));
    REQUIRE(r.ok());
    CHECK(bfloat16ToFloat(r->tensor.as<uint16_t>()[2]) == 2.0f);
  }
  SECTION("int64_data") {
    proto.set_data_type(onnx::TensorProto::INT64);
    for (int64_t v : {int64_t(-1), int64_t(1) << 40, int64_t(3)})
      proto.add_int64_data(v);
    auto r = parseTensorProto(serialize(proto));
    REQUIRE(r.ok());
    CHECK(r->tensor.as<int64_t>()[1] == int64_t(1) << 40);
  }
  SECTION("double_data") {
    proto.set_data_type(onnx::TensorProto::DOUBLE);
    for (double v : {0.1, 0.2, 0.3})
      proto.add_double_data(v);
    auto r = parseTensorProto(serialize(proto));
    REQUIRE(r.ok());
    CHECK(r->tensor.as<double>()[0] == 0.1);
  }
  SECTION("uint64_data carrying uint32 and uint64") {
    proto.set_data_type(onnx::TensorProto::UINT32);
    for (uint64_t v : {uint64_t(0), uint64_t(7), uint64_t(4000000000u)})
      proto.add_uint64_data(v);
    auto r = parseTensorProto(serialize(proto));
    REQUIRE(r.ok());
    CHECK(r->tensor.as<uint32_t>()[2] == 4000000000u);
    proto.set_data_type(onnx::TensorProto::UINT64);
    auto r64 = parseTensorProto(serialize(proto));
    REQUIRE(r64.ok());
    CHECK(r64->tensor.as<uint64_t>()[1] == 7);
  }
}

TEST_CASE("TensorProto errors are clear", "[onnx]") {
  onnx::TensorProto proto;
  proto.set_name("w");
  proto.add_dims(4);
  proto.set_data_type(onnx::TensorProto::FLOAT);
  SECTION("count mismatch") {
    proto.add_float_data(1);
    auto r = parseTensorProto(serialize(proto), "w.pb");
    CHECK(r.status().code() == StatusCode::kDataLoss);
    CHECK_THAT(r.status().message(), Catch::Contains("w.pb") &&
                                         Catch::Contains("float_data") &&
                                         Catch::Contains("needs 4"));
  }
  SECTION("raw_data size mismatch") {
    proto.set_raw_data(std::string(10, '\0'));
    CHECK_THAT(parseTensorProto(serialize(proto)).status().message(),
               Catch::Contains("10 bytes of raw_data, expected 16"));
  }
  SECTION("external data") {
    proto.set_data_location(onnx::TensorProto::EXTERNAL);
    CHECK_THAT(parseTensorProto(serialize(proto)).status().message(),
               Catch::Contains("external"));
  }
  SECTION("string tensors") {
    proto.set_data_type(onnx::TensorProto::STRING);
    CHECK(parseTensorProto(serialize(proto)).status().code() ==
          StatusCode::kUnimplemented);
  }
  SECTION("unknown data type") {
    proto.set_data_type(99);
    CHECK_THAT(parseTensorProto(serialize(proto)).status().message(),
               Catch::Contains("99"));
  }
  SECTION("not a protobuf") {
    std::vector<uint8_t> junk = {0xff, 0xff, 0xff, 0xff, 0x0f};
    CHECK_THAT(parseTensorProto(junk).status().message(),
               Catch::Contains("not a valid ONNX TensorProto"));
  }
}

TEST_CASE("TensorProto files round-trip through the file helpers", "[onnx]") {
  testing::TempDir dir;
  auto t = randomTensor(DType::kInt32, {3}, 2);
  std::string path = dir.file("x.pb");
  REQUIRE(writeTensorFile(path, "x", t->view()).ok());
  auto named = readTensorProto(path);
  REQUIRE(named.ok());
  CHECK(named->name == "x");
  auto plain = readTensorFile(path);
  REQUIRE(plain.ok());
  CHECK(std::memcmp(plain->data(), t->data(), t->byteSize()) == 0);
}
