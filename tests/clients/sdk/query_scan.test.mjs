// Query and Scan through the AWS SDK v3: key conditions (=, <, <=, >, >=,
// BETWEEN, begins_with), filters, projections, descending order, Select
// COUNT, Limit paging loops by hand and with paginateQuery/paginateScan,
// and parallel scans.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateTableCommand, PutItemCommand, QueryCommand, ScanCommand,
  paginateQuery, paginateScan, waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { makeClient, tableName, expectError, keySchema } from '../lib/env.mjs';

const client = makeClient();
const NUM = tableName('query-num');   // pk S, sk N
const STR = tableName('query-str');   // pk S, sk S
const N_ITEMS = 30;

before(async () => {
  await client.send(new CreateTableCommand({
    TableName: NUM, ...keySchema({ pk: 'S' }, { sk: 'N' }), BillingMode: 'PAY_PER_REQUEST',
  }));
  await client.send(new CreateTableCommand({
    TableName: STR, ...keySchema({ pk: 'S' }, { sk: 'S' }), BillingMode: 'PAY_PER_REQUEST',
  }));
  for (const t of [NUM, STR]) {
    await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: t });
  }
  // Insert in a shuffled order so sorted output is the server's doing.
  const order = [...Array(N_ITEMS).keys()].sort((a, b) => ((a * 7919) % 31) - ((b * 7919) % 31));
  for (const i of order) {
    await client.send(new PutItemCommand({
      TableName: NUM,
      Item: {
        pk: { S: 'p' }, sk: { N: String(i) }, even: { BOOL: i % 2 === 0 },
        name: { S: `item-${String(i).padStart(2, '0')}` }, payload: { S: 'x'.repeat(50) },
      },
    }));
  }
  for (let i = 0; i < 5; i++) {
    await client.send(new PutItemCommand({ TableName: NUM, Item: { pk: { S: 'q' }, sk: { N: String(-i) } } }));
  }
  // Negative, fractional and large numbers sort numerically, not as text.
  for (const n of ['-10', '-2.5', '0.001', '3', '1e5', '25']) {
    await client.send(new PutItemCommand({ TableName: NUM, Item: { pk: { S: 'mixed' }, sk: { N: n } } }));
  }
  for (const sk of ['2024-01-05#a', '2024-01-20#b', '2024-02-01#c', '2024-02-14#d', '2025-01-01#e', 'other']) {
    await client.send(new PutItemCommand({ TableName: STR, Item: { pk: { S: 'log' }, sk: { S: sk } } }));
  }
});

const query = (params) => client.send(new QueryCommand({ TableName: NUM, ...params }));
const sks = (items) => items.map((it) => Number(it.sk.N));
const range = (a, b) => [...Array(b - a + 1).keys()].map((i) => a + i);

test('Query by partition returns the items in sort-key order', async () => {
  const r = await query({
    KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'p' } },
  });
  assert.deepEqual(sks(r.Items), range(0, N_ITEMS - 1));
  assert.equal(r.Count, N_ITEMS);
  assert.equal(r.ScannedCount, N_ITEMS);
  assert.equal(r.LastEvaluatedKey, undefined);

  const mixed = await query({
    KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'mixed' } },
  });
  assert.deepEqual(mixed.Items.map((it) => it.sk.N), ['-10', '-2.5', '0.001', '3', '25', '100000']);

  const none = await query({
    KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'nobody' } },
  });
  assert.deepEqual(none.Items, []);
  assert.equal(none.Count, 0);
});

test('Query key conditions: comparisons, BETWEEN, begins_with', async () => {
  const cases = [
    ['sk < :v', { ':v': { N: '3' } }, range(0, 2)],
    ['sk <= :v', { ':v': { N: '3' } }, range(0, 3)],
    ['sk > :v', { ':v': { N: '26' } }, range(27, 29)],
    ['sk >= :v', { ':v': { N: '26' } }, range(26, 29)],
    ['sk = :v', { ':v': { N: '17' } }, [17]],
    ['sk BETWEEN :lo AND :hi', { ':lo': { N: '5' }, ':hi': { N: '9' } }, range(5, 9)],
    ['sk BETWEEN :lo AND :hi', { ':lo': { N: '4.5' }, ':hi': { N: '6.5' } }, [5, 6]],
  ];
  for (const [cond, values, expected] of cases) {
    const r = await query({
      KeyConditionExpression: `pk = :p AND ${cond}`,
      ExpressionAttributeValues: { ':p': { S: 'p' }, ...values },
    });
    assert.deepEqual(sks(r.Items), expected, cond);
  }
  const r = await client.send(new QueryCommand({
    TableName: STR,
    KeyConditionExpression: '#k = :p AND begins_with(#s, :prefix)',
    ExpressionAttributeNames: { '#k': 'pk', '#s': 'sk' },
    ExpressionAttributeValues: { ':p': { S: 'log' }, ':prefix': { S: '2024-02' } },
  }));
  assert.deepEqual(r.Items.map((it) => it.sk.S), ['2024-02-01#c', '2024-02-14#d']);
  const between = await client.send(new QueryCommand({
    TableName: STR,
    KeyConditionExpression: 'pk = :p AND sk BETWEEN :a AND :b',
    ExpressionAttributeValues: { ':p': { S: 'log' }, ':a': { S: '2024-01-10' }, ':b': { S: '2024-12-31' } },
  }));
  assert.deepEqual(between.Items.map((it) => it.sk.S), ['2024-01-20#b', '2024-02-01#c', '2024-02-14#d']);
});

test('Query with ScanIndexForward=false, filter, projection and Select COUNT', async () => {
  const desc = await query({
    KeyConditionExpression: 'pk = :p AND sk >= :v',
    ExpressionAttributeValues: { ':p': { S: 'p' }, ':v': { N: '25' } },
    ScanIndexForward: false,
  });
  assert.deepEqual(sks(desc.Items), [29, 28, 27, 26, 25]);

  const filtered = await query({
    KeyConditionExpression: 'pk = :p',
    FilterExpression: 'even = :t AND NOT contains(#n, :seven)',
    ExpressionAttributeNames: { '#n': 'name' },
    ExpressionAttributeValues: { ':p': { S: 'p' }, ':t': { BOOL: true }, ':seven': { S: '7' } },
  });
  const expected = range(0, N_ITEMS - 1).filter((i) => i % 2 === 0 && !String(i).includes('7'));
  assert.deepEqual(sks(filtered.Items), expected);
  assert.equal(filtered.Count, expected.length);
  assert.equal(filtered.ScannedCount, N_ITEMS, 'ScannedCount counts items before the filter');

  const projected = await query({
    KeyConditionExpression: 'pk = :p AND sk < :v',
    ExpressionAttributeValues: { ':p': { S: 'p' }, ':v': { N: '2' } },
    ProjectionExpression: '#n',
    ExpressionAttributeNames: { '#n': 'name' },
  });
  assert.deepEqual(projected.Items, [{ name: { S: 'item-00' } }, { name: { S: 'item-01' } }]);

  const counted = await query({
    KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'p' } }, Select: 'COUNT',
  });
  assert.equal(counted.Count, N_ITEMS);
  assert.equal(counted.Items, undefined);
});

test('Query paging with Limit and ExclusiveStartKey, by hand and with paginateQuery', async () => {
  for (const forward of [true, false]) {
    const seen = [];
    let startKey;
    let pages = 0;
    do {
      const r = await query({
        KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'p' } },
        Limit: 7, ExclusiveStartKey: startKey, ScanIndexForward: forward,
      });
      assert.ok(r.Items.length <= 7);
      seen.push(...sks(r.Items));
      startKey = r.LastEvaluatedKey;
      if (startKey) {
        assert.deepEqual(Object.keys(startKey).sort(), ['pk', 'sk']);
        assert.deepEqual(startKey.sk, r.Items.at(-1).sk);
      }
      pages += 1;
      assert.ok(pages <= N_ITEMS + 1, 'paging terminates');
    } while (startKey);
    const expected = range(0, N_ITEMS - 1);
    assert.deepEqual(seen, forward ? expected : expected.reverse());
    assert.ok(pages >= 5, `30 items in pages of 7 need at least 5 pages, got ${pages}`);
  }

  // Limit counts items evaluated, before the filter: pages can be short or empty.
  const filtered = [];
  let startKey;
  do {
    const r = await query({
      KeyConditionExpression: 'pk = :p', FilterExpression: 'even = :t',
      ExpressionAttributeValues: { ':p': { S: 'p' }, ':t': { BOOL: true } },
      Limit: 4, ExclusiveStartKey: startKey,
    });
    assert.ok(r.ScannedCount <= 4);
    assert.ok(r.Count <= r.ScannedCount);
    filtered.push(...sks(r.Items));
    startKey = r.LastEvaluatedKey;
  } while (startKey);
  assert.deepEqual(filtered, range(0, N_ITEMS - 1).filter((i) => i % 2 === 0));

  const viaPaginator = [];
  let pageCount = 0;
  for await (const page of paginateQuery({ client, pageSize: 4 }, {
    TableName: NUM, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'p' } },
  })) {
    assert.ok(page.Items.length <= 4);
    viaPaginator.push(...sks(page.Items));
    pageCount += 1;
  }
  assert.deepEqual(viaPaginator, range(0, N_ITEMS - 1));
  assert.ok(pageCount >= 8);
});

test('Scan with filter, paging and parallel segments', async () => {
  const all = await client.send(new ScanCommand({ TableName: NUM }));
  const total = N_ITEMS + 5 + 6;
  assert.equal(all.Count, total);
  assert.equal(all.Items.length, total);

  const filtered = await client.send(new ScanCommand({
    TableName: NUM, FilterExpression: 'pk = :q OR (attribute_exists(even) AND sk > :v)',
    ExpressionAttributeValues: { ':q': { S: 'q' }, ':v': { N: '27' } },
  }));
  assert.equal(filtered.Count, 5 + 2);
  assert.equal(filtered.ScannedCount, total);

  const paged = [];
  let pages = 0;
  for await (const page of paginateScan({ client, pageSize: 6 }, { TableName: NUM })) {
    assert.ok(page.Items.length <= 6);
    paged.push(...page.Items.map((it) => `${it.pk.S}/${it.sk.N}`));
    pages += 1;
  }
  assert.equal(paged.length, total);
  assert.equal(new Set(paged).size, total, 'no item twice across pages');
  assert.ok(pages >= 7);

  // Parallel scan: the segments partition the table.
  const segments = 3;
  const parts = await Promise.all([...Array(segments).keys()].map(async (segment) => {
    const keys = [];
    for await (const page of paginateScan({ client, pageSize: 5 }, {
      TableName: NUM, Segment: segment, TotalSegments: segments,
    })) {
      keys.push(...page.Items.map((it) => `${it.pk.S}/${it.sk.N}`));
    }
    return keys;
  }));
  const union = parts.flat();
  assert.equal(union.length, total);
  assert.deepEqual(new Set(union), new Set(paged));

  const counted = await client.send(new ScanCommand({ TableName: NUM, Select: 'COUNT' }));
  assert.equal(counted.Count, total);
  assert.equal(counted.Items, undefined);
});

test('query and scan errors', async () => {
  await expectError(() => query({}), 'ValidationException',
    'Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
  await expectError(() => query({
    KeyConditionExpression: 'sk = :v', ExpressionAttributeValues: { ':v': { N: '1' } },
  }), 'ValidationException', 'Query condition missed key schema element: pk');
  await expectError(() => query({
    KeyConditionExpression: 'pk = :p', FilterExpression: 'sk > :v',
    ExpressionAttributeValues: { ':p': { S: 'p' }, ':v': { N: '1' } },
  }), 'ValidationException', 'Filter Expression can only contain non-primary key attributes: Primary key attribute: sk');
  await expectError(() => query({
    KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'p' } }, Limit: 0,
  }), 'ValidationException',
  "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
  await expectError(() => client.send(new ScanCommand({ TableName: NUM, Segment: 1 })), 'ValidationException',
    'The TotalSegments parameter is required but was not present in the request when Segment parameter is present');
  await expectError(() => client.send(new ScanCommand({ TableName: NUM, Segment: 3, TotalSegments: 3 })),
    'ValidationException',
    'The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 3 is not less than TotalSegments: 3');
  await expectError(() => client.send(new QueryCommand({
    TableName: tableName('noquery'), KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'p' } },
  })), 'ResourceNotFoundException', /^Requested resource not found/);
  await expectError(() => client.send(new ScanCommand({ TableName: tableName('noscan') })),
    'ResourceNotFoundException', /^Requested resource not found/);
});
