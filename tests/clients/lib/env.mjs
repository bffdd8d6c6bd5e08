// Shared set-up for the client tests: where the server is, a client for it,
// and unique table names so test files can share one server.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';

// run.sh starts a fresh dynarock-server and exports its address.
export const endpoint = process.env.DYNAROCK_ENDPOINT;
if (!endpoint) {
  throw new Error('DYNAROCK_ENDPOINT is not set: run these tests through tests/clients/run.sh');
}

export const region = 'us-east-1';
export const credentials = { accessKeyId: 'AKIDDYNAROCKTEST', secretAccessKey: 'dynarock-test-secret' };

export function makeClient(overrides = {}) {
  // maxAttempts 1: a retry would hide a server error behind a later success.
  return new DynamoDBClient({ endpoint, region, credentials, maxAttempts: 1, ...overrides });
}

// Unique per process, so concurrent test files never collide on a table.
const run = randomBytes(3).toString('hex');
let counter = 0;
export function tableName(prefix) {
  counter += 1;
  return `${prefix}-${run}-${counter}`;
}

// Runs fn, which must throw an SDK error named `name`; returns the error.
export async function expectError(fn, name, messageMatch) {
  let error;
  try {
    await fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error, `expected ${name}, but the call succeeded`);
  assert.equal(error.name, name, `expected ${name}, got ${error.name}: ${error.message}`);
  if (messageMatch !== undefined) {
    if (messageMatch instanceof RegExp) {
      assert.match(error.message, messageMatch);
    } else {
      assert.equal(error.message, messageMatch);
    }
  }
  return error;
}

// Attribute definitions and key schema in one line: keySchema({id: 'S'}, {ts: 'N'}).
export function keySchema(hash, range) {
  const defs = [];
  const schema = [];
  for (const [spec, type] of [[hash, 'HASH'], [range, 'RANGE']]) {
    if (!spec) continue;
    const [name, attrType] = Object.entries(spec)[0];
    defs.push({ AttributeName: name, AttributeType: attrType });
    schema.push({ AttributeName: name, KeyType: type });
  }
  return { AttributeDefinitions: defs, KeySchema: schema };
}
