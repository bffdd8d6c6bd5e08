// Recursive-descent parser for DynamoDB expressions.
//
// Grammar (keywords case-insensitive, function names case-sensitive):
//   condition  := or EOF
//   or         := and ( OR and )*
//   and        := not ( AND not )*
//   not        := NOT not | primary
//   primary    := '(' or ')'
//              |  cond-func '(' operand ( ',' operand )* ')'
//              |  operand comparator operand
//              |  operand BETWEEN operand AND operand
//              |  operand IN '(' operand ( ',' operand )* ')'
//   cond-func  := attribute_exists | attribute_not_exists | attribute_type
//              |  begins_with | contains
//   operand    := path | value-ref | size '(' path ')'
//   path       := element ( '.' element | '[' digits ']' )*
//   element    := word (not a reserved word) | name-ref
//
//   update     := clause+ EOF            (each of SET/REMOVE/ADD/DELETE at most once)
//   clause     := SET set-action (',' set-action)*
//              |  REMOVE path (',' path)*
//              |  ADD path value-ref (',' path value-ref)*
//              |  DELETE path value-ref (',' path value-ref)*
//   set-action := path '=' value
//   value      := term ( ('+' | '-') term )?
//   term       := '(' value ')' | value-ref | path
//              |  if_not_exists '(' path ',' term ')'
//              |  list_append '(' term ',' term ')'
//
//   projection := path ( ',' path )* EOF

#include "expr/parser.h"

#include <string>

#include "expr/lexer.h"

namespace dynarock::expr::internal {

std::string_view ExprKindName(ExprKind kind) {
  switch (kind) {
    case ExprKind::kCondition: return "ConditionExpression";
    case ExprKind::kFilter: return "FilterExpression";
    case ExprKind::kKeyCondition: return "KeyConditionExpression";
    case ExprKind::kUpdate: return "UpdateExpression";
    case ExprKind::kProjection: return "ProjectionExpression";
  }
  return "Expression";
}

Status Invalid(ExprKind kind, std::string_view message) {
  std::string m = "Invalid ";
  m += ExprKindName(kind);
  m += ": ";
  m += message;
  return Status::Validation(std::move(m));
}

namespace {

bool IsConditionFunction(std::string_view w) {
  return w == "attribute_exists" || w == "attribute_not_exists" || w == "attribute_type" ||
         w == "begins_with" || w == "contains";
}
bool IsUpdateFunction(std::string_view w) { return w == "if_not_exists" || w == "list_append"; }

CondKind ConditionFunctionKind(std::string_view w) {
  if (w == "attribute_exists") return CondKind::kAttributeExists;
  if (w == "attribute_not_exists") return CondKind::kAttributeNotExists;
  if (w == "attribute_type") return CondKind::kAttributeType;
  if (w == "begins_with") return CondKind::kBeginsWith;
  return CondKind::kContains;
}

class Parser {
 public:
  Parser(std::string_view text, ExprKind kind) : text_(text), kind_(kind), tokens_(Lex(text)) {}

  Status CheckText() const {
    bool blank = true;
    for (char c : text_) {
      if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')) {
        blank = false;
        break;
      }
    }
    if (blank) return Invalid(kind_, "The expression can not be empty;");
    if (text_.size() > kMaxExpressionBytes) {
      std::string m = "Expression size has exceeded the maximum allowed size;";
      // Observed quirk: only Condition and Filter expressions report the size.
      if (kind_ == ExprKind::kCondition || kind_ == ExprKind::kFilter) {
        m += " expression size: " + std::to_string(text_.size());
      }
      return Invalid(kind_, m);
    }
    return Status::OK();
  }

  // ---------------------------------------------------------- conditions

  Result<std::unique_ptr<CondNode>> ParseConditionText() {
    auto node = ParseOr();
    if (!node.ok()) return node;
    if (Peek().kind != TokenKind::kEof) return SyntaxError();
    RETURN_IF_ERROR(CheckOperatorCount());
    return node;
  }

  // ---------------------------------------------------------- update

  Result<UpdateAst> ParseUpdateText() {
    UpdateAst ast;
    bool seen[4] = {false, false, false, false};
    while (true) {
      const Token& t = Peek();
      ActionKind kind;
      std::string_view word = Text(t);
      if (t.kind != TokenKind::kWord) return SyntaxError();
      if (EqualsKeyword(word, "SET")) {
        kind = ActionKind::kSet;
      } else if (EqualsKeyword(word, "REMOVE")) {
        kind = ActionKind::kRemove;
      } else if (EqualsKeyword(word, "ADD")) {
        kind = ActionKind::kAdd;
      } else if (EqualsKeyword(word, "DELETE")) {
        kind = ActionKind::kDelete;
      } else {
        return SyntaxError();
      }
      int slot = static_cast<int>(kind);
      if (seen[slot]) {
        std::string upper;
        for (char c : word) upper += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
        return Invalid(kind_, "The \"" + upper + "\" section can only be used once in an update expression;");
      }
      seen[slot] = true;
      Advance();
      UpdateClause clause;
      clause.kind = kind;
      while (true) {
        UpdateAction action;
        action.kind = kind;
        ASSIGN_OR_RETURN(action.path, ParsePath());
        if (kind == ActionKind::kSet) {
          if (Peek().kind != TokenKind::kEq) return SyntaxError();
          Advance();
          ASSIGN_OR_RETURN(action.value, ParseValue());
        } else if (kind == ActionKind::kRemove) {
          action.has_value = false;
        } else {
          if (Peek().kind != TokenKind::kValueRef) return SyntaxError();
          action.value.kind = OperandKind::kValue;
          action.value.value_ref = std::string(Text(Peek()));
          Advance();
        }
        clause.actions.push_back(std::move(action));
        if (Peek().kind != TokenKind::kComma) break;
        Advance();
      }
      ast.clauses.push_back(std::move(clause));
      if (Peek().kind == TokenKind::kEof) break;
    }
    RETURN_IF_ERROR(CheckOperatorCount());
    return ast;
  }

  // ---------------------------------------------------------- projection

  Result<std::vector<Path>> ParseProjectionText() {
    std::vector<Path> paths;
    while (true) {
      ASSIGN_OR_RETURN(Path p, ParsePath());
      paths.push_back(std::move(p));
      if (Peek().kind == TokenKind::kComma) {
        Advance();
        continue;
      }
      if (Peek().kind != TokenKind::kEof) return SyntaxError();
      return paths;
    }
  }

 private:
  const Token& Peek(size_t ahead = 0) const {
    size_t i = pos_ + ahead;
    return i < tokens_.size() ? tokens_[i] : tokens_.back();
  }
  void Advance() {
    if (pos_ + 1 < tokens_.size()) ++pos_;
  }
  std::string_view Text(const Token& t) const { return text_.substr(t.begin, t.end - t.begin); }
  bool PeekKeyword(std::string_view kw) const {
    return Peek().kind == TokenKind::kWord && EqualsKeyword(Text(Peek()), kw);
  }
  bool AtCall() const { return Peek().kind == TokenKind::kWord && Peek(1).kind == TokenKind::kLParen; }

  Status SyntaxError() const {
    const Token& t = tokens_[pos_];
    std::string token = t.kind == TokenKind::kEof ? "<EOF>" : std::string(Text(t));
    uint32_t near_begin = pos_ > 0 ? tokens_[pos_ - 1].begin : t.begin;
    // At the end of the text the context stops at the last real token.
    uint32_t near_end = (t.kind == TokenKind::kEof && pos_ > 0) ? tokens_[pos_ - 1].end : t.end;
    if (pos_ + 1 < tokens_.size() && tokens_[pos_ + 1].kind != TokenKind::kEof) {
      near_end = tokens_[pos_ + 1].end;
    }
    std::string near(text_.substr(near_begin, near_end - near_begin));
    return Invalid(kind_, "Syntax error; token: \"" + token + "\", near: \"" + near + "\"");
  }

  Status Enter() {
    if (++depth_ > kMaxNestingDepth) {
      return Invalid(kind_, "The expression has exceeded the maximum nesting depth; maximum depth: " +
                                std::to_string(kMaxNestingDepth));
    }
    return Status::OK();
  }
  void Leave() { --depth_; }

  Status CheckOperatorCount() const {
    if (operators_ > kMaxOperators) {
      return Invalid(kind_, "The expression contains too many operators; operator count: " +
                                std::to_string(operators_));
    }
    return Status::OK();
  }

  Status FunctionNotAllowed(std::string_view name) const {
    if (kind_ == ExprKind::kUpdate) {
      return Invalid(kind_, "The function is not allowed in an update expression; function: " +
                                std::string(name));
    }
    return Invalid(kind_, "The function is not allowed to be used this way in an expression; function: " +
                              std::string(name));
  }
  Status UnknownFunction(std::string_view name) const {
    return Invalid(kind_, "Invalid function name; function: " + std::string(name));
  }
  Status OperandCount(std::string_view name, size_t n) const {
    return Invalid(kind_, "Incorrect number of operands for operator or function; operator or function: " +
                              std::string(name) + ", number of operands: " + std::to_string(n));
  }
  Status RequiresPath(std::string_view name) const {
    return Invalid(kind_, "Operator or function requires a document path; operator or function: " +
                              std::string(name));
  }

  Result<PathElement> ParseElement() {
    const Token& t = Peek();
    PathElement e;
    if (t.kind == TokenKind::kNameRef) {
      e.name = std::string(Text(t));
    } else if (t.kind == TokenKind::kWord) {
      std::string_view w = Text(t);
      if (IsReservedWord(w)) {
        return Invalid(kind_, "Attribute name is a reserved keyword; reserved keyword: " + std::string(w));
      }
      e.name = std::string(w);
    } else {
      return SyntaxError();
    }
    Advance();
    return e;
  }

  Result<Path> ParsePath() {
    Path path;
    ASSIGN_OR_RETURN(PathElement first, ParseElement());
    path.push_back(std::move(first));
    while (true) {
      if (Peek().kind == TokenKind::kDot) {
        Advance();
        ASSIGN_OR_RETURN(PathElement e, ParseElement());
        path.push_back(std::move(e));
      } else if (Peek().kind == TokenKind::kLBracket) {
        Advance();
        const Token& t = Peek();
        if (t.kind != TokenKind::kNumber) return SyntaxError();
        std::string_view digits = Text(t);
        int64_t index = 0;
        for (char c : digits) {
          index = index * 10 + (c - '0');
          if (index > 0x7fffffff) return SyntaxError();
        }
        Advance();
        if (Peek().kind != TokenKind::kRBracket) return SyntaxError();
        Advance();
        PathElement e;
        e.index = index;
        path.push_back(std::move(e));
      } else {
        if (path.size() > static_cast<size_t>(kMaxNestingDepth)) {
          return Invalid(kind_, "The document path has too many nesting levels; nesting levels: " +
                                    std::to_string(path.size()));
        }
        return path;
      }
    }
  }

  // operand := path | value-ref | size(path)
  Result<Operand> ParseOperand() {
    const Token& t = Peek();
    Operand op;
    if (t.kind == TokenKind::kValueRef) {
      op.kind = OperandKind::kValue;
      op.value_ref = std::string(Text(t));
      Advance();
      return op;
    }
    if (AtCall()) {
      std::string_view name = Text(t);
      if (name != "size") {
        if (IsConditionFunction(name) || IsUpdateFunction(name)) return FunctionNotAllowed(name);
        return UnknownFunction(name);
      }
      ++operators_;
      Advance();  // size
      Advance();  // (
      RETURN_IF_ERROR(Enter());
      std::vector<Operand> args;
      RETURN_IF_ERROR(ParseArgs(&args));
      Leave();
      if (args.size() != 1) return OperandCount("size", args.size());
      if (args[0].kind != OperandKind::kPath) return RequiresPath("size");
      op.kind = OperandKind::kSize;
      op.path = std::move(args[0].path);
      return op;
    }
    if (t.kind == TokenKind::kWord || t.kind == TokenKind::kNameRef) {
      op.kind = OperandKind::kPath;
      ASSIGN_OR_RETURN(op.path, ParsePath());
      return op;
    }
    return SyntaxError();
  }

  // After '(' of a call: operand (',' operand)* ')'
  Status ParseArgs(std::vector<Operand>* args) {
    while (true) {
      ASSIGN_OR_RETURN(Operand a, ParseOperand());
      args->push_back(std::move(a));
      if (Peek().kind == TokenKind::kComma) {
        Advance();
        continue;
      }
      if (Peek().kind != TokenKind::kRParen) return SyntaxError();
      Advance();
      return Status::OK();
    }
  }

  Result<std::unique_ptr<CondNode>> ParseOr() {
    return ParseLeftAssociative("OR", CondKind::kOr, &Parser::ParseAnd);
  }

  Result<std::unique_ptr<CondNode>> ParseAnd() {
    return ParseLeftAssociative("AND", CondKind::kAnd, &Parser::ParseNot);
  }

  // operand (KEYWORD operand)*, folded to the left: the shape of OR and AND.
  Result<std::unique_ptr<CondNode>> ParseLeftAssociative(
      std::string_view keyword, CondKind kind, Result<std::unique_ptr<CondNode>> (Parser::*operand)()) {
    ASSIGN_OR_RETURN(std::unique_ptr<CondNode> left, (this->*operand)());
    while (PeekKeyword(keyword)) {
      Advance();
      ++operators_;
      ASSIGN_OR_RETURN(std::unique_ptr<CondNode> right, (this->*operand)());
      auto n = std::make_unique<CondNode>();
      n->kind = kind;
      n->left = std::move(left);
      n->right = std::move(right);
      left = std::move(n);
    }
    return left;
  }

  Result<std::unique_ptr<CondNode>> ParseNot() {
    if (PeekKeyword("NOT")) {
      Advance();
      ++operators_;
      RETURN_IF_ERROR(Enter());
      ASSIGN_OR_RETURN(std::unique_ptr<CondNode> inner, ParseNot());
      Leave();
      auto n = std::make_unique<CondNode>();
      n->kind = CondKind::kNot;
      n->left = std::move(inner);
      return n;
    }
    return ParsePrimary();
  }

  Result<std::unique_ptr<CondNode>> ParsePrimary() {
    if (Peek().kind == TokenKind::kLParen) {
      Advance();
      RETURN_IF_ERROR(Enter());
      ASSIGN_OR_RETURN(std::unique_ptr<CondNode> inner, ParseOr());
      Leave();
      if (Peek().kind != TokenKind::kRParen) return SyntaxError();
      Advance();
      inner->parens++;
      return inner;
    }
    if (AtCall() && IsConditionFunction(Text(Peek()))) {
      std::string_view name = Text(Peek());
      CondKind kind = ConditionFunctionKind(name);
      ++operators_;
      Advance();
      Advance();
      RETURN_IF_ERROR(Enter());
      auto n = std::make_unique<CondNode>();
      n->kind = kind;
      RETURN_IF_ERROR(ParseArgs(&n->operands));
      Leave();
      size_t want = (kind == CondKind::kAttributeExists || kind == CondKind::kAttributeNotExists) ? 1 : 2;
      if (n->operands.size() != want) return OperandCount(name, n->operands.size());
      // attribute_type's first operand may be a value (DynamoDB accepts it).
      if ((kind == CondKind::kAttributeExists || kind == CondKind::kAttributeNotExists) &&
          n->operands[0].kind != OperandKind::kPath) {
        return RequiresPath(name);
      }
      if (AtComparison()) return FunctionNotAllowed(name);  // attribute_exists(a) < :v
      return n;
    }
    ASSIGN_OR_RETURN(Operand lhs, ParseOperand());
    auto n = std::make_unique<CondNode>();
    TokenKind k = Peek().kind;
    if (k == TokenKind::kEq || k == TokenKind::kNe || k == TokenKind::kLt || k == TokenKind::kLe ||
        k == TokenKind::kGt || k == TokenKind::kGe) {
      n->kind = CondKind::kCompare;
      n->op = k == TokenKind::kEq   ? CompareOp::kEq
              : k == TokenKind::kNe ? CompareOp::kNe
              : k == TokenKind::kLt ? CompareOp::kLt
              : k == TokenKind::kLe ? CompareOp::kLe
              : k == TokenKind::kGt ? CompareOp::kGt
                                    : CompareOp::kGe;
      Advance();
      ++operators_;
      ASSIGN_OR_RETURN(Operand rhs, ParseOperand());
      n->operands.push_back(std::move(lhs));
      n->operands.push_back(std::move(rhs));
      return n;
    }
    if (PeekKeyword("BETWEEN")) {
      Advance();
      ++operators_;
      ASSIGN_OR_RETURN(Operand lo, ParseOperand());
      if (!PeekKeyword("AND")) return SyntaxError();
      Advance();
      ASSIGN_OR_RETURN(Operand hi, ParseOperand());
      n->kind = CondKind::kBetween;
      n->operands.push_back(std::move(lhs));
      n->operands.push_back(std::move(lo));
      n->operands.push_back(std::move(hi));
      return n;
    }
    if (PeekKeyword("IN")) {
      Advance();
      ++operators_;
      if (Peek().kind != TokenKind::kLParen) return SyntaxError();
      Advance();
      n->kind = CondKind::kIn;
      n->operands.push_back(std::move(lhs));
      RETURN_IF_ERROR(ParseArgs(&n->operands));
      // The limit counts the left operand too: "a IN (99 values)" is the most.
      size_t count = n->operands.size();
      if (count > kMaxInOperands) {
        return Invalid(kind_, "The IN operator is provided with too many operands; number of operands: " +
                                  std::to_string(count));
      }
      return n;
    }
    // "size(a)" alone is a function used as a condition.
    if (n->operands.empty() && lhs.kind == OperandKind::kSize) return FunctionNotAllowed("size");
    return SyntaxError();
  }

  bool AtComparison() const {
    TokenKind k = Peek().kind;
    return k == TokenKind::kEq || k == TokenKind::kNe || k == TokenKind::kLt || k == TokenKind::kLe ||
           k == TokenKind::kGt || k == TokenKind::kGe || PeekKeyword("BETWEEN") || PeekKeyword("IN");
  }

  // value := term (('+'|'-') term)?
  Result<Operand> ParseValue() {
    ASSIGN_OR_RETURN(Operand left, ParseTerm());
    TokenKind k = Peek().kind;
    if (k != TokenKind::kPlus && k != TokenKind::kMinus) return left;
    Advance();
    ++operators_;
    ASSIGN_OR_RETURN(Operand right, ParseTerm());
    Operand op;
    op.kind = k == TokenKind::kPlus ? OperandKind::kPlus : OperandKind::kMinus;
    op.args.push_back(std::move(left));
    op.args.push_back(std::move(right));
    return op;
  }

  Result<Operand> ParseTerm() {
    const Token& t = Peek();
    if (t.kind == TokenKind::kLParen) {
      Advance();
      RETURN_IF_ERROR(Enter());
      ASSIGN_OR_RETURN(Operand inner, ParseValue());
      Leave();
      if (Peek().kind != TokenKind::kRParen) return SyntaxError();
      Advance();
      inner.parens++;
      return inner;
    }
    if (t.kind == TokenKind::kValueRef) {
      Operand op;
      op.kind = OperandKind::kValue;
      op.value_ref = std::string(Text(t));
      Advance();
      return op;
    }
    if (AtCall()) {
      std::string_view name = Text(t);
      if (!IsUpdateFunction(name)) {
        if (IsConditionFunction(name) || name == "size") return FunctionNotAllowed(name);
        return UnknownFunction(name);
      }
      ++operators_;
      Advance();
      Advance();
      RETURN_IF_ERROR(Enter());
      std::vector<Operand> args;
      while (true) {
        // Arguments are terms: "if_not_exists(a, :x + :y)" is a syntax error
        // in DynamoDB, while "if_not_exists(a, :x) + :y" is fine.
        ASSIGN_OR_RETURN(Operand a, ParseTerm());
        args.push_back(std::move(a));
        if (Peek().kind == TokenKind::kComma) {
          Advance();
          continue;
        }
        if (Peek().kind != TokenKind::kRParen) return SyntaxError();
        Advance();
        break;
      }
      Leave();
      if (args.size() != 2) return OperandCount(name, args.size());
      Operand op;
      if (name == "if_not_exists") {
        if (args[0].kind != OperandKind::kPath || args[0].parens != 0) return RequiresPath(name);
        op.kind = OperandKind::kIfNotExists;
      } else {
        // DynamoDB rejects list_append directly inside list_append.
        for (const Operand& a : args) {
          if (a.kind == OperandKind::kListAppend && a.parens == 0) {
            return Invalid(kind_, "The function is not allowed to be used this way in an expression; function: "
                                  "list_append");
          }
        }
        op.kind = OperandKind::kListAppend;
      }
      op.args = std::move(args);
      return op;
    }
    if (t.kind == TokenKind::kWord || t.kind == TokenKind::kNameRef) {
      Operand op;
      op.kind = OperandKind::kPath;
      ASSIGN_OR_RETURN(op.path, ParsePath());
      return op;
    }
    return SyntaxError();
  }

  std::string_view text_;
  ExprKind kind_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int depth_ = 0;
  int operators_ = 0;
};

Status CheckRedundantParens(const CondNode& n, ExprKind kind) {
  if (n.parens > 1) return Invalid(kind, "The expression has redundant parentheses;");
  if (n.left) RETURN_IF_ERROR(CheckRedundantParens(*n.left, kind));
  if (n.right) RETURN_IF_ERROR(CheckRedundantParens(*n.right, kind));
  return Status::OK();
}

Status CheckRedundantParens(const Operand& op) {
  if (op.parens > 1) return Invalid(ExprKind::kUpdate, "The expression has redundant parentheses;");
  for (const auto& a : op.args) RETURN_IF_ERROR(CheckRedundantParens(a));
  return Status::OK();
}

}  // namespace

Result<std::unique_ptr<CondNode>> ParseCondition(std::string_view text, ExprKind kind) {
  Parser p(text, kind);
  RETURN_IF_ERROR(p.CheckText());
  ASSIGN_OR_RETURN(std::unique_ptr<CondNode> node, p.ParseConditionText());
  RETURN_IF_ERROR(CheckRedundantParens(*node, kind));
  return node;
}

Result<UpdateAst> ParseUpdate(std::string_view text) {
  Parser p(text, ExprKind::kUpdate);
  RETURN_IF_ERROR(p.CheckText());
  ASSIGN_OR_RETURN(UpdateAst ast, p.ParseUpdateText());
  for (const auto& clause : ast.clauses) {
    for (const auto& a : clause.actions) {
      if (a.has_value) RETURN_IF_ERROR(CheckRedundantParens(a.value));
    }
  }
  return ast;
}

Result<std::vector<Path>> ParseProjection(std::string_view text) {
  Parser p(text, ExprKind::kProjection);
  RETURN_IF_ERROR(p.CheckText());
  return p.ParseProjectionText();
}

}  // namespace dynarock::expr::internal
