// The HTTP layer as real clients see it: x-amzn-RequestId and x-amz-crc32 on
// every response (the CRC over the body as sent), gzip when asked, the
// health check, and protocol errors for unknown operations and bad JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync, crc32 as zlibCrc32 } from 'node:zlib';
import { ListTablesCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { makeClient, endpoint, expectError, tableName } from '../lib/env.mjs';

// CRC-32 (IEEE), as DynamoDB computes x-amz-crc32. node:zlib has crc32 from Node 20.15 on.
function crc32(buf) {
  if (typeof zlibCrc32 === 'function') return zlibCrc32(buf);
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

// A client whose raw HTTP responses (headers and body bytes) are recorded.
function recordingClient(changeRequest) {
  const client = makeClient();
  const seen = [];
  if (changeRequest) {
    // The build step runs before signing, so the change is signed too.
    client.middlewareStack.add((next) => async (args) => {
      changeRequest(args.request);
      return next(args);
    }, { step: 'build', name: 'changeRequest' });
  }
  client.middlewareStack.add((next) => async (args) => {
    const result = await next(args);
    const { response } = result;
    const chunks = [];
    for await (const chunk of response.body) chunks.push(Buffer.from(chunk));
    const body = Buffer.concat(chunks);
    // The SDK gets its own copy to read (it decorates the object it reads).
    seen.push({ status: response.statusCode, headers: { ...response.headers }, body: Buffer.from(body) });
    response.body = Buffer.from(body);
    return result;
  }, { step: 'deserialize', name: 'record', priority: 'low' });
  return { client, seen };
}

test('responses carry x-amzn-requestid and a CRC32 of the body as sent', async () => {
  const { client, seen } = recordingClient();
  await client.send(new ListTablesCommand({}));
  await expectError(() => client.send(new DescribeTableCommand({ TableName: tableName('wire-missing') })),
    'ResourceNotFoundException');
  assert.equal(seen.length, 2);
  const ids = new Set();
  for (const { status, headers, body } of seen) {
    assert.ok([200, 400].includes(status), `status ${status}`);
    assert.ok(headers['x-amzn-requestid'], 'x-amzn-requestid is set');
    ids.add(headers['x-amzn-requestid']);
    assert.match(headers['content-type'], /^application\/x-amz-json-1\.0/);
    assert.equal(headers['x-amz-crc32'], String(crc32(body)), 'x-amz-crc32 is the CRC32 of the body');
  }
  assert.equal(ids.size, 2, 'each response has its own request id');
  assert.equal(seen[1].status, 400);
  assert.match(JSON.parse(seen[1].body).__type, /^com\.amazonaws\.dynamodb\.v20120810#ResourceNotFoundException$/);
});

test('responses are gzipped when the client asks', async () => {
  const { client, seen } = recordingClient((request) => { request.headers['accept-encoding'] = 'gzip'; });
  // The SDK does not decompress; read the recorded bytes.
  await client.send(new ListTablesCommand({})).catch(() => {});
  const { headers, body } = seen[0];
  assert.equal(headers['content-encoding'], 'gzip');
  assert.equal(headers['x-amz-crc32'], String(crc32(body)), 'the CRC is over the bytes sent (compressed)');
  assert.ok(Array.isArray(JSON.parse(gunzipSync(body)).TableNames));
});

test('unknown operation and malformed JSON get DynamoDB protocol errors', async () => {
  const unknown = recordingClient((request) => { request.headers['x-amz-target'] = 'DynamoDB_20120810.MakeCoffee'; });
  await expectError(() => unknown.client.send(new ListTablesCommand({})), 'UnknownOperationException');
  assert.equal(unknown.seen[0].status, 400);

  const badJson = recordingClient((request) => { request.body = '{"Limit": 1,'; });
  await expectError(() => badJson.client.send(new ListTablesCommand({})), 'SerializationException');
  assert.equal(badJson.seen[0].status, 400);
});

test('GET / answers as a health check', async () => {
  const response = await fetch(`${endpoint}/`);
  assert.equal(response.status, 200);
  await response.arrayBuffer();
});
