// The lib-dynamodb DocumentClient: plain JavaScript values marshalled to
// DynamoDB JSON and back (numbers, sets, nested maps and lists, binary,
// null), through Put/Get/Update/Delete/Query/Scan and their paginators.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { CreateTableCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient, PutCommand, GetCommand, UpdateCommand, DeleteCommand, QueryCommand,
  ScanCommand, BatchWriteCommand, BatchGetCommand, TransactWriteCommand, paginateQuery,
} from '@aws-sdk/lib-dynamodb';
import { makeClient, tableName, expectError, keySchema } from '../lib/env.mjs';

const client = makeClient();
const doc = DynamoDBDocumentClient.from(client, {
  marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
});
const TABLE = tableName('doc');  // userId S, createdAt N

before(async () => {
  await client.send(new CreateTableCommand({
    TableName: TABLE, ...keySchema({ userId: 'S' }, { createdAt: 'N' }), BillingMode: 'PAY_PER_REQUEST',
  }));
  await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: TABLE });
});

test('plain JavaScript values round-trip', async () => {
  const item = {
    userId: 'u1', createdAt: 1700000000123,
    name: 'Ada', score: 12.75, negative: -3, big: 2 ** 52, active: true, nothing: null,
    tags: new Set(['a', 'b']), lucky: new Set([7, 13]),
    blob: new Uint8Array([104, 105]),
    address: { city: 'Paris', geo: { lat: 48.85, lon: 2.35 }, lines: ['1 rue', { floor: 2 }] },
    history: [1, 'two', false, null, [3]],
    emptyList: [], emptyMap: {},
    skipped: undefined,
  };
  await doc.send(new PutCommand({ TableName: TABLE, Item: item }));
  const { Item } = await doc.send(new GetCommand({ TableName: TABLE, Key: { userId: 'u1', createdAt: 1700000000123 } }));
  const { skipped, ...expected } = item;
  assert.equal(skipped, undefined);
  assert.deepEqual({ ...Item, blob: Buffer.from(Item.blob) }, { ...expected, blob: Buffer.from([104, 105]) });
  assert.ok(Item.tags instanceof Set);
  assert.equal(typeof Item.score, 'number');
});

test('UpdateCommand with sets and nested paths; conditional failure', async () => {
  const Key = { userId: 'u2', createdAt: 1 };
  await doc.send(new PutCommand({ TableName: TABLE, Item: { ...Key, visits: 0, tags: new Set(['x']), profile: { level: 1 } } }));
  const { Attributes } = await doc.send(new UpdateCommand({
    TableName: TABLE, Key,
    UpdateExpression: 'ADD visits :one, tags :more SET profile.#lvl = profile.#lvl + :one, profile.seen = :now',
    ExpressionAttributeNames: { '#lvl': 'level' },
    ExpressionAttributeValues: { ':one': 1, ':more': new Set(['y', 'z']), ':now': 'today' },
    ReturnValues: 'ALL_NEW',
  }));
  assert.equal(Attributes.visits, 1);
  assert.deepEqual(Attributes.tags, new Set(['x', 'y', 'z']));
  assert.deepEqual(Attributes.profile, { level: 2, seen: 'today' });

  const err = await expectError(() => doc.send(new PutCommand({
    TableName: TABLE, Item: { ...Key }, ConditionExpression: 'attribute_not_exists(userId)',
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  })), 'ConditionalCheckFailedException');
  // The low-level error carries the marshalled old item.
  assert.deepEqual(err.Item?.visits, { N: '1' });

  const deleted = await doc.send(new DeleteCommand({ TableName: TABLE, Key, ReturnValues: 'ALL_OLD' }));
  assert.equal(deleted.Attributes.visits, 1);
});

test('QueryCommand, ScanCommand and paginateQuery unmarshall items', async () => {
  for (let i = 0; i < 12; i++) {
    await doc.send(new PutCommand({ TableName: TABLE, Item: { userId: 'feed', createdAt: 1000 + i, n: i, kind: i % 3 === 0 ? 'fizz' : 'plain' } }));
  }
  const { Items } = await doc.send(new QueryCommand({
    TableName: TABLE,
    KeyConditionExpression: 'userId = :u AND createdAt BETWEEN :a AND :b',
    FilterExpression: 'kind = :k',
    ExpressionAttributeValues: { ':u': 'feed', ':a': 1000, ':b': 1008, ':k': 'fizz' },
  }));
  assert.deepEqual(Items.map((it) => it.n), [0, 3, 6]);

  const pages = [];
  for await (const page of paginateQuery({ client: doc, pageSize: 5 }, {
    TableName: TABLE, KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': 'feed' },
    ScanIndexForward: false,
  })) {
    pages.push(page.Items.map((it) => it.n));
  }
  assert.deepEqual(pages.flat(), [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
  assert.ok(pages.length >= 3);
  assert.ok(pages.every((p) => p.length <= 5));

  const scanned = await doc.send(new ScanCommand({
    TableName: TABLE, FilterExpression: 'userId = :u AND n >= :n', ExpressionAttributeValues: { ':u': 'feed', ':n': 10 },
  }));
  assert.deepEqual(scanned.Items.map((it) => it.n).sort((a, b) => a - b), [10, 11]);
});

test('BatchWriteCommand, BatchGetCommand and TransactWriteCommand with plain values', async () => {
  const written = await doc.send(new BatchWriteCommand({
    RequestItems: {
      [TABLE]: [1, 2, 3].map((i) => ({ PutRequest: { Item: { userId: 'batch', createdAt: i, list: [i, { x: i }] } } })),
    },
  }));
  assert.deepEqual(written.UnprocessedItems ?? {}, {});
  const got = await doc.send(new BatchGetCommand({
    RequestItems: { [TABLE]: { Keys: [1, 2, 3, 4].map((i) => ({ userId: 'batch', createdAt: i })) } },
  }));
  const items = got.Responses[TABLE].sort((a, b) => a.createdAt - b.createdAt);
  assert.deepEqual(items.map((it) => it.list), [[1, { x: 1 }], [2, { x: 2 }], [3, { x: 3 }]]);
  assert.deepEqual(got.UnprocessedKeys ?? {}, {});

  await doc.send(new TransactWriteCommand({
    TransactItems: [
      { Update: { TableName: TABLE, Key: { userId: 'batch', createdAt: 1 }, UpdateExpression: 'SET moved = :t', ExpressionAttributeValues: { ':t': true } } },
      { Delete: { TableName: TABLE, Key: { userId: 'batch', createdAt: 2 } } },
    ],
  }));
  const after = await doc.send(new QueryCommand({
    TableName: TABLE, KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': 'batch' },
  }));
  assert.deepEqual(after.Items.map((it) => [it.createdAt, it.moved ?? false]), [[1, true], [3, false]]);
});
