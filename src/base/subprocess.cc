// fork/exec implementation of run_subprocess: pipes drained with poll() so neither stdout nor
// stderr can fill up and deadlock the child; the child leads its own process group so a timeout
// kills everything it started.
#include "base/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "base/fs.h"

namespace roost {
namespace {

struct Pipe {
  int read_end = -1;
  int write_end = -1;
};

bool make_pipe(Pipe& p) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return false;
  p.read_end = fds[0];
  p.write_end = fds[1];
  return true;
}

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

std::vector<char*> c_strings(const std::vector<std::string>& items) {
  std::vector<char*> out;
  out.reserve(items.size() + 1);
  for (const std::string& s : items) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

// In the child, between fork and exec: only async-signal-safe calls.
[[noreturn]] void exec_child(const SubprocessOptions& options, Pipe& in, Pipe& out, Pipe& err,
                             int report_fd, char** argv, char** envp) {
  ::setpgid(0, 0);
  ::signal(SIGPIPE, SIG_DFL);
  ::dup2(in.read_end, STDIN_FILENO);
  if (options.capture_output) {
    ::dup2(out.write_end, STDOUT_FILENO);
    ::dup2(err.write_end, STDERR_FILENO);
  }
  if (!options.cwd.empty() && ::chdir(options.cwd.c_str()) != 0) {
    int e = errno;
    (void)!::write(report_fd, &e, sizeof e);
    ::_exit(127);
  }
  if (envp != nullptr) {
    ::execvpe(argv[0], argv, envp);
  } else {
    ::execvp(argv[0], argv);
  }
  int e = errno;
  (void)!::write(report_fd, &e, sizeof e);
  ::_exit(127);
}

SubprocessResult finish(SubprocessResult& result, int status) {
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
  }
  return std::move(result);
}

}  // namespace

Result<SubprocessResult> run_subprocess(const SubprocessOptions& options) {
  if (options.argv.empty()) return make_error(ErrorKind::kInternal, "run_subprocess: empty argv");
  const std::string& program = options.argv[0];
  Pipe in, out, err, report;
  if (!make_pipe(in) || !make_pipe(out) || !make_pipe(err) || !make_pipe(report)) {
    for (Pipe* p : {&in, &out, &err, &report}) {
      close_fd(p->read_end);
      close_fd(p->write_end);
    }
    return make_error(ErrorKind::kSubprocess,
                      "cannot start " + program + ": " + errno_message(errno));
  }
  std::vector<char*> argv = c_strings(options.argv);
  std::optional<std::vector<std::string>> env = options.env;
  if (!options.env_overrides.empty()) {
    if (!env) {
      env.emplace();
      for (char** e = environ; *e != nullptr; ++e) env->emplace_back(*e);
    }
    for (const std::string& o : options.env_overrides) {
      std::string_view name = std::string_view(o).substr(0, o.find('='));
      std::erase_if(*env, [&](const std::string& e) {
        return e.size() > name.size() && e.compare(0, name.size(), name) == 0 &&
               e[name.size()] == '=';
      });
      env->push_back(o);
    }
  }
  std::vector<char*> envp;
  if (env) envp = c_strings(*env);

  pid_t pid = ::fork();
  if (pid == 0) {
    exec_child(options, in, out, err, report.write_end, argv.data(), env ? envp.data() : nullptr);
  }
  int fork_errno = errno;
  close_fd(in.read_end);
  close_fd(out.write_end);
  close_fd(err.write_end);
  close_fd(report.write_end);
  if (pid < 0) {
    for (int* fd : {&in.write_end, &out.read_end, &err.read_end, &report.read_end}) close_fd(*fd);
    return make_error(ErrorKind::kSubprocess,
                      "cannot start " + program + ": " + errno_message(fork_errno));
  }
  ::setpgid(pid, pid);  // also in the child; whichever runs first wins the race harmlessly

  // exec failure is reported through the CLOEXEC pipe: EOF means exec succeeded.
  int exec_errno = 0;
  ssize_t got;
  do {
    got = ::read(report.read_end, &exec_errno, sizeof exec_errno);
  } while (got < 0 && errno == EINTR);
  close_fd(report.read_end);
  if (got == sizeof exec_errno) {
    for (int* fd : {&in.write_end, &out.read_end, &err.read_end}) close_fd(*fd);
    ::waitpid(pid, nullptr, 0);
    return make_error(ErrorKind::kSubprocess,
                      "cannot run " + program + ": " + errno_message(exec_errno));
  }

  SubprocessResult result;
  size_t stdin_written = 0;
  if (options.stdin_data.empty())
    close_fd(in.write_end);
  else
    ::fcntl(in.write_end, F_SETFL, O_NONBLOCK);

  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options.timeout_ms);
  char buffer[65536];
  while (in.write_end >= 0 || out.read_end >= 0 || err.read_end >= 0) {
    pollfd fds[3];
    int n = 0;
    if (in.write_end >= 0) fds[n++] = {in.write_end, POLLOUT, 0};
    if (out.read_end >= 0) fds[n++] = {out.read_end, POLLIN, 0};
    if (err.read_end >= 0) fds[n++] = {err.read_end, POLLIN, 0};
    int wait_ms = -1;
    if (options.timeout_ms > 0) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) {
        result.timed_out = true;
        break;
      }
      wait_ms = static_cast<int>(left.count());
    }
    int ready = ::poll(fds, static_cast<nfds_t>(n), wait_ms);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;  // timeout is checked at the top of the loop
    for (int i = 0; i < n; ++i) {
      if (fds[i].revents == 0) continue;
      if (fds[i].fd == in.write_end) {
        std::string_view rest = std::string_view(options.stdin_data).substr(stdin_written);
        ssize_t w = ::write(in.write_end, rest.data(), rest.size());
        if (w > 0) stdin_written += static_cast<size_t>(w);
        if ((w < 0 && errno != EAGAIN && errno != EINTR) ||
            stdin_written == options.stdin_data.size()) {
          close_fd(in.write_end);
        }
        continue;
      }
      int& fd = fds[i].fd == out.read_end ? out.read_end : err.read_end;
      std::string& sink = fds[i].fd == out.read_end ? result.stdout_data : result.stderr_data;
      ssize_t r = ::read(fd, buffer, sizeof buffer);
      if (r > 0)
        sink.append(buffer, static_cast<size_t>(r));
      else if (r == 0 || (errno != EINTR && errno != EAGAIN))
        close_fd(fd);
    }
  }
  for (int* fd : {&in.write_end, &out.read_end, &err.read_end}) close_fd(*fd);

  int status = 0;
  if (!result.timed_out && options.timeout_ms > 0) {
    // The pipes are closed but the child may still run (or never had pipes): keep the deadline.
    while (::waitpid(pid, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() >= deadline) {
        result.timed_out = true;
        break;
      }
      ::usleep(2000);
    }
    if (!result.timed_out) return finish(result, status);
  }
  if (result.timed_out) ::kill(-pid, SIGKILL);
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return finish(result, status);
}

}  // namespace roost
