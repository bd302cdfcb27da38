"""Tests of stack_cycles.py on tiny templates: a deliberate cycle must be caught, with its path, in
the parameter combination that makes it; a template without one must pass.

Run: infra/lint/.venv-sam/bin/python -m unittest discover -s infra/lint -p 'test_*.py'
(lint.sh runs them before the check itself.)
"""

import io
import sys
import tempfile
import textwrap
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import stack_cycles  # noqa: E402

# The shape of Doorstep's old bug in five resources: the sender's URL comes from the API unless a
# parameter gives one, the API routes to a function, the function reads the sender's alias.
ALIAS_CYCLE_UNLESS_URL = """
Transform: AWS::Serverless-2016-10-31
Parameters:
  AppUrl:
    Type: String
    Default: ""
Conditions:
  HasAppUrl: !Not [!Equals [!Ref AppUrl, ""]]
Resources:
  Api:
    Type: AWS::Serverless::HttpApi
  Sender:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: java25
      Handler: a.Sender::handleRequest
      CodeUri: target/sender.jar
      AutoPublishAlias: live
      Environment:
        Variables:
          URL: !If [HasAppUrl, !Ref AppUrl, !Sub "https://${Api}.execute-api.${AWS::Region}.amazonaws.com"]
  Webhook:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: java25
      Handler: a.Webhook::handleRequest
      CodeUri: target/webhook.jar
      AutoPublishAlias: live
      Environment:
        Variables:
          SENDER: !Ref Sender.Alias
      Events:
        Post:
          Type: HttpApi
          Properties:
            ApiId: !Ref Api
            Method: POST
            Path: /hook
"""

NO_CYCLE = """
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: !GetAtt Queue.QueueName
"""

PLAIN_CYCLE = """
Resources:
  First:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt Second.Arn
        maxReceiveCount: 3
  Second:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub "${Third.QueueName}-dlq"
  Third:
    Type: AWS::SQS::Queue
    DependsOn: First
"""


class StackCyclesTest(unittest.TestCase):

    def check(self, text: str, **kwargs) -> tuple[bool, str]:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "template.yaml"
            path.write_text(textwrap.dedent(text))
            out = io.StringIO()
            ok = stack_cycles.check(path, out=out, **kwargs)
            return ok, out.getvalue()

    def test_a_cycle_through_ref_getatt_sub_and_depends_on_is_caught_and_printed(self):
        ok, report = self.check(PLAIN_CYCLE, with_cfn_lint=False)
        self.assertFalse(ok)
        self.assertIn("First -> Second -> Third -> First", report)

    def test_a_cycle_that_only_the_sam_translation_and_one_condition_branch_show_is_caught(self):
        ok, report = self.check(ALIAS_CYCLE_UNLESS_URL, with_cfn_lint=False)
        self.assertFalse(ok)
        lines = report.splitlines()
        failing = [line for line in lines if "CYCLE" in line]
        # Only AppUrl = "" takes the !If branch through the API.
        self.assertEqual(1, len(failing), report)
        self.assertIn("AppUrl=''", failing[0])
        cycle = lines[lines.index(failing[0]) + 1]
        for resource in ("Api", "WebhookAliaslive", "Webhook", "SenderAliaslive", "Sender"):
            self.assertIn(resource, cycle.split(" -> "))
        self.assertTrue(any("AppUrl='doorstep-lint-other-value'" in line and "no cycle" in line for line in lines),
                        report)

    def test_cfn_lint_on_the_translated_template_reports_the_same_cycle(self):
        ok, report = self.check(ALIAS_CYCLE_UNLESS_URL)
        self.assertFalse(ok)
        self.assertIn("E3004", report)

    def test_a_template_without_a_cycle_passes(self):
        ok, report = self.check(NO_CYCLE)
        self.assertTrue(ok, report)

    def test_every_outcome_of_the_conditions_gets_a_case(self):
        template = {
            "Parameters": {"A": {"Type": "String", "Default": ""},
                           "B": {"Type": "String", "AllowedValues": ["x", "y", "z"], "Default": "x"}},
            "Conditions": {"HasA": {"Fn::Not": [{"Fn::Equals": [{"Ref": "A"}, ""]}]},
                           "IsY": {"Fn::Equals": ["y", {"Ref": "B"}]},
                           "Both": {"Fn::And": [{"Condition": "HasA"}, {"Condition": "IsY"}]}},
        }
        outcomes = {tuple(sorted(o.items())) for _, o in stack_cycles.condition_cases(template)}
        self.assertEqual(4, len(outcomes))
        self.assertIn((("Both", True), ("HasA", True), ("IsY", True)), outcomes)

    def test_sub_reads_resources_but_not_its_own_variables_or_escapes(self):
        resources = {"Api", "Role"}
        node = {"Fn::Sub": ["${Api}/${Role.Arn}/${!Literal}/${Local}", {"Local": "x"}]}
        self.assertEqual({"Api", "Role"}, stack_cycles.references(node, resources))
        shadowed = {"Fn::Sub": ["${Api}", {"Api": "value"}]}
        self.assertEqual(set(), stack_cycles.references(shadowed, resources))


if __name__ == "__main__":
    unittest.main()
