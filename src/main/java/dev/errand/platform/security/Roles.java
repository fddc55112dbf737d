package dev.errand.platform.security;

import java.util.Set;
import java.util.TreeSet;

/**
 * Who may do what (docs/security.md, "Roles"). {@code viewer} reads everything, {@code operator} also acts on jobs
 * (requeue, delete, bulk, trigger), {@code admin} also manages accounts, recurring definitions and settings;
 * {@code submitter} submits jobs and sees its own. A stronger role implies the weaker ones, so a resource names the
 * least role that may use it.
 */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String OPERATOR = "operator";
    public static final String VIEWER = "viewer";
    public static final String SUBMITTER = "submitter";

    /** The roles an account can be given. */
    public static final Set<String> ASSIGNABLE = Set.of(ADMIN, OPERATOR, VIEWER, SUBMITTER);

    private Roles() {
    }

    /** An account's roles with the ones they imply: what the server checks against. */
    public static Set<String> withImplied(Set<String> roles) {
        Set<String> all = new TreeSet<>(roles);
        if (all.contains(ADMIN)) {
            all.add(OPERATOR);
        }
        if (all.contains(OPERATOR)) {
            all.add(VIEWER);
        }
        return all;
    }
}
