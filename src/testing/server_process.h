// Test-only: a local server process (python3 fault_server.py, python3 -m http.server, ...) that
// prints its port on stdout; started with fork/exec because tests need it running while they
// work (run_subprocess waits for the child to end). Stopped (SIGTERM) on destruction.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

namespace roost::testing {

class ServerProcess {
 public:
  using PortParser = std::function<int(const std::string& line)>;  // 0: not this line

  ~ServerProcess() { stop(); }

  // Returns "" on success, else why the server could not be started.
  std::string start(const std::vector<std::string>& argv, const PortParser& parse_port) {
    int fds[2];
    if (pipe(fds) != 0) return "pipe failed";
    pid_ = fork();
    if (pid_ < 0) return "fork failed";
    if (pid_ == 0) {
      dup2(fds[1], STDOUT_FILENO);
      int null = open("/dev/null", O_WRONLY);
      dup2(null, STDERR_FILENO);
      close(fds[0]);
      close(fds[1]);
      std::vector<char*> args;
      for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      execvp(args[0], args.data());
      _exit(127);
    }
    close(fds[1]);
    out_ = fds[0];
    std::string buffer;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd p{out_, POLLIN, 0};
      if (poll(&p, 1, 100) <= 0) continue;
      char chunk[512];
      ssize_t n = read(out_, chunk, sizeof chunk);
      if (n <= 0) break;  // EOF: the child is gone
      buffer.append(chunk, static_cast<size_t>(n));
      for (size_t nl; (nl = buffer.find('\n')) != std::string::npos; buffer.erase(0, nl + 1)) {
        if (int port = parse_port(buffer.substr(0, nl)); port > 0) {
          port_ = port;
          return "";
        }
      }
    }
    int status = 0;
    stop(&status);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) return argv[0] + " not found";
    return "no port line from " + argv[0];
  }

  void stop(int* status = nullptr) {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int s = 0;
      waitpid(pid_, &s, 0);
      if (status) *status = s;
      pid_ = -1;
    }
    if (out_ >= 0) close(out_);
    out_ = -1;
  }

  int port() const { return port_; }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  int port_ = 0;
};

// For `python3 -u -m http.server 0 --bind 127.0.0.1`: "Serving HTTP on 127.0.0.1 port 8000 ...".
inline int http_server_port(const std::string& line) {
  size_t at = line.find(" port ");
  return at == std::string::npos ? 0 : std::atoi(line.c_str() + at + 6);
}

}  // namespace roost::testing
