// Global and local secondary indexes through the AWS SDK v3: created with
// the table, described, queried and scanned with IndexName, kept up to date
// by writes, sparse, and their errors; a GSI added to a populated on-demand
// table with UpdateTable, polled until ACTIVE and queried.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateTableCommand, DescribeTableCommand, PutItemCommand, UpdateItemCommand, DeleteItemCommand,
  QueryCommand, ScanCommand, UpdateTableCommand, paginateQuery, waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { makeClient, tableName, expectError } from '../lib/env.mjs';

const client = makeClient();
const TABLE = tableName('orders');  // customer S (hash), orderId S (range)

before(async () => {
  await client.send(new CreateTableCommand({
    TableName: TABLE,
    AttributeDefinitions: [
      { AttributeName: 'customer', AttributeType: 'S' }, { AttributeName: 'orderId', AttributeType: 'S' },
      { AttributeName: 'status', AttributeType: 'S' }, { AttributeName: 'total', AttributeType: 'N' },
      { AttributeName: 'placedAt', AttributeType: 'N' },
    ],
    KeySchema: [{ AttributeName: 'customer', KeyType: 'HASH' }, { AttributeName: 'orderId', KeyType: 'RANGE' }],
    BillingMode: 'PAY_PER_REQUEST',
    GlobalSecondaryIndexes: [
      { IndexName: 'byStatus', KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }, { AttributeName: 'total', KeyType: 'RANGE' }],
        Projection: { ProjectionType: 'ALL' } },
      { IndexName: 'byTotalKeys', KeySchema: [{ AttributeName: 'total', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'KEYS_ONLY' } },
    ],
    LocalSecondaryIndexes: [
      { IndexName: 'byPlacedAt', KeySchema: [{ AttributeName: 'customer', KeyType: 'HASH' }, { AttributeName: 'placedAt', KeyType: 'RANGE' }],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['note'] } },
    ],
  }));
  await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: TABLE });
  const orders = [
    ['ann', 'o1', 'OPEN', 10, 300], ['ann', 'o2', 'SHIPPED', 25, 100], ['ann', 'o3', 'OPEN', 5, 200],
    ['bob', 'o4', 'OPEN', 40, 50], ['bob', 'o5', 'CANCELLED', 15, 60], ['cat', 'o6', undefined, 7, 10],
  ];
  for (const [customer, orderId, status, total, placedAt] of orders) {
    const Item = { customer: { S: customer }, orderId: { S: orderId }, total: { N: String(total) },
      placedAt: { N: String(placedAt) }, note: { S: `note ${orderId}` }, secret: { S: 'hidden' } };
    if (status) Item.status = { S: status };
    await client.send(new PutItemCommand({ TableName: TABLE, Item }));
  }
});

test('DescribeTable lists the indexes', async () => {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: TABLE }));
  const gsis = Object.fromEntries(Table.GlobalSecondaryIndexes.map((i) => [i.IndexName, i]));
  assert.deepEqual(Object.keys(gsis).sort(), ['byStatus', 'byTotalKeys']);
  assert.equal(gsis.byStatus.IndexStatus, 'ACTIVE');
  assert.deepEqual(gsis.byStatus.Projection, { ProjectionType: 'ALL' });
  assert.match(gsis.byStatus.IndexArn, new RegExp(`table/${TABLE}/index/byStatus$`));
  assert.equal(Table.LocalSecondaryIndexes.length, 1);
  assert.equal(Table.LocalSecondaryIndexes[0].IndexName, 'byPlacedAt');
  assert.deepEqual(Table.LocalSecondaryIndexes[0].Projection, { ProjectionType: 'INCLUDE', NonKeyAttributes: ['note'] });
});

test('Query a global index by its own keys; the index is sparse', async () => {
  const r = await client.send(new QueryCommand({
    TableName: TABLE, IndexName: 'byStatus',
    KeyConditionExpression: '#s = :open AND #t > :min',
    ExpressionAttributeNames: { '#s': 'status', '#t': 'total' },
    ExpressionAttributeValues: { ':open': { S: 'OPEN' }, ':min': { N: '6' } },
  }));
  assert.deepEqual(r.Items.map((it) => it.orderId.S), ['o1', 'o4'], 'ordered by total');
  assert.deepEqual(r.Items[0].secret, { S: 'hidden' }, 'ALL projection has every attribute');

  const scanned = await client.send(new ScanCommand({ TableName: TABLE, IndexName: 'byStatus' }));
  assert.equal(scanned.Count, 5, 'the item without status is not in the index');

  const keysOnly = await client.send(new QueryCommand({
    TableName: TABLE, IndexName: 'byTotalKeys',
    KeyConditionExpression: '#t = :t', ExpressionAttributeNames: { '#t': 'total' }, ExpressionAttributeValues: { ':t': { N: '25' } },
  }));
  assert.deepEqual(keysOnly.Items, [{ customer: { S: 'ann' }, orderId: { S: 'o2' }, total: { N: '25' } }]);
});

test('Query a local index; paging; writes keep indexes current', async () => {
  const r = await client.send(new QueryCommand({
    TableName: TABLE, IndexName: 'byPlacedAt', KeyConditionExpression: 'customer = :c',
    ExpressionAttributeValues: { ':c': { S: 'ann' } }, ScanIndexForward: false,
  }));
  assert.deepEqual(r.Items.map((it) => it.orderId.S), ['o1', 'o3', 'o2']);
  assert.deepEqual(Object.keys(r.Items[0]).sort(), ['customer', 'note', 'orderId', 'placedAt']);

  const paged = [];
  for await (const page of paginateQuery({ client, pageSize: 1 }, {
    TableName: TABLE, IndexName: 'byPlacedAt', KeyConditionExpression: 'customer = :c',
    ExpressionAttributeValues: { ':c': { S: 'ann' } },
  })) {
    assert.ok(page.Items.length <= 1);
    if (page.LastEvaluatedKey) {
      assert.deepEqual(Object.keys(page.LastEvaluatedKey).sort(), ['customer', 'orderId', 'placedAt']);
    }
    paged.push(...page.Items.map((it) => it.orderId.S));
  }
  assert.deepEqual(paged, ['o2', 'o3', 'o1']);

  await client.send(new UpdateItemCommand({
    TableName: TABLE, Key: { customer: { S: 'ann' }, orderId: { S: 'o3' } },
    UpdateExpression: 'SET #s = :shipped', ExpressionAttributeNames: { '#s': 'status' },
    ExpressionAttributeValues: { ':shipped': { S: 'SHIPPED' } },
  }));
  await client.send(new DeleteItemCommand({ TableName: TABLE, Key: { customer: { S: 'ann' }, orderId: { S: 'o2' } } }));
  const shipped = await client.send(new QueryCommand({
    TableName: TABLE, IndexName: 'byStatus', KeyConditionExpression: '#s = :s',
    ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': { S: 'SHIPPED' } },
  }));
  assert.deepEqual(shipped.Items.map((it) => it.orderId.S), ['o3']);
});

test('index errors', async () => {
  await expectError(() => client.send(new QueryCommand({
    TableName: TABLE, IndexName: 'nope', KeyConditionExpression: 'customer = :c',
    ExpressionAttributeValues: { ':c': { S: 'ann' } },
  })), 'ValidationException', 'The table does not have the specified index: nope');
  await expectError(() => client.send(new QueryCommand({
    TableName: TABLE, IndexName: 'byStatus', ConsistentRead: true, KeyConditionExpression: '#s = :s',
    ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': { S: 'OPEN' } },
  })), 'ValidationException', 'Consistent reads are not supported on global secondary indexes');
  await expectError(() => client.send(new PutItemCommand({
    TableName: TABLE, Item: { customer: { S: 'x' }, orderId: { S: 'y' }, status: { N: '1' } },
  })), 'ValidationException', /^One or more parameter values were invalid: Type mismatch for Index Key status Expected: S Actual: N IndexName: byStatus/);
});

test('UpdateTable adds a GSI to a populated on-demand table; it backfills to ACTIVE', async () => {
  const name = tableName('events');
  await client.send(new CreateTableCommand({
    TableName: name, BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  }));
  await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: name });
  for (let i = 0; i < 60; i++) {
    const Item = { id: { S: `e${String(i).padStart(2, '0')}` }, kind: { S: ['click', 'view', 'buy'][i % 3] }, at: { N: String(1000 - i) } };
    if (i % 10 === 9) delete Item.kind;  // not in the index
    await client.send(new PutItemCommand({ TableName: name, Item }));
  }
  const { TableDescription } = await client.send(new UpdateTableCommand({
    TableName: name,
    AttributeDefinitions: [{ AttributeName: 'kind', AttributeType: 'S' }, { AttributeName: 'at', AttributeType: 'N' }],
    GlobalSecondaryIndexUpdates: [{ Create: {
      IndexName: 'byKind', KeySchema: [{ AttributeName: 'kind', KeyType: 'HASH' }, { AttributeName: 'at', KeyType: 'RANGE' }],
      Projection: { ProjectionType: 'KEYS_ONLY' } } }],
  }));
  assert.equal(TableDescription.GlobalSecondaryIndexes.length, 1);
  assert.equal(TableDescription.GlobalSecondaryIndexes[0].IndexName, 'byKind');

  // Poll DescribeTable until the index is ACTIVE, bounded by a count.
  let status = TableDescription.GlobalSecondaryIndexes[0].IndexStatus;
  for (let polls = 0; status !== 'ACTIVE'; polls++) {
    assert.ok(polls < 600, `index still ${status} after ${polls} polls`);
    assert.ok(['CREATING', 'ACTIVE'].includes(status), `unexpected IndexStatus ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    status = Table.GlobalSecondaryIndexes.find((g) => g.IndexName === 'byKind').IndexStatus;
  }
  const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
  const gsi = Table.GlobalSecondaryIndexes[0];
  const scanned = await client.send(new ScanCommand({ TableName: name, IndexName: 'byKind' }));
  // ItemCount is an estimate (DynamoDB refreshes it every few hours), so the
  // backfill is checked by scanning the index.
  assert.equal(scanned.Count, 54, 'every item with a kind, none without');
  assert.equal(gsi.ProvisionedThroughput?.ReadCapacityUnits ?? 0, 0, 'on-demand index');

  const r = await client.send(new QueryCommand({
    TableName: name, IndexName: 'byKind', KeyConditionExpression: 'kind = :k AND #at < :t',
    ExpressionAttributeNames: { '#at': 'at' },
    ExpressionAttributeValues: { ':k': { S: 'buy' }, ':t': { N: '950' } },
  }));
  // buy: i % 3 == 2 with i % 10 != 9 and 1000 - i < 950 (i > 50): 53, 56; 59 has no kind.
  assert.deepEqual(r.Items, [
    { id: { S: 'e56' }, kind: { S: 'buy' }, at: { N: '944' } },
    { id: { S: 'e53' }, kind: { S: 'buy' }, at: { N: '947' } },
  ]);
  const all = await client.send(new QueryCommand({
    TableName: name, IndexName: 'byKind', KeyConditionExpression: 'kind = :k',
    ExpressionAttributeValues: { ':k': { S: 'click' } }, Select: 'COUNT',
  }));
  assert.equal(all.Count, 18, 'i % 3 == 0 gives 20 items; 9 and 39 have no kind');
});
