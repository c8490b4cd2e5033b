package io.sightline.auth.internal;

import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.AuthenticationInfo;
import org.apache.shiro.authc.AuthenticationToken;
import org.apache.shiro.authz.AuthorizationInfo;
import org.apache.shiro.authz.SimpleAuthorizationInfo;
import org.apache.shiro.mgt.DefaultSecurityManager;
import org.apache.shiro.mgt.DefaultSessionStorageEvaluator;
import org.apache.shiro.mgt.DefaultSubjectDAO;
import org.apache.shiro.realm.AuthorizingRealm;
import org.apache.shiro.subject.PrincipalCollection;
import org.apache.shiro.subject.SimplePrincipalCollection;
import org.apache.shiro.subject.Subject;
import org.osgi.service.component.annotations.Component;

import io.sightline.api.account.Role;
import io.sightline.api.auth.Caller;
import io.sightline.api.auth.Permissions;

/**
 * Shiro decides whether a caller may do something: a realm maps the caller's role in the active
 * organization to Shiro permissions (the README's permission table). No Shiro session, no
 * remember-me: every request is decided from the caller's current role. A decision depends on the
 * role and the permission alone, so each pair is decided by Shiro once and then remembered.
 */
@Component(service = Authorizer.class)
public class Authorizer {
    static final Map<Role, Set<String>> PERMISSIONS = table();

    private final DefaultSecurityManager securityManager;
    private final Map<Role, Map<String, Boolean>> decisions = new java.util.concurrent.ConcurrentHashMap<>();

    public Authorizer() {
        securityManager = new DefaultSecurityManager(new RoleRealm());
        securityManager.setRememberMeManager(null);
        DefaultSessionStorageEvaluator stateless = new DefaultSessionStorageEvaluator();
        stateless.setSessionStorageEnabled(false);
        ((DefaultSubjectDAO) securityManager.getSubjectDAO()).setSessionStorageEvaluator(stateless);
    }

    public boolean permitted(Caller caller, String permission) {
        if (caller.role() == null) {
            return false;
        }
        return decisions.computeIfAbsent(caller.role(), r -> new java.util.concurrent.ConcurrentHashMap<>())
                .computeIfAbsent(permission, p -> decide(caller, p));
    }

    private boolean decide(Caller caller, String permission) {
        Subject subject = new Subject.Builder(securityManager)
                .principals(new SimplePrincipalCollection(caller, RoleRealm.NAME))
                .authenticated(true)
                .sessionCreationEnabled(false)
                .buildSubject();
        return subject.isPermitted(permission);
    }

    private static Map<Role, Set<String>> table() {
        Map<Role, Set<String>> table = new EnumMap<>(Role.class);
        Set<String> granted = new LinkedHashSet<>();
        granted.add(Permissions.CONTENT_READ);
        table.put(Role.VIEWER, Set.copyOf(granted));
        granted.add(Permissions.CONTENT_WRITE);
        table.put(Role.MEMBER, Set.copyOf(granted));
        granted.add(Permissions.DATASOURCE_MANAGE);
        granted.add(Permissions.MEMBERS_MANAGE);
        granted.add(Permissions.AUDIT_READ);
        table.put(Role.ADMIN, Set.copyOf(granted));
        granted.add(Permissions.ORGANIZATION_MANAGE);
        table.put(Role.OWNER, Set.copyOf(granted));
        return table;
    }

    /** Authorization only: credentials are checked by {@link AuthService} before a session exists. */
    static final class RoleRealm extends AuthorizingRealm {
        static final String NAME = "sightline-roles";

        RoleRealm() {
            setName(NAME);
            setAuthorizationCachingEnabled(false);
        }

        @Override
        protected AuthorizationInfo doGetAuthorizationInfo(PrincipalCollection principals) {
            Caller caller = (Caller) principals.getPrimaryPrincipal();
            SimpleAuthorizationInfo info = new SimpleAuthorizationInfo(Set.of(caller.role().name()));
            info.setStringPermissions(PERMISSIONS.get(caller.role()));
            return info;
        }

        @Override
        protected AuthenticationInfo doGetAuthenticationInfo(AuthenticationToken token) {
            throw new AuthenticationException("Sightline signs in through its own endpoint");
        }
    }
}
