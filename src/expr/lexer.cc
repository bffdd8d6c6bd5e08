// Lexer for DynamoDB expressions.
//
// Token grammar (whitespace separates tokens and is skipped):
//   word     := [A-Za-z] [A-Za-z0-9_]*   (a bare name must start with a letter)
//   number   := [0-9]+
//   name-ref := '#' [A-Za-z0-9_]+
//   value-ref:= ':' [A-Za-z0-9_]+
//   punct    := ( ) [ ] , . = <> < <= > >= + -
//   unknown  := any other character (a whole UTF-8 sequence, or '_'), or a lone # / :

#include "expr/lexer.h"

namespace dynarock::expr {
namespace {

bool IsWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '_';
}

bool IsSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Length of the UTF-8 sequence that starts with lead (1 for stray bytes).
size_t Utf8Length(unsigned char lead) {
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  if (lead >= 0xE0) return lead <= 0xEF ? 3 : 1;
  if (lead >= 0xC2) return 2;
  return 1;
}

}  // namespace

bool EqualsKeyword(std::string_view word, std::string_view keyword) {
  if (word.size() != keyword.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != keyword[i]) return false;
  }
  return true;
}

std::vector<Token> Lex(std::string_view text) {
  std::vector<Token> out;
  out.reserve(text.size() / 2 + 2);
  size_t i = 0;
  const size_t n = text.size();
  auto at = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  while (i < n) {
    unsigned char c = at(i);
    if (IsSpace(c)) {
      ++i;
      continue;
    }
    Token t;
    t.begin = static_cast<uint32_t>(i);
    if (c == '#' || c == ':') {
      size_t j = i + 1;
      while (j < n && IsWordByte(at(j))) ++j;
      if (j == i + 1) {
        t.kind = TokenKind::kUnknown;
        i = i + 1;
      } else {
        t.kind = c == '#' ? TokenKind::kNameRef : TokenKind::kValueRef;
        i = j;
      }
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      size_t j = i;
      while (j < n && IsWordByte(at(j))) ++j;
      t.kind = TokenKind::kWord;
      i = j;
    } else if (c >= '0' && c <= '9') {
      // A run of digits (a list index); "123a" lexes as 123 then a.
      size_t j = i;
      while (j < n && at(j) >= '0' && at(j) <= '9') ++j;
      t.kind = TokenKind::kNumber;
      i = j;
    } else {
      size_t len = 1;
      switch (c) {
        case '(': t.kind = TokenKind::kLParen; break;
        case ')': t.kind = TokenKind::kRParen; break;
        case '[': t.kind = TokenKind::kLBracket; break;
        case ']': t.kind = TokenKind::kRBracket; break;
        case ',': t.kind = TokenKind::kComma; break;
        case '.': t.kind = TokenKind::kDot; break;
        case '=': t.kind = TokenKind::kEq; break;
        case '+': t.kind = TokenKind::kPlus; break;
        case '-': t.kind = TokenKind::kMinus; break;
        case '<':
          if (i + 1 < n && at(i + 1) == '=') {
            t.kind = TokenKind::kLe;
            len = 2;
          } else if (i + 1 < n && at(i + 1) == '>') {
            t.kind = TokenKind::kNe;
            len = 2;
          } else {
            t.kind = TokenKind::kLt;
          }
          break;
        case '>':
          if (i + 1 < n && at(i + 1) == '=') {
            t.kind = TokenKind::kGe;
            len = 2;
          } else {
            t.kind = TokenKind::kGt;
          }
          break;
        default:
          t.kind = TokenKind::kUnknown;
          len = Utf8Length(c);
          if (i + len > n) len = n - i;
          break;
      }
      i += len;
    }
    t.end = static_cast<uint32_t>(i);
    out.push_back(t);
  }
  Token eof;
  eof.kind = TokenKind::kEof;
  eof.begin = eof.end = static_cast<uint32_t>(n);
  out.push_back(eof);
  return out;
}

}  // namespace dynarock::expr
