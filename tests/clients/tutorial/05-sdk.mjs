// 05-sdk.mjs: the same table through the AWS SDK for JavaScript v3.
import { DynamoDBClient, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient, PutCommand, GetCommand, UpdateCommand, paginateQuery,
} from '@aws-sdk/lib-dynamodb';
import { clientConfig } from './music.mjs';

// The document client turns plain JavaScript values into DynamoDB's typed JSON.
const client = new DynamoDBClient(clientConfig);
const docs = DynamoDBDocumentClient.from(client);

await docs.send(new PutCommand({
  TableName: 'Music',
  Item: { artist: 'Miles Davis', title: 'So What', year: 1959, genre: 'jazz', plays: 0 },
}));
const { Item } = await docs.send(new GetCommand({
  TableName: 'Music', Key: { artist: 'Miles Davis', title: 'So What' },
}));
console.log(`got: ${Item.title} by ${Item.artist} (${Item.year})`);

// A conditional write fails with ConditionalCheckFailedException.
try {
  await docs.send(new UpdateCommand({
    TableName: 'Music',
    Key: { artist: 'Miles Davis', title: 'So What' },
    UpdateExpression: 'SET plays = plays + :one',
    ConditionExpression: '#y > :year',
    ExpressionAttributeNames: { '#y': 'year' },          // "year" is a reserved word
    ExpressionAttributeValues: { ':one': 1, ':year': 2000 },
  }));
} catch (error) {
  console.log(`conditional update: ${error.name}`);
}

// paginateQuery follows LastEvaluatedKey for you, one page per loop.
const pages = paginateQuery({ client: docs, pageSize: 2 }, {
  TableName: 'Music',
  KeyConditionExpression: 'artist = :a AND begins_with(title, :t)',
  ExpressionAttributeValues: { ':a': 'The Beatles', ':t': 'H' },
});
for await (const page of pages) {
  console.log(`page: ${page.Items.map((song) => song.title).join(', ') || '(empty)'}`);
}

// Clean up, so the tutorial can be run again from the start.
await client.send(new DeleteTableCommand({ TableName: 'Music' }));
console.log('deleted table Music');
