#include "services/logging/log_setup.hpp"

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/DateTime.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Formatter.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <Poco/Timespan.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <mutex>

#include "services/text/log_text.hpp"

namespace kd::logging {
namespace {

std::mutex& write_mutex() {
  static std::mutex mu;
  return mu;
}

const char* priority_name(Poco::Message::Priority p) {
  switch (p) {
    case Poco::Message::PRIO_FATAL:
      return "fatal";
    case Poco::Message::PRIO_CRITICAL:
      return "critical";
    case Poco::Message::PRIO_ERROR:
      return "error";
    case Poco::Message::PRIO_WARNING:
      return "warning";
    case Poco::Message::PRIO_NOTICE:
      return "notice";
    case Poco::Message::PRIO_INFORMATION:
      return "information";
    case Poco::Message::PRIO_DEBUG:
      return "debug";
    case Poco::Message::PRIO_TRACE:
      return "trace";
  }
  return "?";
}

// "2026-11-26 11:05:00.123+07:00 [information] kiemdiem: text". Vietnam has no daylight
// saving, so Asia/Ho_Chi_Minh is always UTC+07:00 and needs no time-zone database.
class VietnamTimeFormatter : public Poco::Formatter {
 public:
  explicit VietnamTimeFormatter(std::string tag) : tag_(std::move(tag)) {}

  void format(const Poco::Message& msg, std::string& text) override {
    Poco::DateTime t(msg.getTime());
    t += Poco::Timespan(7 * Poco::Timespan::HOURS);
    text = Poco::DateTimeFormatter::format(t, "%Y-%m-%d %H:%M:%S.%i") + "+07:00 [" +
           priority_name(msg.getPriority()) + "] " + kd::text::escape_for_log(msg.getSource()) +
           (tag_.empty() ? "" : " (" + tag_ + ")") + ": " + kd::text::escape_for_log(msg.getText());
  }

 private:
  std::string tag_;
};

class LineChannel : public Poco::Channel {
 public:
  void log(const Poco::Message& msg) override { write_line(msg.getText()); }
};

}  // namespace

void write_line(std::string_view line) {
  std::string out = kd::text::escape_for_log(line);
  out += '\n';
  std::lock_guard<std::mutex> lock(write_mutex());
  const char* p = out.data();
  std::size_t left = out.size();
  while (left > 0) {
    const ssize_t n = ::write(STDERR_FILENO, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // nowhere left to log to
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

bool is_formatted_record(std::string_view line) {
  // YYYY-MM-DD HH:MM:SS.mmm+07:00 [
  static constexpr std::string_view shape = "dddd-dd-dd dd:dd:dd.ddd+07:00 [";
  if (line.size() < shape.size()) return false;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    const char want = shape[i];
    const char got = line[i];
    if (want == 'd' ? std::isdigit(static_cast<unsigned char>(got)) == 0 : got != want)
      return false;
  }
  return true;
}

void setup(const std::string& level, const std::string& process_tag) {
  Poco::AutoPtr<LineChannel> lines(new LineChannel);
  Poco::AutoPtr<VietnamTimeFormatter> formatter(new VietnamTimeFormatter(process_tag));
  Poco::AutoPtr<Poco::FormattingChannel> channel(new Poco::FormattingChannel(formatter, lines));
  Poco::Logger::root().setChannel(channel);
  Poco::Logger::setChannel("", channel);  // loggers created before this call too
  Poco::Logger::setLevel("", Poco::Logger::parseLevel(level));
}

}  // namespace kd::logging
