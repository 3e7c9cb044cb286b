// The npu-sim HAL driver: device info, loading (with its errors), running
// through a submission's semaphores with profiling, faults arriving through
// the signal semaphore, and a whole artifact through the public runtime API.
#include "npu_artifact.h"
#include "npu_sim/isa/encoding.h"
#include "npu_sim/schema/program_payload.h"
#include "nuri/hal/host_allocator.h"
#include "nuri/runtime.h"
#include "scale_program.h"
#include "sim_test_util.h"

#include <catch2/catch.hpp>

#include <map>

namespace nuri::npu_sim {
void registerDriver(hal::DriverRegistry &registry);
} // namespace nuri::npu_sim

namespace nuri::npu::testing {
namespace {

const char *kProgram = kScaleProgram;

std::vector<NpuValue> programValues() {
  return {
      {"x", DType::kFloat32, {2, 16}, hal::ValueKind::kInput, 0, 0},
      {"c", DType::kFloat32, {16}, hal::ValueKind::kConstant, 0, 64},
      {"t", DType::kFloat32, {2, 16}, hal::ValueKind::kArena, 0, 0},
      {"y", DType::kFloat32, {2, 16}, hal::ValueKind::kOutput, 0, 0},
  };
}

std::shared_ptr<hal::Device> openDevice() {
  hal::DriverRegistry registry;
  npu_sim::registerDriver(registry);
  hal::Driver *driver = registry.find("npu-sim");
  REQUIRE(driver);
  Result<std::shared_ptr<hal::Device>> device = driver->createDevice();
  REQUIRE(device.ok());
  return *device;
}

struct Loaded {
  std::vector<uint8_t> payload;
  std::vector<hal::ValueInfo> values;
  Result<std::shared_ptr<hal::Executable>> executable = internalError("unset");
};

Loaded load(hal::Device &device, std::vector<uint8_t> payload,
            std::string_view format = kProgramFormat, uint32_t version = 1) {
  Loaded loaded;
  loaded.payload = std::move(payload);
  loaded.values = valueInfos(programValues());
  hal::ExecutableSpec spec;
  spec.name = "main";
  spec.format = format;
  spec.formatVersion = version;
  spec.payload = loaded.payload;
  spec.values = loaded.values;
  loaded.executable = device.loadExecutable(spec);
  return loaded;
}

std::vector<float> xValues() {
  std::vector<float> x(32);
  for (int i = 0; i < 32; ++i)
    x[i] = static_cast<float>(i) * 0.25f - 3.0f;
  return x;
}
std::vector<float> constantBytesAsFloats() {
  std::vector<float> c(32, 0.0f); // 128 bytes, c at byte 64
  for (int j = 0; j < 16; ++j)
    c[16 + j] = static_cast<float>(j % 4) + 0.5f;
  return c;
}

TEST_CASE("npu-sim describes itself", "[npu][driver]") {
  std::shared_ptr<hal::Device> device = openDevice();
  const hal::DeviceInfo &info = device->info();
  CHECK(info.name == "npu-sim");
  CHECK(info.driver == "npu-sim");
  CHECK(info.targets == std::vector<std::string>{"npu-edge", "npu-server"});
  CHECK(info.formats == std::vector<std::string>{"npu-program"});
}

TEST_CASE("npu-sim runs a program and profiles it", "[npu][driver]") {
  std::shared_ptr<hal::Device> device = openDevice();
  Loaded loaded = load(*device, payloadOf(kProgram));
  REQUIRE(loaded.executable.ok());
  CHECK((*loaded.executable)->format() == "npu-program");

  hal::Allocator &allocator = device->allocator();
  std::vector<float> x = xValues(), c = constantBytesAsFloats();
  auto input = hal::HostBuffer::wrap(x.data(), x.size() * 4);
  auto constants = hal::HostBuffer::wrap(c.data(), c.size() * 4);
  Result<std::shared_ptr<hal::Buffer>> arena = allocator.allocate(128, 64);
  Result<std::shared_ptr<hal::Buffer>> output = allocator.allocate(128, 64);
  REQUIRE(arena.ok());
  REQUIRE(output.ok());

  hal::Submission submission;
  submission.executable = *loaded.executable;
  submission.bindings.arena = arena->get();
  submission.bindings.constants = constants.get();
  submission.bindings.inputs = {input.get()};
  submission.bindings.outputs = {output->get()};
  submission.signal = {std::make_shared<hal::Semaphore>(), 1};
  hal::ExecutionProfile profile;
  submission.profile = &profile;
  auto signal = submission.signal.semaphore;
  REQUIRE(device->queueExecute(std::move(submission)).ok());
  REQUIRE(signal->wait(1).ok());

  const float *y = static_cast<const float *>((*output)->map());
  for (int i = 0; i < 32; ++i) {
    float t = x[i] * c[16 + i % 16];
    CHECK(y[i] == t + t);
  }

  std::map<std::string, double> counters(profile.counters.begin(),
                                         profile.counters.end());
  for (const char *key :
       {"cycles", "macs", "dram_bytes", "peak_macs_per_cycle",
        "dram_bytes_per_cycle", "roofline_cycles", "mxu_utilization",
        "busy_cycles.core0.dma0", "busy_cycles.core0.vpu",
        "stall_cycles.core0.vpu", "clock_mhz"}) {
    INFO(key);
    CHECK(counters.count(key) == 1);
  }
  CHECK(counters["macs"] == 0);
  CHECK(counters["peak_macs_per_cycle"] == 4096);
  CHECK(counters["dram_bytes_per_cycle"] == 32);
  // Loads: 128 + 64 + 128 + 128; stores: 128 + 128 + 128.
  CHECK(counters["dram_bytes"] == 832);
  CHECK(counters["roofline_cycles"] == 832.0 / 32);
  CHECK(counters["cycles"] > counters["roofline_cycles"]);

  REQUIRE(profile.records.size() == 17);
  CHECK(profile.records[0].track == "core0.dma0");
  CHECK(profile.records[0].opType == "dma.ld");
  CHECK(profile.records[0].name ==
        "dma.ld 0x0, %0+0x0, dims=[32], esize=4, dram_strides=[4], "
        "sram_strides=[4]");
  CHECK(profile.records[0].startCycle == 0);
  CHECK(profile.records[0].cycles == 16 + 4 + 120);
  bool sawVpu = false;
  for (const hal::ProfileRecord &record : profile.records)
    sawVpu = sawVpu || record.track == "core0.vpu";
  CHECK(sawVpu);
}

TEST_CASE("a fault fails the signal semaphore with the instruction",
          "[npu][driver]") {
  std::shared_ptr<hal::Device> device = openDevice();
  Loaded loaded = load(*device, payloadOf(kProgram));
  REQUIRE(loaded.executable.ok());
  std::vector<float> x = xValues(), c = constantBytesAsFloats();
  std::vector<float> small(8);
  auto input = hal::HostBuffer::wrap(x.data(), x.size() * 4);
  auto constants = hal::HostBuffer::wrap(c.data(), c.size() * 4);
  auto arena = hal::HostBuffer::wrap(small.data(), 32); // too small
  std::vector<float> y(32);
  auto output = hal::HostBuffer::wrap(y.data(), y.size() * 4);

  hal::Submission submission;
  submission.executable = *loaded.executable;
  submission.bindings.arena = arena.get();
  submission.bindings.constants = constants.get();
  submission.bindings.inputs = {input.get()};
  submission.bindings.outputs = {output.get()};
  submission.signal = {std::make_shared<hal::Semaphore>(), 1};
  auto signal = submission.signal.semaphore;
  REQUIRE(device->queueExecute(std::move(submission)).ok());
  Status status = signal->wait(1);
  REQUIRE_FALSE(status.ok());
  CHECK(status.code() == StatusCode::kOutOfRange);
  CHECK_THAT(status.message(),
             Catch::StartsWith("segment 'main': npu fault at cycle ") &&
                 Catch::Contains("core 0 dma0 instruction #4 (word 10) "
                                 "`dma.st %2+0x0, 0x200, dims=[32], esize=4, "
                                 "dram_strides=[4], sram_strides=[4]`: bad "
                                 "address: DRAM side spans bytes [0x0, 0x80) "
                                 "of DRAM region 2 (arena, 32 bytes)"));

  // A failed dependency fails the next submission the same way.
  hal::Submission next;
  next.executable = *loaded.executable;
  next.wait = {signal, 1};
  next.signal = {std::make_shared<hal::Semaphore>(), 1};
  auto nextSignal = next.signal.semaphore;
  REQUIRE(device->queueExecute(std::move(next)).ok());
  CHECK(nextSignal->wait(1).message() == status.message());
}

TEST_CASE("loading names the segment and what is wrong", "[npu][driver]") {
  std::shared_ptr<hal::Device> device = openDevice();
  auto message = [&](std::vector<uint8_t> payload,
                     std::string_view format = kProgramFormat,
                     uint32_t version = 1) {
    Loaded loaded = load(*device, std::move(payload), format, version);
    REQUIRE_FALSE(loaded.executable.ok());
    return loaded.executable.status().message();
  };
  CHECK(message(payloadOf(kProgram), "cpu-ref-program") ==
        "segment 'main': npu-sim cannot load format 'cpu-ref-program' (it "
        "loads 'npu-program')");
  CHECK(message(payloadOf(kProgram), kProgramFormat, 2) ==
        "segment 'main': npu-program format version 2 is newer than 1");
  Word nop{0x0000000100000001ull, 0};
  CHECK(message(payloadWithWords({nop, nop, Word{0x0, 0}}, EngineKind::kVector,
                                 0)) ==
        "segment 'main': core 0 vpu: word 2: bad opcode 0x0");
  CHECK(message(payloadOf(".profile npu-huge\n")) ==
        "segment 'main': the program targets profile 'npu-huge', which "
        "npu-sim does not simulate (it has npu-edge, npu-server)");
  CHECK(message(payloadOf(".profile npu-edge\n.region 0 output 1\n")) ==
        "segment 'main': region 0 (output 1) names a slot no value of the "
        "artifact has");
  CHECK(message(payloadOf(".profile npu-edge\n.sram 4194305\n")) ==
        "segment 'main': the program declares 4194305 bytes of SRAM per core "
        "but npu-edge has 4194304");
}

TEST_CASE("an npu artifact runs through the runtime API", "[npu][driver]") {
  NpuArtifactSpec spec;
  spec.values = programValues();
  spec.inputs = {0};
  spec.outputs = {3};
  spec.arenaSize = 128;
  std::vector<float> c = constantBytesAsFloats();
  spec.constants.resize(128);
  std::memcpy(spec.constants.data(), c.data(), 128);
  spec.payload = payloadOf(kProgram);
  std::vector<uint8_t> bytes = buildNpuArtifact(spec);

  Result<Model> model = Model::fromMemory(bytes);
  REQUIRE(model.ok());
  CHECK(model->target() == "npu-edge");
  Result<Device> device = Device::bestFor(*model);
  REQUIRE(device.ok());
  CHECK(device->name() == "npu-sim");
  SessionOptions options;
  options.profile = true;
  Result<Session> session = Session::create(*model, *device, options);
  REQUIRE(session.ok());
  std::vector<float> x = xValues();
  REQUIRE(session->setInput("x", TensorView{DType::kFloat32, {2, 16}, x.data()})
              .ok());
  Status ran = session->run();
  INFO(ran.toString());
  REQUIRE(ran.ok());
  Result<TensorView> y = session->output("y");
  REQUIRE(y.ok());
  for (int i = 0; i < 32; ++i) {
    float t = x[i] * c[16 + i % 16];
    CHECK(y->as<float>()[i] == t + t);
  }
  bool hasCycles = false;
  for (const auto &[name, value] : session->profile().counters)
    hasCycles = hasCycles || (name == "cycles" && value > 0);
  CHECK(hasCycles);
}

} // namespace
} // namespace nuri::npu::testing
