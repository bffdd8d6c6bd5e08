// Dynamoose 4 batches and transactions against dynarock: Model.batchPut,
// batchGet, batchDelete, dynamoose.transaction (success and cancellation),
// and table options that call TTL and tagging operations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DescribeTimeToLiveCommand, DescribeTableCommand, ListTagsOfResourceCommand,
} from '@aws-sdk/client-dynamodb';
import dynamoose, { tableName, expectError } from '../lib/dynamoose.mjs';
import { makeClient } from '../lib/env.mjs';

const Product = dynamoose.model(tableName('DynProduct'), new dynamoose.Schema({
  sku: { type: String, hashKey: true },
  name: String,
  stock: { type: Number, default: 0 },
}));
const Order = dynamoose.model(tableName('DynOrder'), new dynamoose.Schema({
  id: { type: String, hashKey: true },
  sku: String,
  quantity: Number,
}));

test('batchPut, batchGet and batchDelete', async () => {
  const put = await Product.batchPut([...Array(12).keys()].map((i) => ({ sku: `p${i}`, name: `Product ${i}`, stock: i })));
  assert.deepEqual(put.unprocessedItems, []);

  const got = await Product.batchGet(['p0', 'p5', 'p11', 'missing']);
  assert.deepEqual(got.map((p) => p.sku).sort(), ['p0', 'p11', 'p5']);
  assert.deepEqual(got.unprocessedKeys, []);
  assert.equal(got.find((p) => p.sku === 'p5').stock, 5);

  const deleted = await Product.batchDelete(['p0', 'p1', { sku: 'p2' }]);
  assert.deepEqual(deleted.unprocessedItems, []);
  const after = await Product.batchGet(['p0', 'p1', 'p2', 'p3']);
  assert.deepEqual(after.map((p) => p.sku), ['p3']);
});

test('dynamoose.transaction commits every action', async () => {
  await Product.create({ sku: 'widget', name: 'Widget', stock: 10 });
  await Product.create({ sku: 'obsolete', name: 'Old' });
  await dynamoose.transaction([
    Order.transaction.create({ id: 'o1', sku: 'widget', quantity: 3 }),
    Product.transaction.update({ sku: 'widget' }, { $ADD: { stock: -3 } }, {
      condition: new dynamoose.Condition('stock').ge(3),
    }),
    Product.transaction.delete({ sku: 'obsolete' }),
    Product.transaction.condition('p3', new dynamoose.Condition('sku').exists()),
  ]);
  assert.equal((await Product.get('widget')).stock, 7);
  assert.equal((await Order.get('o1')).quantity, 3);
  assert.equal(await Product.get('obsolete'), undefined);

  const read = await dynamoose.transaction([Product.transaction.get('widget'), Order.transaction.get('o1')]);
  assert.equal(read.length, 2);
  assert.equal(read[0].stock, 7);
  assert.equal(read[1].sku, 'widget');
});

test('dynamoose.transaction is all or nothing', async () => {
  await Product.create({ sku: 'gadget', name: 'Gadget', stock: 1 });
  const err = await expectError(() => dynamoose.transaction([
    Order.transaction.create({ id: 'o2', sku: 'gadget', quantity: 5 }),
    Product.transaction.update({ sku: 'gadget' }, { $ADD: { stock: -5 } }, {
      condition: new dynamoose.Condition('stock').ge(5),
    }),
  ]), 'TransactionCanceledException');
  assert.deepEqual(err.CancellationReasons.map((r) => r.Code), ['None', 'ConditionalCheckFailed']);
  assert.equal(await Order.get('o2'), undefined, 'the order was not created');
  assert.equal((await Product.get('gadget')).stock, 1);
});

test('table options: expires sets TTL, tags are applied', async () => {
  const name = tableName('DynSession');
  const Session = dynamoose.model(name, new dynamoose.Schema({ id: { type: String, hashKey: true }, user: String }));
  const table = new dynamoose.Table(name, [Session], {
    expires: { ttl: 60 * 60 * 1000, attribute: 'expiresAt' },
    tags: { app: 'dynarock-tests', tier: 'dev' },
    update: ['tags'],
    initialize: false,
  });
  await table.initialize();
  await Session.create({ id: 's1', user: 'ann' });
  const session = await Session.get('s1');
  assert.ok(session.expiresAt instanceof Date, 'expires adds the TTL attribute');
  assert.ok(session.expiresAt.getTime() > Date.now());

  const client = makeClient();
  const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: name }));
  assert.ok(['ENABLED', 'ENABLING'].includes(TimeToLiveDescription.TimeToLiveStatus));
  assert.equal(TimeToLiveDescription.AttributeName, 'expiresAt');
  const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
  const { Tags } = await client.send(new ListTagsOfResourceCommand({ ResourceArn: Table.TableArn }));
  assert.deepEqual(Object.fromEntries(Tags.map((t) => [t.Key, t.Value])), { app: 'dynarock-tests', tier: 'dev' });
});
