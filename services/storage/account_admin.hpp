// The administration of accounts and roles. Every change is one use case in ONE transaction:
// load the organisation and the record concerned (locked), ask the domain's rules
// (workflow/account_admin.hpp) with the actor and today's date, then write the change and
// its event in the administrative log (admin_log.hpp) together — or nothing.
// Passwords arrive hashed (the API hashes them); they are never logged.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "services/storage/admin_log.hpp"
#include "services/storage/connection_pool.hpp"
#include "services/storage/store.hpp"
#include "workflow/account_admin.hpp"

namespace kd::storage {

struct AccountRow {
  Id id = 0;
  Id person_id = 0;
  std::string username;
  std::string auth_source;  // "local" | "ldap"
  bool must_change_password = false;
  bool active = true;
  std::string full_name;
  Id unit_id = 0;
  std::string unit_name;
  wf::TimePoint created_at;
  std::optional<wf::TimePoint> password_changed_at;
  std::optional<wf::TimePoint> deactivated_at;
};

struct GrantRow {
  Id id = 0;
  Id person_id = 0;
  std::string full_name;
  Id unit_id = 0;
  std::string unit_name;
  wf::Role role = wf::Role::Member;
  std::optional<wf::Date> valid_from;
  std::optional<wf::Date> valid_until;
  std::optional<Id> granted_by;
  std::optional<wf::TimePoint> granted_at;
  std::optional<Id> revoked_by;
  std::optional<wf::TimePoint> revoked_at;
  std::string revoke_reason;
  std::optional<wf::Date> revoked_on;  // the day of revocation, Asia/Ho_Chi_Minh
};

struct AdminOutcome {
  enum class Status {
    Accepted,
    Refused,   // the domain's refusals (Forbidden / GuardFailed)
    NotFound,  // `missing`: "person", "unit", "account" or "role_grant"
    Conflict,  // `refusals`: username_taken, account_exists
  } status = Status::Refused;
  wf::Refusals refusals;
  std::string missing;
  Id id = 0;         // the account or grant created or changed
  AdminEvent event;  // the event recorded (Accepted)
};

struct GrantCommand {
  Id person_id = 0;
  Id unit_id = 0;
  wf::Role role = wf::Role::Member;
  std::optional<wf::Date> valid_from;
  std::optional<wf::Date> valid_until;
};

struct GrantFilter {
  std::vector<Id> unit_ids;  // required: the units listed (an empty list lists nothing)
  std::optional<wf::Role> role;
  std::optional<Id> person_id;
  bool include_revoked = false;
};

class AccountAdmin {
 public:
  explicit AccountAdmin(ConnectionPool& pool) : pool_(pool) {}

  // A local account for `person_id` whose password (hashed) must be changed at first sign-in.
  // Conflict: the name is taken, or the person has an account not deactivated.
  AdminOutcome create_account(Id actor, Id person_id, const std::string& username,
                              const std::string& one_time_password_hash, wf::TimePoint now);
  // A new one-time password; every session of the account ends.
  AdminOutcome reset_password(Id actor, Id account_id, const std::string& one_time_password_hash,
                              wf::TimePoint now);
  // No more sign-in; every session ends. Refused when already deactivated.
  AdminOutcome deactivate(Id actor, Id account_id, const std::string& reason, wf::TimePoint now);
  AdminOutcome grant(Id actor, const GrantCommand&, wf::TimePoint now);
  AdminOutcome revoke(Id actor, Id grant_id, const std::string& reason, wf::TimePoint now);

  // The account holder's own change (the current password was checked by the caller):
  // clears the one-time flag and ends every other session.
  void change_password(Id account_id, Id person_id, const std::string& new_hash,
                       const std::string& keep_session_sha256, wf::TimePoint now);

  std::optional<AccountRow> get_account(Id account_id);
  std::optional<GrantRow> get_grant(Id grant_id);
  Page<AccountRow> list_accounts(const std::vector<Id>& unit_ids, int limit, int offset);
  Page<GrantRow> list_grants(const GrantFilter&, int limit, int offset);

 private:
  ConnectionPool& pool_;
};

}  // namespace kd::storage
