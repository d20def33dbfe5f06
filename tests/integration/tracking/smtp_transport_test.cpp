// SmtpTransport against the local sink: AUTH PLAIN and AUTH LOGIN deliver with the
// configured credentials (the sink checks what it decoded), a wrong password or a
// missing AUTH sends nothing, the password never appears in an error, and with
// STARTTLS required a server that does not offer it gets neither credentials nor mail; with a
// relay that offers it, AUTH and the message go over TLS, and only when its certificate is
// trusted (smtp.ca_file).
#include <gtest/gtest.h>

#include <stdlib.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "services/tracking/mailer.hpp"
#include "tests/integration/tracking/smtp_sink.hpp"

namespace kd::tracking::testing {
namespace {

const std::string kUser = "canbo.nguyen@so.test";
const std::string kPassword = "Mật-khẩu bí mật #1";  // UTF-8 and a space: sent as given

class SmtpTransportTest : public ::testing::Test {
 protected:
  SmtpOptions options(SmtpOptions::Auth auth, const std::string& password = kPassword) {
    SmtpOptions o;
    o.host = "127.0.0.1";
    o.port = sink_.port();
    o.from_address = "kiemdiem@so.test";
    o.from_name = "Hệ thống đánh giá, xếp loại";
    o.timeout_seconds = 5;
    o.auth = auth;
    o.username = kUser;
    o.password = password;
    return o;
  }
  OutgoingMail mail() const {
    return {"truong.phong@so.test", "Trần Thị Bình", "Nhắc hạn: tự đánh giá, xếp loại năm 2026",
            "Hạn hoàn thành: 15/12/2026."};
  }
  bool any_command_starts_with(const std::string& prefix) const {
    const auto cmds = sink_.commands();
    return std::any_of(cmds.begin(), cmds.end(),
                       [&](const std::string& c) { return c.rfind(prefix, 0) == 0; });
  }
  SmtpSink sink_;
};

TEST_F(SmtpTransportTest, AuthPlainDeliversWithTheConfiguredCredentials) {
  sink_.require_auth(kUser, kPassword);
  SmtpTransport(options(SmtpOptions::Auth::Plain)).send(mail());
  const auto attempts = sink_.auth_attempts();
  ASSERT_EQ(attempts.size(), 1u);
  EXPECT_EQ(attempts[0].mechanism, "PLAIN");
  EXPECT_EQ(attempts[0].username, kUser);
  EXPECT_EQ(attempts[0].password, kPassword);
  EXPECT_TRUE(attempts[0].accepted);
  const auto messages = sink_.messages();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].rcpt_to, std::vector<std::string>{"truong.phong@so.test"});
  EXPECT_EQ(messages[0].subject, "Nhắc hạn: tự đánh giá, xếp loại năm 2026");
}

TEST_F(SmtpTransportTest, AuthLoginDeliversWithTheConfiguredCredentials) {
  sink_.require_auth(kUser, kPassword);
  SmtpTransport(options(SmtpOptions::Auth::Login)).send(mail());
  const auto attempts = sink_.auth_attempts();
  ASSERT_EQ(attempts.size(), 1u);
  EXPECT_EQ(attempts[0].mechanism, "LOGIN");
  EXPECT_EQ(attempts[0].username, kUser);
  EXPECT_EQ(attempts[0].password, kPassword);
  EXPECT_TRUE(attempts[0].accepted);
  ASSERT_EQ(sink_.messages().size(), 1u);
  EXPECT_NE(sink_.messages()[0].to.find("Trần Thị Bình"), std::string::npos)
      << sink_.messages()[0].to;
}

TEST_F(SmtpTransportTest, AWrongPasswordSendsNothingAndIsNotRepeatedInTheError) {
  sink_.require_auth(kUser, kPassword);
  const std::string wrong = "sai-mật-khẩu-9876";
  std::string error;
  try {
    SmtpTransport(options(SmtpOptions::Auth::Login, wrong)).send(mail());
  } catch (const std::exception& e) {
    error = e.what();
  }
  EXPECT_NE(error.find("SMTP authentication of " + kUser), std::string::npos) << error;
  EXPECT_NE(error.find("535"), std::string::npos) << error;
  EXPECT_EQ(error.find(wrong), std::string::npos) << error;
  ASSERT_EQ(sink_.auth_attempts().size(), 1u);
  EXPECT_FALSE(sink_.auth_attempts()[0].accepted);
  EXPECT_TRUE(sink_.messages().empty());
}

TEST_F(SmtpTransportTest, WithoutAuthARelayThatRequiresItGetsNoMail) {
  sink_.require_auth(kUser, kPassword);
  EXPECT_ANY_THROW(SmtpTransport(options(SmtpOptions::Auth::None)).send(mail()));
  EXPECT_TRUE(sink_.auth_attempts().empty());
  EXPECT_TRUE(sink_.messages().empty());
}

TEST_F(SmtpTransportTest, RequiredStarttlsIsNotSkippedWhenTheServerDoesNotOfferIt) {
  sink_.require_auth(kUser, kPassword);
  auto o = options(SmtpOptions::Auth::Plain);
  o.starttls = true;
  std::string error;
  try {
    SmtpTransport(o).send(mail());
  } catch (const std::exception& e) {
    error = e.what();
  }
  EXPECT_NE(error.find("does not offer STARTTLS"), std::string::npos) << error;
  EXPECT_TRUE(any_command_starts_with("STARTTLS"));
  // Nothing followed in clear text: no credentials, no envelope, no message.
  EXPECT_FALSE(any_command_starts_with("AUTH"));
  EXPECT_FALSE(any_command_starts_with("MAIL"));
  EXPECT_TRUE(sink_.auth_attempts().empty());
  EXPECT_TRUE(sink_.messages().empty());
}

// A relay certificate for "localhost" made with the openssl command (self-signed: it is its
// own CA), in a directory of its own.
struct RelayCertificate {
  std::string dir, cert, key;
  RelayCertificate() {
    char tmpl[] = "/tmp/kd-smtp-tls-XXXXXX";
    dir = ::mkdtemp(tmpl);
    cert = dir + "/relay.pem";
    key = dir + "/relay.key";
    const std::string cmd =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 "
        "-subj /CN=localhost -addext subjectAltName=DNS:localhost -keyout '" +
        key + "' -out '" + cert + "' >/dev/null 2>&1";
    ok = std::system(cmd.c_str()) == 0;
  }
  ~RelayCertificate() { std::filesystem::remove_all(dir); }
  bool ok = false;
};

TEST_F(SmtpTransportTest, StarttlsUpgradesBeforeAuthAndTheMessageTravelsEncrypted) {
  RelayCertificate relay;
  ASSERT_TRUE(relay.ok);
  sink_.offer_starttls(relay.cert, relay.key);
  sink_.require_auth(kUser, kPassword);
  auto o = options(SmtpOptions::Auth::Plain);
  o.host = "localhost";  // the name the certificate carries
  o.starttls = true;
  o.ca_file = relay.cert;
  SmtpTransport(o).send(mail());

  const auto got = sink_.messages();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_TRUE(got[0].tls);
  EXPECT_EQ(got[0].subject, "Nhắc hạn: tự đánh giá, xếp loại năm 2026");
  EXPECT_EQ(got[0].rcpt_to, std::vector<std::string>{"truong.phong@so.test"});
  const auto attempts = sink_.auth_attempts();
  ASSERT_EQ(attempts.size(), 1u);
  EXPECT_TRUE(attempts[0].accepted);
  // In clear text only EHLO and STARTTLS; AUTH came after the upgrade.
  const auto cmds = sink_.commands();
  const auto starttls = std::find(cmds.begin(), cmds.end(), "STARTTLS");
  ASSERT_NE(starttls, cmds.end());
  for (auto it = cmds.begin(); it != starttls; ++it) EXPECT_EQ(it->rfind("EHLO", 0), 0u) << *it;
}

TEST_F(SmtpTransportTest, StarttlsToARelayWhoseCertificateIsNotTrustedSendsNothing) {
  RelayCertificate relay;
  ASSERT_TRUE(relay.ok);
  sink_.offer_starttls(relay.cert, relay.key);
  sink_.require_auth(kUser, kPassword);
  auto o = options(SmtpOptions::Auth::Plain);
  o.host = "localhost";
  o.starttls = true;  // system CAs only: the self-made certificate is not trusted
  EXPECT_ANY_THROW(SmtpTransport(o).send(mail()));
  EXPECT_TRUE(sink_.auth_attempts().empty());
  EXPECT_TRUE(sink_.messages().empty());
}

TEST(SmtpAuthSetting, ParsesTheThreeValues) {
  EXPECT_EQ(parse_smtp_auth("none"), SmtpOptions::Auth::None);
  EXPECT_EQ(parse_smtp_auth("login"), SmtpOptions::Auth::Login);
  EXPECT_EQ(parse_smtp_auth("plain"), SmtpOptions::Auth::Plain);
  EXPECT_THROW(parse_smtp_auth("cram-md5"), std::invalid_argument);
}

}  // namespace
}  // namespace kd::tracking::testing
