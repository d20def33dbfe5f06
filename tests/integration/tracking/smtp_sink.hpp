// A local SMTP server for tests: accepts on 127.0.0.1 (ephemeral port), stores each
// message it is given and parses it back (headers, RFC 2047 subject, recipients,
// quoted-printable body). It can refuse the next N messages with 451 to exercise
// retries, and require AUTH LOGIN or AUTH PLAIN (require_auth): it then records
// every attempt with the credentials it decoded and refuses MAIL before a
// successful one. With offer_starttls(cert, key) it advertises STARTTLS and upgrades
// the connection to TLS with that certificate (each message records whether it came over
// TLS). One connection at a time, in one thread; stopped by the destructor.
#pragma once

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketStream.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <cctype>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace kd::tracking::testing {

struct ReceivedMail {
  std::string mail_from;                       // envelope sender
  std::vector<std::string> rcpt_to;            // envelope recipients
  std::string raw;                             // the DATA, dot-unstuffed
  std::map<std::string, std::string> headers;  // lower-case name -> unfolded raw value
  std::string subject;                         // decoded (UTF-8)
  std::string to;                              // decoded To header
  std::string body;                            // decoded (quoted-printable -> UTF-8)
  bool tls = false;                            // sent after a STARTTLS upgrade
};

// Decodes RFC 2047 encoded words (Q and B, UTF-8); whitespace between two encoded
// words is dropped, other text is kept.
inline std::string decode_rfc2047(const std::string& in) {
  std::string out, pending_space;
  bool last_was_word = false;
  std::size_t i = 0;
  while (i < in.size()) {
    if (in.compare(i, 2, "=?") == 0) {
      const auto q1 = in.find('?', i + 2);
      const auto q2 = q1 == std::string::npos ? q1 : in.find('?', q1 + 1);
      const auto end = q2 == std::string::npos ? q2 : in.find("?=", q2 + 1);
      if (end != std::string::npos) {
        const char enc = static_cast<char>(std::toupper(static_cast<unsigned char>(in[q1 + 1])));
        const std::string text = in.substr(q2 + 1, end - q2 - 1);
        std::string decoded;
        if (enc == 'Q') {
          for (std::size_t k = 0; k < text.size(); ++k) {
            if (text[k] == '_') {
              decoded += ' ';
            } else if (text[k] == '=' && k + 2 < text.size()) {
              decoded += static_cast<char>(std::stoi(text.substr(k + 1, 2), nullptr, 16));
              k += 2;
            } else {
              decoded += text[k];
            }
          }
        } else {
          std::istringstream src(text);
          Poco::Base64Decoder b64(src);
          decoded.assign(std::istreambuf_iterator<char>(b64), {});
        }
        if (!last_was_word) out += pending_space;
        pending_space.clear();
        out += decoded;
        last_was_word = true;
        i = end + 2;
        continue;
      }
    }
    if (in[i] == ' ' || in[i] == '\t' || in[i] == '\r' || in[i] == '\n') {
      if (in[i] == ' ' || in[i] == '\t') pending_space += in[i];
      ++i;
      continue;
    }
    out += pending_space;
    pending_space.clear();
    out += in[i++];
    last_was_word = false;
  }
  return out;
}

inline std::string decode_quoted_printable(const std::string& in) {
  std::string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '=' && i + 1 < in.size() && (in[i + 1] == '\r' || in[i + 1] == '\n')) {
      i += (in[i + 1] == '\r' && i + 2 < in.size() && in[i + 2] == '\n') ? 2 : 1;  // soft break
    } else if (in[i] == '=' && i + 2 < in.size()) {
      out += static_cast<char>(std::stoi(in.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += in[i];
    }
  }
  std::string lf;  // CRLF -> LF
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (!(out[i] == '\r' && i + 1 < out.size() && out[i + 1] == '\n')) lf += out[i];
  }
  return lf;
}

inline ReceivedMail parse_mail(ReceivedMail m) {
  std::istringstream in(m.raw);
  std::string line, name;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) break;
    if ((line[0] == ' ' || line[0] == '\t') && !name.empty()) {
      m.headers[name] += line;  // unfold: the whitespace stays, the CRLF goes
      continue;
    }
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    if (!value.empty() && value[0] == ' ') value.erase(0, 1);
    m.headers[name] = value;
  }
  std::string body((std::istreambuf_iterator<char>(in)), {});
  m.subject = decode_rfc2047(m.headers["subject"]);
  m.to = decode_rfc2047(m.headers["to"]);
  m.body = m.headers["content-transfer-encoding"] == "quoted-printable"
               ? decode_quoted_printable(body)
               : body;
  return m;
}

struct AuthAttempt {
  std::string mechanism;  // "LOGIN" | "PLAIN"
  std::string username;
  std::string password;
  bool accepted = false;
};

inline std::string base64_decode(const std::string& text) {
  std::istringstream src(text);
  Poco::Base64Decoder b64(src);
  return std::string(std::istreambuf_iterator<char>(b64), {});
}

inline std::string base64_encode(const std::string& text) {
  std::ostringstream out;
  Poco::Base64Encoder b64(out);
  b64 << text;
  b64.close();
  return out.str();
}

class SmtpSink {
 public:
  SmtpSink() : server_(Poco::Net::SocketAddress("127.0.0.1", 0)) {
    thread_ = std::thread([this] { run(); });
  }
  ~SmtpSink() {
    stop_ = true;
    thread_.join();
  }
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  int port() const { return server_.address().port(); }
  void reject_next(int n) { reject_ = n; }
  std::vector<ReceivedMail> messages() const {
    std::lock_guard<std::mutex> lock(mu_);
    return messages_;
  }
  int refused() const { return refused_; }
  // From now on: advertise AUTH LOGIN PLAIN and accept only these credentials.
  void require_auth(const std::string& username, const std::string& password) {
    std::lock_guard<std::mutex> lock(mu_);
    auth_user_ = username;
    auth_password_ = password;
    auth_required_ = true;
  }
  // From now on: advertise STARTTLS and upgrade with this certificate and key (PEM files).
  void offer_starttls(const std::string& cert_file, const std::string& key_file) {
    static const bool ssl_ready = (Poco::Net::initializeSSL(), true);
    (void)ssl_ready;
    std::lock_guard<std::mutex> lock(mu_);
    tls_context_ = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, key_file, cert_file,
                                          "", Poco::Net::Context::VERIFY_NONE);
  }
  std::vector<AuthAttempt> auth_attempts() const {
    std::lock_guard<std::mutex> lock(mu_);
    return auth_attempts_;
  }
  // Every command line received, in order (AUTH payloads included as sent).
  std::vector<std::string> commands() const {
    std::lock_guard<std::mutex> lock(mu_);
    return commands_;
  }

 private:
  void run() {
    while (!stop_) {
      if (!server_.poll(Poco::Timespan(0, 50 * 1000), Poco::Net::Socket::SELECT_READ)) continue;
      try {
        Poco::Net::StreamSocket s = server_.acceptConnection();
        s.setReceiveTimeout(Poco::Timespan(10, 0));
        serve(s);
      } catch (const std::exception&) {
        // a broken client connection: keep listening
      }
    }
  }

  void serve(Poco::Net::StreamSocket& s) {
    auto stream = std::make_unique<Poco::Net::SocketStream>(s);
    Poco::Net::SecureStreamSocket secure;  // after STARTTLS
    bool over_tls = false;
    auto reply = [&](const std::string& line) { *stream << line << "\r\n" << std::flush; };
    reply("220 sink.test ESMTP");
    ReceivedMail current;
    std::string line;
    bool authenticated = false;
    auto next_line = [&](std::string& out) {
      if (!std::getline(*stream, out)) return false;
      if (!out.empty() && out.back() == '\r') out.pop_back();
      std::lock_guard<std::mutex> lock(mu_);
      commands_.push_back(out);
      return true;
    };
    while (next_line(line)) {
      std::string verb = line.substr(0, 4);
      for (auto& c : verb) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      const bool auth_required = [&] {
        std::lock_guard<std::mutex> lock(mu_);
        return auth_required_;
      }();
      const Poco::Net::Context::Ptr tls = [&] {
        std::lock_guard<std::mutex> lock(mu_);
        return tls_context_;
      }();
      if (verb == "EHLO" || verb == "HELO") {
        std::vector<std::string> lines = {"sink.test"};
        if (tls && !over_tls) lines.push_back("STARTTLS");
        if (auth_required) lines.push_back("AUTH LOGIN PLAIN");
        for (std::size_t i = 0; i < lines.size(); ++i)
          reply((i + 1 < lines.size() ? "250-" : "250 ") + lines[i]);
      } else if (line == "STARTTLS" && tls && !over_tls) {
        reply("220 2.0.0 Ready to start TLS");
        secure = Poco::Net::SecureStreamSocket::attach(s, tls);
        secure.setReceiveTimeout(Poco::Timespan(10, 0));
        stream = std::make_unique<Poco::Net::SocketStream>(secure);
        over_tls = true;
        authenticated = false;  // RFC 3207: forget everything said in clear text
      } else if (verb == "AUTH") {
        AuthAttempt attempt;
        std::istringstream words(line.substr(4));
        std::string initial;
        words >> attempt.mechanism >> initial;
        for (auto& c : attempt.mechanism)
          c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        std::string answer;
        if (attempt.mechanism == "PLAIN") {
          if (initial.empty()) {
            reply("334 ");
            if (!next_line(initial)) return;
          }
          const std::string creds = base64_decode(initial);  // authzid \0 user \0 password
          const auto first = creds.find('\0');
          const auto second = first == std::string::npos ? first : creds.find('\0', first + 1);
          if (second != std::string::npos) {
            attempt.username = creds.substr(first + 1, second - first - 1);
            attempt.password = creds.substr(second + 1);
          }
        } else if (attempt.mechanism == "LOGIN") {
          reply("334 " + base64_encode("Username:"));
          if (!next_line(answer)) return;
          attempt.username = base64_decode(answer);
          reply("334 " + base64_encode("Password:"));
          if (!next_line(answer)) return;
          attempt.password = base64_decode(answer);
        } else {
          reply("504 Unrecognized authentication type");
          continue;
        }
        {
          std::lock_guard<std::mutex> lock(mu_);
          attempt.accepted = attempt.username == auth_user_ && attempt.password == auth_password_;
          auth_attempts_.push_back(attempt);
        }
        authenticated = attempt.accepted;
        reply(attempt.accepted ? "235 Authentication successful"
                               : "535 Authentication credentials invalid");
      } else if (verb == "MAIL" && auth_required && !authenticated) {
        reply("530 Authentication required");
      } else if (verb == "MAIL") {
        current = ReceivedMail{};
        current.mail_from = address_in(line);
        reply("250 OK");
      } else if (verb == "RCPT") {
        current.rcpt_to.push_back(address_in(line));
        reply("250 OK");
      } else if (verb == "DATA") {
        reply("354 End data with <CR><LF>.<CR><LF>");
        std::string data;
        while (std::getline(*stream, line)) {
          if (!line.empty() && line.back() == '\r') line.pop_back();
          if (line == ".") break;  // (the DATA lines are not recorded as commands)
          if (line.size() > 1 && line[0] == '.') line.erase(0, 1);
          data += line + "\r\n";
        }
        if (reject_ > 0) {
          --reject_;
          ++refused_;
          reply("451 Try again later");
          continue;
        }
        current.raw = data;
        current.tls = over_tls;
        {
          std::lock_guard<std::mutex> lock(mu_);
          messages_.push_back(parse_mail(current));
        }
        reply("250 OK queued");
      } else if (verb == "QUIT") {
        reply("221 Bye");
        return;
      } else if (verb == "RSET" || verb == "NOOP") {
        reply("250 OK");
      } else {
        reply("502 Command not implemented");
      }
    }
  }

  static std::string address_in(const std::string& line) {
    const auto lt = line.find('<'), gt = line.find('>');
    return lt == std::string::npos || gt == std::string::npos ? std::string()
                                                              : line.substr(lt + 1, gt - lt - 1);
  }

  Poco::Net::ServerSocket server_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<int> reject_{0};
  std::atomic<int> refused_{0};
  mutable std::mutex mu_;
  std::vector<ReceivedMail> messages_;
  bool auth_required_ = false;
  std::string auth_user_, auth_password_;
  std::vector<AuthAttempt> auth_attempts_;
  std::vector<std::string> commands_;
  Poco::Net::Context::Ptr tls_context_;
};

}  // namespace kd::tracking::testing
