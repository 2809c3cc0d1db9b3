// A real OpenID Connect provider (panva/oidc-provider) that plays an iDIN broker for the tests.
// Usage: node server.js config.json — see OidcProviderPeer.cs for the config it is given.
// Prints exactly one line "READY <port>" on stdout once it listens on 127.0.0.1.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

const configPath = process.argv[2];
if (!configPath) {
  console.error('usage: node server.js <config.json>');
  process.exit(2);
}

const config = JSON.parse(readFileSync(configPath, 'utf8'));
const identities = config.identities ?? {};
const claimNames = config.claimNames ?? [];
const identitiesBySub = new Map(Object.values(identities).map((identity) => [identity.sub, identity]));
const acrValues = [...new Set(Object.values(identities).map((identity) => identity.acr).filter(Boolean))];

const provider = new Provider(config.issuer, {
  clients: config.clients,
  jwks: config.jwks,
  responseTypes: ['code'],
  clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
  pkce: { required: () => true },
  scopes: ['openid', 'idin'],
  // acr under openid: a broker states the level of assurance without being asked (acr_values or a claims parameter).
  claims: { openid: ['sub', 'acr'], idin: claimNames },
  acrValues,
  // Brokers put every granted claim in the id_token; the portal never calls userinfo.
  conformIdTokenClaims: false,
  cookies: { keys: config.cookieKeys ?? [randomBytes(32).toString('base64url')] },
  ttl: {
    AuthorizationCode: 60,
    IdToken: 300,
    AccessToken: 300,
    Interaction: 600,
    Session: 600,
    Grant: 600,
  },
  features: {
    // Own routes below: they give a cancel button, an acr and consent without a second page.
    devInteractions: { enabled: false },
    userinfo: { enabled: true },
    // A broker knows nothing of proof-of-possession; keep discovery close to a real iDIN broker.
    dPoP: { enabled: false },
  },
  async findAccount(_ctx, sub) {
    const identity = identitiesBySub.get(sub);
    if (!identity) {
      return undefined;
    }
    return {
      accountId: sub,
      async claims() {
        return { sub, ...identity.claims };
      },
    };
  },
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page('Fout', `<h1>Fout</h1>${Object.entries(out)
      .map(([key, value]) => `<p><strong>${escapeHtml(key)}</strong>: <span id="${escapeHtml(key)}">${escapeHtml(value)}</span></p>`)
      .join('')}`);
  },
});

// Every authorization request starts a new bank login: without a remembered session there is no silent SSO and no
// "different user" logout page when a test logs in as someone else in the same browser.
function forgetSession(req) {
  const cookie = req.headers.cookie;
  if (!cookie) {
    return;
  }
  const kept = cookie.split(';').map((part) => part.trim()).filter((part) => part && !part.startsWith('_session'));
  if (kept.length) {
    req.headers.cookie = kept.join('; ');
  } else {
    delete req.headers.cookie;
  }
}

const providerCallback = provider.callback();

const server = createServer(async (req, res) => {
  forgetSession(req);
  const match = /^\/interaction\/([^/?#]+)\/?(?:\?.*)?$/.exec(req.url ?? '');
  if (!match) {
    providerCallback(req, res);
    return;
  }
  try {
    if (req.method === 'GET') {
      await showLogin(req, res, match[1]);
    } else if (req.method === 'POST') {
      await submitLogin(req, res, match[1]);
    } else {
      send(res, 405, page('Fout', '<h1>Method not allowed</h1>'));
    }
  } catch (err) {
    console.error(err);
    send(res, 400, page('Fout', `<h1>Fout</h1><p id="error">${escapeHtml(err.message ?? String(err))}</p>`));
  }
});

async function showLogin(req, res, uid) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) {
    throw new Error('interaction mismatch');
  }
  send(res, 200, loginPage(uid, details.params.client_id, null));
}

async function submitLogin(req, res, uid) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) {
    throw new Error('interaction mismatch');
  }
  const form = new URLSearchParams(await readBody(req));

  if (form.get('action') === 'cancel') {
    await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'Cancelled' }, {
      mergeWithLastSubmission: false,
    });
    return;
  }

  const login = (form.get('login') ?? '').trim();
  const identity = Object.hasOwn(identities, login) ? identities[login] : undefined;
  if (!identity) {
    send(res, 400, loginPage(uid, details.params.client_id, `Onbekende gebruiker: ${login}`));
    return;
  }

  const grant = new provider.Grant({ accountId: identity.sub, clientId: details.params.client_id });
  const requested = new Set(String(details.params.scope ?? '').split(' '));
  grant.addOIDCScope(['openid', 'idin'].filter((scope) => requested.has(scope)).join(' '));
  grant.addOIDCClaims(['sub', ...claimNames]);
  const grantId = await grant.save();

  const result = {
    login: { accountId: identity.sub, remember: false, ...(identity.acr ? { acr: identity.acr } : {}) },
    consent: { grantId },
  };
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
}

function loginPage(uid, clientId, error) {
  return page('Bank simulator', `
<h1>Bank simulator</h1>
<p>iDIN-login voor <span id="client">${escapeHtml(clientId)}</span></p>
${error ? `<p id="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}" autocomplete="off">
  <label for="login">Gebruiker</label>
  <input id="login" name="login" required autofocus>
  <label for="password">Wachtwoord</label>
  <input id="password" name="password" type="password">
  <button id="submit" type="submit" name="action" value="login">Inloggen</button>
  <button id="cancel" type="submit" name="action" value="cancel" formnovalidate>Annuleren</button>
</form>`);
}

function page(title, body) {
  return `<!DOCTYPE html>
<html lang="nl">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>${body}</body>
</html>`;
}

function send(res, status, html) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(html);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > 64 * 1024) {
        reject(new Error('form too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function escapeHtml(value) {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}

server.listen(Number(config.port ?? 0), '127.0.0.1', () => {
  process.stdout.write(`READY ${server.address().port}\n`);
});
