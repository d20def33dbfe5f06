#include "workflow/signing_authority.hpp"

namespace kd::wf {

const Unit* issuing_agency(const std::vector<Unit>& unit_path) {
  const Unit* agency = nullptr;
  for (const auto& u : unit_path)
    if (u.kind == "co_quan") agency = &u;
  if (!agency && !unit_path.empty()) agency = &unit_path.front();
  return agency;
}

std::string_view to_string(SignerStanding s) {
  switch (s) {
    case SignerStanding::Head:
      return "head";
    case SignerStanding::Deputy:
      return "deputy";
    case SignerStanding::Other:
      return "other";
  }
  return "other";
}

std::optional<SignerStanding> parse_signer_standing(std::string_view s) {
  for (auto v : {SignerStanding::Head, SignerStanding::Deputy, SignerStanding::Other})
    if (to_string(v) == s) return v;
  return std::nullopt;
}

SignerStanding signer_standing(const OrgTree& org, Id person, Id agency, std::optional<Date> on) {
  if (org.has_role_in(person, Role::Head, agency, on)) return SignerStanding::Head;
  if (org.has_role_in(person, Role::DeputyHead, agency, on)) return SignerStanding::Deputy;
  return SignerStanding::Other;
}

AuthorityLines authority_lines(const Unit& agency, SignerStanding standing,
                               const std::string& signer_position) {
  const auto given = [&](const std::string& title) {
    return title.empty() ? signer_position : title;
  };
  AuthorityLines out;
  std::string for_head;  // "KT. Giám đốc" when a deputy signs for the head
  switch (standing) {
    case SignerStanding::Head:
      out.title = given(agency.head_title);
      break;
    case SignerStanding::Deputy:
      // Without the head's title there is nobody to sign for: the deputy's own title only.
      if (!agency.head_title.empty()) for_head = "KT. " + agency.head_title;
      out.title = given(agency.deputy_title);
      break;
    case SignerStanding::Other:
      out.title = signer_position;
      break;
  }
  if (!agency.collective_body.empty()) {
    out.prefix = "TM. " + agency.collective_body;
    out.on_behalf = for_head;
  } else {
    out.prefix = for_head;
  }
  return out;
}

}  // namespace kd::wf
