// Documents per second and latency of the render workers (libwkhtmltox in process, one
// engine per worker process) against the baseline of one `wkhtmltopdf` CLI process per document
// (--javascript-delay 0), on the same realistic two-page form, in the same run.
//
//   render_bench [--workers N] [--docs M] [--cli-docs K]
//   render_bench --stamp-only ROUNDS   (CPU time of the page-number stamp alone)
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "services/documents/document_renderer.hpp"
#include "services/documents/page_stamp.hpp"

namespace {

using namespace kd::documents;
using Clock = std::chrono::steady_clock;

std::string paragraph(int i) {
  return "Đoạn " + std::to_string(i) +
         ": luôn kiên định lập trường, quan điểm, chấp hành nghiêm chủ trương, đường lối của "
         "Đảng, chính sách, pháp luật của Nhà nước; tham mưu kịp thời, đúng quy định các văn bản "
         "về công tác tổ chức cán bộ, đánh giá, xếp loại chất lượng cán bộ, công chức.";
}

// A Mẫu 02 form of about two pages, filled with realistic text.
DocumentInput realistic_form() {
  DocumentInput in;
  in.kind = DocumentKind::OpinionForm;
  in.campaign.id = 1;
  in.campaign.year = 2026;
  in.regime.id = "nd90-2020";
  in.regime.title = "Nghị định 90/2020/NĐ-CP (sửa đổi bởi Nghị định 48/2023/NĐ-CP)";
  kd::wf::FormSpec form{"mau_02", "PHIẾU ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÔNG CHỨC", {}};
  const char* titles[] = {"Chính trị tư tưởng",
                          "Đạo đức, lối sống",
                          "Tác phong, lề lối làm việc",
                          "Ý thức tổ chức kỷ luật",
                          "Kết quả thực hiện chức trách, nhiệm vụ",
                          "Thái độ phục vụ nhân dân, doanh nghiệp"};
  ReviewSubject s;
  for (int i = 0; i < 6; ++i) {
    const std::string key = "s" + std::to_string(i);
    form.sections.push_back({key, titles[i], true, false});
    s.review.form.sections[key] = paragraph(i);
  }
  in.regime.forms[kd::wf::Group::CongChuc] = form;
  s.review.id = 1;
  s.review.form.self_rating = kd::wf::Rating::HTT;
  s.review.form.strengths = paragraph(20);
  s.review.form.weaknesses = paragraph(21);
  s.review.opinion = kd::wf::Opinion{2, paragraph(22), kd::wf::Rating::HTT};
  s.person = kd::wf::Person{1,     "Đỗ Quang Huy", 3, kd::wf::Group::CongChuc, false,
                            false, "Chuyên viên",  ""};
  s.unit_name = "Phòng Tổ chức cán bộ";
  in.reviews = {s};
  in.unit_path = {{2, std::nullopt, "SNV", "Sở Nội vụ", "co_quan"},
                  {3, 2, "SNV-TCCB", "Phòng Tổ chức cán bộ", "don_vi"}};
  in.people[2] =
      kd::wf::Person{2, "Lê Minh Tuấn", 3, kd::wf::Group::CongChuc, true, true, "Trưởng phòng", ""};
  in.place = "Hòa Bình";
  in.issued_at = kd::wf::TimePoint(std::chrono::seconds(1795000000));
  return in;
}

struct Sample {
  std::vector<double> ms;  // per document
  long peak_kb = 0;        // peak RSS of one worker
};

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

// N worker processes, each with its own engine (libwkhtmltox: once per process, one thread),
// rendering `docs` documents between them (model -> HTML -> PDF -> page numbers). Latencies and
// peak RSS come back through a pipe.
std::vector<Sample> run_workers(int workers, int docs, const std::string& html, int* pages,
                                bool stamp) {
  std::vector<std::pair<pid_t, int>> children;
  for (int w = 0; w < workers; ++w) {
    int fds[2];
    if (pipe(fds) != 0) return {};
    const pid_t pid = fork();
    if (pid == 0) {
      close(fds[0]);
      auto engine = make_pdf_engine(PageSettings{});
      const int mine = docs / workers + (w < docs % workers ? 1 : 0);
      std::vector<double> ms;
      int n_pages = 0;
      engine->to_pdf(html);  // warm-up (Qt start), not counted
      for (int i = 0; i < mine; ++i) {
        const auto t0 = Clock::now();
        const auto pdf = engine->to_pdf(html);
        if (stamp) {
          n_pages =
              stamp_page_numbers(pdf, "bench", kd::wf::TimePoint(std::chrono::seconds(0))).pages;
        }
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      }
      rusage ru{};
      getrusage(RUSAGE_SELF, &ru);
      const long header[3] = {static_cast<long>(ms.size()), ru.ru_maxrss, n_pages};
      [[maybe_unused]] auto a = write(fds[1], header, sizeof header);
      [[maybe_unused]] auto b = write(fds[1], ms.data(), ms.size() * sizeof(double));
      close(fds[1]);
      _exit(0);
    }
    close(fds[1]);
    children.push_back({pid, fds[0]});
  }
  std::vector<Sample> out;
  for (const auto& [pid, fd] : children) {
    long header[3] = {0, 0, 0};
    if (read(fd, header, sizeof header) != sizeof header) continue;
    Sample s;
    s.ms.resize(static_cast<std::size_t>(header[0]));
    std::size_t got = 0;
    const std::size_t want = s.ms.size() * sizeof(double);
    while (got < want) {
      const auto n = read(fd, reinterpret_cast<char*>(s.ms.data()) + got, want - got);
      if (n <= 0) break;
      got += static_cast<std::size_t>(n);
    }
    s.peak_kb = header[1];
    *pages = static_cast<int>(header[2]);
    close(fd);
    waitpid(pid, nullptr, 0);
    out.push_back(std::move(s));
  }
  return out;
}

// The baseline: one wkhtmltopdf process per document, `workers` at a time.
std::vector<double> run_cli(int workers, int docs, const std::string& html) {
  std::vector<double> ms;
  std::mutex mu;
  std::atomic<int> next{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < workers; ++w) {
    threads.emplace_back([&] {
      auto engine = make_cli_engine(PageSettings{});
      while (next++ < docs) {
        const auto t0 = Clock::now();
        engine->to_pdf(html);
        const double d = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        std::lock_guard<std::mutex> lock(mu);
        ms.push_back(d);
      }
    });
  }
  for (auto& t : threads) t.join();
  return ms;
}

// CPU time of the page-number stamp alone (PoDoFo), on one rendered document: CPU time, not
// wall time, so that other load on the machine barely moves it.
double stamp_cpu_ms(const std::string& html, int rounds) {
  auto engine = make_pdf_engine(PageSettings{});
  const auto pdf = engine->to_pdf(html);
  timespec a{}, b{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
  for (int i = 0; i < rounds; ++i)
    stamp_page_numbers(pdf, "bench", kd::wf::TimePoint(std::chrono::seconds(0)));
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
  const double ns =
      static_cast<double>(b.tv_sec - a.tv_sec) * 1e9 + static_cast<double>(b.tv_nsec - a.tv_nsec);
  return ns / 1e6 / rounds;
}

}  // namespace

int main(int argc, char** argv) {
  int workers = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  int docs = 400, cli_docs = 40, stamp_only = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--workers") workers = std::atoi(argv[i + 1]);
    if (a == "--docs") docs = std::atoi(argv[i + 1]);
    if (a == "--cli-docs") cli_docs = std::atoi(argv[i + 1]);
    if (a == "--stamp-only") stamp_only = std::atoi(argv[i + 1]);
  }
  const auto templates = TemplateSet::load(std::string(KD_SOURCE_DIR) + "/templates");
  const auto input = realistic_form();
  const std::string html = templates.render(template_name(input), build_model(input));
  if (stamp_only > 0) {
    std::printf("page-number stamp alone: %.2f ms CPU per document (%d rounds)\n",
                stamp_cpu_ms(html, stamp_only), stamp_only);
    return 0;
  }
  std::cout << "render_bench: " << (have_wkhtmltox() ? "libwkhtmltox" : "CLI fallback (no lib)")
            << ", " << workers << " workers, " << docs << " documents; CLI baseline " << cli_docs
            << " documents, " << workers << " at a time\n";

  int pages = 0;
  long peak_kb = 0;
  auto measure = [&](bool stamp, std::vector<double>& all) {
    const auto t0 = Clock::now();
    int n = 0;
    const auto samples = run_workers(workers, docs, html, &n, stamp);
    if (stamp) pages = n;
    const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    for (const auto& s : samples) {
      all.insert(all.end(), s.ms.begin(), s.ms.end());
      peak_kb = std::max(peak_kb, s.peak_kb);
    }
    return seconds;
  };
  std::vector<double> lib_ms, engine_ms;
  const double lib_s = measure(true, lib_ms);
  const double engine_s = measure(false, engine_ms);

  const auto t1 = Clock::now();
  const auto cli_ms = run_cli(workers, cli_docs, html);
  const double cli_s = std::chrono::duration<double>(Clock::now() - t1).count();

  const double lib_rate = static_cast<double>(lib_ms.size()) / lib_s;
  const double cli_rate = static_cast<double>(cli_ms.size()) / cli_s;
  std::printf("document: %d pages\n", pages);
  std::printf("%-34s %8s %9s %9s\n", "", "docs/s", "p50 ms", "p99 ms");
  std::printf("%-34s %8.1f %9.1f %9.1f\n", "worker processes (lib + PoDoFo)", lib_rate,
              percentile(lib_ms, 0.50), percentile(lib_ms, 0.99));
  std::printf("%-34s %8.1f %9.1f %9.1f\n", "worker processes (lib only)",
              static_cast<double>(engine_ms.size()) / engine_s, percentile(engine_ms, 0.50),
              percentile(engine_ms, 0.99));
  std::printf("%-34s %8.1f %9.1f %9.1f\n", "wkhtmltopdf CLI, process per doc", cli_rate,
              percentile(cli_ms, 0.50), percentile(cli_ms, 0.99));
  std::printf("throughput ratio: %.1fx (target >= 5x)\n", lib_rate / cli_rate);
  std::printf("peak RSS of one worker after %d documents: %.1f MB\n", workers ? docs / workers : 0,
              static_cast<double>(peak_kb) / 1024.0);
  return 0;
}
