#include "engine/lang/lexer.h"

#include <array>
#include <utility>

#include "engine/core/utf8.h"

namespace cadence::lang {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

constexpr std::array<std::pair<std::string_view, TokenKind>, 12> kKeywords{{
    {"if", TokenKind::kIf},
    {"then", TokenKind::kThen},
    {"else", TokenKind::kElse},
    {"and", TokenKind::kAnd},
    {"or", TokenKind::kOr},
    {"not", TokenKind::kNot},
    {"in", TokenKind::kIn},
    {"is", TokenKind::kIs},
    {"null", TokenKind::kNull},
    {"true", TokenKind::kTrue},
    {"false", TokenKind::kFalse},
    {"last", TokenKind::kLast},
}};

// A character as it reads in a message: itself when it is printable UTF-8,
// otherwise `\xNN` so that messages stay valid, readable text.
std::string printable_character(std::string_view text, std::size_t at, std::size_t* consumed) {
  std::size_t length = code_point_bytes(text, at);
  auto byte = static_cast<unsigned char>(text[at]);
  if (length == 0 || (length == 1 && (byte < 0x20 || byte == 0x7F))) {
    static constexpr char kHex[] = "0123456789abcdef";
    *consumed = 1;
    return std::string("\\x") + kHex[byte >> 4] + kHex[byte & 0xF];
  }
  *consumed = length;
  return std::string(text.substr(at, length));
}

class Lexer {
 public:
  Lexer(std::string_view text, const ExprOrigin& where) : text_(text), locator_(where, text) {}

  std::vector<Token> run() {
    std::vector<Token> tokens;
    std::size_t end_of_last = 0;
    while (true) {
      while (pos_ < text_.size() && is_blank(text_[pos_])) ++pos_;
      if (pos_ >= text_.size()) break;
      Token token = next();
      end_of_last = token.offset + token.text.size();
      bool stop = token.kind == TokenKind::kError;
      tokens.push_back(std::move(token));
      if (stop) break;
    }
    tokens.push_back(make(TokenKind::kEnd, end_of_last, end_of_last));
    return tokens;
  }

 private:
  char peek(std::size_t at) const { return at < text_.size() ? text_[at] : '\0'; }

  std::size_t digits_from(std::size_t at) const {
    while (at < text_.size() && is_digit(text_[at])) ++at;
    return at;
  }

  Token make(TokenKind kind, std::size_t begin, std::size_t end) {
    Token token;
    token.kind = kind;
    token.text = text_.substr(begin, end - begin);
    token.offset = begin;
    token.span = span_of(begin, end);
    pos_ = end;
    return token;
  }

  Token error(std::size_t begin, std::size_t end, std::string message) {
    Token token = make(TokenKind::kError, begin, end);
    token.value = std::move(message);
    return token;
  }

  // Offsets only grow from one token to the next: one Locator pass.
  SourceSpan span_of(std::size_t begin, std::size_t end) { return locator_.span(begin, end); }

  Token next() {
    std::size_t begin = pos_;
    char c = text_[begin];
    if (is_alpha(c)) {
      std::size_t end = begin;
      while (end < text_.size() && is_alnum(text_[end])) ++end;
      std::string_view word = text_.substr(begin, end - begin);
      TokenKind kind = TokenKind::kIdentifier;
      for (const auto& [keyword, keyword_kind] : kKeywords) {
        if (word == keyword) kind = keyword_kind;
      }
      return make(kind, begin, end);
    }
    if (is_digit(c)) return number(begin);
    if (c == '"' || c == '\'') return string(begin);
    switch (c) {
      case '(': return make(TokenKind::kLeftParen, begin, begin + 1);
      case ')': return make(TokenKind::kRightParen, begin, begin + 1);
      case '[': return make(TokenKind::kLeftBracket, begin, begin + 1);
      case ']': return make(TokenKind::kRightBracket, begin, begin + 1);
      case ',': return make(TokenKind::kComma, begin, begin + 1);
      case ':': return make(TokenKind::kColon, begin, begin + 1);
      case '.': return make(TokenKind::kDot, begin, begin + 1);
      case '+': return make(TokenKind::kPlus, begin, begin + 1);
      case '-': return make(TokenKind::kMinus, begin, begin + 1);
      case '*': return make(TokenKind::kStar, begin, begin + 1);
      case '/': return make(TokenKind::kSlash, begin, begin + 1);
      case '<':
        if (peek(begin + 1) == '=') return make(TokenKind::kLessEqual, begin, begin + 2);
        return make(TokenKind::kLess, begin, begin + 1);
      case '>':
        if (peek(begin + 1) == '=') return make(TokenKind::kGreaterEqual, begin, begin + 2);
        return make(TokenKind::kGreater, begin, begin + 1);
      case '=':
        if (peek(begin + 1) == '=') return make(TokenKind::kEqual, begin, begin + 2);
        // YAML and SQL habits: say what the language wants instead.
        return error(begin, begin + 1, "unexpected token '='; write '==' to compare");
      case '!':
        if (peek(begin + 1) == '=') return make(TokenKind::kNotEqual, begin, begin + 2);
        return error(begin, begin + 1, "unexpected token '!'; write 'not' to negate");
      default: break;
    }
    std::size_t consumed = 1;
    std::string shown = printable_character(text_, begin, &consumed);
    return error(begin, begin + consumed, "unexpected token '" + shown + "'");
  }

  // Integers, decimals, percents, and the calendar shapes described in lexer.h.
  Token number(std::size_t begin) {
    std::size_t end = digits_from(begin);
    if (end - begin == 4 && peek(end) == '-') {
      std::size_t after_dash = end + 1;
      char first = peek(after_dash);
      if (is_digit(first)) {
        std::size_t second_end = digits_from(after_dash);
        if (second_end - after_dash == 2) {
          if (peek(second_end) == '-' && is_digit(peek(second_end + 1))) {
            return make(TokenKind::kDate, begin, digits_from(second_end + 1));
          }
          return make(TokenKind::kPeriod, begin, second_end);
        }
      } else if ((first == 'W' || first == 'Q' || first == 'w' || first == 'q') && is_digit(peek(after_dash + 1))) {
        std::size_t period_end = after_dash + 1;
        while (period_end < text_.size() && is_alnum(text_[period_end])) ++period_end;
        return make(TokenKind::kPeriod, begin, period_end);
      }
    }
    TokenKind kind = TokenKind::kInteger;
    if (peek(end) == '.' && is_digit(peek(end + 1))) {
      kind = TokenKind::kDecimal;
      end = digits_from(end + 1);
    }
    if (peek(end) == '%') return make(TokenKind::kPercent, begin, end + 1);
    return make(kind, begin, end);
  }

  // 'text' or "text" on one line; escapes \" \' \\ \n \t. An unterminated
  // string is reported at its opening quote.
  Token string(std::size_t begin) {
    char quote = text_[begin];
    std::string value;
    std::size_t at = begin + 1;
    while (at < text_.size() && text_[at] != '\n') {
      char c = text_[at];
      if (c == quote) {
        Token token = make(TokenKind::kString, begin, at + 1);
        token.value = std::move(value);
        return token;
      }
      if (c != '\\') {
        value += c;
        ++at;
        continue;
      }
      char escaped = peek(at + 1);
      if (at + 1 >= text_.size() || escaped == '\n') {
        ++at;
        break;
      }
      switch (escaped) {
        case '"': case '\'': case '\\': value += escaped; break;
        case 'n': value += '\n'; break;
        case 't': value += '\t'; break;
        default: {
          std::size_t consumed = 1;
          std::string shown = printable_character(text_, at + 1, &consumed);
          return error(at, at + 1 + consumed, "unknown escape '\\" + shown + "' in string");
        }
      }
      at += 2;
    }
    std::size_t end = at;
    while (end > begin + 1 && (text_[end - 1] == '\r' || text_[end - 1] == '\n')) --end;
    return error(begin, end, "unterminated string");
  }

  std::string_view text_;
  Locator locator_;
  std::size_t pos_ = 0;
};

}  // namespace

std::vector<Token> tokenize(std::string_view text, const ExprOrigin& where) { return Lexer(text, where).run(); }

std::string_view describe(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEnd: return "end of expression";
    case TokenKind::kError: return "an invalid token";
    case TokenKind::kIdentifier: return "a name";
    case TokenKind::kInteger: return "an integer";
    case TokenKind::kDecimal: return "a decimal";
    case TokenKind::kPercent: return "a percentage";
    case TokenKind::kString: return "a string";
    case TokenKind::kDate: return "a date";
    case TokenKind::kPeriod: return "a period";
    case TokenKind::kPlus: return "'+'";
    case TokenKind::kMinus: return "'-'";
    case TokenKind::kStar: return "'*'";
    case TokenKind::kSlash: return "'/'";
    case TokenKind::kEqual: return "'=='";
    case TokenKind::kNotEqual: return "'!='";
    case TokenKind::kLess: return "'<'";
    case TokenKind::kLessEqual: return "'<='";
    case TokenKind::kGreater: return "'>'";
    case TokenKind::kGreaterEqual: return "'>='";
    case TokenKind::kLeftParen: return "'('";
    case TokenKind::kRightParen: return "')'";
    case TokenKind::kLeftBracket: return "'['";
    case TokenKind::kRightBracket: return "']'";
    case TokenKind::kComma: return "','";
    case TokenKind::kColon: return "':'";
    case TokenKind::kDot: return "'.'";
    case TokenKind::kIf: return "'if'";
    case TokenKind::kThen: return "'then'";
    case TokenKind::kElse: return "'else'";
    case TokenKind::kAnd: return "'and'";
    case TokenKind::kOr: return "'or'";
    case TokenKind::kNot: return "'not'";
    case TokenKind::kIn: return "'in'";
    case TokenKind::kIs: return "'is'";
    case TokenKind::kNull: return "'null'";
    case TokenKind::kTrue: return "'true'";
    case TokenKind::kFalse: return "'false'";
    case TokenKind::kLast: return "'last'";
  }
  return "a token";
}

}  // namespace cadence::lang
