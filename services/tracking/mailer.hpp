// E-mail delivery. The scheduler sends what the outbox holds through a
// MailTransport; SmtpTransport speaks SMTP with Poco::Net to the configured relay,
// optionally upgraded with STARTTLS (Poco NetSSL, the server certificate verified
// against the system's CAs) and authenticated with AUTH LOGIN or AUTH PLAIN.
// Messages are UTF-8 plain text, quoted-printable, with RFC 2047 encoded subject
// and names. The password is never logged, and never part of an error message.
#pragma once

#include <Poco/Net/Context.h>
#include <string>

namespace Poco::Net {
class SMTPClientSession;
}

namespace kd::tracking {

struct OutgoingMail {
  std::string to_address;
  std::string to_name;
  std::string subject;  // UTF-8, encoded on the wire
  std::string body;     // UTF-8 plain text
};

class MailTransport {
 public:
  virtual ~MailTransport() = default;
  // Throws on any failure (the outbox retries later).
  virtual void send(const OutgoingMail&) = 0;
};

struct SmtpOptions {
  std::string host;
  int port = 25;
  std::string from_address = "kiemdiem@localhost";
  std::string from_name;
  int timeout_seconds = 10;
  std::string helo = "kiemdiem";
  enum class Auth { None, Login, Plain };
  Auth auth = Auth::None;
  std::string username;
  std::string password;
  bool starttls = false;  // refuse to send when the server does not offer STARTTLS
  std::string ca_file;    // PEM trusted for the relay's certificate, besides the system CAs
};

// "none" | "login" | "plain" (settings' smtp.auth); throws std::invalid_argument otherwise.
SmtpOptions::Auth parse_smtp_auth(const std::string&);

class SmtpTransport : public MailTransport {
 public:
  // With starttls, the TLS context (system CAs + ca_file) is built here: an unreadable
  // ca_file is refused at start-up, not at the first e-mail.
  explicit SmtpTransport(SmtpOptions options);
  void send(const OutgoingMail&) override;

 private:
  void greet(Poco::Net::SMTPClientSession&) const;  // EHLO, then AUTH when configured
  SmtpOptions options_;
  Poco::Net::Context::Ptr tls_;  // with starttls only
};

// "=?UTF-8?q?...?=" words (each at most 75 characters) joined by folding
// whitespace; plain ASCII text is returned unchanged.
std::string encode_header_words(const std::string& utf8);

}  // namespace kd::tracking
