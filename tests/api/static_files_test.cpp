// The web UI's static files: served from web.root only, GET and HEAD only, with
// content types, strong ETags and 304s; nothing outside the root, whatever the path.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "services/api/static_files.hpp"
#include "tests/api/api_fixture.hpp"

namespace kd::api::testing {
namespace {

namespace fs = std::filesystem;

TEST(StaticFiles, OnlyPlainSegmentsUnderAppNameAFile) {
  EXPECT_EQ(static_relative_path("/"), "index.html");
  EXPECT_EQ(static_relative_path("/app/"), "index.html");
  EXPECT_EQ(static_relative_path("/app/js/pages/review.js"), "js/pages/review.js");
  for (const char* bad : {"/app/../secret", "/app/js/../../x", "/app/.git/config", "/app/./x",
                          "/app//x", "/app/x/", "/app/a\\b", "/other/x", "/app", "/apple/x"}) {
    EXPECT_FALSE(static_relative_path(bad)) << bad;
  }
  EXPECT_FALSE(static_relative_path(std::string("/app/a\0b", 8)));
}

TEST(StaticFiles, TheUiOwnsRootAndAppOnly) {
  EXPECT_TRUE(is_static_uri("/"));
  EXPECT_TRUE(is_static_uri("/?x=1"));
  EXPECT_TRUE(is_static_uri("/app"));
  EXPECT_TRUE(is_static_uri("/app/js/app.js"));
  EXPECT_FALSE(is_static_uri("/apple"));
  EXPECT_FALSE(is_static_uri("/api/v1/me/tasks"));
  EXPECT_FALSE(is_static_uri("/healthz"));
}

TEST(StaticFiles, ContentTypeByExtension) {
  EXPECT_EQ(content_type_for("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(content_type_for("app.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("app.css"), "text/css; charset=utf-8");
  EXPECT_EQ(content_type_for("logo.svg"), "image/svg+xml");
  EXPECT_EQ(content_type_for("README"), "application/octet-stream");
  EXPECT_EQ(content_type_for("x.exe"), "application/octet-stream");
}

class StaticServerTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    root_dir_ = fs::temp_directory_path() / ("kiemdiem-web-" + std::to_string(::getpid()));
    fs::remove_all(root_dir_);
    fs::create_directories(root_dir_ / "web/js");
    write(root_dir_ / "web/index.html", "<!doctype html><title>Kiểm điểm</title>");
    write(root_dir_ / "web/js/app.js", "export const x = 1;\n");
    write(root_dir_ / "secret.txt", "bí mật");
    fs::create_symlink(root_dir_ / "secret.txt", root_dir_ / "web/leak.txt");
    server_->stop();
    settings_.web_root = (root_dir_ / "web").string();
    server_ = std::make_unique<ApiServer>(ApiDeps{*store_, catalog_, settings_, test_now});
    server_->start();
  }
  void TearDown() override {
    ApiTest::TearDown();
    fs::remove_all(root_dir_);
  }
  static void write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

  fs::path root_dir_;
};

TEST_F(StaticServerTest, ServesTheIndexAndAssetsWithTypesAndETags) {
  const auto index = call("GET", "/");
  ASSERT_EQ(index.status, 200);
  EXPECT_EQ(index.body, "<!doctype html><title>Kiểm điểm</title>");
  EXPECT_EQ(index.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(index.header("Cache-Control"), "no-cache");
  EXPECT_EQ(index.header("X-Content-Type-Options"), "nosniff");
  EXPECT_NE(index.header("Content-Security-Policy").find("script-src 'self'"), std::string::npos);
  const std::string etag = index.header("ETag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(call("GET", "/app/").body, index.body);

  const auto again = call("GET", "/app/", "", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());

  const auto js = call("GET", "/app/js/app.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(call("HEAD", "/app/js/app.js").status, 200);

  const auto redirect = call("GET", "/app");
  EXPECT_EQ(redirect.status, 301);
  EXPECT_EQ(redirect.header("Location"), "/app/");
}

TEST_F(StaticServerTest, NothingOutsideTheRootAndOnlyGetOrHead) {
  for (const char* path :
       {"/app/../secret.txt", "/app/%2e%2e/secret.txt", "/app/leak.txt", "/app/js", "/app/js/",
        "/app/missing.js", "/app/%2e%2e%2fsecret.txt", "/app/..%5csecret.txt"}) {
    const auto r = call("GET", path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.body.find("bí mật"), std::string::npos) << path;
  }
  const auto post = call("POST", "/app/", "{}");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.header("Allow"), "GET, HEAD");
  // The API keeps its own answers.
  const auto api = call("GET", "/api/v1/nothing-here");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.header("Content-Type"), "application/problem+json; charset=utf-8");
}

TEST_F(StaticServerTest, AMissingRootAnswers404) {
  server_->stop();
  settings_.web_root = (root_dir_ / "absent").string();
  server_ = std::make_unique<ApiServer>(ApiDeps{*store_, catalog_, settings_, test_now});
  server_->start();
  EXPECT_EQ(call("GET", "/").status, 404);
  EXPECT_EQ(call("GET", "/healthz").status, 200);
}

}  // namespace
}  // namespace kd::api::testing
