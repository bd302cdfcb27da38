"""An App Bridge session token as Shopify signs it for the app (HS256 with the client secret), for the sample
events of the functions that take one. Signed with the local-only secret and client id (the local runtime's
defaults, and the Lambda contract suite's) and expired long ago, so replaying a sample shows the 401 every stale
token gets.
"""
import base64, hashlib, hmac, json

SECRET = "doorstep-local-shopify-secret"
CLIENT_ID = "doorstep-local-client-id"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def expired_session_token(shop: str, jti: str, sid: str) -> str:
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    claims = b64url(json.dumps({
        "iss": f"https://{shop}/admin", "dest": f"https://{shop}", "aud": CLIENT_ID, "sub": "42",
        "exp": 1773241513, "nbf": 1773241453, "iat": 1773241453, "jti": jti, "sid": sid},
        separators=(",", ":")).encode())
    signature = b64url(hmac.new(SECRET.encode(), f"{header}.{claims}".encode(), hashlib.sha256).digest())
    return f"{header}.{claims}.{signature}"
