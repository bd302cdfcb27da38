package dev.doorstep.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.doorstep.emulator.ProjectRoot;
import dev.doorstep.lambda.HttpApiFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How Lambda's Java runtime loads each handler in template.yaml: a class name alone goes by the
 * interface it implements, {@code Class::method} by the method overloads. Stream handlers must be
 * named alone, so the runtime never sets up its serializer for them.
 */
class TemplateHandlersTest {

    @Test
    void everyHandlerNamesALoadableClassTheWayItsInterfaceNeeds() throws Exception {
        JsonNode resources = new ObjectMapper(new YAMLFactory())
                .readTree(ProjectRoot.find().resolve("template.yaml").toFile()).path("Resources");
        List<String> httpApi = new ArrayList<>();
        for (Map.Entry<String, JsonNode> resource : resources.properties()) {
            if (!"AWS::Serverless::Function".equals(resource.getValue().path("Type").asText())) {
                continue;
            }
            String handler = resource.getValue().path("Properties").path("Handler").asText();
            Class<?> type = Class.forName(handler.replaceAll("::.*", ""));
            if (RequestStreamHandler.class.isAssignableFrom(type)) {
                // The runtime finds handleRequest(InputStream, OutputStream, Context) itself; a method
                // name would be ambiguous beside the typed overload tests call.
                assertThat(handler).as(resource.getKey()).doesNotContain("::");
                if (HttpApiFunction.class.isAssignableFrom(type)) {
                    httpApi.add(resource.getKey());
                }
            } else {
                assertThat(RequestHandler.class).as(resource.getKey()).isAssignableFrom(type);
                assertThat(handler).as(resource.getKey()).endsWith("::handleRequest");
            }
        }
        assertThat(httpApi).containsExactlyInAnyOrder("ShopifyWebhookFunction", "AfterShipWebhookFunction",
                "UnsubscribeFunction", "ShopApiFunction", "ShopifyAppFunction", "MerchantPageFunction");
    }
}
