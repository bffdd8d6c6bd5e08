"""boto3 against dynarock-server: the low-level client and the resource API.

create_table, put_item, get_item, update_item, query, scan (with paginators),
batch writes, queries on global and local indexes, conditional failures and
errors checked by error code. Run by
run.sh, which exports DYNAROCK_ENDPOINT and dummy credentials.
"""
import decimal
import os
import random
import string
import unittest

import boto3
from boto3.dynamodb.conditions import Attr, Key
from botocore.config import Config
from botocore.exceptions import ClientError, WaiterError

ENDPOINT = os.environ["DYNAROCK_ENDPOINT"]
CONFIG = Config(retries={"max_attempts": 1, "mode": "standard"})
SUFFIX = "".join(random.choices(string.ascii_lowercase, k=6))


def session():
    return boto3.session.Session(aws_access_key_id="AKIDDYNAROCKTEST",
                                 aws_secret_access_key="dynarock-test-secret",
                                 region_name="us-east-1")


class Boto3Test(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.client = session().client("dynamodb", endpoint_url=ENDPOINT, config=CONFIG)
        cls.resource = session().resource("dynamodb", endpoint_url=ENDPOINT, config=CONFIG)
        cls.name = f"boto3-{SUFFIX}"
        cls.client.create_table(
            TableName=cls.name,
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                  {"AttributeName": "sk", "AttributeType": "N"}],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                       {"AttributeName": "sk", "KeyType": "RANGE"}],
            BillingMode="PAY_PER_REQUEST")
        cls.client.get_waiter("table_exists").wait(
            TableName=cls.name, WaiterConfig={"Delay": 1, "MaxAttempts": 60})
        cls.table = cls.resource.Table(cls.name)

    def assertClientError(self, code, fn, *args, **kwargs):
        with self.assertRaises(ClientError) as ctx:
            fn(*args, **kwargs)
        self.assertEqual(ctx.exception.response["Error"]["Code"], code)
        self.assertEqual(ctx.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)
        return ctx.exception

    def test_describe_and_list(self):
        table = self.client.describe_table(TableName=self.name)["Table"]
        self.assertEqual(table["TableStatus"], "ACTIVE")
        self.assertEqual([k["AttributeName"] for k in table["KeySchema"]], ["pk", "sk"])
        names = []
        for page in self.client.get_paginator("list_tables").paginate(PaginationConfig={"PageSize": 1}):
            names.extend(page["TableNames"])
        self.assertIn(self.name, names)

    def test_low_level_put_get(self):
        self.client.put_item(TableName=self.name, Item={
            "pk": {"S": "low"}, "sk": {"N": "1"}, "blob": {"B": b"\x00\xffdata"},
            "nums": {"NS": ["1", "2.50"]}, "map": {"M": {"a": {"L": [{"BOOL": True}, {"NULL": True}]}}}})
        item = self.client.get_item(TableName=self.name, Key={"pk": {"S": "low"}, "sk": {"N": "1"}},
                                    ConsistentRead=True)["Item"]
        self.assertEqual(item["blob"]["B"], b"\x00\xffdata")
        self.assertEqual(sorted(item["nums"]["NS"]), ["1", "2.5"])
        self.assertEqual(item["map"], {"M": {"a": {"L": [{"BOOL": True}, {"NULL": True}]}}})
        missing = self.client.get_item(TableName=self.name, Key={"pk": {"S": "low"}, "sk": {"N": "2"}})
        self.assertNotIn("Item", missing)

    def test_resource_put_get_update(self):
        self.table.put_item(Item={"pk": "res", "sk": 1, "price": decimal.Decimal("9.99"),
                                  "tags": {"a", "b"}, "nested": {"list": [1, "two"]}})
        item = self.table.get_item(Key={"pk": "res", "sk": 1})["Item"]
        self.assertEqual(item["price"], decimal.Decimal("9.99"))
        self.assertEqual(item["tags"], {"a", "b"})
        self.assertEqual(item["nested"], {"list": [decimal.Decimal(1), "two"]})
        updated = self.table.update_item(
            Key={"pk": "res", "sk": 1},
            UpdateExpression="SET price = price + :d, #n = :n REMOVE nested ADD tags :c",
            ExpressionAttributeNames={"#n": "name"},
            ExpressionAttributeValues={":d": decimal.Decimal("0.01"), ":n": "thing", ":c": {"c"}},
            ReturnValues="ALL_NEW")["Attributes"]
        self.assertEqual(updated["price"], decimal.Decimal("10"))
        self.assertEqual(updated["name"], "thing")
        self.assertEqual(updated["tags"], {"a", "b", "c"})
        self.assertNotIn("nested", updated)

    def test_query_and_scan(self):
        with self.table.batch_writer() as batch:
            for i in range(40):
                batch.put_item(Item={"pk": "q", "sk": i, "odd": i % 2 == 1, "label": f"n{i:02d}"})
        items = self.table.query(KeyConditionExpression=Key("pk").eq("q") & Key("sk").between(10, 14))["Items"]
        self.assertEqual([int(i["sk"]) for i in items], [10, 11, 12, 13, 14])
        items = self.table.query(KeyConditionExpression=Key("pk").eq("q") & Key("sk").lt(3),
                                 ScanIndexForward=False)["Items"]
        self.assertEqual([int(i["sk"]) for i in items], [2, 1, 0])
        items = self.table.query(KeyConditionExpression=Key("pk").eq("q"),
                                 FilterExpression=Attr("odd").eq(True) & Attr("label").begins_with("n3"))["Items"]
        self.assertEqual([int(i["sk"]) for i in items], [31, 33, 35, 37, 39])

        # Paging by hand with Limit/ExclusiveStartKey.
        seen, kwargs, pages = [], {}, 0
        while True:
            page = self.table.query(KeyConditionExpression=Key("pk").eq("q"), Limit=7, **kwargs)
            seen.extend(int(i["sk"]) for i in page["Items"])
            pages += 1
            if "LastEvaluatedKey" not in page:
                break
            kwargs = {"ExclusiveStartKey": page["LastEvaluatedKey"]}
        self.assertEqual(seen, list(range(40)))
        self.assertGreaterEqual(pages, 6)

        # The low-level paginators.
        query_pages = self.client.get_paginator("query").paginate(
            TableName=self.name, KeyConditionExpression="pk = :p",
            ExpressionAttributeValues={":p": {"S": "q"}}, PaginationConfig={"PageSize": 9})
        self.assertEqual(sum(p["Count"] for p in query_pages), 40)
        scanned = []
        for page in self.client.get_paginator("scan").paginate(
                TableName=self.name, FilterExpression="pk = :p",
                ExpressionAttributeValues={":p": {"S": "q"}}, PaginationConfig={"PageSize": 11}):
            scanned.extend(int(i["sk"]["N"]) for i in page["Items"])
        self.assertEqual(sorted(scanned), list(range(40)))
        segments = [self.table.scan(Segment=s, TotalSegments=2, FilterExpression=Attr("pk").eq("q"))["Items"]
                    for s in range(2)]
        self.assertEqual(sorted(int(i["sk"]) for seg in segments for i in seg), list(range(40)))

    def test_conditional_failure(self):
        self.table.put_item(Item={"pk": "cond", "sk": 1, "v": 1})
        err = self.assertClientError("ConditionalCheckFailedException", self.table.put_item,
                                     Item={"pk": "cond", "sk": 1, "v": 2},
                                     ConditionExpression=Attr("pk").not_exists())
        self.assertEqual(err.response["Error"]["Message"], "The conditional request failed")
        self.assertEqual(self.table.get_item(Key={"pk": "cond", "sk": 1})["Item"]["v"], 1)
        self.table.delete_item(Key={"pk": "cond", "sk": 1}, ConditionExpression=Attr("v").eq(1))
        self.assertNotIn("Item", self.table.get_item(Key={"pk": "cond", "sk": 1}))

    def test_errors(self):
        err = self.assertClientError("ResourceNotFoundException", self.client.get_item,
                                     TableName=f"missing-{SUFFIX}", Key={"pk": {"S": "x"}, "sk": {"N": "1"}})
        self.assertTrue(err.response["Error"]["Message"].startswith("Requested resource not found"))
        err = self.assertClientError("ValidationException", self.client.put_item,
                                     TableName=self.name, Item={"pk": {"S": "x"}})
        self.assertEqual(err.response["Error"]["Message"],
                         "One or more parameter values were invalid: Missing the key sk in the item")
        self.assertClientError("ResourceInUseException", self.client.create_table,
                               TableName=self.name,
                               AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                               KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                               BillingMode="PAY_PER_REQUEST")
        with self.assertRaises(WaiterError):
            self.client.get_waiter("table_exists").wait(
                TableName=f"missing-{SUFFIX}", WaiterConfig={"Delay": 1, "MaxAttempts": 2})

    def test_index_query(self):
        name = f"boto3-idx-{SUFFIX}"
        self.client.create_table(
            TableName=name, BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "user", "AttributeType": "S"},
                                  {"AttributeName": "ts", "AttributeType": "N"},
                                  {"AttributeName": "city", "AttributeType": "S"},
                                  {"AttributeName": "score", "AttributeType": "N"}],
            KeySchema=[{"AttributeName": "user", "KeyType": "HASH"},
                       {"AttributeName": "ts", "KeyType": "RANGE"}],
            GlobalSecondaryIndexes=[{
                "IndexName": "byCity",
                "KeySchema": [{"AttributeName": "city", "KeyType": "HASH"},
                              {"AttributeName": "score", "KeyType": "RANGE"}],
                "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["note"]}}],
            LocalSecondaryIndexes=[{
                "IndexName": "byScore",
                "KeySchema": [{"AttributeName": "user", "KeyType": "HASH"},
                              {"AttributeName": "score", "KeyType": "RANGE"}],
                "Projection": {"ProjectionType": "KEYS_ONLY"}}])
        self.client.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 60})
        table = self.resource.Table(name)
        rows = [("ann", 1, "oslo", 30), ("ann", 2, "rome", 10), ("ann", 3, "oslo", 20),
                ("bob", 1, "oslo", 25), ("bob", 2, None, 5)]
        with table.batch_writer() as batch:
            for user, ts, city, score in rows:
                item = {"user": user, "ts": ts, "score": score, "note": f"{user}{ts}", "extra": "x"}
                if city:
                    item["city"] = city
                batch.put_item(Item=item)

        oslo = table.query(IndexName="byCity", KeyConditionExpression=Key("city").eq("oslo") & Key("score").gte(20))
        self.assertEqual([(i["user"], int(i["ts"])) for i in oslo["Items"]], [("ann", 3), ("bob", 1), ("ann", 1)])
        self.assertEqual(sorted(oslo["Items"][0]), ["city", "note", "score", "ts", "user"])
        self.assertEqual(oslo["Count"], 3)

        pages = self.client.get_paginator("query").paginate(
            TableName=name, IndexName="byCity", KeyConditionExpression="city = :c",
            ExpressionAttributeValues={":c": {"S": "oslo"}}, ScanIndexForward=False,
            PaginationConfig={"PageSize": 1})
        self.assertEqual([int(i["score"]["N"]) for p in pages for i in p["Items"]], [30, 25, 20])

        ann = table.query(IndexName="byScore", KeyConditionExpression=Key("user").eq("ann"))["Items"]
        self.assertEqual([int(i["score"]) for i in ann], [10, 20, 30])
        self.assertEqual(sorted(ann[0]), ["score", "ts", "user"])
        self.assertEqual(table.scan(IndexName="byCity")["Count"], 4)

        err = self.assertClientError("ValidationException", table.query, IndexName="byNothing",
                                     KeyConditionExpression=Key("city").eq("oslo"))
        self.assertEqual(err.response["Error"]["Message"], "The table does not have the specified index: byNothing")
        self.client.delete_table(TableName=name)

    def test_zz_delete_table(self):
        name = f"boto3-del-{SUFFIX}"
        self.client.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                                 AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                                 KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}])
        self.client.delete_table(TableName=name)
        self.client.get_waiter("table_not_exists").wait(TableName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 60})
        self.assertNotIn(name, self.client.list_tables()["TableNames"])


if __name__ == "__main__":
    unittest.main()
