package dev.doorstep.contract;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The functions of template.yaml with Globals applied and intrinsics resolved. Read as a YAML node
 * tree (SnakeYAML's compose) because the short-form tags ({@code !Ref}, {@code !GetAtt}, {@code !Sub},
 * {@code !If}) are exactly what a plain YAML-to-JSON reading loses.
 */
public final class TemplateFunctions {

    private static final Pattern SUB = Pattern.compile("\\$\\{([^}]+)}");

    private final Map<String, Node> resources;
    private final Map<String, Node> conditions;
    private final Map<String, Node> parameters;
    private final Node globals;
    private final Path root;
    private final LocalStackValues values;

    public TemplateFunctions(Path root, LocalStackValues values) {
        this.root = root;
        this.values = values;
        Node template;
        try (Reader reader = Files.newBufferedReader(root.resolve("template.yaml"))) {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(500);
            template = new Yaml(options).compose(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        resources = entries(child(template, "Resources"));
        conditions = entries(child(template, "Conditions"));
        parameters = entries(child(template, "Parameters"));
        globals = child(child(template, "Globals"), "Function");
    }

    /** Every AWS::Serverless::Function's logical id, in template order. */
    public List<String> logicalIds() {
        List<String> ids = new ArrayList<>();
        resources.forEach((id, node) -> {
            if ("AWS::Serverless::Function".equals(scalar(child(node, "Type")))) {
                ids.add(id);
            }
        });
        return ids;
    }

    public LambdaFunctionSpec function(String logicalId) {
        Node resource = resources.get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException("template.yaml has no function " + logicalId + "; it has " + logicalIds());
        }
        Node properties = child(resource, "Properties");
        Map<String, String> environment = new LinkedHashMap<>();
        for (Node source : List.of(globals, properties)) {
            entries(child(child(source, "Environment"), "Variables"))
                    .forEach((name, value) -> environment.put(name, resolve(value)));
        }
        String handler = scalar(child(properties, "Handler"));
        String memory = property(properties, "MemorySize");
        String timeout = property(properties, "Timeout");
        Node logGroup = child(child(properties, "LoggingConfig"), "LogGroup");
        return new LambdaFunctionSpec(logicalId, handler, root.resolve(scalar(child(properties, "CodeUri"))),
                Integer.parseInt(memory == null ? "128" : memory), Integer.parseInt(timeout == null ? "3" : timeout),
                logGroup == null ? "/aws/lambda/" + logicalId : logGroupName(logGroup), environment);
    }

    private String logGroupName(Node ref) {
        // LoggingConfig.LogGroup is a Ref to an AWS::Logs::LogGroup: its LogGroupName.
        Node group = resources.get(scalar(ref));
        return resolve(child(child(group, "Properties"), "LogGroupName"));
    }

    private String property(Node properties, String name) {
        Node own = child(properties, name);
        Node node = own != null ? own : child(globals, name);
        return node == null ? null : scalar(node);
    }

    String resolve(Node node) {
        String tag = node.getTag().getValue();
        switch (tag) {
            case "!Ref" -> {
                return ref(scalar(node));
            }
            case "!GetAtt" -> {
                return values.get(node instanceof SequenceNode s
                        ? scalar(s.getValue().get(0)) + "." + scalar(s.getValue().get(1)) : scalar(node));
            }
            case "!Sub" -> {
                Matcher m = SUB.matcher(scalar(node));
                StringBuilder out = new StringBuilder();
                while (m.find()) {
                    String name = m.group(1);
                    m.appendReplacement(out, Matcher.quoteReplacement(name.contains(".") && !name.startsWith("AWS::")
                            ? values.get(name) : ref(name)));
                }
                return m.appendTail(out).toString();
            }
            case "!If" -> {
                List<Node> args = ((SequenceNode) node).getValue();
                return condition(scalar(args.get(0))) ? resolve(args.get(1)) : resolve(args.get(2));
            }
            default -> {
                if (node instanceof ScalarNode s) {
                    return s.getValue();
                }
                throw new IllegalStateException("cannot resolve " + tag + " at " + node.getStartMark());
            }
        }
    }

    /** A Ref: a parameter's local value (else its default), or a resource's. */
    private String ref(String name) {
        if (parameters.containsKey(name)) {
            try {
                return values.get(name);
            } catch (IllegalStateException unset) {
                Node fallback = child(parameters.get(name), "Default");
                if (fallback == null) {
                    throw unset;
                }
                return scalar(fallback);
            }
        }
        return values.get(name);
    }

    private boolean condition(String name) {
        return truth(conditions.get(name));
    }

    private boolean truth(Node node) {
        String tag = node.getTag().getValue();
        List<Node> args = node instanceof SequenceNode s ? s.getValue() : List.of();
        return switch (tag) {
            case "!Not" -> !truth(args.get(0));
            case "!Equals" -> resolve(args.get(0)).equals(resolve(args.get(1)));
            case "!Condition" -> condition(scalar(node));
            default -> throw new IllegalStateException("cannot evaluate condition " + tag);
        };
    }

    private static Node child(Node node, String key) {
        if (!(node instanceof MappingNode map)) {
            return null;
        }
        for (NodeTuple t : map.getValue()) {
            if (key.equals(scalar(t.getKeyNode()))) {
                return t.getValueNode();
            }
        }
        return null;
    }

    private static Map<String, Node> entries(Node node) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                out.put(scalar(t.getKeyNode()), t.getValueNode());
            }
        }
        return out;
    }

    private static String scalar(Node node) {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        throw new IllegalStateException("expected a plain value at " + (node == null ? "?" : node.getStartMark()));
    }
}
