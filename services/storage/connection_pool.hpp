// A fixed-size pool of libpqxx connections. A connection is never shared
// between threads: a lease gives one thread exclusive use until it is returned.
#pragma once

#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <pqxx/pqxx>

namespace kd::storage {

// Whether `e` says the database could not be reached (the connection broke or never opened),
// for adapters that answer "unavailable" without knowing the driver's exceptions.
bool is_connection_failure(const std::exception& e);

class ConnectionPool {
 public:
  ConnectionPool(std::string url,
                 int size);  // connects lazily; throws on an unusable URL at first use
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<pqxx::connection> c)
        : pool_(&pool), c_(std::move(c)) {}
    Lease(Lease&&) = default;
    ~Lease();
    pqxx::connection& operator*() { return *c_; }
    pqxx::connection* operator->() { return c_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<pqxx::connection> c_;
  };

  // Blocks until a connection is free (at most `timeout_ms`, then throws std::runtime_error).
  Lease acquire(int timeout_ms = 5000);
  const std::string& url() const { return url_; }

 private:
  friend class Lease;
  void release(std::unique_ptr<pqxx::connection> c);
  std::string url_;
  int size_;
  int created_ = 0;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
  std::mutex mu_;
  std::condition_variable cv_;
};

}  // namespace kd::storage
