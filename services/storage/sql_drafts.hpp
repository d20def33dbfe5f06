// SQL of the draft store (draft_store.cpp): the reviewee's self-assessment draft (0006).
// Prepared on each connection the store acquires (idempotent: libpqxx ignores an identical
// redefinition).
#pragma once

#include <pqxx/pqxx>

#include "services/storage/sql.hpp"

namespace kd::storage::sql_drafts {

using sql::Statement;

// $1 review. The canonical form JSON, who saved it, when (epoch seconds).
inline constexpr Statement kGetDraft{"draft_get", R"SQL(
SELECT form, author_id, extract(epoch FROM updated_at)::bigint
FROM review_drafts WHERE review_id = $1)SQL"};

// $1 review, $2 author, $3 canonical form JSON, $4 epoch seconds. Replaces the draft.
inline constexpr Statement kPutDraft{"draft_put", R"SQL(
INSERT INTO review_drafts (review_id, author_id, form, updated_at)
VALUES ($1, $2, $3, to_timestamp($4))
ON CONFLICT (review_id) DO UPDATE
  SET author_id = EXCLUDED.author_id, form = EXCLUDED.form, updated_at = EXCLUDED.updated_at)SQL"};

inline constexpr Statement kAll[] = {kGetDraft, kPutDraft};

inline void prepare_draft_statements(pqxx::connection& c) {
  for (const auto& s : kAll) c.prepare(std::string(s.name), std::string(s.text));
}

}  // namespace kd::storage::sql_drafts
