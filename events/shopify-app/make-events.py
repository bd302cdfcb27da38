#!/usr/bin/env python3
"""Writes the sample API Gateway HTTP API (payload 2.0) event for ShopifyAppFunction: POST /app/session
with an App Bridge session token signed (HS256) with the local-only client secret and id
(../session_token.py: the local runtime's defaults). The token expired long ago, so replaying the sample shows the 401 every
stale token gets; mint a live one from the Shopify stand-in (GET /_standin/session-token?shop=...).
"""
import json, pathlib, sys

HERE = pathlib.Path(__file__).parent
sys.path.insert(0, str(HERE.parent))
from session_token import expired_session_token  # noqa: E402

SHOP = "acme-outdoor.myshopify.com"

token = expired_session_token(SHOP, "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f", "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d")

event = {
    "version": "2.0", "routeKey": "POST /app/session", "rawPath": "/app/session", "rawQueryString": "",
    "headers": {"authorization": f"Bearer {token}", "content-length": "0",
                "host": "abc123.execute-api.eu-central-1.amazonaws.com",
                "origin": f"https://{SHOP}", "user-agent": "Mozilla/5.0"},
    "requestContext": {
        "accountId": "123456789012", "apiId": "abc123", "domainName": "abc123.execute-api.eu-central-1.amazonaws.com",
        "domainPrefix": "abc123", "http": {"method": "POST", "path": "/app/session", "protocol": "HTTP/1.1",
                                           "sourceIp": "203.0.113.7", "userAgent": "Mozilla/5.0"},
        "requestId": "req-session-1", "routeKey": "POST /app/session", "stage": "$default",
        "time": "11/Mar/2026:15:04:13 +0000", "timeEpoch": 1773241453000},
    "isBase64Encoded": False}
(HERE / "session-expired.json").write_text(json.dumps(event, indent=2) + "\n", encoding="utf-8")
