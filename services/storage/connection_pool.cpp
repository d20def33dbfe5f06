#include "services/storage/connection_pool.hpp"

#include <chrono>
#include <stdexcept>

#include "services/storage/prepared_statements.hpp"

namespace kd::storage {

bool is_connection_failure(const std::exception& e) {
  return dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr;
}

ConnectionPool::ConnectionPool(std::string url, int size) : url_(std::move(url)), size_(size) {
  if (size_ < 1) throw std::invalid_argument("ConnectionPool: size must be at least 1");
}

ConnectionPool::~ConnectionPool() = default;

ConnectionPool::Lease::~Lease() {
  if (c_) pool_->release(std::move(c_));
}

ConnectionPool::Lease ConnectionPool::acquire(int timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(c));
    }
    if (created_ < size_) {
      ++created_;
      lock.unlock();  // connecting takes time: never under the lock
      try {
        auto c = std::make_unique<pqxx::connection>(url_);
        prepare_statements(*c);
        return Lease(*this, std::move(c));
      } catch (...) {
        lock.lock();
        --created_;
        cv_.notify_one();
        throw;
      }
    }
    if (cv_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() &&
        created_ >= size_) {
      throw std::runtime_error("Hết thời gian chờ kết nối cơ sở dữ liệu (pool size " +
                               std::to_string(size_) + ")");
    }
  }
}

void ConnectionPool::release(std::unique_ptr<pqxx::connection> c) {
  std::lock_guard<std::mutex> lock(mu_);
  if (c && c->is_open()) {
    idle_.push_back(std::move(c));
  } else {
    --created_;  // a broken connection is dropped; a new one is made on demand
  }
  cv_.notify_one();
}

}  // namespace kd::storage
