// 0007: signatures keep the signer's certificate and its chain (external signatures too),
// and a review's stage_since is the time it entered its stage — the latest event that
// brought it there from another stage, as tracking counts it — so events that stay in
// the stage (signatures, drafts) no longer reset it. Never edit once applied.
#pragma once

#include <string_view>

namespace kd::storage::migrations {

inline constexpr std::string_view k0007SignatureChain = R"SQL(
ALTER TABLE document_signatures ADD COLUMN cert_der bytea;
ALTER TABLE document_signatures ADD COLUMN chain_der bytea[] NOT NULL DEFAULT '{}';

CREATE OR REPLACE VIEW review_rows AS
SELECT r.id, r.campaign_id, r.person_id, r.unit_id, r.stage, r.workflow_version, r.version,
       r.form::text AS form, r.meeting::text AS meeting, r.opinion::text AS opinion,
       r.final_rating, r.not_rated,
       floor(extract(epoch FROM r.published_at))::bigint AS published_at,
       r.complaints, r.last_return_reason,
       f.facts::text AS facts,
       p.full_name, p.unit_id AS person_unit_id, p.group_code, p.party_member, p.leader,
       p.position, p.peer_group,
       u.name AS unit_name,
       floor(extract(epoch FROM coalesce(
         (SELECT max(e.occurred_at) FROM review_events e
          WHERE e.review_id = r.id AND e.to_stage = r.stage AND e.from_stage <> e.to_stage),
         r.created_at)))::bigint AS stage_since,
       (c.stage_due ->> r.stage)::date AS stage_due
FROM reviews r
JOIN people p ON p.id = r.person_id
JOIN units u ON u.id = r.unit_id
JOIN campaigns c ON c.id = r.campaign_id
LEFT JOIN person_year_facts f ON f.person_id = r.person_id AND f.year = c.year;
)SQL";

}  // namespace kd::storage::migrations
