// Who administers accounts and roles, and which grants are allowed. Pure rules; the storage
// adapter asks them inside the transaction that writes the change.
//
//   - An administrator (role `admin` in force today) of a unit administers the people of that
//     unit and of every unit below it: creates their accounts, resets their passwords,
//     deactivates their accounts, and grants and revokes their roles in units of that subtree.
//   - Nobody administers their own account or their own roles: another administrator does, so
//     nobody can raise their own rights or hide their own traces.
//   - A grant names a role an administrator may give (every role but `reviewee`: whoever is in
//     a unit is reviewed there), a term whose last day is not before its first nor already past,
//     and it may not overlap a grant of the same role, in the same unit, to the same person
//     that is not revoked.
//   - A revoked grant stays revoked; revoking takes effect on the day of the revocation (the
//     days before keep it: a decided review, minutes signed then, stay as they are).
#pragma once

#include <vector>

#include "workflow/organisation.hpp"
#include "workflow/refusal.hpp"

namespace kd::wf {

// The roles an administrator may grant, in a stable order (for forms and documentation).
const std::vector<Role>& grantable_roles();
bool grantable(Role);

// Every unit whose people and roles `actor` administers on `today` (sorted, no duplicates).
std::vector<Id> administered_units(const OrgTree&, Id actor, const Date& today);
bool administers_unit(const OrgTree&, Id actor, Id unit, const Date& today);

// Creating, resetting or deactivating `subject`'s account: Forbidden unless `actor`
// administers the subject's unit on `today` and is someone else.
Refusals account_admin_refusals(const OrgTree&, Id actor, const Person& subject, const Date& today);

// A grant of `role` in `unit` to `grantee` for the term [from, until] (open ends allowed).
// Forbidden: not an administrator of both the grantee's unit and `unit`, or one's own grant.
// GuardFailed: `role_not_grantable`, `invalid_term` (until before from), `term_ended` (until
// before today), `already_granted` (overlaps a grant not revoked; `field` = "role").
Refusals grant_refusals(const OrgTree&, Id actor, const Person& grantee, Id unit, Role role,
                        const std::optional<Date>& from, const std::optional<Date>& until,
                        const Date& today);

// A login name: 3 to 64 characters, lower-case ASCII letters, digits, '.', '_' or '-',
// starting with a letter ("thuky.tccb"). GuardFailed `invalid_username`, field "username".
Refusals username_refusals(const std::string& username);

// Revoking `grant` of `grantee`. Forbidden as for a grant; GuardFailed `already_revoked`.
Refusals revoke_refusals(const OrgTree&, Id actor, const Person& grantee, const RoleGrant& grant,
                         const Date& today);

}  // namespace kd::wf
