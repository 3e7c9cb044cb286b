// Profile files: the two built-in chips load with the documented numbers,
// and malformed files fail with the file, the field and why.
#include "npu_sim/profile/profile_loader.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>

namespace nuri::npu {
namespace {

TEST_CASE("the built-in profiles are the documented chips", "[npu][profile]") {
  Result<std::vector<NpuProfile>> profiles = builtinProfiles();
  REQUIRE(profiles.ok());
  REQUIRE(profiles->size() == 2);
  const NpuProfile &edge = (*profiles)[0];
  const NpuProfile &server = (*profiles)[1];
  CHECK(edge.name == "npu-edge");
  CHECK(edge.cores == 1);
  CHECK(edge.clockMhz == 1000);
  CHECK(edge.matrix.rows == 64);
  CHECK(edge.matrix.cols == 64);
  CHECK(edge.peakMacsPerCycle(false) == 4096);
  CHECK(edge.peakMacsPerCycle(true) == 8192);
  CHECK(edge.vector.lanes == 64);
  CHECK(edge.sram.bytes == 4u << 20);
  CHECK(edge.dram.bytesPerCycle == 32); // 32 GB/s at 1 GHz
  CHECK(edge.dram.kind == "LPDDR5X");
  CHECK(edge.supports(DType::kBFloat16));
  CHECK(edge.vectorCost(Opcode::kVExp).cyclesPerVector == 2);

  CHECK(server.name == "npu-server");
  CHECK(server.cores == 8);
  CHECK(server.peakMacsPerCycle(false) == 8 * 128 * 128);
  CHECK(server.sram.bytes * server.cores == uint64_t{256} << 20);
  CHECK(server.dram.bytesPerCycle * server.clockMhz * 1e6 >= 1e12);
}

// A valid profile to break one field at a time.
std::string validProfile() {
  Result<std::vector<NpuProfile>> profiles = builtinProfiles();
  REQUIRE(profiles.ok());
  std::ifstream in(std::string(NURI_NPU_PROFILES_DIR) + "/npu-edge.json");
  std::string text((std::istreambuf_iterator<char>(in)),
                   std::istreambuf_iterator<char>());
  REQUIRE_FALSE(text.empty());
  return text;
}

std::string replace(std::string text, const std::string &from,
                    const std::string &to) {
  size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

TEST_CASE("malformed profiles name the file, the field and why",
          "[npu][profile]") {
  std::string good = validProfile();
  REQUIRE(parseProfile(good, "x.json").ok());
  struct Bad {
    std::string text;
    std::string message;
  };
  const Bad cases[] = {
      {replace(good, "\"rows\": 64", "\"rowz\": 64"),
       "x.json:10:14: unknown field: rowz"},
      {replace(good, "\"cols\": 64,", "\"cols\": 64,,"),
       "x.json:11:16: expecting: identifier instead got: ,"},
      {replace(good, "\"rows\": 64,", ""),
       "x.json: field 'matrix.rows' is missing"},
      {replace(good, "\"lanes\": 64", "\"lanes\": 48"),
       "x.json: field 'vector.lanes': must be a power of two (got 48)"},
      {replace(good, "\"lanes\": 64", "\"lanes\": -1"),
       "x.json: field 'vector.lanes': must be in [1, 4096] (got -1)"},
      {replace(good, "\"cores\": 1", "\"cores\": 0"),
       "x.json: field 'cores': must be in [1, 64] (got 0)"},
      {replace(good,
               "      { \"op\": \"vexp\",   \"cycles_per_vector\": 2, "
               "\"latency\": 16 },\n",
               ""),
       "x.json: field 'vector.ops': has no timing for 'vexp'"},
      {replace(good, "\"op\": \"vexp\"", "\"op\": \"vexpp\""),
       "x.json: field 'vector.ops[10] (vexpp)': is not a vector instruction "
       "mnemonic"},
      {replace(good, "\"dtypes\": [\"int8\", ", "\"dtypes\": [\"int4\", "),
       "x.json: field 'dtypes[0]': 'int4' is not one of int8, bfloat16, "
       "float32, int32"},
      {replace(good, "\"signal_latency\": 1", "\"signal_latency\": 0"),
       "x.json: field 'sync.signal_latency': must be in [1, 65536] (got 0)"},
      {replace(good, "\"name\": \"npu-edge\"", "\"name\": \"NPU Edge\""),
       "x.json: field 'name': 'NPU Edge' must be non-empty lower-case "
       "letters, digits, '-', '_' or '.'"},
  };
  for (const Bad &bad : cases) {
    INFO(bad.message);
    Result<NpuProfile> profile = parseProfile(bad.text, "x.json");
    REQUIRE_FALSE(profile.ok());
    CHECK(profile.status().code() == StatusCode::kInvalidArgument);
    CHECK(profile.status().message() == bad.message);
  }
  Result<NpuProfile> noMatrix =
      parseProfile(R"({"name": "a", "dtypes": []})", "y.json");
  REQUIRE_FALSE(noMatrix.ok());
  CHECK_THAT(noMatrix.status().message(),
             Catch::StartsWith("y.json:1:") &&
                 Catch::Contains("required field is missing: matrix"));
  CHECK(loadProfileFile("/nonexistent/p.json").status().message() ==
        "cannot open profile file '/nonexistent/p.json'");
}

// Sets an environment variable for one scope.
class ScopedEnv {
public:
  ScopedEnv(const char *name, const std::string &value) : name_(name) {
    if (const char *old = std::getenv(name))
      old_ = old;
    setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_)
      setenv(name_, old_->c_str(), 1);
    else
      unsetenv(name_);
  }

private:
  const char *name_;
  std::optional<std::string> old_;
};

// A fresh directory of its own (mkdtemp), removed with what it holds.
class ScopedTempDir {
public:
  ScopedTempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "nuri_npu_profile_XXXXXX")
            .string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~ScopedTempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScopedTempDir(const ScopedTempDir &) = delete;
  ScopedTempDir &operator=(const ScopedTempDir &) = delete;
  const std::filesystem::path &path() const { return path_; }

private:
  std::filesystem::path path_;
};

TEST_CASE("a vendor adds a chip with a file on NURI_NPU_PROFILE_PATH",
          "[npu][profile]") {
  namespace fs = std::filesystem;
  ScopedTempDir temp;
  const fs::path &dir = temp.path();
  std::string good = validProfile();
  {
    std::ofstream(dir / "npu-tiny.json") << replace(
        replace(good, "\"name\": \"npu-edge\"", "\"name\": \"npu-tiny\""),
        "\"rows\": 64", "\"rows\": 16");
  }
  {
    ScopedEnv env(kProfilePathVariable, dir.string());
    Result<std::vector<NpuProfile>> profiles = loadAvailableProfiles();
    REQUIRE(profiles.ok());
    REQUIRE(profiles->size() == 3);
    CHECK(profiles->back().name == "npu-tiny");
    CHECK(profiles->back().matrix.rows == 16);
    CHECK(profiles->back().source == (dir / "npu-tiny.json").string());
  }
  {
    std::ofstream(dir / "other.json") << good; // a second npu-edge
    ScopedEnv env(kProfilePathVariable, dir.string());
    Result<std::vector<NpuProfile>> profiles = loadAvailableProfiles();
    REQUIRE_FALSE(profiles.ok());
    CHECK(profiles.status().message() ==
          "profile 'npu-edge' is defined by both <builtin>/npu-edge.json and " +
              (dir / "other.json").string());
  }
}

} // namespace
} // namespace nuri::npu
