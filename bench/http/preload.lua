-- wrk script: PutItem of every key key000000..key099999 once (~100 B items),
-- so that get_item.lua finds what it reads. Each wrk thread writes the keys
-- congruent to its id; when a thread has had its share answered it
-- creates the file MARKER (wrk runs until its -d duration, so run.sh waits
-- for the marker and then stops wrk).
-- Usage: wrk -t1 -c32 -d300s -s preload.lua http://127.0.0.1:PORT/ -- MARKER
local threads = {}
function setup(thread)
  thread:set("id", #threads)
  thread:set("nthreads", 0)
  table.insert(threads, thread)
  for _, t in ipairs(threads) do t:set("nthreads", #threads) end
end

local headers = {
  ["Content-Type"] = "application/x-amz-json-1.0",
  ["X-Amz-Target"] = "DynamoDB_20120810.PutItem",
  ["X-Amz-Date"] = "20240102T030405Z",
  ["Authorization"] = "AWS4-HMAC-SHA256 Credential=AKIDBENCH/20240102/us-east-1/dynamodb/aws4_request, " ..
      "SignedHeaders=content-type;host;x-amz-date;x-amz-target, " ..
      "Signature=0000000000000000000000000000000000000000000000000000000000000000",
}
local payload = string.rep("p", 64)
local sent, answered = 0, 0
local total = 100000

local marker
function init(args)
  marker = args[1]
end

function request()
  local key = (id + sent * nthreads) % total
  sent = sent + 1
  local body = '{"TableName":"bench","Item":{"pk":{"S":"' .. string.format("key%06d", key) ..
      '"},"n":{"N":"' .. key .. '"},"payload":{"S":"' .. payload .. '"}}}'
  return wrk.format("POST", "/", headers, body)
end

function response(status, headers, body)
  answered = answered + 1
  if answered * nthreads == total and marker then
    local f = io.open(marker .. "." .. id, "w")
    f:write(status, "\n")
    f:close()
  end
end
