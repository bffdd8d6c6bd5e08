// BatchWriteItem, BatchGetItem, TransactWriteItems and TransactGetItems
// through the AWS SDK v3 low-level client, with their failure modes.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateTableCommand, BatchWriteItemCommand, BatchGetItemCommand, TransactWriteItemsCommand,
  TransactGetItemsCommand, GetItemCommand, PutItemCommand, waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { makeClient, tableName, expectError, keySchema } from '../lib/env.mjs';

const client = makeClient();
const USERS = tableName('users');    // id S
const EVENTS = tableName('events');  // stream S, seq N

before(async () => {
  await client.send(new CreateTableCommand({
    TableName: USERS, ...keySchema({ id: 'S' }), BillingMode: 'PAY_PER_REQUEST',
  }));
  await client.send(new CreateTableCommand({
    TableName: EVENTS, ...keySchema({ stream: 'S' }, { seq: 'N' }), BillingMode: 'PAY_PER_REQUEST',
  }));
  for (const t of [USERS, EVENTS]) {
    await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: t });
  }
});

const getUser = async (id) => (await client.send(new GetItemCommand({
  TableName: USERS, Key: { id: { S: id } }, ConsistentRead: true,
}))).Item;

test('BatchWriteItem puts and deletes across tables; BatchGetItem reads them back', async () => {
  const puts = [...Array(20).keys()].map((i) => ({
    PutRequest: { Item: { id: { S: `user-${i}` }, n: { N: String(i) } } },
  }));
  const events = [...Array(5).keys()].map((i) => ({
    PutRequest: { Item: { stream: { S: 's' }, seq: { N: String(i) }, body: { S: `e${i}` } } },
  }));
  const written = await client.send(new BatchWriteItemCommand({
    RequestItems: { [USERS]: puts, [EVENTS]: events },
  }));
  assert.deepEqual(written.UnprocessedItems, {});

  const deleted = await client.send(new BatchWriteItemCommand({
    RequestItems: {
      [USERS]: [{ DeleteRequest: { Key: { id: { S: 'user-0' } } } }, { DeleteRequest: { Key: { id: { S: 'never-existed' } } } }],
    },
  }));
  assert.deepEqual(deleted.UnprocessedItems, {});
  assert.equal(await getUser('user-0'), undefined);

  const got = await client.send(new BatchGetItemCommand({
    RequestItems: {
      [USERS]: { Keys: [0, 1, 2, 19].map((i) => ({ id: { S: `user-${i}` } })), ProjectionExpression: 'id, n' },
      [EVENTS]: { Keys: [{ stream: { S: 's' }, seq: { N: '4' } }, { stream: { S: 's' }, seq: { N: '99' } }], ConsistentRead: true },
    },
  }));
  assert.deepEqual(got.UnprocessedKeys, {});
  const users = got.Responses[USERS].map((it) => it.id.S).sort();
  assert.deepEqual(users, ['user-1', 'user-19', 'user-2'], 'missing keys are left out');
  assert.deepEqual(got.Responses[EVENTS], [{ stream: { S: 's' }, seq: { N: '4' }, body: { S: 'e4' } }]);
});

test('batch errors', async () => {
  const tooMany = [...Array(26).keys()].map((i) => ({ PutRequest: { Item: { id: { S: `x${i}` } } } }));
  await expectError(() => client.send(new BatchWriteItemCommand({ RequestItems: { [USERS]: tooMany } })),
    'ValidationException', /Member must have length less than or equal to 25/);
  await expectError(() => client.send(new BatchWriteItemCommand({
    RequestItems: { [USERS]: [{ PutRequest: { Item: { id: { S: 'd' } } } }, { DeleteRequest: { Key: { id: { S: 'd' } } } }] },
  })), 'ValidationException', 'Provided list of item keys contains duplicates');
  await expectError(() => client.send(new BatchGetItemCommand({
    RequestItems: { [USERS]: { Keys: [{ id: { S: 'd' } }, { id: { S: 'd' } }] } },
  })), 'ValidationException', 'Provided list of item keys contains duplicates');
  await expectError(() => client.send(new BatchGetItemCommand({
    RequestItems: { [tableName('nobatch')]: { Keys: [{ id: { S: 'd' } }] } },
  })), 'ResourceNotFoundException', /^Requested resource not found/);
  await expectError(() => client.send(new BatchWriteItemCommand({
    RequestItems: { [USERS]: [{ PutRequest: { Item: { wrong: { S: 'd' } } } }] },
  })), 'ValidationException', /^One or more parameter values were invalid: Missing the key id in the item/);
});

test('TransactWriteItems applies all its actions', async () => {
  await client.send(new PutItemCommand({ TableName: USERS, Item: { id: { S: 'alice' }, balance: { N: '100' } } }));
  await client.send(new PutItemCommand({ TableName: USERS, Item: { id: { S: 'bob' }, balance: { N: '5' } } }));
  await client.send(new PutItemCommand({ TableName: USERS, Item: { id: { S: 'temp' } } }));
  await client.send(new TransactWriteItemsCommand({
    TransactItems: [
      { Update: { TableName: USERS, Key: { id: { S: 'alice' } }, UpdateExpression: 'SET balance = balance - :x',
        ConditionExpression: 'balance >= :x', ExpressionAttributeValues: { ':x': { N: '30' } } } },
      { Update: { TableName: USERS, Key: { id: { S: 'bob' } }, UpdateExpression: 'SET balance = balance + :x',
        ExpressionAttributeValues: { ':x': { N: '30' } } } },
      { Put: { TableName: EVENTS, Item: { stream: { S: 'transfers' }, seq: { N: '1' }, amount: { N: '30' } },
        ConditionExpression: 'attribute_not_exists(seq)' } },
      { Delete: { TableName: USERS, Key: { id: { S: 'temp' } } } },
      { ConditionCheck: { TableName: USERS, Key: { id: { S: 'user-1' } }, ConditionExpression: 'attribute_exists(id)' } },
    ],
  }));
  assert.deepEqual((await getUser('alice')).balance, { N: '70' });
  assert.deepEqual((await getUser('bob')).balance, { N: '35' });
  assert.equal(await getUser('temp'), undefined);

  const got = await client.send(new TransactGetItemsCommand({
    TransactItems: [
      { Get: { TableName: USERS, Key: { id: { S: 'alice' } }, ProjectionExpression: 'balance' } },
      { Get: { TableName: USERS, Key: { id: { S: 'nobody' } } } },
      { Get: { TableName: EVENTS, Key: { stream: { S: 'transfers' }, seq: { N: '1' } } } },
    ],
  }));
  assert.equal(got.Responses.length, 3);
  assert.deepEqual(got.Responses[0].Item, { balance: { N: '70' } });
  assert.equal(got.Responses[1].Item, undefined);
  assert.deepEqual(got.Responses[2].Item.amount, { N: '30' });
});

test('TransactWriteItems cancelled: TransactionCanceledException with CancellationReasons, nothing applied', async () => {
  await client.send(new PutItemCommand({ TableName: USERS, Item: { id: { S: 'carol' }, balance: { N: '10' } } }));
  await client.send(new PutItemCommand({ TableName: USERS, Item: { id: { S: 'dave' }, balance: { N: '0' } } }));
  const err = await expectError(() => client.send(new TransactWriteItemsCommand({
    TransactItems: [
      { Update: { TableName: USERS, Key: { id: { S: 'dave' } }, UpdateExpression: 'SET balance = balance + :x',
        ExpressionAttributeValues: { ':x': { N: '50' } } } },
      { Update: { TableName: USERS, Key: { id: { S: 'carol' } }, UpdateExpression: 'SET balance = balance - :x',
        ConditionExpression: 'balance >= :x', ExpressionAttributeValues: { ':x': { N: '50' } },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
    ],
  })), 'TransactionCanceledException',
  'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]');
  assert.equal(err.CancellationReasons.length, 2);
  assert.equal(err.CancellationReasons[0].Code, 'None');
  assert.equal(err.CancellationReasons[1].Code, 'ConditionalCheckFailed');
  assert.equal(err.CancellationReasons[1].Message, 'The conditional request failed');
  assert.deepEqual(err.CancellationReasons[1].Item, { id: { S: 'carol' }, balance: { N: '10' } });
  assert.deepEqual((await getUser('dave')).balance, { N: '0' }, 'the first action was rolled back');
  assert.deepEqual((await getUser('carol')).balance, { N: '10' });

  await expectError(() => client.send(new TransactWriteItemsCommand({
    TransactItems: [
      { Put: { TableName: USERS, Item: { id: { S: 'same' } } } },
      { Delete: { TableName: USERS, Key: { id: { S: 'same' } } } },
    ],
  })), 'ValidationException', 'Transaction request cannot include multiple operations on one item');
  await expectError(() => client.send(new TransactWriteItemsCommand({
    TransactItems: [{ Put: { TableName: tableName('notx'), Item: { id: { S: 'x' } } } }],
  })), 'ResourceNotFoundException', /^Requested resource not found/);
});
