"""moto's server mode with DynamoDB writes made atomic, as DynamoDB's are.

Started by MotoServer.java instead of the plain ``moto_server`` script, with the same arguments.

Why: moto 5 serves requests on many threads but its DynamoDB backend takes no lock, and
TransactWriteItems backs up every table it touches with ``copy.deepcopy`` and, when a condition
fails, puts the whole copy back. Under concurrency that loses writes: a PutItem that lands while a
failing transaction runs is erased by the rollback (we saw a webhook receipt vanish that way when
answers were cut and the SDK's retried transaction met its own condition), and two conditional
PutItems on one key can both pass their check. The deep copy also makes every transaction cost as
much as the table is large, so bursts slow down as they fill it.

What changes, and nothing else:
- Every DynamoDB item read and write runs under one lock, so a condition and its write are atomic.
- TransactWriteItems checks every condition first and writes only when all pass (what DynamoDB
  does), keeping a copy of just the items it writes in case moto refuses one of them midway.

Bounded memory (issue 18): a local runtime left running for a day must not grow without end. Plain
moto keeps, until a reset, every model object it ever made (each DynamoDB item version, stream
record, SQS message, shard iterator: ``BaseModel.instances_tracked``, read only by the
``/moto-api/data.json`` dashboard), every stream record, every shard iterator, every deleted SQS
receipt handle and every sent email. After an hour of scenario traffic one server held 11.7 GB. So:
- Only the sent-mail models are tracked for ``/moto-api/data.json`` (how tests and the local runtime
  read mail back), the newest ``DOORSTEP_MOTO_KEPT_EMAILS`` (1,000) of them; SES keeps as many.
- A stream keeps the newest ``DOORSTEP_MOTO_KEPT_STREAM_RECORDS`` (1,000) records plus whatever a live
  iterator has not read yet (DynamoDB itself keeps 24 hours); read records older than that go.
- The newest 1,000 shard iterators are kept (DynamoDB's expire after 15 minutes), and the newest
  10,000 deleted receipt handles per queue (deleting an old one again is then an invalid handle).
"""

import copy
import functools
import os
import threading

from moto.dynamodb.comparisons import get_filter_expression
from moto.dynamodb.exceptions import (
    ConditionalCheckFailed,
    MultipleTransactionsException,
    TooManyTransactionsException,
    TransactionCanceledException,
    TransactWriteSingleOpException,
)
from moto.core.common_models import BaseModel
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodbstreams.models import DynamoDBStreamsBackend
from moto.server import main
from moto.ses.models import Message as SesMessage
from moto.ses.models import RawMessage as SesRawMessage
from moto.ses.models import SESBackend
from moto.sqs.models import Queue

ITEM_LOCK = threading.RLock()
WRITES = ("Put", "Delete", "Update")


def _locked(method):
    @functools.wraps(method)
    def under_lock(*args, **kwargs):
        with ITEM_LOCK:
            return method(*args, **kwargs)

    return under_lock


def _key_of(backend, op_type, op):
    if op_type != "Put":
        return op["Key"]
    table = backend.get_table(op["TableName"])
    attrs = op["Item"]
    key = {table.hash_key_attr: attrs[table.hash_key_attr]}
    if table.range_key_attr is not None:
        key[table.range_key_attr] = attrs[table.range_key_attr]
    return key


def _parsed(backend, transact_items):
    """(op_type, op, key) for each item; the request errors moto raises before touching anything."""
    if len(transact_items) > 100:
        raise TooManyTransactionsException()
    parsed, seen = [], set()
    for item in transact_items:
        if len(item) > 1:
            raise TransactWriteSingleOpException
        op_type, op = next(iter(item.items()))
        if op_type not in ("ConditionCheck",) + WRITES:
            raise ValueError("Unsupported transaction operation")
        key = _key_of(backend, op_type, op)
        unique = (str(op["TableName"]), str(dict(sorted(key.items()))))
        if unique in seen:
            raise MultipleTransactionsException()
        seen.add(unique)
        parsed.append((op_type, op, key))
    return parsed


def _condition_errors(backend, parsed):
    """moto's (code, message, item) per item: (None, None, None) where the condition holds."""
    errors = []
    for op_type, op, key in parsed:
        condition = op.get("ConditionExpression")
        if condition is None:
            errors.append((None, None, None))
            continue
        current = backend.get_item(op["TableName"], key)
        holds = get_filter_expression(
            condition, op.get("ExpressionAttributeNames"), op.get("ExpressionAttributeValues")
        ).expr(current)
        if holds:
            errors.append((None, None, None))
            continue
        old = None
        if op.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD" and current:
            old = current.to_json()["Attributes"]
        errors.append(("ConditionalCheckFailed", ConditionalCheckFailed().message, old))
    return errors


def _write(backend, op_type, op, key):
    names, values = op.get("ExpressionAttributeNames"), op.get("ExpressionAttributeValues")
    if op_type == "Put":
        backend.put_item(op["TableName"], op["Item"], expression_attribute_names=names,
                         expression_attribute_values=values)
    elif op_type == "Delete":
        backend.delete_item(op["TableName"], key, expression_attribute_names=names,
                            expression_attribute_values=values)
    else:
        backend.update_item(op["TableName"], key, update_expression=op["UpdateExpression"],
                            expression_attribute_names=names, expression_attribute_values=values)


def _restore(backend, before):
    for (table_name, key), item in before:
        table = backend.get_table(table_name)
        hash_value, range_value = backend.get_keys_value(table, key)
        if item is None:
            try:
                backend.delete_item(table_name, key)
            except Exception:  # noqa: BLE001 - nothing was written there
                pass
        elif range_value is not None:
            table.items[hash_value][range_value] = item
        else:
            table.items[hash_value] = item


def transact_write_items(self, transact_items):
    with ITEM_LOCK:
        parsed = _parsed(self, transact_items)
        errors = _condition_errors(self, parsed)
        if any(code is not None for code, _, _ in errors):
            raise TransactionCanceledException(errors)
        before = [((op["TableName"], key), copy.deepcopy(self.get_item(op["TableName"], key)))
                  for op_type, op, key in parsed if op_type in WRITES]
        try:
            for op_type, op, key in parsed:
                if op_type in WRITES:
                    _write(self, op_type, op, key)
        except Exception as refused:
            _restore(self, before)
            errors = [(type(refused).__name__, str(refused), None)] + [(None, None, None)] * (len(parsed) - 1)
            raise TransactionCanceledException(errors) from refused


KEPT_EMAILS = int(os.environ.get("DOORSTEP_MOTO_KEPT_EMAILS", "1000"))
KEPT_STREAM_RECORDS = int(os.environ.get("DOORSTEP_MOTO_KEPT_STREAM_RECORDS", "1000"))
KEPT_SHARD_ITERATORS = 1000
KEPT_DELETED_RECEIPTS = 10000
MAIL_MODELS = (SesMessage, SesRawMessage)


def _new_model(cls, *args, **kwargs):
    """BaseModel.__new__ tracking only sent mail, and only the newest KEPT_EMAILS of it."""
    instance = object.__new__(cls)
    if issubclass(cls, MAIL_MODELS):
        tracked = cls.instances_tracked
        tracked.append(instance)
        if len(tracked) > KEPT_EMAILS:
            del tracked[: len(tracked) - KEPT_EMAILS]
    return instance


class _NewestOnly(list):
    """A list that forgets its oldest entries beyond a bound (SES's sent_messages)."""

    def __init__(self, bound):
        super().__init__()
        self.bound = bound

    def append(self, item):
        super().append(item)
        if len(self) > self.bound:
            del self[: len(self) - self.bound]


def _bounded_ses_init(original):
    @functools.wraps(original)
    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.sent_messages = _NewestOnly(KEPT_EMAILS)

    return init


def _trim_stream(backend, shard):
    """Drops read records beyond the newest KEPT_STREAM_RECORDS; never one a live iterator still needs."""
    excess = len(shard.items) - KEPT_STREAM_RECORDS
    if excess < KEPT_STREAM_RECORDS // 10:  # trim in steps, not at every read
        return
    positions = [it.sequence_number for it in backend.shard_iterators.values()
                 if it.stream_shard is shard and not getattr(it, "doorstep_superseded", False)]
    unread_from = min(positions, default=shard.starting_sequence_number + len(shard.items))
    drop = min(excess, unread_from - shard.starting_sequence_number)
    if drop > 0:
        del shard.items[:drop]
        shard.starting_sequence_number += drop


def _bounded_get_records(original):
    @functools.wraps(original)
    def get_records(self, iterator_arn, limit):
        with ITEM_LOCK:
            result = original(self, iterator_arn, limit)
            # The reader goes on from NextShardIterator; the one it used no longer holds records back.
            self.shard_iterators[iterator_arn].doorstep_superseded = True
            iterators = self.shard_iterators
            if len(iterators) > KEPT_SHARD_ITERATORS:
                for arn in list(iterators)[: len(iterators) - KEPT_SHARD_ITERATORS]:
                    del iterators[arn]
            shard = iterators[result["NextShardIterator"]].stream_shard
            _trim_stream(self, shard)
            return result

    return get_records


def _bounded_delete_message(original):
    @functools.wraps(original)
    def delete_message(self, receipt_handle):
        original(self, receipt_handle)
        if len(self.deleted_messages) > KEPT_DELETED_RECEIPTS:
            self.deleted_messages.clear()

    return delete_message


def bound_memory():
    BaseModel.__new__ = _new_model
    SESBackend.__init__ = _bounded_ses_init(SESBackend.__init__)
    DynamoDBStreamsBackend.get_records = _bounded_get_records(DynamoDBStreamsBackend.get_records)
    Queue.delete_message = _bounded_delete_message(Queue.delete_message)


def patch():
    bound_memory()
    for name in ("put_item", "get_item", "update_item", "delete_item"):
        setattr(DynamoDBBackend, name, _locked(getattr(DynamoDBBackend, name)))
    DynamoDBBackend.transact_write_items = transact_write_items


if __name__ == "__main__":
    if os.environ.get("DOORSTEP_PLAIN_MOTO") != "1":  # 1: moto as released, to compare
        patch()
    main()
