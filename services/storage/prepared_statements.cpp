#include "services/storage/prepared_statements.hpp"

#include <string>

#include "services/storage/sql.hpp"
#include "services/storage/sql_accounts.hpp"
#include "services/storage/sql_documents.hpp"
#include "services/storage/sql_org_import.hpp"
#include "services/storage/sql_periods.hpp"

namespace kd::storage {

void prepare_statements(pqxx::connection& c) {
  for (const auto& s : sql::kAll) c.prepare(std::string(s.name), std::string(s.text));
  for (const auto& s : sql_documents::kAll) c.prepare(std::string(s.name), std::string(s.text));
  for (const auto& s : sql_periods::kAll) c.prepare(std::string(s.name), std::string(s.text));
  for (const auto& s : sql_org_import::kAll) c.prepare(std::string(s.name), std::string(s.text));
  for (const auto& s : sql_accounts::kAll) c.prepare(std::string(s.name), std::string(s.text));
}

}  // namespace kd::storage
