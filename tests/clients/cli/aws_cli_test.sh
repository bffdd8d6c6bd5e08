#!/usr/bin/env bash
# The AWS CLI against dynarock-server: create-table, put-item, get-item,
# update-item, query, scan, paging, delete, and errors (non-zero exit and the
# DynamoDB error name on stderr). Run by run.sh, which exports
# DYNAROCK_ENDPOINT, dummy credentials, AWS_BIN and no config from $HOME.
set -uo pipefail
: "${DYNAROCK_ENDPOINT:?run through tests/clients/run.sh}"
AWS_BIN=${AWS_BIN:-aws}
echo "aws cli: $("$AWS_BIN" --version 2>&1)"

failures=0
checks=0
ddb() { "$AWS_BIN" dynamodb --endpoint-url "$DYNAROCK_ENDPOINT" --output json "$@"; }
check() {  # check DESCRIPTION EXPECTED ACTUAL
  checks=$((checks + 1))
  if [[ "$2" == "$3" ]]; then
    echo "ok   $1"
  else
    echo "FAIL $1"
    echo "     expected: $2"
    echo "     actual:   $3"
    failures=$((failures + 1))
  fi
}
# expect_error DESCRIPTION ERROR_NAME COMMAND...: the command must fail and name the error.
expect_error() {
  local what=$1 name=$2; shift 2
  local err rc
  err=$("$@" 2>&1 >/dev/null)
  rc=$?
  checks=$((checks + 1))
  if ((rc != 0)) && [[ "$err" == *"($name)"* ]]; then
    echo "ok   $what (exit $rc, $name)"
  else
    echo "FAIL $what: exit $rc, stderr: $err"
    failures=$((failures + 1))
  fi
}

T="cli-music-$$-$RANDOM"

out=$(ddb create-table --table-name "$T" \
  --attribute-definitions AttributeName=Artist,AttributeType=S AttributeName=SongTitle,AttributeType=S \
  --key-schema AttributeName=Artist,KeyType=HASH AttributeName=SongTitle,KeyType=RANGE \
  --billing-mode PAY_PER_REQUEST --query 'TableDescription.[TableName,KeySchema[1].AttributeName]' --output text)
check "create-table" "$T	SongTitle" "$out"
ddb wait table-exists --table-name "$T"
check "wait table-exists" 0 $?
out=$(ddb describe-table --table-name "$T" --query 'Table.[TableStatus,BillingModeSummary.BillingMode]' --output text)
check "describe-table" "ACTIVE	PAY_PER_REQUEST" "$out"

for song in "Call Me Today:Somewhat Famous:2020" "Happy Day:Songs About Life:2019" "Blue Sky:Songs About Life:2021"; do
  IFS=: read -r title album year <<<"$song"
  ddb put-item --table-name "$T" --item "{\"Artist\":{\"S\":\"No One You Know\"},\"SongTitle\":{\"S\":\"$title\"},\"AlbumTitle\":{\"S\":\"$album\"},\"Year\":{\"N\":\"$year\"}}"
  check "put-item $title" 0 $?
done
ddb put-item --table-name "$T" --item '{"Artist":{"S":"Acme Band"},"SongTitle":{"S":"PartiQL Rocks"},"Year":{"N":"2018"}}'
check "put-item Acme" 0 $?

out=$(ddb get-item --table-name "$T" --key '{"Artist":{"S":"No One You Know"},"SongTitle":{"S":"Happy Day"}}' \
  --query 'Item.[AlbumTitle.S,Year.N]' --output text)
check "get-item" "Songs About Life	2019" "$out"
out=$(ddb get-item --table-name "$T" --key '{"Artist":{"S":"No One You Know"},"SongTitle":{"S":"Missing"}}')
check "get-item of a missing item prints nothing" "" "$out"

out=$(ddb update-item --table-name "$T" --key '{"Artist":{"S":"Acme Band"},"SongTitle":{"S":"PartiQL Rocks"}}' \
  --update-expression 'SET AlbumTitle = :a ADD Plays :one' \
  --expression-attribute-values '{":a":{"S":"Updated Album"},":one":{"N":"1"}}' \
  --return-values ALL_NEW --query 'Attributes.[AlbumTitle.S,Plays.N]' --output text)
check "update-item ALL_NEW" "Updated Album	1" "$out"

out=$(ddb query --table-name "$T" --key-condition-expression 'Artist = :a' \
  --expression-attribute-values '{":a":{"S":"No One You Know"}}' --query 'Items[].SongTitle.S' --output text)
check "query in sort-key order" "Blue Sky	Call Me Today	Happy Day" "$out"
out=$(ddb query --table-name "$T" --key-condition-expression 'Artist = :a AND begins_with(SongTitle, :p)' \
  --filter-expression '#y >= :y' --expression-attribute-names '{"#y":"Year"}' \
  --expression-attribute-values '{":a":{"S":"No One You Know"},":p":{"S":"Ca"},":y":{"N":"2000"}}' \
  --query 'Items[].SongTitle.S' --output text)
check "query begins_with and filter" "Call Me Today" "$out"
out=$(ddb query --table-name "$T" --key-condition-expression 'Artist = :a' --no-scan-index-forward \
  --expression-attribute-values '{":a":{"S":"No One You Know"}}' --query 'Items[].SongTitle.S' --output text)
check "query descending" "Happy Day	Call Me Today	Blue Sky" "$out"
# --page-size makes the CLI page with Limit/ExclusiveStartKey; in JSON output
# it joins the pages before applying --query (text output would apply it per page).
compact() { "${PYTHON_BIN:-python3}" -c 'import json,sys; print(json.dumps(json.load(sys.stdin)))'; }
out=$(ddb query --table-name "$T" --key-condition-expression 'Artist = :a' --page-size 1 \
  --expression-attribute-values '{":a":{"S":"No One You Know"}}' --query 'Items[].SongTitle.S' | compact)
check "query paged by the CLI" '["Blue Sky", "Call Me Today", "Happy Day"]' "$out"

out=$(ddb scan --table-name "$T" --query 'Count' --output text)
check "scan count" "4" "$out"
out=$(ddb scan --table-name "$T" --filter-expression 'AlbumTitle = :a' \
  --expression-attribute-values '{":a":{"S":"Songs About Life"}}' --query 'length(Items)' --output text)
check "scan with filter" "2" "$out"
out=$(ddb scan --table-name "$T" --page-size 1 --query 'Items[].SongTitle.S' | compact)
check "scan paged by the CLI" 4 "$(echo "$out" | "${PYTHON_BIN:-python3}" -c 'import json,sys; print(len(set(json.load(sys.stdin))))')"

for extra in a b; do
  ddb create-table --table-name "$T-$extra" --attribute-definitions AttributeName=k,AttributeType=S \
    --key-schema AttributeName=k,KeyType=HASH --billing-mode PAY_PER_REQUEST >/dev/null
done
out=$(ddb list-tables --page-size 1 --query "TableNames[?starts_with(@, '$T')]" | compact)
check "list-tables paged by the CLI" "[\"$T\", \"$T-a\", \"$T-b\"]" "$out"

expect_error "conditional put-item fails" ConditionalCheckFailedException \
  ddb put-item --table-name "$T" --item '{"Artist":{"S":"Acme Band"},"SongTitle":{"S":"PartiQL Rocks"}}' \
  --condition-expression 'attribute_not_exists(Artist)'
expect_error "get-item on a missing table" ResourceNotFoundException \
  ddb get-item --table-name "no-such-table-$$" --key '{"Artist":{"S":"x"},"SongTitle":{"S":"y"}}'
expect_error "put-item without the sort key" ValidationException \
  ddb put-item --table-name "$T" --item '{"Artist":{"S":"x"}}'
expect_error "create-table that exists" ResourceInUseException \
  ddb create-table --table-name "$T" --attribute-definitions AttributeName=Artist,AttributeType=S \
  --key-schema AttributeName=Artist,KeyType=HASH --billing-mode PAY_PER_REQUEST

ddb delete-item --table-name "$T" --key '{"Artist":{"S":"Acme Band"},"SongTitle":{"S":"PartiQL Rocks"}}'
check "delete-item" 0 $?
out=$(ddb scan --table-name "$T" --query 'Count' --output text)
check "scan after delete-item" "3" "$out"

ddb delete-table --table-name "$T" >/dev/null
check "delete-table" 0 $?
ddb wait table-not-exists --table-name "$T"
check "wait table-not-exists" 0 $?

echo "aws cli: $((checks - failures)) of $checks checks passed"
((failures == 0))
