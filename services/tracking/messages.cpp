#include "services/tracking/messages.hpp"

#include "workflow/actors.hpp"

namespace kd::tracking {
namespace {

namespace wf = kd::wf;

std::string str(std::string_view s) { return std::string(s); }

std::string who(const TrackedReview& t, const std::map<wf::Id, std::string>& names) {
  std::string out = t.must.role ? str(wf::label_vi(*t.must.role)) : "";
  std::string people;
  for (wf::Id id : t.must.people) {
    auto it = names.find(id);
    if (it == names.end()) continue;
    people += (people.empty() ? "" : ", ") + it->second;
  }
  if (!people.empty()) out += " (" + people + ")";
  return out;
}

}  // namespace

MessageText compose(const wf::Notice& n, const TrackedReview& t, const wf::Campaign& campaign,
                    const std::map<wf::Id, std::string>& names) {
  const std::string person = t.row.person.full_name;
  const std::string stage = str(wf::label_vi(n.stage));
  const std::string due = n.due ? wf::to_dmy(*n.due) : "";
  const auto action = wf::forward_action(n.stage);
  const std::string task = action ? str(wf::label_vi(*action)) : stage;
  MessageText m;
  switch (n.kind) {
    case wf::NoticeKind::Reminder:
      m.subject = "[Đánh giá, xếp loại] Nhắc việc: " + task +
                  (n.recipient == t.row.review.person_id ? "" : " của " + person) + " – hạn " + due;
      m.body = "Kính gửi đồng chí,\n\nHồ sơ đánh giá, xếp loại chất lượng của đồng chí " + person +
               " (" + t.row.unit_name + ") đang ở bước \"" + stage + "\" và cần được hoàn thành " +
               "trước hết ngày " + due + ".\nViệc cần làm: " + task + ".\n";
      break;
    case wf::NoticeKind::OverdueHead:
      m.subject = "[Đánh giá, xếp loại] Quá hạn: hồ sơ của " + person + " ở bước \"" + stage + "\"";
      m.body = "Kính gửi đồng chí,\n\nHồ sơ đánh giá, xếp loại chất lượng của đồng chí " + person +
               " (" + t.row.unit_name + ") đã quá hạn " + due + " ở bước \"" + stage + "\" (" +
               std::to_string(n.overdue_working_days) +
               " ngày làm việc).\nNgười phải xử lý: " + who(t, names) +
               ".\nĐề nghị đồng chí đôn đốc hoàn thành.\n";
      break;
    case wf::NoticeKind::OverdueSupervisor:
      m.subject = "[Đánh giá, xếp loại] Báo cáo cấp trên: hồ sơ của " + person + " quá hạn " +
                  std::to_string(n.overdue_working_days) + " ngày làm việc";
      m.body = "Kính gửi đồng chí,\n\nHồ sơ đánh giá, xếp loại chất lượng của đồng chí " + person +
               " (" + t.row.unit_name + ") đã quá hạn " + due + " ở bước \"" + stage + "\" (" +
               std::to_string(n.overdue_working_days) +
               " ngày làm việc) và đã được báo người đứng đầu đơn vị.\nNgười phải xử lý: " +
               who(t, names) + ".\n";
      break;
  }
  m.body += "\nĐợt đánh giá: " + campaign.name + "\nMã hồ sơ: " + std::to_string(t.row.review.id) +
            " (/api/v1/reviews/" + std::to_string(t.row.review.id) +
            ")\n\nThư này được gửi tự động, vui lòng không trả " + "lời.\n";
  return m;
}

}  // namespace kd::tracking
