#include "services/config/settings.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using kd::config::ConfigError;
using kd::config::load_settings;

namespace {

class SettingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* v :
         {"KIEMDIEM_DATABASE_URL", "KIEMDIEM_PORT", "KIEMDIEM_DATA_DIR", "KIEMDIEM_LOG_LEVEL"})
      unsetenv(v);
    file_ = fs::temp_directory_path() / ("kd-settings-" + std::to_string(getpid()) + ".properties");
  }
  void TearDown() override {
    SetUp();  // unset the environment again
    fs::remove(file_);
  }
  std::string write(const std::string& text) {
    std::ofstream(file_) << text;
    return file_.string();
  }
  // The key named by the ConfigError thrown for `text`, and its message.
  std::pair<std::string, std::string> error_for(const std::string& text) {
    try {
      load_settings(write(text));
    } catch (const ConfigError& e) {
      return {e.key, e.what()};
    }
    return {"", "no error"};
  }

  fs::path file_;
};

}  // namespace

TEST_F(SettingsTest, NoFileGivesTheDefaults) {
  const auto s = load_settings("");
  EXPECT_EQ(s.http_host, "127.0.0.1");
  EXPECT_EQ(s.http_port, 8080);
  EXPECT_EQ(s.database_url, "");
  EXPECT_EQ(s.data_dir, "var");
  EXPECT_EQ(s.log_level, "information");
}

TEST_F(SettingsTest, TheShippedFileIsValidAndMatchesTheDefaults) {
  const auto s = load_settings(std::string(KD_SOURCE_DIR) + "/config/kiemdiem.properties");
  const kd::config::Settings d;
  EXPECT_EQ(s.http_port, d.http_port);
  EXPECT_EQ(s.http_threads, d.http_threads);
  EXPECT_EQ(s.http_queue, d.http_queue);
  EXPECT_EQ(s.max_body_bytes, d.max_body_bytes);
  EXPECT_EQ(s.database_url, d.database_url);
  EXPECT_EQ(s.pool_size, d.pool_size);
  EXPECT_EQ(s.data_dir, d.data_dir);
  EXPECT_EQ(s.embedded_tcp, d.embedded_tcp);
  EXPECT_EQ(s.embedded_port, d.embedded_port);
  EXPECT_EQ(s.regimes_dir, d.regimes_dir);
  EXPECT_EQ(s.token_ttl_minutes, d.token_ttl_minutes);
  EXPECT_EQ(s.log_level, d.log_level);
}

TEST_F(SettingsTest, FileValuesAreRead) {
  const auto s = load_settings(
      write("# comment\nhttp.port = 9090\nhttp.threads=2\ndatabase.url = postgresql:///x\n"
            "database.pool_size = 3\nembedded.tcp = yes\nembedded.port = 6000\nlog.level = debug\n"
            "data.dir = /srv/kd\nauth.token_ttl_minutes = 60\nhttp.max_body_bytes = 2048\n"));
  EXPECT_EQ(s.http_port, 9090);
  EXPECT_EQ(s.http_threads, 2);
  EXPECT_EQ(s.database_url, "postgresql:///x");
  EXPECT_EQ(s.pool_size, 3);
  EXPECT_TRUE(s.embedded_tcp);
  EXPECT_EQ(s.embedded_port, 6000);
  EXPECT_EQ(s.log_level, "debug");
  EXPECT_EQ(s.data_dir, "/srv/kd");
  EXPECT_EQ(s.token_ttl_minutes, 60);
  EXPECT_EQ(s.max_body_bytes, 2048u);
}

TEST_F(SettingsTest, EnvironmentOverridesTheFile) {
  setenv("KIEMDIEM_PORT", "0", 1);
  setenv("KIEMDIEM_DATABASE_URL", "postgresql://db/kd", 1);
  setenv("KIEMDIEM_DATA_DIR", "/tmp/kd", 1);
  setenv("KIEMDIEM_LOG_LEVEL", "warning", 1);
  const auto s = load_settings(write("http.port = 9090\nlog.level = debug\n"));
  EXPECT_EQ(s.http_port, 0);
  EXPECT_EQ(s.database_url, "postgresql://db/kd");
  EXPECT_EQ(s.data_dir, "/tmp/kd");
  EXPECT_EQ(s.log_level, "warning");
}

TEST_F(SettingsTest, AnInvalidEnvironmentValueNamesTheKeyAndTheVariable) {
  setenv("KIEMDIEM_PORT", "abc", 1);
  try {
    load_settings("");
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.key, "http.port");
    EXPECT_STREQ(e.what(),
                 "http.port: expected an integer 0–65535, got 'abc' (from KIEMDIEM_PORT)");
  }
}

TEST_F(SettingsTest, EachInvalidValueNamesItsKey) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"http.port", "http.port = abc"},
      {"http.port", "http.port = 70000"},
      {"http.port", "http.port = 80x"},
      {"http.threads", "http.threads = 0"},
      {"http.queue", "http.queue = -1"},
      {"http.max_body_bytes", "http.max_body_bytes = 10"},
      {"http.host", "http.host ="},
      {"database.pool_size", "database.pool_size = many"},
      {"data.dir", "data.dir = "},
      {"embedded.tcp", "embedded.tcp = maybe"},
      {"embedded.port", "embedded.port = 0"},
      {"regimes.dir", "regimes.dir ="},
      {"auth.token_ttl_minutes", "auth.token_ttl_minutes = 99999999"},
      {"log.level", "log.level = loud"},
      {"htp.port", "htp.port = 80"},
  };
  for (const auto& [key, line] : cases) {
    const auto [got, message] = error_for(line + "\n");
    EXPECT_EQ(got, key) << line << " -> " << message;
    EXPECT_EQ(message.rfind(key + ": ", 0), 0u) << message;
  }
}

TEST_F(SettingsTest, TheMessageSaysWhatIsExpected) {
  EXPECT_EQ(error_for("http.port = abc\n").second,
            "http.port: expected an integer 0–65535, got 'abc'");
  EXPECT_EQ(error_for("log.level = loud\n").second,
            "log.level: expected one of trace, debug, information, notice, warning, error, "
            "critical, fatal, got 'loud'");
}

TEST_F(SettingsTest, AMissingFileIsAConfigError) {
  EXPECT_THROW(load_settings("/nonexistent/kiemdiem.properties"), ConfigError);
}

TEST_F(SettingsTest, TestingIsOffUnlessTheFileTurnsItOn) {
  EXPECT_FALSE(load_settings("").testing_enabled);
  EXPECT_FALSE(
      load_settings(std::string(KD_SOURCE_DIR) + "/config/kiemdiem.properties").testing_enabled);
  EXPECT_TRUE(load_settings(write("testing.enabled = true\n")).testing_enabled);
  EXPECT_EQ(error_for("testing.enabled = maybe\n").first, "testing.enabled");
}

// The signatures hold in the product: on by default and in the shipped file; an installation
// whose people have no signing keys yet turns them off explicitly.
TEST_F(SettingsTest, SignaturesAreRequiredUnlessTheFileTurnsThemOff) {
  EXPECT_TRUE(load_settings("").signing_required);
  EXPECT_TRUE(
      load_settings(std::string(KD_SOURCE_DIR) + "/config/kiemdiem.properties").signing_required);
  EXPECT_FALSE(load_settings(write("signing.required = false\n")).signing_required);
  EXPECT_EQ(error_for("signing.required = maybe\n").first, "signing.required");
}
