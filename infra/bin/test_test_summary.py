"""Tests of test-summary: every test case counts, a @Nested class's too.

Run: python3 -m unittest discover -s infra/bin -p 'test_*.py'   (infra/bin/doorstep test runs it)
"""

import subprocess
import sys
import tempfile
import textwrap
import unittest
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent / "test-summary"

# What Surefire writes for a class with a @Nested class: the suite's tests="3" counts the outer class's
# own tests only; the nested ones are test cases with classname Outer$Inner in the same report.
REPORT = """\
<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="dev.doorstep.core.timing.TimingPolicyTest" tests="3" errors="0" skipped="1" failures="1">
  <testcase name="a" classname="dev.doorstep.core.timing.TimingPolicyTest" time="0.01"/>
  <testcase name="b" classname="dev.doorstep.core.timing.TimingPolicyTest" time="0.01">
    <failure message="expected 1">trace</failure>
  </testcase>
  <testcase name="c" classname="dev.doorstep.core.timing.TimingPolicyTest" time="0.01"><skipped/></testcase>
  <testcase name="d" classname="dev.doorstep.core.timing.TimingPolicyTest$TrackingCreation" time="0.01"/>
  <testcase name="e" classname="dev.doorstep.core.timing.TimingPolicyTest$TrackingCreation" time="0.01"/>
  <testcase name="f" classname="dev.doorstep.core.timing.TimingPolicyTest$TrackingCreation" time="0.01">
    <error message="boom" type="java.lang.IllegalStateException">trace</error>
  </testcase>
</testsuite>
"""

PASSING = """\
<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="dev.doorstep.local.LocalRuntimeTest" tests="2" errors="0" skipped="0" failures="0">
  <testcase name="g" classname="dev.doorstep.local.LocalRuntimeTest" time="0.01"/>
  <testcase name="h" classname="dev.doorstep.local.LocalRuntimeTest$Clock" time="0.01"/>
</testsuite>
"""


def summary(reports):
    with tempfile.TemporaryDirectory() as root:
        for module, text in reports.items():
            folder = Path(root, module, "target", "surefire-reports")
            folder.mkdir(parents=True)
            (folder / "TEST-x.xml").write_text(textwrap.dedent(text), encoding="utf-8")
        done = subprocess.run([sys.executable, str(SCRIPT), root], capture_output=True, text=True)
        return done.stdout.strip(), done.returncode


class TestSummaryTest(unittest.TestCase):

    def test_nested_test_cases_are_counted(self):
        line, status = summary({"functions/core": REPORT, "infra/local-runtime": PASSING})
        self.assertEqual("tests: 5 passed, 2 failed, 1 skipped", line)
        self.assertEqual(1, status)

    def test_all_passing_exits_zero(self):
        line, status = summary({"infra/local-runtime": PASSING})
        self.assertEqual("tests: 2 passed, 0 failed, 0 skipped", line)
        self.assertEqual(0, status)

    def test_no_reports_is_a_failure(self):
        line, status = summary({})
        self.assertEqual("tests: 0 passed, 0 failed, 0 skipped", line)
        self.assertEqual(1, status)


if __name__ == "__main__":
    unittest.main()
