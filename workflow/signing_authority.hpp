// The authority lines of a state document's signature block (ND 30/2020 Phụ lục I), from the
// organisation's data about the issuing agency (Unit::head_title, deputy_title,
// collective_body) and the signer's standing in it (their role grants):
//  - an agency under one head: the head signs under the head's title ("Giám đốc"); a deputy
//    signs for the head: "KT. Giám đốc" over the deputy's title ("Phó Giám đốc");
//  - a body led collectively (an Ủy ban nhân dân, a Ban Thường vụ): "TM. Ủy ban nhân dân" first,
//    then the same lines ("Chủ tịch", or "KT. Chủ tịch" over "Phó Chủ tịch").
// "TM." never appears for an agency under one head. A title the organisation has not given is
// the signer's own position; a signer who is neither head nor deputy signs under their own
// position (for a collective body, on its behalf). Lines are in the organisation's case; the
// documents print them in capitals.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "workflow/calendar.hpp"
#include "workflow/organisation.hpp"

namespace kd::wf {

// The agency that issues decisions and notices for a unit: the lowest "co_quan" on the path
// from the root down to the unit, else the root; null for an empty path.
const Unit* issuing_agency(const std::vector<Unit>& unit_path);

// The signer's place in the agency's leadership.
enum class SignerStanding { Head, Deputy, Other };
std::string_view to_string(SignerStanding);  // "head", "deputy", "other"
std::optional<SignerStanding> parse_signer_standing(std::string_view);

// From the role grants in `agency` itself (head before deputy head); with `on`, only grants in
// force that day count (OrgTree::has_role_in).
SignerStanding signer_standing(const OrgTree&, Id person, Id agency,
                               std::optional<Date> on = std::nullopt);

struct AuthorityLines {
  std::string prefix;     // "TM. Ủy ban nhân dân", or "KT. Giám đốc"; empty for a head
  std::string on_behalf;  // "KT. Chủ tịch" under "TM. …" when a deputy signs; else empty
  std::string title;      // "Giám đốc", "Phó Giám đốc", "Chủ tịch"
};

AuthorityLines authority_lines(const Unit& agency, SignerStanding,
                               const std::string& signer_position);

}  // namespace kd::wf
