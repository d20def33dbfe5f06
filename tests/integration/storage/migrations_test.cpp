// Migrations against a real server: from empty, idempotent, and an edited migration refused.
#include "services/storage/migrations.hpp"

#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "services/storage/connection_pool.hpp"
#include "services/storage/migrations/migrations_sql.hpp"
#include "tests/support/test_database.hpp"

namespace kd::storage {
namespace {

long scalar(const std::string& url, const std::string& query) {
  pqxx::connection c(url);
  pqxx::read_transaction t(c);
  return t.exec1(query)[0].as<long>();
}

TEST(Migrations, FromEmptyApplyEveryMigrationAndCreateTheTables) {
  const auto url = kd::testing::fresh_database_url("mig_empty");
  ConnectionPool pool(url, 1);
  const auto report = migrate(pool);
  ASSERT_EQ(report.applied.size(), std::size(migrations::kAll));
  EXPECT_EQ(report.applied.front(), "0001_initial");
  EXPECT_EQ(report.current_version, std::end(migrations::kAll)[-1].version);
  for (const char* table :
       {"units", "people", "role_grants", "person_year_facts", "accounts", "sessions", "campaigns",
        "reviews", "review_events", "outbox", "idempotency_keys", "schema_migrations"}) {
    EXPECT_EQ(scalar(url, std::string("SELECT count(*) FROM information_schema.tables WHERE "
                                      "table_schema = 'public' AND table_name = '") +
                              table + "'"),
              1)
        << table;
  }
  EXPECT_EQ(scalar(url, "SELECT count(*) FROM schema_migrations WHERE length(checksum) = 64"),
            static_cast<long>(std::size(migrations::kAll)));
}

TEST(Migrations, SecondRunAppliesNothing) {
  const auto url = kd::testing::fresh_database_url("mig_twice");
  ConnectionPool pool(url, 1);
  migrate(pool);
  const auto again = migrate(pool);
  EXPECT_TRUE(again.applied.empty());
  EXPECT_EQ(again.current_version, std::end(migrations::kAll)[-1].version);
  EXPECT_EQ(scalar(url, "SELECT count(*) FROM schema_migrations"),
            static_cast<long>(std::size(migrations::kAll)));
}

TEST(Migrations, AnEditedAppliedMigrationStopsWithItsName) {
  const auto url = kd::testing::fresh_database_url("mig_edited");
  ConnectionPool pool(url, 1);
  migrate(pool);
  {
    pqxx::connection c(url);
    pqxx::work w(c);
    w.exec0("UPDATE schema_migrations SET checksum = repeat('0', 64) WHERE version = 1");
    w.commit();
  }
  try {
    migrate(pool);
    FAIL() << "an edited migration must be refused";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("0001_initial"), std::string::npos) << e.what();
  }
}

TEST(Migrations, ADatabaseNewerThanTheProgramIsRefusedAndLeftUntouched) {
  const auto url = kd::testing::fresh_database_url("mig_newer");
  ConnectionPool pool(url, 1);
  migrate(pool);
  const int newer = latest_schema_version() + 1;
  {
    pqxx::connection c(url);
    pqxx::work w(c);
    w.exec_params0(
        "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, "
        "'from_a_newer_release', "
        "repeat('a', 64))",
        newer);
    w.commit();
  }
  EXPECT_EQ(database_schema_version(pool), newer);
  try {
    migrate(pool);
    FAIL() << "a newer database must be refused";
  } catch (const SchemaTooNew& e) {
    EXPECT_EQ(e.database_version, newer);
    EXPECT_EQ(e.program_version, latest_schema_version());
    const std::string text = e.what();
    EXPECT_NE(text.find("mới hơn chương trình này"), std::string::npos) << text;
    EXPECT_NE(text.find("version " + std::to_string(newer)), std::string::npos) << text;
    EXPECT_NE(text.find("nothing was changed"), std::string::npos) << text;
  }
  EXPECT_EQ(scalar(url, "SELECT count(*) FROM schema_migrations"),
            static_cast<long>(std::size(migrations::kAll)) + 1);
}

TEST(Migrations, SchemaVersionIsZeroBeforeAndTheLatestAfter) {
  const auto url = kd::testing::fresh_database_url("mig_version");
  ConnectionPool pool(url, 1);
  EXPECT_EQ(database_schema_version(pool), 0);
  migrate(pool);
  EXPECT_EQ(database_schema_version(pool), latest_schema_version());
  EXPECT_EQ(latest_schema_version(), std::end(migrations::kAll)[-1].version);
}

TEST(Migrations, StageColumnAcceptsOnlyTheStableNames) {
  const auto url = kd::testing::migrated_database_url("mig_stage");
  pqxx::connection c(url);
  pqxx::work w(c);
  w.exec0("INSERT INTO units (code, name) VALUES ('U', 'Đơn vị')");
  w.exec0(
      "INSERT INTO people (full_name, unit_id, group_code) SELECT 'A', id, 'cong_chuc' FROM units");
  w.exec0(
      "INSERT INTO campaigns (unit_id, year, name, regime_id, regime_version, regime_snapshot) "
      "SELECT id, 2026, 'C', 'nd90-2020', 1, '{}' FROM units");
  EXPECT_THROW(w.exec0("INSERT INTO reviews (campaign_id, person_id, unit_id, stage, "
                       "workflow_version, created_at, updated_at) SELECT c.id, p.id, p.unit_id, "
                       "'3', 1, now(), now() FROM campaigns c, people p"),
               pqxx::check_violation);
}

}  // namespace
}  // namespace kd::storage
