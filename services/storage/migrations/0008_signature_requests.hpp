// 0008: a notification kind for "your signature is awaited" (the chair, once the secretary has
// signed the minutes), written in the signature's own transaction. Never edit once applied.
#pragma once

#include <string_view>

namespace kd::storage::migrations {

inline constexpr std::string_view k0008SignatureRequests = R"SQL(
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('reminder', 'overdue_head', 'overdue_supervisor', 'signature_requested'));
)SQL";

}  // namespace kd::storage::migrations
