// The log of every kiemdiem process: one record is one line on stderr,
//   2026-11-26 11:05:00.123+07:00 [information] kd.api: text
// with times in Asia/Ho_Chi_Minh, every control character of the record escaped
// (services/text/log_text.hpp) and the whole line written with a single write(2) under one
// lock, so records of different threads never mix. A child process (a render worker) adds a
// tag after the source, "kiemdiem.render (worker 4711): ...", and its stderr goes to a pipe
// its supervisor reads line by line (services/documents/worker_pool.hpp).
#pragma once

#include <string>
#include <string_view>

namespace kd::logging {

// Installs the channel for every logger of the process at `level` (trace ... fatal).
// `process_tag` (may be empty) names the process in every line.
void setup(const std::string& level, const std::string& process_tag = "");

// Writes `line` (escaped again; a newline is added) to stderr as one write(2), under the lock
// every record takes. For lines another process already formatted.
void write_line(std::string_view line);

// True when `line` starts like a record of setup()'s format ("2026-11-26 11:05:00.123+07:00 [").
bool is_formatted_record(std::string_view line);

}  // namespace kd::logging
