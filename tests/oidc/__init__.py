"""A loopback OpenID Connect provider (oidc-provider on Node.js) for the sign-in tests."""
