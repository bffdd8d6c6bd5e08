// Request ids for x-amzn-RequestId: 52 characters of base32hex
// ([0-9A-V]), the shape DynamoDB's ids have.
//
// Thread-safety: each thread has its own generator; no locks.
#pragma once

#include <string>

namespace dynarock::server {

// A new id, distinct from every other one of this process with overwhelming
// probability (256 random bits from a per-thread generator seeded by
// std::random_device).
std::string NewRequestId();

}  // namespace dynarock::server
