#include "server/sigv4.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "server/encoding.h"
#include "server/timestamps.h"

namespace dynarock::server {
namespace {

constexpr std::string_view kCoral = "com.amazon.coral.service#";

WireError Error(std::string_view type, std::string message) {
  return WireError{std::string(kCoral) + std::string(type), std::move(message), 400};
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t pos = s.find(sep, start);
    parts.push_back(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return parts;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// RFC 3986 encoding of everything but the unreserved characters, uppercase
// hex, as SigV4 requires.
std::string UriEncode(std::string_view s) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kDigits[c >> 4]);
      out.push_back(kDigits[c & 0xf]);
    }
  }
  return out;
}

// Path normalised as the SigV4 test suite expects for non-S3 services:
// empty and "." segments dropped, ".." pops, each segment re-encoded.
std::string CanonicalUri(std::string_view path) {
  if (path.empty()) return "/";
  std::vector<std::string> segments;
  for (std::string_view seg : Split(path, '/')) {
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
      continue;
    }
    segments.push_back(UriEncode(PercentDecode(seg)));
  }
  std::string out;
  for (const std::string& seg : segments) out += "/" + seg;
  bool trailing = path.back() == '/' || path.ends_with("/.") || path.ends_with("/..");
  if (out.empty() || trailing) out += "/";
  return out;
}

std::string CanonicalQuery(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> params;
  for (std::string_view part : Split(query, '&')) {
    if (part.empty()) continue;
    size_t eq = part.find('=');
    std::string_view key = part.substr(0, eq);
    std::string_view value = eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1);
    params.emplace_back(UriEncode(PercentDecode(key)), UriEncode(PercentDecode(value)));
  }
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [k, v] : params) {
    if (!out.empty()) out += '&';
    out += k + "=" + v;
  }
  return out;
}

// Trimmed, with runs of spaces collapsed to one (SigV4's "Trimall").
std::string TrimAll(std::string_view v) {
  v = Trim(v);
  std::string out;
  out.reserve(v.size());
  bool space = false;
  for (char c : v) {
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// True when the ';'-separated SignedHeaders list names Host (any case).
bool SignsHost(std::string_view signed_headers) {
  for (std::string_view name : Split(signed_headers, ';')) {
    if (Lower(Trim(name)) == "host") return true;
  }
  return false;
}

}  // namespace

std::optional<WireError> CheckRequestDate(std::string_view request_date,
                                          std::chrono::system_clock::time_point now) {
  std::optional<std::chrono::sys_seconds> date = ParseAmzDate(request_date);
  if (!date) {
    return Error("IncompleteSignatureException", "Date must be in ISO-8601 'basic format'. Got '" +
                                                     std::string(request_date) +
                                                     "'. See http://en.wikipedia.org/wiki/ISO_8601");
  }
  // Whole seconds on both sides: the message names the server's time to the
  // second, so the limits it prints are exactly the ones applied.
  auto now_s = std::chrono::floor<std::chrono::seconds>(now);
  auto earliest = now_s - kMaxRequestSkew;
  auto latest = now_s + kMaxRequestSkew;
  std::string skew = std::to_string(kMaxRequestSkew.count()) + " min.)";
  if (*date < earliest) {
    return Error("InvalidSignatureException", "Signature expired: " + std::string(request_date) +
                                                  " is now earlier than " + FormatAmzDate(earliest) + " (" +
                                                  FormatAmzDate(now_s) + " - " + skew);
  }
  if (*date > latest) {
    return Error("InvalidSignatureException", "Signature not yet current: " + std::string(request_date) +
                                                  " is still later than " + FormatAmzDate(latest) + " (" +
                                                  FormatAmzDate(now_s) + " + " + skew);
  }
  return std::nullopt;
}

std::variant<SigV4Authorization, WireError> ParseAuthorization(
    std::string_view header, std::string_view request_date,
    std::optional<std::chrono::system_clock::time_point> verify_at) {
  std::string_view auth = Trim(header);
  if (auth.substr(0, 5) != "AWS4-") {
    return Error("MissingAuthenticationTokenException", "Request is missing Authentication Token");
  }
  size_t space = auth.find(' ');
  std::string_view algorithm = auth.substr(0, space);
  std::string_view rest = space == std::string_view::npos ? std::string_view() : auth.substr(space + 1);
  std::string_view credential, signed_headers, signature;
  bool has_credential = false, has_signed = false, has_signature = false;
  for (std::string_view part : Split(rest, ',')) {
    part = Trim(part);
    size_t eq = part.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view key = part.substr(0, eq), value = part.substr(eq + 1);
    if (key == "Credential") credential = value, has_credential = true;
    if (key == "SignedHeaders") signed_headers = value, has_signed = true;
    if (key == "Signature") signature = value, has_signature = true;
  }
  std::string msg;
  if (!has_credential || credential.empty()) msg += "Authorization header requires 'Credential' parameter. ";
  if (!has_signature || signature.empty()) msg += "Authorization header requires 'Signature' parameter. ";
  if (!has_signed) msg += "Authorization header requires 'SignedHeaders' parameter. ";
  if (request_date.empty()) {
    msg += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  }
  if (!msg.empty()) {
    return Error("IncompleteSignatureException", msg + "Authorization=" + std::string(auth));
  }
  // DynamoDB's next checks, before it looks at the algorithm or the scope
  // (dynalite records the order; an expired request with a bogus scope and
  // key is answered "Signature expired").
  if (verify_at) {
    if (std::optional<WireError> error = CheckRequestDate(request_date, *verify_at)) return *error;
    if (!SignsHost(signed_headers)) {
      return Error("InvalidSignatureException", "'Host' must be a 'SignedHeader' in the AWS Authorization.");
    }
  }
  if (algorithm != "AWS4-HMAC-SHA256") {
    return Error("IncompleteSignatureException", "Unsupported AWS 'algorithm': '" + std::string(algorithm) +
                                                     "' (only AWS4-HMAC-SHA256 for now). ");
  }
  // Trailing slashes are ignored, as DynamoDB does.
  std::string_view cred = credential;
  while (!cred.empty() && cred.back() == '/') cred.remove_suffix(1);
  std::vector<std::string_view> parts = Split(cred, '/');
  if (parts.size() != 5) {
    return Error("IncompleteSignatureException",
                 "Credential must have exactly 5 slash-delimited elements, e.g. "
                 "keyid/date/region/service/term, got '" + std::string(credential) + "'");
  }
  SigV4Authorization out;
  out.access_key_id = parts[0];
  out.date = parts[1];
  out.region = parts[2];
  out.service = parts[3];
  out.terminator = parts[4];
  out.signed_headers = signed_headers;
  out.signature = Lower(signature);
  return out;
}

std::optional<WireError> CheckScope(const SigV4Authorization& auth, std::string_view amz_date,
                                    std::string_view service) {
  std::string msg;
  if (auth.service != service) {
    msg += "Credential should be scoped to correct service: '" + std::string(service) + "'. ";
  }
  if (auth.terminator != "aws4_request") {
    msg += "Credential should be scoped with a valid terminator: 'aws4_request', not '" +
           auth.terminator + "'. ";
  }
  std::string_view day = amz_date.substr(0, 8);
  if (auth.date != day) {
    msg += "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '" +
           auth.date + "' != '" + std::string(day) + "', from '" + std::string(amz_date) + "'.";
  }
  if (msg.empty()) return std::nullopt;
  while (!msg.empty() && msg.back() == ' ') msg.pop_back();
  return Error("InvalidSignatureException", msg);
}

std::string CanonicalRequest(const SigV4Request& request, std::string_view signed_headers,
                             std::string_view payload_hash) {
  std::string_view target = request.target;
  size_t q = target.find('?');
  std::string_view path = target.substr(0, q);
  std::string_view query = q == std::string_view::npos ? std::string_view() : target.substr(q + 1);

  std::string out;
  out += request.method;
  out += '\n';
  out += CanonicalUri(path);
  out += '\n';
  out += CanonicalQuery(query);
  out += '\n';
  for (std::string_view name : Split(signed_headers, ';')) {
    std::string lname = Lower(name);
    std::string values;
    bool first = true;
    for (const HeaderField& h : request.headers) {
      if (Lower(h.name) != lname) continue;
      if (!first) values += ',';
      values += TrimAll(h.value);
      first = false;
    }
    out += lname + ":" + values + "\n";
  }
  out += '\n';
  out += signed_headers;
  out += '\n';
  out += payload_hash;
  return out;
}

std::string StringToSign(std::string_view amz_date, std::string_view scope,
                         std::string_view canonical_request) {
  std::string out = "AWS4-HMAC-SHA256\n";
  out += amz_date;
  out += '\n';
  out += scope;
  out += '\n';
  out += Hex(Sha256(canonical_request));
  return out;
}

std::string Sign(std::string_view secret, const SigV4Authorization& auth,
                 std::string_view string_to_sign) {
  auto view = [](const Sha256Digest& d) {
    return std::string_view(reinterpret_cast<const char*>(d.data()), d.size());
  };
  Sha256Digest k_date = HmacSha256("AWS4" + std::string(secret), auth.date);
  Sha256Digest k_region = HmacSha256(view(k_date), auth.region);
  Sha256Digest k_service = HmacSha256(view(k_region), auth.service);
  Sha256Digest k_signing = HmacSha256(view(k_service), auth.terminator);
  return Hex(HmacSha256(view(k_signing), string_to_sign));
}

Result<CredentialStore> CredentialStore::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::IOError("cannot read credentials file " + path);
  CredentialStore store;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    std::istringstream fields(line);
    std::string key, secret, extra;
    if (!(fields >> key) || key[0] == '#') continue;
    if (!(fields >> secret) || (fields >> extra)) {
      return Status::Validation(path + ":" + std::to_string(line_no) +
                                ": expected \"ACCESS_KEY_ID SECRET_KEY\"");
    }
    store.Add(std::move(key), std::move(secret));
  }
  return store;
}

const std::string* CredentialStore::Find(const std::string& access_key_id) const {
  auto it = secrets_.find(access_key_id);
  return it == secrets_.end() ? nullptr : &it->second;
}

std::optional<WireError> VerifySignature(const SigV4Request& request, const SigV4Authorization& auth,
                                         std::string_view amz_date, const CredentialStore& store) {
  const std::string* secret = store.Find(auth.access_key_id);
  if (secret == nullptr) {
    return Error("UnrecognizedClientException", "The security token included in the request is invalid.");
  }
  std::string actual_hash = Hex(Sha256(request.payload));
  std::string_view payload_hash = actual_hash;
  for (const HeaderField& h : request.headers) {
    if (Lower(h.name) == "x-amz-content-sha256") payload_hash = Trim(h.value);
  }
  std::string canonical = CanonicalRequest(request, auth.signed_headers, payload_hash);
  std::string to_sign = StringToSign(amz_date, auth.Scope(), canonical);
  std::string expected = Sign(*secret, auth, to_sign);
  // A declared payload hash must be the body's: otherwise a signed header
  // would vouch for a replaced body.
  bool ok = payload_hash == actual_hash && expected.size() == auth.signature.size() &&
            CRYPTO_memcmp(expected.data(), auth.signature.data(), expected.size()) == 0;
  if (ok) return std::nullopt;
  return Error("InvalidSignatureException",
               "The request signature we calculated does not match the signature you provided. "
               "Check your AWS Secret Access Key and signing method. Consult the service "
               "documentation for details.\n\nThe Canonical String for this request should have been\n'" +
                   canonical + "'\n\nThe String-to-Sign should have been\n'" + to_sign + "'\n");
}

}  // namespace dynarock::server
