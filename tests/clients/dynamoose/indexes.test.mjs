// Dynamoose 4 schemas that declare secondary indexes: global indexes with a
// rangeKey and INCLUDE / KEYS_ONLY / ALL projections (the `project` setting),
// a local index, queries that name the index with .using(name), and queries
// where Dynamoose picks the index itself from the attributes in the condition.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import dynamoose, { tableName } from '../lib/dynamoose.mjs';
import { makeClient } from '../lib/env.mjs';

const TICKETS = tableName('DynTicket');
const Ticket = dynamoose.model(TICKETS, new dynamoose.Schema({
  project: { type: String, hashKey: true },
  id: { type: String, rangeKey: true },
  title: String,
  body: String,
  assignee: { type: String, index: { name: 'byAssignee', type: 'global', rangeKey: 'priority', project: ['title'] } },
  state: { type: String, index: { type: 'global', project: false } },  // named stateGlobalIndex, KEYS_ONLY
  reporter: { type: String, index: { name: 'byReporter', type: 'global' } },  // ALL by default
  priority: Number,
  opened: { type: Number, index: { name: 'openedLocal', type: 'local', project: false } },
}));
const ticketTable = new dynamoose.Table(TICKETS, [Ticket], { initialize: false });

const tickets = [
  ['p1', 't1', 'Crash on start', 'ann', 'open', 3, 500, 'zed'],
  ['p1', 't2', 'Slow query', 'bob', 'open', 1, 100, 'amy'],
  ['p1', 't3', 'Typo', 'ann', 'closed', 1, 300, 'zed'],
  ['p2', 't4', 'Leak', 'ann', 'open', 2, 200, 'amy'],
  ['p2', 't5', 'Docs', 'bob', undefined, 5, 50, 'zed'],
];

before(async () => {
  await ticketTable.initialize();
  for (const [project, id, title, assignee, state, priority, opened, reporter] of tickets) {
    await Ticket.create({ project, id, title, body: `body of ${id}`, assignee, state, priority, opened, reporter });
  }
});

const ids = (items) => items.map((t) => t.id);
const fields = (item) => Object.keys(item.toJSON()).sort();

test('the schema indexes reach DescribeTable with their keys and projections', async () => {
  const { Table } = await makeClient().send(new DescribeTableCommand({ TableName: TICKETS }));
  const gsis = Object.fromEntries(Table.GlobalSecondaryIndexes.map((g) => [g.IndexName, g]));
  assert.deepEqual(Object.keys(gsis).sort(), ['byAssignee', 'byReporter', 'stateGlobalIndex']);
  assert.deepEqual(gsis.byAssignee.KeySchema, [
    { AttributeName: 'assignee', KeyType: 'HASH' }, { AttributeName: 'priority', KeyType: 'RANGE' }]);
  assert.deepEqual(gsis.byAssignee.Projection, { ProjectionType: 'INCLUDE', NonKeyAttributes: ['title'] });
  assert.deepEqual(gsis.stateGlobalIndex.Projection, { ProjectionType: 'KEYS_ONLY' });
  assert.deepEqual(gsis.byReporter.Projection, { ProjectionType: 'ALL' });
  assert.equal(Table.LocalSecondaryIndexes.length, 1);
  assert.deepEqual(Table.LocalSecondaryIndexes[0].KeySchema, [
    { AttributeName: 'project', KeyType: 'HASH' }, { AttributeName: 'opened', KeyType: 'RANGE' }]);
  assert.deepEqual(Table.LocalSecondaryIndexes[0].Projection, { ProjectionType: 'KEYS_ONLY' });
});

test('Model.query(...).using(name) on global indexes', async () => {
  const ann = await Ticket.query('assignee').eq('ann').using('byAssignee').exec();
  assert.deepEqual(ids(ann), ['t3', 't4', 't1'], 'ordered by the rangeKey priority');
  assert.deepEqual(fields(ann[0]), ['assignee', 'id', 'priority', 'project', 'title'], 'INCLUDE projection');
  const urgent = await Ticket.query('assignee').eq('ann').where('priority').ge(2).using('byAssignee')
    .sort('descending').exec();
  assert.deepEqual(ids(urgent), ['t1', 't4']);

  const zed = await Ticket.query('reporter').eq('zed').using('byReporter').exec();
  assert.deepEqual(ids(zed).sort(), ['t1', 't3', 't5']);
  assert.equal(zed.find((t) => t.id === 't5').body, 'body of t5', 'ALL projection');
});

test('Dynamoose picks the index from the query condition', async () => {
  // state is only a global index hash key: the query goes to stateGlobalIndex,
  // whose KEYS_ONLY projection shows in the items; t5 has no state (sparse).
  const open = await Ticket.query('state').eq('open').exec();
  assert.deepEqual(ids(open).sort(), ['t1', 't2', 't4']);
  for (const t of open) assert.deepEqual(fields(t), ['id', 'project', 'state']);

  const annUrgent = await Ticket.query('assignee').eq('ann').where('priority').gt(1).exec();
  assert.deepEqual(ids(annUrgent), ['t4', 't1']);
  assert.deepEqual(fields(annUrgent[0]), ['assignee', 'id', 'priority', 'project', 'title']);

  // opened is the local index's sort key: the local index, ordered by opened.
  const early = await Ticket.query('project').eq('p1').where('opened').lt(400).exec();
  assert.deepEqual(ids(early), ['t2', 't3']);
  assert.deepEqual(fields(early[0]), ['id', 'opened', 'project']);
});

test('Model.query(...).using(name) on the local index', async () => {
  const p1 = await Ticket.query('project').eq('p1').using('openedLocal').exec();
  assert.deepEqual(p1.map((t) => t.opened), [100, 300, 500]);
  const latest = await Ticket.query('project').eq('p1').using('openedLocal').sort('descending').limit(1).exec();
  assert.deepEqual(ids(latest), ['t1']);
  assert.ok(latest.lastKey, 'a limited index query returns a lastKey');
  const rest = await Ticket.query('project').eq('p1').using('openedLocal').sort('descending')
    .startAt(latest.lastKey).exec();
  assert.deepEqual(ids(rest), ['t3', 't2']);
});
