// A public storage header: the API may include it.
#pragma once

namespace kd::storage {

class Store;

}  // namespace kd::storage
