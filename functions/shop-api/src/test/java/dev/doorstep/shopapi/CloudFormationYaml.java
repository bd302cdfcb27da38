package dev.doorstep.shopapi;

import dev.doorstep.emulator.ProjectRoot;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A CloudFormation template as plain maps and lists: short-form tags become their long form
 * ({@code !Ref X} is {@code {"Ref": "X"}}, {@code !GetAtt A.B} is {@code {"Fn::GetAtt": "A.B"}}), and
 * anchors and aliases are resolved (SnakeYAML, which Jackson's YAML reader is built on).
 */
final class CloudFormationYaml {

    private CloudFormationYaml() {
    }

    static Map<String, Object> template() {
        return read(ProjectRoot.find().resolve("template.yaml"));
    }

    @SuppressWarnings("unchecked")
    static <T> T read(Path file) {
        LoaderOptions options = new LoaderOptions();
        try (Reader in = Files.newBufferedReader(file)) {
            return (T) new Yaml(new Constructor(options), new org.yaml.snakeyaml.representer.Representer(
                    new org.yaml.snakeyaml.DumperOptions()), new org.yaml.snakeyaml.DumperOptions(), options)
                    .load(in);
        } catch (IOException e) {
            throw new AssertionError(file + " does not read", e);
        }
    }

    private static final class Constructor extends SafeConstructor {

        Constructor(LoaderOptions options) {
            super(options);
            yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String tag = node.getTag().getValue().substring(1);
                    Object value = switch (node) {
                        case ScalarNode s -> constructScalar(s);
                        case SequenceNode s -> constructSequence(s);
                        case MappingNode m -> constructMapping(m);
                        default -> throw new IllegalArgumentException("unexpected node " + node);
                    };
                    return Map.of(tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag, value);
                }
            });
        }
    }
}
