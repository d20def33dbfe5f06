// An agency's catalogue of products and works ("danh mục sản phẩm/công việc")
// with their conversion factors K (Nghị định 335/2025, Điều 13 and Điều 26 k.1).
// There are no national K values: each agency issues and versions its own
// catalogue; a version applies from its valid_from date until the next one.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "workflow/calendar.hpp"
#include "workflow/organisation.hpp"
#include "workflow/points.hpp"
#include "workflow/refusal.hpp"

namespace kd::wf {

struct Product {
  std::string code;    // stable within the agency: "VB-01"
  std::string name;    // "Dự thảo văn bản hành chính"
  std::string output;  // the output product ("sản phẩm đầu ra"): "Tờ trình, công văn"
  std::string group;   // the agency's grouping ("Nhóm 2", a field of work)
  Factor k = kFactorPerUnit;  // conversion factor ("hệ số quy đổi"), > 0
  std::string unit;           // "văn bản", "hồ sơ"
};

struct CatalogueVersion {
  int version = 1;
  Date valid_from;
  std::string decision;  // the agency's issuing decision ("Quyết định số 12/QĐ-SNV")
  std::vector<Product> products;
};

struct ProductCatalogue {
  Id agency_id = 0;
  std::vector<CatalogueVersion> versions;  // any order

  // The version in force on `day` (latest valid_from ≤ day), or nullptr.
  const CatalogueVersion* in_force(const Date& day) const;
  // The product with `code` in the version in force on `day`, or nullptr.
  const Product* find(const std::string& code, const Date& day) const;
};

// Problems of one version before it is accepted ("catalogue_invalid" refusals
// naming the product): codes unique and non-blank, names present, K > 0,
// version numbers and dates increasing over the existing versions.
Refusals check_catalogue_version(const ProductCatalogue& existing, const CatalogueVersion&);

}  // namespace kd::wf
