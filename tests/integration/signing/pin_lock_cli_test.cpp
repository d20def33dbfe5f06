// `kiemdiem ca unlock USER`: the administrator's command line unlocks a server-held key that
// wrong PINs locked, says so in Vietnamese, records the unlock as a security event (no actor:
// the command line), and the right PIN signs again.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "tests/integration/signing/signature_store_fixture.hpp"

namespace kd::signing::testing {
namespace {

namespace fs = std::filesystem;

// Runs a command; its exit code and what it printed (stdout and stderr).
int run(const std::string& command, std::string* output) {
  std::FILE* p = ::popen((command + " 2>&1").c_str(), "r");
  if (p == nullptr) return -1;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) output->append(buf, n);
  const int status = ::pclose(p);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST_F(SignatureStoreTest, TheCommandLineUnlocksAKeyLockedByWrongPins) {
  for (int i = 0; i < kDefaultPinMaxFailures; ++i)
    sign(binh_, "99999" + std::to_string(i), pki().now);
  const auto locked = sign(binh_, "111111", pki().now);
  ASSERT_TRUE(locked.refusal);
  EXPECT_EQ(locked.refusal->code, "key_locked");
  store_->create_account(binh_, "binh.tk", "not-a-password-hash");

  const fs::path config =
      fs::temp_directory_path() / ("kd-unlock-" + std::to_string(::getpid()) + ".properties");
  std::ofstream(config) << "database.url = " << url_ << "\n"
                        << "data.dir = " << fs::temp_directory_path().string() << "\n"
                        << "log.level = warning\n";
  std::string out;
  EXPECT_EQ(
      run(std::string(KD_KIEMDIEM) + " --config '" + config.string() + "' ca unlock binh.tk", &out),
      0)
      << out;
  EXPECT_NE(out.find("Đã mở khóa khóa ký số của binh.tk (5 lần nhập sai mã PIN được xóa)."),
            std::string::npos)
      << out;
  std::string unknown;
  EXPECT_EQ(run(std::string(KD_KIEMDIEM) + " --config '" + config.string() + "' ca unlock khong.co",
                &unknown),
            1);
  EXPECT_NE(unknown.find("không có tài khoản khong.co"), std::string::npos) << unknown;
  fs::remove(config);

  EXPECT_TRUE(sign(binh_, "111111", pki().now).signature);
  EXPECT_EQ(count("SELECT count(*) FROM security_events WHERE kind = 'signing_key_unlocked' AND "
                  "actor_id IS NULL AND detail = 'Mở khóa bằng lệnh kiemdiem ca unlock'"),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM security_events WHERE kind = 'signing_key_locked'"), 1);
}

}  // namespace
}  // namespace kd::signing::testing
