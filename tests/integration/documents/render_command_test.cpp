// `kiemdiem render --review ID --kind KIND --out FILE`: one document from the command line.
#include <gtest/gtest.h>

#include <fstream>

#include "tests/integration/documents/documents_world.hpp"
#include "tests/integration/documents/pdf_tools.hpp"

namespace kd::documents::test {
namespace {

class RenderCommand : public DocumentsTest {};

TEST_F(RenderCommand, WritesThePdfOfAKindAndRefusesAKindNotYetProduced) {
  build_world();
  const auto review = review_of(an_);
  ASSERT_EQ(act(review, an_, submit(kd::storage::test::full_form())).status,
            TransitionOutcome::Status::Accepted);
  const auto dir = artefact_dir();
  const auto config = dir / ("render-" + std::to_string(::getpid()) + ".properties");
  std::ofstream(config) << "templates.dir = " << KD_SOURCE_DIR << "/templates\n"
                        << "log.level = warning\n";
  const auto out = dir / "render-command.pdf";
  std::filesystem::remove(out);
  const std::string base = "KIEMDIEM_DATABASE_URL='" + url_ + "' " + KD_KIEMDIEM + " --config '" +
                           config.string() + "' render --review " + std::to_string(review);
  const auto ok = run(base + " --kind self_assessment_form --out '" + out.string() + "'");
  EXPECT_EQ(ok.code, 0) << ok.out;
  EXPECT_NE(ok.out.find("sha256"), std::string::npos) << ok.out;
  EXPECT_NE(pdf_text(out).find("PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÔNG CHỨC"), std::string::npos);
  // The data captured with the submission, not the directory as it is now.
  {
    pqxx::connection c(url_);
    pqxx::work w(c);
    w.exec0("UPDATE people SET full_name = 'Nguyễn Văn Anh' WHERE id = " + std::to_string(an_));
    w.commit();
  }
  const auto later = dir / "render-command-later.pdf";
  const auto again = run(base + " --kind self_assessment_form --out '" + later.string() + "'");
  EXPECT_EQ(again.code, 0) << again.out;
  const auto text = flat(pdf_text(later));
  EXPECT_NE(text.find("Họ và tên: Nguyễn Văn An "), std::string::npos) << text;
  EXPECT_EQ(text.find("Nguyễn Văn Anh"), std::string::npos) << text;
  // Same snapshot, another process: the same bytes.
  EXPECT_EQ(read_file(out), read_file(later));
  const auto refused = run(base + " --kind decision --out '" + (dir / "none.pdf").string() + "'");
  EXPECT_EQ(refused.code, 1);
  EXPECT_EQ(run(base + " --kind nonsense --out x.pdf").code, 2);
}

}  // namespace
}  // namespace kd::documents::test
