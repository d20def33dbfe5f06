#include "tests/api/api_fixture.hpp"

#include <atomic>
#include <thread>

namespace kd::api::testing {
namespace {

// Two people act on the same review version at the same moment: the row lock
// and the version check let exactly one through; the other gets 409.
TEST_F(ApiTest, TwoConcurrentConflictingActionsOneSucceedsTheOtherGets409) {
  ASSERT_EQ(act("an", review_an_, "submit", 1, complete_form_body()).status, 200);
  const std::string binh = token("binh");
  const std::size_t events_before = event_count(review_an_);

  const std::string path = "/api/v1/reviews/" + std::to_string(review_an_) + "/actions/";
  std::atomic<int> ready{0};
  HttpResult results[2];
  auto run = [&](int i, const std::string& tok, const std::string& action,
                 const std::string& body) {
    ready.fetch_add(1);
    while (ready.load() < 2) std::this_thread::yield();
    results[i] = call("POST", path + action, body, {{"If-Match", "\"2\""}}, tok);
  };
  std::thread a(run, 0, binh, "record_meeting", meeting_body());
  std::thread b(run, 1, binh, "return", R"({"reason":"Cần bổ sung minh chứng."})");
  a.join();
  b.join();

  const int ok = (results[0].status == 200) + (results[1].status == 200);
  const int conflict = (results[0].status == 409) + (results[1].status == 409);
  EXPECT_EQ(ok, 1) << results[0].body << "\n" << results[1].body;
  EXPECT_EQ(conflict, 1) << results[0].body << "\n" << results[1].body;
  for (const auto& r : results) {
    if (r.status == 409) {
      EXPECT_EQ(r.json()->getValue<std::string>("code"), "stale_version");
    }
  }
  EXPECT_EQ(event_count(review_an_), events_before + 1);
  EXPECT_EQ(version_of(review_an_), 3);
}

}  // namespace
}  // namespace kd::api::testing
