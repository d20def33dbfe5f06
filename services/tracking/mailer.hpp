// E-mail delivery. The scheduler sends what the outbox holds through a
// MailTransport; SmtpTransport speaks SMTP with Poco::Net to the configured relay
// (no authentication, no TLS: a local MTA or the agency's relay). Messages are
// UTF-8 plain text, quoted-printable, with RFC 2047 encoded subject and names.
#pragma once

#include <string>

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
};

class SmtpTransport : public MailTransport {
 public:
  explicit SmtpTransport(SmtpOptions options) : options_(std::move(options)) {}
  void send(const OutgoingMail&) override;

 private:
  SmtpOptions options_;
};

// "=?UTF-8?q?...?=" words (each at most 75 characters) joined by folding
// whitespace; plain ASCII text is returned unchanged.
std::string encode_header_words(const std::string& utf8);

}  // namespace kd::tracking
