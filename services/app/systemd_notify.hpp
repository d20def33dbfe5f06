// The systemd readiness protocol (sd_notify), written by hand: one datagram to the Unix
// socket named by $NOTIFY_SOCKET (a path, or an abstract name starting with '@'). Without
// the variable (not started by systemd with Type=notify) every call does nothing.
#pragma once

#include <string>

namespace kd::app {

// Sends "READY=1" and a STATUS line: the service is up and serving.
void notify_ready(const std::string& status);
// Sends "STOPPING=1": the service is shutting down.
void notify_stopping();
// Sends the raw state text; true when it was delivered (or there is no socket to deliver to).
bool sd_notify_text(const std::string& state);

}  // namespace kd::app
