// JsonWriter: appends JSON text to a string, for responses.
//
// Responses are written straight to text rather than built as a DOM first:
// a GetItem answer is one pass over the item. The writer tracks only whether
// a comma is due; callers keep objects and arrays balanced.
//
// Thread-safety: none (one writer per response).
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

namespace dynarock::api {

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}

  void BeginObject() {
    Separate();
    out_->push_back('{');
    first_ = true;
  }
  void EndObject() {
    out_->push_back('}');
    first_ = false;
  }
  void BeginArray() {
    Separate();
    out_->push_back('[');
    first_ = true;
  }
  void EndArray() {
    out_->push_back(']');
    first_ = false;
  }

  // Writes "name": and arranges for the value that follows to need no comma.
  void Key(std::string_view name) {
    Separate();
    AppendQuoted(name);
    out_->push_back(':');
    first_ = true;
  }

  void String(std::string_view s) {
    Separate();
    AppendQuoted(s);
  }
  void Bool(bool b) {
    Separate();
    out_->append(b ? "true" : "false");
  }
  void Int(int64_t v) {
    Separate();
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof(buf), v);
    out_->append(buf, r.ptr);
  }
  // Shortest text that reads back as the same double (DynamoDB sends
  // timestamps and capacity units as JSON numbers).
  void Double(double v) {
    Separate();
    if (!std::isfinite(v)) v = 0;  // JSON has no NaN or infinity
    char buf[40];
    auto r = std::to_chars(buf, buf + sizeof(buf), v);
    out_->append(buf, r.ptr);
  }

  // Convenience: "name": value.
  void Field(std::string_view name, std::string_view v) {
    Key(name);
    String(v);
  }
  void FieldBool(std::string_view name, bool v) {
    Key(name);
    Bool(v);
  }
  void FieldInt(std::string_view name, int64_t v) {
    Key(name);
    Int(v);
  }
  void FieldDouble(std::string_view name, double v) {
    Key(name);
    Double(v);
  }

  std::string* out() { return out_; }

 private:
  void Separate() {
    if (!first_) out_->push_back(',');
    first_ = false;
  }

  void AppendQuoted(std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    out_->push_back('"');
    size_t run = 0;  // start of the pending run of bytes that need no escape
    for (size_t i = 0; i < s.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      out_->append(s.data() + run, i - run);
      run = i + 1;
      switch (c) {
        case '"':
          out_->append("\\\"");
          break;
        case '\\':
          out_->append("\\\\");
          break;
        case '\n':
          out_->append("\\n");
          break;
        case '\r':
          out_->append("\\r");
          break;
        case '\t':
          out_->append("\\t");
          break;
        case '\b':
          out_->append("\\b");
          break;
        case '\f':
          out_->append("\\f");
          break;
        default: {
          char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
          out_->append(esc, 6);
        }
      }
    }
    out_->append(s.data() + run, s.size() - run);
    out_->push_back('"');
  }

  std::string* out_;
  bool first_ = true;
};

}  // namespace dynarock::api
