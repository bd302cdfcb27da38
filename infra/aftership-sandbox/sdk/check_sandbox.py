"""Drives the AfterShip sandbox with AfterShip's official Python SDK (aftership-tracking-sdk, dated API).

Usage: check_sandbox.py BASE_URL API_KEY. Prints one line per check and exits non-zero on the first one
the sandbox answers differently from AfterShip (run by SandboxPythonSdkTest).
"""
import sys

import tracking
from tracking import auth, exceptions


def main(base_url: str, api_key: str) -> int:
    sdk = tracking.Client(tracking.Configuration(api_key=api_key, authentication_type=auth.ApiKey,
                                                 domain=base_url, max_retry=0))
    number = "1Z999AA10123456790"
    req = tracking.CreateTrackingRequest()
    req.tracking_number = number
    req.slug = "ups"
    req.order_id = "5551234"
    created = sdk.tracking.create_tracking(req).data
    check(created.id, "create: a tracking id")
    check(created.slug == "ups" and created.tracking_number == number, "create: slug and number as sent")
    check(created.order_id == "5551234", "create: order_id as sent")

    by_id = sdk.tracking.get_tracking_by_id(created.id).data
    check(by_id.id == created.id and by_id.slug == "ups", "get by id: the same tracking")

    listed = sdk.tracking.get_trackings(tracking_numbers=number).data
    check([t.id for t in listed.trackings] == [created.id], "list by number: only that tracking")

    check(meta_code(lambda: sdk.tracking.create_tracking(req)) == 4003, "create again: 4003")
    check(meta_code(lambda: sdk.tracking.get_tracking_by_id("nosuchtracking00000000001")) == 4004,
          "get unknown: 4004")
    print("ok")
    return 0


def meta_code(call):
    try:
        call()
    except exceptions.ApiException as e:
        return e.meta_code
    return None


def check(condition, what):
    if not condition:
        print("FAILED " + what)
        sys.exit(1)
    print("passed " + what)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
