// 0014: a unit's signing authority as its documents print it (ND 30/2020 Phụ lục I): the
// head's and the deputy's titles ("Giám đốc", "Phó Giám đốc": a deputy signs "KT. GIÁM ĐỐC"
// over "PHÓ GIÁM ĐỐC") and, for a body led collectively, the collective signed for ("Ủy ban
// nhân dân": "TM. ỦY BAN NHÂN DÂN"). Empty: not given (a unit under one head has no collective
// body; without titles the documents print the signer's position). The superior body and the
// place came with 0012. Included by migrations_sql.hpp; never edit once applied.
#pragma once

#include <string_view>

namespace kd::storage::migrations {

inline constexpr std::string_view k0014UnitDocuments = R"SQL(
ALTER TABLE units
  ADD COLUMN head_title      text NOT NULL DEFAULT '',
  ADD COLUMN deputy_title    text NOT NULL DEFAULT '',
  ADD COLUMN collective_body text NOT NULL DEFAULT '';
)SQL";

}  // namespace kd::storage::migrations
