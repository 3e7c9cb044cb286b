// nuri-conform: runs ONNX backend test cases (model.onnx +
// test_data_set_*/{input,output}_*.pb) through the whole stack (import,
// compile for the device's target, run, compare) and reports per case and
// per op type. See docs/conformance.md.

#include "common/file_io.h"
#include "nuri-conform/expectations.h"
#include "nuri-conform/isolated_runner.h"
#include "nuri-conform/reports.h"
#include "nuri/Pipeline/Pipeline.h"
#include "nuri/Target/TargetRegistry.h"
#include "nuri/runtime.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"

#include <functional>
#include <iostream>
#include <regex>
#include <thread>

using namespace nuri;
using namespace nuri::conform;
namespace cl = llvm::cl;

namespace {

cl::OptionCategory category("nuri-conform options");
cl::list<std::string> folders(cl::Positional,
                              cl::desc("[CASE_OR_SUITE_FOLDER ...]"),
                              cl::cat(category));
cl::opt<std::string>
    dataRoot("data-root",
             cl::desc("Where the standard suites live (Debian's "
                      "libonnx-testdata)"),
             cl::init("/usr/share/libonnx-testdata/data"), cl::cat(category));
cl::opt<std::string> suites(
    "suite",
    cl::desc("Comma-separated standard suites to run when no folder is given "
             "(node, simple, pytorch-converted, pytorch-operator)"),
    cl::init("node,simple,pytorch-converted,pytorch-operator"),
    cl::cat(category));
cl::opt<std::string> deviceName("device", cl::desc("Device to run on"),
                                cl::init("cpu-ref"), cl::cat(category));
cl::opt<std::string>
    targetName("target",
               cl::desc("Compile target (default: the device's first)"),
               cl::cat(category));
cl::opt<std::string> filter("filter",
                            cl::desc("Only cases whose name (suite/case) "
                                     "matches this regular expression"),
                            cl::value_desc("regex"), cl::cat(category));
cl::opt<unsigned>
    jobs("jobs", cl::desc("Cases run in parallel"),
         cl::init(std::max(1u, std::thread::hardware_concurrency())),
         cl::cat(category));
cl::opt<double> timeout("timeout", cl::desc("Per-case timeout in seconds"),
                        cl::init(60), cl::cat(category));
cl::opt<unsigned>
    memoryLimit("memory-limit-mb",
                cl::desc("Per-case address-space limit (0: none)"),
                cl::init(4096), cl::cat(category));
cl::opt<double> rtolOption("rtol", cl::desc("Relative tolerance"),
                           cl::init(RunOptions().rtol), cl::cat(category));
cl::opt<double> atolOption("atol", cl::desc("Absolute tolerance"),
                           cl::init(RunOptions().atol), cl::cat(category));
cl::opt<std::string> jsonPath("json", cl::desc("Write a JSON report"),
                              cl::value_desc("file"), cl::cat(category));
cl::opt<std::string> junitPath("junit", cl::desc("Write a JUnit XML report"),
                               cl::value_desc("file"), cl::cat(category));
cl::opt<std::string>
    markdownPath("markdown",
                 cl::desc("Write a Markdown report, one row per op type"),
                 cl::value_desc("file"), cl::cat(category));
cl::opt<std::string> expectationsPath(
    "expectations",
    cl::desc("Fail when a case not listed here fails or a listed one passes"),
    cl::value_desc("file"), cl::cat(category));
cl::opt<std::string> updatePath(
    "update-expectations",
    cl::desc("Write an expectations file for this run (keeps known reasons)"),
    cl::value_desc("file"), cl::cat(category));
cl::opt<bool> diff("diff",
                   cl::desc("Show the mismatching elements of failed outputs"),
                   cl::cat(category));
cl::opt<bool> listOnly("list", cl::desc("List the selected cases and exit"),
                       cl::cat(category));
cl::opt<bool> inProcess("in-process",
                        cl::desc("Run cases in this process (debugging; a "
                                 "crash ends the run)"),
                        cl::cat(category));
cl::opt<IsolationOptions::Fault> injectFault(
    "inject-fault", cl::desc("Testing: make matching cases misbehave"),
    cl::values(clEnumValN(IsolationOptions::Fault::kCrash, "crash", ""),
               clEnumValN(IsolationOptions::Fault::kHang, "hang", ""),
               clEnumValN(IsolationOptions::Fault::kOutOfMemory, "oom", "")),
    cl::init(IsolationOptions::Fault::kNone), cl::Hidden, cl::cat(category));
cl::opt<std::string>
    injectFaultFilter("inject-fault-filter",
                      cl::desc("Testing: the cases --inject-fault applies to"),
                      cl::Hidden, cl::init(".*"), cl::cat(category));
cl::opt<bool> verbose("v", cl::desc("Print every case, not only failures"),
                      cl::cat(category));

int usageError(const std::string &message) {
  std::cerr << "nuri-conform: error: " << message << "\n";
  return 2;
}

Result<std::vector<ConformCase>> selectCases() {
  std::vector<std::pair<std::string, std::string>> roots; // dir, suite
  if (folders.empty()) {
    std::string list = suites;
    size_t pos = 0;
    while (pos <= list.size()) {
      size_t comma = list.find(',', pos);
      std::string suite =
          list.substr(pos, comma == std::string::npos ? comma : comma - pos);
      if (!suite.empty())
        roots.emplace_back(dataRoot + "/" + suite, suite);
      if (comma == std::string::npos)
        break;
      pos = comma + 1;
    }
  } else {
    for (const std::string &folder : folders) {
      std::string trimmed = folder;
      while (trimmed.size() > 1 && trimmed.back() == '/')
        trimmed.pop_back();
      std::string suite = trimmed.substr(trimmed.find_last_of('/') + 1);
      roots.emplace_back(trimmed, suite);
    }
  }
  std::regex pattern;
  try {
    pattern = std::regex(filter.empty() ? ".*" : filter.getValue());
  } catch (const std::regex_error &e) {
    return invalidArgument("--filter '", filter.getValue(),
                           "' is not a valid regular expression: ", e.what());
  }
  std::vector<ConformCase> selected;
  for (const auto &[dir, suite] : roots) {
    NURI_ASSIGN_OR_RETURN(std::vector<ConformCase> cases,
                          discoverCases(dir, suite));
    for (ConformCase &c : cases)
      if (std::regex_search(c.name, pattern))
        selected.push_back(std::move(c));
  }
  return selected;
}

// Writes one report; an empty path means the report was not asked for.
bool writeReport(const std::string &path, std::string_view what,
                 const std::function<void(std::ostream &)> &write) {
  if (path.empty())
    return true;
  Status status =
      tools::writeReportFile(path, what, [&](std::ostream &os) -> Status {
        write(os);
        return okStatus();
      });
  if (!status.ok())
    std::cerr << "nuri-conform: error: " << status.message() << "\n";
  return status.ok();
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(
      argc, argv,
      "Nuri conformance runner: ONNX backend test cases through import, "
      "compile, run and compare\n\n"
      "  nuri-conform --device cpu-ref --suite node --jobs 2 --json r.json\n"
      "  nuri-conform --filter '^node/test_conv_' --diff -v\n");
  Result<std::vector<ConformCase>> cases = selectCases();
  if (!cases.ok())
    return usageError(cases.status().message());
  if (listOnly) {
    for (const ConformCase &c : *cases)
      std::cout << c.name << "\n";
    return 0;
  }
  Expectations expected;
  if (!expectationsPath.empty()) {
    Result<Expectations> loaded = loadExpectations(expectationsPath);
    if (!loaded.ok())
      return usageError(loaded.status().message());
    expected = std::move(loaded).value();
  }
  // Fail early on a bad device or target, not once per case.
  Result<Device> device = Device::open(deviceName);
  if (!device.ok())
    return usageError(device.status().message());
  if (!targetName.empty() && !builtinTargets().find(targetName))
    return usageError("unknown target '" + targetName + "'");

  RunOptions run;
  run.device = deviceName;
  run.target = targetName;
  run.rtol = rtolOption;
  run.atol = atolOption;
  run.diff = diff;
  IsolationOptions isolation;
  isolation.jobs = static_cast<int>(jobs);
  isolation.timeoutSeconds = timeout;
  isolation.memoryLimitBytes = uint64_t(memoryLimit) << 20;
  isolation.inProcess = inProcess;
  isolation.fault = injectFault;
  isolation.faultPattern = injectFaultFilter;

  std::vector<CaseResult> results =
      runCases(*cases, run, isolation, [&](const CaseResult &r) {
        bool passed = r.status == CaseStatus::kPassed;
        bool known = expected.count(r.name) != 0;
        if (!verbose && (passed || known))
          return;
        std::cout << statusName(r.status) << ": " << r.name;
        if (!passed)
          std::cout << " [" << r.category << "] " << r.reason;
        std::cout << "\n" << r.details << std::flush;
      });

  // Reports use the curated category of a listed case (e.g. "test-data"
  // rather than the "runtime-error" the runner saw); the reason stays.
  for (CaseResult &r : results)
    if (auto it = expected.find(r.name);
        it != expected.end() && r.status != CaseStatus::kPassed)
      r.category = it->second.category;

  Summary s = summarize(results);
  std::cout << "nuri-conform: " << s.passed << " passed, " << s.failed
            << " failed, " << s.errors << " errors, " << s.skipped
            << " skipped, of " << s.total << " cases on " << deviceName << "\n";
  bool wrote =
      writeReport(jsonPath, "--json",
                  [&](std::ostream &os) { writeJson(results, os); }) &&
      writeReport(junitPath, "--junit",
                  [&](std::ostream &os) { writeJUnit(results, os); }) &&
      writeReport(markdownPath, "--markdown",
                  [&](std::ostream &os) {
                    writeMarkdown(results, "ONNX conformance", deviceName,
                                  run.rtol, run.atol, os);
                  }) &&
      writeReport(updatePath, "--update-expectations", [&](std::ostream &os) {
        writeExpectations(results, expected, deviceName, os);
      });
  if (!wrote)
    return 2;
  if (expectationsPath.empty())
    // Regenerating the list is the point of --update-expectations, not a
    // failure.
    return s.failed + s.errors == 0 || !updatePath.empty() ? 0 : 1;
  ExpectationCheck check = checkExpectations(results, expected);
  for (const CaseResult *r : check.unexpectedFailures)
    std::cout << "unexpected " << statusName(r->status) << ": " << r->name
              << " [" << r->category << "] " << r->reason << "\n";
  for (const CaseResult *r : check.unexpectedPasses)
    std::cout << "unexpected pass: " << r->name
              << " (listed in the expectations file; remove it)\n";
  std::cout << "nuri-conform: " << check.unexpectedFailures.size()
            << " unexpected failures, " << check.unexpectedPasses.size()
            << " unexpected passes\n";
  return check.ok() ? 0 : 1;
}
