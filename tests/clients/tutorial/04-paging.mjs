// 04-paging.mjs: read a partition a page at a time.
import { Song } from './music.mjs';

// A page holds at most `limit` items. lastKey says where the next page starts;
// it is undefined on the last page. A full page always has a lastKey, so the
// last page can be empty: the server cannot know there is nothing more
// without reading on.
let page = await Song.query('artist').eq('The Beatles').limit(2).exec();
let number = 1;
for (;;) {
  console.log(`page ${number}: ${page.map((s) => s.title).join(', ') || '(empty)'}`);
  if (!page.lastKey) break;
  page = await Song.query('artist').eq('The Beatles').limit(2).startAt(page.lastKey).exec();
  number += 1;
}

// Or let Dynamoose fetch every page for you.
const all = await Song.query('artist').eq('The Beatles').limit(2).all().exec();
console.log(`all() fetched ${all.length} songs in ${all.timesQueried} requests`);
