package dev.doorstep.shopapi;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IAM identity as the shop API compares callers: a role (any of its sessions), one role session, an
 * IAM user or an account root. Why the role is its name and account only: the caller's ARN that the IAM
 * authorizer passes for a role is {@code arn:aws:sts::<account>:assumed-role/<name>/<session>}, which
 * drops the role's path.
 *
 * @param arn the ARN as written (or as the authorizer passed it)
 * @param role {@code <partition>:<account>:<role name>} for roles and role sessions, null otherwise
 * @param anySession a role ARN: every session of the role is this principal
 */
record IamPrincipal(String arn, String role, boolean anySession) {

    private static final Pattern ROLE = Pattern.compile("arn:([a-z-]+):iam::(\\d{12}):role/(?:[^/]+/)*([^/]+)");
    private static final Pattern SESSION =
            Pattern.compile("arn:([a-z-]+):sts::(\\d{12}):assumed-role/([^/]+)/([^/]+)");
    private static final Pattern OTHER = Pattern.compile("arn:[a-z-]+:iam::\\d{12}:(?:user/.+|root)");

    /** Empty when {@code arn} is no IAM user, role, role session or root ARN. */
    static Optional<IamPrincipal> parse(String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        Matcher m = ROLE.matcher(arn);
        if (m.matches()) {
            return Optional.of(new IamPrincipal(arn, m.group(1) + ":" + m.group(2) + ":" + m.group(3), true));
        }
        m = SESSION.matcher(arn);
        if (m.matches()) {
            return Optional.of(new IamPrincipal(arn, m.group(1) + ":" + m.group(2) + ":" + m.group(3), false));
        }
        return OTHER.matcher(arn).matches() ? Optional.of(new IamPrincipal(arn, null, false)) : Optional.empty();
    }

    /** Whether {@code caller} is this principal: the same ARN, or a session of this role. */
    boolean covers(IamPrincipal caller) {
        return arn.equals(caller.arn) || (anySession && role.equals(caller.role));
    }
}
