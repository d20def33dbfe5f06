#include "services/storage/migrations.hpp"

#include <iterator>
#include <map>
#include <stdexcept>
#include <string>

#include "services/codec/sha256.hpp"
#include "services/storage/connection_pool.hpp"
#include "services/storage/migrations/migrations_sql.hpp"
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

std::string too_new_message(int database_version, int program_version) {
  const std::string db = std::to_string(database_version);
  const std::string mine = std::to_string(program_version);
  return "Cơ sở dữ liệu đã ở phiên bản lược đồ " + db +
         ", mới hơn chương trình này (chỉ biết đến phiên bản " + mine +
         "): hãy cài bản kiemdiem mới hơn, hoặc khôi phục bản sao lưu làm từ phiên bản này; "
         "không có gì bị thay đổi. / The database schema is at version " +
         db + ", newer than this program (which knows versions up to " + mine +
         "): install the newer kiemdiem release, or restore a backup made with this one; "
         "nothing was changed.";
}

}  // namespace

SchemaTooNew::SchemaTooNew(int database_version_, int program_version_)
    : std::runtime_error(too_new_message(database_version_, program_version_)),
      database_version(database_version_),
      program_version(program_version_) {}

int latest_schema_version() { return std::end(migrations::kAll)[-1].version; }

int database_schema_version(ConnectionPool& pool) {
  auto conn = pool.acquire();
  pqxx::read_transaction t(*conn);
  const auto exists = t.exec1(std::string(sql::kMigrationTableExists));
  if (!exists[0].as<bool>()) return 0;
  return t.exec1(std::string(sql::kSchemaVersion))[0].as<int>();
}

MigrationReport migrate(ConnectionPool& pool) {
  MigrationReport report;
  auto conn = pool.acquire();
  {
    pqxx::work w(*conn, "create_schema_migrations");
    w.exec(std::string(sql::kMigrationLock));
    w.exec0(std::string(sql::kCreateMigrationTable));
    const int in_database = w.exec1(std::string(sql::kSchemaVersion))[0].as<int>();
    if (in_database > latest_schema_version())
      throw SchemaTooNew(in_database, latest_schema_version());
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
