// Test harness for integration and API tests: a real PostgreSQL server.
// If KIEMDIEM_TEST_DATABASE_URL is set (scripts/test starts one server for the whole run and
// sets it), that server is used: each process creates its databases there and drops them at
// exit. Otherwise one private cluster is started per test process under $KIEMDIEM_TEST_PG_DIR
// (default: <build dir>/test-pg/<pid>) and stopped at exit. A migrated database is a copy of a
// template database migrated once per server and migration set.
#pragma once

#include <string>

namespace kd::testing {

// A fresh, empty database with a unique name; returns its libpq URL.
std::string fresh_database_url(const std::string& name_hint = "t");

// A fresh database with all migrations applied.
std::string migrated_database_url(const std::string& name_hint = "t");

}  // namespace kd::testing
