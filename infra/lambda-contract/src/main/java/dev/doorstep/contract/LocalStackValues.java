package dev.doorstep.contract;

import java.util.HashMap;
import java.util.Map;

/**
 * What CloudFormation would answer for the template's {@code !Ref}s and {@code !GetAtt}s in the
 * local deployment: parameter values, resource names, ARNs and URLs of the resources made in the
 * emulator. An intrinsic the map does not know is an error, so a new variable in template.yaml cannot
 * reach a function unresolved.
 */
public final class LocalStackValues {

    public static final String STACK = "doorstep";
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "123456789012";

    private final Map<String, String> values = new HashMap<>();

    public LocalStackValues() {
        values.put("AWS::Region", REGION);
        values.put("AWS::AccountId", ACCOUNT);
        values.put("AWS::StackName", STACK);
        values.put("AWS::Partition", "aws");
        values.put("AWS::URLSuffix", "amazonaws.com");
        values.put("HttpApi", "local");
    }

    /** {@code name} is a logical id (the Ref value) or {@code LogicalId.Attribute} (a GetAtt). */
    public LocalStackValues put(String name, String value) {
        values.put(name, value);
        return this;
    }

    public String get(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalStateException("template.yaml refers to " + name
                    + ", which the local deployment does not make (add it to ContractAws)");
        }
        return value;
    }

    public static String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + REGION + ":" + ACCOUNT + ":" + resource;
    }
}
