#!/usr/bin/env python3
"""Writes the sample API Gateway HTTP API (payload 2.0) event for MerchantPageFunction: GET /admin/api/settings
as the page asks it inside Shopify admin, with an App Bridge session token signed (HS256) with the local-only
client secret and id (../session_token.py: the local runtime's defaults, and the Lambda contract suite's). The token expired
long ago, so replaying the sample shows the 401 every stale token gets; the contract suite re-signs the same
event with a fresh token to read acme-tea's settings.
"""
import json, pathlib, sys

HERE = pathlib.Path(__file__).parent
sys.path.insert(0, str(HERE.parent))
from session_token import expired_session_token  # noqa: E402

SHOP = "acme-tea.myshopify.com"
HOST = "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com"

token = expired_session_token(SHOP, "7d2e4f10-8b3c-4e5a-9f6d-1c2b3a4d5e6f", "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e")

event = {
    "version": "2.0", "routeKey": "GET /admin/api/settings", "rawPath": "/admin/api/settings",
    "rawQueryString": "",
    "headers": {"accept": "*/*", "authorization": f"Bearer {token}", "content-length": "0", "host": HOST,
                "referer": f"https://{HOST}/admin?shop={SHOP}&host=YWRtaW4uc2hvcGlmeS5jb20vc3RvcmUvYWNtZS10ZWE",
                "user-agent": "Mozilla/5.0", "x-forwarded-for": "203.0.113.7", "x-forwarded-port": "443",
                "x-forwarded-proto": "https"},
    "requestContext": {
        "accountId": "123456789012", "apiId": "a1b2c3d4e5", "domainName": HOST, "domainPrefix": "a1b2c3d4e5",
        "http": {"method": "GET", "path": "/admin/api/settings", "protocol": "HTTP/1.1",
                 "sourceIp": "203.0.113.7", "userAgent": "Mozilla/5.0"},
        "requestId": "req-admin-settings-1", "routeKey": "GET /admin/api/settings", "stage": "$default",
        "time": "11/Mar/2026:15:04:13 +0000", "timeEpoch": 1773241453000},
    "isBase64Encoded": False}
(HERE / "get-admin-settings.json").write_text(json.dumps(event, indent=2) + "\n", encoding="utf-8")
