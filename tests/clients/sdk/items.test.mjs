// Item operations through the AWS SDK v3 low-level client: PutItem, GetItem,
// DeleteItem and UpdateItem with every ReturnValues, all attribute types,
// conditional writes that fail, and the errors DynamoDB gives.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateTableCommand, PutItemCommand, GetItemCommand, DeleteItemCommand, UpdateItemCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { makeClient, tableName, expectError, keySchema } from '../lib/env.mjs';

const client = makeClient();
const TABLE = tableName('items');       // pk S, sk N
const SIMPLE = tableName('items-hash');  // id S

before(async () => {
  await client.send(new CreateTableCommand({
    TableName: TABLE, ...keySchema({ pk: 'S' }, { sk: 'N' }), BillingMode: 'PAY_PER_REQUEST',
  }));
  await client.send(new CreateTableCommand({
    TableName: SIMPLE, ...keySchema({ id: 'S' }), BillingMode: 'PAY_PER_REQUEST',
  }));
  for (const t of [TABLE, SIMPLE]) {
    await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: t });
  }
});

const put = (Item, extra = {}) => client.send(new PutItemCommand({ TableName: TABLE, Item, ...extra }));
const get = (Key, extra = {}) => client.send(new GetItemCommand({ TableName: TABLE, Key, ...extra }));
const update = (Key, extra) => client.send(new UpdateItemCommand({ TableName: TABLE, Key, ...extra }));
const del = (Key, extra = {}) => client.send(new DeleteItemCommand({ TableName: TABLE, Key, ...extra }));
const sortSet = (set) => [...set].sort();

test('PutItem and GetItem keep every attribute type', async () => {
  const item = {
    pk: { S: 'types' }, sk: { N: '1' },
    s: { S: 'héllo wörld ✓' },
    n: { N: '-12.5' },
    b: { B: new Uint8Array([0, 1, 2, 250, 255]) },
    t: { BOOL: true },
    f: { BOOL: false },
    z: { NULL: true },
    ss: { SS: ['b', 'a', 'c'] },
    ns: { NS: ['3', '1', '2.5'] },
    bs: { BS: [new Uint8Array([1]), new Uint8Array([2, 3])] },
    l: { L: [{ S: 'x' }, { N: '2' }, { L: [{ BOOL: false }] }, { M: { k: { S: 'v' } } }] },
    m: { M: { inner: { M: { deep: { N: '42' } } }, list: { L: [] }, empty: { M: {} } } },
    empty: { S: '' },
  };
  const putResult = await put(item);
  assert.equal(putResult.Attributes, undefined);
  const { Item } = await get({ pk: { S: 'types' }, sk: { N: '1' } }, { ConsistentRead: true });
  assert.deepEqual(Item.s, item.s);
  assert.deepEqual(Item.n, item.n);
  assert.deepEqual(Buffer.from(Item.b.B), Buffer.from([0, 1, 2, 250, 255]));
  assert.deepEqual(Item.t, { BOOL: true });
  assert.deepEqual(Item.f, { BOOL: false });
  assert.deepEqual(Item.z, { NULL: true });
  assert.deepEqual(sortSet(Item.ss.SS), ['a', 'b', 'c']);
  assert.deepEqual(sortSet(Item.ns.NS), ['1', '2.5', '3']);
  assert.deepEqual(Item.bs.BS.map((b) => Buffer.from(b).toString('hex')).sort(), ['01', '0203']);
  assert.deepEqual(Item.l, item.l);
  assert.deepEqual(Item.m, item.m);
  assert.deepEqual(Item.empty, { S: '' });
  assert.equal(Object.keys(Item).length, Object.keys(item).length);
});

test('numbers come back in DynamoDB normal form', async () => {
  const cases = [['1.50', '1.5'], ['-0', '0'], ['0.00100', '0.001'], ['1e3', '1000'],
    ['00012', '12'], ['1.0E-2', '0.01'], ['12345678901234567890123456789012345678', '12345678901234567890123456789012345678'],
    ['-1E-130', '-1E-130'], ['9.9999999999999999999999999999999999999E+125', '9.9999999999999999999999999999999999999E+125']];
  let sk = 100;
  for (const [input, expected] of cases) {
    sk += 1;
    await put({ pk: { S: 'numbers' }, sk: { N: String(sk) }, v: { N: input } });
    const { Item } = await get({ pk: { S: 'numbers' }, sk: { N: String(sk) } });
    // DynamoDB prints small and large magnitudes in plain or E-notation; compare as numbers
    // of the same digits rather than one spelling.
    assert.equal(Number(Item.v.N), Number(expected), `${input} -> ${Item.v.N}`);
    assert.ok(!/^[+]|^-?0\d|\.\d*0$|\.$/.test(Item.v.N), `${input} -> ${Item.v.N} is not normalised`);
  }
  // The key's number form is normalised too: 1.0 and 1 are the same key.
  await put({ pk: { S: 'numbers' }, sk: { N: '1.0' }, v: { S: 'first' } });
  await put({ pk: { S: 'numbers' }, sk: { N: '1' }, v: { S: 'second' } });
  const { Item } = await get({ pk: { S: 'numbers' }, sk: { N: '1.00' } });
  assert.deepEqual(Item, { pk: { S: 'numbers' }, sk: { N: '1' }, v: { S: 'second' } });
});

test('GetItem of a missing item has no Item; ProjectionExpression picks attributes', async () => {
  const missing = await get({ pk: { S: 'nobody' }, sk: { N: '0' } });
  assert.equal(missing.Item, undefined);

  await put({
    pk: { S: 'proj' }, sk: { N: '1' }, name: { S: 'n' }, size: { N: '3' },
    m: { M: { a: { S: 'A' }, b: { S: 'B' } } }, l: { L: [{ S: 'l0' }, { S: 'l1' }, { S: 'l2' }] },
  });
  const { Item } = await get({ pk: { S: 'proj' }, sk: { N: '1' } }, {
    ProjectionExpression: '#n, m.b, l[1], #s',
    ExpressionAttributeNames: { '#n': 'name', '#s': 'size' },
  });
  assert.deepEqual(Item, {
    name: { S: 'n' }, size: { N: '3' }, m: { M: { b: { S: 'B' } } }, l: { L: [{ S: 'l1' }] },
  });
});

test('PutItem and DeleteItem with ReturnValues ALL_OLD', async () => {
  const key = { pk: { S: 'rv' }, sk: { N: '1' } };
  const first = await put({ ...key, v: { N: '1' } }, { ReturnValues: 'ALL_OLD' });
  assert.equal(first.Attributes, undefined);
  const second = await put({ ...key, v: { N: '2' } }, { ReturnValues: 'ALL_OLD' });
  assert.deepEqual(second.Attributes, { ...key, v: { N: '1' } });
  const none = await put({ ...key, v: { N: '3' } }, { ReturnValues: 'NONE' });
  assert.equal(none.Attributes, undefined);

  const deleted = await del(key, { ReturnValues: 'ALL_OLD' });
  assert.deepEqual(deleted.Attributes, { ...key, v: { N: '3' } });
  assert.equal((await get(key)).Item, undefined);
  const again = await del(key, { ReturnValues: 'ALL_OLD' });
  assert.equal(again.Attributes, undefined, 'deleting a missing item is not an error');

  await expectError(() => put({ ...key }, { ReturnValues: 'ALL_NEW' }), 'ValidationException',
    'ReturnValues can only be ALL_OLD or NONE');
});

test('UpdateItem SET, REMOVE, ADD and DELETE with every ReturnValues', async () => {
  const key = { pk: { S: 'upd' }, sk: { N: '1' } };
  // UpdateItem creates a missing item.
  let r = await update(key, {
    UpdateExpression: 'SET #c = :zero, tags = :tags, nested = :nested, lst = :lst',
    ExpressionAttributeNames: { '#c': 'count' },
    ExpressionAttributeValues: {
      ':zero': { N: '0' }, ':tags': { SS: ['red', 'green'] },
      ':nested': { M: { a: { N: '1' } } }, ':lst': { L: [{ N: '1' }] },
    },
    ReturnValues: 'ALL_NEW',
  });
  assert.deepEqual(r.Attributes.count, { N: '0' });
  assert.deepEqual(r.Attributes.pk, key.pk);
  assert.deepEqual(sortSet(r.Attributes.tags.SS), ['green', 'red']);

  r = await update(key, {
    UpdateExpression: 'SET #c = #c + :one, nested.b = :two, lst = list_append(lst, :more), ' +
      'fresh = if_not_exists(fresh, :init)',
    ExpressionAttributeNames: { '#c': 'count' },
    ExpressionAttributeValues: {
      ':one': { N: '1' }, ':two': { N: '2' }, ':more': { L: [{ N: '2' }, { N: '3' }] }, ':init': { S: 'init' },
    },
    ReturnValues: 'UPDATED_NEW',
  });
  assert.deepEqual(r.Attributes, {
    count: { N: '1' }, nested: { M: { b: { N: '2' } } },
    lst: { L: [{ N: '1' }, { N: '2' }, { N: '3' }] }, fresh: { S: 'init' },
  });

  r = await update(key, {
    UpdateExpression: 'ADD #c :five, tags :blue',
    ExpressionAttributeNames: { '#c': 'count' },
    ExpressionAttributeValues: { ':five': { N: '5' }, ':blue': { SS: ['blue'] } },
    ReturnValues: 'UPDATED_OLD',
  });
  assert.deepEqual(r.Attributes.count, { N: '1' });
  assert.deepEqual(sortSet(r.Attributes.tags.SS), ['green', 'red']);
  // One expression may not name the same path twice.
  await expectError(() => update(key, {
    UpdateExpression: 'ADD tags :blue DELETE tags :red',
    ExpressionAttributeValues: { ':blue': { SS: ['blue'] }, ':red': { SS: ['red'] } },
  }), 'ValidationException', 'Invalid UpdateExpression: Two document paths overlap with each other; ' +
    'must remove or rewrite one of these paths; path one: [tags], path two: [tags]');
  r = await update(key, {
    UpdateExpression: 'DELETE tags :red',
    ExpressionAttributeValues: { ':red': { SS: ['red'] } },
    ReturnValues: 'UPDATED_NEW',
  });
  assert.deepEqual(sortSet(r.Attributes.tags.SS), ['blue', 'green']);

  r = await update(key, {
    UpdateExpression: 'REMOVE fresh, lst[0] SET nested.a = nested.a - :one',
    ExpressionAttributeValues: { ':one': { N: '1' } },
    ReturnValues: 'ALL_OLD',
  });
  assert.deepEqual(r.Attributes.fresh, { S: 'init' });
  assert.deepEqual(r.Attributes.count, { N: '6' });

  r = await update(key, {
    UpdateExpression: 'ADD newcount :five, newset :ns',
    ExpressionAttributeValues: { ':five': { N: '5' }, ':ns': { NS: ['1', '2'] } },
    ReturnValues: 'NONE',
  });
  assert.equal(r.Attributes, undefined);

  const { Item } = await get(key, { ConsistentRead: true });
  assert.equal(Item.fresh, undefined);
  assert.deepEqual(Item.lst, { L: [{ N: '2' }, { N: '3' }] });
  assert.deepEqual(Item.nested, { M: { a: { N: '0' }, b: { N: '2' } } });
  assert.deepEqual(sortSet(Item.tags.SS), ['blue', 'green']);
  assert.deepEqual(Item.newcount, { N: '5' });
  assert.deepEqual(sortSet(Item.newset.NS), ['1', '2']);

  // Deleting every element removes the set attribute.
  await update(key, {
    UpdateExpression: 'DELETE tags :all',
    ExpressionAttributeValues: { ':all': { SS: ['blue', 'green'] } },
  });
  assert.equal((await get(key)).Item.tags, undefined);
});

test('conditional writes that fail raise ConditionalCheckFailedException', async () => {
  const key = { pk: { S: 'cond' }, sk: { N: '1' } };
  await put({ ...key, version: { N: '1' }, owner: { S: 'ann' } });

  // Insert-only put fails on an existing item; ALL_OLD returns the item in the error.
  let err = await expectError(() => put({ ...key, version: { N: '9' } }, {
    ConditionExpression: 'attribute_not_exists(pk)',
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  }), 'ConditionalCheckFailedException', 'The conditional request failed');
  assert.deepEqual(err.Item, { ...key, version: { N: '1' }, owner: { S: 'ann' } });

  // Without ReturnValuesOnConditionCheckFailure there is no Item.
  err = await expectError(() => put({ ...key }, { ConditionExpression: 'attribute_not_exists(pk)' }),
    'ConditionalCheckFailedException');
  assert.equal(err.Item, undefined);

  // Optimistic locking with UpdateItem.
  err = await expectError(() => update(key, {
    UpdateExpression: 'SET version = :next',
    ConditionExpression: 'version = :expected',
    ExpressionAttributeValues: { ':next': { N: '3' }, ':expected': { N: '2' } },
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  }), 'ConditionalCheckFailedException');
  assert.deepEqual(err.Item.version, { N: '1' });
  const ok = await update(key, {
    UpdateExpression: 'SET version = :next',
    ConditionExpression: 'version = :expected AND #o IN (:ann, :bob)',
    ExpressionAttributeNames: { '#o': 'owner' },
    ExpressionAttributeValues: { ':next': { N: '2' }, ':expected': { N: '1' }, ':ann': { S: 'ann' }, ':bob': { S: 'bob' } },
    ReturnValues: 'UPDATED_NEW',
  });
  assert.deepEqual(ok.Attributes, { version: { N: '2' } });

  // Conditional delete.
  await expectError(() => del(key, {
    ConditionExpression: 'attribute_exists(archived) OR begins_with(#o, :z)',
    ExpressionAttributeNames: { '#o': 'owner' },
    ExpressionAttributeValues: { ':z': { S: 'z' } },
  }), 'ConditionalCheckFailedException');
  assert.ok((await get(key)).Item, 'the failed delete left the item');
  await del(key, {
    ConditionExpression: 'size(#o) = :three AND version BETWEEN :lo AND :hi',
    ExpressionAttributeNames: { '#o': 'owner' },
    ExpressionAttributeValues: { ':three': { N: '3' }, ':lo': { N: '0' }, ':hi': { N: '5' } },
  });
  assert.equal((await get(key)).Item, undefined);

  // A condition on a missing item sees no attributes.
  await expectError(() => update(key, {
    UpdateExpression: 'SET v = :v', ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: { ':v': { N: '1' } },
  }), 'ConditionalCheckFailedException');
  assert.equal((await get(key)).Item, undefined, 'a failed conditional update creates nothing');
});

test('item errors: missing table, bad keys, bad expressions', async () => {
  const key = { pk: { S: 'err' }, sk: { N: '1' } };
  const missing = tableName('no-such-table');
  await expectError(() => client.send(new GetItemCommand({ TableName: missing, Key: key })),
    'ResourceNotFoundException', /^Requested resource not found/);
  await expectError(() => client.send(new PutItemCommand({ TableName: missing, Item: key })),
    'ResourceNotFoundException', /^Requested resource not found/);

  await expectError(() => put({ pk: { S: 'x' } }), 'ValidationException',
    'One or more parameter values were invalid: Missing the key sk in the item');
  await expectError(() => put({ pk: { S: 'x' }, sk: { S: 'not a number' } }), 'ValidationException',
    'One or more parameter values were invalid: Type mismatch for key sk expected: N actual: S');
  await expectError(() => get({ pk: { S: 'x' } }), 'ValidationException',
    'The provided key element does not match the schema');
  await expectError(() => get({ pk: { S: 'x' }, sk: { N: '1' }, extra: { S: 'y' } }), 'ValidationException',
    'The provided key element does not match the schema');
  await expectError(() => put({ pk: { S: '' }, sk: { N: '1' } }), 'ValidationException',
    'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk');
  await expectError(() => put({ ...key, big: { N: '123456789012345678901234567890123456789' } }),
    'ValidationException', 'Attempting to store more than 38 significant digits in a Number');
  await expectError(() => put({ ...key, bad: { N: 'abc' } }), 'ValidationException',
    'The parameter cannot be converted to a numeric value: abc');
  await expectError(() => put({ ...key, dup: { SS: ['a', 'a'] } }), 'ValidationException', /contains duplicates/);
  await expectError(() => put({ ...key, huge: { S: 'x'.repeat(400 * 1024 + 1) } }), 'ValidationException',
    'Item size has exceeded the maximum allowed size');

  await expectError(() => update(key, {
    UpdateExpression: 'SET pk = :v', ExpressionAttributeValues: { ':v': { S: 'y' } },
  }), 'ValidationException',
  'One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key');
  await expectError(() => update(key, {
    UpdateExpression: 'SET a = :v', ExpressionAttributeValues: { ':w': { S: 'y' } },
  }), 'ValidationException',
  'Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :v');
  await expectError(() => update(key, {
    UpdateExpression: 'SET a = :v', ExpressionAttributeValues: { ':v': { S: 'y' }, ':extra': { S: 'z' } },
  }), 'ValidationException', 'Value provided in ExpressionAttributeValues unused in expressions: keys: {:extra}');
  await expectError(() => update(key, { UpdateExpression: 'SET = oops' }), 'ValidationException',
    /^Invalid UpdateExpression: Syntax error; token: /);
  await put({ ...key, name: { S: 'text' } });
  await expectError(() => update(key, {
    UpdateExpression: 'ADD #n :one', ExpressionAttributeNames: { '#n': 'name' },
    ExpressionAttributeValues: { ':one': { N: '1' } },
  }), 'ValidationException', /^An operand in the update expression has an incorrect data type/);
  await expectError(() => put(key, {
    ConditionExpression: 'attribute_exists(#missing)',
  }), 'ValidationException',
  'Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #missing');
});
