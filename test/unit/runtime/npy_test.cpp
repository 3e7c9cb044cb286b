#include "common/npy.h"
#include "common/random_tensor.h"
#include "common/tensor_file.h"
#include "test_util.h"

#include <catch2/catch.hpp>

#include <cstring>

using namespace nuri;
using namespace nuri::tools;

namespace {
std::vector<uint8_t> npyBytes(const std::string &header,
                              const std::vector<uint8_t> &data,
                              uint8_t major = 1) {
  std::vector<uint8_t> out = {0x93, 'N', 'U', 'M', 'P', 'Y', major, 0};
  size_t lengthBytes = major == 1 ? 2 : 4;
  for (size_t i = 0; i < lengthBytes; ++i)
    out.push_back(static_cast<uint8_t>(header.size() >> (8 * i)));
  out.insert(out.end(), header.begin(), header.end());
  out.insert(out.end(), data.begin(), data.end());
  return out;
}
} // namespace

TEST_CASE("npy round-trips every supported dtype", "[npy]") {
  const DType dtypes[] = {DType::kFloat16, DType::kFloat32, DType::kFloat64,
                          DType::kInt8,    DType::kInt16,   DType::kInt32,
                          DType::kInt64,   DType::kUInt8,   DType::kUInt16,
                          DType::kUInt32,  DType::kUInt64,  DType::kBool};
  const Shape shapes[] = {{}, {5}, {2, 3, 4}, {0, 3}};
  for (DType dtype : dtypes) {
    for (const Shape &shape : shapes) {
      INFO(dtypeName(dtype) << " " << shapeToString(shape));
      auto tensor = randomTensor(dtype, shape, 3);
      REQUIRE(tensor.ok());
      auto bytes = encodeNpy(tensor->view());
      REQUIRE(bytes.ok());
      // Data starts 64-byte aligned, header in format 1.0.
      CHECK((bytes->size() - tensor->byteSize()) % 64 == 0);
      CHECK((*bytes)[6] == 1);
      auto back = parseNpy(*bytes);
      REQUIRE(back.ok());
      CHECK(back->dtype() == dtype);
      CHECK(back->shape() == shape);
      CHECK(std::memcmp(back->data(), tensor->data(), tensor->byteSize()) == 0);
    }
  }
}

TEST_CASE("npy writes numpy's header text", "[npy]") {
  auto t = Tensor::allocate(DType::kFloat32, {3});
  auto bytes = encodeNpy(t->view());
  REQUIRE(bytes.ok());
  size_t length = (*bytes)[8] | ((*bytes)[9] << 8);
  CHECK((10 + length) % 64 == 0);
  std::string header(bytes->begin() + 10, bytes->begin() + 10 + length);
  CHECK_THAT(header, Catch::StartsWith("{'descr': '<f4', 'fortran_order': "
                                       "False, 'shape': (3,), }"));
  CHECK(header.back() == '\n');
  auto b = Tensor::allocate(DType::kBool, {2, 2});
  auto boolBytes = encodeNpy(b->view());
  size_t boolLength = (*boolBytes)[8] | ((*boolBytes)[9] << 8);
  std::string boolHeader(boolBytes->begin() + 10,
                         boolBytes->begin() + 10 + boolLength);
  CHECK_THAT(boolHeader, Catch::Contains("'|b1'") && Catch::Contains("(2, 2)"));
}

TEST_CASE("npy reads format 2.0 and spacing variants", "[npy]") {
  std::vector<uint8_t> data(8);
  int32_t values[2] = {7, -9};
  std::memcpy(data.data(), values, 8);
  auto v2 = parseNpy(npyBytes(
      "{\"descr\":\"<i4\",\"shape\":(2,),\"fortran_order\":False}\n", data, 2));
  REQUIRE(v2.ok());
  CHECK(v2->dtype() == DType::kInt32);
  CHECK(v2->shape() == Shape{2});
  CHECK(v2->as<int32_t>()[1] == -9);
  auto scalar = parseNpy(
      npyBytes("{'descr': '<i4', 'fortran_order': False, 'shape': (), }   \n",
               std::vector<uint8_t>(data.begin(), data.begin() + 4)));
  REQUIRE(scalar.ok());
  CHECK(scalar->shape().empty());
  CHECK(scalar->as<int32_t>()[0] == 7);
}

TEST_CASE("npy rejects what it cannot read, clearly", "[npy]") {
  std::vector<uint8_t> data(24);
  SECTION("fortran order") {
    auto r = parseNpy(npyBytes("{'descr': '<f4', 'fortran_order': True, "
                               "'shape': (2, 3), }\n",
                               data),
                      "a.npy");
    CHECK(r.status().code() == StatusCode::kUnimplemented);
    CHECK_THAT(r.status().message(),
               Catch::Contains("a.npy") && Catch::Contains("fortran_order"));
  }
  SECTION("unsupported descr") {
    CHECK_THAT(parseNpy(npyBytes("{'descr': '<U3', 'fortran_order': False, "
                                 "'shape': (2,), }\n",
                                 data))
                   .status()
                   .message(),
               Catch::Contains("'<U3'"));
  }
  SECTION("big endian") {
    CHECK_THAT(parseNpy(npyBytes("{'descr': '>f4', 'fortran_order': False, "
                                 "'shape': (6,), }\n",
                                 data))
                   .status()
                   .message(),
               Catch::Contains("big-endian"));
  }
  SECTION("truncated data") {
    CHECK_THAT(parseNpy(npyBytes("{'descr': '<f4', 'fortran_order': False, "
                                 "'shape': (7,), }\n",
                                 data))
                   .status()
                   .message(),
               Catch::Contains("truncated data"));
  }
  SECTION("trailing bytes") {
    CHECK_THAT(parseNpy(npyBytes("{'descr': '<f4', 'fortran_order': False, "
                                 "'shape': (5,), }\n",
                                 data))
                   .status()
                   .message(),
               Catch::Contains("bytes after"));
  }
  SECTION("not npy at all") {
    std::vector<uint8_t> junk = {'h', 'e', 'l', 'l', 'o', '!', '!', '!'};
    CHECK_THAT(parseNpy(junk).status().message(),
               Catch::Contains("not a .npy file"));
  }
  SECTION("malformed header") {
    CHECK_THAT(parseNpy(npyBytes("{'descr': '<f4' 'shape': (6,)}\n", data))
                   .status()
                   .message(),
               Catch::Contains("malformed header"));
    CHECK_THAT(parseNpy(npyBytes("{'descr': '<f4', 'fortran_order': False, "
                                 "'shape': (-6,), }\n",
                                 data))
                   .status()
                   .message(),
               Catch::Contains("malformed header"));
  }
  SECTION("truncated header") {
    std::vector<uint8_t> bytes = npyBytes(
        "{'descr': '<f4', 'fortran_order': False, 'shape': (6,), }\n", data);
    bytes.resize(20);
    CHECK_THAT(parseNpy(bytes).status().message(),
               Catch::Contains("truncated .npy header"));
  }
  SECTION("bfloat16 cannot be written") {
    auto t = Tensor::allocate(DType::kBFloat16, {2});
    CHECK_THAT(encodeNpy(t->view()).status().message(),
               Catch::Contains("bfloat16"));
  }
}

TEST_CASE("npy files round-trip through the file helpers", "[npy]") {
  testing::TempDir dir;
  auto t = randomTensor(DType::kFloat32, {4, 4}, 9);
  std::string path = dir.file("t.npy");
  REQUIRE(writeNpy(path, t->view()).ok());
  auto back = readTensorFile(path);
  REQUIRE(back.ok());
  CHECK(std::memcmp(back->data(), t->data(), t->byteSize()) == 0);
  auto missing = readNpy(dir.file("nope.npy"));
  CHECK(missing.status().code() == StatusCode::kNotFound);
  CHECK_THAT(missing.status().message(), Catch::Contains("nope.npy"));
  CHECK_FALSE(writeNpy(dir.file("no/such/dir/t.npy"), t->view()).ok());
}
