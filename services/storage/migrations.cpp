#include "services/storage/migrations.hpp"

#include <map>
#include <stdexcept>
#include <string>

#include "services/storage/connection_pool.hpp"
#include "services/storage/migrations/migrations_sql.hpp"
#include "services/codec/sha256.hpp"
#include "services/storage/sql.hpp"

namespace kd::storage {
namespace {

struct Applied {
  std::string name;
  std::string checksum;
};

std::map<int, Applied> applied_migrations(pqxx::work& w) {
  std::map<int, Applied> out;
  for (const auto& row : w.exec(std::string(sql::kAppliedMigrations))) {
    out[row[0].as<int>()] = {row[1].as<std::string>(), row[2].as<std::string>()};
  }
  return out;
}

// Every applied migration must be known to this program with the same text.
void check_applied(const std::map<int, Applied>& applied) {
  for (const auto& [version, a] : applied) {
    const migrations::Migration* known = nullptr;
    for (const auto& m : migrations::kAll) {
      if (m.version == version) known = &m;
    }
    if (known == nullptr) {
      throw std::runtime_error("Cơ sở dữ liệu có migration " + std::to_string(version) + " (" +
                               a.name +
                               ") mà chương trình này không biết: chương trình cũ hơn "
                               "cơ sở dữ liệu");
    }
    if (codec::sha256_hex(known->sql) != a.checksum) {
      throw std::runtime_error("Migration " + std::to_string(version) + " (" + a.name +
                               ") đã được áp dụng nhưng nội dung đã bị sửa (checksum khác); "
                               "không bao giờ sửa một migration đã áp dụng");
    }
  }
}

}  // namespace

MigrationReport migrate(ConnectionPool& pool) {
  MigrationReport report;
  auto conn = pool.acquire();
  {
    pqxx::work w(*conn, "create_schema_migrations");
    w.exec(std::string(sql::kMigrationLock));
    w.exec0(std::string(sql::kCreateMigrationTable));
    w.commit();
  }
  for (const auto& m : migrations::kAll) {
    pqxx::work w(*conn, "migration");
    w.exec(std::string(sql::kMigrationLock));  // held until this migration commits
    const auto applied = applied_migrations(w);
    check_applied(applied);
    if (applied.count(m.version) == 0) {
      w.exec(std::string(m.sql));
      w.exec_params0(std::string(sql::kRecordMigration), m.version, std::string(m.name),
                     codec::sha256_hex(m.sql));
      report.applied.emplace_back(m.name);
    }
    w.commit();
    report.current_version = m.version;
  }
  return report;
}

}  // namespace kd::storage
