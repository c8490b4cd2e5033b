package io.sightline.auth.internal;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.sightline.api.account.AccountStore;
import io.sightline.api.account.OrganizationRole;
import io.sightline.api.account.User;
import io.sightline.api.auth.AuthSession;

/** Builds the user/organization views shared by sign-in and the profile. */
@Component(service = AccountViews.class, configurationPid = "io.sightline.auth")
public class AccountViews {
    private final AccountStore accounts;
    private final long idleSeconds;

    @Activate
    public AccountViews(@Reference(policyOption = ReferencePolicyOption.GREEDY) AccountStore accounts, AuthConfig config) {
        this.accounts = accounts;
        this.idleSeconds = config.session_idle_minutes() * 60L;
    }

    Views.Session session(AuthService.Issued issued) {
        Views.Me me = me(issued.session().userId(), issued.session().organizationId());
        return new Views.Session(issued.accessToken(), issued.refreshToken(), idleSeconds, me.user(), me.organization(),
                me.organizations());
    }

    Views.Me me(String userId, String activeOrganizationId) {
        User user = accounts.findUser(userId).orElseThrow();
        List<OrganizationRole> organizations = accounts.organizationsOf(userId);
        Views.OrganizationView active = organizations.stream()
                .filter(o -> o.organization().id().equals(activeOrganizationId))
                .findFirst()
                .map(Views.OrganizationView::of)
                .orElse(null);
        return new Views.Me(Views.UserView.of(user), active,
                organizations.stream().map(Views.OrganizationView::of).toList());
    }
}
