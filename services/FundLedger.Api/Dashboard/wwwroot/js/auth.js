import { t } from './i18n.js';

// The viewer's token: pasted (local use: the token run.sh prints) or obtained by OIDC authorization code + PKCE. It is kept
// in this tab's session storage and sent only in the Authorization header, never in a URL.
const KEY = 'fundledger.token';
const PKCE = 'fundledger.pkce';

export const token = () => sessionStorage.getItem(KEY);
export const signOut = () => sessionStorage.removeItem(KEY);

export function claims(jwt = token()) {
  try {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(Array.from(atob(part), c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
    return JSON.parse(json);
  } catch { return null; }
}

// What was pasted, as a token: the bare token, or the line run.sh prints (export TOKEN=…), quoted or not, or "Bearer …".
export function tokenOf(pasted) {
  return pasted.trim().replace(/^export\s+/, '').replace(/^TOKEN=/, '').replace(/^Bearer\s+/i, '').replace(/^(["'])(.*)\1$/, '$2').trim();
}

// Keeps a token once the service has accepted it; else answers why not (malformed, expired, no district, or the service's
// own reason: a wrong signature, another issuer …). null when it was accepted.
export async function accept(pasted) {
  const jwt = tokenOf(pasted);
  const c = jwt.split('.').length === 3 ? claims(jwt) : null;
  if (!c) return t('tokenMalformed');
  if (c.exp && c.exp * 1000 < Date.now()) return t('tokenExpired', new Date(c.exp * 1000).toLocaleString());
  const granted = districtsOf(c);
  if (granted.length === 0) return t('tokenNoDistrict');
  const response = await fetch(`/api/v1/districts/${encodeURIComponent(granted[0])}/years`,
    { headers: { Authorization: `Bearer ${jwt}`, Accept: 'application/json, application/problem+json' } });
  if (response.status === 401 || response.status === 403) {
    const problem = await response.json().catch(() => null);
    if (problem?.type?.endsWith('/insufficient-scope')) return t('tokenNoScope');
    return t('tokenRefused', problem?.detail ?? problem?.title ?? response.status);
  }
  sessionStorage.setItem(KEY, jwt);
  return null;
}

const districtsOf = c => {
  const d = c?.districts ?? [];
  return [...new Set((Array.isArray(d) ? d : [d]).flatMap(v => String(v).split(/[ ,]/)).filter(Boolean))].sort();
};

export const districts = () => districtsOf(claims());

export const scopes = () => String(claims()?.scope ?? '').split(' ').filter(Boolean);

const base64url = bytes => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

async function discovery(authority) {
  const response = await fetch(authority.replace(/\/$/, '') + '/.well-known/openid-configuration');
  if (!response.ok) throw new Error(`OpenID configuration: ${response.status}`);
  return response.json();
}

// Step 1: to the provider with a fresh verifier's challenge (S256) and state.
export async function beginOidc(config) {
  const meta = await discovery(config.authority);
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PKCE, JSON.stringify({ verifier, state }));
  const url = new URL(meta.authorization_endpoint);
  const redirect = location.origin + location.pathname;
  Object.entries({ response_type: 'code', client_id: config.clientId, redirect_uri: redirect, scope: config.scope, state,
    code_challenge: challenge, code_challenge_method: 'S256' }).forEach(([k, v]) => url.searchParams.set(k, v));
  location.assign(url.toString());
}

// Step 2: back with ?code=…&state=…: exchange the code with the verifier, then take the code out of the address bar.
export async function completeOidc(config) {
  const params = new URLSearchParams(location.search);
  if (!params.has('code')) return false;
  const pending = JSON.parse(sessionStorage.getItem(PKCE) ?? 'null');
  sessionStorage.removeItem(PKCE);
  history.replaceState(null, '', location.pathname + location.hash);
  if (!pending || pending.state !== params.get('state')) throw new Error('The sign-in answer does not match the request (state).');
  const meta = await discovery(config.authority);
  const response = await fetch(meta.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code'), redirect_uri: location.origin + location.pathname,
      client_id: config.clientId, code_verifier: pending.verifier }),
  });
  if (!response.ok) throw new Error(`Token endpoint: ${response.status}`);
  const answer = await response.json();
  const refused = await accept(answer.access_token);
  if (refused) throw new Error(refused);
  return true;
}
