#!/usr/bin/env python3
"""Writes the sample API Gateway HTTP API (payload 2.0) events for ShopifyWebhookFunction.

Bodies are fake data shaped like reference/shopify.md; each is signed with the local-only secret
below (the local runtime's SHOPIFY_API_SECRET). Run it again after editing a body: the HMAC must
match the exact bytes.
"""
import base64, hashlib, hmac, json, pathlib

SECRET = "doorstep-local-shopify-secret"
SHOP = "acme-outdoor.myshopify.com"
HERE = pathlib.Path(__file__).parent

line_item = {
    "id": 14829301847001, "admin_graphql_api_id": "gid://shopify/LineItem/14829301847001",
    "product_id": 8123456789012, "variant_id": 45123456789012, "title": "Trail Running Shoe",
    "variant_title": "EU 39 / Blue", "name": "Trail Running Shoe - EU 39 / Blue", "sku": "TRS-39-BLU",
    "vendor": "Acme Outdoor", "quantity": 1, "fulfillable_quantity": 0, "fulfillment_status": "fulfilled",
    "requires_shipping": True, "gift_card": False, "product_exists": True, "price": "129.00", "properties": []}
destination = {
    "first_name": "Erika", "last_name": "Mustermann", "name": "Erika Mustermann", "company": None,
    "address1": "Beispielstraße 12", "address2": None, "city": "Köln", "zip": "50667", "province": None,
    "province_code": None, "country": "Germany", "country_code": "DE", "phone": "+49 221 1234567",
    "latitude": 50.9375, "longitude": 6.9603}
fulfillment = {
    "id": 4829301847562, "order_id": 5710293847561, "name": "#1042.1", "status": "success", "service": "manual",
    "created_at": "2026-03-11T16:04:12+01:00", "updated_at": "2026-03-11T16:04:12+01:00",
    "tracking_company": "DHL Express", "tracking_number": "1234567890", "tracking_numbers": ["1234567890"],
    "tracking_url": "https://www.dhl.com/de-en/home/tracking/tracking-express.html?tracking-id=1234567890",
    "tracking_urls": ["https://www.dhl.com/de-en/home/tracking/tracking-express.html?tracking-id=1234567890"],
    "shipment_status": None, "location_id": 71234567890, "origin_address": None, "notify_customer": True,
    "email": "erika.muster@example.org", "destination": destination, "line_items": [line_item], "receipt": {},
    "admin_graphql_api_id": "gid://shopify/Fulfillment/4829301847562"}
customer = {
    "id": 191167, "email": "erika.muster@example.org", "first_name": "Erika", "last_name": "Mustermann",
    "phone": None, "state": "enabled", "verified_email": True, "tax_exempt": False, "currency": "EUR",
    "created_at": "2025-11-02T10:00:00+01:00", "updated_at": "2026-03-11T16:04:12+01:00",
    "admin_graphql_api_id": "gid://shopify/Customer/191167",
    "default_address": {"first_name": "Erika", "last_name": "Mustermann", "address1": "Beispielstraße 12",
                        "city": "Köln", "zip": "50667", "country_code": "DE", "country_name": "Germany",
                        "phone": "+49 170 7654321", "default": True}}
order = {
    "id": 5710293847561, "name": "#1042", "order_number": 1042, "number": 42, "email": "erika.muster@example.org",
    "contact_email": "erika.muster@example.org", "phone": None, "customer_locale": "de",
    "created_at": "2026-03-10T09:12:00+01:00", "updated_at": "2026-03-11T16:04:13+01:00",
    "processed_at": "2026-03-10T09:12:00+01:00", "closed_at": None, "cancelled_at": None, "cancel_reason": None,
    "financial_status": "paid", "fulfillment_status": "fulfilled", "test": False, "tags": "",
    "customer": customer, "shipping_address": destination, "billing_address": destination,
    "line_items": [line_item], "fulfillments": [fulfillment], "refunds": [],
    "admin_graphql_api_id": "gid://shopify/Order/5710293847561"}
cancelled = dict(order, cancelled_at="2026-03-12T08:30:00+01:00", cancel_reason="customer",
                 financial_status="refunded", updated_at="2026-03-12T08:30:01+01:00")
refund = {
    "id": 929361464, "order_id": 5710293847561, "created_at": "2026-03-13T11:00:00+01:00", "note": "damaged",
    "user_id": 548380009, "processed_at": "2026-03-13T11:00:00+01:00", "restock": False,
    "refund_line_items": [{"id": 104689539, "quantity": 1, "line_item_id": 14829301847001, "location_id": None,
                           "restock_type": "no_restock", "subtotal": 129.0, "line_item": line_item}],
    "transactions": [], "order_adjustments": [], "refund_shipping_lines": [], "duties": [], "return": None}
shop = {"id": 548380009, "name": "Acme Outdoor", "email": "owner@acme-outdoor.example", "country_code": "DE",
        "myshopify_domain": SHOP, "plan_name": "basic", "iana_timezone": "Europe/Berlin"}
data_request = {"shop_id": 548380009, "shop_domain": SHOP, "orders_requested": [5710293847561],
                "customer": {"id": 191167, "email": "erika.muster@example.org", "phone": "+49 170 7654321"},
                "data_request": {"id": 9999}}
redact = {"shop_id": 548380009, "shop_domain": SHOP,
          "customer": {"id": 191167, "email": "erika.muster@example.org", "phone": "+49 170 7654321"},
          "orders_to_redact": [5710293847561]}
shop_redact = {"shop_id": 548380009, "shop_domain": SHOP}
shop_update = dict(shop, name="Acme Outdoor & Co.", customer_email="hello@acme-outdoor.example",
                   updated_at="2026-03-15T10:00:00+01:00")

samples = [
    ("fulfillments-create", "fulfillments/create", fulfillment, "2026-03-11T15:04:13.000000Z", 1),
    ("orders-fulfilled", "orders/fulfilled", order, "2026-03-11T15:04:14.000000Z", 2),
    ("orders-cancelled", "orders/cancelled", cancelled, "2026-03-12T07:30:01.000000Z", 3),
    ("refunds-create", "refunds/create", refund, "2026-03-13T10:00:01.000000Z", 4),
    ("app-uninstalled", "app/uninstalled", shop, "2026-03-20T12:00:00.000000Z", 5),
    ("customers-data-request", "customers/data_request", data_request, "2026-04-01T12:00:00.000000Z", 6),
    ("customers-redact", "customers/redact", redact, "2026-04-11T12:00:00.000000Z", 7),
    ("shop-redact", "shop/redact", shop_redact, "2026-03-22T12:00:00.000000Z", 8),
    ("shop-update", "shop/update", shop_update, "2026-03-15T09:00:01.000000Z", 9),
]
for name, topic, payload, triggered, n in samples:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    sig = base64.b64encode(hmac.new(SECRET.encode(), body.encode("utf-8"), hashlib.sha256).digest()).decode()
    event = {
        "version": "2.0", "routeKey": "POST /webhooks/shopify", "rawPath": "/webhooks/shopify", "rawQueryString": "",
        "headers": {
            "content-type": "application/json", "content-length": str(len(body.encode("utf-8"))),
            "host": "abc123.execute-api.eu-central-1.amazonaws.com", "user-agent": "Shopify-Captain-Hook",
            "x-shopify-topic": topic, "x-shopify-hmac-sha256": sig, "x-shopify-shop-domain": SHOP,
            "x-shopify-api-version": "2026-07",
            "x-shopify-webhook-id": f"0b8f6a3e-9c1d-4e7a-b2f5-7d1c2e3f4a{n:02d}",
            "x-shopify-event-id": f"6f2e1d0c-3b4a-4c5d-8e9f-0a1b2c3d4e{n:02d}",
            "x-shopify-triggered-at": triggered},
        "requestContext": {
            "accountId": "123456789012", "apiId": "abc123", "domainName": "abc123.execute-api.eu-central-1.amazonaws.com",
            "domainPrefix": "abc123", "http": {"method": "POST", "path": "/webhooks/shopify", "protocol": "HTTP/1.1",
                                               "sourceIp": "35.190.0.1", "userAgent": "Shopify-Captain-Hook"},
            "requestId": f"req-{n}", "routeKey": "POST /webhooks/shopify", "stage": "$default",
            "time": "11/Mar/2026:15:04:13 +0000", "timeEpoch": 1773241453000},
        "body": body, "isBase64Encoded": False}
    (HERE / f"{name}.json").write_text(json.dumps(event, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
