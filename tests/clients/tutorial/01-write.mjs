// 01-write.mjs: put a few songs, read one back, update it.
import { Song } from './music.mjs';

const songs = [
  { artist: 'The Beatles', title: 'Help!', album: 'Help!', year: 1965, genre: 'rock' },
  { artist: 'The Beatles', title: 'Hey Jude', year: 1968, genre: 'rock' },
  { artist: 'The Beatles', title: 'Let It Be', album: 'Let It Be', year: 1970, genre: 'rock' },
  { artist: 'The Beatles', title: 'Yesterday', album: 'Help!', year: 1965, genre: 'ballad' },
  { artist: 'Nina Simone', title: 'Feeling Good', year: 1965, genre: 'jazz', tags: new Set(['classic']) },
];
for (const song of songs) {
  await new Song(song).save();  // save() writes the whole item, replacing any old one
}

const jude = await Song.get({ artist: 'The Beatles', title: 'Hey Jude' });
console.log(`got: ${jude.title} (${jude.year}), plays: ${jude.plays}`);

// update() changes only what you name; $ADD increments a number atomically.
const updated = await Song.update(
  { artist: 'The Beatles', title: 'Hey Jude' },
  { $SET: { album: 'Hey Jude' }, $ADD: { plays: 3 } },
);
console.log(`updated: album ${updated.album}, plays: ${updated.plays}`);

// Validation happens before anything is sent.
try {
  await new Song({ artist: 'Nobody', title: 'No year' }).save();
} catch (error) {
  console.log(`rejected: ${error.name}`);
}
