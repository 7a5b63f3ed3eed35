import { token } from './auth.js';

export const view = { district: null, year: null, asOf: null };

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

const query = params => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
};

export const districtPath = path => `/api/v1/districts/${encodeURIComponent(view.district)}${path}`;
export const yearPath = (path, year = view.year) => districtPath(`/years/${year}${path}`);

// A read with the viewer's token; asOf is added to every read that takes it, so each page shows the ledger as recorded then.
export async function get(path, params = {}, { text = false, asOf = true } = {}) {
  const response = await fetch(path + query({ ...params, asOf: asOf ? view.asOf : null }), {
    headers: { Authorization: `Bearer ${token()}`, Accept: text ? 'text/markdown, application/problem+json' : 'application/json, application/problem+json' },
  });
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch { /* not a problem document */ }
    throw new ApiError(response.status, problem);
  }
  return text ? response.text() : response.json();
}

export async function getNdjson(path, params = {}) {
  const raw = await get(path, params, { text: true, asOf: false });
  return raw.split('\n').filter(Boolean).map(line => JSON.parse(line));
}
