// Dynamoose 4 queries and scans against dynarock: Model.query with eq,
// where, between, beginsWith, sort, limit, startAt paging, count, all();
// scans with conditions and parallel segments; global and local indexes
// queried with .using(name).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import dynamoose, { tableName } from '../lib/dynamoose.mjs';

const POSTS = tableName('DynPost');
const Post = dynamoose.model(POSTS, new dynamoose.Schema({
  author: { type: String, hashKey: true },
  slug: { type: String, rangeKey: true },
  title: String,
  likes: { type: Number, index: { name: 'likesLocal', type: 'local' } },
  category: { type: String, index: { name: 'byCategory', type: 'global', rangeKey: 'publishedAt' } },
  publishedAt: Number,
  tags: { type: Set, schema: [String] },
  draft: { type: Boolean, default: false },
}));

const posts = [
  ['ann', '2024-01-hello', 'Hello', 5, 'news', 100, ['intro']],
  ['ann', '2024-02-rocks', 'On RocksDB', 50, 'tech', 200, ['db', 'storage']],
  ['ann', '2024-03-keys', 'Key design', 20, 'tech', 300, ['db']],
  ['ann', '2025-01-newyear', 'New year', 1, 'news', 400, ['intro']],
  ['bob', '2024-01-first', 'First', 7, 'tech', 150, ['misc']],
  ['bob', '2024-05-draft', 'Draft', 0, undefined, undefined, ['misc']],
];

// An explicit Table with initialize:false: initialize() rejects with the
// server's error if CreateTable fails (an implicit table would leave every
// call pending instead).
const postTable = new dynamoose.Table(POSTS, [Post], { initialize: false });

before(async () => {
  await postTable.initialize();
  for (const [author, slug, title, likes, category, publishedAt, tags] of posts) {
    await Post.create({ author, slug, title, likes, category, publishedAt, tags: new Set(tags), draft: !category });
  }
});

const slugs = (items) => items.map((p) => p.slug);

test('Model.query with eq, beginsWith, between and sort', async () => {
  assert.deepEqual(slugs(await Post.query('author').eq('ann').exec()),
    ['2024-01-hello', '2024-02-rocks', '2024-03-keys', '2025-01-newyear']);
  assert.deepEqual(slugs(await Post.query('author').eq('ann').where('slug').beginsWith('2024-').exec()),
    ['2024-01-hello', '2024-02-rocks', '2024-03-keys']);
  assert.deepEqual(slugs(await Post.query('author').eq('ann').where('slug').between('2024-02', '2024-12').exec()),
    ['2024-02-rocks', '2024-03-keys']);
  assert.deepEqual(slugs(await Post.query('author').eq('ann').sort('descending').limit(2).exec()),
    ['2025-01-newyear', '2024-03-keys']);
  // A condition object works as well as the chain.
  const cond = new dynamoose.Condition('author').eq('bob').and().where('slug').gt('2024-02');
  assert.deepEqual(slugs(await Post.query(cond).exec()), ['2024-05-draft']);
});

test('query filters on non-key attributes, attributes, count', async () => {
  const popular = await Post.query('author').eq('ann').where('title').in(['Key design', 'New year']).exec();
  assert.deepEqual(slugs(popular), ['2024-03-keys', '2025-01-newyear']);
  assert.equal(popular.count, 2);
  // likes is the local index's sort key, so Dynamoose queries that index: ordered by likes.
  const liked = await Post.query('author').eq('ann').where('likes').ge(20).exec();
  assert.deepEqual(slugs(liked), ['2024-03-keys', '2024-02-rocks']);

  const tagged = await Post.query('author').eq('ann').where('tags').contains('db').and().where('title').beginsWith('On').exec();
  assert.deepEqual(slugs(tagged), ['2024-02-rocks']);

  const someFields = await Post.query('author').eq('bob').attributes(['slug', 'likes']).exec();
  assert.deepEqual(someFields.map((p) => p.toJSON()), [{ slug: '2024-01-first', likes: 7 }, { slug: '2024-05-draft', likes: 0 }]);

  const counted = await Post.query('author').eq('ann').count().exec();
  assert.equal(counted.count, 4);

  const notIn = await Post.query('author').eq('ann').where('category').not().eq('news').exec();
  assert.deepEqual(slugs(notIn), ['2024-02-rocks', '2024-03-keys']);
});

test('paging with limit and startAt, and all()', async () => {
  const seen = [];
  let page = await Post.query('author').eq('ann').limit(3).exec();
  seen.push(...slugs(page));
  assert.ok(page.lastKey, 'a full page has a lastKey');
  let pages = 1;
  while (page.lastKey) {
    page = await Post.query('author').eq('ann').limit(3).startAt(page.lastKey).exec();
    seen.push(...slugs(page));
    pages += 1;
    assert.ok(pages < 10);
  }
  assert.deepEqual(seen, ['2024-01-hello', '2024-02-rocks', '2024-03-keys', '2025-01-newyear']);

  const all = await Post.query('author').eq('ann').limit(1).all().exec();
  assert.equal(all.length, 4);
  assert.ok(all.timesQueried >= 4);
});

test('scan with conditions and in parallel', async () => {
  const tech = await Post.scan('category').eq('tech').exec();
  assert.deepEqual(slugs(tech).sort(), ['2024-01-first', '2024-02-rocks', '2024-03-keys']);
  const busy = await Post.scan('likes').gt(5).and().where('draft').eq(false).exec();
  assert.deepEqual(slugs(busy).sort(), ['2024-01-first', '2024-02-rocks', '2024-03-keys']);
  const missing = await Post.scan('category').not().exists().exec();
  assert.deepEqual(slugs(missing), ['2024-05-draft']);
  const inList = await Post.scan('author').in(['bob']).exec();
  assert.equal(inList.length, 2);

  const parallel = await Post.scan().parallel(3).exec();
  assert.equal(parallel.length, posts.length);
  assert.equal(new Set(parallel.map((p) => `${p.author}/${p.slug}`)).size, posts.length);

  const everything = await Post.scan().limit(2).all().exec();
  assert.equal(everything.length, posts.length);
  const counted = await Post.scan().count().exec();
  assert.equal(counted.count, posts.length);
});

test('global and local indexes with .using()', async () => {
  const news = await Post.query('category').eq('news').using('byCategory').exec();
  assert.deepEqual(slugs(news), ['2024-01-hello', '2025-01-newyear'], 'ordered by publishedAt');
  const recentTech = await Post.query('category').eq('tech').where('publishedAt').ge(150).using('byCategory').exec();
  assert.deepEqual(slugs(recentTech), ['2024-01-first', '2024-02-rocks', '2024-03-keys']);
  const desc = await Post.query('category').eq('tech').using('byCategory').sort('descending').exec();
  assert.deepEqual(slugs(desc), ['2024-03-keys', '2024-02-rocks', '2024-01-first']);

  const byLikes = await Post.query('author').eq('ann').using('likesLocal').exec();
  assert.deepEqual(byLikes.map((p) => p.likes), [1, 5, 20, 50]);
  const liked = await Post.query('author').eq('ann').where('likes').between(5, 25).using('likesLocal').exec();
  assert.deepEqual(slugs(liked), ['2024-01-hello', '2024-03-keys']);
});
