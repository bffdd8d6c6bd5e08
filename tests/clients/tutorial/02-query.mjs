// 02-query.mjs: queries read one partition, in sort-key order; scans read everything.
import { Song } from './music.mjs';

const show = (label, songs) => console.log(`${label}: ${songs.map((s) => s.title).join(', ')}`);

show('all Beatles songs', await Song.query('artist').eq('The Beatles').exec());
show('titles starting with "He"', await Song.query('artist').eq('The Beatles').where('title').beginsWith('He').exec());
show('last two titles', await Song.query('artist').eq('The Beatles').sort('descending').limit(2).exec());

// A condition on a non-key attribute filters after reading the partition.
show('from 1965', await Song.query('artist').eq('The Beatles').where('year').eq(1965).exec());

// The global index byGenre has its own keys: genre, then year.
show('rock 1966-1970', await Song.query('genre').eq('rock').where('year').between(1966, 1970).using('byGenre').exec());

// A scan looks at every item in the table; fine for small tables.
show('all songs from 1965', (await Song.scan('year').eq(1965).exec()).sort((a, b) => a.title.localeCompare(b.title)));
