#include "services/documents/document_model.hpp"

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <sstream>

#include "services/documents/vietnamese_text.hpp"
#include "workflow/period.hpp"
#include "workflow/points.hpp"
#include "workflow/review_machine.hpp"

namespace kd::documents {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;
using wf::Rating;

const wf::Unit* agency_of(const DocumentInput& in) { return wf::issuing_agency(in.unit_path); }

const wf::Unit* parent_of(const DocumentInput& in, const wf::Unit* u) {
  if (!u || !u->parent_id) return nullptr;
  for (const auto& p : in.unit_path)
    if (p.id == *u->parent_id) return &p;
  return nullptr;
}

const wf::Unit* own_unit(const DocumentInput& in) {
  return in.unit_path.empty() ? nullptr : &in.unit_path.back();
}

// "SNV-TCCB" -> "TCCB": the short code of a unit in a symbol.
std::string short_code(const wf::Unit* u) {
  if (!u) return "";
  const auto dash = u->code.rfind('-');
  return dash == std::string::npos ? u->code : u->code.substr(dash + 1);
}

std::string kind_code(const DocumentInput& in) {
  switch (in.kind) {
    case DocumentKind::Minutes:
      return "BB";
    case DocumentKind::Decision:
      return in.regime.party ? "KL" : "QĐ";
    case DocumentKind::ResultNotice:
      return "TB";
    default:
      return "";
  }
}

std::string person_name(const DocumentInput& in, wf::Id id) {
  const auto it = in.people.find(id);
  return it == in.people.end() ? std::string() : it->second.full_name;
}

std::string person_position(const DocumentInput& in, wf::Id id) {
  const auto it = in.people.find(id);
  return it == in.people.end() ? std::string() : it->second.position;
}

Array::Ptr paragraphs(const std::string& text) {
  Array::Ptr out = new Array;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) out->add(line);
  }
  return out;
}

std::string rating_label(const std::optional<Rating>& r) {
  return r ? std::string(wf::label_vi(*r)) : std::string("Chưa xếp loại");
}

Object::Ptr signer(const std::string& prefix, const std::string& title, const std::string& name) {
  Object::Ptr o = new Object;
  o->set("prefix", prefix);
  o->set("title", title);
  o->set("name", name);
  return o;
}

// The body printed above the issuing one: the superior body the organisation names for it
// ("UBND tỉnh Phú Thọ" above "Sở Nội vụ"), else its parent unit (a phòng's Sở).
std::string superior_body(const wf::Unit* issuing, const wf::Unit* parent) {
  if (issuing && !issuing->superior_name.empty()) return upper_vi(issuing->superior_name);
  return parent ? upper_vi(parent->name) : std::string();
}

// The place in the date line: the issuing unit's, else its agency's, else documents.place.
std::string place_of(const DocumentInput& in, const wf::Unit* issuing) {
  if (issuing && !issuing->place_name.empty()) return issuing->place_name;
  const wf::Unit* agency = agency_of(in);
  if (agency && !agency->place_name.empty()) return agency->place_name;
  return in.place;
}

Object::Ptr header(const DocumentInput& in, const std::string& number) {
  const wf::Unit* agency = agency_of(in);
  const wf::Unit* unit = own_unit(in);
  // Forms and minutes come from the unit; decisions and notices from the agency.
  const bool from_unit = in.kind == DocumentKind::Minutes ||
                         in.kind == DocumentKind::SelfAssessment ||
                         in.kind == DocumentKind::OpinionForm || in.kind == DocumentKind::FinalForm;
  const wf::Unit* issuing = from_unit && unit ? unit : agency;
  const wf::Unit* parent = issuing == agency ? parent_of(in, agency) : agency;
  Object::Ptr h = new Object;
  h->set("party", in.regime.party);
  if (in.regime.party) {
    h->set("parent_body", agency ? upper_vi("Đảng bộ " + agency->name) : std::string());
    h->set("issuing_body",
           issuing == agency ? upper_vi("Đảng ủy") : upper_vi("Chi bộ " + issuing->name));
  } else {
    h->set("parent_body", superior_body(issuing, parent));
    h->set("issuing_body", issuing ? upper_vi(issuing->name) : std::string());
  }
  h->set("number", number);
  h->set("place_date", place_and_date(place_of(in, issuing), wf::vietnam_date(in.issued_at)));
  return h;
}

Object::Ptr person_json(const ReviewSubject& s) {
  Object::Ptr p = new Object;
  p->set("name", s.person.full_name);
  p->set("position", s.person.position);
  p->set("unit", s.unit_name);
  p->set("group", std::string(wf::label_vi(s.person.group)));
  p->set("party_member", s.person.party_member);
  return p;
}

// The annual form's table of the year's periods and their mean (a regime that scores periods).
Object::Ptr year_scores(const wf::YearSheet& y) {
  Object::Ptr o = new Object;
  Array::Ptr rows = new Array;
  int n = 0;
  for (const auto& p : y.periods) {
    Object::Ptr row = new Object;
    row->set("tt", ++n);
    row->set("period", wf::label_vi(p.ref));
    const bool worked = p.presence == wf::PeriodPresence::Worked;
    row->set("total",
             worked && p.locked && p.total ? wf::format_centi_fixed(*p.total) : std::string());
    std::string note;
    if (!worked) {
      note = std::string(wf::label_vi(p.presence)) + ": không tính vào điểm bình quân";
    } else if (!p.locked) {
      note = "Chưa khóa kết quả";
    }
    if (!p.agency.empty())
      note += (note.empty() ? "" : "; ") + std::string("Do ") + p.agency + " theo dõi, đánh giá";
    row->set("note", note);
    rows->add(row);
  }
  o->set("rows", rows);
  const auto& r = y.result;
  const bool ready = r.refusals.empty();
  o->set("mean", ready && r.rated ? wf::format_centi_fixed(r.score) : std::string());
  o->set("counted", ready ? (r.rated ? std::to_string(r.periods_counted) + " kỳ, " +
                                           std::to_string(r.months_counted) + " tháng công tác"
                                     : std::string("Không có kỳ công tác: không xếp loại"))
                          : std::string());
  o->set("by_score", ready && r.rated ? std::string(wf::label_vi(r.by_score)) : std::string());
  Array::Ptr grounds = new Array;
  for (const auto& g : r.grounds) {
    Object::Ptr x = new Object;
    x->set("text", g.text_vi);
    x->set("reference", g.reference);
    grounds->add(x);
  }
  o->set("grounds", grounds);
  Array::Ptr notes = new Array;
  for (const auto& note : r.notes_vi) notes->add(note);
  o->set("notes", notes);
  Array::Ptr not_ready = new Array;
  for (const auto& f : r.refusals) not_ready->add(f.message_vi);
  o->set("not_ready", not_ready);
  return o;
}

// Sections I (items), II (self-rating), III (head), IV (authority) of the form.
void add_form(const DocumentInput& in, const ReviewSubject& s, Object& m) {
  const auto& form = in.regime.form_for(s.person.group);
  const auto& r = s.review;
  m.set("form_title", form.title);
  Array::Ptr items = new Array;
  int n = 0;
  for (const auto& spec : form.sections) {
    if (spec.leaders_only && !s.person.leader) continue;
    Object::Ptr item = new Object;
    item->set("index", ++n);
    item->set("title", spec.title);
    const auto it = r.form.sections.find(spec.key);
    item->set("paragraphs", paragraphs(it == r.form.sections.end() ? "" : it->second));
    items->add(item);
  }
  m.set("items", items);
  if (s.year) m.set("year_scores", year_scores(*s.year));
  m.set("strengths", paragraphs(r.form.strengths));
  m.set("weaknesses", paragraphs(r.form.weaknesses));
  m.set("self_rating", rating_label(r.form.self_rating));
  m.set("self_signer", signer("", in.regime.party ? "NGƯỜI TỰ KIỂM ĐIỂM" : "NGƯỜI TỰ NHẬN XÉT",
                              s.person.full_name));
  const bool with_iii = in.kind == DocumentKind::OpinionForm || in.kind == DocumentKind::FinalForm;
  if (with_iii && r.opinion) {
    Object::Ptr iii = new Object;
    iii->set("paragraphs", paragraphs(r.opinion->comments));
    iii->set("rating", rating_label(r.opinion->proposed_rating));
    if (in.regime.party) {
      // The Party self-review: the head (thủ trưởng) rates the member as staff, under the seal.
      auto head = signer("", "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ", person_name(in, r.opinion->by));
      head->set("seal_note", std::string("(Ký, ghi rõ họ tên, đóng dấu)"));
      iii->set("signer", head);
    } else {
      iii->set("signer", signer("", "NGƯỜI NHẬN XÉT, ĐÁNH GIÁ", person_name(in, r.opinion->by)));
    }
    m.set("section_iii", iii);
  }
  // The chi bộ's proposal: the rating its meeting proposed, signed for the chi ủy by the chair.
  if (in.regime.party && with_iii && r.meeting) {
    Object::Ptr chi_bo = new Object;
    chi_bo->set("paragraphs", paragraphs(r.meeting->conclusion));
    chi_bo->set("rating", rating_label(r.meeting->proposed_rating));
    chi_bo->set("signer", signer("T/M CHI ỦY", "BÍ THƯ", person_name(in, r.meeting->chair_id)));
    m.set("chi_bo", chi_bo);
  }
  if (in.kind == DocumentKind::FinalForm) {
    Object::Ptr iv = new Object;
    iv->set("rating", rating_label(r.final_rating));
    iv->set("signer",
            in.regime.party
                ? signer("T/M ĐẢNG ỦY", upper_vi(person_position(in, in.actor_id)),
                         person_name(in, in.actor_id))
                : signer("", "NGƯỜI CÓ THẨM QUYỀN ĐÁNH GIÁ", person_name(in, in.actor_id)));
    m.set("section_iv", iv);
  }
}

void add_minutes(const DocumentInput& in, const ReviewSubject& s, Object& m) {
  if (!s.review.meeting) return;
  const auto& mt = *s.review.meeting;
  Object::Ptr o = new Object;
  o->set("date", place_and_date("", mt.date));
  o->set("place", mt.place);
  o->set("chair", person_name(in, mt.chair_id));
  o->set("chair_position", person_position(in, mt.chair_id));
  o->set("secretary", person_name(in, mt.secretary_id));
  o->set("secretary_position", person_position(in, mt.secretary_id));
  o->set("summoned", mt.summoned);
  o->set("present", mt.present);
  o->set("absent_count", static_cast<int>(mt.absent.size()));
  Array::Ptr absent = new Array;
  for (const auto& a : mt.absent) {
    Object::Ptr x = new Object;
    x->set("name", a.name);
    x->set("reason", a.reason);
    absent->add(x);
  }
  o->set("absent", absent);
  Array::Ptr comments = new Array;
  for (const auto& c : mt.comments) {
    Object::Ptr x = new Object;
    x->set("author", c.author);
    x->set("paragraphs", paragraphs(c.text));
    comments->add(x);
  }
  o->set("comments", comments);
  o->set("proposed_rating", rating_label(mt.proposed_rating));
  o->set("in_favour", mt.votes.in_favour);
  o->set("against", mt.votes.against);
  o->set("abstain", mt.votes.abstain);
  // The base the votes are counted over, from the regime's rule for the proposed rating.
  bool official = false;
  for (const auto& rule : in.regime.vote_rules)
    if (mt.proposed_rating && rule.rating == *mt.proposed_rating)
      official = rule.base == wf::VoteBase::OfficialMembers;
  const int base =
      official ? (mt.official_members > 0 ? mt.official_members : mt.summoned) : mt.present;
  o->set("vote_base", base);
  o->set("vote_base_label", official ? (in.regime.party ? "tổng số đảng viên chính thức"
                                                        : "tổng số thành viên chính thức")
                                     : "tổng số người có mặt");
  o->set("conclusion", paragraphs(mt.conclusion));
  o->set("closed_at", wf::vietnam_time_of_day(in.issued_at));
  m.set("meeting", o);
  m.set("signers", Array::Ptr(new Array));
  m.getArray("signers")->add(signer("", "THƯ KÝ", person_name(in, mt.secretary_id)));
  m.getArray("signers")->add(signer("", "CHỦ TRÌ", person_name(in, mt.chair_id)));
}

Array::Ptr result_rows(const DocumentInput& in) {
  std::vector<const ReviewSubject*> sorted;
  for (const auto& s : in.reviews) sorted.push_back(&s);
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) {
    return a->unit_name != b->unit_name ? a->unit_name < b->unit_name : a->review.id < b->review.id;
  });
  Array::Ptr rows = new Array;
  int n = 0;
  for (const auto* s : sorted) {
    Object::Ptr row = new Object;
    row->set("index", ++n);
    row->set("name", s->person.full_name);
    row->set("position", s->person.position);
    row->set("unit", s->unit_name);
    row->set("rating", s->review.not_rated ? std::string("Không xếp loại")
                                           : rating_label(s->review.final_rating));
    row->set("code", s->review.final_rating ? std::string(wf::to_string(*s->review.final_rating))
                                            : std::string());
    rows->add(row);
  }
  return rows;
}

// The authority's block. A Party committee decides collectively: "T/M ĐẢNG ỦY". A state
// agency signs as the organisation says it is led (wf::authority_lines): its head under the
// head's title, a deputy "KT." for the head, and "TM." only for a collective body.
Object::Ptr authority_signer(const DocumentInput& in) {
  const std::string position = person_position(in, in.actor_id);
  const std::string name = person_name(in, in.actor_id);
  if (in.regime.party) return signer("T/M ĐẢNG ỦY", upper_vi(position), name);
  const wf::Unit* agency = agency_of(in);
  if (!agency) return signer("", upper_vi(position), name);
  const auto lines = wf::authority_lines(*agency, in.actor_standing, position);
  auto o = signer(upper_vi(lines.prefix), upper_vi(lines.title), name);
  if (!lines.on_behalf.empty()) o->set("on_behalf", upper_vi(lines.on_behalf));
  return o;
}

// "Quyết định số 01/QĐ-SNV ngày 05 tháng 12 năm 2026 của Sở Nội vụ": a document named by its
// kind, number, date and issuer (ND 30: the heading of an annex).
std::string cited_document(const DocumentInput& in, const std::string& number_core,
                           const wf::Date& date) {
  const wf::Unit* agency = agency_of(in);
  const std::string issuer =
      agency ? (in.regime.party ? "Đảng ủy " : "") + agency->name : std::string();
  return (in.regime.party ? "Kết luận số " : "Quyết định số ") + number_core + " " +
         place_and_date("", date) + (issuer.empty() ? "" : " của " + issuer);
}

// "Số: 01/QĐ-SNV" -> "01/QĐ-SNV"; "Số 01-KL/ĐU" -> "01-KL/ĐU".
std::string number_core_of(const std::string& number) {
  const auto space = number.find(' ');
  return space == std::string::npos ? number : number.substr(space + 1);
}

// The decision on a complaint: its subject, the complaint and the earlier decision among its
// grounds, whether the rating is kept or changed, and what becomes of the earlier decision.
void add_complaint_decision(const DocumentInput& in, Object& m) {
  const auto& c = *in.complaint;
  const auto& s = in.reviews.front();
  const std::string name = s.person.full_name;
  const std::string year = std::to_string(in.campaign.year);
  const std::string earlier =
      c.earlier_number.empty()
          ? std::string(in.regime.party ? "Kết luận" : "Quyết định") + " xếp loại chất lượng năm " +
                year
          : cited_document(in, number_core_of(c.earlier_number), c.earlier_date);
  const auto& now_rating = s.review.final_rating;
  const bool kept = now_rating == c.earlier_rating;
  Object::Ptr o = new Object;
  o->set("summary", "Về việc giải quyết kiến nghị về kết quả đánh giá, xếp loại chất lượng năm " +
                        year + " của đồng chí " + name);
  o->set("earlier", earlier);
  o->set("filed_on", place_and_date("", c.filed_on));
  o->set("name", name);
  o->set("reason", paragraphs(c.reason));
  o->set("conclusion", paragraphs(c.conclusion));
  o->set("has_conclusion", c.conclusion.find_first_not_of(" \n\r\t") != std::string::npos);
  o->set("kept", kept);
  o->set("article_1", kept ? "Giữ nguyên kết quả đánh giá, xếp loại chất lượng năm " + year +
                                 " của đồng chí " + name + ": " + rating_label(now_rating) + "."
                           : "Thay đổi kết quả đánh giá, xếp loại chất lượng năm " + year +
                                 " của đồng chí " + name + " từ " + rating_label(c.earlier_rating) +
                                 " thành " + rating_label(now_rating) + ".");
  o->set("article_2",
         kept ? earlier +
                    " giữ nguyên hiệu lực. Kết quả giải quyết kiến nghị là "
                    "kết quả cuối cùng, được thông báo bằng văn bản đến đồng "
                    "chí " +
                    name + "."
              : earlier + " được sửa đổi đối với đồng chí " + name +
                    " theo Điều 1; các nội dung khác giữ nguyên hiệu lực. Kết quả giải quyết "
                    "kiến nghị là kết quả cuối cùng, được thông báo bằng văn bản đến đồng chí " +
                    name + ".");
  m.set("complaint", o);
}

// The notice: how long the person may complain and until when, or that the result is final.
void add_complaint_terms(const DocumentInput& in, const ReviewSubject& s, Object& m) {
  if (const auto last = wf::complaint_last_day(s.review, in.regime)) {
    Object::Ptr c = new Object;
    c->set("days", in.regime.deadlines.complaint_window_days);
    c->set("last_day", two_digits(last->day) + "/" + two_digits(last->month) + "/" +
                           std::to_string(last->year));
    m.set("complaint", c);
  } else {
    m.set("final_result", s.review.complaints > 0
                              ? std::string("Kết quả này được thông báo sau khi giải quyết kiến "
                                            "nghị của đồng chí và là kết quả cuối cùng.")
                              : std::string("Kết quả này là kết quả cuối cùng."));
  }
}

Array::Ptr recipients(const DocumentInput& in) {
  Array::Ptr r = new Array;
  const std::string unit_code = short_code(own_unit(in));
  switch (in.kind) {
    case DocumentKind::Minutes:
      r->add("- Người được kiểm điểm;");
      r->add("- Lưu: VT, " + unit_code + ".");
      break;
    case DocumentKind::Decision:
      r->add("- Như Điều 3;");
      r->add("- Các phòng, đơn vị thuộc cơ quan;");
      r->add("- Lưu: VT, TCCB.");
      break;
    case DocumentKind::ResultNotice:
      r->add("- Như trên;");
      r->add("- Lưu: VT, TCCB.");
      break;
    case DocumentKind::PublicList:
      r->add("- Niêm yết công khai tại đơn vị;");
      r->add("- Lưu: VT, TCCB.");
      break;
    default:
      break;
  }
  return r;
}

}  // namespace

bool numbered(DocumentKind k) {
  return k == DocumentKind::Minutes || k == DocumentKind::Decision ||
         k == DocumentKind::ResultNotice;
}

std::string numbering_issuer(const DocumentInput& in) {
  const wf::Unit* issuer = in.kind == DocumentKind::Minutes ? own_unit(in) : agency_of(in);
  const std::string code = issuer ? issuer->code : "?";
  return in.regime.party ? (in.kind == DocumentKind::Minutes ? "CB:" : "DU:") + code : code;
}

std::string template_name(const DocumentInput& in) {
  switch (in.kind) {
    case DocumentKind::SelfAssessment:
    case DocumentKind::OpinionForm:
    case DocumentKind::FinalForm:
      if (in.regime.party) return "party_self_review";
      // A regime that scores periods: the annual form with the table of the year's periods.
      return in.regime.scoring ? "year_form" : "form";
    case DocumentKind::Minutes:
      return "minutes";
    case DocumentKind::Decision:
      return "decision";
    case DocumentKind::ResultNotice:
      return "notice";
    case DocumentKind::PublicList:
      return "public_list";
  }
  return "form";
}

std::string document_title(const DocumentInput& in) {
  const std::string year = std::to_string(in.campaign.year);
  const std::string who = in.reviews.size() == 1 ? " - " + in.reviews[0].person.full_name : "";
  switch (in.kind) {
    case DocumentKind::SelfAssessment:
      return (in.regime.party ? "Bản kiểm điểm năm " : "Phiếu tự đánh giá năm ") + year + who;
    case DocumentKind::Minutes:
      return "Biên bản họp năm " + year + who;
    case DocumentKind::OpinionForm:
      return "Phiếu đánh giá có nhận xét năm " + year + who;
    case DocumentKind::Decision:
      return (in.regime.party ? "Kết luận xếp loại năm " : "Quyết định xếp loại năm ") + year;
    case DocumentKind::FinalForm:
      return "Phiếu đánh giá, xếp loại năm " + year + who;
    case DocumentKind::ResultNotice:
      return "Thông báo kết quả năm " + year + who;
    case DocumentKind::PublicList:
      return "Danh sách công khai năm " + year;
  }
  return "Văn bản";
}

Poco::JSON::Object::Ptr build_model(const DocumentInput& in) {
  Object::Ptr m = new Object;
  std::string number;
  std::string number_core;  // "01/QĐ-SNV", "01-KL/ĐU"
  if (numbered(in.kind) && in.number > 0) {
    const std::string issuer =
        in.regime.party
            ? (in.kind == DocumentKind::Minutes ? "CB" : "ĐU")
            : short_code(in.kind == DocumentKind::Minutes ? own_unit(in) : agency_of(in));
    number = in.regime.party ? party_number(in.number, kind_code(in) + "/" + issuer)
                             : state_number(in.number, kind_code(in) + "-" + issuer);
    number_core = number_core_of(number);
  }
  if (in.kind == DocumentKind::Decision) {
    m->set("annex_of", cited_document(in, number_core, wf::vietnam_date(in.issued_at)));
    if (in.complaint && !in.reviews.empty()) add_complaint_decision(in, *m);
  }
  m->set("kind", std::string(to_string(in.kind)));
  m->set("party", in.regime.party);
  m->set("header", header(in, number));
  m->set("year", in.campaign.year);
  m->set("campaign", in.campaign.name);
  m->set("regime", in.regime.title);
  m->set("recipients", recipients(in));
  if (!in.reviews.empty()) {
    const auto& first = in.reviews.front();
    m->set("person", person_json(first));
    if (first.review.last_return_reason.size() > 0 && in.kind == DocumentKind::SelfAssessment)
      m->set("returned_reason", first.review.last_return_reason);
    switch (in.kind) {
      case DocumentKind::SelfAssessment:
      case DocumentKind::OpinionForm:
      case DocumentKind::FinalForm:
        add_form(in, first, *m);
        break;
      case DocumentKind::Minutes:
        add_minutes(in, first, *m);
        break;
      case DocumentKind::ResultNotice:
        m->set("rating", first.review.not_rated ? std::string("Không xếp loại")
                                                : rating_label(first.review.final_rating));
        add_complaint_terms(in, first, *m);
        break;
      default:
        break;
    }
  }
  if (is_batch(in.kind) || in.kind == DocumentKind::ResultNotice) {
    m->set("rows", result_rows(in));
    m->set("count", static_cast<int>(in.reviews.size()));
    m->set("signer", authority_signer(in));
  }
  return m;
}

}  // namespace kd::documents
