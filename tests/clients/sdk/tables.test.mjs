// Table operations through the AWS SDK for JavaScript v3: create (hash,
// hash+range, on-demand, provisioned), describe, list with paging, update,
// delete, waiters, TTL, tags, DescribeEndpoints, DescribeLimits and the
// errors DynamoDB gives for each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateTableCommand, DescribeTableCommand, ListTablesCommand, UpdateTableCommand,
  DeleteTableCommand, DescribeTimeToLiveCommand, UpdateTimeToLiveCommand,
  TagResourceCommand, UntagResourceCommand, ListTagsOfResourceCommand,
  DescribeEndpointsCommand, DescribeLimitsCommand, paginateListTables,
  waitUntilTableExists, waitUntilTableNotExists,
} from '@aws-sdk/client-dynamodb';
import { makeClient, tableName, expectError, keySchema } from '../lib/env.mjs';

const client = makeClient();
const waiter = { client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 };

async function createOnDemand(name, hash = { id: 'S' }, range) {
  return client.send(new CreateTableCommand({
    TableName: name, ...keySchema(hash, range), BillingMode: 'PAY_PER_REQUEST',
  }));
}

test('CreateTable with a hash key, on demand, then DescribeTable', async () => {
  const name = tableName('hash');
  const created = await createOnDemand(name, { id: 'S' });
  const desc = created.TableDescription;
  assert.equal(desc.TableName, name);
  assert.deepEqual(desc.KeySchema, [{ AttributeName: 'id', KeyType: 'HASH' }]);
  assert.deepEqual(desc.AttributeDefinitions, [{ AttributeName: 'id', AttributeType: 'S' }]);
  assert.ok(['CREATING', 'ACTIVE'].includes(desc.TableStatus), desc.TableStatus);

  const result = await waitUntilTableExists(waiter, { TableName: name });
  assert.equal(result.state, 'SUCCESS');

  const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
  assert.equal(Table.TableName, name);
  assert.equal(Table.TableStatus, 'ACTIVE');
  assert.equal(Table.BillingModeSummary?.BillingMode, 'PAY_PER_REQUEST');
  assert.equal(Table.ProvisionedThroughput.ReadCapacityUnits, 0);
  assert.equal(Table.ProvisionedThroughput.WriteCapacityUnits, 0);
  assert.equal(Table.ItemCount, 0);
  assert.equal(Table.TableSizeBytes, 0);
  assert.ok(Table.CreationDateTime instanceof Date, 'CreationDateTime is a timestamp');
  assert.ok(Math.abs(Table.CreationDateTime.getTime() - Date.now()) < 24 * 3600 * 1000,
    `CreationDateTime ${Table.CreationDateTime.toISOString()} is in seconds since the epoch`);
  assert.match(Table.TableArn, new RegExp(`^arn:aws:dynamodb:[a-z0-9-]+:\\d{12}:table/${name}$`));
  assert.ok(Table.TableId, 'TableId is set');
});

test('CreateTable with hash and range keys, provisioned; UpdateTable throughput', async () => {
  const name = tableName('hashrange');
  const created = await client.send(new CreateTableCommand({
    TableName: name, ...keySchema({ pk: 'S' }, { sk: 'N' }),
    ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: 4 },
  }));
  assert.deepEqual(created.TableDescription.KeySchema, [
    { AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }]);
  await waitUntilTableExists(waiter, { TableName: name });

  let { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
  assert.equal(Table.ProvisionedThroughput.ReadCapacityUnits, 3);
  assert.equal(Table.ProvisionedThroughput.WriteCapacityUnits, 4);
  assert.notEqual(Table.BillingModeSummary?.BillingMode, 'PAY_PER_REQUEST');
  assert.deepEqual(
    [...Table.AttributeDefinitions].sort((a, b) => a.AttributeName.localeCompare(b.AttributeName)),
    [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }]);

  const updated = await client.send(new UpdateTableCommand({
    TableName: name, ProvisionedThroughput: { ReadCapacityUnits: 7, WriteCapacityUnits: 9 },
  }));
  assert.equal(updated.TableDescription.TableName, name);
  await waitUntilTableExists(waiter, { TableName: name });
  ({ Table } = await client.send(new DescribeTableCommand({ TableName: name })));
  assert.equal(Table.ProvisionedThroughput.ReadCapacityUnits, 7);
  assert.equal(Table.ProvisionedThroughput.WriteCapacityUnits, 9);

  // Switching to on-demand is an UpdateTable too.
  await client.send(new UpdateTableCommand({ TableName: name, BillingMode: 'PAY_PER_REQUEST' }));
  await waitUntilTableExists(waiter, { TableName: name });
  ({ Table } = await client.send(new DescribeTableCommand({ TableName: name })));
  assert.equal(Table.BillingModeSummary?.BillingMode, 'PAY_PER_REQUEST');
});

test('ListTables pages with Limit and ExclusiveStartTableName', async () => {
  const prefix = tableName('list');
  const names = [];
  for (let i = 0; i < 5; i++) {
    names.push(`${prefix}-${i}`);
    await createOnDemand(`${prefix}-${i}`);
  }
  // Manual loop, as applications write it.
  const seen = [];
  let start;
  let pages = 0;
  do {
    const page = await client.send(new ListTablesCommand({ Limit: 2, ExclusiveStartTableName: start }));
    assert.ok(page.TableNames.length <= 2, `page of ${page.TableNames.length} > Limit 2`);
    seen.push(...page.TableNames);
    start = page.LastEvaluatedTableName;
    if (start !== undefined) assert.equal(start, page.TableNames.at(-1));
    pages += 1;
    assert.ok(pages < 10000, 'paging terminates');
  } while (start !== undefined);
  for (const n of names) assert.ok(seen.includes(n), `${n} listed`);
  assert.deepEqual(seen, [...seen].sort(), 'names come in ascending order');
  assert.equal(new Set(seen).size, seen.length, 'no table listed twice');

  // The SDK's paginator walks the same pages.
  const viaPaginator = [];
  for await (const page of paginateListTables({ client, pageSize: 3 }, {})) {
    assert.ok(page.TableNames.length <= 3);
    viaPaginator.push(...page.TableNames);
  }
  for (const n of names) assert.ok(viaPaginator.includes(n), `${n} listed by paginator`);

  // A start name between tables starts strictly after it.
  const after = await client.send(new ListTablesCommand({ ExclusiveStartTableName: `${prefix}-2` }));
  assert.ok(!after.TableNames.includes(`${prefix}-2`));
  assert.ok(after.TableNames.includes(`${prefix}-3`));
  assert.ok(!after.TableNames.includes(`${prefix}-1`));
});

test('DeleteTable, then the table is gone (waitUntilTableNotExists)', async () => {
  const name = tableName('delete');
  await createOnDemand(name);
  await waitUntilTableExists(waiter, { TableName: name });
  const deleted = await client.send(new DeleteTableCommand({ TableName: name }));
  assert.equal(deleted.TableDescription.TableName, name);
  const result = await waitUntilTableNotExists(waiter, { TableName: name });
  assert.equal(result.state, 'SUCCESS');
  await expectError(() => client.send(new DescribeTableCommand({ TableName: name })),
    'ResourceNotFoundException', `Requested resource not found: Table: ${name} not found`);
  const { TableNames } = await client.send(new ListTablesCommand({}));
  assert.ok(!TableNames.includes(name));
  // The name can be used again.
  await createOnDemand(name, { other: 'N' });
  const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
  assert.equal(Table.KeySchema[0].AttributeName, 'other');
});

test('table errors: ResourceInUseException, ResourceNotFoundException, ValidationException', async () => {
  const name = tableName('errors');
  await createOnDemand(name);
  await expectError(() => createOnDemand(name), 'ResourceInUseException', `Table already exists: ${name}`);

  const missing = tableName('missing');
  await expectError(() => client.send(new DescribeTableCommand({ TableName: missing })),
    'ResourceNotFoundException', `Requested resource not found: Table: ${missing} not found`);
  await expectError(() => client.send(new DeleteTableCommand({ TableName: missing })),
    'ResourceNotFoundException', /^Requested resource not found/);
  await expectError(() => client.send(new UpdateTableCommand({
    TableName: missing, ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
  })), 'ResourceNotFoundException', /^Requested resource not found/);

  await expectError(() => createOnDemand('ab'), 'ValidationException',
    "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: " +
    'Member must have length greater than or equal to 3');
  await expectError(() => createOnDemand('bad name!'), 'ValidationException',
    "1 validation error detected: Value 'bad name!' at 'tableName' failed to satisfy constraint: " +
    'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+');
  await expectError(() => client.send(new CreateTableCommand({
    TableName: tableName('nothroughput'), ...keySchema({ id: 'S' }),
  })), 'ValidationException',
  'One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED');
  await expectError(() => client.send(new CreateTableCommand({
    TableName: tableName('both'), ...keySchema({ id: 'S' }), BillingMode: 'PAY_PER_REQUEST',
    ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
  })), 'ValidationException',
  'One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST');
  await expectError(() => client.send(new CreateTableCommand({
    TableName: tableName('extra'), BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }, { AttributeName: 'x', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  })), 'ValidationException',
  'One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions');
  await expectError(() => client.send(new ListTablesCommand({ Limit: 0 })), 'ValidationException',
    "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
});

test('TTL: DescribeTimeToLive and UpdateTimeToLive are stored', async () => {
  const name = tableName('ttl');
  await createOnDemand(name);
  await waitUntilTableExists(waiter, { TableName: name });  // DynamoDB refuses changes while CREATING
  let { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: name }));
  assert.equal(TimeToLiveDescription.TimeToLiveStatus, 'DISABLED');

  const updated = await client.send(new UpdateTimeToLiveCommand({
    TableName: name, TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' },
  }));
  assert.deepEqual(updated.TimeToLiveSpecification, { Enabled: true, AttributeName: 'expiresAt' });
  ({ TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: name })));
  assert.ok(['ENABLED', 'ENABLING'].includes(TimeToLiveDescription.TimeToLiveStatus),
    TimeToLiveDescription.TimeToLiveStatus);
  assert.equal(TimeToLiveDescription.AttributeName, 'expiresAt');

  await expectError(() => client.send(new UpdateTimeToLiveCommand({
    TableName: name, TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' },
  })), 'ValidationException', 'TimeToLive is already enabled');
  await expectError(() => client.send(new DescribeTimeToLiveCommand({ TableName: tableName('nottl') })),
    'ResourceNotFoundException');
});

test('tags: TagResource, ListTagsOfResource, UntagResource', async () => {
  const name = tableName('tags');
  const { TableDescription } = await createOnDemand(name);
  await waitUntilTableExists(waiter, { TableName: name });
  const arn = TableDescription.TableArn;
  assert.ok(arn, 'CreateTable returns the table ARN');
  let { Tags } = await client.send(new ListTagsOfResourceCommand({ ResourceArn: arn }));
  assert.deepEqual(Tags ?? [], []);

  await client.send(new TagResourceCommand({
    ResourceArn: arn, Tags: [{ Key: 'team', Value: 'storage' }, { Key: 'env', Value: 'test' }],
  }));
  ({ Tags } = await client.send(new ListTagsOfResourceCommand({ ResourceArn: arn })));
  const byKey = (a, b) => a.Key.localeCompare(b.Key);
  assert.deepEqual([...Tags].sort(byKey), [{ Key: 'env', Value: 'test' }, { Key: 'team', Value: 'storage' }]);

  // Tagging an existing key replaces its value.
  await client.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'env', Value: 'prod' }] }));
  await client.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['team'] }));
  ({ Tags } = await client.send(new ListTagsOfResourceCommand({ ResourceArn: arn })));
  assert.deepEqual(Tags, [{ Key: 'env', Value: 'prod' }]);

  // Tags given at creation are listed too.
  const tagged = tableName('tagged');
  const created = await client.send(new CreateTableCommand({
    TableName: tagged, ...keySchema({ id: 'S' }), BillingMode: 'PAY_PER_REQUEST',
    Tags: [{ Key: 'owner', Value: 'clients' }],
  }));
  await waitUntilTableExists(waiter, { TableName: tagged });
  ({ Tags } = await client.send(new ListTagsOfResourceCommand({ ResourceArn: created.TableDescription.TableArn })));
  assert.deepEqual(Tags, [{ Key: 'owner', Value: 'clients' }]);

  const missingArn = arn.replace(/table\/.*$/, `table/${tableName('notag')}`);
  await expectError(() => client.send(new ListTagsOfResourceCommand({ ResourceArn: missingArn })),
    'ResourceNotFoundException');
});

test('DescribeEndpoints and DescribeLimits', async () => {
  const endpoints = await client.send(new DescribeEndpointsCommand({}));
  assert.ok(endpoints.Endpoints.length >= 1);
  assert.equal(typeof endpoints.Endpoints[0].Address, 'string');
  assert.ok(endpoints.Endpoints[0].Address.length > 0);
  assert.equal(typeof endpoints.Endpoints[0].CachePeriodInMinutes, 'number');

  const limits = await client.send(new DescribeLimitsCommand({}));
  for (const field of ['AccountMaxReadCapacityUnits', 'AccountMaxWriteCapacityUnits',
    'TableMaxReadCapacityUnits', 'TableMaxWriteCapacityUnits']) {
    assert.equal(typeof limits[field], 'number', field);
    assert.ok(limits[field] > 0, field);
  }
});
