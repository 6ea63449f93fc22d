// Passwords and session tokens, with libsodium.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace openiom {

// argon2id (crypto_pwhash_str) with libsodium's "interactive" limits; the result embeds salt and parameters.
Result<std::string> HashPassword(std::string_view password);
// Constant-time check of `password` against a HashPassword result.
bool VerifyPassword(const std::string& hash, std::string_view password);
// Spends the time of one VerifyPassword, so that signing in as an unknown user takes as long as a wrong password.
void SpendPasswordCheckTime(std::string_view password);

// 256 random bits, base64url without padding (43 characters): session cookies and API tokens.
std::string NewToken();
// SHA-256 hex of a token: what is stored, so a copy of the database does not hand out live sessions.
std::string TokenHash(std::string_view token);
// Compares two strings in time that depends only on their length.
bool EqualInConstantTime(std::string_view a, std::string_view b);

}  // namespace openiom
