// An OpenID Connect provider on loopback, for the sign-in tests only (never deployed).
//
//   OIDC_REDIRECT_URI=http://127.0.0.1:<app port>/oauth2callback OIDC_CLIENT_SECRET=… \
//     node tests/oidc/provider.mjs
//
// It listens on 127.0.0.1 on a free port and prints one JSON line, {"issuer": "http://127.0.0.1:<port>"},
// once it answers. One confidential client (OIDC_CLIENT_ID, default "xhdash") may sign in with the
// code flow back to OIDC_REDIRECT_URI. The built-in development login form (devInteractions)
// accepts any login and password; the login names the account, and the accounts below (or
// OIDC_ACCOUNTS, a JSON object of login → claims) say its claims: e-mail, name and roles. A login
// not listed gets only its subject. Consent is granted without asking (one first-party client),
// and the claims asked for go into the ID token, which is what Streamlit's st.user reads.
import http from 'node:http';

import Provider from 'oidc-provider';

const ACCOUNTS = {
  wang: { email: 'wang@example.org', email_verified: true, name: '王编辑（测试用合成数据）', roles: ['editor'] },
  li: { email: 'li@example.org', email_verified: true, name: '李审核（测试用合成数据）', roles: ['approver'] },
  zhao: { email: 'zhao@example.org', email_verified: true, name: '赵读者（测试用合成数据）', roles: [] },
};

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is required`);
    process.exit(2);
  }
  return value;
}

const redirectUri = required('OIDC_REDIRECT_URI');
const clientId = process.env.OIDC_CLIENT_ID || 'xhdash';
const clientSecret = required('OIDC_CLIENT_SECRET');
const accounts = process.env.OIDC_ACCOUNTS ? JSON.parse(process.env.OIDC_ACCOUNTS) : ACCOUNTS;

async function findAccount(ctx, sub) {
  return {
    accountId: sub,
    async claims() {
      return { ...(accounts[sub] || {}), sub };
    },
  };
}

async function loadExistingGrant(ctx) {
  // The one client is the office's own: grant what it asks for instead of asking for consent.
  const grantId = ctx.oidc.result?.consent?.grantId
    || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
  if (grantId) {
    return ctx.oidc.provider.Grant.find(grantId);
  }
  const grant = new ctx.oidc.provider.Grant({
    clientId: ctx.oidc.client.clientId,
    accountId: ctx.oidc.session.accountId,
  });
  grant.addOIDCScope('openid email profile roles');
  grant.addOIDCClaims(['email', 'email_verified', 'name', 'roles']);
  await grant.save();
  return grant;
}

async function logoutSource(ctx, form) {
  ctx.body = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Sign out</title></head>
    <body>${form}<h1>Sign out from the test provider?</h1>
    <button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
    </body></html>`;
}

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      post_logout_redirect_uris: [redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    }],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
      roles: ['roles'],
    },
    scopes: ['openid', 'email', 'profile', 'roles'],
    conformIdTokenClaims: false,
    findAccount,
    loadExistingGrant,
    cookies: { keys: ['test-only-cookie-key-not-a-secret'] },
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource },
    },
  });
  server.on('request', provider.callback());
  console.log(JSON.stringify({ issuer }));
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
