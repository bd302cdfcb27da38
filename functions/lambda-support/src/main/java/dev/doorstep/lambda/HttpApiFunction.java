package dev.doorstep.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A function behind an API Gateway HTTP API route (payload 2.0). Lambda hands it the raw event
 * stream, read and answered with {@link HttpApiEvents}: the runtime's serialization library would
 * cost each cold start about 95 ms (docs/benchmarks.md). Subclasses implement the typed method, which
 * tests and the local runtime call directly.
 */
public abstract class HttpApiFunction implements RequestStreamHandler {

    @Override
    public final void handleRequest(InputStream event, OutputStream response, Context context) throws IOException {
        HttpApiEvents.write(handleRequest(HttpApiEvents.read(event), context), response);
    }

    /** One request, already read. */
    public abstract APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context);
}
