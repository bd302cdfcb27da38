package dev.doorstep.emulator;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;

/**
 * Hands tests real AWS SDK v2 clients pointed at the shared emulator ({@link AwsEmulators}).
 * Any synchronous client type can be a parameter ({@code DynamoDbClient}, {@code SchedulerClient},
 * {@code SesV2Client}, ...), as can the {@link AwsEmulator} itself. Emulator state is reset before
 * each test class when the emulator is ours.
 */
public final class AwsEmulatorExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            AwsEmulatorExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        if (context.getRequiredTestClass().getEnclosingClass() == null) {
            AwsEmulators.shared().reset();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == AwsEmulator.class || (type.isInterface() && SdkClient.class.isAssignableFrom(type)
                && builderMethod(type) != null);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        AwsEmulator emulator = AwsEmulators.shared();
        if (type == AwsEmulator.class) {
            return emulator;
        }
        Map<Class<?>, Object> clients = clients(context);
        return clients.computeIfAbsent(type, t -> create(emulator, t));
    }

    @SuppressWarnings("unchecked")
    private static Map<Class<?>, Object> clients(ExtensionContext context) {
        ExtensionContext root = context.getRoot();
        return root.getStore(NAMESPACE).getOrComputeIfAbsent("clients", k -> new ClientCache(), ClientCache.class)
                .clients;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Object create(AwsEmulator emulator, Class<?> type) {
        try {
            Object builder = builderMethod(type).invoke(null);
            return emulator.client((AwsClientBuilder & AwsSyncClientBuilder) builder);
        } catch (ReflectiveOperationException e) {
            throw new ParameterResolutionException("cannot build " + type.getName(), e);
        }
    }

    private static Method builderMethod(Class<?> type) {
        try {
            Method m = type.getMethod("builder");
            return java.lang.reflect.Modifier.isStatic(m.getModifiers()) ? m : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** Clients live as long as the test run; closed with it. */
    private static final class ClientCache implements AutoCloseable {
        private final Map<Class<?>, Object> clients = new ConcurrentHashMap<>();

        @Override
        public void close() {
            clients.values().forEach(c -> ((SdkClient) c).close());
        }
    }
}
