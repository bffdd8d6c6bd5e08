// 03-conditional.mjs: writes that happen only if a condition holds.
import dynamoose from 'dynamoose';
import { Song } from './music.mjs';

// create() refuses to replace an existing item.
try {
  await Song.create({ artist: 'The Beatles', title: 'Help!', year: 1999 });
} catch (error) {
  console.log(`create of an existing song: ${error.name}`);
}

// Optimistic locking: update only if nobody changed plays since we read it.
const song = await Song.get({ artist: 'The Beatles', title: 'Help!' });
const seen = song.plays;
await Song.update({ artist: 'The Beatles', title: 'Help!' }, { plays: seen + 1 },
  { condition: new dynamoose.Condition('plays').eq(seen) });
console.log(`plays after the first update: ${seen + 1}`);
try {
  // Still expects the old value: someone (we) changed it in between.
  await Song.update({ artist: 'The Beatles', title: 'Help!' }, { plays: seen + 1 },
    { condition: new dynamoose.Condition('plays').eq(seen) });
} catch (error) {
  console.log(`second update with a stale value: ${error.name}`);
}

// Delete only songs without tags.
try {
  await Song.delete({ artist: 'Nina Simone', title: 'Feeling Good' },
    { condition: new dynamoose.Condition('tags').not().exists() });
} catch (error) {
  console.log(`delete of a tagged song: ${error.name}`);
}
