// SigV4 against a server started with --credentials FILE (run.sh writes
// one key pair, passed here in DYNAROCK_AUTH_KEY / DYNAROCK_AUTH_SECRET):
// the right key and secret pass; a wrong secret, an unknown key, a request
// changed after signing and an unsigned request get DynamoDB's errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ListTablesCommand, CreateTableCommand, PutItemCommand, GetItemCommand,
} from '@aws-sdk/client-dynamodb';
import { makeClient, tableName, expectError, keySchema, endpoint } from '../lib/env.mjs';

const accessKeyId = process.env.DYNAROCK_AUTH_KEY;
const secretAccessKey = process.env.DYNAROCK_AUTH_SECRET;
assert.ok(accessKeyId && secretAccessKey, 'run through run.sh, which sets DYNAROCK_AUTH_KEY/SECRET');

const good = makeClient({ credentials: { accessKeyId, secretAccessKey } });

test('the listed key with its secret is accepted', async () => {
  const name = tableName('auth');
  await good.send(new CreateTableCommand({ TableName: name, ...keySchema({ id: 'S' }), BillingMode: 'PAY_PER_REQUEST' }));
  await good.send(new PutItemCommand({ TableName: name, Item: { id: { S: 'a' }, v: { S: 'ünïcode body' } } }));
  const { Item } = await good.send(new GetItemCommand({ TableName: name, Key: { id: { S: 'a' } } }));
  assert.deepEqual(Item.v, { S: 'ünïcode body' });
  const { TableNames } = await good.send(new ListTablesCommand({}));
  assert.ok(TableNames.includes(name));
});

test('a wrong secret gets InvalidSignatureException', async () => {
  const client = makeClient({ credentials: { accessKeyId, secretAccessKey: `${secretAccessKey}-wrong` } });
  await expectError(() => client.send(new ListTablesCommand({})), 'InvalidSignatureException',
    /^The request signature we calculated does not match the signature you provided/);
});

test('an unknown access key gets UnrecognizedClientException', async () => {
  const client = makeClient({ credentials: { accessKeyId: 'AKIDNOTLISTED', secretAccessKey } });
  await expectError(() => client.send(new ListTablesCommand({})), 'UnrecognizedClientException',
    'The security token included in the request is invalid.');
});

test('a body changed after signing gets InvalidSignatureException', async () => {
  const client = makeClient({ credentials: { accessKeyId, secretAccessKey } });
  // The deserialize step runs after signing and before sending.
  client.middlewareStack.add((next) => async (args) => {
    const signed = Buffer.from(args.request.body).toString('utf8');
    assert.ok(signed.includes('"Limit":5'), signed);
    args.request.body = signed.replace('"Limit":5', '"Limit":6');  // same length
    return next(args);
  }, { step: 'deserialize', name: 'tamperBody' });
  await expectError(() => client.send(new ListTablesCommand({ Limit: 5 })), 'InvalidSignatureException');
});

test('an unsigned request gets MissingAuthenticationTokenException', async () => {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'DynamoDB_20120810.ListTables' },
    body: '{}',
  });
  assert.equal(response.status, 400);
  const body = await response.json();
  assert.match(body.__type, /#MissingAuthenticationTokenException$/);
  assert.equal(body.message ?? body.Message, 'Request is missing Authentication Token');
});
