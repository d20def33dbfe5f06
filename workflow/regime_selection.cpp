#include "workflow/regime_selection.hpp"

namespace kd::wf {
namespace {

Refusal guard_failed(std::string code, std::string message) {
  return Refusal{RefusalKind::GuardFailed, std::move(code), std::move(message), "regime"};
}

std::string titles(const std::vector<const Regime*>& rs) {
  std::string out;
  for (const Regime* r : rs) out += (out.empty() ? "" : "; ") + r->title;
  return out;
}

}  // namespace

std::vector<const Regime*> RegimeSelection::in_order() const {
  std::vector<const Regime*> out;
  if (state) out.push_back(state);
  if (party) out.push_back(party);
  return out;
}

RegimeSelection select_regimes(const Person& person, int year,
                               const std::vector<const Regime*>& candidates) {
  RegimeSelection sel;
  const bool party_member = person.party_member || person.group == Group::DangVien;
  std::vector<const Regime*> state;
  std::vector<const Regime*> party;
  for (const Regime* r : candidates) {
    if (!r) continue;
    if (r->party) {
      if (party_member && r->applies(Group::DangVien, year)) party.push_back(r);
    } else if (person.group != Group::DangVien && r->applies(person.group, year)) {
      state.push_back(r);
    }
  }
  const std::string who = std::string(label_vi(person.group)) + " năm " + std::to_string(year);
  if (state.size() > 1) {
    sel.refusals.push_back(guard_failed(
        "ambiguous_regime",
        "Có nhiều chế độ đánh giá cùng áp dụng cho " + who + ": " + titles(state) + "."));
  } else if (state.size() == 1) {
    sel.state = state.front();
  } else if (person.group != Group::DangVien) {
    sel.refusals.push_back(
        guard_failed("no_regime", "Chưa có chế độ đánh giá nào áp dụng cho " + who + "."));
  }
  if (party.size() > 1) {
    sel.refusals.push_back(
        guard_failed("ambiguous_regime", "Có nhiều chế độ đánh giá đảng viên cùng áp dụng năm " +
                                             std::to_string(year) + ": " + titles(party) + "."));
  } else if (party.size() == 1) {
    sel.party = party.front();
  } else if (party_member) {
    sel.refusals.push_back(guard_failed(
        "no_regime",
        "Chưa có chế độ đánh giá đảng viên nào áp dụng năm " + std::to_string(year) + "."));
  }
  return sel;
}

}  // namespace kd::wf
