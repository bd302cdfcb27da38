"""Tests of stream_readers.py, and the rule itself on template.yaml: never more than two readers
(event source mappings, pipes) on one DynamoDB stream.

Run: infra/lint/.venv-sam/bin/python -m unittest discover -s infra/lint -p 'test_*.py'
"""

import io
import sys
import tempfile
import textwrap
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import stream_readers  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def consumer(name: str) -> str:
    return f"""
  {name}:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: java25
      Handler: a.{name}::handleRequest
      CodeUri: target/{name}.jar
      Events:
        Stream:
          Type: DynamoDB
          Properties:
            Stream: !GetAtt Table.StreamArn
            StartingPosition: TRIM_HORIZON
"""


def template(*consumers: str, extra: str = "") -> str:
    return """
Transform: AWS::Serverless-2016-10-31
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
      KeySchema: [{AttributeName: pk, KeyType: HASH}]
      StreamSpecification: {StreamViewType: NEW_AND_OLD_IMAGES}
""" + "".join(consumer(c) for c in consumers) + extra


PIPE = """
  Pipe:
    Type: AWS::Pipes::Pipe
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/pipe
      Source: !GetAtt Table.StreamArn
      Target: arn:aws:sqs:us-east-1:123456789012:q
"""


class StreamReadersTest(unittest.TestCase):

    def check(self, text: str) -> tuple[bool, str]:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "template.yaml"
            path.write_text(textwrap.dedent(text))
            out = io.StringIO()
            return stream_readers.check(path, out=out), out.getvalue()

    def test_two_functions_on_one_stream_pass(self):
        ok, report = self.check(template("First", "Second"))
        self.assertTrue(ok, report)
        self.assertIn("Table.StreamArn: 2 reader(s), ok", report)

    def test_a_third_function_on_the_stream_fails_and_is_named(self):
        ok, report = self.check(template("First", "Second", "Third"))
        self.assertFalse(ok)
        self.assertIn("3 reader(s), MORE THAN 2 READERS", report)
        self.assertIn("ThirdStream", report)

    def test_a_pipe_is_a_reader_too(self):
        ok, report = self.check(template("First", "Second", extra=PIPE))
        self.assertFalse(ok, report)
        self.assertIn("Pipe (pipe)", report)

    def test_the_doorstep_template_has_at_most_two_readers_on_its_stream(self):
        out = io.StringIO()
        ok = stream_readers.check(ROOT / "template.yaml", out=out)
        self.assertTrue(ok, out.getvalue())
        self.assertIn("Table.StreamArn: 2 reader(s)", out.getvalue())


if __name__ == "__main__":
    unittest.main()
