#include "npu_sim/profile/profile_loader.h"

#include "npu_profile_generated.h"
#include "npu_sim/profile/embedded_profiles.h"

#include "flatbuffers/idl.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace nuri::npu {
namespace {

// Turns the parser's "12: 5: error: unknown field: x" into
// "<source>:12:5: unknown field: x".
std::string parserMessage(const std::string &error, std::string_view source) {
  std::string first = error.substr(0, error.find('\n'));
  size_t c1 = first.find(": ");
  size_t c2 = c1 == std::string::npos ? c1 : first.find(": ", c1 + 2);
  if (c2 == std::string::npos)
    return strCat(source, ": ", first);
  std::string line = first.substr(0, c1);
  std::string column = first.substr(c1 + 2, c2 - c1 - 2);
  std::string message = first.substr(c2 + 2);
  if (message.rfind("error: ", 0) == 0)
    message = message.substr(7);
  return strCat(source, ":", line, ":", column, ": ", message);
}

bool isPowerOfTwo(uint64_t v) { return v != 0 && (v & (v - 1)) == 0; }

// Reads the fields of one table, collecting the first error.
class FieldChecker {
public:
  explicit FieldChecker(std::string_view source) : source_(source) {}

  // A required number in [lo, hi]; the schema type S is signed or double
  // so that out-of-range values reach this check with the field's name.
  template <typename T, typename S>
  void number(std::string_view field, flatbuffers::Optional<S> value, T lo,
              T hi, T &out) {
    if (!status_.ok())
      return;
    if (!value) {
      status_ = invalidArgument(source_, ": field '", field, "' is missing");
      return;
    }
    S v = *value;
    if (!(v >= static_cast<S>(lo) && v <= static_cast<S>(hi))) {
      fail(field, strCat("must be in [", lo, ", ", hi, "] (got ", v, ")"));
      return;
    }
    out = static_cast<T>(v);
  }
  void powerOfTwo(std::string_view field, uint64_t value) {
    if (status_.ok() && !isPowerOfTwo(value))
      fail(field, strCat("must be a power of two (got ", value, ")"));
  }
  void fail(std::string_view field, std::string_view why) {
    if (status_.ok())
      status_ = invalidArgument(source_, ": field '", field, "': ", why);
  }
  const Status &status() const { return status_; }

private:
  std::string source_;
  Status status_;
};

void readMatrix(const fb::MatrixEngine &m, FieldChecker &check,
                NpuProfile::Matrix &out) {
  check.number<uint32_t>("matrix.rows", m.rows(), 1, 4096, out.rows);
  check.number<uint32_t>("matrix.cols", m.cols(), 1, 4096, out.cols);
  check.number<uint32_t>("matrix.int8_macs_per_cell", m.int8_macs_per_cell(), 1,
                         8, out.int8MacsPerCell);
  check.number<uint32_t>("matrix.weight_load_cycles", m.weight_load_cycles(), 1,
                         1u << 20, out.weightLoadCycles);
  check.number<uint32_t>("matrix.drain_cycles", m.drain_cycles(), 0, 1u << 20,
                         out.drainCycles);
}

void readVector(const fb::VectorEngine &v, FieldChecker &check,
                NpuProfile::Vector &out) {
  check.number<uint32_t>("vector.lanes", v.lanes(), 1, 4096, out.lanes);
  check.powerOfTwo("vector.lanes", out.lanes);
  std::array<bool, 256> seen{};
  for (size_t i = 0; i < v.ops()->size() && check.status().ok(); ++i) {
    const fb::VectorOpTiming *timing = v.ops()->Get(i);
    std::string name = timing->op()->str();
    std::string field = strCat("vector.ops[", i, "] (", name, ")");
    const OpcodeInfo *info = nullptr;
    for (const OpcodeInfo &candidate : allOpcodes())
      if (candidate.format == Format::kVector && candidate.mnemonic == name)
        info = &candidate;
    if (!info) {
      check.fail(field, "is not a vector instruction mnemonic");
      return;
    }
    uint8_t code = static_cast<uint8_t>(info->opcode);
    if (seen[code]) {
      check.fail(field, "is listed twice");
      return;
    }
    seen[code] = true;
    VectorOpCost &cost = out.costs[code];
    check.number<uint32_t>(strCat(field, ".cycles_per_vector"),
                           timing->cycles_per_vector(), 1, 1u << 16,
                           cost.cyclesPerVector);
    check.number<uint32_t>(strCat(field, ".latency"), timing->latency(), 0,
                           1u << 16, cost.latency);
  }
  for (const OpcodeInfo &info : allOpcodes())
    if (info.format == Format::kVector &&
        !seen[static_cast<uint8_t>(info.opcode)])
      check.fail("vector.ops",
                 strCat("has no timing for '", info.mnemonic, "'"));
}

void readMemories(const fb::Profile &p, FieldChecker &check, NpuProfile &out) {
  check.number<uint32_t>("dma.engines", p.dma()->engines(), 1, 10,
                         out.dma.engines);
  check.number<double>("dma.bytes_per_cycle", p.dma()->bytes_per_cycle(),
                       1.0 / 64, 1 << 20, out.dma.bytesPerCycle);
  check.number<uint32_t>("dma.setup_cycles", p.dma()->setup_cycles(), 0,
                         1u << 16, out.dma.setupCycles);

  uint64_t kib = 0;
  // SRAM addresses are 32-bit: at most 4 GiB per core.
  check.number<uint64_t>("sram.size_kib", p.sram()->size_kib(), 1,
                         uint64_t{1} << 22, kib);
  out.sram.bytes = kib * 1024;
  check.number<uint32_t>("sram.banks", p.sram()->banks(), 1, 1024,
                         out.sram.banks);
  check.powerOfTwo("sram.banks", out.sram.banks);
  check.number<uint32_t>("sram.bank_width", p.sram()->bank_width(), 1, 4096,
                         out.sram.bankWidth);
  check.powerOfTwo("sram.bank_width", out.sram.bankWidth);
  check.number<uint32_t>("sram.alignment", p.sram()->alignment(), 1, 4096,
                         out.sram.alignment);
  check.powerOfTwo("sram.alignment", out.sram.alignment);
  check.number<uint32_t>("sram.latency_cycles", p.sram()->latency_cycles(), 0,
                         1u << 16, out.sram.latencyCycles);

  out.dram.kind = p.dram()->kind()->str();
  uint64_t mib = 0;
  check.number<uint64_t>("dram.size_mib", p.dram()->size_mib(), 1,
                         uint64_t{1} << 28, mib);
  out.dram.bytes = mib << 20;
  check.number<double>("dram.bytes_per_cycle", p.dram()->bytes_per_cycle(),
                       1.0 / 64, 1 << 20, out.dram.bytesPerCycle);
  check.number<uint32_t>("dram.latency_cycles", p.dram()->latency_cycles(), 0,
                         1u << 20, out.dram.latencyCycles);
  check.number<uint32_t>("dram.burst_bytes", p.dram()->burst_bytes(), 1, 4096,
                         out.dram.burstBytes);
  check.powerOfTwo("dram.burst_bytes", out.dram.burstBytes);
}

void readSync(const fb::Sync &s, FieldChecker &check, NpuProfile::Sync &out) {
  check.number<uint32_t>("sync.semaphores", s.semaphores(), 1, 32,
                         out.localSemaphores);
  check.number<uint32_t>("sync.global_semaphores", s.global_semaphores(), 0, 32,
                         out.globalSemaphores);
  // A signal becomes visible at least one cycle later; the simulator's
  // event order relies on it.
  check.number<uint32_t>("sync.signal_latency", s.signal_latency(), 1, 1u << 16,
                         out.signalLatency);
  check.number<uint32_t>("sync.global_signal_latency",
                         s.global_signal_latency(), 1, 1u << 16,
                         out.globalSignalLatency);
}

void readDTypes(const fb::Profile &p, FieldChecker &check, NpuProfile &out) {
  for (size_t i = 0; i < p.dtypes()->size(); ++i) {
    std::string name = p.dtypes()->Get(i)->str();
    std::optional<DType> type = parseDType(name);
    if (!type || (*type != DType::kInt8 && *type != DType::kBFloat16 &&
                  *type != DType::kFloat32 && *type != DType::kInt32)) {
      check.fail(
          strCat("dtypes[", i, "]"),
          strCat("'", name, "' is not one of int8, bfloat16, float32, int32"));
      return;
    }
    out.dtypes.push_back(*type);
  }
  for (DType needed : {DType::kFloat32, DType::kInt32})
    if (!out.supports(needed))
      check.fail("dtypes", strCat("must include ", dtypeName(needed),
                                  " (the vector engine computes in it)"));
}

Result<NpuProfile> convert(const fb::Profile &p, std::string_view source) {
  NpuProfile out;
  out.source = std::string(source);
  out.name = p.name()->str();
  if (p.description())
    out.description = p.description()->str();
  FieldChecker check(source);
  bool nameOk = !out.name.empty() &&
                std::all_of(out.name.begin(), out.name.end(), [](char c) {
                  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                         c == '-' || c == '_' || c == '.';
                });
  if (!nameOk)
    check.fail("name", strCat("'", out.name,
                              "' must be non-empty lower-case letters, "
                              "digits, '-', '_' or '.'"));
  check.number<uint32_t>("clock_mhz", p.clock_mhz(), 1, 100000, out.clockMhz);
  check.number<uint32_t>("cores", p.cores(), 1, 64, out.cores);
  readDTypes(p, check, out);
  readMatrix(*p.matrix(), check, out.matrix);
  readVector(*p.vector(), check, out.vector);
  readMemories(p, check, out);
  readSync(*p.sync(), check, out.sync);
  if (!check.status().ok())
    return check.status();
  return out;
}

Result<std::string> readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return notFound("cannot open profile file '", path, "'");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad())
    return dataLoss("cannot read profile file '", path, "'");
  return text.str();
}

Status addProfile(NpuProfile profile, std::vector<NpuProfile> &profiles) {
  for (const NpuProfile &existing : profiles)
    if (existing.name == profile.name)
      return invalidArgument("profile '", profile.name, "' is defined by both ",
                             existing.source, " and ", profile.source);
  profiles.push_back(std::move(profile));
  return okStatus();
}

// The files named by one NURI_NPU_PROFILE_PATH entry, sorted.
Result<std::vector<std::string>> profileFiles(const std::string &entry) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::is_directory(entry, error))
    return std::vector<std::string>{entry};
  std::vector<std::string> files;
  for (const fs::directory_entry &file : fs::directory_iterator(entry, error))
    if (file.path().extension() == ".json")
      files.push_back(file.path().string());
  if (error)
    return notFound("cannot list profile directory '", entry,
                    "': ", error.message());
  std::sort(files.begin(), files.end());
  return files;
}

} // namespace

bool NpuProfile::supports(DType type) const {
  return std::find(dtypes.begin(), dtypes.end(), type) != dtypes.end();
}

const NpuProfile *findProfile(std::span<const NpuProfile> profiles,
                              std::string_view name) {
  for (const NpuProfile &profile : profiles)
    if (profile.name == name)
      return &profile;
  return nullptr;
}

std::string_view profileSchemaText() { return detail::embeddedProfileSchema(); }

Result<NpuProfile> parseProfile(std::string_view json,
                                std::string_view source) {
  flatbuffers::Parser parser;
  std::string schema(profileSchemaText());
  if (!parser.Parse(schema.c_str()))
    return internalError("the built-in profile schema does not parse: ",
                         parser.error_);
  std::string text(json);
  if (!parser.ParseJson(text.c_str()))
    return invalidArgument(parserMessage(parser.error_, source));
  flatbuffers::Verifier verifier(parser.builder_.GetBufferPointer(),
                                 parser.builder_.GetSize());
  if (!verifier.VerifyBuffer<fb::Profile>(nullptr))
    return internalError(source, ": the parsed profile does not verify");
  const fb::Profile *profile =
      flatbuffers::GetRoot<fb::Profile>(parser.builder_.GetBufferPointer());
  return convert(*profile, source);
}

Result<NpuProfile> loadProfileFile(const std::string &path) {
  NURI_ASSIGN_OR_RETURN(std::string text, readFile(path));
  return parseProfile(text, path);
}

Result<std::vector<NpuProfile>> builtinProfiles() {
  std::vector<NpuProfile> profiles;
  for (const detail::EmbeddedFile &file : detail::embeddedProfiles()) {
    NURI_ASSIGN_OR_RETURN(
        NpuProfile profile,
        parseProfile(file.text, strCat("<builtin>/", file.name)));
    NURI_RETURN_IF_ERROR(addProfile(std::move(profile), profiles));
  }
  return profiles;
}

Result<std::vector<NpuProfile>> loadAvailableProfiles() {
  NURI_ASSIGN_OR_RETURN(std::vector<NpuProfile> profiles, builtinProfiles());
  const char *path = std::getenv(kProfilePathVariable);
  if (!path)
    return profiles;
  std::string_view rest(path);
  while (!rest.empty()) {
    size_t colon = rest.find(':');
    std::string entry(rest.substr(0, colon));
    rest = colon == std::string_view::npos ? std::string_view()
                                           : rest.substr(colon + 1);
    if (entry.empty())
      continue;
    NURI_ASSIGN_OR_RETURN(std::vector<std::string> files, profileFiles(entry));
    for (const std::string &file : files) {
      NURI_ASSIGN_OR_RETURN(NpuProfile profile, loadProfileFile(file));
      NURI_RETURN_IF_ERROR(addProfile(std::move(profile), profiles));
    }
  }
  return profiles;
}

} // namespace nuri::npu
