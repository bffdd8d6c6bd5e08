// Points Dynamoose at the dynarock-server that run.sh started.
import dynamoose from 'dynamoose';
import { DynamoDB } from '@aws-sdk/client-dynamodb';
import { endpoint, region, credentials } from './env.mjs';

dynamoose.aws.ddb.set(new DynamoDB({ endpoint, region, credentials, maxAttempts: 1 }));
// On-demand tables; Dynamoose creates each table on first use and waits for
// it to be ACTIVE (polling DescribeTable).
dynamoose.Table.defaults.set({
  throughput: 'ON_DEMAND',
  create: true,
  waitForActive: { enabled: true, check: { timeout: 60000, frequency: 100 } },
});

export default dynamoose;
export { tableName, expectError } from './env.mjs';
