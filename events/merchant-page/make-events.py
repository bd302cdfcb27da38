#!/usr/bin/env python3
"""Writes the sample API Gateway HTTP API (payload 2.0) event for MerchantPageFunction: GET /admin/api/settings
as the page asks it inside Shopify admin, with an App Bridge session token signed (HS256) with the local-only
client secret and id below (the local runtime's defaults, and the Lambda contract suite's). The token expired
long ago, so replaying the sample shows the 401 every stale token gets; the contract suite re-signs the same
event with a fresh token to read acme-tea's settings.
"""
import base64, hashlib, hmac, json, pathlib

SECRET = "doorstep-local-shopify-secret"
CLIENT_ID = "doorstep-local-client-id"
SHOP = "acme-tea.myshopify.com"
HOST = "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com"
HERE = pathlib.Path(__file__).parent


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
claims = b64url(json.dumps({
    "iss": f"https://{SHOP}/admin", "dest": f"https://{SHOP}", "aud": CLIENT_ID, "sub": "42",
    "exp": 1773241513, "nbf": 1773241453, "iat": 1773241453,
    "jti": "7d2e4f10-8b3c-4e5a-9f6d-1c2b3a4d5e6f", "sid": "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e"},
    separators=(",", ":")).encode())
signature = b64url(hmac.new(SECRET.encode(), f"{header}.{claims}".encode(), hashlib.sha256).digest())
token = f"{header}.{claims}.{signature}"

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
