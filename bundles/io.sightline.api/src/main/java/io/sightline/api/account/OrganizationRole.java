package io.sightline.api.account;

/** An organization a user belongs to, with the user's role in it. */
public record OrganizationRole(Organization organization, Role role, String membershipId) {}
