-- wrk script: GetItem at random keys over 100k (preloaded by preload.lua).
-- Usage: wrk -t1 -c32 -d5s -s get_item.lua http://127.0.0.1:PORT/
-- The Authorization header is a well-formed SigV4 header (the server
-- parses it on every request; without --credentials any key passes).
local threads = {}
function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

local headers = {
  ["Content-Type"] = "application/x-amz-json-1.0",
  ["X-Amz-Target"] = "DynamoDB_20120810.GetItem",
  ["X-Amz-Date"] = "20240102T030405Z",
  ["Authorization"] = "AWS4-HMAC-SHA256 Credential=AKIDBENCH/20240102/us-east-1/dynamodb/aws4_request, " ..
      "SignedHeaders=content-type;host;x-amz-date;x-amz-target, " ..
      "Signature=0000000000000000000000000000000000000000000000000000000000000000",
}

function init(args)
  math.randomseed(os.time() * 1000 + (id or 0))
end

function request()
  local key = string.format("key%06d", math.random(0, 99999))
  local body = '{"TableName":"bench","Key":{"pk":{"S":"' .. key .. '"}}}'
  return wrk.format("POST", "/", headers, body)
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write +
      summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %.0f %d %d %d\n", summary.requests / (summary.duration / 1e6),
      latency:percentile(50), latency:percentile(99), errors))
end
