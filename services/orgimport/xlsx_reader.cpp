// XLSX: the workbook part lists the sheets, its relationships name their parts, the shared
// strings part holds the text cells point into; each sheet part is parsed as a stream and
// handed over row by row.
#include <Poco/MemoryStream.h>
#include <Poco/SAX/Attributes.h>
#include <Poco/SAX/DefaultHandler.h>
#include <Poco/SAX/InputSource.h>
#include <Poco/SAX/SAXException.h>
#include <Poco/SAX/SAXParser.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipException.h>
#include <Poco/Zip/ZipStream.h>

#include <map>
#include <memory>
#include <streambuf>

#include "services/orgimport/sheet_reader.hpp"
#include "services/orgimport/text_fold.hpp"
#include "services/text/utf8_text.hpp"

namespace kd::orgimport {
namespace {

const char* const kNotWorkbook =
    "Tệp không đọc được như một bảng tính Excel (.xlsx): hãy lưu lại bằng Excel hoặc LibreOffice "
    "dưới dạng .xlsx, hoặc xuất ra CSV UTF-8.";

std::string local(const std::string& qname) {
  const auto colon = qname.rfind(':');
  return colon == std::string::npos ? qname : qname.substr(colon + 1);
}

std::string attribute(const Poco::XML::Attributes& attrs, const std::string& name) {
  for (int i = 0; i < attrs.getLength(); ++i)
    if (attrs.getQName(i) == name || local(attrs.getQName(i)) == name) return attrs.getValue(i);
  return {};
}

// Counts what is read through it and stops past a bound (an archive built to inflate to
// gigabytes is refused, whatever its headers declare).
class BoundedBuf : public std::streambuf {
 public:
  BoundedBuf(std::istream& in, std::size_t max) : in_(in), max_(max) {}

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    in_.read(buf_, sizeof buf_);
    const auto n = in_.gcount();
    if (n <= 0) return traits_type::eof();
    total_ += static_cast<std::size_t>(n);
    if (total_ > max_) throw UnreadableFile("Tệp bảng tính quá lớn khi giải nén.");
    setg(buf_, buf_, buf_ + n);
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::istream& in_;
  std::size_t max_;
  std::size_t total_ = 0;
  char buf_[1 << 16];
};

class Archive {
 public:
  Archive(const std::string& bytes, std::size_t max_part)
      : in_(bytes.data(), bytes.size()), max_part_(max_part) {
    try {
      archive_ = std::make_unique<Poco::Zip::ZipArchive>(in_);
    } catch (const Poco::Exception&) {
      throw UnreadableFile(kNotWorkbook);
    }
  }

  bool has(const std::string& name) const {
    return archive_->findHeader(name) != archive_->headerEnd();
  }

  // Parses the part with `handler`; false when the archive has no such part.
  bool parse(const std::string& name, Poco::XML::ContentHandler& handler) {
    const auto h = archive_->findHeader(name);
    if (h == archive_->headerEnd()) return false;
    if (h->second.getUncompressedSize() > max_part_)
      throw UnreadableFile("Tệp bảng tính quá lớn khi giải nén.");
    in_.clear();
    try {
      Poco::Zip::ZipInputStream zip(in_, h->second, true);
      BoundedBuf bounded(zip, max_part_);
      std::istream part(&bounded);
      Poco::XML::InputSource source(part);
      Poco::XML::SAXParser parser;
      parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACES, false);
      parser.setContentHandler(&handler);
      parser.parse(&source);
    } catch (const Poco::XML::SAXParseException&) {
      throw UnreadableFile(std::string(kNotWorkbook) + " (phần " + name + " hỏng)");
    } catch (const Poco::Exception&) {
      throw UnreadableFile(std::string(kNotWorkbook) + " (phần " + name + " hỏng)");
    }
    return true;
  }

 private:
  Poco::MemoryInputStream in_;
  std::size_t max_part_;
  std::unique_ptr<Poco::Zip::ZipArchive> archive_;
};

struct SheetRef {
  std::string name;
  std::string rel_id;
};

class WorkbookHandler : public Poco::XML::DefaultHandler {
 public:
  std::vector<SheetRef> sheets;
  void startElement(const Poco::XML::XMLString&, const Poco::XML::XMLString&,
                    const Poco::XML::XMLString& qname, const Poco::XML::Attributes& a) override {
    if (local(qname) == "sheet") sheets.push_back({attribute(a, "name"), attribute(a, "r:id")});
  }
};

class RelsHandler : public Poco::XML::DefaultHandler {
 public:
  std::map<std::string, std::string> target_of;  // id -> part name
  std::string shared_strings;
  void startElement(const Poco::XML::XMLString&, const Poco::XML::XMLString&,
                    const Poco::XML::XMLString& qname, const Poco::XML::Attributes& a) override {
    if (local(qname) != "Relationship") return;
    std::string target = attribute(a, "Target");
    target = target.rfind('/', 0) == 0 ? target.substr(1) : "xl/" + target;
    target_of[attribute(a, "Id")] = target;
    const std::string type = attribute(a, "Type");
    if (type.size() >= 14 && type.compare(type.size() - 14, 14, "/sharedStrings") == 0)
      shared_strings = target;
  }
};

// <si> items: the text of their <t> elements, phonetic runs (<rPh>) left out.
class SharedStringsHandler : public Poco::XML::DefaultHandler {
 public:
  std::vector<std::string> strings;
  void startElement(const Poco::XML::XMLString&, const Poco::XML::XMLString&,
                    const Poco::XML::XMLString& qname, const Poco::XML::Attributes&) override {
    const auto n = local(qname);
    if (n == "si") current_.clear();
    if (n == "rPh") ++phonetic_;
    if (n == "t") in_t_ = true;
  }
  void endElement(const Poco::XML::XMLString&, const Poco::XML::XMLString&,
                  const Poco::XML::XMLString& qname) override {
    const auto n = local(qname);
    if (n == "t") in_t_ = false;
    if (n == "rPh") --phonetic_;
    if (n == "si") strings.push_back(clean_text(current_));
  }
  void characters(const Poco::XML::XMLChar ch[], int start, int length) override {
    if (in_t_ && phonetic_ == 0) current_.append(ch + start, static_cast<std::size_t>(length));
  }

 private:
  std::string current_;
  bool in_t_ = false;
  int phonetic_ = 0;
};

// The column of a cell reference ("AB12" -> 27), or -1.
int column_of(const std::string& ref) {
  int col = 0;
  std::size_t i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) col = col * 26 + (ref[i] - 'A' + 1);
  return i == 0 ? -1 : col - 1;
}

class SheetHandler : public Poco::XML::DefaultHandler {
 public:
  SheetHandler(const std::vector<std::string>& shared, const RowSink& sink)
      : shared_(shared), sink_(sink) {}

  void startElement(const Poco::XML::XMLString&, const Poco::XML::XMLString&,
                    const Poco::XML::XMLString& qname, const Poco::XML::Attributes& a) override {
    const auto n = local(qname);
    if (n == "row") {
      const std::string r = attribute(a, "r");
      row_ = r.empty() ? row_ + 1 : std::atoi(r.c_str());
      cells_.clear();
      next_col_ = 0;
    } else if (n == "c") {
      const int c = column_of(attribute(a, "r"));
      col_ = c >= 0 ? c : next_col_;
      next_col_ = col_ + 1;
      type_ = attribute(a, "t");
      value_.clear();
    } else if (n == "v" || (n == "t" && type_ == "inlineStr")) {
      in_value_ = true;
    }
  }

  void endElement(const Poco::XML::XMLString&, const Poco::XML::XMLString&,
                  const Poco::XML::XMLString& qname) override {
    const auto n = local(qname);
    if (n == "v" || n == "t") {
      in_value_ = false;
    } else if (n == "c") {
      kd::wf::ImportCell cell;
      if (type_ == "s") {
        const auto i = static_cast<std::size_t>(std::strtoul(value_.c_str(), nullptr, 10));
        if (i < shared_.size()) cell.text = shared_[i];
      } else if (type_ == "str" || type_ == "inlineStr" || type_ == "e" || type_ == "d") {
        cell.text = clean_text(value_);
      } else if (type_ == "b") {
        cell.text = value_ == "1" ? "1" : "0";
      } else {
        cell.text = clean_text(value_);
        cell.number = !cell.text.empty();
      }
      if (col_ >= 0 && col_ < kMaxColumns) {
        if (cells_.size() <= static_cast<std::size_t>(col_)) cells_.resize(col_ + 1);
        cells_[col_] = std::move(cell);
      }
    } else if (n == "row") {
      sink_.row(row_, cells_);
    }
  }

  void characters(const Poco::XML::XMLChar ch[], int start, int length) override {
    if (in_value_) value_.append(ch + start, static_cast<std::size_t>(length));
  }

 private:
  static constexpr int kMaxColumns = 256;
  const std::vector<std::string>& shared_;
  const RowSink& sink_;
  std::vector<kd::wf::ImportCell> cells_;
  int row_ = 0;
  int col_ = 0;
  int next_col_ = 0;
  std::string type_;
  std::string value_;
  bool in_value_ = false;
};

}  // namespace

bool looks_like_xlsx(const std::string& bytes) { return bytes.rfind("PK\x03\x04", 0) == 0; }

void read_xlsx(const std::string& bytes, const RowSink& sink, std::size_t max_part_bytes) {
  if (!looks_like_xlsx(bytes)) throw UnreadableFile(kNotWorkbook);
  Archive zip(bytes, max_part_bytes);
  WorkbookHandler workbook;
  RelsHandler rels;
  if (!zip.parse("xl/workbook.xml", workbook) || !zip.parse("xl/_rels/workbook.xml.rels", rels))
    throw UnreadableFile(kNotWorkbook);
  SharedStringsHandler shared;
  const std::string shared_part =
      rels.shared_strings.empty() ? "xl/sharedStrings.xml" : rels.shared_strings;
  if (zip.has(shared_part)) zip.parse(shared_part, shared);
  for (const auto& s : workbook.sheets) {
    const auto target = rels.target_of.find(s.rel_id);
    if (target == rels.target_of.end() || !zip.has(target->second)) continue;
    sink.begin_sheet(clean_text(s.name));
    SheetHandler handler(shared.strings, sink);
    zip.parse(target->second, handler);
    sink.end_sheet();
  }
}

}  // namespace kd::orgimport
