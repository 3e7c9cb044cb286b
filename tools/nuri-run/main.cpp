// nuri-run: load a compiled artifact, bind inputs (from files or random),
// run it on a device, and write, print, compare and time the outputs.
//
// Exit status: 0 success; 1 an output is outside tolerance (--expected);
// 2 any error (printed as "nuri-run: error: <message>").
#include "inputs.h"
#include "report.h"
#include "run_stats.h"

#include "common/chrome_trace.h"
#include "common/command_line.h"
#include "common/compare.h"
#include "common/file_io.h"
#include "common/tensor_file.h"
#include "common/tensor_values.h"
#include "nuri/runtime.h"

#include <chrono>
#include <exception>
#include <filesystem>
#include <iostream>

namespace nuri::run {
namespace {

constexpr int kExitMismatch = 1;
constexpr int kExitError = 2;

struct Options {
  std::string artifact;
  std::string device;
  std::vector<std::string> inputs;
  uint64_t seed = 0;
  std::string outputDir;
  std::vector<std::string> expected;
  double rtol = tools::kDefaultRtol;
  double atol = tools::kDefaultAtol;
  int64_t repeat = 1;
  bool profile = false;
  std::string statsJson;
  std::string trace;
  bool print = false;
  bool listDevices = false;
};

void declareOptions(tools::CommandLine &cl, Options &o) {
  // Help lines stay within 50 columns so --help fits 80.
  cl.positional("ARTIFACT", "The compiled model (*.nuri).", &o.artifact,
                /*required=*/false);
  cl.option("device", "NAME",
            "Device to run on (see --list-devices).\n"
            "Default: the best available device for the\n"
            "model's target.",
            &o.device);
  cl.list("input", "NAME=FILE",
          "Input NAME from FILE: .npy (NumPy) or .pb\n"
          "(ONNX TensorProto). Inputs not given are\n"
          "random from --seed (noted on stderr).",
          &o.inputs);
  cl.option("seed", "N",
            "Seed for random inputs (default 0). Input #i\n"
            "uses splitmix64 seeded with deriveSeed(N, i):\n"
            "floats uniform in [-1, 1), signed ints in\n"
            "[-8, 7], unsigned ints in [0, 15], bools 0/1.",
            &o.seed);
  cl.option("output-dir", "DIR",
            "Write each output to DIR/<output name>.npy;\n"
            "characters outside [A-Za-z0-9._-] become '_'.",
            &o.outputDir);
  cl.list("expected", "NAME=FILE",
          "Compare output NAME with FILE (.npy or .pb):\n"
          "print max abs/rel error, and exit 1 if\n"
          "|got - exp| > atol + rtol * |exp| anywhere.",
          &o.expected);
  cl.option("rtol", "R", "Relative tolerance (default 1e-3).", &o.rtol);
  cl.option("atol", "A", "Absolute tolerance (default 1e-4).", &o.atol);
  cl.option("repeat", "N",
            "Run N times (default 1); the summary shows\n"
            "the median and minimum wall time per run.",
            &o.repeat);
  cl.flag("profile",
          "Profile every run and print a per-op-type\n"
          "table (count, total ms, %).",
          &o.profile);
  cl.option("stats-json", "FILE",
            "Profile, and write the last run's device\n"
            "counters as JSON to FILE ('-': stdout): model,\n"
            "target, device, runs, wall_ms {median, min,\n"
            "last}, ops_on_npu, ops_on_host (the device's\n"
            "counters, else its records counted by where\n"
            "they ran: on an engine track = NPU, without\n"
            "one = host), counters (all the device reports;\n"
            "npu-sim: cycles, macs, dram_bytes,\n"
            "peak_macs_per_cycle, dram_bytes_per_cycle,\n"
            "roofline_cycles, busy_cycles.<engine>, ...;\n"
            "cpu-ref: none), and engines {<track>:\n"
            "{busy_cycles (host: busy_us), stall_cycles,\n"
            "instructions, utilization}}. Utilization is\n"
            "busy / the run's cycles (host: / wall time).\n"
            "Segments' counters are merged: additive ones\n"
            "summed, peaks and ratios per the rule in\n"
            "docs/tools.md.",
            &o.statsJson);
  cl.option("trace", "FILE",
            "Profile, and write the last run as a Chrome/\n"
            "Perfetto trace (chrome://tracing,\n"
            "ui.perfetto.dev): one track per engine, one\n"
            "slice per record. Device tracks are in\n"
            "microseconds at the profile's clock_mhz (raw\n"
            "cycles as microseconds when it has none); the\n"
            "host track \"cpu\" (cpu-ref) in host\n"
            "microseconds, records end to end. The file's\n"
            "otherData.time_base says which, next to the\n"
            "counters.",
            &o.trace);
  cl.flag("print", "Print each output's dtype, shape and first\nvalues.",
          &o.print);
  cl.flag("list-devices",
          "List the available devices with their targets\n"
          "and formats, then exit.",
          &o.listDevices);
}

std::string join(const std::vector<std::string> &items) {
  std::string s;
  for (const std::string &item : items)
    s += (s.empty() ? "" : ", ") + item;
  return s;
}

Status listDevices() {
  for (const std::string &name : Device::available()) {
    Result<Device> device = Device::open(name);
    if (!device.ok()) {
      std::cout << name << "  (unavailable: " << device.status().message()
                << ")\n";
      continue;
    }
    const hal::DeviceInfo &info = device->hal()->info();
    std::cout << name << "  targets: " << join(info.targets)
              << "  formats: " << join(info.formats) << "\n";
  }
  return okStatus();
}

Result<Device> chooseDevice(const Options &o, const Model &model) {
  if (o.device.empty())
    return Device::bestFor(model);
  NURI_ASSIGN_OR_RETURN(Device device, Device::open(o.device));
  NURI_RETURN_IF_ERROR(device.canRun(model));
  return device;
}

Status writeOutputs(const Session &session, const std::string &dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec)
    return invalidArgument("cannot create output directory '", dir,
                           "': ", ec.message());
  for (const TensorInfo &info : session.model().outputs()) {
    NURI_ASSIGN_OR_RETURN(TensorView view, session.output(info.name));
    std::string path =
        (std::filesystem::path(dir) / (fileNameFor(info.name) + ".npy"))
            .string();
    NURI_RETURN_IF_ERROR(tools::writeTensorFile(path, info.name, view));
  }
  return okStatus();
}

// Compares the outputs named in --expected; false when any is outside
// tolerance.
Result<bool> compareOutputs(const Session &session,
                            const std::vector<NamedFile> &expected,
                            const Options &o) {
  bool allPass = true;
  for (const NamedFile &file : expected) {
    NURI_ASSIGN_OR_RETURN(Tensor want, tools::readTensorFile(file.path));
    NURI_ASSIGN_OR_RETURN(TensorView got, session.output(file.name));
    Result<tools::Comparison> c =
        tools::compareTensors(got, want.view(), o.rtol, o.atol);
    if (!c.ok())
      return c.status().withContext(
          strCat("comparing output '", file.name, "' with '", file.path, "'"));
    std::cout << "compare " << file.name << ": "
              << tools::describeComparison(*c, got.shape, o.rtol, o.atol)
              << "\n";
    allPass = allPass && c->pass;
  }
  return allPass;
}

// --stats-json and --trace, both of the last run's profile.
Status writeProfileFiles(const Options &o, const Session &session,
                         const Device &device,
                         const std::vector<double> &runMs) {
  const hal::ExecutionProfile &profile = session.profile();
  if (!o.statsJson.empty()) {
    RunFacts facts{session.model().name(), session.model().target(),
                   device.name(), runMs};
    NURI_RETURN_IF_ERROR(tools::writeReportFile(
        o.statsJson, "--stats-json", [&](std::ostream &out) {
          writeStatsJson(profile, facts, out);
          return okStatus();
        }));
  }
  if (!o.trace.empty()) {
    tools::TraceOptions options;
    options.hostTrack = kHostTrack;
    NURI_RETURN_IF_ERROR(
        tools::writeReportFile(o.trace, "--trace", [&](std::ostream &out) {
          return tools::writeChromeTrace(profile, out, options);
        }));
  }
  return okStatus();
}

Result<int> runTool(const Options &o) {
  NURI_ASSIGN_OR_RETURN(Model model, Model::load(o.artifact));
  NURI_ASSIGN_OR_RETURN(Device device, chooseDevice(o, model));
  NURI_ASSIGN_OR_RETURN(
      std::vector<NamedFile> inputFiles,
      parseNamedFiles(o.inputs, "input", model.inputs(), "input"));
  NURI_ASSIGN_OR_RETURN(
      std::vector<NamedFile> expectedFiles,
      parseNamedFiles(o.expected, "expected", model.outputs(), "output"));
  if (o.repeat < 1)
    return invalidArgument("--repeat must be at least 1, got ", o.repeat);
  if (o.rtol < 0 || o.atol < 0)
    return invalidArgument("--rtol and --atol must not be negative");

  SessionOptions sessionOptions;
  sessionOptions.profile =
      o.profile || !o.statsJson.empty() || !o.trace.empty();
  NURI_ASSIGN_OR_RETURN(Session session,
                        Session::create(model, device, sessionOptions));
  NURI_ASSIGN_OR_RETURN(std::vector<Tensor> inputs,
                        bindInputs(session, inputFiles, o.seed));

  std::vector<double> runMs;
  ProfileTable profile;
  for (int64_t i = 0; i < o.repeat; ++i) {
    auto start = std::chrono::steady_clock::now();
    NURI_RETURN_IF_ERROR(session.run());
    runMs.push_back(std::chrono::duration<double, std::milli>(
                        std::chrono::steady_clock::now() - start)
                        .count());
    if (o.profile)
      profile.add(session.profile());
  }

  if (!o.outputDir.empty())
    NURI_RETURN_IF_ERROR(writeOutputs(session, o.outputDir));
  NURI_RETURN_IF_ERROR(writeProfileFiles(o, session, device, runMs));
  if (o.print) {
    for (const TensorInfo &info : model.outputs()) {
      NURI_ASSIGN_OR_RETURN(TensorView view, session.output(info.name));
      std::cout << "output " << info.name << ": " << tools::formatTensor(view)
                << "\n";
    }
  }
  NURI_ASSIGN_OR_RETURN(bool pass, compareOutputs(session, expectedFiles, o));

  std::cout << "model: " << (model.name().empty() ? "(unnamed)" : model.name())
            << " (target " << model.target() << ")\n";
  std::cout << "device: " << device.name() << "\n";
  printTiming(std::cout, runMs);
  if (o.profile)
    profile.print(std::cout);
  return pass ? 0 : kExitMismatch;
}

int mainImpl(int argc, char **argv) {
  Options o;
  tools::CommandLine cl("nuri-run", "ARTIFACT [options]",
                        "Runs a compiled Nuri model (*.nuri) on a device.\n"
                        "Exit status: 0 success; 1 an output is outside "
                        "tolerance\n(--expected); 2 any error.");
  declareOptions(cl, o);
  Status status = cl.parse(argc, argv);
  if (status.ok() && cl.helpRequested()) {
    std::cout << cl.helpText();
    return 0;
  }
  if (status.ok() && o.listDevices)
    status = listDevices();
  else if (status.ok() && o.artifact.empty())
    status = invalidArgument("missing argument ARTIFACT; see --help");
  if (!status.ok()) {
    std::cerr << "nuri-run: error: " << status.message() << "\n";
    return kExitError;
  }
  if (o.listDevices)
    return 0;
  Result<int> result = runTool(o);
  if (!result.ok()) {
    std::cerr << "nuri-run: error: " << result.status().message() << "\n";
    return kExitError;
  }
  return *result;
}

} // namespace
} // namespace nuri::run

int main(int argc, char **argv) {
  // Nuri reports errors as Status; this only guards against a library
  // (protobuf, the standard library) throwing, e.g. std::bad_alloc.
  try {
    return nuri::run::mainImpl(argc, argv);
  } catch (const std::exception &e) {
    std::cerr << "nuri-run: error: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "nuri-run: error: unexpected exception\n";
  }
  return 2;
}
