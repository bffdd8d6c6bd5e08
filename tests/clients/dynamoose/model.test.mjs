// Dynamoose 4 models against dynarock: schemas with every attribute type,
// required/default/validate, nested objects, sets, create/get/update/delete,
// item methods (save, delete, toJSON, original) and conditional saves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import dynamoose, { tableName, expectError } from '../lib/dynamoose.mjs';

const userSchema = new dynamoose.Schema({
  id: { type: String, hashKey: true },
  name: { type: String, required: true },
  email: { type: String, validate: (v) => /^[^@\s]+@[^@\s]+$/.test(v) },
  age: { type: Number, validate: (v) => v >= 0 && v < 150 },
  admin: { type: Boolean, default: false },
  joined: { type: Date, default: () => new Date('2024-01-02T03:04:05.678Z') },
  avatar: Buffer,
  roles: { type: Set, schema: [String] },
  luckyNumbers: { type: Set, schema: [Number] },
  address: {
    type: Object,
    schema: {
      street: String,
      city: { type: String, required: true },
      geo: { type: Object, schema: { lat: Number, lon: Number } },
    },
  },
  nicknames: { type: Array, schema: [String] },
  logins: { type: Array, schema: [{ type: Object, schema: { at: Number, ip: String } }] },
  status: { type: String, enum: ['active', 'suspended'], default: 'active' },
  visits: { type: Number, default: 0 },
});
const User = dynamoose.model(tableName('DynUser'), userSchema);

test('create and get keep every schema type', async () => {
  const created = await User.create({
    id: 'u1', name: 'Ada', email: 'ada@example.com', age: 36,
    avatar: Buffer.from('png-bytes'), roles: new Set(['dev', 'ops']), luckyNumbers: new Set([3, 7]),
    address: { street: '1 Main St', city: 'London', geo: { lat: 51.5, lon: -0.12 } },
    nicknames: ['countess', 'enchantress'], logins: [{ at: 1, ip: '10.0.0.1' }, { at: 2, ip: '10.0.0.2' }],
  });
  assert.equal(created.admin, false, 'default applied on create');

  const user = await User.get('u1');
  assert.ok(user, 'item found');
  assert.equal(user.name, 'Ada');
  assert.equal(user.age, 36);
  assert.equal(user.admin, false);
  assert.ok(user.joined instanceof Date);
  assert.equal(user.joined.toISOString(), '2024-01-02T03:04:05.678Z');
  assert.ok(Buffer.isBuffer(user.avatar) || user.avatar instanceof Uint8Array);
  assert.equal(Buffer.from(user.avatar).toString(), 'png-bytes');
  assert.deepEqual(user.roles, new Set(['dev', 'ops']));
  assert.deepEqual(user.luckyNumbers, new Set([3, 7]));
  assert.deepEqual(user.address, { street: '1 Main St', city: 'London', geo: { lat: 51.5, lon: -0.12 } });
  assert.deepEqual(user.nicknames, ['countess', 'enchantress']);
  assert.deepEqual(user.logins, [{ at: 1, ip: '10.0.0.1' }, { at: 2, ip: '10.0.0.2' }]);
  assert.equal(user.status, 'active');

  // Get by key object, with selected attributes.
  const partial = await User.get({ id: 'u1' }, { attributes: ['name', 'age'] });
  assert.deepEqual(partial.toJSON(), { name: 'Ada', age: 36 });

  assert.equal(await User.get('nobody'), undefined);
});

test('required, validate and enum are enforced before the write', async () => {
  await assert.rejects(User.create({ id: 'bad1' }), (e) => e.name === 'ValidationError' && /name is a required property/.test(e.message));
  await assert.rejects(User.create({ id: 'bad2', name: 'x', email: 'not-an-email' }), { name: 'ValidationError' });
  await assert.rejects(User.create({ id: 'bad3', name: 'x', age: -1 }), { name: 'ValidationError' });
  await assert.rejects(User.create({ id: 'bad4', name: 'x', status: 'gone' }), { name: 'ValidationError' });
  await assert.rejects(User.create({ id: 'bad5', name: 'x', address: { street: 'no city' } }), { name: 'ValidationError' });
  await assert.rejects(User.create({ id: 'bad6', name: 'x', age: 'old' }), { name: 'TypeMismatch' });
  for (const id of ['bad1', 'bad2', 'bad3', 'bad4', 'bad5', 'bad6']) {
    assert.equal(await User.get(id), undefined, `${id} was not written`);
  }
});

test('Model.update with $SET, $ADD, $REMOVE and $DELETE', async () => {
  await User.create({
    id: 'u2', name: 'Bob', age: 40, roles: new Set(['a', 'b', 'c']), nicknames: ['bobby'],
    address: { city: 'Bergen', street: 'Bryggen' },
  });
  let user = await User.update({ id: 'u2' }, { name: 'Robert' });
  assert.equal(user.name, 'Robert');
  assert.equal(user.age, 40);

  user = await User.update({ id: 'u2' }, {
    $SET: { email: 'rob@example.com', address: { city: 'Oslo', street: 'Bryggen' } },
    $ADD: { visits: 5, age: 1, roles: ['d'], nicknames: ['rob'] },
  });
  assert.equal(user.visits, 5);
  assert.equal(user.age, 41);
  assert.deepEqual(user.roles, new Set(['a', 'b', 'c', 'd']));
  assert.deepEqual(user.nicknames, ['bobby', 'rob']);
  assert.deepEqual(user.address, { city: 'Oslo', street: 'Bryggen' });

  user = await User.update({ id: 'u2' }, { $REMOVE: ['email'], $DELETE: { roles: ['a', 'b'] } });
  assert.equal(user.email, undefined);
  assert.deepEqual(user.roles, new Set(['c', 'd']));

  // Validation also runs on update.
  await assert.rejects(User.update({ id: 'u2' }, { age: 1000 }), { name: 'ValidationError' });

  // An update with a condition that does not hold fails with DynamoDB's error.
  await expectError(() => User.update({ id: 'u2' }, { name: 'Nope' }, {
    condition: new dynamoose.Condition('age').lt(18),
  }), 'ConditionalCheckFailedException');
  assert.equal((await User.get('u2')).name, 'Robert');
});

test('item methods: save, toJSON, original, delete', async () => {
  const user = new User({ id: 'u3', name: 'Cy', age: 20, roles: new Set(['x']) });
  assert.equal(user.original(), null, 'a new item has no original');
  await user.save();
  const fetched = await User.get('u3');
  assert.equal(fetched.original().name, 'Cy');
  fetched.name = 'Cyrus';
  fetched.age += 1;
  assert.equal(fetched.original().name, 'Cy', 'original is what DynamoDB returned');
  await fetched.save();
  const again = await User.get('u3');
  assert.deepEqual(
    { ...again.toJSON(), joined: again.joined.toISOString(), roles: [...again.roles] },
    { id: 'u3', name: 'Cyrus', age: 21, admin: false, status: 'active', visits: 0,
      joined: '2024-01-02T03:04:05.678Z', roles: ['x'] });

  await again.delete();
  assert.equal(await User.get('u3'), undefined);
  await User.create({ id: 'u4', name: 'Di' });
  await User.delete('u4');
  assert.equal(await User.get('u4'), undefined);
  await User.delete({ id: 'never-there' }); // deleting a missing item is not an error
});

test('conditional saves: overwrite:false and condition', async () => {
  await User.create({ id: 'u5', name: 'Eve', age: 30 });
  // create() never overwrites.
  await expectError(() => User.create({ id: 'u5', name: 'Mallory' }), 'ConditionalCheckFailedException');
  await expectError(() => new User({ id: 'u5', name: 'Mallory' }).save({ overwrite: false }),
    'ConditionalCheckFailedException');
  assert.equal((await User.get('u5')).name, 'Eve');

  const eve = await User.get('u5');
  eve.age = 31;
  await expectError(() => eve.save({ condition: new dynamoose.Condition('age').eq(99) }),
    'ConditionalCheckFailedException');
  await eve.save({ condition: new dynamoose.Condition('age').eq(30).and().where('name').beginsWith('E') });
  assert.equal((await User.get('u5')).age, 31);

  await expectError(() => User.delete('u5', { condition: new dynamoose.Condition('admin').eq(true) }),
    'ConditionalCheckFailedException');
  await User.delete('u5', { condition: new dynamoose.Condition('admin').eq(false).and().where('age').exists() });
  assert.equal(await User.get('u5'), undefined);
});

test('hash and range key model', async () => {
  const Message = dynamoose.model(tableName('DynMessage'), new dynamoose.Schema({
    room: { type: String, hashKey: true },
    sentAt: { type: Number, rangeKey: true },
    text: { type: String, required: true },
  }));
  await Message.create({ room: 'r', sentAt: 2, text: 'second' });
  await Message.create({ room: 'r', sentAt: 1, text: 'first' });
  assert.equal((await Message.get({ room: 'r', sentAt: 1 })).text, 'first');
  const updated = await Message.update({ room: 'r', sentAt: 2 }, { text: 'edited' });
  assert.equal(updated.text, 'edited');
  await Message.delete({ room: 'r', sentAt: 1 });
  assert.equal(await Message.get({ room: 'r', sentAt: 1 }), undefined);
});
