// 0006: the reviewee's self-assessment draft, kept on the server so that it follows
// the person from one browser to another. One draft per review, replaced on every save.
// Included by migrations_sql.hpp; never edit once applied.
#pragma once

#include <string_view>

namespace kd::storage::migrations {

inline constexpr std::string_view k0006Drafts = R"SQL(
-- `form` is the canonical JSON of a FormContent (sections, self_rating, strengths,
-- weaknesses), NFC text, validated by the API. No foreign key on review_id, as for
-- notifications (0004): a referencing insert would take a KEY SHARE lock on the review and
-- make a transition wait. Reviews are never deleted.
CREATE TABLE review_drafts (
  review_id   bigint PRIMARY KEY,
  author_id   bigint NOT NULL REFERENCES people(id),
  form        text NOT NULL CHECK (octet_length(form) <= 262144),
  updated_at  timestamptz NOT NULL
);
)SQL";

}  // namespace kd::storage::migrations
