// 0009: the term of a role grant (both days included; NULL = open), so that the chair and
// the secretary of a meeting can be checked as holding their role on the meeting's date.
// Existing grants stay open-ended. Never edit once applied.
#pragma once

#include <string_view>

namespace kd::storage::migrations {

inline constexpr std::string_view k0009RoleTerms = R"SQL(
ALTER TABLE role_grants
  ADD COLUMN valid_from  date,
  ADD COLUMN valid_until date,
  ADD CONSTRAINT role_grants_term_check
    CHECK (valid_from IS NULL OR valid_until IS NULL OR valid_from <= valid_until);
)SQL";

}  // namespace kd::storage::migrations
