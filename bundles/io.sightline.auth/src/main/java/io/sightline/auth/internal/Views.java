package io.sightline.auth.internal;

import java.time.Instant;
import java.util.List;

import io.sightline.api.account.Invitation;
import io.sightline.api.account.Membership;
import io.sightline.api.account.OrganizationRole;
import io.sightline.api.account.Role;
import io.sightline.api.account.User;

/** JSON shapes of the accounts API (docs/api-auth.md). */
final class Views {
    private Views() {}

    record Message(String message) {}

    /** The user; {@code timeZone} is the profile's IANA zone id, or null to follow the browser's. */
    record UserView(String id, String email, String displayName, String timeZone) {
        static UserView of(User user) {
            return new UserView(user.id(), user.email(), user.displayName(), user.timeZone());
        }
    }

    record OrganizationView(String id, String name, Role role) {
        static OrganizationView of(OrganizationRole org) {
            return new OrganizationView(org.organization().id(), org.organization().name(), org.role());
        }
    }

    record Me(UserView user, OrganizationView organization, List<OrganizationView> organizations) {}

    record Session(String accessToken, String refreshToken, long expiresIn, UserView user,
            OrganizationView organization, List<OrganizationView> organizations) {}

    record MemberView(String id, String userId, String email, String displayName, Role role, Instant createdAt) {
        static MemberView of(Membership membership, User user) {
            return new MemberView(membership.id(), user.id(), user.email(), user.displayName(), membership.role(),
                    membership.createdAt());
        }
    }

    record InvitationView(String id, String email, Role role, Instant createdAt, Instant expiresAt) {
        static InvitationView of(Invitation invitation) {
            return new InvitationView(invitation.id(), invitation.email(), invitation.role(), invitation.createdAt(),
                    invitation.expiresAt());
        }
    }
}
