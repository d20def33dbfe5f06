// An agency's product catalogue: versions by validity date, and the checks on a new version.
#include <gtest/gtest.h>

#include "tests/unit/workflow/scoring_fixture.hpp"
#include "workflow/product_catalogue.hpp"

namespace kd::wf {
namespace {

using test::make_catalogue;

TEST(ProductCatalogue, TheVersionInForceIsTheLatestStartedOne) {
  const auto c = make_catalogue();
  EXPECT_EQ(c.in_force(Date{2025, 12, 31}), nullptr);
  EXPECT_EQ(c.in_force(Date{2026, 1, 1})->version, 1);
  EXPECT_EQ(c.in_force(Date{2026, 6, 30})->version, 1);
  EXPECT_EQ(c.in_force(Date{2026, 7, 1})->version, 2);
  EXPECT_EQ(c.find("VB-01", Date{2026, 3, 1})->k, 10000);
  EXPECT_EQ(c.find("VB-01", Date{2026, 8, 1})->k, 12000);
  EXPECT_EQ(c.find("XX-99", Date{2026, 8, 1}), nullptr);
}

TEST(ProductCatalogue, ANewVersionComesAfterTheExistingOnes) {
  const auto c = make_catalogue();
  CatalogueVersion v = c.versions[1];
  v.version = 3;
  v.valid_from = Date{2027, 1, 1};
  EXPECT_TRUE(check_catalogue_version(c, v).empty());
  v.version = 2;
  v.valid_from = Date{2026, 7, 1};
  const auto rs = check_catalogue_version(c, v);
  ASSERT_EQ(rs.size(), 2u);
  EXPECT_EQ(rs[0].field, "version");
  EXPECT_EQ(rs[1].field, "valid_from");
  EXPECT_NE(rs[1].message_vi.find("01/07/2026"), std::string::npos) << rs[1].message_vi;
}

TEST(ProductCatalogue, ProductsNeedAUniqueCodeANameAndAPositiveK) {
  CatalogueVersion v;
  v.version = 1;
  v.valid_from = Date{2026, 1, 1};
  v.products = {{"A", "Văn bản", "", "", 10000, ""},
                {"A", "Hồ sơ", "", "", 10000, ""},
                {"B", " ", "", "", 0, ""},
                {"", "Không mã", "", "", 10000, ""}};
  const auto rs = check_catalogue_version(ProductCatalogue{}, v);
  ASSERT_EQ(rs.size(), 4u);
  for (const auto& r : rs) EXPECT_EQ(r.code, "catalogue_invalid");
  EXPECT_EQ(rs[0].field, "products[1].code");
  EXPECT_EQ(rs[1].field, "products[2].name");
  EXPECT_EQ(rs[2].field, "products[2].k");
  EXPECT_EQ(rs[3].field, "products[3]");
  v.products.clear();
  EXPECT_EQ(check_catalogue_version(ProductCatalogue{}, v).at(0).field, "products");
}

}  // namespace
}  // namespace kd::wf
