// Transition throughput: how fast Store::transition (one transaction: lock, version
// check, state machine, review update, hash-chained event, outbox row) runs against
// a real PostgreSQL server, compared in the same process with a baseline
// transaction of the same SQL shape that does no domain work. Also the pure state
// machine alone against a baseline copy of the review.
//
// Usage: transition_bench [REVIEWS]   (default 400)
// Uses KIEMDIEM_TEST_DATABASE_URL when set, else starts a private cluster.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include <pqxx/pqxx>

#include "services/storage/connection_pool.hpp"
#include "services/storage/store.hpp"
#include "tests/support/test_database.hpp"

namespace {

namespace wf = kd::wf;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

wf::Regime bench_regime() {
  wf::Regime r;
  r.id = "bench";
  r.version = 1;
  r.title = "Quy định đo hiệu năng";
  r.groups = {wf::Group::CongChuc};
  r.stages = {wf::all_stages().begin(), wf::all_stages().end()};
  r.forms[wf::Group::CongChuc] = {"mau_02",
                                  "PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÔNG CHỨC",
                                  {{"chinh_tri_tu_tuong", "Chính trị tư tưởng", true, false},
                                   {"ket_qua_nhiem_vu", "Kết quả nhiệm vụ", true, false}}};
  return r;
}

wf::ActionRequest submit_request() {
  wf::ActionRequest req;
  req.action = wf::Action::Submit;
  wf::FormContent form;
  form.sections["chinh_tri_tu_tuong"] = "Lập trường chính trị vững vàng, chấp hành nghiêm kỷ luật.";
  form.sections["ket_qua_nhiem_vu"] = "Hoàn thành 100% nhiệm vụ, trong đó 30% vượt tiến độ.";
  form.self_rating = wf::Rating::HTT;
  req.form = form;
  return req;
}

struct World {
  std::vector<wf::Id> reviews;
  std::vector<wf::Id> people;
};

World make_world(kd::storage::Store& store, int n, wf::TimePoint now) {
  wf::Unit unit{0, std::nullopt, "BENCH", "Phòng đo hiệu năng", "co_quan"};
  const wf::Id unit_id = store.create_unit(unit);
  World w;
  for (int i = 0; i < n; ++i) {
    wf::Person p;
    p.full_name = "Người thứ " + std::to_string(i + 1);
    p.unit_id = unit_id;
    p.position = "Chuyên viên";
    w.people.push_back(store.create_person(p));
  }
  wf::Campaign c;
  c.unit_id = unit_id;
  c.year = 2026;
  c.name = "Đợt đo hiệu năng";
  c.regime_id = "bench";
  const wf::Id campaign = store.create_campaign(c, bench_regime());
  store.open_campaign(campaign, 0, now);
  kd::storage::ReviewFilter f;
  f.campaign_id = campaign;
  for (int offset = 0;; offset += 200) {
    auto page = store.list_reviews(f, 200, offset);
    for (const auto& row : page.items) w.reviews.push_back(row.review.id);
    if (page.items.size() < 200) break;
  }
  return w;
}

// Runs `count` submits split over `threads` clients; returns transitions per second.
double run_transitions(kd::storage::Store& store, const World& w, std::size_t begin,
                       std::size_t count, int threads, wf::TimePoint now) {
  const auto t0 = Clock::now();
  std::vector<std::thread> pool;
  int failures = 0;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (std::size_t i = begin + static_cast<std::size_t>(t); i < begin + count;
           i += static_cast<std::size_t>(threads)) {
        kd::storage::TransitionCommand cmd;
        cmd.review_id = w.reviews[i];
        cmd.expected_version = 1;
        cmd.actor_id = w.people[i];
        cmd.request = submit_request();
        cmd.now = now;
        const auto out = store.transition(cmd);
        if (out.status != kd::storage::TransitionOutcome::Status::Accepted) ++failures;
      }
    });
  }
  for (auto& th : pool) th.join();
  if (failures > 0) std::fprintf(stderr, "warning: %d transitions not accepted\n", failures);
  return static_cast<double>(count) / seconds_since(t0);
}

// The same SQL shape without domain work: lock a row, update it, insert two rows.
double run_baseline(kd::storage::ConnectionPool& pool, int count, int threads) {
  {
    auto c = pool.acquire();
    pqxx::work w(*c);
    w.exec0(
        "CREATE TABLE IF NOT EXISTS bench_rows (id int PRIMARY KEY, version int, body text);"
        "CREATE TABLE IF NOT EXISTS bench_log (id bigserial PRIMARY KEY, row_id int, body text)");
    w.exec0(
        "INSERT INTO bench_rows SELECT g, 1, '' FROM generate_series(1, 100000) g "
        "ON CONFLICT DO NOTHING");
    w.commit();
  }
  const auto t0 = Clock::now();
  std::vector<std::thread> ths;
  for (int t = 0; t < threads; ++t) {
    ths.emplace_back([&, t] {
      auto c = pool.acquire();
      c->prepare("lock", "SELECT version FROM bench_rows WHERE id = $1 FOR UPDATE");
      c->prepare("upd", "UPDATE bench_rows SET version = version + 1, body = $2 WHERE id = $1");
      c->prepare("log", "INSERT INTO bench_log (row_id, body) VALUES ($1, $2)");
      for (int i = t; i < count; i += threads) {
        pqxx::work w(*c);
        w.exec_prepared1("lock", i + 1);
        w.exec_prepared0("upd", i + 1, "nội dung");
        w.exec_prepared0("log", i + 1, "sự kiện");
        w.exec_prepared0("log", i + 1, "outbox");
        w.commit();
      }
    });
  }
  for (auto& th : ths) th.join();
  return count / seconds_since(t0);
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 400;
  if (n < 8) {
    std::fprintf(stderr, "usage: transition_bench [REVIEWS >= 8]\n");
    return 2;
  }
  const wf::TimePoint now(std::chrono::seconds(1795000000));
  kd::storage::ConnectionPool pool(kd::testing::migrated_database_url("bench"), 4);
  kd::storage::Store store(pool);
  std::printf("setting up %d reviews...\n", n);
  const World w = make_world(store, n, now);
  const std::size_t half = w.reviews.size() / 2;

  run_baseline(pool, n / 2, 2);  // warm-up: creates the tables, fills caches
  const double base1 = run_baseline(pool, n / 2, 1);
  const double tx1 = run_transitions(store, w, 0, half, 1, now);
  const double base2 = run_baseline(pool, n / 2, 2);
  const double tx2 = run_transitions(store, w, half, w.reviews.size() - half, 2, now);

  std::printf("%-44s %10s %10s %8s\n", "", "tx/s", "baseline", "ratio");
  std::printf("%-44s %10.0f %10.0f %7.2fx\n", "submit transition, 1 client", tx1, base1,
              tx1 / base1);
  std::printf("%-44s %10.0f %10.0f %7.2fx\n", "submit transition, 2 clients", tx2, base2,
              tx2 / base2);

  // The pure machine alone, against copying the review (the floor of any transition).
  wf::Review review;
  review.id = 1;
  review.person_id = 1;
  const wf::Person person{1, "Người đo", 1, wf::Group::CongChuc, false, false, "", ""};
  const wf::Regime regime = bench_regime();
  wf::Campaign campaign;
  const wf::OrgTree org({{1, std::nullopt, "B", "Phòng", "co_quan"}}, {});
  const auto req = submit_request();
  const int iterations = 20000;
  auto t0 = Clock::now();
  std::size_t sink = 0;
  for (int i = 0; i < iterations; ++i) {
    wf::Review copy = review;
    copy.version += i;
    sink += static_cast<std::size_t>(copy.version);
  }
  const double copy_rate = iterations / seconds_since(t0);
  t0 = Clock::now();
  for (int i = 0; i < iterations; ++i) {
    const wf::TransitionContext ctx{review, person, regime, campaign, org, 1, now};
    sink += wf::apply_action(ctx, req).accepted ? 1 : 0;
  }
  const double machine_rate = iterations / seconds_since(t0);
  std::printf("%-44s %10.0f %10.0f %7.2fx\n", "apply_action (pure, per second)", machine_rate,
              copy_rate, machine_rate / copy_rate);
  return sink == 0 ? 1 : 0;
}
