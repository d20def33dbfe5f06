#include "services/api/http_front.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <vector>

#include <Poco/Logger.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Timestamp.h>
#include <Poco/URI.h>

#include "services/api/buffered_exchange.hpp"
#include "services/api/front_answers.hpp"
#include "services/api/request_reader.hpp"

namespace kd::api {
namespace {

using Clock = std::chrono::steady_clock;

Poco::Logger& logger() { return Poco::Logger::get("kd.api"); }

// After an answer that closes the connection: how long, and how much, is read and discarded
// so that the client reads the answer instead of a reset.
constexpr auto kLinger = std::chrono::seconds(2);
constexpr std::size_t kMaxDiscard = 64u << 20;
// Bytes read from one connection per readiness event (fairness between connections).
constexpr std::size_t kReadBurst = 256 * 1024;

constexpr std::uint64_t kListenerId = 0;
constexpr std::uint64_t kWakeId = 1;

enum class Phase { Reading, Handling, Writing, Lingering };

struct Conn {
  int fd = -1;
  std::string ip;
  Poco::Net::SocketAddress peer;
  Poco::Net::SocketAddress local;
  bool counted = false;  // in the per-address count
  Phase phase = Phase::Reading;
  bool idle = true;  // Reading, and no byte of the next request yet
  Clock::time_point deadline;
  std::string in;
  std::string out;
  std::size_t out_at = 0;
  std::unique_ptr<RequestReader> reader;
  bool continue_sent = false;
  bool close_after_write = false;
  bool peer_closed = false;  // the client shut its side down (no more requests)
  Clock::duration linger{};  // how long to linger after the closing answer
  Clock::time_point linger_until;
  std::size_t discarded = 0;
  std::uint32_t events = 0;  // what epoll watches now
};

struct Job {
  std::uint64_t conn = 0;
  Poco::Net::HTTPRequest head;
  std::string body;
  Poco::Net::SocketAddress peer;
  Poco::Net::SocketAddress local;
};

struct Result {
  std::uint64_t conn = 0;
  std::string bytes;
  bool keep_alive = false;
};

std::string ip_of(const sockaddr_storage& ss) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (ss.ss_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(ss).sin_addr, buf, sizeof buf);
  } else if (ss.ss_family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6&>(ss).sin6_addr, buf, sizeof buf);
  }
  return buf;
}

Poco::Net::SocketAddress address_of(const sockaddr_storage& ss) {
  return Poco::Net::SocketAddress(
      reinterpret_cast<const sockaddr*>(&ss),
      ss.ss_family == AF_INET6 ? sizeof(sockaddr_in6) : sizeof(sockaddr_in));
}

// Enough descriptors for every connection the settings allow (the soft limit is often 1024).
void raise_descriptor_limit(int connections) {
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) != 0) return;
  const rlim_t wanted = static_cast<rlim_t>(connections) + 256;
  if (lim.rlim_cur >= wanted) return;
  lim.rlim_cur = lim.rlim_max == RLIM_INFINITY ? wanted : std::min(wanted, lim.rlim_max);
  setrlimit(RLIMIT_NOFILE, &lim);
  if (lim.rlim_cur < wanted)
    logger().warning(
        "only %s file descriptors allowed (ulimit -n): fewer than http.max_connections",
        std::to_string(lim.rlim_cur));
}

}  // namespace

struct HttpFront::Impl {
  Impl(FrontOptions o, Poco::Net::HTTPRequestHandlerFactory::Ptr f)
      : opt(std::move(o)), factory(std::move(f)), params(new Poco::Net::HTTPServerParams) {
    params->setSoftwareVersion("kiemdiem");
  }

  FrontOptions opt;
  Poco::Net::HTTPRequestHandlerFactory::Ptr factory;
  Poco::Net::HTTPServerParams::Ptr params;
  int listen_fd = -1;
  int epoll_fd = -1;
  int wake_fd = -1;
  int bound_port = 0;
  std::atomic<bool> stopping{false};
  std::thread reactor;
  std::vector<std::thread> workers;

  // Reactor-only state.
  std::unordered_map<std::uint64_t, Conn> conns;
  std::unordered_map<std::string, int> per_address;
  std::uint64_t next_id = 2;
  bool accepting = true;

  // Shared between the reactor and the workers.
  std::mutex mu;
  std::condition_variable jobs_cv;
  std::deque<Job> jobs;
  std::vector<Result> results;

  // -- set-up -----------------------------------------------------------------------------
  void open_listener() {
    const Poco::Net::SocketAddress where(opt.host, static_cast<Poco::UInt16>(opt.port));
    listen_fd = ::socket(where.af(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (listen_fd < 0) throw std::runtime_error("socket: " + std::string(strerror(errno)));
    const int one = 1;
    setsockopt(listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(listen_fd, where.addr(), where.length()) != 0 || ::listen(listen_fd, 1024) != 0) {
      const std::string why = strerror(errno);
      ::close(listen_fd);
      listen_fd = -1;
      throw std::runtime_error("cannot listen on " + where.toString() + ": " + why);
    }
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    getsockname(listen_fd, reinterpret_cast<sockaddr*>(&ss), &len);
    bound_port = address_of(ss).port();
    epoll_fd = epoll_create1(EPOLL_CLOEXEC);
    wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    watch(listen_fd, kListenerId, EPOLLIN, EPOLL_CTL_ADD);
    watch(wake_fd, kWakeId, EPOLLIN, EPOLL_CTL_ADD);
  }

  void watch(int fd, std::uint64_t id, std::uint32_t events, int op) {
    epoll_event ev{};
    ev.events = events;
    ev.data.u64 = id;
    epoll_ctl(epoll_fd, op, fd, &ev);
  }

  void wake() {
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto n = ::write(wake_fd, &one, sizeof one);
  }

  // -- the reactor ------------------------------------------------------------------------
  void run() {
    std::vector<epoll_event> events(512);
    auto next_sweep = Clock::now();
    while (!stopping) {
      const int n = epoll_wait(epoll_fd, events.data(), static_cast<int>(events.size()), 100);
      for (int i = 0; i < n; ++i) {
        const std::uint64_t id = events[i].data.u64;
        if (id == kListenerId) {
          accept_all();
        } else if (id == kWakeId) {
          std::uint64_t count = 0;
          [[maybe_unused]] const auto r = ::read(wake_fd, &count, sizeof count);
          take_results();
        } else {
          on_event(id, events[i].events);
        }
      }
      const auto now = Clock::now();
      if (now >= next_sweep) {
        sweep(now);
        next_sweep = now + std::chrono::milliseconds(100);
      }
    }
    for (auto& [id, c] : conns) ::close(c.fd);
    conns.clear();
    per_address.clear();
  }

  void accept_all() {
    for (;;) {
      sockaddr_storage ss{};
      socklen_t len = sizeof ss;
      const int fd =
          accept4(listen_fd, reinterpret_cast<sockaddr*>(&ss), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) {
        if (errno == EMFILE || errno == ENFILE) {
          logger().warning("out of file descriptors: new connections wait");
          pause_accepting();
        }
        return;
      }
      if (static_cast<int>(conns.size()) >= opt.max_connections) {
        ::close(fd);  // beyond http.max_connections: no room for one more
        continue;
      }
      const int one = 1;
      setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      const std::uint64_t id = next_id++;
      Conn& c = conns[id];
      c.fd = fd;
      c.ip = ip_of(ss);
      c.peer = address_of(ss);
      sockaddr_storage local{};
      socklen_t local_len = sizeof local;
      getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_len);
      c.local = address_of(local);
      c.reader = std::make_unique<RequestReader>(opt.max_body);
      c.deadline = Clock::now() + std::chrono::seconds(opt.request_timeout_seconds);
      c.events = EPOLLIN;
      watch(fd, id, c.events, EPOLL_CTL_ADD);
      const int limit = opt.max_connections_per_address;
      if (limit > 0 && per_address[c.ip] >= limit) {
        answer_early(id, c, too_many_connections(limit), "", "");
        continue;
      }
      ++per_address[c.ip];
      c.counted = true;
      if (static_cast<int>(conns.size()) >= opt.max_connections) pause_accepting();
    }
  }

  void pause_accepting() {
    if (!accepting) return;
    accepting = false;
    watch(listen_fd, kListenerId, 0, EPOLL_CTL_MOD);
  }

  void resume_accepting() {
    if (accepting || stopping) return;
    accepting = true;
    watch(listen_fd, kListenerId, EPOLLIN, EPOLL_CTL_MOD);
  }

  void close_conn(std::uint64_t id) {
    auto it = conns.find(id);
    if (it == conns.end()) return;
    Conn& c = it->second;
    epoll_ctl(epoll_fd, EPOLL_CTL_DEL, c.fd, nullptr);
    ::close(c.fd);
    if (c.counted) {
      auto a = per_address.find(c.ip);
      if (a != per_address.end() && --a->second <= 0) per_address.erase(a);
    }
    conns.erase(it);
    if (static_cast<int>(conns.size()) < opt.max_connections) resume_accepting();
  }

  void set_events(std::uint64_t id, Conn& c) {
    std::uint32_t want = 0;
    if ((c.phase == Phase::Reading && !c.peer_closed) || c.phase == Phase::Lingering)
      want |= EPOLLIN;
    if (c.out_at < c.out.size()) want |= EPOLLOUT;
    if (want != c.events) {
      c.events = want;
      watch(c.fd, id, want, EPOLL_CTL_MOD);
    }
  }

  void on_event(std::uint64_t id, std::uint32_t events) {
    auto it = conns.find(id);
    if (it == conns.end()) return;
    Conn& c = it->second;
    if (c.phase == Phase::Handling) {
      // Reset while its request is being handled: the answer will have nowhere to go.
      if ((events & (EPOLLHUP | EPOLLERR)) != 0) close_conn(id);
      return;
    }
    if ((events & EPOLLOUT) != 0 && !flush(id, c)) return;
    if ((events & (EPOLLIN | EPOLLHUP | EPOLLERR)) == 0) return;
    if (c.phase == Phase::Lingering) {
      discard(id, c);
    } else if (c.phase == Phase::Reading) {
      if (receive(id, c)) advance(id, c);
    }
  }

  // Reads what is there; false when the connection is gone. A client that shuts its side
  // down after its request still gets the answer.
  bool receive(std::uint64_t id, Conn& c) {
    char buf[16 * 1024];
    std::size_t got = 0;
    while (got < kReadBurst) {
      const ssize_t n = ::recv(c.fd, buf, sizeof buf, 0);
      if (n > 0) {
        c.in.append(buf, static_cast<std::size_t>(n));
        got += static_cast<std::size_t>(n);
        continue;
      }
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 || c.in.empty()) {
        close_conn(id);  // reset, or closed with nothing pending
        return false;
      }
      c.peer_closed = true;
      set_events(id, c);
      break;
    }
    return true;
  }

  void discard(std::uint64_t id, Conn& c) {
    char buf[16 * 1024];
    for (;;) {
      const ssize_t n = ::recv(c.fd, buf, sizeof buf, 0);
      if (n > 0) {
        c.discarded += static_cast<std::size_t>(n);
        if (c.discarded > kMaxDiscard) break;
        continue;
      }
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      if (n < 0 && errno == EINTR) continue;
      break;
    }
    close_conn(id);
  }

  // Advances the request being read: answers 100-continue, hands a complete request to the
  // workers, answers a bad one.
  void advance(std::uint64_t id, Conn& c) {
    if (c.in.empty()) return;
    if (c.idle) {
      c.idle = false;
      c.deadline = Clock::now() + std::chrono::seconds(opt.request_timeout_seconds);
    }
    const auto state = c.reader->consume(c.in);
    if (state == RequestReader::State::Failed) {
      const auto& r = *c.reader;
      const bool too_large = r.error_status() == 413;
      // A client still sending a refused body gets the whole request time to finish it.
      answer_early(id, c, FrontProblem{r.error_status(), r.error_code(), r.error_detail(), 0},
                   too_large ? r.head().getMethod() : "", too_large ? r.head().getURI() : "",
                   too_large ? std::chrono::seconds(opt.request_timeout_seconds) : kLinger);
      return;
    }
    if (state != RequestReader::State::Complete && c.peer_closed) {
      close_conn(id);  // the client gave up in the middle of its request
      return;
    }
    if (state == RequestReader::State::Body && c.reader->expects_continue() && !c.continue_sent) {
      c.continue_sent = true;
      c.out += "HTTP/1.1 100 Continue\r\n\r\n";
      if (!flush(id, c)) return;
    }
    if (state != RequestReader::State::Complete) return;
    Job job;
    job.conn = id;
    job.head = c.reader->head();
    job.body = c.reader->take_body();
    job.peer = c.peer;
    job.local = c.local;
    const std::string method = job.head.getMethod();
    const std::string uri = job.head.getURI();
    bool queued = false;
    {
      std::lock_guard<std::mutex> lock(mu);
      if (static_cast<int>(jobs.size()) < opt.queue) {
        jobs.push_back(std::move(job));
        queued = true;
      }
    }
    if (!queued) {
      // Every worker busy and the queue full: shed this one now rather than later.
      answer_early(id, c, server_busy(), method, uri);
      return;
    }
    jobs_cv.notify_one();
    c.phase = Phase::Handling;
    set_events(id, c);
  }

  // An answer the front gives itself (408, 413, 429, 431, 400, 503): problem+json, logged as
  // one access line, and the connection closed after lingering.
  void answer_early(std::uint64_t id, Conn& c, const FrontProblem& p, const std::string& method,
                    const std::string& uri, Clock::duration linger = kLinger) {
    c.out.erase(0, c.out_at);
    c.out_at = 0;
    c.out += front_answer_bytes(p, uri, c.ip, method);
    c.phase = Phase::Writing;
    c.close_after_write = true;
    c.linger = linger;
    c.deadline = Clock::now() + std::chrono::seconds(opt.write_timeout_seconds);
    flush(id, c);
  }

  // Writes what is pending; false when the connection is gone.
  bool flush(std::uint64_t id, Conn& c) {
    while (c.out_at < c.out.size()) {
      const ssize_t n =
          ::send(c.fd, c.out.data() + c.out_at, c.out.size() - c.out_at, MSG_NOSIGNAL);
      if (n > 0) {
        c.out_at += static_cast<std::size_t>(n);
        continue;
      }
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        set_events(id, c);
        return true;
      }
      if (n < 0 && errno == EINTR) continue;
      close_conn(id);
      return false;
    }
    c.out.clear();
    c.out_at = 0;
    if (c.phase == Phase::Writing) return written(id, c);
    set_events(id, c);
    return true;
  }

  // The answer is out: the next request on this connection, or a lingering close.
  bool written(std::uint64_t id, Conn& c) {
    const auto now = Clock::now();
    if (c.close_after_write || c.peer_closed || stopping) {
      if (c.peer_closed) {
        close_conn(id);
        return false;
      }
      ::shutdown(c.fd, SHUT_WR);
      c.phase = Phase::Lingering;
      c.linger_until = now + (c.linger > Clock::duration::zero() ? c.linger : kLinger);
      set_events(id, c);
      return true;
    }
    c.phase = Phase::Reading;
    c.idle = true;
    c.continue_sent = false;
    c.reader = std::make_unique<RequestReader>(opt.max_body);
    c.deadline = now + std::chrono::seconds(opt.keep_alive_seconds);
    set_events(id, c);
    if (!c.in.empty()) advance(id, c);  // a pipelined request already received
    return conns.count(id) != 0;
  }

  void sweep(Clock::time_point now) {
    std::vector<std::uint64_t> expired;
    for (auto& [id, c] : conns) {
      const bool past = c.phase == Phase::Lingering
                            ? now >= c.linger_until
                            : c.phase != Phase::Handling && now >= c.deadline;
      if (past) expired.push_back(id);
    }
    for (const auto id : expired) {
      auto it = conns.find(id);
      if (it == conns.end()) continue;
      Conn& c = it->second;
      if (c.phase == Phase::Reading && !c.idle) {
        answer_early(id, c, request_timeout(opt.request_timeout_seconds), "", "");
      } else {
        close_conn(id);  // silent: idle, stuck writing, or done lingering
      }
    }
  }

  void take_results() {
    std::vector<Result> done;
    {
      std::lock_guard<std::mutex> lock(mu);
      done.swap(results);
    }
    for (auto& r : done) {
      auto it = conns.find(r.conn);
      if (it == conns.end()) continue;
      Conn& c = it->second;
      c.out += r.bytes;
      c.phase = Phase::Writing;
      c.close_after_write = !r.keep_alive;
      c.deadline = Clock::now() + std::chrono::seconds(opt.write_timeout_seconds);
      flush(r.conn, c);
    }
  }

  // -- the workers ------------------------------------------------------------------------
  void work() {
    for (;;) {
      Job job;
      {
        std::unique_lock<std::mutex> lock(mu);
        jobs_cv.wait(lock, [&] { return stopping || !jobs.empty(); });
        if (jobs.empty()) return;  // stopping
        job = std::move(jobs.front());
        jobs.pop_front();
      }
      Result r = handle(job);
      {
        std::lock_guard<std::mutex> lock(mu);
        results.push_back(std::move(r));
      }
      wake();
    }
  }

  Result handle(Job& job) {
    Result r;
    r.conn = job.conn;
    const bool head_request = job.head.getMethod() == Poco::Net::HTTPRequest::HTTP_HEAD;
    auto response = std::make_unique<BufferedResponse>();
    prepare(*response, job.head);
    try {
      BufferedRequest request(job.head, std::move(job.body), job.peer, job.local, params,
                              *response);
      std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(
          factory->createRequestHandler(request));
      if (handler) handler->handleRequest(request, *response);
      if (!response->sent()) throw std::runtime_error("the handler sent no answer");
    } catch (const std::exception& e) {
      logger().error("request %s %s failed outside its handler: %s", job.head.getMethod(),
                     job.head.getURI(), std::string(e.what()));
      response = std::make_unique<BufferedResponse>();
      prepare(*response, job.head);
      response->setKeepAlive(false);
      response->setStatusAndReason(Poco::Net::HTTPResponse::HTTP_INTERNAL_SERVER_ERROR);
      response->setContentType("application/problem+json; charset=utf-8");
      response->send() << internal_error_body();
    }
    r.keep_alive = response->getKeepAlive() && !stopping;
    response->setKeepAlive(r.keep_alive);
    r.bytes = response->serialize(head_request);
    return r;
  }

  static void prepare(BufferedResponse& response, const Poco::Net::HTTPRequest& head) {
    response.setDate(Poco::Timestamp());
    response.setVersion(head.getVersion());
    response.setKeepAlive(head.getKeepAlive());
    response.set("Server", "kiemdiem");
  }
};

HttpFront::HttpFront(FrontOptions options, Poco::Net::HTTPRequestHandlerFactory::Ptr factory)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(factory))) {}

HttpFront::~HttpFront() { stop(); }

void HttpFront::start() {
  raise_descriptor_limit(impl_->opt.max_connections);
  impl_->open_listener();
  const int threads = std::max(1, impl_->opt.threads);
  for (int i = 0; i < threads; ++i) impl_->workers.emplace_back([this] { impl_->work(); });
  impl_->reactor = std::thread([this] { impl_->run(); });
}

void HttpFront::stop() {
  if (!impl_ || impl_->listen_fd < 0) return;
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    impl_->stopping = true;
  }
  impl_->wake();
  impl_->jobs_cv.notify_all();
  if (impl_->reactor.joinable()) impl_->reactor.join();
  for (auto& t : impl_->workers)
    if (t.joinable()) t.join();
  impl_->workers.clear();
  ::close(impl_->listen_fd);
  ::close(impl_->epoll_fd);
  ::close(impl_->wake_fd);
  impl_->listen_fd = -1;
}

int HttpFront::port() const { return impl_->bound_port; }

}  // namespace kd::api
