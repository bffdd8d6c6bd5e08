// music.mjs: connect Dynamoose to dynarock and define the Song model.
import dynamoose from 'dynamoose';
import { DynamoDB } from '@aws-sdk/client-dynamodb';

// dynarock accepts any credentials and region unless started with --credentials.
export const endpoint = process.env.DYNAROCK_ENDPOINT ?? 'http://127.0.0.1:8000';
export const clientConfig = {
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
};
dynamoose.aws.ddb.set(new DynamoDB(clientConfig));

const songSchema = new dynamoose.Schema({
  artist: { type: String, hashKey: true },    // partition key
  title: { type: String, rangeKey: true },    // sort key: songs of an artist are kept in title order
  album: String,
  year: { type: Number, required: true, validate: (y) => y > 1800 && y < 3000 },
  genre: { type: String, index: { name: 'byGenre', type: 'global', rangeKey: 'year' } },
  plays: { type: Number, default: 0 },
  tags: { type: Set, schema: [String] },
});

// The table "Music" is created on first use, on demand (no capacity to plan).
export const Song = dynamoose.model('Music', songSchema, { throughput: 'ON_DEMAND' });
