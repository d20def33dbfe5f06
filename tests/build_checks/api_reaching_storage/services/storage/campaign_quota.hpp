// A private storage header: it declares storage's `detail` namespace.
#pragma once

namespace kd::storage::detail {

void quota_entries();

}  // namespace kd::storage::detail
