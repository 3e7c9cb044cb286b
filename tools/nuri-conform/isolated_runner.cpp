#include "nuri-conform/isolated_runner.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <memory>
#include <new>
#include <poll.h>
#include <regex>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace nuri::conform {
namespace {

using Clock = std::chrono::steady_clock;

struct Child {
  pid_t pid = -1;
  int fd = -1;
  size_t index = 0;
  std::string output;
  Clock::time_point start, deadline;
  bool timedOut = false;
};

int resultFd = -1;

// Out of memory in a child: report it, then leave without unwinding.
void onOutOfMemory() {
  static const char kMessage[] =
      "status=error\ncategory=out-of-memory\nreason=the case exhausted the "
      "memory limit\nend=1\n";
  ssize_t ignored = write(resultFd, kMessage, sizeof kMessage - 1);
  (void)ignored;
  _exit(3);
}

void writeAll(int fd, const std::string &data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return;
    done += static_cast<size_t>(n);
  }
}

// Misbehaves on purpose (see IsolationOptions::fault).
void injectFault(IsolationOptions::Fault fault) {
  switch (fault) {
  case IsolationOptions::Fault::kCrash:
    raise(SIGSEGV);
    break;
  case IsolationOptions::Fault::kHang:
    for (;;)
      pause();
  case IsolationOptions::Fault::kOutOfMemory: {
    std::vector<std::unique_ptr<char[]>> hog;
    for (;;) {
      hog.emplace_back(new char[64 << 20]);
      std::memset(hog.back().get(), 1, 64 << 20);
    }
  }
  case IsolationOptions::Fault::kNone:
    break;
  }
}

Child startChild(const ConformCase &c, size_t index, const RunOptions &run,
                 const IsolationOptions &isolation) {
  int fds[2];
  Child child;
  child.index = index;
  if (pipe(fds) != 0)
    return child;
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    resultFd = fds[1];
    if (isolation.memoryLimitBytes) {
      rlimit limit{isolation.memoryLimitBytes, isolation.memoryLimitBytes};
      setrlimit(RLIMIT_AS, &limit);
    }
    std::set_new_handler(onOutOfMemory);
    if (isolation.fault != IsolationOptions::Fault::kNone &&
        std::regex_search(c.name, std::regex(isolation.faultPattern)))
      injectFault(isolation.fault);
    writeAll(fds[1], serializeResult(runCase(c, run)));
    close(fds[1]);
    _exit(0);
  }
  close(fds[1]);
  if (pid < 0) {
    close(fds[0]);
    return child;
  }
  child.pid = pid;
  child.fd = fds[0];
  child.start = Clock::now();
  child.deadline = child.start +
                   std::chrono::duration_cast<Clock::duration>(
                       std::chrono::duration<double>(isolation.timeoutSeconds));
  return child;
}

// The result of a finished child from its output and exit status.
CaseResult finishChild(const ConformCase &c, Child &child) {
  int status = 0;
  waitpid(child.pid, &status, 0);
  CaseResult result;
  result.name = c.name;
  double seconds =
      std::chrono::duration<double>(Clock::now() - child.start).count();
  if (child.timedOut) {
    result.status = CaseStatus::kTimeout;
    result.category = "timeout";
    result.reason = strCat("no result within the ", static_cast<int>(seconds),
                           " s per-case timeout");
  } else if (deserializeResult(child.output, result)) {
    // The child's own verdict (including out-of-memory).
  } else if (WIFSIGNALED(status)) {
    result.status = CaseStatus::kCrashed;
    result.category = "crash";
    result.reason = strCat("the case crashed with signal ", WTERMSIG(status),
                           " (", strsignal(WTERMSIG(status)), ")");
  } else {
    result.status = CaseStatus::kCrashed;
    result.category = "crash";
    result.reason = strCat("the case exited with code ",
                           WIFEXITED(status) ? WEXITSTATUS(status) : -1,
                           " without a result");
  }
  result.name = c.name;
  result.seconds = seconds;
  return result;
}

} // namespace

std::vector<CaseResult>
runCases(const std::vector<ConformCase> &cases, const RunOptions &run,
         const IsolationOptions &isolation,
         const std::function<void(const CaseResult &)> &onResult) {
  std::vector<CaseResult> results(cases.size());
  if (isolation.inProcess) {
    for (size_t i = 0; i < cases.size(); ++i) {
      results[i] = runCase(cases[i], run);
      onResult(results[i]);
    }
    return results;
  }
  std::vector<Child> running;
  size_t next = 0;
  while (next < cases.size() || !running.empty()) {
    while (next < cases.size() &&
           running.size() < static_cast<size_t>(std::max(1, isolation.jobs))) {
      Child child = startChild(cases[next], next, run, isolation);
      if (child.pid < 0) {
        CaseResult &r = results[next];
        r.name = cases[next].name;
        r.status = CaseStatus::kError;
        r.category = "internal-error";
        r.reason = strCat("cannot start a child process: ", strerror(errno));
        onResult(r);
      } else {
        running.push_back(std::move(child));
      }
      ++next;
    }
    if (running.empty())
      continue;
    std::vector<pollfd> fds;
    for (const Child &c : running)
      fds.push_back({c.fd, POLLIN, 0});
    poll(fds.data(), fds.size(), 100);
    auto now = Clock::now();
    for (size_t i = running.size(); i-- > 0;) {
      Child &child = running[i];
      bool closed = false;
      if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) {
        char buffer[4096];
        ssize_t n = read(child.fd, buffer, sizeof buffer);
        if (n > 0)
          child.output.append(buffer, static_cast<size_t>(n));
        else if (n == 0 || errno != EINTR)
          closed = true;
      }
      if (!closed && now > child.deadline) {
        kill(child.pid, SIGKILL);
        child.timedOut = true;
        closed = true;
      }
      if (!closed)
        continue;
      close(child.fd);
      results[child.index] = finishChild(cases[child.index], child);
      onResult(results[child.index]);
      running.erase(running.begin() + static_cast<long>(i));
    }
  }
  return results;
}

} // namespace nuri::conform
