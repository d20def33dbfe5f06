#include "workflow/product_catalogue.hpp"

#include <set>

#include "workflow/rating_rules.hpp"
#include "workflow/text_policy.hpp"

namespace kd::wf {
namespace {

Refusal invalid(std::string message, std::string field) {
  return Refusal{RefusalKind::GuardFailed, "catalogue_invalid", std::move(message),
                 std::move(field)};
}

std::string dmy(const Date& d) {
  return (d.day < 10 ? "0" : "") + std::to_string(d.day) + "/" + (d.month < 10 ? "0" : "") +
         std::to_string(d.month) + "/" + std::to_string(d.year);
}

}  // namespace

const CatalogueVersion* ProductCatalogue::in_force(const Date& day) const {
  const CatalogueVersion* best = nullptr;
  for (const auto& v : versions) {
    if (day < v.valid_from) continue;
    if (!best || best->valid_from < v.valid_from) best = &v;
  }
  return best;
}

const Product* ProductCatalogue::find(const std::string& code, const Date& day) const {
  const CatalogueVersion* v = in_force(day);
  if (!v) return nullptr;
  for (const auto& p : v->products)
    if (p.code == code) return &p;
  return nullptr;
}

Refusals check_catalogue_version(const ProductCatalogue& existing, const CatalogueVersion& v) {
  Refusals out;
  if (!is_valid(v.valid_from)) out.push_back(invalid("Ngày áp dụng không hợp lệ.", "valid_from"));
  if (v.products.empty()) {
    out.push_back(invalid("Danh mục chưa có sản phẩm, công việc nào.", "products"));
  }
  for (const auto& old : existing.versions) {
    if (v.version <= old.version) {
      out.push_back(invalid("Phiên bản " + std::to_string(v.version) +
                                " phải lớn hơn phiên bản đã ban hành " +
                                std::to_string(old.version) + ".",
                            "version"));
    }
    if (v.valid_from <= old.valid_from) {
      out.push_back(invalid("Ngày áp dụng " + dmy(v.valid_from) +
                                " phải sau ngày áp dụng của phiên bản đã ban hành (" +
                                dmy(old.valid_from) + ").",
                            "valid_from"));
    }
  }
  std::set<std::string> codes;
  for (std::size_t i = 0; i < v.products.size(); ++i) {
    const Product& p = v.products[i];
    const std::string field = "products[" + std::to_string(i) + "]";
    if (is_blank(p.code)) {
      out.push_back(invalid("Sản phẩm thứ " + std::to_string(i + 1) + " chưa có mã.", field));
      continue;
    }
    if (!codes.insert(p.code).second) {
      out.push_back(invalid("Mã sản phẩm \"" + p.code + "\" bị lặp.", field + ".code"));
    }
    if (is_blank(p.name)) {
      out.push_back(invalid("Sản phẩm \"" + p.code + "\" chưa có tên.", field + ".name"));
    }
    if (p.k <= 0) {
      out.push_back(
          invalid("Hệ số quy đổi của sản phẩm \"" + p.code + "\" phải lớn hơn 0.", field + ".k"));
    }
  }
  return out;
}

}  // namespace kd::wf
