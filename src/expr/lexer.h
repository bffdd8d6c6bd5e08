// Tokens of DynamoDB's expression language and the lexer that makes them.
//
// Internal to src/expr. The lexer never fails: a byte it does not know
// becomes a kUnknown token (one UTF-8 character), so that the parser reports
// it as DynamoDB does ("Syntax error; token: \"!\", near: \"!!\"").
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace dynarock::expr {

enum class TokenKind : uint8_t {
  kWord,      // a bare name, keyword or function name: [A-Za-z][A-Za-z0-9_]*
  kNumber,    // [0-9]+ (list index)
  kNameRef,   // #word
  kValueRef,  // :word
  kLParen, kRParen, kLBracket, kRBracket, kComma, kDot,
  kEq, kNe, kLt, kLe, kGt, kGe, kPlus, kMinus,
  kUnknown,   // any other character
  kEof,
};

struct Token {
  TokenKind kind = TokenKind::kEof;
  uint32_t begin = 0;  // byte offsets into the expression text
  uint32_t end = 0;
};

// Splits text into tokens; the last token is always kEof.
// REQUIRES: text.size() < 4 GiB (the facade rejects anything over 4 KB first).
std::vector<Token> Lex(std::string_view text);

// Case-insensitive membership in DynamoDB's reserved word list.
bool IsReservedWord(std::string_view word);
size_t ReservedWordCount();
std::string_view ReservedWordAt(size_t i);  // upper case, sorted

// True when word equals keyword ignoring ASCII case (keyword upper case).
bool EqualsKeyword(std::string_view word, std::string_view keyword);

}  // namespace dynarock::expr
