#include "services/tracking/mailer.hpp"

#include <Poco/Net/Context.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SMTPClientSession.h>
#include <Poco/Net/SecureSMTPClientSession.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Timespan.h>
#include <Poco/Timestamp.h>

#include <cstdio>
#include <stdexcept>

#include "workflow/utf8.hpp"

namespace kd::tracking {
namespace {

bool plain_ascii(const std::string& s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c >= 0x7f || c == '=' || c == '?') return false;
  }
  return true;
}

std::string q_encode(const std::string& chunk) {
  std::string out;
  for (unsigned char c : chunk) {
    if (c == ' ') {
      out += '_';
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '!' || c == '*' || c == '+' || c == '-' || c == '/') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "=%02X", c);
      out += buf;
    }
  }
  return out;
}

}  // namespace

std::string encode_header_words(const std::string& text) {
  if (plain_ascii(text)) return text;
  const std::string prefix = "=?UTF-8?Q?", suffix = "?=";
  const std::size_t max_payload = 75 - prefix.size() - suffix.size();
  std::string out, chunk;
  std::size_t encoded_len = 0;
  auto flush = [&] {
    if (chunk.empty()) return;
    if (!out.empty()) out += "\r\n ";
    out += prefix + q_encode(chunk) + suffix;
    chunk.clear();
    encoded_len = 0;
  };
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = wf::char_length(text, i);
    const std::string ch = text.substr(i, n);
    const std::size_t len = q_encode(ch).size();
    if (encoded_len + len > max_payload) flush();
    chunk += ch;
    encoded_len += len;
    i += n;
  }
  flush();
  return out;
}

SmtpTransport::SmtpTransport(SmtpOptions options) : options_(std::move(options)) {
  if (!options_.starttls) return;
  static const bool ssl_ready = (Poco::Net::initializeSSL(), true);  // once per process
  (void)ssl_ready;
  // The peer's certificate is verified (VERIFY_RELAXED on a client verifies the server)
  // against the system CAs and ca_file, and its name against options_.host.
  tls_ = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", options_.ca_file,
                                Poco::Net::Context::VERIFY_RELAXED, 9, true);
}

void SmtpTransport::send(const OutgoingMail& mail) {
  Poco::Net::MailMessage message;
  const std::string from_name =
      options_.from_name.empty() ? std::string() : encode_header_words(options_.from_name) + " ";
  message.setSender(from_name + "<" + options_.from_address + ">");
  message.addRecipient(Poco::Net::MailRecipient(Poco::Net::MailRecipient::PRIMARY_RECIPIENT,
                                                mail.to_address,
                                                encode_header_words(mail.to_name)));
  message.setSubject(encode_header_words(mail.subject));
  message.setDate(Poco::Timestamp());
  message.setContentType("text/plain; charset=UTF-8");
  message.setContent(mail.body, Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);

  if (!options_.starttls) {
    // Connect with the same bound as every later exchange: a dead relay costs at most the
    // timeout.
    Poco::Net::StreamSocket socket;
    socket.connect(
        Poco::Net::SocketAddress(options_.host, static_cast<Poco::UInt16>(options_.port)),
        Poco::Timespan(options_.timeout_seconds, 0));
    Poco::Net::SMTPClientSession session(socket);
    session.setTimeout(Poco::Timespan(options_.timeout_seconds, 0));
    greet(session);
    session.sendMessage(message);
    session.close();
    return;
  }
  // Built from the host name (not a socket) so the TLS layer checks the certificate's name.
  Poco::Net::SecureSMTPClientSession session(options_.host,
                                             static_cast<Poco::UInt16>(options_.port));
  session.setTimeout(Poco::Timespan(options_.timeout_seconds, 0));
  session.login(options_.helo);  // EHLO
  if (!session.startTLS(tls_)) {
    // Nothing (no credentials, no message) goes over a connection that stayed in clear text.
    session.close();
    throw std::runtime_error("SMTP server " + options_.host + " does not offer STARTTLS");
  }
  greet(session);  // EHLO again over TLS, as RFC 3207 requires, then AUTH
  session.sendMessage(message);
  session.close();
}

void SmtpTransport::greet(Poco::Net::SMTPClientSession& session) const {
  if (options_.auth == SmtpOptions::Auth::None) {
    session.login(options_.helo);
    return;
  }
  using Method = Poco::Net::SMTPClientSession::LoginMethod;
  try {
    session.login(
        options_.helo,
        options_.auth == SmtpOptions::Auth::Login ? Method::AUTH_LOGIN : Method::AUTH_PLAIN,
        options_.username, options_.password);
  } catch (const Poco::Net::SMTPException& e) {
    // Poco's message may quote the exchange; name the user, never the password.
    throw std::runtime_error("SMTP authentication of " + options_.username + " at " +
                             options_.host + " refused (" + std::to_string(e.code()) + ")");
  }
}

SmtpOptions::Auth parse_smtp_auth(const std::string& text) {
  if (text == "none") return SmtpOptions::Auth::None;
  if (text == "login") return SmtpOptions::Auth::Login;
  if (text == "plain") return SmtpOptions::Auth::Plain;
  throw std::invalid_argument("smtp.auth: expected none, login or plain");
}

}  // namespace kd::tracking
