package dev.doorstep.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API Gateway HTTP API (payload 2.0) events and responses read and written with the functions' own
 * Jackson, for handlers that take the raw stream ({@code RequestStreamHandler}). Why: the Lambda
 * runtime's serialization library sets itself up for the handler's event type on the first request,
 * about 95 ms of a cold start even with an AOT cache (docs/benchmarks.md); this is a few ms.
 */
public final class HttpApiEvents {

    private HttpApiEvents() {
    }

    /**
     * The event as API Gateway sends it; fields Doorstep never reads are left out. Of the authorizer only
     * the IAM caller is kept ({@code requestContext.authorizer.iam}): the shop API limits each caller to
     * its own shops.
     */
    public static APIGatewayV2HTTPEvent read(InputStream json) throws IOException {
        JsonNode event = Json.MAPPER.readTree(json);
        if (event == null || !event.isObject()) {
            throw new IOException("an API Gateway HTTP API event is a JSON object");
        }
        JsonNode context = event.path("requestContext");
        JsonNode http = context.path("http");
        return APIGatewayV2HTTPEvent.builder()
                .withVersion(text(event, "version"))
                .withRouteKey(text(event, "routeKey"))
                .withRawPath(text(event, "rawPath"))
                .withRawQueryString(text(event, "rawQueryString"))
                .withCookies(texts(event.path("cookies")))
                .withHeaders(map(event.path("headers")))
                .withQueryStringParameters(map(event.path("queryStringParameters")))
                .withPathParameters(map(event.path("pathParameters")))
                .withStageVariables(map(event.path("stageVariables")))
                .withBody(text(event, "body"))
                .withIsBase64Encoded(event.path("isBase64Encoded").asBoolean(false))
                .withRequestContext(context.isObject() ? APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey(text(context, "routeKey"))
                        .withAccountId(text(context, "accountId"))
                        .withStage(text(context, "stage"))
                        .withApiId(text(context, "apiId"))
                        .withDomainName(text(context, "domainName"))
                        .withDomainPrefix(text(context, "domainPrefix"))
                        .withTime(text(context, "time"))
                        .withTimeEpoch(context.path("timeEpoch").asLong(0))
                        .withRequestId(text(context, "requestId"))
                        .withAuthorizer(iamAuthorizer(context.path("authorizer").path("iam")))
                        .withHttp(http.isObject() ? APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(text(http, "method"))
                                .withPath(text(http, "path"))
                                .withProtocol(text(http, "protocol"))
                                .withSourceIp(text(http, "sourceIp"))
                                .withUserAgent(text(http, "userAgent"))
                                .build() : null)
                        .build() : null)
                .build();
    }

    /** The response as API Gateway reads it: status code, headers, cookies, body, base64 flag. */
    public static void write(APIGatewayV2HTTPResponse response, OutputStream out) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("statusCode", response.getStatusCode());
        if (response.getHeaders() != null) {
            json.put("headers", response.getHeaders());
        }
        if (response.getMultiValueHeaders() != null) {
            json.put("multiValueHeaders", response.getMultiValueHeaders());
        }
        if (response.getCookies() != null) {
            json.put("cookies", response.getCookies());
        }
        if (response.getBody() != null) {
            json.put("body", response.getBody());
        }
        json.put("isBase64Encoded", response.getIsBase64Encoded());
        out.write(JsonText.of(json).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static APIGatewayV2HTTPEvent.RequestContext.Authorizer iamAuthorizer(JsonNode iam) {
        if (!iam.isObject()) {
            return null;
        }
        return APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withIam(APIGatewayV2HTTPEvent.RequestContext.IAM.builder()
                        .withUserArn(text(iam, "userArn"))
                        .withAccountId(text(iam, "accountId"))
                        .withPrincipalOrgId(text(iam, "principalOrgId"))
                        .withUserId(text(iam, "userId"))
                        .build())
                .build();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<String> texts(JsonNode array) {
        if (!array.isArray()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static Map<String, String> map(JsonNode object) {
        if (!object.isObject()) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        object.properties().forEach(e -> values.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        return values;
    }
}
