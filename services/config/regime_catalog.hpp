// Loads the regimes (versioned rule sets) from JSON files in a directory.
// Each file holds one regime version; (id, version) is unique. A malformed
// file stops loading with an error that names the file and the field.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "workflow/regime.hpp"

namespace kd::config {

struct RegimeError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class RegimeCatalog {
 public:
  static RegimeCatalog load_dir(const std::string& dir);  // throws RegimeError

  // Parse / print one regime as JSON (campaigns store their pinned snapshot as JSON).
  static kd::wf::Regime parse(const std::string& json_text,
                              const std::string& origin);  // throws RegimeError
  static std::string to_json(const kd::wf::Regime&);

  const kd::wf::Regime* find(const std::string& id, int version) const;
  const kd::wf::Regime* latest(const std::string& id) const;
  // The latest version of every regime id: the candidates when choosing a person's regimes.
  std::vector<const kd::wf::Regime*> latest_all() const;
  const std::map<std::pair<std::string, int>, kd::wf::Regime>& all() const { return regimes_; }

 private:
  std::map<std::pair<std::string, int>, kd::wf::Regime> regimes_;
};

}  // namespace kd::config
