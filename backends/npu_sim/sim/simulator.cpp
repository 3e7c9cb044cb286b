#include "npu_sim/sim/simulator.h"

#include "npu_sim/isa/disassembler.h"
#include "npu_sim/sim/dma_unit.h"
#include "npu_sim/sim/instruction_where.h"
#include "npu_sim/sim/matrix_unit.h"
#include "npu_sim/sim/operand_ranges.h"
#include "npu_sim/sim/timing.h"
#include "npu_sim/sim/vector_unit.h"

#include <algorithm>
#include <array>

namespace nuri::npu {
namespace {

int engineOrder(EngineId id) {
  switch (id.kind) {
  case EngineKind::kDma:
    return id.index;
  case EngineKind::kMatrix:
    return 100;
  case EngineKind::kVector:
    return 101;
  }
  return 200;
}

// A semaphore's history: after each signal, when it became visible and the
// count from then on. Signals are processed in time order and one
// semaphore has one visibility latency, so both columns only grow.
struct SemaphoreTimeline {
  uint64_t total = 0;
  std::vector<std::pair<uint64_t, uint64_t>> history;

  // The cycle the count reached `value`, if it has.
  std::optional<uint64_t> reachTime(uint64_t value) const {
    if (value == 0)
      return 0;
    auto it = std::lower_bound(
        history.begin(), history.end(), value,
        [](const auto &entry, uint64_t v) { return entry.second < v; });
    if (it == history.end())
      return std::nullopt;
    return it->first;
  }
};

struct EngineRun {
  uint16_t core = 0;
  const Stream *stream = nullptr;
  size_t pc = 0;
  uint64_t issueFree = 0; // when the next instruction may issue
  uint64_t doneAll = 0;   // when every issued instruction has landed
  EngineStats stats;
  // This engine's writes that have not landed yet, and when they do.
  std::vector<std::pair<Access, uint64_t>> inFlight;
  // The interlock delay of instruction `hazardPc`, computed once.
  size_t hazardPc = SIZE_MAX;
  uint64_t hazardReady = 0;

  bool finished() const { return pc >= stream->instructions.size(); }
  const Instruction &current() const { return stream->instructions[pc]; }
};

constexpr size_t kLocalSemaphores = kGlobalSemaphoreBase;

class Scheduler {
public:
  Scheduler(const Program &program, const NpuProfile &profile,
            std::span<const DramRegion> regions, const SimOptions &options)
      : program_(program), profile_(profile), regions_(regions),
        options_(options), vpu_(profile.vector.lanes) {}

  Result<RunStats> run() {
    setUp();
    while (true) {
      EngineRun *next = nullptr;
      uint64_t nextTime = 0;
      bool unfinished = false;
      for (EngineRun &engine : engines_) {
        if (engine.finished())
          continue;
        unfinished = true;
        std::optional<uint64_t> ready = readyTime(engine);
        if (ready && (!next || *ready < nextTime)) {
          next = &engine;
          nextTime = *ready;
        }
      }
      if (!unfinished)
        break;
      if (!next)
        return deadlock();
      NURI_RETURN_IF_ERROR(step(*next, nextTime));
    }
    for (EngineRun &engine : engines_) {
      engine.stats.finishCycle = std::max(engine.issueFree, engine.doneAll);
      stats_.cycles = std::max(stats_.cycles, engine.stats.finishCycle);
      stats_.engines.push_back(engine.stats);
    }
    return std::move(stats_);
  }

private:
  void setUp() {
    size_t cores = program_.cores.size();
    sram_.resize(cores);
    local_.resize(cores);
    for (size_t c = 0; c < cores; ++c) {
      const CoreProgram &core = program_.cores[c];
      if (!core.streams.empty())
        sram_[c].assign(program_.sramBytes, 0);
      for (const Stream &stream : core.streams) {
        EngineRun engine;
        engine.core = static_cast<uint16_t>(c);
        engine.stream = &stream;
        engine.stats.core = engine.core;
        engine.stats.engine = stream.engine;
        engines_.push_back(std::move(engine));
      }
    }
    // Ties between engines ready at the same cycle go to the lower core,
    // then dma0..dmaN, mxu, vpu.
    std::stable_sort(engines_.begin(), engines_.end(),
                     [](const EngineRun &a, const EngineRun &b) {
                       if (a.core != b.core)
                         return a.core < b.core;
                       return engineOrder(a.stream->engine) <
                              engineOrder(b.stream->engine);
                     });
  }

  SemaphoreTimeline &semaphore(uint16_t core, uint8_t id) {
    return id >= kGlobalSemaphoreBase ? global_[id - kGlobalSemaphoreBase]
                                      : local_[core][id];
  }

  // When the engine's next instruction can start; nullopt while it waits
  // for a semaphore no processed signal has raised far enough.
  std::optional<uint64_t> readyTime(EngineRun &engine) {
    const Instruction &instruction = engine.current();
    switch (instruction.opcode) {
    case Opcode::kWait: {
      const SyncOp &op = instruction.sync();
      std::optional<uint64_t> reached =
          semaphore(engine.core, op.semaphore).reachTime(op.value);
      if (!reached)
        return std::nullopt;
      return std::max(engine.issueFree, *reached);
    }
    case Opcode::kSignal:
      // A signal also waits for everything before it on its engine.
      return std::max(engine.issueFree, engine.doneAll);
    default:
      return std::max(engine.issueFree, interlockTime(engine));
    }
  }

  // An instruction reading what an earlier instruction of the same engine
  // writes starts once that write has landed (the hardware interlocks
  // within an engine; across engines the program synchronises).
  uint64_t interlockTime(EngineRun &engine) {
    if (engine.hazardPc == engine.pc)
      return engine.hazardReady;
    reads_.clear();
    writes_.clear();
    instructionAccesses(engine.current(), reads_, writes_);
    uint64_t ready = 0;
    for (const Access &read : reads_)
      for (const auto &[write, done] : engine.inFlight)
        if (write.space == read.space && write.range.overlaps(read.range))
          ready = std::max(ready, done);
    engine.hazardPc = engine.pc;
    engine.hazardReady = ready;
    return ready;
  }

  void recordWrites(EngineRun &engine, const Instruction &instruction,
                    uint64_t done) {
    std::erase_if(engine.inFlight, [&](const auto &entry) {
      return entry.second <= engine.issueFree;
    });
    if (done <= engine.issueFree)
      return;
    reads_.clear();
    writes_.clear();
    instructionAccesses(instruction, reads_, writes_);
    for (const Access &write : writes_)
      engine.inFlight.emplace_back(write, done);
  }

  MemoryView memoryView(uint16_t core) {
    MemoryView view;
    view.sram = sram_[core];
    view.physicalSram = profile_.sram.bytes;
    view.regions = regions_;
    view.matrixAlignment = profile_.sram.alignment;
    return view;
  }

  Status faultStatus(const EngineRun &engine, uint64_t cycle,
                     const Fault &fault) {
    return Status(
        faultStatusCode(fault.kind),
        strCat("npu fault at cycle ", cycle, ": ",
               instructionWhere(engine.core, *engine.stream, engine.pc), ": ",
               faultName(fault.kind), ": ", fault.detail));
  }

  Status deadlock() {
    std::string waits;
    const EngineRun *first = nullptr;
    for (const EngineRun &engine : engines_) {
      if (engine.finished())
        continue;
      first = first ? first : &engine;
      waits += strCat(waits.empty() ? "" : "; ", "core ", engine.core, " ",
                      engine.stream->engine.name(), " #", engine.pc, " `",
                      disassemble(engine.current()), "`");
      // Only a wait can be unready, but never trust that blindly.
      if (engine.current().opcode == Opcode::kWait) {
        uint8_t id = engine.current().sync().semaphore;
        waits += strCat(" (", semaphoreName(id), " is ",
                        semaphore(engine.core, id).total, ")");
      }
    }
    uint64_t cycle = 0;
    for (const EngineRun &engine : engines_)
      cycle = std::max({cycle, engine.issueFree, engine.doneAll});
    return faultStatus(*first, cycle,
                       makeFault(FaultKind::kDeadlock,
                                 "every unfinished engine waits on a "
                                 "semaphore that no engine will signal: ",
                                 waits));
  }

  Status step(EngineRun &engine, uint64_t t) {
    const Instruction &instruction = engine.current();
    const OpcodeInfo &info = opcodeInfo(instruction.opcode);
    uint64_t start = t, end = t, done = t;
    MaybeFault fault;
    switch (info.format) {
    case Format::kSync:
      fault = sync(engine, instruction, t, start, end);
      done = end;
      break;
    case Format::kDma:
      fault = dma(engine, instruction, t, end, done);
      break;
    case Format::kMatmul: {
      const MatmulOp &op = instruction.matmul();
      fault = mxu_.execute(instruction.opcode, op, memoryView(engine.core));
      if (fault)
        break;
      bool int8 = instruction.opcode == Opcode::kMatmulI8;
      EngineCost cost = matmulCost(int8, op, profile_);
      end = t + cost.busy;
      done = end + cost.latency;
      uint64_t macs = uint64_t{op.m} * op.k * op.n;
      (int8 ? stats_.macsInt8 : stats_.macsBf16) += macs;
      break;
    }
    case Format::kVector: {
      const VectorOp &op = instruction.vector();
      fault = vpu_.execute(instruction.opcode, op, memoryView(engine.core));
      if (fault)
        break;
      EngineCost cost = vectorCost(instruction.opcode, op, profile_);
      end = t + cost.busy;
      done = end + cost.latency;
      stats_.vectorElements += uint64_t{op.rows} * op.cols;
      break;
    }
    }
    if (fault)
      return faultStatus(engine, t, *fault);
    if (info.format != Format::kSync)
      engine.stats.busyCycles += end - t;
    engine.stats.instructions += 1;
    stats_.instructions += 1;
    if (options_.recordInstructions)
      stats_.records.push_back({engine.core, engine.stream->engine,
                                static_cast<uint32_t>(engine.pc), start,
                                done - start});
    engine.issueFree = end;
    engine.doneAll = std::max(engine.doneAll, done);
    if (info.format != Format::kSync)
      recordWrites(engine, instruction, done);
    engine.pc += 1;
    return okStatus();
  }

  MaybeFault sync(EngineRun &engine, const Instruction &instruction, uint64_t t,
                  uint64_t &start, uint64_t &end) {
    const SyncOp &op = instruction.sync();
    switch (instruction.opcode) {
    case Opcode::kNop:
      end = t + op.value;
      return std::nullopt;
    case Opcode::kWait:
      start = engine.issueFree;
      engine.stats.stallCycles += t - engine.issueFree;
      end = t + 1;
      return std::nullopt;
    default: {
      SemaphoreTimeline &sem = semaphore(engine.core, op.semaphore);
      if (sem.total + op.value > UINT32_MAX)
        return makeFault(FaultKind::kSemaphoreOverflow,
                         semaphoreName(op.semaphore), " is ", sem.total,
                         "; adding ", op.value, " passes 2^32 - 1");
      bool global = op.semaphore >= kGlobalSemaphoreBase;
      uint64_t latency = global ? profile_.sync.globalSignalLatency
                                : profile_.sync.signalLatency;
      sem.total += op.value;
      sem.history.emplace_back(t + latency, sem.total);
      end = t + 1;
      return std::nullopt;
    }
    }
  }

  MaybeFault dma(EngineRun &engine, const Instruction &instruction, uint64_t t,
                 uint64_t &end, uint64_t &done) {
    const DmaOp &op = instruction.dma();
    if (MaybeFault fault =
            executeDma(instruction.opcode, op, memoryView(engine.core)))
      return fault;
    DmaTraffic traffic = dmaTraffic(instruction.opcode, op, profile_);
    uint64_t engineCycles =
        transferCycles(traffic.bytes, profile_.dma.bytesPerCycle);
    uint64_t begin = t + profile_.dma.setupCycles;
    if (!traffic.touchesDram) {
      end = begin + engineCycles;
      done = end + profile_.sram.latencyCycles;
      stats_.sramCopyBytes += traffic.bytes;
      return std::nullopt;
    }
    // DRAM serves transfers one after another in issue order, each for
    // its billed bytes at the DRAM's rate.
    uint64_t dramCycles =
        transferCycles(traffic.billedBytes, profile_.dram.bytesPerCycle);
    begin = std::max(begin, dramFree_);
    dramFree_ = begin + dramCycles;
    end = begin + std::max(dramCycles, engineCycles);
    done = end + profile_.dram.latencyCycles;
    (instruction.opcode == Opcode::kDmaLoad ? stats_.dramBytesRead
                                            : stats_.dramBytesWritten) +=
        traffic.bytes;
    stats_.dramBytesBilled += traffic.billedBytes;
    return std::nullopt;
  }

  const Program &program_;
  const NpuProfile &profile_;
  std::span<const DramRegion> regions_;
  SimOptions options_;
  MatrixUnit mxu_;
  VectorUnit vpu_;
  std::vector<EngineRun> engines_;
  std::vector<std::vector<uint8_t>> sram_;
  std::vector<std::array<SemaphoreTimeline, kLocalSemaphores>> local_;
  std::array<SemaphoreTimeline, kLocalSemaphores> global_;
  uint64_t dramFree_ = 0;
  RunStats stats_;
  std::vector<Access> reads_, writes_; // scratch for the interlock
};

} // namespace

Result<RunStats> simulate(const Program &program, const NpuProfile &profile,
                          std::span<const DramRegion> regions,
                          const SimOptions &options) {
  if (regions.size() != program.regions.size())
    return invalidArgument("the program has ", program.regions.size(),
                           " DRAM regions but ", regions.size(), " were bound");
  return Scheduler(program, profile, regions, options).run();
}

} // namespace nuri::npu
